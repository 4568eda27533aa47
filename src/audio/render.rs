//! `repcadence render`: the whole session's cue stream written to a WAV
//! file (48 kHz, mono, 16-bit PCM), as fast as the machine allows.
//!
//! Its size is known before a sample is written: a session too long for
//! the format's 32-bit sizes, or too big for the free space where it goes,
//! is refused up front. The samples go to a hidden temporary file beside
//! the target, which takes the target's name only once it is whole; a
//! render that fails removes it, so an old file is never lost and a
//! fresh one never left half written.

use std::collections::hash_map::RandomState;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::timing::engine::Engine;
use crate::timing::tempo::Lift;
use crate::timing::units::fmt_minutes;
use crate::timing::workout::{Timeline, Workout};

use super::RATE;
use super::cues::{Bank, Settings};
use super::stream::CueStream;

/// The most a WAV file's data can hold, in bytes: its RIFF size (the data
/// plus 36 bytes of header) is a 32-bit number.
pub(crate) const MAX_DATA_BYTES: u64 = u32::MAX as u64 - 36;

/// Why a render failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The file is there and `--force` was not given.
    #[error("{0} already exists: add --force to overwrite it, or choose another name with -o")]
    Exists(String),
    /// `-o` names a directory.
    #[error("{dir} is a directory: name a file in it, e.g. -o {example}")]
    IsDir {
        /// The directory, as given.
        dir: String,
        /// A file in it.
        example: String,
    },
    /// `-o` names something that is there but is not a regular file (a
    /// device, a FIFO), which a render never replaces.
    #[error("{0} is not a regular file: name a file to write, e.g. -o session.wav")]
    NotAFile(String),
    /// `-o -`: a WAV file's sizes are written at its start once the
    /// samples are done, which standard output cannot go back to.
    #[error(
        "-o - would write the WAV to standard output, which cannot hold one (its sizes are \
         written at the start, last): name a file, e.g. -o session.wav"
    )]
    Stdout,
    /// A partner's lift waits for a key, which a file cannot do.
    #[error(
        "a rendered file cannot wait for a partner's lift: give the lift a time instead, e.g. --lift 2"
    )]
    ManualLift,
    /// A block of a workout has a partner's lift that waits for a key.
    #[error(
        "block {block} of the workout \"{workout}\" has lift = \"manual\": a rendered file cannot \
         wait for a partner's lift: give it a time instead, lift = 2 in that block of the file"
    )]
    ManualLiftInBlock {
        /// The workout.
        workout: String,
        /// The block, from 1.
        block: usize,
    },
    /// Longer than a WAV file can hold.
    #[error(
        "this session lasts {length}, which as a WAV file would be {size}: more than the 4 GiB \
         a WAV file can hold (its sizes are 32-bit), which is {max} at 48 kHz: render fewer \
         sets or reps, or a shorter rest, or split the session into parts of at most {max}"
    )]
    TooLong {
        /// The session's length, as shown.
        length: String,
        /// The file's size, as shown.
        size: String,
        /// The longest session a WAV file holds, as shown.
        max: String,
    },
    /// More than the free space where the file goes.
    #[error(
        "{path} would be {size}, but {dir} has only {free} free: free some space, or render \
         elsewhere with -o, or a shorter session"
    )]
    NoRoom {
        /// The file.
        path: String,
        /// Its directory.
        dir: String,
        /// The file's size, as shown.
        size: String,
        /// The free space, as shown.
        free: String,
    },
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// What went wrong.
        source: io::Error,
    },
}

/// What a render wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    /// Samples written.
    pub samples: u64,
}

