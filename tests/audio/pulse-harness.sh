# shellcheck shell=bash
# pulse-harness.sh: a private, headless PulseAudio for testing audio output.
#
# Source it:   . pulse-harness.sh
#   start_pulse [DIR]     start a private PulseAudio (no display, no sound card,
#                         works as root). Exports, for every child process:
#                           PULSE_SERVER        unix socket of this instance
#                           PULSE_COOKIE, PULSE_RUNTIME_PATH, PULSE_CLIENTCONFIG
#                                               keep clients out of ~/.config/pulse
#                           ALSA_CONFIG_PATH    a two-line ALSA config whose
#                                               default pcm/ctl is this PulseAudio
#                           PULSE_HARNESS_DIR, PULSE_HARNESS_PID
#                         Default sink: "null", a null sink, 48 kHz mono s16le,
#                         clocked by the system clock. A second sink, "cue", is
#                         a pipe sink that record_start reads exactly.
#   record_start FILE     record sink "cue" to FILE (raw s16le, 48 kHz, mono)
#                         exactly as rendered (read from the pipe sink's FIFO).
#   record_stop           stop that recording (by PID).
#   monitor_start FILE [SOURCE]
#                         `parec` from SOURCE (default: the default sink's
#                         monitor, null.monitor).
#                         Caveat measured: the monitor can truncate audio in the
#                         first ~40 ms of a new playback stream and drops up to
#                         ~1 s at the end unless you wait before monitor_stop.
#   monitor_stop
#   stop_pulse            stop recorder(s) and the daemon (by PID), remove DIR
#                         if start_pulse created it, unset the variables.
#
# Needs (Debian): apt-get install -y pulseaudio pulseaudio-utils libasound2-plugins
# Nothing global is touched: no ~/.asoundrc, no /etc change, no ~/.config/pulse.

start_pulse() {
    if [ -n "${PULSE_HARNESS_PID:-}" ] && kill -0 "$PULSE_HARNESS_PID" 2>/dev/null; then
        echo "start_pulse: already running (pid $PULSE_HARNESS_PID)" >&2
        return 0
    fi
    local missing=()
    command -v pulseaudio >/dev/null || missing+=(pulseaudio)
    command -v pactl >/dev/null || missing+=(pulseaudio-utils)
    [ -e /usr/lib/"$(uname -m)"-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so ] ||
        missing+=(libasound2-plugins)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "start_pulse: missing packages: apt-get install -y ${missing[*]}" >&2
        return 1
    fi

    local dir="${1:-}"
    PULSE_HARNESS_OWN_DIR=0
    if [ -z "$dir" ]; then
        dir="$(mktemp -d /tmp/pulse-harness.XXXXXX)" || return 1
        PULSE_HARNESS_OWN_DIR=1
    fi
    mkdir -p "$dir/run/pulse" "$dir/state" "$dir/home" || return 1
    chmod 700 "$dir/run" "$dir/run/pulse"

    # ALSA: a self-contained config (ALSA_CONFIG_PATH replaces alsa.conf, so
    # no card probing, no JACK/OSS hooks, no ~/.asoundrc).
    cat >"$dir/asound.conf" <<'EOF'
pcm.!default { type pulse }
ctl.!default { type pulse }
EOF
    # Client side: no autospawn, no shm (avoids memfd warnings in the log).
    cat >"$dir/client.conf" <<'EOF'
autospawn = no
enable-shm = no
EOF

    # Run as root is fine with --system=false (it only warns). HOME, XDG_* and
    # PULSE_* point into $dir so the daemon writes nothing elsewhere.
    env HOME="$dir/home" XDG_RUNTIME_DIR="$dir/run" XDG_CONFIG_HOME="$dir/home/.config" \
        PULSE_RUNTIME_PATH="$dir/run/pulse" PULSE_STATE_PATH="$dir/state" \
        PULSE_CONFIG_PATH="$dir/home/.config/pulse" \
        pulseaudio -n --daemonize=no --system=false --exit-idle-time=-1 \
        --disallow-exit --use-pid-file=no --realtime=no --high-priority=no \
        --disable-shm=yes --log-target=stderr \
        --load="module-native-protocol-unix auth-anonymous=1 socket=$dir/run/pulse/native" \
        --load="module-pipe-sink sink_name=cue file=$dir/cue.fifo format=s16le rate=48000 channels=1 use_system_clock_for_timing=yes" \
        --load="module-null-sink sink_name=null rate=48000 channels=1 format=s16le" \
        >"$dir/pulse.log" 2>&1 </dev/null &
    PULSE_HARNESS_PID=$!
    PULSE_HARNESS_DIR="$dir"
    export PULSE_HARNESS_PID PULSE_HARNESS_DIR PULSE_HARNESS_OWN_DIR
    export PULSE_SERVER="unix:$dir/run/pulse/native"
    export PULSE_COOKIE="$dir/cookie"
    export PULSE_RUNTIME_PATH="$dir/run/pulse"
    export PULSE_CLIENTCONFIG="$dir/client.conf"
    export ALSA_CONFIG_PATH="$dir/asound.conf"

    local i
    for i in $(seq 1 50); do
        if pactl info >/dev/null 2>&1; then
            pactl set-default-sink "${PULSE_HARNESS_SINK:-null}" >/dev/null 2>&1
            return 0
        fi
        if ! kill -0 "$PULSE_HARNESS_PID" 2>/dev/null; then break; fi
        sleep 0.1
    done
    echo "start_pulse: PulseAudio did not come up; log follows:" >&2
    cat "$dir/pulse.log" >&2
    stop_pulse
    return 1
}

