#!/bin/sh
# make-voice.sh: regenerate the voice: the spoken numbers assets/voice/1.wav …
# 60.wav and the words (up.wav, down.wav, last-rep.wav, squat.wav, …).
#
# Needs Debian's flite and sox:  apt-get install -y flite sox
# (and, only to try festival's voices, festival festvox-us-slt-hts
# festvox-kallpc16k).
#
# Usage:  sh assets/make-voice.sh [OUTDIR]     (default: voice/ beside this script)
#
# Re-runnable: overwrites the files; output is byte-for-byte repeatable with the
# same flite/sox versions (sox -D: no dither; no effect used here is random).
#
# Each file: flite voice "kal16" (16 kHz mono) -> the shaping chain below ->
# its peak set to -3 dBFS (the peak between the samples too, as played at
# 48 kHz), cut sample-exactly from the first to the last sample above
# -30 dBFS (speech starts at sample 0), a 5 ms fade-out, stored as 16 kHz
# 16-bit PCM (the program resamples to its 48 kHz stream when it starts). assets/README.md says why this voice and chain, with what each
# candidate measured (bench/din.py).
#
# Variables, to remake the candidates that were compared; the defaults make
# the committed files:
#   VOICE=flite:kal16   or flite:slt, flite:awb, flite:rms,
#                       festival:kal_diphone, festival:cmu_us_slt_arctic_hts
#   SHAPE=1             0: no shaping, only the peak set to -3 dBFS and a
#                       -40 dBFS trim: with VOICE=flite:slt this remakes the
#                       files before this voice byte for byte
#   CHAIN="…"           another list of sox effects for the shaping
#   THRESH=0.0316       the trim threshold, of full scale (-30 dBFS)
#   PACE=1 PACE2=0.8    flite's duration_stretch for one-word numbers and
#                       words, and for the numbers 21-60
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/voice"}
VOICE=${VOICE:-flite:kal16}
SHAPE=${SHAPE:-1}
PACE=${PACE:-1}
PACE2=${PACE2:-0.8}
engine=${VOICE%%:*}
voice=${VOICE#*:}

need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "make-voice.sh: '$1' not found; run: apt-get install -y $2" >&2
        exit 1
    }
}
need sox sox
case $engine in
    flite)
        need flite flite
        flite -lv | grep -qw "$voice" || { echo "make-voice.sh: flite has no '$voice' voice" >&2; exit 1; }
        ;;
    festival)
        need text2wave festival
        ;;
    *) echo "make-voice.sh: VOICE is flite:NAME or festival:NAME, not '$VOICE'" >&2; exit 1 ;;
esac

# The shaping chain, at 16 kHz in 32-bit float, before the peak is set:
# - norm -12: every word meets the compressor at the same peak (about the
#   level flite gives), so every word is shaped alike;
# - highpass 280: a laptop or phone speaker gives little below 300 Hz, and
#   what it cannot play only takes headroom from what it can;
# - six allpass filters (300 Hz-3 kHz): they shift phases, not levels; they
#   smear the sharp peak of each pulse of a low male voice over a few
#   milliseconds, so the same peak carries about 3 dB more energy;
# - equalizer 2500 1q +12: a presence boost over roughly 1.5-4 kHz, where
#   the consonants that tell "five" from "nine" and "six" from "three" are,
#   and where pink noise and most music are weakest;
# - compand 0.001,0.04 …: a fast compressor (1 ms attack, 40 ms release)
#   that lifts the quiet parts of a word (its consonants and endings) towards
#   the level of its vowel, so that at the same peak the word carries more
#   energy above the noise.
CHAIN=${CHAIN:-"norm -12 highpass 280 allpass 300 0.7q allpass 500 0.7q allpass 800 0.7q allpass 1300 0.7q allpass 2000 0.7q allpass 3000 0.7q equalizer 2500 1q +12 compand 0.001,0.04 -60,-60,-50,-20,-30,-10,0,-6 -3 0 0"}
# Trim threshold: the first and last sample above it bound the word. The
# compressor lifts the faint tail that follows a word, so the shaped words are
# cut at -30 dBFS; the unshaped ones at -40 dBFS as before.
if [ "$SHAPE" = 1 ]; then THRESH=${THRESH:-0.0316}; else THRESH=0.01; CHAIN=""; fi

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ones="one two three four five six seven eight nine"
teens="ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
# The spoken form of $1 (1-60).
spoken() {
    n=$1
    if [ "$n" -lt 10 ]; then echo "$ones" | cut -d' ' -f"$n"
    elif [ "$n" -lt 20 ]; then echo "$teens" | cut -d' ' -f"$((n - 9))"
    else
        tens=$(echo "twenty thirty forty fifty sixty" | cut -d' ' -f"$((n / 10 - 1))")
        if [ $((n % 10)) -eq 0 ]; then echo "$tens"
        else echo "$tens $(echo "$ones" | cut -d' ' -f"$((n % 10))")"; fi
    fi
}

