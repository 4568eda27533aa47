#!/usr/bin/env bash
# The real-audio test: a private PulseAudio with a null sink (its own runtime
# dir and socket, stopped by its PID afterwards), ALSA's default device routed
# to it, and tests/real_audio.rs playing a session through the normal output
# path and recording the sink's monitor with parec.
# Needs: apt-get install pulseaudio pulseaudio-utils libasound2-plugins
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=tests/audio/pulse-harness.sh
. tests/audio/pulse-harness.sh
start_pulse
trap stop_pulse EXIT
cargo test --test real_audio -- --ignored --nocapture
