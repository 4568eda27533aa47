"""The measurements behind BENCHMARKS.md. Run through `bench/run`, which
installs the tools, builds the release binary and the examples, installs the
peers into target/peers and starts a private PulseAudio; this file then
measures and writes BENCHMARKS.md.

    bench/run                 # everything but the soak (about 12 minutes)
    bench/run --soak 30       # a 30-minute soak (its own section)
    bench/run --runs 5        # more runs per short figure (default 3)
"""

import argparse
import array
import datetime
import fcntl
import json
import os
import platform
import re
import select
import shlex
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = os.path.join(ROOT, "target", "release", "repcadence")
EXAMPLES = os.path.join(ROOT, "target", "release", "examples")
PEERS = os.path.join(ROOT, "target", "peers")
TIMERR = os.path.join(PEERS, "cargo", "bin", "timerr")
TERMDOWN = os.path.join(PEERS, "venv", "bin", "termdown")
RUSAGE = os.path.join(ROOT, "target", "bench", "rusage")  # bench/rusage.c
OUT = os.path.join(ROOT, "BENCHMARKS.md")
FLOOR = os.path.join(EXAMPLES, "floor")  # examples/floor.rs: bare rodio, silence
RATE = 48_000
F_SETPIPE_SZ = 1031
COLS, ROWS = 80, 24

# A 60 s session: 5 s count-in, two sets of five 4-0-1-0 reps, 5 s rest.
SESSION = ["4-0-1-0", "--sets", "2", "--reps", "5", "--rest", "5", "--count-in", "5"]
SESSION_PLAN = ["4-0-1-0", "2", "5", "5", "5"]  # examples/cues plan: tempo sets reps rest count-in
# A 10-minute session for render: 5 s + 10 sets of 8 × 6 s + 9 × 15 s rest.
RENDER = ["5-0-1-0", "--sets", "10", "--reps", "8", "--rest", "15", "--count-in", "5"]
RENDER_SECONDS = 620

GOALS = {
    "line_max_ms": 5.0,
    "spacing_samples": 1,
    "cpu_mute_pct": 0.1,
    "cpu_sound_pct": 1.0,
    "rss_mute_mib": 8.0,
    "rss_sound_mib": 16.0,
    "first_frame_ms": 20.0,
    "render_x": 500.0,
    "big_log_first_frame_x": 2.0,
    "offset_ms": 5.0,
    "correction_ms": 4.0,
    "floor_x": 1.5,
}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def isolated_env(home, **extra):
    """No config file, no training log, no terminal colours from outside."""
    env = dict(os.environ)
    env.update(
        HOME=home,
        XDG_CONFIG_HOME=os.path.join(home, "config"),
        XDG_DATA_HOME=os.path.join(home, "data"),
        LANG="C.UTF-8",
        TERM="xterm-256color",
    )
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


# ---------------------------------------------------------------- timing


LINE = re.compile(r"^(?:(\d+):)?(\d\d):(\d\d)\.(\d\d\d) ")


def planned_ms(text):
    m = LINE.match(text)
    if not m:
        return None
    h, mnt, s, ms = (int(g) if g else 0 for g in m.groups())
    return ((h * 60 + mnt) * 60 + s) * 1000 + ms


def plain_lines(args, env):
    """Runs a --plain session; returns [(arrival, planned ms, text)]."""
    proc = subprocess.Popen(
        [OURS, "--plain", "--no-log", *args], stdout=subprocess.PIPE, env=env, bufsize=0
    )
    lines = []
    for raw in iter(proc.stdout.readline, b""):
        now = time.monotonic()
        text = raw.decode(errors="replace").rstrip()
        t = planned_ms(text)
        if t is not None:
            lines.append((now, t, text))
    if proc.wait() != 0:
        raise SystemExit(f"repcadence --plain {' '.join(args)} exited {proc.returncode}")
    return lines


def line_errors(lines):
    """Each line's arrival against its planned time, from the first line."""
    first = lines[0][0]
    errors = sorted(abs(1000 * (now - first) - t) for now, t, _ in lines)
    p99 = errors[min(len(errors) - 1, int(0.99 * len(errors)))]
    return {"lines": len(errors), "mean": statistics.mean(errors), "p99": p99, "max": errors[-1]}


def timing(runs, home):
    log(f"timing: {runs} x 60 s --plain --mute")
    results = [line_errors(plain_lines([*SESSION, "--mute"], isolated_env(home))) for _ in range(runs)]
    drift = subprocess.run(
        [os.path.join(EXAMPLES, "drift")], capture_output=True, text=True, check=False
    )
    figures = dict(kv.split("=") for kv in drift.stdout.split())
    return {"runs": results, "drift": figures, "drift_ok": drift.returncode == 0}


# ---------------------------------------------------------------- audio


