"""Counts in noise: a speech reception threshold for each kind of thing the
voice says, measured the way the digits-in-noise hearing test measures a
listener (Smits, Kapteyn and Houtgast 2004; Smits, Theo Goverts and Festen
2013), with pocketsphinx as the listener.

Each trial plays one item (a count, a phase word or a phrase) at the level
its recordings have in assets/voice (every recording peaks at the same
level, as the program plays them) inside a stretch of noise, and asks the
recogniser, limited to a closed set of everything the program says, what it
heard. The noise goes down 2 dB after an item is heard and up 2 dB after it
is missed (one up, one down: the staircase settles where half the items are
heard); the threshold is the mean signal-to-noise ratio at the reversals,
leaving out the first REVERSALS_DROPPED.

The signal-to-noise ratio of a trial is the item's RMS over its speech (a
phrase's gaps left out) against the noise's RMS over the whole stretch it is
heard in. Each trial also notes the noise against the item's peak; the
program plays every recording at the same peak, so that figure says how
loud a noise may be, against what the speaker can give, for half the items
to be heard.

Noise is made by sox with its fixed seed (`sox -R`), ten minutes of it, and
each trial takes a stretch from a place drawn by a seeded generator; the
items' order is drawn by it too. Two voices measured with the same item set
and noise get the same stretches in the same order. Each staircase (track)
has a fresh decoder, and its front end (its estimate of the noise) and
cepstral mean are reset before every trial, so no trial depends on what was
heard before it. The noise is lowered no further than MAX_DB: an item not
heard there is reported as not heard.

Noises:
- pink: sox `synth pinknoise`.
- beat: music-like. The same pink noise with a beat: at 2 Hz (120 beats a
  minute) the level jumps to full and decays with a 100 ms time constant
  down to -15 dB, so it has the loud onsets and short dips of a gym's music.

Needs sox, numpy and pocketsphinx (bench/run installs them into
target/peers/venv). On its own:

    target/peers/venv/bin/python bench/din.py --voice assets/voice --old 9224ac8
"""

import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import wave

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RATE = 16_000
GAP_S = 0.12  # src/audio/script.rs: GAP, the pause between a phrase's words
LEAD_S = 0.3  # noise before the item
TAIL_S = 0.3  # and after it
STEP_DB = 2.0
START_DB = 6.0
MAX_DB = 30.0  # the noise goes no lower: an item not heard there is not heard
REVERSALS_DROPPED = 4
ACTIVE_DB = 25
NOISE_S = 600
# The commit whose assets/voice is the voice before this one (flite slt).
OLD_VOICE = "9224ac8"

ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty".split()


def number_word(n):
    """The spoken form of 1-60."""
    if n < 10:
        return ONES[n - 1]
    if n < 20:
        return TEENS[n - 10]
    t, u = divmod(n, 10)
    return TENS[t - 2] + ("" if u == 0 else " " + ONES[u - 1])


def recordings():
    """The names of the recordings the program embeds (src/audio/voice.rs),
    numbers first."""
    src = open(os.path.join(ROOT, "src", "audio", "voice.rs")).read()
    names = re.findall(r'include_bytes!\("\.\./\.\./assets/voice/([^"]+)\.wav"\)', src)
    return sorted(names, key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0))


def text_of(name):
    """What a recording says: "21" -> "twenty one", "last-rep" -> "last rep"."""
    return number_word(int(name)) if name.isdigit() else name.replace("-", " ")


EXERCISES = ["squat", "bench", "push-up", "dip", "romanian-deadlift", "curl", "pull-up",
             "chin-up", "row"]
PHASE_WORDS = ["up", "down", "hold", "rest", "partner"]
# Every phrase the program says (src/audio/script.rs `phrases`), one of each
# form, as lists of recordings.
PHRASES = (
    [["ready"], ["set", "1", "of", "3"], ["ready", "set", "1", "of", "3"],
     ["rest", "set", "2", "of", "3"], ["rest", "last-set"], ["last-rep"],
     ["to-failure"], ["plus", "2"], ["paused"], ["done"]]
    + [["rest", "next", e] for e in EXERCISES]
)


def grammar():
    """JSGF: everything the program says, each phrase form with any number."""
    nums = " | ".join(number_word(n) for n in range(1, 61))
    ex = " | ".join(text_of(e) for e in EXERCISES)
    return (
        "#JSGF V1.0;\ngrammar said;\n"
        f"<n> = {nums};\n<ex> = {ex};\n"
        "public <said> = <n> | up | down | hold | rest | partner | ready | done | paused"
        " | last rep | rep <n> | to failure | plus <n> | set <n> of <n> | ready set <n> of <n>"
        " | rest set <n> of <n> | rest last set | rest next <ex>;\n"
    )


def decoder():
    """A fresh pocketsphinx decoder over `grammar()`."""
    from pocketsphinx import Decoder

    dec = Decoder(samprate=RATE, loglevel="FATAL")
    if dec.lookup_word("deadlift") is None:
        dec.add_word("deadlift", "D EH D L IH F T", True)
    dec.add_jsgf_string("said", grammar())
    dec.activate_search("said")
    return dec


