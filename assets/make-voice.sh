#!/bin/sh
# make-voice.sh: regenerate the spoken count samples assets/voice/one.wav … ten.wav.
#
# Needs Debian's flite and sox:  apt-get install -y flite sox
# Usage:  sh assets/make-voice.sh [OUTDIR]     (default: voice/ beside this script)
# Re-runnable: overwrites the files; output is byte-for-byte repeatable with the
# same flite/sox versions (sox -D: no dither, so no randomness).
#
# Each file: flite voice "slt" (16 kHz) -> resampled to 48 kHz mono 16-bit PCM,
# peak-normalised to -3 dBFS, cut sample-exactly from the first to the last
# sample above -50 dBFS (speech starts at sample 0), then a 5 ms fade-out.
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

# Trim threshold: -50 dBFS (0.00316 of full scale), applied after normalising.
THRESH=0.00316

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for word in one two three four five six seven eight nine ten; do
    flite -voice slt -t "$word" -o "$tmp/$word.wav"
    # pass 1: resample to 48 kHz and normalise the peak to -3 dBFS (32-bit float)
    sox -D -V1 "$tmp/$word.wav" -e floating-point -b 32 "$tmp/$word.f32.wav" \
        rate -v 48000 norm -3
    # find the first and last sample louder than $THRESH (sample-exact, unlike
    # sox's windowed `silence` effect, which cut into word onsets and endings)
    range=$(sox -V1 "$tmp/$word.f32.wav" -t dat - | awk -v t="$THRESH" '
        /^;/ { next }
        { v = $2 < 0 ? -$2 : $2; if (v > t) { if (first == "") first = n; last = n }; n++ }
        END { if (first == "") exit 1; print first, last + 1 }')
    first=${range% *}
    end=${range#* }
    # pass 2: cut [first, end), 5 ms fade-out, write 16-bit PCM
    sox -D -V1 "$tmp/$word.f32.wav" -r 48000 -c 1 -b 16 -e signed-integer \
        "$out/$word.wav" trim "${first}s" "=${end}s" fade h 0 -0 0.005
done
echo "wrote $(ls "$out"/*.wav | wc -l) files to $out"