# say TEXT STRETCH FILE: the synthesiser says TEXT into FILE at its own rate.
say() {
    case $engine in
        flite) flite -voice "$voice" --setf duration_stretch="$2" -t "$1" -o "$3" ;;
        festival)
            echo "$1" | text2wave -eval "(voice_$voice)" \
                -eval "(Parameter.set 'Duration_Stretch $2)" -o "$3" ;;
    esac
}

# make NAME TEXT STRETCH: the voice says TEXT into $out/NAME.wav, shaped,
# normalised, trimmed and faded as described above.
make() {
    name=$1
    say "$2" "$3" "$tmp/$name.wav"
    # pass 1: to 16 kHz 32-bit float, the shaping chain, the peak to -3 dBFS
    # shellcheck disable=SC2086 # CHAIN is a list of sox effects
    sox -D -V1 "$tmp/$name.wav" -r 16000 -e floating-point -b 32 "$tmp/$name.f32.wav" \
        $CHAIN norm -3
    # find the first and last sample louder than $THRESH (sample-exact, unlike
    # sox's windowed `silence` effect, which cut into word onsets and endings)
    range=$(sox -V1 "$tmp/$name.f32.wav" -t dat - | awk -v t="$THRESH" '
        /^;/ { next }
        { v = $2 < 0 ? -$2 : $2; if (v > t) { if (first == "") first = n; last = n }; n++ }
        END { if (first == "") exit 1; print first, last + 1 }')
    first=${range% *}
    end=${range#* }
    # The peak between the samples: the program plays the words at 48 kHz,
    # through its own interpolator (src/audio/voice.rs: a Hann-windowed sinc,
    # 4 taps a side), and a shaped word's waveform can peak up to 2.5 dB
    # above its samples there. Shaped words are set so that this peak is at
    # -3 dBFS: every word then peaks at the same level where it plays.
    gain=0
    if [ "$SHAPE" = 1 ]; then
        peak=$(sox -V1 "$tmp/$name.f32.wav" -t dat - | awk '
            BEGIN {
                pi = atan2(0, -1)
                for (p = 0; p < 3; p++) {
                    sum = 0
                    for (k = 0; k < 8; k++) {
                        x = k + 1 - 4 - p / 3
                        s = (x < 1e-6 && x > -1e-6) ? 1 : sin(pi * x) / (pi * x)
                        tap[p, k] = s * (0.5 + 0.5 * cos(pi * x / 4)); sum += tap[p, k]
                    }
                    for (k = 0; k < 8; k++) tap[p, k] /= sum
                }
            }
            /^;/ { next }
            { v[n++] = $2 }
            END {
                for (i = 0; i < n; i++) for (p = 0; p < 3; p++) {
                    acc = 0
                    for (k = 0; k < 8; k++) { j = i + k - 3; if (j >= 0 && j < n) acc += v[j] * tap[p, k] }
                    if (acc < 0) acc = -acc
                    if (acc > peak) peak = acc
                }
                printf "%.6f", peak
            }')
        gain=$(awk -v p="$peak" 'BEGIN { printf "%.3f", -3 - 20 * log(p) / log(10) }')
    fi
    # pass 2: the gain, cut [first, end), 5 ms fade-out, write 16-bit PCM
    sox -D -V1 "$tmp/$name.f32.wav" -r 16000 -c 1 -b 16 -e signed-integer \
        "$out/$name.wav" gain "$gain" trim "${first}s" "=${end}s" fade h 0 -0 0.005
}

n=0
while [ "$n" -lt 60 ]; do
    n=$((n + 1))
    # Two-word numbers (21 on) spoken 20 % faster, so each fits in the
    # second before the next count.
    stretch=$PACE
    [ "$n" -gt 20 ] && stretch=$PACE2
    make "$n" "$(spoken "$n")" "$stretch"
done

# The words: FILE|TEXT|STRETCH, each at the voice's own speed ($PACE) but
# where STRETCH is given: the long ones 15 % faster so that they fit in a
# second, and "up", "down" and "done", which kal16 says in 100-220 ms, half
# as slow again, so that each lasts long enough to be told from the others
# in noise (the recogniser heard the short "down" as "up" even clean). The
# exercise names are the built-in exercises' (src/program/presets.rs), said
# after "next". "rep" goes before the rep's number at a lift ("rep six"),
# 20 % faster so that the two fit a 1 s lift with their gap and margin.
while IFS='|' read -r name text stretch; do
    make "$name" "$text" "${stretch:-$PACE}"
done <<'WORDS'
up|up|1.5
down|down|1.5
hold|hold
rest|rest
partner|partner
last-rep|last rep
last-set|last set
set|set
of|of
to-failure|to failure|0.85
plus|plus
next|next
ready|ready
done|done|1.5
paused|paused
squat|squat
bench|bench
push-up|push up
dip|dip
romanian-deadlift|romanian deadlift|0.85
curl|curl
pull-up|pull up
chin-up|chin up
row|row
rep|rep|0.8
WORDS
echo "wrote $(ls "$out"/*.wav | wc -l) files to $out"