/// Renders `workout` to the WAV file at `path`. `progress` is called now
/// and then with the samples done and the expected total.
pub fn render(
    timeline: &impl Timeline,
    settings: Settings,
    path: &Path,
    force: bool,
    origin: Instant,
    mut progress: impl FnMut(u64, u64),
) -> Result<Rendered, RenderError> {
    let workout = timeline.workout();
    if let Some(i) = workout
        .blocks
        .iter()
        .position(|b| b.session.tempo.lift == Lift::Manual)
    {
        return Err(match &workout.name {
            Some(name) => RenderError::ManualLiftInBlock {
                workout: name.clone(),
                block: i + 1,
            },
            None => RenderError::ManualLift,
        });
    }
    if path == Path::new("-") {
        return Err(RenderError::Stdout);
    }
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(RenderError::IsDir {
            dir: shown,
            example: path.join("session.wav").display().to_string(),
        });
    }
    let target = resolve(path);
    match fs::metadata(&target) {
        Ok(meta) if !meta.is_file() => return Err(RenderError::NotAFile(shown)),
        Ok(_) if !force => return Err(RenderError::Exists(shown)),
        _ => {}
    }
    let bank = Arc::new(Bank::new());
    let bytes = fits(&workout, &bank)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    room(&shown, &dir, bytes, free_bytes(&dir))?;
    let write_err = |source: io::Error| RenderError::Write {
        path: shown.clone(),
        source,
    };
    let (file, temp) = temporary(&dir, &target).map_err(write_err)?;
    let engine = Engine::planned(workout.clone().into_owned(), origin);
    let stream = CueStream::new(engine, origin, bank, settings);
    let total = expected_samples(&*workout);
    let write: Writer = match Format::of(path) {
        Format::Wav => write_wav,
        Format::Flac => write_flac,
    };
    let written = write(stream, total, file, &mut progress)
        .and_then(|n| {
            File::open(&temp)?.sync_all()?;
            put_in_place(&temp, &target, force)?;
            Ok(n)
        })
        .map_err(|e| {
            let _ = fs::remove_file(&temp);
            if e.kind() == io::ErrorKind::AlreadyExists {
                RenderError::Exists(shown.clone())
            } else {
                write_err(e)
            }
        })?;
    Ok(Rendered { samples: written })
}

/// The file a render writes: `path`, or what it links to (so that a link
/// stays a link, to the new file).
fn resolve(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The WAV file's size for `session` in bytes, or why a WAV file cannot
/// hold it.
fn fits(workout: &Workout, bank: &Bank) -> Result<u64, RenderError> {
    let samples = expected_samples(workout).saturating_add(bank.longest() as u64);
    let data = samples.saturating_mul(2);
    if data > MAX_DATA_BYTES {
        return Err(RenderError::TooLong {
            length: fmt_minutes(workout.length_ms()),
            size: fmt_bytes(data.saturating_add(44)),
            max: fmt_minutes(MAX_DATA_BYTES / 2 * 1000 / u64::from(RATE)),
        });
    }
    Ok(data + 44)
}

/// Whether `bytes` fit in `free` bytes (unknown: they are tried).
fn room(path: &str, dir: &Path, bytes: u64, free: Option<u64>) -> Result<(), RenderError> {
    match free {
        Some(free) if free < bytes => Err(RenderError::NoRoom {
            path: path.to_string(),
            dir: dir.display().to_string(),
            size: fmt_bytes(bytes),
            free: fmt_bytes(free),
        }),
        _ => Ok(()),
    }
}

/// A new hidden file beside `target`, `.NAME.XXXXXX.part`, and its path.
fn temporary(dir: &Path, target: &Path) -> io::Result<(File, PathBuf)> {
    let name = target
        .file_name()
        .map_or_else(|| "render".into(), |n| n.to_string_lossy().into_owned());
    let seed = RandomState::new();
    let mut last = io::Error::other("no temporary name was free");
    for attempt in 0..100u32 {
        let mut h = seed.build_hasher();
        h.write_u32(std::process::id());
        h.write_u32(attempt);
        let temp = dir.join(format!(".{name}.{:06x}.part", h.finish() & 0xff_ffff));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Gives the whole file at `temp` the name `target`: over an old file
/// with `force`, else only if there is none (even one made meanwhile).
fn put_in_place(temp: &Path, target: &Path, force: bool) -> io::Result<()> {
    if force {
        return fs::rename(temp, target);
    }
    match fs::hard_link(temp, target) {
        Ok(()) => fs::remove_file(temp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // A file system without hard links: look, then rename.
        Err(_) if target.exists() => Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(temp, target),
    }
}

/// The kind of file a render writes, by its name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// 16-bit PCM WAV: any other name (`set.wav`, `set`).
    Wav,
    /// FLAC, lossless and about a sixth of the size: `set.flac`.
    Flac,
}

impl Format {
    /// The format `path` asks for: FLAC for `.flac` (any case), else WAV.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("flac") => Format::Flac,
            _ => Format::Wav,
        }
    }
}

/// A render's writer: the stream's samples into the file, with the
/// samples done (of about the total given) told to the progress callback.
type Writer = fn(CueStream, u64, File, &mut dyn FnMut(u64, u64)) -> io::Result<u64>;

/// Writes the stream's samples as a WAV file into `file`.
fn write_wav(
    mut stream: CueStream,
    total: u64,
    file: File,
    progress: &mut dyn FnMut(u64, u64),
) -> io::Result<u64> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let hound_err = |e: hound::Error| match e {
        hound::Error::IoError(io) => io,
        other => io::Error::other(other.to_string()),
    };
    let mut writer =
        hound::WavWriter::new(BufWriter::with_capacity(1 << 20, file), spec).map_err(hound_err)?;
    let mut block = vec![0.0f32; RATE as usize];
    let mut written = 0u64;
    loop {
        let n = stream.fill(&mut block);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "n is at most a block of RATE samples, a u32"
        )]
        let mut out = writer.get_i16_writer(n as u32);
        for s in &block[..n] {
            out.write_sample(to_i16(*s));
        }
        out.flush().map_err(hound_err)?;
        written += n as u64;
        progress(written, total.max(written));
        if n < block.len() {
            break;
        }
    }
    writer.finalize().map_err(hound_err)?;
    Ok(written)
}