class SinkReader:
    """Reads the pipe sink's FIFO as PulseAudio writes it, stamping each
    chunk with the monotonic clock, into a file. `paced`, (FIFO bytes,
    channels): the reader is the sound card, taking frames at real-time
    pace from a FIFO of that size which the sink keeps full (SINKS)."""

    def __init__(self, fifo, path, paced=None):
        self.fifo, self.path, self.paced = fifo, path, paced
        self.marks = []  # (samples so far, monotonic time the chunk arrived)
        self.stop = False
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        self.ready.wait(5)

    def run(self):
        fd = os.open(self.fifo, os.O_RDONLY)
        if self.paced:
            self.run_paced(fd)
            return
        # Drop what the sink wrote before anyone listened.
        os.set_blocking(fd, False)
        until = time.monotonic() + 0.3
        while time.monotonic() < until:
            try:
                os.read(fd, 65536)
            except BlockingIOError:
                time.sleep(0.005)
        os.set_blocking(fd, True)
        self.ready.set()
        total = 0
        with open(self.path, "wb") as out:
            while not self.stop:
                chunk = os.read(fd, 8192)
                now = time.monotonic()
                out.write(chunk)
                total += len(chunk)
                self.marks.append((total // 2, now))
        os.close(fd)

    def run_paced(self, fd):
        """The sound card: frames taken at real-time pace; channel 0 of
        each (s16) is kept."""
        fifo_bytes, channels = self.paced
        frame = 2 * channels
        fcntl.fcntl(fd, F_SETPIPE_SZ, fifo_bytes)
        t0 = time.monotonic()
        frames = 0
        rest = b""
        with open(self.path, "wb") as out:
            while not self.stop:
                now = time.monotonic()
                want = frame * (int((now - t0) * RATE) - frames) - len(rest)
                if want > 0:
                    data = rest + os.read(fd, want)
                    whole = len(data) - len(data) % frame
                    rest = data[whole:]
                    out.write(array.array("h", data[:whole])[::channels].tobytes())
                    frames += whole // frame
                    # The last whole frame read is played at `now`.
                    self.marks.append((frames, now))
                    if frames > 0.3 * RATE:
                        self.ready.set()
                time.sleep(0.002)
        os.close(fd)

    def finish(self, linger=1.0):
        time.sleep(linger)
        self.stop = True
        self.thread.join(5)

    def heard(self, sample):
        """When the sink played `sample`. Read at real-time pace (`paced`),
        the last sample of each read is played as it is read: `sample` was
        played (end - sample) samples before its read. Read as it comes, the
        pipe sink on the system clock writes each chunk as its clock plays
        the chunk's first sample: `sample` is played (sample - start)
        samples after its chunk arrived."""
        lo, hi = 0, len(self.marks) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.marks[mid][0] > sample:
                hi = mid
            else:
                lo = mid + 1
        end, t = self.marks[lo]
        if self.paced:
            return t - (end - sample) / RATE
        start = self.marks[lo - 1][0] if lo > 0 else 0
        return t + (sample - start) / RATE


def example(*args):
    out = subprocess.run(
        [os.path.join(EXAMPLES, "cues"), *args], capture_output=True, text=True, check=True
    )
    return [int(x) for x in out.stdout.split()]


def spacing(heard, planned_ns):
    """Spacing error of consecutive onsets against the plan, in samples, and
    the drift of each onset from the first against the plan."""
    planned = [ns * RATE / 1e9 for ns in planned_ns]
    gaps = [
        abs((h1 - h0) - (p1 - p0))
        for (h0, h1), (p0, p1) in zip(zip(heard, heard[1:]), zip(planned, planned[1:]))
    ]
    drift = [(h - heard[0]) - (p - planned[0]) for h, p in zip(heard, planned)]
    return gaps, drift


# The sinks the offset is measured on. Normal: the harness's pipe sink
# `cue` on the system clock, which writes each chunk to its FIFO when its
# clock plays the chunk's first sample, and reports little more than the
# client's buffer. High-delay: a pipe sink clocked by its reader (no
# system clock), which reports what its FIFO holds as its latency; the
# reader is the sound card, taking frames at real-time pace from a FIFO of
# 16 KiB (170.7 ms of 48 kHz mono s16: what a Bluetooth headset reports;
# PulseAudio starves a FIFO much shorter than that).
SINKS = {
    "cue": ("normal sink", None),
    "slow": ("high-delay sink", (16384, 1)),
}


def sink_fifo(sink):
    """The FIFO of `sink`, loaded into the private PulseAudio the first
    time."""
    fifo = os.path.join(os.environ["PULSE_HARNESS_DIR"], f"{sink}.fifo")
    if SINKS[sink][1] and not os.path.exists(fifo):
        subprocess.run(
            ["pactl", "load-module", "module-pipe-sink", f"sink_name={sink}", f"file={fifo}",
             "format=s16le", "rate=48000", f"channels={SINKS[sink][1][1]}"],
            check=True, stdout=subprocess.DEVNULL,
        )
    return fifo


def audio(runs, home, work, sink):
    fifo = sink_fifo(sink)
    planned = example("plan", *SESSION_PLAN)
    results = []
    for run in range(runs):
        log(f"audio: run {run + 1}/{runs}, 60 s --plain with sound into the {SINKS[sink][0]}")
        raw = os.path.join(work, f"audio-{sink}{run}.raw")
        debug = os.path.join(work, f"audio-{sink}{run}.log")
        reader = SinkReader(fifo, raw, SINKS[sink][1])
        time.sleep(0.3)
        lines = plain_lines([*SESSION, "--debug-log", debug], isolated_env(home, PULSE_SINK=sink))
        reader.finish()
        heard = example("onsets", raw)
        gaps, _ = spacing(heard, planned)
        # Sound against sight: when each cue was heard (played by the sink)
        # against the moment its planned instant was shown (the first line
        # is 00:00.000). No --audio-latency, no config file.
        shown0 = lines[0][0]
        offset = [
            1000 * (reader.heard(h) - (shown0 + ns / 1e9)) for h, ns in zip(heard, planned)
        ]
        with open(debug) as f:
            text = f.read()
        reported = re.findall(r"delay reported ([\d.]+) ms", text)
        moved = re.findall(r"(\d+) drift correction\(s\), (\d+) jump", text)
        corrections = int(moved[-1][0]) + int(moved[-1][1]) if moved else 0
        # The stream follows the device's clock where it drifts from the
        # display's: each correction moves the cues after it by a few ms. The
        # spacing between corrections is the largest gap error but for the
        # `corrections` largest.
        ordered = sorted(gaps)
        between = ordered[: len(ordered) - corrections] if corrections else ordered
        results.append(
            {
                "planned": len(planned),
                "heard": len(heard),
                "gap_mean": statistics.mean(gaps) if gaps else float("nan"),
                "gap_max": max(gaps) if gaps else float("nan"),
                "gap_max_between": max(between) if between else 0,
                "corrections": corrections,
                "offset_median": median(offset),
                "offset_min": min(offset) if offset else float("nan"),
                "offset_max": max(offset) if offset else float("nan"),
                "reported_ms": float(reported[-1]) if reported else float("nan"),
                "lines": line_errors(lines),
            }
        )
        os.remove(raw)
    return results


# ---------------------------------------------------------------- cost


ISOLATED = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "LANG", "TERM")


def tmux_start(socket, home, argv, **extra):
    """Runs argv in a detached tmux server of its own, COLS x ROWS, with
    isolated_env(home, **extra). A tmux server hands its own environment
    on, so what isolated_env changes is set on the command line."""
    env = isolated_env(home, **extra)
    exports = " ".join(f"{k}={shlex.quote(env[k])}" for k in (*ISOLATED, *extra))
    cmd = f"env -u NO_COLOR {exports} " + " ".join(shlex.quote(a) for a in argv)
    tmux(socket, "-f", "/dev/null", "new-session", "-d", "-x", str(COLS), "-y", str(ROWS), cmd, check=True)


def tmux(socket, *args, check=False):
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=check
    )


class Pane:
    """One program in a detached tmux pane of COLS x ROWS, under rusage (bench/rusage.c),
    which writes its CPU time and peak RSS when it ends."""

    def __init__(self, name, argv, env_extra=None):
        self.name = name
        self.socket = f"bench-{os.getpid()}-{name}"
        self.dir = tempfile.mkdtemp(prefix=f"bench-{name}-")
        self.result = os.path.join(self.dir, "rusage.json")
        self.started = time.monotonic()
        tmux_start(self.socket, self.dir, [RUSAGE, self.result, *argv], **(env_extra or {}))

    def screen(self):
        return tmux(self.socket, "capture-pane", "-p").stdout

    def done(self):
        return os.path.exists(self.result)

    def close(self):
        tmux(self.socket, "kill-server")
        with open(self.result) as f:
            return json.load(f)


FLOOR_NAME = "floor: bare rodio, silence"