def read_wav(data):
    """A 16 kHz mono 16-bit WAV's samples, as floats in [-1, 1)."""
    with wave.open(io.BytesIO(data)) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            raise ValueError("not 16 kHz mono 16-bit")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768


def voice_from_dir(path):
    """{name: samples} from a directory like assets/voice."""
    return {n: read_wav(open(os.path.join(path, n + ".wav"), "rb").read()) for n in recordings()}


def voice_from_git(rev):
    """{name: samples} from assets/voice at commit `rev`."""
    out = {}
    for n in recordings():
        got = subprocess.run(["git", "show", f"{rev}:assets/voice/{n}.wav"], cwd=ROOT,
                             capture_output=True)
        if got.returncode != 0 and n != "1":
            continue  # a word made since (`rep`): no item before it used it
        got.check_returncode()
        out[n] = read_wav(got.stdout)
    return out


def item(voice, names):
    """A phrase's samples, its words a GAP_S apart, the active level
    (`active_level`) of its speech (gaps left out) and its peak as played
    (`played_peak`)."""
    gap = np.zeros(int(round(GAP_S * RATE)))
    parts = []
    for i, n in enumerate(names):
        if i:
            parts.append(gap)
        parts.append(voice[n])
    speech = np.concatenate([voice[n] for n in names])
    return np.concatenate(parts), active_level(speech), max(played_peak(voice[n]) for n in names)


def played_peak(x):
    """The peak of `x` as the program plays it: brought to 48 kHz by the
    interpolator of src/audio/voice.rs (a Hann-windowed sinc, 4 taps a
    side), whose output can peak between the stored samples."""
    half, up = 4, 3
    peak = 0.0
    xp = np.concatenate([np.zeros(half - 1), x, np.zeros(half)])
    for phase in range(up):
        k = np.arange(2 * half) + 1.0 - half - phase / up
        taps = np.sinc(k) * (0.5 + 0.5 * np.cos(np.pi * k / half))
        y = np.correlate(xp, taps / taps.sum(), "valid")
        peak = max(peak, float(np.max(np.abs(y))))
    return peak


def active_level(x):
    """The RMS of `x` over its 10 ms frames that are no more than
    ACTIVE_DB below its loudest one: the speech itself, not how much of a
    word's fading tail the trimming kept (a longer tail would lower a plain
    RMS and with it the noise)."""
    frame = RATE // 100
    f = x[: len(x) // frame * frame].reshape(-1, frame)
    power = np.mean(f ** 2, axis=1)
    active = power >= power.max() * 10 ** (-ACTIVE_DB / 10)
    return np.sqrt(np.mean(power[active]))


def db(x):
    return 20 * np.log10(x)


# ------------------------------------------------------------------ noise

_NOISES = {}


def noise(kind):
    """NOISE_S seconds of seeded noise at RATE, RMS 1."""
    if kind not in _NOISES:
        raw = subprocess.run(
            ["sox", "-R", "-V1", "-n", "-r", str(RATE), "-c", "1", "-b", "32",
             "-e", "floating-point", "-t", "raw", "-", "synth", str(NOISE_S), "pinknoise"],
            capture_output=True, check=True).stdout
        x = np.frombuffer(raw, dtype=np.float32).astype(np.float64)
        if kind == "beat":
            t = np.arange(len(x)) / RATE
            floor = 10 ** (-15 / 20)
            x = x * (floor + (1 - floor) * np.exp(-(t % 0.5) / 0.1))
        elif kind != "pink":
            raise ValueError(kind)
        _NOISES[kind] = x / np.sqrt(np.mean(x ** 2))
    return _NOISES[kind]


NOISE_NAMES = {"pink": "pink noise", "beat": "pink noise with a 2 Hz beat (music-like)"}


def seed(*parts):
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:8], "little")


# ---------------------------------------------------------------- staircase


def hear(dec, cmn, samples):
    """What `dec` hears in `samples` (floats), its front end (with its
    estimate of the noise) and cepstral mean reset first, so that nothing
    heard before changes what it hears."""
    dec.reinit_feat()
    dec.set_cmn(cmn)
    peak = np.max(np.abs(samples))
    if peak > 0.99:  # the recogniser does not mind the level; keep it unclipped
        samples = samples * (0.99 / peak)
    raw = np.round(samples * 32767).astype("<i2").tobytes()
    dec.start_utt()
    dec.process_raw(raw, full_utt=True)
    dec.end_utt()
    hyp = dec.hyp()
    return hyp.hypstr.strip() if hyp else ""


