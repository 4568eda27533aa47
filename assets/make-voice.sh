#!/bin/sh
# make-voice.sh: regenerate the voice: the spoken numbers assets/voice/1.wav …
# 60.wav and the words (up.wav, down.wav, last-rep.wav, squat.wav, …).
#
# Needs Debian's flite and sox:  apt-get install -y flite sox
# Usage:  sh assets/make-voice.sh [OUTDIR]     (default: voice/ beside this script)
# Re-runnable: overwrites the files; output is byte-for-byte repeatable with the
# same flite/sox versions (sox -D: no dither, so no randomness).
#
# Each file: flite voice "slt" (16 kHz mono) -> peak-normalised to -3 dBFS, cut sample-exactly from the first to the last sample above
# -40 dBFS (speech starts at sample 0), a 5 ms fade-out, stored as 16 kHz
# 16-bit PCM (the program resamples to its 48 kHz stream when it starts).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/voice"}
for tool in flite sox; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "make-voice.sh: '$tool' not found; run: apt-get install -y flite sox" >&2
        exit 1
    }
done
flite -lv | grep -qw slt || { echo "make-voice.sh: flite has no 'slt' voice" >&2; exit 1; }

# Trim threshold: -40 dBFS (0.01 of full scale), applied after normalising
# (the compressor lifts the breath after a word; -50 dBFS kept too much of it).
THRESH=0.01

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

# make NAME TEXT STRETCH: flite says TEXT into $out/NAME.wav, normalised,
# trimmed and faded as described above.
make() {
    name=$1
    flite -voice slt --setf duration_stretch="$3" -t "$2" -o "$tmp/$name.wav"
    # pass 1: normalise the peak to -3 dBFS (32-bit float, flite's own
    # 16 kHz). A compressor and a presence boost (compand, equalizer 3000 +6)
    # were tried: the recogniser then heard "one" as "fifty one".
    sox -D -V1 "$tmp/$name.wav" -e floating-point -b 32 "$tmp/$name.f32.wav" \
        norm -3
    # find the first and last sample louder than $THRESH (sample-exact, unlike
    # sox's windowed `silence` effect, which cut into word onsets and endings)
    range=$(sox -V1 "$tmp/$name.f32.wav" -t dat - | awk -v t="$THRESH" '
        /^;/ { next }
        { v = $2 < 0 ? -$2 : $2; if (v > t) { if (first == "") first = n; last = n }; n++ }
        END { if (first == "") exit 1; print first, last + 1 }')
    first=${range% *}
    end=${range#* }
    # pass 2: cut [first, end), 5 ms fade-out, write 16-bit PCM
    sox -D -V1 "$tmp/$name.f32.wav" -r 16000 -c 1 -b 16 -e signed-integer \
        "$out/$name.wav" trim "${first}s" "=${end}s" fade h 0 -0 0.005
}

n=0
while [ "$n" -lt 60 ]; do
    n=$((n + 1))
    # Two-word numbers (21 on) spoken 20 % faster, so each fits in the
    # second before the next count.
    stretch=1
    [ "$n" -gt 20 ] && stretch=0.8
    make "$n" "$(spoken "$n")" "$stretch"
done

# The words: FILE|TEXT, each at flite's own speed but the long ones, 15 %
# faster so that they fit in a second. The exercise names are the built-in
# exercises' (src/program/presets.rs), said after "next".
while IFS='|' read -r name text stretch; do
    make "$name" "$text" "${stretch:-1}"
done <<'WORDS'
up|up
down|down
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
done|done
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
rep|rep
WORDS
echo "wrote $(ls "$out"/*.wav | wc -l) files to $out"