def cost(runs):
    """All runs of all five programs side by side, each in its own tmux
    server: 60 s each, about 70 s in all. CPU time is per process, so
    running them together changes little; the machine is left otherwise
    idle. The floor (examples/floor.rs) is a bare rodio output on the same
    device path (48 kHz mono, a 2048-frame buffer, the null sink) playing
    silence: what any program with sound pays."""
    kinds = [
        ("repcadence --mute", [OURS, *SESSION, "--no-log", "--mute"], None),
        ("repcadence, sound on", [OURS, *SESSION, "--no-log"], {"PULSE_SINK": "null"}),
        (FLOOR_NAME, [FLOOR, "60"], {"PULSE_SINK": "null"}),
        ("timerr 60s", [TIMERR, "60s"], None),
        ("termdown 60", [TERMDOWN, "60"], None),
    ]
    log(f"cost: {runs} x 60 s of each of {len(kinds)} programs in tmux {COLS}x{ROWS}, side by side")
    panes = [(name, Pane(f"{i}-{r}", argv, env)) for i, (name, argv, env) in enumerate(kinds) for r in range(runs)]
    results = {name: [] for name, _, _ in kinds}
    while panes:
        time.sleep(0.25)
        for name, pane in list(panes):
            age = time.monotonic() - pane.started
            if pane.done():
                results[name].append(pane.close())
                panes.remove((name, pane))
            elif "press any key" in pane.screen() or age > 61:
                # Ours shows a summary after the session; timerr stays at
                # 00:00:00 until a key.
                tmux(pane.socket, "send-keys", "q")
            if age > 90 and not pane.done():
                raise SystemExit(f"{name} did not end after 90 s:\n{pane.screen()}")
    return results


# ---------------------------------------------------------------- first frame


def first_frame(argv, env, settle=1.5):
    """Spawns argv on a pseudo-terminal of COLS x ROWS, feeds what it
    writes to a terminal emulator (pyte, which also answers the cursor and
    device queries a real terminal answers), and returns the ms from spawn
    until the screen first holds 90 % of the characters it holds once
    settled: the first full frame."""
    import pyte

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    screen = pyte.Screen(COLS, ROWS)
    screen.write_process_input = lambda data: os.write(master, data.encode())
    stream = pyte.ByteStream(screen)

    def setup():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    spawned = time.monotonic()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=setup, close_fds=True
    )
    os.close(slave)
    counts = []  # (ms since spawn, non-blank cells)
    while time.monotonic() - spawned < settle:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            now = time.monotonic()
            stream.feed(data)
            filled = sum(1 for line in screen.display for ch in line if ch != " ")
            counts.append((1000 * (now - spawned), filled))
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    os.close(master)
    settled = counts[-1][1] if counts else 0
    for ms, filled in counts:
        if settled and filled >= 0.9 * settled:
            return ms
    return float("nan")


def first_frames(runs, home):
    kinds = [
        ("repcadence --mute", [OURS, *SESSION, "--no-log", "--mute"], {}),
        ("repcadence, sound on", [OURS, *SESSION, "--no-log"], {"PULSE_SINK": "null"}),
        ("timerr 60s", [TIMERR, "60s"], {}),
        ("termdown 60", [TERMDOWN, "60"], {}),
    ]
    log(f"first frame: {runs} runs of each, one at a time")
    out = {}
    for name, argv, extra in kinds:
        out[name] = [first_frame(argv, isolated_env(home, **extra)) for _ in range(runs)]
    return out


def big_logs(runs, work):
    """What a big training log costs a session's start: synthesised logs
    of 0, 10 and 20 years (examples/tenyear_log: 5 sessions a week of 3
    exercises × 5 sets), the full-screen first frame with each (coaching
    reads the log at the start), and the peak RSS of a one-rep `--plain`
    session with each."""
    sizes = {"empty": 0, "10 years": 520, "20 years": 1040}
    paths = {}
    for name, weeks in sizes.items():
        path = os.path.join(work, f"log-{weeks}.csv")
        if weeks:
            subprocess.run([os.path.join(EXAMPLES, "tenyear_log"), path, str(weeks)], check=True,
                           stdout=subprocess.DEVNULL)
        paths[name] = path
    log(f"big logs: first frame and peak RSS with logs of {', '.join(sizes)}, {runs} runs each")
    out = {}
    for name, path in paths.items():
        size = os.path.getsize(path) if os.path.exists(path) else 0
        frames = [
            first_frame([OURS, *SESSION, "--mute", "--exercise", "squat", "--log", path],
                        isolated_env(work))
            for _ in range(runs)
        ]
        rss = []
        for i in range(runs):
            res = os.path.join(work, f"rusage-big-{i}.json")
            subprocess.run(
                [RUSAGE, res, OURS, "1-0-0-0", "--plain", "--mute", "--sets", "1", "--reps", "1",
                 "--count-in", "0", "--exercise", "squat", "--no-log", "--log", path],
                env=isolated_env(work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                check=False,
            )
            with open(res) as fh:
                rss.append(json.load(fh)["maxrss_kib"] / 1024)
        out[name] = {"bytes": size, "frames": frames, "rss": rss}
    return out


# ---------------------------------------------------------------- render, build


def render(runs, work):
    log(f"render: {runs} x a {RENDER_SECONDS} s session")
    wav = os.path.join(work, "render.wav")
    results = []
    for _ in range(runs):
        out = os.path.join(work, "render.json")
        subprocess.run(
            [RUSAGE, out, OURS, "render", *RENDER, "-o", wav, "--force"],
            check=True, env=isolated_env(work), stderr=subprocess.DEVNULL,
        )
        with open(out) as f:
            results.append(json.load(f))
    size = os.path.getsize(wav)
    os.remove(wav)
    return {"runs": results, "wav_bytes": size}


def build():
    log("build: a clean release build in a target directory of its own")
    target = tempfile.mkdtemp(prefix="bench-build-")
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    # Sources fetched first, so the timing is the build alone.
    subprocess.run(["cargo", "fetch", "--locked"], cwd=ROOT, check=True, env=env)
    t0 = time.monotonic()
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True, env=env
    )
    seconds = time.monotonic() - t0
    binary = os.path.join(target, "release", "repcadence")
    size = os.path.getsize(binary)
    subprocess.run(["rm", "-rf", target], check=True)
    return {"seconds": seconds, "bytes": size}


# ---------------------------------------------------------------- soak