/// The stream as the FLAC encoder pulls it: 16-bit mono samples, a block
/// at a time, taken from the stream a second at a time as the WAV writer
/// takes them, so that both files hold the same samples.
struct Pull<'a> {
    stream: CueStream,
    /// Samples taken from the stream and not yet handed on, in order.
    ready: std::collections::VecDeque<i32>,
    /// The stream has ended.
    ended: bool,
    floats: Vec<f32>,
    ints: Vec<i32>,
    written: u64,
    total: u64,
    progress: &'a mut dyn FnMut(u64, u64),
}

impl flacenc::source::Source for Pull<'_> {
    fn channels(&self) -> usize {
        1
    }

    fn bits_per_sample(&self) -> usize {
        16
    }

    fn sample_rate(&self) -> usize {
        RATE as usize
    }

    fn read_samples<F: flacenc::source::Fill>(
        &mut self,
        block_size: usize,
        dest: &mut F,
    ) -> Result<usize, flacenc::error::SourceError> {
        while self.ready.len() < block_size && !self.ended {
            self.floats.resize(RATE as usize, 0.0);
            let n = self.stream.fill(&mut self.floats);
            self.ready
                .extend(self.floats[..n].iter().map(|s| i32::from(to_i16(*s))));
            self.ended = n < self.floats.len();
        }
        let n = block_size.min(self.ready.len());
        self.ints.clear();
        self.ints.extend(self.ready.drain(..n));
        dest.fill_interleaved(&self.ints)?;
        self.written += n as u64;
        (self.progress)(self.written, self.total.max(self.written));
        Ok(n)
    }
}

