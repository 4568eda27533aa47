//! The floor of what sound costs: a bare rodio output on the default
//! device, the same format and buffer as ours (48 kHz mono, a 2048-frame
//! buffer), playing silence for SECONDS (default 60) and nothing else.
//! `bench/run` measures its CPU time beside a session's with sound.
//!
//!     cargo run --release --example floor -- [SECONDS]

use std::num::NonZero;
use std::process::ExitCode;
use std::time::Duration;

use rodio::DeviceSinkBuilder;
use rodio::source::Zero;

fn main() -> ExitCode {
    let seconds: u64 = match std::env::args().nth(1).map(|s| s.parse()) {
        None => 60,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("floor: SECONDS is a whole number");
            return ExitCode::from(2);
        }
    };
    let (Some(rate), mono) = (NonZero::new(48_000), NonZero::<u16>::MIN) else {
        return ExitCode::FAILURE;
    };
    let sink = DeviceSinkBuilder::from_default_device().and_then(|b| {
        b.with_sample_rate(rate)
            .with_channels(mono)
            .with_buffer_size(rodio::cpal::BufferSize::Fixed(2048))
            .with_error_callback(|_| {})
            .open_stream()
    });
    let mut sink = match sink {
        Ok(sink) => sink,
        Err(e) => {
            eprintln!("floor: no sound device: {e}");
            return ExitCode::FAILURE;
        }
    };
    sink.log_on_drop(false);
    sink.mixer().add(Zero::new(mono, rate));
    std::thread::sleep(Duration::from_secs(seconds));
    ExitCode::SUCCESS
}