def staircase(voice, items, trials, kind, label):
    """One track: `trials` trials over `items` (lists of recording names),
    drawn in a seeded order, noise `kind`. Returns a dict with the
    threshold ("srt", re the items' RMS), the same re their peak ("srt_peak"),
    the reversals used, the share heard and the misses."""
    rng = np.random.default_rng(seed(label, kind))
    order = []
    while len(order) < trials:
        order.extend(rng.permutation(len(items)).tolist())
    order = order[:trials]
    offsets = rng.integers(0, NOISE_S * RATE - 8 * RATE, size=trials)
    n = noise(kind)
    dec = decoder()
    cmn = dec.get_cmn()
    lead, tail = int(LEAD_S * RATE), int(TAIL_S * RATE)
    snr = START_DB
    log = []  # (snr, crest, heard)
    misses = []
    for k, i in enumerate(order):
        x, rms, peak = item(voice, items[i])
        seg = n[offsets[k]: offsets[k] + lead + len(x) + tail]
        seg = seg / np.sqrt(np.mean(seg ** 2)) * rms / 10 ** (snr / 20)
        mix = seg.copy()
        mix[lead: lead + len(x)] += x
        want = " ".join(text_of(w) for w in items[i])
        got = hear(dec, cmn, mix)
        ok = got == want
        if not ok:
            misses.append((snr, want, got))
        log.append((snr, db(peak / rms), ok))
        snr = snr - STEP_DB if ok else min(snr + STEP_DB, MAX_DB)
    # reversals: a trial whose answer differs from the one before
    rev = [k for k in range(1, len(log)) if log[k][2] != log[k - 1][2]]
    used = rev[REVERSALS_DROPPED:]
    if len(used) < 4:  # too few: the mean of the trials after the first few
        used = list(range(min(8, len(log) // 2), len(log)))
    srt = float(np.mean([log[k][0] for k in used]))
    srt_peak = float(np.mean([log[k][0] + log[k][1] for k in used]))
    return {"srt": srt, "srt_peak": srt_peak, "reversals": len(used),
            "reached": srt < MAX_DB - STEP_DB,
            "sd": float(np.std([log[k][0] for k in used])),
            "heard": sum(1 for s in log if s[2]), "trials": len(log), "misses": misses}


# What is measured: (key, what, items, trials)
def sets():
    counts = [[str(n)] for n in range(1, 61)]
    out = [("counts", "the counts one to sixty", counts, 120),
           ("counts 1-10", "the counts one to ten", counts[:10], 100),
           ("phase words", "up, down, hold, rest, partner", [[w] for w in PHASE_WORDS], 100)]
    for p in PHRASES:
        out.append((" ".join(text_of(w) for w in p), "phrase", [p], 30))
    return out


def measure(voice, label, kinds=("pink", "beat"), only=None, progress=None):
    """{(key, kind): staircase result} for `voice` ({name: samples}); `only`:
    the keys (or "phrase") to measure, None for all."""
    results = {}
    for key, what, items, trials in sets():
        if only is not None and key not in only and what not in only:
            continue
        for kind in kinds:
            if progress:
                progress(f"{label}: {key}, {kind}")
            # seeded by the set and the noise, not the voice: every voice
            # gets the same items in the same order over the same noise
            results[(key, kind)] = staircase(voice, items, trials, kind, key)
    return results


def cell(r):
    """A threshold and, in brackets, the same against the peak; or that the
    item was not heard even with the noise at its lowest."""
    if not r["reached"]:
        return f"not heard at {MAX_DB:+.0f}"
    return f"{r['srt']:+.1f} ({r['srt_peak']:+.1f})"


def table(columns, kinds=("pink", "beat")):
    """Markdown: a row per item set, a threshold column per (voice, noise).
    `columns` is [(name, results)]."""
    keys = []
    for _, res in columns:
        for (key, _k) in res:
            if key not in keys:
                keys.append(key)
    head = ["what"] + [f"{name}, {kind}" for name, _ in columns for kind in kinds]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---|" * (len(head) - 1)]
    for key in keys:
        cells = []
        for _, res in columns:
            for kind in kinds:
                r = res.get((key, kind))
                cells.append("" if r is None else cell(r))
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--voice", action="append", default=[],
                    help="a directory of recordings (NAME=DIR to name it); repeatable")
    ap.add_argument("--old", help=f"also the voice at this commit (e.g. {OLD_VOICE})")
    ap.add_argument("--only", help="what to measure, comma-separated: counts, 'counts 1-10', "
                    "'phase words', phrase (every phrase) or one phrase")
    ap.add_argument("--noise", default="pink,beat")
    args = ap.parse_args()
    kinds = tuple(args.noise.split(","))
    only = args.only.split(",") if args.only else None
    columns = []
    if args.old:
        columns.append((args.old, measure(voice_from_git(args.old), args.old, kinds, only,
                                          lambda s: print(s, file=sys.stderr))))
    for v in args.voice:
        name, _, path = v.rpartition("=")
        name = name or os.path.basename(path.rstrip("/"))
        columns.append((name, measure(voice_from_dir(path), name, kinds, only,
                                      lambda s: print(s, file=sys.stderr))))
    print(table(columns, kinds))


if __name__ == "__main__":
    sys.exit(main())