/// Writes the stream's samples as a FLAC file into `file` (encoded in
/// memory, a fraction of the samples' size, then written at once).
fn write_flac(
    stream: CueStream,
    total: u64,
    mut file: File,
    progress: &mut dyn FnMut(u64, u64),
) -> io::Result<u64> {
    use flacenc::component::BitRepr;
    use flacenc::error::Verify;
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .map_err(|(_, e)| io::Error::other(e.to_string()))?;
    let mut source = Pull {
        stream,
        ready: std::collections::VecDeque::new(),
        ended: false,
        floats: Vec::new(),
        ints: Vec::new(),
        written: 0,
        total,
        progress,
    };
    let encoded = flacenc::encode_with_fixed_block_size(&config, &mut source, config.block_size)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut sink = flacenc::bitsink::ByteSink::new();
    encoded
        .write(&mut sink)
        .map_err(|e| io::Error::other(e.to_string()))?;
    file.write_all(sink.as_slice())?;
    file.flush()?;
    Ok(source.written)
}

/// The workout's length in samples (its last cue rings a little longer).
pub(crate) fn expected_samples(timeline: &impl Timeline) -> u64 {
    timeline.workout().length_ms() * u64::from(RATE) / 1000
}

/// The free space for files in `dir`, in bytes, where the system says.
#[cfg(unix)]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `c_path` is a NUL-terminated path that outlives the call,
    // and `stat` is memory for one `statvfs`, which the call fills when
    // it returns 0 (and only then is it read).
    let stat = unsafe {
        if libc::statvfs(c_path.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    #[allow(
        clippy::useless_conversion,
        reason = "the fields' widths differ between systems"
    )]
    let (blocks, size) = (u64::from(stat.f_bavail), u64::from(stat.f_frsize));
    Some(blocks.saturating_mul(size))
}

/// Elsewhere the system is not asked: writing says if the disk is full.
#[cfg(not(unix))]
fn free_bytes(_dir: &Path) -> Option<u64> {
    None
}