def soak(minutes, work):
    """One long full-screen session with sound into the pipe sink, in tmux;
    RSS and CPU sampled every 10 s; every onset of the whole recording
    checked against the plan."""
    sets = max(1, round(minutes * 60 / 120))
    args = ["4-0-1-0", "--sets", str(sets), "--reps", "10", "--rest", "70", "--count-in", "5"]
    length = 5 + sets * 50 + (sets - 1) * 70
    planned = example("plan", "4-0-1-0", str(sets), "10", "70", "5")
    fifo = os.path.join(os.environ["PULSE_HARNESS_DIR"], "cue.fifo")
    raw = os.path.join(work, "soak.raw")
    debug_log = os.path.join(work, "soak-debug.log")
    log(f"soak: {length} s full-screen session with sound ({' '.join(args)})")
    reader = SinkReader(fifo, raw)
    time.sleep(0.3)
    pidfile = os.path.join(work, "soak.pid")
    socket = f"bench-soak-{os.getpid()}"
    argv = [OURS, *args, "--no-log", "--debug-log", debug_log]
    # By way of sh, which writes its pid: exec keeps it for the program.
    script = f"echo $$ > {shlex.quote(pidfile)}; exec " + " ".join(shlex.quote(a) for a in argv)
    tmux_start(socket, work, ["sh", "-c", script], PULSE_SINK="cue", RUST_LOG="debug")
    while not os.path.exists(pidfile) or not open(pidfile).read().strip():
        time.sleep(0.05)
    pid = int(open(pidfile).read())
    tick = os.sysconf("SC_CLK_TCK")
    samples = []  # (s since start, RSS KiB, CPU s)
    t0 = time.monotonic()
    while True:
        try:
            with open(f"/proc/{pid}/status") as f:
                rss = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, AttributeError):
            break
        samples.append((time.monotonic() - t0, rss, cpu))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
            if "press any key" in tmux(socket, "capture-pane", "-p").stdout:
                tmux(socket, "send-keys", "q")
            time.sleep(0.5)
        if not os.path.exists(f"/proc/{pid}"):
            break
    tmux(socket, "kill-server")
    reader.finish(1.5)
    heard = example("onsets", raw)
    gaps, drift = spacing(heard, planned)
    n = len(gaps)
    tenth = max(1, n // 10)
    with open(debug_log) as f:
        debug = f.read().splitlines()
    trouble = [line for line in debug if re.search(r"ERROR|WARN|sound device error|lost", line)]
    closed = [line for line in debug if "sound device closed" in line]
    os.remove(raw)
    warm = [s for s in samples if s[0] >= 60] or samples
    intervals = [
        100 * (c1 - c0) / (t1 - t0_) for (t0_, _, c0), (t1, _, c1) in zip(samples, samples[1:]) if t1 > t0_
    ]
    return {
        "minutes": minutes,
        "args": " ".join(args),
        "length_s": length,
        "samples": len(samples),
        "rss_first_kib": warm[0][1],
        "rss_last_kib": samples[-1][1],
        "rss_max_kib": max(s[1] for s in samples),
        "cpu_total_s": samples[-1][2],
        "cpu_pct": 100 * samples[-1][2] / samples[-1][0] if samples[-1][0] else float("nan"),
        "cpu_interval_max_pct": max(intervals) if intervals else float("nan"),
        "planned": len(planned),
        "heard": len(heard),
        "gap_start_mean": statistics.mean(gaps[:tenth]) if gaps else float("nan"),
        "gap_start_max": max(gaps[:tenth]) if gaps else float("nan"),
        "gap_end_mean": statistics.mean(gaps[-tenth:]) if gaps else float("nan"),
        "gap_end_max": max(gaps[-tenth:]) if gaps else float("nan"),
        "gap_max": max(gaps) if gaps else float("nan"),
        "drift_end": drift[-1] if drift else float("nan"),
        "drift_max": max((abs(d) for d in drift), default=float("nan")),
        "closed": closed[-1].split("] ", 1)[-1] if closed else "(no close line)",
        "trouble": trouble,
    }


# ---------------------------------------------------------------- report


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "kernel": platform.release(),
        "rustc": rustc,
        "commit": commit + (" (with local changes)" if dirty else ""),
    }


def verdict(ok):
    return "met" if ok else "**missed**"


def cost_rows(costs):
    rows = {}
    for name, runs in costs.items():
        rows[name] = {
            "wall": median([r["wall"] for r in runs]),
            "cpu": median([r["cpu"] for r in runs]),
            "pct": median([100 * r["cpu"] / r["wall"] for r in runs]),
            "rss": median([r["maxrss_kib"] / 1024 for r in runs]),
            "n": len(runs),
        }
    return rows


