"""Intelligibility of the counting voice: how many counts of a rendered
lowering an off-the-shelf speech recogniser hears, clean and over pink noise.

For each lowering (3, 5, 7 and 10 s by default) it renders
`repcadence render N-0-1-0 --start lower --reps 1 --sets 1 --count-in 0`
at default settings, mixes in pink noise (sox `synth pinknoise`, seeded) at
each signal-to-noise ratio, cuts the window of each count (the second it is
said at the start of, up to the next; the last one up to the lift's cue),
and asks pocketsphinx, limited to a grammar of the number words one to
sixty, which number it hears. Each noisy level is heard over NOISE_TAKES
different stretches of the noise, so that one lucky or unlucky stretch does
not decide the figure.

A count names the second the lifter is in, said at its start. With the
default voice (`full`) the lowering's first second is "down" and the counts
are "two" to N; with `--voice counts` it is "one" to N.

The SNR is taken over the whole track: the render's RMS against the noise's.

bench/din.py measures the recordings themselves (a threshold in noise, the
way the digits-in-noise hearing test does); bench/bench.py reports both.

Needs sox on the PATH and pocketsphinx in the Python running this file:

    python3 -m venv /tmp/sphx && /tmp/sphx/bin/pip install pocketsphinx numpy
    apt-get install -y sox
    /tmp/sphx/bin/python bench/intelligibility.py --bin target/release/repcadence

Run on its own, it prints a Markdown table; bench/bench.py calls `measure()`
and `table()` for BENCHMARKS.md.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOWERINGS = [3, 5, 7, 10]
SNRS = [None, 12, 6, 0]  # None: clean
NOISE_TAKES = 4  # stretches of noise per lowering and level

ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty".split()


def number_word(n):
    """The spoken form of 1-60, as the recogniser spells it."""
    if n < 10:
        return ONES[n - 1]
    if n < 20:
        return TEENS[n - 10]
    if n == 60:
        return "sixty"
    t, u = divmod(n, 10)
    return TENS[t - 2] + ("" if u == 0 else " " + ONES[u - 1])


WORDS = {number_word(n): n for n in range(1, 61)}
JSGF = (
    "#JSGF V1.0;\ngrammar numbers;\npublic <number> = "
    + " | ".join("(" + number_word(n) + ")" for n in range(1, 61))
    + ";\n"
)


def pocketsphinx_version():
    from importlib.metadata import version

    return version("pocketsphinx")


def sox(*args):
    subprocess.run(["sox", "-R", "-V1", *args], check=True)


def rms(path):
    out = subprocess.run(
        ["sox", "-R", "-V1", path, "-n", "stats"], capture_output=True, text=True, check=True
    ).stderr
    m = re.search(r"RMS lev dB\s+(-?[\d.]+|-inf)", out)
    return float(m.group(1)) if m and m.group(1) != "-inf" else -120.0


def decoder():
    from pocketsphinx import Decoder

    d = Decoder(samprate=16000, loglevel="FATAL")
    d.add_jsgf_string("numbers", JSGF)
    d.activate_search("numbers")
    return d


def hear(dec, raw):
    dec.start_utt()
    dec.process_raw(raw, full_utt=True)
    dec.end_utt()
    hyp = dec.hyp()
    return WORDS.get(hyp.hypstr.strip()) if hyp else None


# The level every track is heard at: the render's peak set to -10 dBFS.
# pocketsphinx's front end hears one render differently at different
# levels (at the program's -1 dBFS it takes a clean "six" for "sixty", at
# -10 dBFS for "six"), and how well a word is heard must not depend on
# where the volume knob is; the ratios to the noise are the render's own.
LISTENING_PEAK_DB = -10


def at_listening_level(path):
    """`path` rewritten with its peak at LISTENING_PEAK_DB."""
    tmp = path + ".level.wav"
    sox(path, tmp, "gain", "-n", str(LISTENING_PEAK_DB))
    os.replace(tmp, path)


def render(binary, seconds, out, voice):
    subprocess.run(
        [binary, "render", f"{seconds}-0-1-0", "--start", "lower", "--reps", "1",
         "--sets", "1", "--count-in", "0", "--voice", voice, "-o", out, "--force"],
        check=True, capture_output=True,
    )
    at_listening_level(out)


def first_count(voice):
    """The first number said in a lowering: "one" at its start, or with the
    full voice "two" (its start is "down")."""
    return 2 if voice == "full" else 1


def pink_takes(length, takes, tmp):
    """`takes` different stretches of seeded pink noise, each `length` s
    long: one sox run (-R: the same noise every run), cut in pieces."""
    whole = os.path.join(tmp, "pink.wav")
    sox("-R", "-n", "-r", "48000", "-c", "1", "-b", "16", whole,
        "synth", f"{length * takes:.6f}", "pinknoise")
    out = []
    for k in range(takes):
        piece = os.path.join(tmp, f"pink-{k}.wav")
        sox(whole, piece, "trim", f"{k * length:.6f}", f"{length:.6f}")
        out.append(piece)
    return out


def measure(binary, lowerings=LOWERINGS, snrs=SNRS, work=None, voice="full", takes=NOISE_TAKES):
    """{(seconds, snr): (heard, planned, [(planned, heard)])}, over `takes`
    different stretches of noise at each noisy level (the clean track once).
    Each track gets a fresh decoder, so that what it heard before (its
    adaptation to the channel) does not change what it hears: runs give the
    same."""
    results = {}
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        for secs in lowerings:
            clean = os.path.join(tmp, f"{secs}.wav")
            render(binary, secs, clean, voice)
            level = rms(clean)
            length = float(subprocess.run(["soxi", "-D", clean], capture_output=True,
                                          text=True, check=True).stdout)
            noises = pink_takes(length, takes, tmp)
            for snr in snrs:
                heard = []
                for k, noise in enumerate(noises if snr is not None else [None]):
                    track = clean
                    if snr is not None:
                        gain = level - snr - rms(noise)
                        track = os.path.join(tmp, f"{secs}-{snr}-{k}.wav")
                        sox("-m", clean, "-v", f"{10 ** (gain / 20):.6f}", noise, track)
                    dec = decoder()
                    for n in range(first_count(voice), secs + 1):
                        # Count n is said at n - 1 s and lasts until n s.
                        raw = subprocess.run(
                            ["sox", "-R", "-V1", track, "-t", "raw", "-e", "signed-integer",
                             "-b", "16", "-r", "16000", "-c", "1", "-", "trim", str(n - 1), f"={n}"],
                            capture_output=True, check=True).stdout
                        heard.append((n, hear(dec, raw)))
                ok = sum(1 for n, h in heard if n == h)
                results[(secs, snr)] = (ok, len(heard), heard)
    return results


# The session whose every phrase is checked: three sets of three reps with
# holds, so that it says "set one of three", "down", "hold", "up", "last
# rep", "rest, set two of three", "rest, last set", the counts and "done".
PHRASE_SESSION = ["4-1-1-0", "3", "3", "12", "5", "lower"]


def mix(clean, snr, tmp, name):
    """`clean` with pink noise at `snr` dB (None: clean itself)."""
    if snr is None:
        return clean
    length = float(subprocess.run(["soxi", "-D", clean], capture_output=True,
                                  text=True, check=True).stdout)
    noise = os.path.join(tmp, "noise.wav")
    sox("-R", "-n", "-r", "48000", "-c", "1", "-b", "16", noise,
        "synth", str(length), "pinknoise")
    gain = rms(clean) - snr - rms(noise)
    track = os.path.join(tmp, f"{name}-{snr}.wav")
    sox("-m", clean, "-v", f"{10 ** (gain / 20):.6f}", noise, track)
    return track


def measure_phrases(binary, said, snrs=SNRS, work=None):
    """Every phrase of PHRASE_SESSION, cut from its start to its end (and
    a little after, not past the next), recognised over a grammar of every
    phrase the session says. `said` is the `said` example's binary.
    {snr: [(text, heard)]}."""
    lines = subprocess.run([said, *PHRASE_SESSION], capture_output=True, text=True,
                           check=True).stdout.split("\n")
    spoken = []
    for line in lines:
        if line.strip():
            start, end, text = line.split(" ", 2)
            spoken.append((int(start) / 1e9, int(end) / 1e9, text))
    texts = sorted({t for _, _, t in spoken})
    from pocketsphinx import Decoder

    def fresh():
        dec = Decoder(samprate=16000, loglevel="FATAL")
        dec.add_jsgf_string("phrases", "#JSGF V1.0;\ngrammar phrases;\npublic <p> = "
                            + " | ".join(f"({t})" for t in texts) + ";\n")
        dec.activate_search("phrases")
        return dec
    tempo, sets, reps, rest, count_in, start = PHRASE_SESSION
    results = {}
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        clean = os.path.join(tmp, "phrases.wav")
        subprocess.run([binary, "render", tempo, "--sets", sets, "--reps", reps, "--rest", rest,
                        "--count-in", count_in, "--start", start, "-o", clean, "--force"],
                       check=True, capture_output=True)
        at_listening_level(clean)
        for snr in snrs:
            track = mix(clean, snr, tmp, "phrases")
            dec = fresh()
            heard = []
            for i, (a, b, text) in enumerate(spoken):
                nxt = spoken[i + 1][0] if i + 1 < len(spoken) else b + 0.3
                raw = subprocess.run(
                    ["sox", "-R", "-V1", track, "-t", "raw", "-e", "signed-integer", "-b", "16",
                     "-r", "16000", "-c", "1", "-", "trim", f"{a:.4f}", f"={min(b + 0.15, nxt):.4f}"],
                    capture_output=True, check=True).stdout
                dec.start_utt()
                dec.process_raw(raw, full_utt=True)
                dec.end_utt()
                hyp = dec.hyp()
                heard.append((text, hyp.hypstr.strip() if hyp else None))
            results[snr] = heard
    return results


def phrase_table(results, snrs=SNRS):
    """Markdown: per phrase, heard/said at each noise level."""
    texts = []
    for text, _ in results[snrs[0]]:
        if text not in texts:
            texts.append(text)
    lines = ["| phrase | " + " | ".join(snr_name(s) for s in snrs) + " |",
             "|---|" + "---|" * len(snrs)]
    for text in texts:
        cells = []
        for s in snrs:
            pairs = [(t, h) for t, h in results[s] if t == text]
            cells.append(f"{sum(1 for t, h in pairs if t == h)}/{len(pairs)}")
        lines.append(f"| {text} | " + " | ".join(cells) + " |")
    totals = [f"**{sum(1 for t, h in results[s] if t == h)}/{len(results[s])}**" for s in snrs]
    lines.append("| all | " + " | ".join(totals) + " |")
    misses = [f"{snr_name(s)}: \"{t}\" as \"{h or 'nothing'}\""
              for s in snrs for t, h in results[s] if t != h]
    return "\n".join(lines), misses


def snr_name(snr):
    return "clean" if snr is None else f"{snr:+d} dB"


def table(results, lowerings=LOWERINGS, snrs=SNRS):
    """Markdown: heard/said per lowering (rows) and noise level (columns),
    how often the last count was heard, and what was heard instead
    wherever a count was missed."""
    lines = ["| lowering | " + " | ".join(snr_name(s) for s in snrs) + " | the last count heard |",
             "|---|" + "---|" * (len(snrs) + 1)]
    for secs in lowerings:
        cells = [f"{results[(secs, s)][0]}/{results[(secs, s)][1]}" for s in snrs]
        last = []
        for s in snrs:
            lasts = [h == secs for n, h in results[(secs, s)][2] if n == secs]
            last.append(f"{snr_name(s)}: {sum(lasts)}/{len(lasts)}")
        lines.append(f"| {secs} s | " + " | ".join(cells) + f" | {', '.join(last)} |")
    total = [sum(results[(l, s)][0] for l in lowerings) for s in snrs]
    said = [sum(results[(l, s)][1] for l in lowerings) for s in snrs]
    lines.append("| all | " + " | ".join(f"**{t}/{n} ({100 * t / n:.0f} %)**"
                                         for t, n in zip(total, said)) + " | |")
    misses = {}
    for secs in lowerings:
        for s in snrs:
            for n, h in results[(secs, s)][2]:
                if n != h:
                    key = f"{snr_name(s)}: {n} as {h or 'nothing'}"
                    misses[key] = misses.get(key, 0) + 1
    return "\n".join(lines), [k + (f" ×{c}" if c > 1 else "") for k, c in misses.items()]


def share(results, snr, lowerings=LOWERINGS):
    """The share of counts heard at `snr`, 0-1."""
    heard = sum(results[(l, snr)][0] for l in lowerings)
    said = sum(results[(l, snr)][1] for l in lowerings)
    return heard / said


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "repcadence"))
    ap.add_argument("--lowerings", default=",".join(map(str, LOWERINGS)))
    ap.add_argument("--voice", default="full", choices=["full", "counts"])
    ap.add_argument("--said", help="the `said` example's binary: also check every phrase")
    args = ap.parse_args()
    lowerings = [int(x) for x in args.lowerings.split(",")]
    results = measure(args.bin, lowerings, voice=args.voice)
    text, misses = table(results, lowerings)
    print(text)
    if misses:
        print("\nmissed: " + "; ".join(misses))
    if args.said:
        text, misses = phrase_table(measure_phrases(args.bin, args.said))
        print("\n" + text)
        if misses:
            print("\nmissed: " + "; ".join(misses))


if __name__ == "__main__":
    sys.exit(main())