/// A size in bytes as people read it: `5.2 MB`, `13.4 GB`.
fn fmt_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "clamped to i16's range first"
)]
fn to_i16(s: f32) -> i16 {
    (s * 32767.0).round().clamp(-32768.0, 32767.0) as i16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::cue_times;
    use crate::audio::onsets::onsets;
    use crate::timing::plan::Session;

    fn tmp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("repcadence-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join(name)
    }

    #[test]
    fn the_file_holds_every_cue_on_round_t_times_48000() {
        let session = Session {
            tempo: "3-1-X-1".parse().expect("tempo"),
            reps: 3,
            sets: 2,
            rest_ms: 8000,
            count_in_ms: 3000,
            ..Session::default()
        };
        let path = tmp("cues.wav");
        let _ = std::fs::remove_file(&path);
        let origin = Instant::now();
        let done = render(
            &session,
            Settings::default(),
            &path,
            false,
            origin,
            |_, _| {},
        )
        .expect("render");
        let mut reader = hound::WavReader::open(&path).expect("wav");
        let spec = reader.spec();
        assert_eq!(
            (spec.sample_rate, spec.channels, spec.bits_per_sample),
            (48_000, 1, 16)
        );
        let samples: Vec<i16> = reader
            .samples::<i16>()
            .map(|s| s.expect("sample"))
            .collect();
        assert_eq!(samples.len() as u64, done.samples);
        let want: Vec<usize> = cue_times(&session, &Settings::default(), origin)
            .iter()
            // round(t × 48000), in whole nanoseconds.
            .map(|t| (t.as_nanos() * 48_000 + 500_000_000) / 1_000_000_000)
            .map(|n| usize::try_from(n).expect("a short session"))
            .collect();
        assert_eq!(onsets(&samples, 240), want);
        let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
        assert!(peak < 32_000, "below full scale: {peak}");
        std::fs::remove_file(&path).expect("clean up");
    }

    #[test]
    fn refuses_to_overwrite_without_force_and_to_wait_for_a_partner() {
        let path = tmp("exists.wav");
        std::fs::write(&path, b"keep me").expect("write");
        let s = Session {
            sets: 1,
            reps: 1,
            ..Session::default()
        };
        let err = render(
            &s,
            Settings::default(),
            &path,
            false,
            Instant::now(),
            |_, _| {},
        )
        .expect_err("exists");
        assert!(matches!(err, RenderError::Exists(_)));
        assert_eq!(std::fs::read(&path).expect("read"), b"keep me");
        render(
            &s,
            Settings::default(),
            &path,
            true,
            Instant::now(),
            |_, _| {},
        )
        .expect("forced");
        assert!(std::fs::metadata(&path).expect("meta").len() > 44);
        let mut manual = s.clone();
        manual.tempo.lift = Lift::Manual;
        assert!(matches!(
            render(
                &manual,
                Settings::default(),
                &path,
                true,
                Instant::now(),
                |_, _| {}
            ),
            Err(RenderError::ManualLift)
        ));
        std::fs::remove_file(&path).expect("clean up");
        // A directory is never a file to write, with --force or without.
        let dir = tempfile::tempdir().expect("temp dir");
        for force in [false, true] {
            let err = render(
                &s,
                Settings::default(),
                dir.path(),
                force,
                Instant::now(),
                |_, _| {},
            )
            .expect_err("a directory");
            let want = format!(
                "{} is a directory: name a file in it, e.g. -o {}",
                dir.path().display(),
                dir.path().join("session.wav").display()
            );
            assert_eq!(err.to_string(), want);
        }
    }

    fn short() -> Session {
        Session {
            sets: 1,
            reps: 1,
            count_in_ms: 0,
            ..Session::default()
        }
    }

    fn render_to(session: &Session, path: &Path, force: bool) -> Result<Rendered, RenderError> {
        render(
            session,
            Settings::default(),
            path,
            force,
            Instant::now(),
            |_, _| {},
        )
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_session_longer_than_a_wav_holds_is_refused_before_a_byte_is_written() {
        // 20 sets of 100 reps of 5 s, 40 min rests: nearly 14 h.
        let session = Session {
            tempo: "4-0-1-0".parse().expect("tempo"),
            sets: 20,
            reps: 100,
            rest_ms: 2_400_000,
            ..Session::default()
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let err = render_to(&session, &dir.path().join("long.wav"), false).expect_err("too long");
        let text = err.to_string();
        assert!(matches!(err, RenderError::TooLong { .. }), "{text}");
        assert!(
            text.starts_with("this session lasts 15 h 26 min 45 s"),
            "the length in hours: {text}"
        );
        assert!(text.contains("4 GiB"), "{text}");
        assert!(
            text.contains("12 h 25 min"),
            "the longest that fits: {text}"
        );
        assert_eq!(names(dir.path()), [] as [String; 0]);
        // Just under the limit is fine, just over is not.
        let bank = Bank::new();
        let fits_in = |ms: u64| {
            let s = Session {
                tempo: "1-0-0-0".parse().expect("tempo"),
                sets: 1,
                reps: 1,
                count_in_ms: u32::try_from(ms).expect("ms"),
                ..Session::default()
            };
            fits(&Workout::single(s.clone()), &bank).is_ok()
        };
        assert!(fits_in(12 * 3_600_000));
        assert!(!fits_in(12 * 3_600_000 + 26 * 60_000));
    }

    #[test]
    fn a_flac_file_holds_the_wav_s_samples_in_at_most_a_fifth_of_its_size_peaking_at_1_dbfs() {
        assert_eq!(Format::of(Path::new("set.FLAC")), Format::Flac);
        assert_eq!(Format::of(Path::new("set.wav")), Format::Wav);
        assert_eq!(Format::of(Path::new("set")), Format::Wav);
        let session = Session {
            tempo: "5-0-1-0".parse().expect("tempo"),
            reps: 3,
            sets: 1,
            count_in_ms: 3000,
            ..Session::default()
        };
        let origin = Instant::now();
        let (wav, flac) = (tmp("same.wav"), tmp("same.flac"));
        for path in [&wav, &flac] {
            render(&session, Settings::default(), path, true, origin, |_, _| {}).expect("render");
        }
        let pcm: Vec<i32> = hound::WavReader::open(&wav)
            .expect("wav")
            .samples::<i16>()
            .map(|s| i32::from(s.expect("sample")))
            .collect();
        let mut reader = claxon::FlacReader::open(&flac).expect("flac");
        let info = reader.streaminfo();
        assert_eq!(
            (info.sample_rate, info.channels, info.bits_per_sample),
            (48_000, 1, 16)
        );
        let decoded: Vec<i32> = reader.samples().map(|s| s.expect("sample")).collect();
        assert_eq!(decoded.len(), pcm.len(), "the same length");
        assert!(decoded == pcm, "the same samples");
        // At the default volume the loudest moment peaks at about -1 dBFS
        // (between -2 and -0.5), and never clips.
        let peak = pcm.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
        let dbfs = 20.0 * (f64::from(peak) / 32768.0).log10();
        assert!((-2.0..=-0.5).contains(&dbfs), "peak {dbfs:.2} dBFS");
        let size = |p: &Path| std::fs::metadata(p).expect("size").len();
        assert!(
            size(&flac) * 5 <= size(&wav),
            "{} against {}",
            size(&flac),
            size(&wav)
        );
    }

    #[test]
    fn a_forced_render_replaces_the_old_file_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.wav");
        fs::write(&path, b"old").expect("write");
        let done = render_to(&short(), &path, true).expect("forced");
        let len = fs::metadata(&path).expect("meta").len();
        assert_eq!(len, 44 + 2 * done.samples);
        assert_eq!(names(dir.path()), ["out.wav"]);
        // A fresh one likewise, and a second without --force is refused
        // with the first left as it is.
        let fresh = dir.path().join("fresh.wav");
        render_to(&short(), &fresh, false).expect("fresh");
        let before = fs::read(&fresh).expect("read");
        assert!(matches!(
            render_to(&short(), &fresh, false),
            Err(RenderError::Exists(_))
        ));
        assert_eq!(fs::read(&fresh).expect("read"), before);
        assert_eq!(names(dir.path()), ["fresh.wav", "out.wav"]);
    }

    #[test]
    fn a_failed_write_removes_its_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("out.wav");
        let (file, temp) = temporary(dir.path(), &target).expect("temporary");
        let name = temp
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".out.wav.") && name.ends_with(".part"),
            "{name}"
        );
        drop(file);
        // A target that cannot be written to (a directory where the file
        // would go) fails the rename; the temporary file goes.
        fs::create_dir(&target).expect("mkdir");
        fs::write(target.join("x"), "").expect("write");
        assert!(put_in_place(&temp, &target, true).is_err());
        assert!(put_in_place(&temp, &target, false).is_err());
    }

    #[test]
    fn standard_output_and_devices_are_not_files_to_render_to() {
        assert!(matches!(
            render_to(&short(), Path::new("-"), true),
            Err(RenderError::Stdout)
        ));
        #[cfg(unix)]
        assert!(matches!(
            render_to(&short(), Path::new("/dev/null"), true),
            Err(RenderError::NotAFile(_))
        ));
    }

    #[test]
    fn a_file_bigger_than_the_free_space_is_refused() {
        let dir = Path::new("/mnt/usb");
        assert!(room("a.wav", dir, 1000, Some(1000)).is_ok());
        assert!(room("a.wav", dir, 1000, None).is_ok());
        let err = room("a.wav", dir, 6_200_000, Some(1_000_000)).expect_err("no room");
        assert_eq!(
            err.to_string(),
            "a.wav would be 6.2 MB, but /mnt/usb has only 1.0 MB free: free some space, or \
             render elsewhere with -o, or a shorter session"
        );
        #[cfg(unix)]
        assert!(free_bytes(Path::new(".")).is_some_and(|b| b > 0));
    }

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(fmt_bytes(999), "999 bytes");
        assert_eq!(fmt_bytes(5_200_000), "5.2 MB");
        assert_eq!(fmt_bytes(13_400_000_000), "13.4 GB");
    }
}