def write_report(m, t, a, c, f, r, b, runs, g=None):
    rows = cost_rows(c)
    ffm = {name: median(v) for name, v in f.items()}
    mute, sound = rows["repcadence --mute"], rows["repcadence, sound on"]
    floor = rows[FLOOR_NAME]
    floor_x = sound["pct"] / floor["pct"]
    peers = ["timerr 60s", "termdown 60"]
    lines_max = median([x["max"] for x in t["runs"]])
    normal = a["cue"]
    gap_max = max(x["gap_max"] for x in normal)
    gap_between = max(x["gap_max_between"] for x in normal)
    corrections = sum(x["corrections"] for x in normal)
    heard_all = all(x["heard"] == x["planned"] for runs_ in a.values() for x in runs_)
    # Sight against sound: each sink's worst cue over its runs, and the
    # spread of the runs' medians.
    offsets = {
        sink: {
            "worst": max(max(abs(x["offset_min"]), abs(x["offset_max"])) for x in runs_),
            "medians": [x["offset_median"] for x in runs_],
            "reported": median([x["reported_ms"] for x in runs_]),
        }
        for sink, runs_ in a.items()
    }
    offset_worst = max(o["worst"] for o in offsets.values())
    render_x = median([RENDER_SECONDS / x["wall"] for x in r["runs"]])
    render_rss = median([x["maxrss_kib"] / 1024 for x in r["runs"]])

    out = []
    w = out.append
    w("# Benchmarks")
    w("")
    w(f"Written by `bench/run` on {m['date']}: commit {m['commit']}, {m['nproc']} CPUs "
      f"({m['cpu']}), Linux {m['kernel']}, {m['rustc']}. Each figure is the median of "
      f"{runs} runs unless it says otherwise. Absolute times vary on a shared machine; the "
      "ratios (measured side by side in the same run) and the exact-sample figures do not.")
    w("")
    w("## Headline")
    w("")
    w("| | ours | timerr 60s | termdown 60 | ours / timerr | ours / termdown |")
    w("|---|---|---|---|---|---|")
    for label, key, unit, fmt in [
        ("CPU, % of one core, `--mute`", "pct", "%", "{:.3f}"),
        ("peak RSS, MiB, `--mute`", "rss", "", "{:.1f}"),
    ]:
        vals = [mute[key]] + [rows[p][key] for p in peers]
        w(f"| {label} | " + " | ".join(fmt.format(v) for v in vals) + " | "
          + " | ".join(f"{mute[key] / rows[p][key]:.2f}" for p in peers) + " |")
    for label, key, fmt in [("CPU, % of one core, sound on", "pct", "{:.3f}"), ("peak RSS, MiB, sound on", "rss", "{:.1f}")]:
        vals = [sound[key]] + [rows[p][key] for p in peers]
        w(f"| {label} | " + " | ".join(fmt.format(v) for v in vals) + " | "
          + " | ".join(f"{sound[key] / rows[p][key]:.2f}" for p in peers) + " |")
    vals = [ffm["repcadence --mute"]] + [ffm[p] for p in peers]
    w("| first full frame, ms, `--mute` | " + " | ".join(f"{v:.1f}" for v in vals) + " | "
      + " | ".join(f"{ffm['repcadence --mute'] / ffm[p]:.2f}" for p in peers) + " |")
    w("")
    w("- Sight to sound with no flag and no config (when a cue is heard minus when the display "
      "shows it): " + "; ".join(
          f"{SINKS[sink][0]} (reports {o['reported']:.0f} ms): run medians "
          + ", ".join(f"{v:+.1f}" for v in o["medians"]) + f" ms, worst cue **{o['worst']:.1f} ms**"
          for sink, o in offsets.items()) + ".")
    w(f"- The cost of sound: **{sound['pct']:.3f} %** of a core with sound against "
      f"{floor['pct']:.3f} % for a bare rodio output playing silence on the same device path: "
      f"ours / floor = **{floor_x:.2f}** (muted, ours is {mute['pct']:.3f} %).")
    w(f"- Cue spacing through a real sound server: **{gap_between:.0f} samples** worst error "
      f"between drift corrections over {len(normal)} runs on the normal sink, "
      f"{normal[0]['planned']} cues each, all heard on both sinks: "
      f"{'yes' if heard_all else 'NO'}; {corrections} drift correction(s) in all, the largest "
      f"{gap_max:.0f} samples ({1000 * gap_max / RATE:.1f} ms): the sink's clock runs a few "
      "tens of ppm fast against the system's, and the sound follows the display's clock.")
    w(f"- Engine over a simulated {int(t['drift']['session_s']) / 3600:.1f}-hour session: "
      f"**{t['drift']['max_error_ns']} ns** worst error over {t['drift']['events']} events.")
    w(f"- `--plain` lines: worst {lines_max:.2f} ms from plan (median of the runs' worst).")
    w(f"- Render: **{render_x:.0f}×** real time.")
    w("")
    w("## Goals")
    w("")
    w("| goal | measured | |")
    w("|---|---|---|")
    goals = [
        (f"line timing max ≤ {GOALS['line_max_ms']} ms", f"{lines_max:.2f} ms", lines_max <= GOALS["line_max_ms"]),
        (f"cue spacing error ≤ {GOALS['spacing_samples']} sample between drift corrections, "
         f"each correction ≤ {GOALS['correction_ms']:.0f} ms",
         f"{gap_between:.0f} samples; {corrections} correction(s), the largest "
         f"{1000 * gap_max / RATE:.1f} ms",
         gap_between <= GOALS["spacing_samples"] and heard_all
         and gap_max <= GOALS["correction_ms"] * RATE / 1000),
        (f"CPU ≤ {GOALS['cpu_mute_pct']} % with `--mute`", f"{mute['pct']:.3f} %", mute["pct"] <= GOALS["cpu_mute_pct"]),
        (f"CPU ≤ {GOALS['cpu_sound_pct']} % with sound", f"{sound['pct']:.3f} %", sound["pct"] <= GOALS["cpu_sound_pct"]),
        (f"CPU with sound ≤ {GOALS['floor_x']}× a bare rodio output's (the floor)",
         f"{sound['pct']:.3f} % vs {floor['pct']:.3f} % ({floor_x:.2f}×)", floor_x <= GOALS["floor_x"]),
        (f"sight to sound within ±{GOALS['offset_ms']:.0f} ms, every cue, both sinks, no flag",
         f"worst {offset_worst:.1f} ms", offset_worst <= GOALS["offset_ms"] and heard_all),
        ("CPU below every peer, `--mute`", f"{mute['pct']:.3f} % vs " + ", ".join(f"{rows[p]['pct']:.3f} %" for p in peers), all(mute["pct"] < rows[p]["pct"] for p in peers)),
        ("CPU below every peer, sound on", f"{sound['pct']:.3f} % vs " + ", ".join(f"{rows[p]['pct']:.3f} %" for p in peers), all(sound["pct"] < rows[p]["pct"] for p in peers)),
        (f"peak RSS ≤ {GOALS['rss_mute_mib']:.0f} MiB with `--mute`", f"{mute['rss']:.1f} MiB", mute["rss"] <= GOALS["rss_mute_mib"]),
        (f"peak RSS ≤ {GOALS['rss_sound_mib']:.0f} MiB with sound", f"{sound['rss']:.1f} MiB", sound["rss"] <= GOALS["rss_sound_mib"]),
        (f"first frame ≤ {GOALS['first_frame_ms']:.0f} ms", f"{ffm['repcadence --mute']:.1f} ms muted, {ffm['repcadence, sound on']:.1f} ms with sound", max(ffm["repcadence --mute"], ffm["repcadence, sound on"]) <= GOALS["first_frame_ms"]),
        (f"render ≥ {GOALS['render_x']:.0f}× real time", f"{render_x:.0f}×", render_x >= GOALS["render_x"]),
        ("engine drift over 10 h = 0", f"{t['drift']['max_error_ns']} ns", t["drift_ok"]),
    ]
    if g:
        empty_ff = median(g["empty"]["frames"])
        big_ff = median(g["10 years"]["frames"])
        rss = {k: median(v["rss"]) for k, v in g.items()}
        goals += [
            (f"first frame with a ten-year log ≤ {GOALS['big_log_first_frame_x']:.0f}× an empty log's",
             f"{big_ff:.1f} ms vs {empty_ff:.1f} ms ({big_ff / empty_ff:.2f}×)",
             big_ff <= GOALS["big_log_first_frame_x"] * empty_ff),
            ("memory grows sub-linearly with the log (20 years adds less than twice what 10 add)",
             f"{rss['empty']:.1f} / {rss['10 years']:.1f} / {rss['20 years']:.1f} MiB",
             rss["20 years"] - rss["empty"] <= 2 * max(rss["10 years"] - rss["empty"], 0.05)),
        ]
    for goal, got, ok in goals:
        w(f"| {goal} | {got} | {verdict(ok)} |")
    w("")
    if g:
        w("## A big training log")
        w("")
        w("Synthesised logs (`cargo run --release --example tenyear_log -- FILE WEEKS`: 5 sessions "
          "a week of 3 exercises × 5 sets); the full-screen first frame of the 60 s session with "
          "`--exercise squat --log FILE` (coaching reads the log at the start), and the peak RSS of "
          "`1-0-0-0 --plain --mute --sets 1 --reps 1 --count-in 0 --exercise squat --log FILE`.")
        w("")
        w("| log | size | first frame, runs | median | peak RSS, runs | median |")
        w("|---|---|---|---|---|---|")
        for name, v in g.items():
            w(f"| {name} | {v['bytes'] / 1e6:.1f} MB | {', '.join(f'{x:.1f}' for x in v['frames'])} ms | "
              f"{median(v['frames']):.1f} ms | {', '.join(f'{x:.1f}' for x in v['rss'])} MiB | "
              f"{median(v['rss']):.1f} MiB |")
        w("")
    w("## Timing")
    w("")
    w(f"`repcadence --plain --no-log --mute {' '.join(SESSION)}` (60 s, {t['runs'][0]['lines']} lines): "
      "each line's arrival (read from a pipe) against the planned time it carries, from the first line.")
    w("")
    w("| run | mean ms | p99 ms | max ms |")
    w("|---|---|---|---|")
    for i, x in enumerate(t["runs"], 1):
        w(f"| {i} | {x['mean']:.3f} | {x['p99']:.3f} | {x['max']:.3f} |")
    w(f"| **median** | {median([x['mean'] for x in t['runs']]):.3f} | {median([x['p99'] for x in t['runs']]):.3f} | {lines_max:.3f} |")
    w("")
    d = t["drift"]
    w(f"Engine, `cargo run --release --example drift`: a {int(d['session_s'])} s session "
      f"(35 sets × 100 reps of 7-1-1-1, 60 s rest) on a fake clock polled {d['polls']} times, "
      "late by 0-4 ms or early at random as a real loop wakes: "
      f"{d['events']} of {d['planned']} planned phases and counts, worst error {d['max_error_ns']} ns, "
      f"error of the last event {d['end_error_ns']} ns.")
    w("")
    w("## Audio timing: spacing, and sight against sound")
    w("")
    w(f"`repcadence --plain --no-log {' '.join(SESSION)}` with sound, no `--audio-latency` and no "
      "config file, through a private PulseAudio (tests/audio/pulse-harness.sh), every sample "
      "recorded exactly; onsets found after 5 ms of digital silence (`--example cues onsets`) and "
      "compared with the plan (`--example cues plan`). Two sinks. Normal: the harness's pipe sink "
      "`cue` on the system clock, which writes each chunk as its clock plays the chunk's first "
      "sample, read as it comes. High-delay: a pipe sink clocked by its reader, which takes the "
      f"samples at real-time pace from a FIFO of {SINKS['slow'][1][0] // 1024} KiB and so is "
      "the sound card; PulseAudio reports what the FIFO holds as the sink's latency, as it does "
      "a Bluetooth headset's. Delay reported: what the device's callbacks said (the debug log's "
      "median when the device closed). Corrections: the drift corrections and jumps back in "
      "step the debug log counts; the stream follows the device's clock where it drifts from "
      "the display's, so the cues after a correction move by its few ms, and the spacing error "
      "is given between corrections too. Offset: when each cue was played by the sink minus when "
      "the display showed its moment (the `--plain` line's planned time, from the first line's "
      "arrival); positive is sound after sight. Measured the same way on commit 76edaef, "
      "before the delay was measured (a fixed guess of 56 ms, and a stream kept in step by "
      "refill timing), the run medians were +37.7, +59.5 and +38.2 ms on the normal sink and "
      "-100.3, -77.1 and -86.3 ms on the high-delay sink.")
    w("")
    w("| sink | run | delay reported ms | cues heard / planned | spacing error mean, samples "
      "| max between corrections | corrections | max, samples | offset median ms "
      "| offset range ms | `--plain` line max ms |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for sink, runs_ in a.items():
        for i, x in enumerate(runs_, 1):
            w(f"| {SINKS[sink][0]} | {i} | {x['reported_ms']:.1f} | {x['heard']} / {x['planned']} | "
              f"{x['gap_mean']:.2f} | {x['gap_max_between']:.0f} | {x['corrections']} | "
              f"{x['gap_max']:.0f} | {x['offset_median']:+.1f} | "
              f"{x['offset_min']:+.1f} … {x['offset_max']:+.1f} | {x['lines']['max']:.2f} |")
    w("")
    w("## Cost while running")
    w("")
    w(f"Each program in a detached tmux pane of {COLS}×{ROWS} for 60 s, started by `bench/rusage.c` "
      "(CPU time user + system and peak RSS from wait4, to the microsecond). All runs of all "
      "five side by side in one go. Ours: "
      f"`repcadence {' '.join(SESSION)} --no-log [--mute]`; sound goes to a null sink. "
      "The floor: `examples/floor.rs`, a bare rodio output on the same device path (default "
      "device, 48 kHz mono, a 2048-frame buffer, the null sink) playing silence for 60 s, "
      "nothing else: what sound costs any program. "
      "Peers, installed into target/peers: `timerr 60s` (crate timerr-cli), `termdown 60` (PyPI).")
    w("")
    w("| program | runs | wall s | CPU s | % of one core | peak RSS MiB |")
    w("|---|---|---|---|---|---|")
    for name, x in rows.items():
        w(f"| {name} | {x['n']} | {x['wall']:.1f} | {x['cpu']:.3f} | {x['pct']:.3f} | {x['rss']:.1f} |")
    w("")
    w(f"First full frame: spawned on a pseudo-terminal of {COLS}×{ROWS} whose output feeds a "
      "terminal emulator (pyte); the time until the screen first holds 90 % of the characters "
      "it holds 1.5 s later. One run at a time.")
    w("")
    w("| program | runs (ms) | median ms |")
    w("|---|---|---|")
    for name, v in f.items():
        w(f"| {name} | {', '.join(f'{x:.1f}' for x in v)} | {median(v):.1f} |")
    w("")
    w("## Render")
    w("")
    w(f"`repcadence render {' '.join(RENDER)} -o render.wav --force`: a {RENDER_SECONDS} s session, "
      f"{r['wav_bytes'] / 1e6:.1f} MB of WAV.")
    w("")
    w("| run | wall s | × real time | peak RSS MiB |")
    w("|---|---|---|---|")
    for i, x in enumerate(r["runs"], 1):
        w(f"| {i} | {x['wall']:.3f} | {RENDER_SECONDS / x['wall']:.0f} | {x['maxrss_kib'] / 1024:.1f} |")
    w(f"| **median** | | {render_x:.0f} | {render_rss:.1f} |")
    w("")
    w("## Build")
    w("")
    if b:
        w(f"Release binary (`cargo build --release --locked`, lto thin): "
          f"{b['bytes'] / 1e6:.2f} MB ({b['bytes']} bytes). A clean build in a fresh target "
          f"directory, sources already fetched: {b['seconds']:.0f} s (one run).")
    else:
        size = os.path.getsize(OURS)
        w(f"Release binary: {size / 1e6:.2f} MB ({size} bytes). Clean build not timed "
          "(`bench/run --no-build-time`).")
    w("")
    return out


SOAK_START = "<!-- soak: written by bench/run --soak -->"
INTELLIGIBILITY = "## Intelligibility"


# ---------------------------------------------------------- intelligibility

def intelligibility(m, work):
    """BENCHMARKS.md's intelligibility section: the recordings' thresholds
    in noise, this voice's and the one before (bench/din.py); the counts of
    3, 5, 7 and 10 s lowerings with the default voice and with `--voice
    counts`, and every phrase of a session, clean and over pink noise
    (bench/intelligibility.py); pocketsphinx listening."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import din
    import intelligibility as intel

    log("intelligibility: counts, default voice")
    full = intel.measure(OURS, work=work, voice="full")
    log("intelligibility: counts, --voice counts")
    counts = intel.measure(OURS, work=work, voice="counts")
    log("intelligibility: every phrase of a session")
    phrases = intel.measure_phrases(OURS, os.path.join(EXAMPLES, "said"), work=work)
    now = din.measure(din.voice_from_dir(os.path.join(ROOT, "assets", "voice")), "this voice",
                      progress=lambda s: log("intelligibility: " + s))
    try:
        before = din.voice_from_git(din.OLD_VOICE)
    except subprocess.CalledProcessError:
        before = None  # a clone without that commit
    if before is not None:
        before = din.measure(before, "before", progress=lambda s: log("intelligibility: " + s))
    sox_version = subprocess.run(["sox", "--version"], capture_output=True,
                                 text=True).stdout.strip().split()[-1]
    out = [INTELLIGIBILITY, ""]
    w = out.append
    w(f"`bench/run` on {m['date']}, commit {m['commit']}, with pocketsphinx "
      f"{intel.pocketsphinx_version()} and sox {sox_version}.")
    w("")
    w("The listener is pocketsphinx, an off-the-shelf speech recogniser, and it is a harsh one: "
      "people repeat digits in noise correctly half the time at about -10 dB (the "
      "digits-in-noise test, Smits et al. 2004 and 2013), where the recogniser here needs "
      "0 dB and more. Its figures rank voices and ways of processing them; they are not the "
      "noise a person can hear the counts through.")
    w("")
    w("### The recordings in noise")
    w("")
    w("`bench/din.py`, modelled on the digits-in-noise test: each trial plays one item at the "
      "level its recording has in assets/voice (every recording peaks at -3 dBFS) inside a "
      f"stretch of noise ({din.LEAD_S:g} s before it, {din.TAIL_S:g} s after), and the recogniser "
      "answers from a closed set of everything the program says (the numbers one to sixty, "
      "the words, and every form of phrase with any number). The noise goes down "
      f"{din.STEP_DB:g} dB after an item is heard and up {din.STEP_DB:g} dB after a miss; the "
      "threshold (SRT) is the mean signal-to-noise ratio at the reversals after the first "
      f"{din.REVERSALS_DROPPED}, where half the items are heard. The ratio is the item's "
      f"active level (the RMS of its 10 ms frames within {din.ACTIVE_DB} dB of its loudest) "
      "against the noise's RMS; in brackets, the noise against the item's peak, which says "
      "how loud a noise may be against what a speaker gives at full volume. Lower is better. "
      "Noises: pink (sox, seeded) and beat, the same pink noise with a 2 Hz beat (each beat "
      "jumps to full level and decays with a 100 ms time constant to -15 dB), for music. "
      "Items in a seeded order over seeded stretches of noise, the same for both voices; "
      "a fresh decoder for each track, its front end reset before each trial. The noise goes "
      f"no lower than {din.MAX_DB:+.0f} dB; an item missed even there is \"not heard\".")
    w("")
    columns = ([("before", before)] if before is not None else []) + [("now", now)]
    trials = {key: n for key, _, _, n in din.sets()}
    head = ["what", "trials"] + [f"{name}, {kind}" for name, _ in columns for kind in ("pink", "beat")]
    w("| " + " | ".join(head) + " |")
    w("|---|" + "---|" * (len(head) - 1))
    for key in trials:
        cells = [din.cell(r[(key, k)]) for _, r in columns for k in ("pink", "beat")]
        w(f"| {key} | {trials[key]} | " + " | ".join(cells) + " |")
    w("")
    w(f"Before: the recordings at commit {din.OLD_VOICE} (flite slt, peak-normalised only); "
      "now: assets/voice as built into this binary (assets/README.md says how they are made).")
    w("")
    counts_srt = now[("counts", "pink")]["srt"]
    w(f"Goal: the counts' threshold in pink noise at or below 0 dB: {counts_srt:+.1f} dB, "
      f"{verdict(counts_srt <= 0)}.")
    if before is not None:
        keys = [k for k, what, _, _ in din.sets() if what == "phrase"]
        worse = [(k, kind) for k in keys for kind in ("pink", "beat")
                 if now[(k, kind)]["srt"] > before[(k, kind)]["srt"]
                 or (before[(k, kind)]["reached"] and not now[(k, kind)]["reached"])]
        w(f"Goal: no phrase worse than before: {len(keys) * 2 - len(worse)} of {len(keys) * 2} "
          f"thresholds as low or lower, {verdict(not worse)}"
          + (" (" + "; ".join(f"{k}, {kind}" for k, kind in worse) + ")." if worse else "."))
    w("")
    w("### Counts in rendered lowerings")
    w("")
    w("`repcadence render N-0-1-0 --start lower --reps 1 --sets 1 --count-in 0`; each count "
      "cut from the second it is said at the start of up to the next (the last one up to the "
      "lift's cue) and recognised over a grammar of the number words one to sixty; pink noise "
      "(sox, seeded) mixed in at a signal-to-noise ratio over the whole track (the render's RMS "
      f"against the noise's), each noisy level over {intel.NOISE_TAKES} different stretches of "
      "the noise. Every render (and the phrases' below) is heard with its peak set to "
      f"{intel.LISTENING_PEAK_DB} dBFS: pocketsphinx hears one render differently at different "
      "levels (at the program's -1 dBFS it takes a clean \"six\" for \"sixty\"), and what is "
      "heard must not depend on the volume. A count names the second the lifter is in: with "
      "the default voice a "
      "lowering's first second is \"down\" and the counts are two to N; with `--voice counts` "
      "they are one to N.")
    for title, results in (("Counts heard / said, default voice (`full`):", full),
                           ("Counts heard / said, `--voice counts`:", counts)):
        text, misses = intel.table(results)
        w("")
        w(title)
        w("")
        out.extend(text.split("\n"))
        if misses:
            w("")
            w("Missed: " + "; ".join(misses) + ".")
    w("")
    for name, results in (("default voice", full), ("`--voice counts`", counts)):
        clean = intel.share(results, None)
        lasts = all(h == secs for (secs, snr), (_, _, heard) in results.items() if snr is None
                    for n, h in heard if n == secs)
        w(f"Goals, {name}: every count heard clean {verdict(clean == 1 and lasts)} "
          f"({100 * clean:.0f} %, the last counts included); at +6 dB at least 95 %: "
          f"{100 * intel.share(results, 6):.0f} %, {verdict(intel.share(results, 6) >= 0.95)}; "
          f"at 0 dB at least 75 %: {100 * intel.share(results, 0):.0f} %, "
          f"{verdict(intel.share(results, 0) >= 0.75)}.")
    text, misses = intel.phrase_table(phrases)
    w("")
    w("### Every phrase of a session")
    w("")
    w(f"Every phrase of `repcadence render {' '.join(intel.PHRASE_SESSION[:1])} --sets "
      f"{intel.PHRASE_SESSION[1]} --reps {intel.PHRASE_SESSION[2]} --rest {intel.PHRASE_SESSION[3]} "
      f"--count-in {intel.PHRASE_SESSION[4]} --start {intel.PHRASE_SESSION[5]}`, cut from where "
      "the voice starts it (`examples/said.rs`, from the same script the stream plays) to its end, "
      "recognised over a grammar of the session's phrases, with pink noise over the whole "
      "track (one stretch). Heard / said:")
    w("")
    out.extend(text.split("\n"))
    if misses:
        w("")
        w(f"Missed: {len(misses)} (" + "; ".join(misses[:12])
          + ("; …" if len(misses) > 12 else "") + ").")
    w("")
    w("Each track is heard by a fresh recogniser (it adapts to what it heard before), so runs "
      "give the same figures.")
    w("")
    return out


TONES = "## Cue tones over music"

# The table `examples/tones` gave for the tones before they moved into
# 1-4 kHz (commit 2a3bc6b: lift 660/990 Hz, hold 520, lower 1250-420,
# tick 1800, pip 1000, rest 880/660, done 523/659/784, partner 330-660,
# past the plan 1500-2100; the fundamental with its octave).
TONES_BEFORE = """| tone | loudest band | above the music there | bands above the music |
|---|---|---|---|
| lift | 1000 Hz | +9.4 dB | 0.25k, 0.5k, 1k, 2k |
| hold | 500 Hz | +10.3 dB | 0.25k, 0.5k, 1k |
| lower (--voice off) | 1000 Hz | +8.7 dB | 0.25k, 0.5k, 1k, 2k |
| tick | 2000 Hz | +11.0 dB | 1k, 2k, 4k, 8k |
| pip | 1000 Hz | +10.5 dB | 0.25k, 0.5k, 1k, 2k, 4k |
| rest | 1000 Hz | +8.2 dB | 0.25k, 0.5k, 1k, 2k |
| done | 500 Hz | +8.6 dB | 0.25k, 0.5k, 1k, 2k |
| partner | 500 Hz | +9.1 dB | 0.25k, 0.5k, 1k |
| past the plan | 2000 Hz | +10.8 dB | 1k, 2k, 4k, 8k |"""


def tones(m):
    """BENCHMARKS.md's section on the cue tones against music-like noise
    (`examples/tones`), now and before they moved into 1-4 kHz."""
    now = subprocess.run([os.path.join(EXAMPLES, "tones")], capture_output=True,
                         text=True, check=True).stdout.strip()
    out = [TONES, ""]
    w = out.append
    w(f"`bench/run` on {m['date']}, commit {m['commit']}: `examples/tones` sets each "
      "synthesised tone and a music-like noise (seeded pink noise swinging at 2 beats a "
      "second, a kick on every beat, rolling off above 3 kHz) to one overall level, plays "
      "both through a laptop's speaker (a high-pass at 400 Hz) and compares them octave "
      "band by octave band. The voice is measured in the intelligibility section.")
    w("")
    w("Now (every fundamental between 1 and 4 kHz, on steps at least 20 % apart, with the "
      "second and third harmonics):")
    w("")
    out.extend(now.split("\n"))
    w("")
    w("Before (fundamentals from 330 Hz, with the octave):")
    w("")
    out.extend(TONES_BEFORE.split("\n"))
    w("")
    w("The loudest band moved from 0.5-1 kHz to 1-4 kHz, where a laptop's speaker plays "
      "and the music thins out. At equal level the gain there is small (−0.6 to +2.3 dB): "
      "pink noise is as loud in every octave, and the harmonics share the tone's energy "
      "among more bands, which is also what keeps a tone heard when one band is masked.")
    w("")
    return out


def section(old, heading):
    """The section of `old` whose heading starts with `heading`, up to the
    next `## ` heading, the soak's marker or the end; `None` if it has
    none."""
    at = old.find("\n" + heading)
    if at < 0:
        return None
    start = at + 1
    ends = [i for i in (old.find("\n## ", start + 1), old.find("\n" + SOAK_START, start))
            if i >= 0]
    return start, (min(ends) + 1 if ends else len(old))


def soak_section(s, m):
    out = [SOAK_START, "## Soak", ""]
    w = out.append
    w(f"`bench/run --soak {s['minutes']}` on {m['date']}, commit {m['commit']}: "
      f"`repcadence {s['args']} --no-log` full-screen in tmux {COLS}×{ROWS} for {s['length_s']} s, "
      "sound into a pipe sink recorded whole; RSS and CPU read from /proc every 10 s.")
    w("")
    w("| figure | value |")
    w("|---|---|")
    growth = s["rss_last_kib"] - s["rss_first_kib"]
    w(f"| RSS after 1 min → at the end (max) | {s['rss_first_kib'] / 1024:.1f} → {s['rss_last_kib'] / 1024:.1f} MiB "
      f"({growth:+d} KiB; max {s['rss_max_kib'] / 1024:.1f} MiB) |")
    w(f"| CPU | {s['cpu_total_s']:.2f} s, {s['cpu_pct']:.3f} % of one core (busiest 10 s: {s['cpu_interval_max_pct']:.2f} %) |")
    w(f"| cues heard / planned | {s['heard']} / {s['planned']} |")
    w(f"| spacing error, first tenth of the cues: mean / max samples | {s['gap_start_mean']:.2f} / {s['gap_start_max']:.0f} |")
    w(f"| spacing error, last tenth: mean / max samples | {s['gap_end_mean']:.2f} / {s['gap_end_max']:.0f} |")
    w(f"| drift of the last cue from the first, against the plan | {s['drift_end']:+.0f} samples (worst {s['drift_max']:.0f}) |")
    w(f"| sound device at the end | {s['closed']} |")
    w(f"| error or warning lines in the debug log | {len(s['trouble'])} |")
    for line in s["trouble"][:10]:
        w(f"| | `{line[:150]}` |")
    w("")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--soak", type=int, metavar="MINUTES")
    ap.add_argument("--no-build-time", action="store_true")
    ap.add_argument("--intelligibility", action="store_true",
                    help="rewrite only the intelligibility section")
    ap.add_argument("--tones", action="store_true",
                    help="rewrite only the cue tones' section")
    opts = ap.parse_args()
    m = machine()
    work = tempfile.mkdtemp(prefix="bench-")
    old = open(OUT).read() if os.path.exists(OUT) else ""
    kept_soak = old[old.index(SOAK_START):] if SOAK_START in old else ""
    if opts.intelligibility or opts.tones:
        heading = INTELLIGIBILITY if opts.intelligibility else TONES
        body = "\n".join(intelligibility(m, work) if opts.intelligibility else tones(m))
        span = section(old, heading)
        if span:
            text = old[: span[0]] + body.rstrip("\n") + "\n\n" + old[span[1]:]
        elif SOAK_START in old:
            i = old.index(SOAK_START)
            text = old[:i] + body.rstrip("\n") + "\n\n" + old[i:]
        else:
            text = old.rstrip("\n") + "\n\n" + body
    elif opts.soak:
        s = soak(opts.soak, work)
        print(json.dumps(s, indent=1))
        body = old[: old.index(SOAK_START)] if SOAK_START in old else old
        text = body.rstrip("\n") + "\n\n" + "\n".join(soak_section(s, m)) + "\n"
    else:
        runs = opts.runs
        t = timing(runs, work)
        a = {sink: audio(runs, work, work, sink) for sink in SINKS}
        c = cost(runs)
        f = first_frames(max(runs, 5), work)
        r = render(max(runs, 5), work)
        g = big_logs(max(runs, 5), work)
        b = None if opts.no_build_time else build()
        i = intelligibility(m, work)
        tn = tones(m)
        text = "\n".join(write_report(m, t, a, c, f, r, b, runs, g)) + "\n"
        text += "\n" + "\n".join(i)
        text += "\n" + "\n".join(tn)
        if kept_soak:
            text += "\n" + kept_soak
    with open(OUT, "w") as fh:
        fh.write(text)
    subprocess.run(["rm", "-rf", work], check=False)
    log(f"wrote {OUT}")


if __name__ == "__main__":
    main()
