#!/usr/bin/env bash
# The real-audio tests, each with a private PulseAudio (its own runtime dir
# and socket, stopped by its PID afterwards) and ALSA's default device routed
# to it:
#  1. tests/real_audio.rs plays a session through the normal output path and
#     records the null sink's monitor with parec: every planned cue is there,
#     spaced as planned but for the drift corrections its debug log names.
#  2. The sound server is killed mid-session: the session runs on to the
#     end, exits 0, and says once that the device was lost.
#  3. tests/real_audio.rs stops a session for 3 s (SIGSTOP) and continues it,
#     recording the pipe sink exactly as rendered: the cues due while it was
#     stopped are dropped, those after are heard in step with those before.
#  4. tests/real_audio.rs runs `repcadence doctor` (the device opens,
#     reports its delay and takes every cue), and plays a session into a
#     sink that reports a delay like a Bluetooth headset's (a pipe sink
#     whose reader takes samples at real-time pace from a 16 KiB FIFO,
#     170 ms): with no flag, every cue is heard when it is shown.
# Needs: apt-get install pulseaudio pulseaudio-utils libasound2-plugins
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/audio/pulse-harness.sh
. tests/audio/pulse-harness.sh
trap "stop_pulse || true" EXIT

start_pulse
cargo test --test real_audio -- --ignored --exact every_planned_cue_is_heard_with_the_planned_spacing --nocapture
stop_pulse || true

echo "== the sound server dies mid-session"
start_pulse
cargo build --quiet
out=$(mktemp -d)
(sleep 4 && kill -9 "$PULSE_HARNESS_PID") &
status=0
HOME=$out XDG_DATA_HOME=$out XDG_CONFIG_HOME=$out timeout 60 target/debug/repcadence \
  1-0-1-0 --plain --sets 1 --reps 3 --count-in 3 >"$out/stdout" 2>"$out/stderr" || status=$?
wait
stop_pulse || true
fail() { echo "FAIL: $*"; echo "-- stdout"; cat "$out/stdout"; echo "-- stderr"; cat "$out/stderr"; exit 1; }
[ "$status" = 0 ] || fail "exit status $status, want 0"
[ "$(cat "$out/stderr")" = "audio device lost: cues are visual only" ] ||
  fail "stderr should be the one notice"
grep -q '^00:09.000 done$' "$out/stdout" || fail "the session did not run to its end"
rm -rf "$out"
echo "ok: the session ran on to the end and said once that the sound was lost"

echo "== stopped for 3 s mid-set (SIGSTOP), then continued"
export PULSE_HARNESS_SINK=cue
start_pulse
cargo test --test real_audio -- --ignored --exact a_session_stopped_mid_set_is_heard_in_step_after_sigcont --nocapture
stop_pulse || true
unset PULSE_HARNESS_SINK

echo "== doctor, and sight and sound on a sink that reports a long delay"
start_pulse
cargo test --test real_audio -- --ignored --exact doctor_plays_through_the_sound_server_and_names_its_delay --nocapture
cargo test --test real_audio -- --ignored --exact sight_and_sound_agree_on_a_sink_that_reports_a_long_delay --nocapture
stop_pulse || true