record_start() {
    local file="${1:?record_start FILE}"
    [ -p "${PULSE_HARNESS_DIR:-}/cue.fifo" ] || { echo "record_start: start_pulse first" >&2; return 1; }
    # Drop what the FIFO buffered while nobody read it (up to 64 KiB = 0.68 s).
    timeout 0.3 cat "$PULSE_HARNESS_DIR/cue.fifo" >/dev/null 2>&1 || true
    cat "$PULSE_HARNESS_DIR/cue.fifo" >"$file" &
    PULSE_HARNESS_REC_PID=$!
}

record_stop() {
    if [ -n "${PULSE_HARNESS_REC_PID:-}" ]; then
        kill "$PULSE_HARNESS_REC_PID" 2>/dev/null || true
        wait "$PULSE_HARNESS_REC_PID" 2>/dev/null || true
        PULSE_HARNESS_REC_PID=
    fi
}

monitor_start() {
    local file="${1:?monitor_start FILE}"
    local source="${2:-${PULSE_HARNESS_SINK:-null}.monitor}"
    parec --format=s16le --rate=48000 --channels=1 --latency-msec=10 \
        --device="$source" >"$file" 2>/dev/null &
    PULSE_HARNESS_MON_PID=$!
}

monitor_stop() {
    if [ -n "${PULSE_HARNESS_MON_PID:-}" ]; then
        kill -INT "$PULSE_HARNESS_MON_PID" 2>/dev/null || true
        wait "$PULSE_HARNESS_MON_PID" 2>/dev/null || true
        PULSE_HARNESS_MON_PID=
    fi
}

stop_pulse() {
    record_stop
    monitor_stop
    if [ -n "${PULSE_HARNESS_PID:-}" ]; then
        kill "$PULSE_HARNESS_PID" 2>/dev/null
        local i
        for i in $(seq 1 30); do
            kill -0 "$PULSE_HARNESS_PID" 2>/dev/null || break
            sleep 0.1
        done
        # Usually gone by now: neither a failed kill nor wait's status (the
        # signal) is an error, or a caller's `set -e` fails a passing run.
        kill -KILL "$PULSE_HARNESS_PID" 2>/dev/null || true
        wait "$PULSE_HARNESS_PID" 2>/dev/null || true
    fi
    if [ "${PULSE_HARNESS_OWN_DIR:-0}" = 1 ] && [ -n "${PULSE_HARNESS_DIR:-}" ]; then
        rm -rf "$PULSE_HARNESS_DIR"
    fi
    unset PULSE_HARNESS_PID PULSE_HARNESS_DIR PULSE_HARNESS_OWN_DIR PULSE_SERVER \
        PULSE_COOKIE PULSE_RUNTIME_PATH PULSE_CLIENTCONFIG ALSA_CONFIG_PATH
}
