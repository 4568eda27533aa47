//! Seconds as people type them and read them: whole milliseconds inside.
//!
//! Every duration in the core is a whole number of milliseconds, so sums are
//! exact and nothing drifts. This module turns `2.5` into 2500 ms and back.

use std::fmt::Write as _;
use std::time::Duration;

/// Why a seconds value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum SecondsError {
    /// Not a plain decimal number.
    #[error("is not a number of seconds")]
    NotANumber,
    /// More than three decimals (finer than a millisecond).
    #[error("has more than 3 decimals")]
    TooPrecise,
    /// Above the allowed maximum.
    #[error("is more than {max} s")]
    TooLarge {
        /// The maximum, already formatted.
        max: String,
    },
    /// `M:SS` with seconds of 60 or more, or minutes that are not whole.
    #[error("is not minutes and seconds: write them like 1:30 (the seconds under 60)")]
    BadClock,
    /// A unit that is not h, m or s, or units out of order.
    #[error("is not a duration: write it like 90, 90s, 2m, 1:30 or 1m30s")]
    BadUnit,
    /// A minus sign.
    #[error("is negative")]
    Negative,
}

/// Parses a duration as a lifter types it into whole milliseconds,
/// refusing anything above `max_ms`: seconds (`90`, `2.5`), with units
/// (`90s`, `2m`, `1.5m`, `1m30s`, `1h`), or minutes and seconds (`1:30`).
/// Only the last part may have decimals.
pub(crate) fn parse_duration(text: &str, max_ms: u32) -> Result<u32, SecondsError> {
    const NO_LIMIT: u32 = u32::MAX;
    let text = text.trim();
    if text.starts_with('-') {
        return Err(SecondsError::Negative);
    }
    let too_large = || SecondsError::TooLarge {
        max: fmt_secs(max_ms),
    };
    let within = |ms: u64| {
        if ms > u64::from(max_ms) {
            Err(too_large())
        } else {
            u32::try_from(ms).map_err(|_| too_large())
        }
    };
    if let Some((m, sec)) = text.split_once(':') {
        let whole = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let (sec_int, _) = sec.split_once('.').unwrap_or((sec, ""));
        if !whole(m) || sec_int.len() != 2 {
            return Err(SecondsError::BadClock);
        }
        let secs = parse_seconds(sec, 59_999).map_err(|e| match e {
            SecondsError::TooLarge { .. } => SecondsError::BadClock,
            other => other,
        })?;
        let minutes: u64 = m.trim_start_matches('0').parse().or_else(|_| {
            if m.bytes().all(|b| b == b'0') {
                Ok(0)
            } else {
                Err(too_large())
            }
        })?;
        return within(
            minutes
                .saturating_mul(60_000)
                .saturating_add(u64::from(secs)),
        );
    }
    if !text.ends_with(['h', 'm', 's']) {
        return parse_seconds(text, max_ms);
    }
    // Parts like 1h, 30m, 15s: the units in that order, each once.
    let mut total: u64 = 0;
    let mut rest = text;
    let mut last_unit = 0;
    while !rest.is_empty() {
        let at = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or(SecondsError::BadUnit)?;
        let (number, tail) = rest.split_at(at);
        let unit = tail.chars().next().ok_or(SecondsError::BadUnit)?;
        let (order, ms_per) = match unit {
            'h' => (1, 3_600_000u64),
            'm' => (2, 60_000),
            's' => (3, 1000),
            _ => return Err(SecondsError::BadUnit),
        };
        if order <= last_unit || number.is_empty() {
            return Err(SecondsError::BadUnit);
        }
        rest = &tail[unit.len_utf8()..];
        if number.contains('.') && !rest.is_empty() {
            return Err(SecondsError::BadUnit);
        }
        // The number as seconds' thousandths, then scaled to its unit.
        let value = parse_seconds(number, NO_LIMIT).map_err(|e| match e {
            SecondsError::TooLarge { .. } => too_large(),
            other => other,
        })?;
        total = total.saturating_add(u64::from(value).saturating_mul(ms_per) / 1000);
        last_unit = order;
    }
    within(total)
}

/// Parses a non-negative decimal number of seconds (`3`, `2.5`, `.5`) into
/// whole milliseconds, refusing anything above `max_ms`.
///
/// Signs, exponents, `inf` and `NaN` are refused: a tempo field or a rest
/// length is always written as plain digits.
pub(crate) fn parse_seconds(text: &str, max_ms: u32) -> Result<u32, SecondsError> {
    let text = text.trim();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(SecondsError::NotANumber);
    }
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(SecondsError::NotANumber);
    }
    let frac = frac.unwrap_or("");
    if frac.len() > 3 {
        return Err(SecondsError::TooPrecise);
    }
    let too_large = || SecondsError::TooLarge {
        max: fmt_secs(max_ms),
    };
    let int = int.trim_start_matches('0');
    if int.len() > 7 {
        return Err(too_large());
    }
    let whole: u64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| SecondsError::NotANumber)?
    };
    let mut millis: u64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        millis += u64::from(b - b'0') * [100, 10, 1][i];
    }
    let total = whole.saturating_mul(1000).saturating_add(millis);
    if total > u64::from(max_ms) {
        return Err(too_large());
    }
    u32::try_from(total).map_err(|_| too_large())
}

/// Time is milliseconds throughout, from the tempo to the engine's
/// events and status (`u32` for a phase or a setting, `u64` for a
/// session's sums). Only where the clock is read or slept on is it a
/// [`Duration`] beside an [`std::time::Instant`]; these two convert, and
/// nothing else does.
pub fn duration(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// A measured time (a device's delay) in ms with its fraction, for
/// messages: `{:.1}` of it reads `42.7`.
pub fn ms_f64(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `ms` as seconds, for JSON.
pub fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// The whole milliseconds of `d` (a time beside the clock, as the
/// program counts time).
pub fn ms_of(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Formats milliseconds as the shortest decimal seconds: `4`, `2.5`, `1.25`.
pub fn fmt_secs(ms: u32) -> String {
    let mut out = (ms / 1000).to_string();
    let frac = ms % 1000;
    if frac != 0 {
        let digits = format!("{frac:03}");
        let _ = write!(out, ".{}", digits.trim_end_matches('0'));
    }
    out
}

/// Formats milliseconds with one decimal, for lengths shown to people: `4.0`.
pub(crate) fn fmt_secs1(ms: u64) -> String {
    let tenths = (ms + 50) / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Formats a time since the session start as `mm:ss.mmm`, or `h:mm:ss.mmm`
/// from one hour on.
pub(crate) fn fmt_clock(ms: u64) -> String {
    let (h, rem) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rem) = (rem / 60_000, rem % 60_000);
    let (s, milli) = (rem / 1000, rem % 1000);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}.{milli:03}")
    } else {
        format!("{m:02}:{s:02}.{milli:03}")
    }
}

/// Formats a length for summaries, to the nearest second: `48 s`,
/// `5 min 05 s`, and from an hour on `2 h 05 min 00 s`.
pub(crate) fn fmt_minutes(ms: u64) -> String {
    let secs = ms.saturating_add(500) / 1000;
    if secs >= 3600 {
        format!(
            "{} h {:02} min {:02} s",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    } else if secs >= 60 {
        format!("{} min {:02} s", secs / 60, secs % 60)
    } else {
        format!("{secs} s")
    }
}

/// `1 set`, `3 sets`.
pub fn count(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_decimal_seconds() {
        assert_eq!(parse_seconds("3", 60_000), Ok(3000));
        assert_eq!(parse_seconds("2.5", 60_000), Ok(2500));
        assert_eq!(parse_seconds(".5", 60_000), Ok(500));
        assert_eq!(parse_seconds("0.125", 60_000), Ok(125));
        assert_eq!(parse_seconds("60", 60_000), Ok(60_000));
        assert_eq!(parse_seconds("007", 60_000), Ok(7000));
    }

    #[test]
    fn refuses_what_is_not_plain_seconds() {
        for bad in ["", ".", "-1", "+1", "1e3", "inf", "NaN", "1.2.3", "x", " "] {
            assert_eq!(
                parse_seconds(bad, 60_000),
                Err(SecondsError::NotANumber),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_seconds("0.0001", 60_000),
            Err(SecondsError::TooPrecise)
        );
        assert!(matches!(
            parse_seconds("60.001", 60_000),
            Err(SecondsError::TooLarge { .. })
        ));
        assert!(matches!(
            parse_seconds("99999999999999999999", 60_000),
            Err(SecondsError::TooLarge { .. })
        ));
    }

    #[test]
    fn formats_seconds_and_clock() {
        assert_eq!(fmt_secs(4000), "4");
        assert_eq!(fmt_secs(2500), "2.5");
        assert_eq!(fmt_secs(1250), "1.25");
        assert_eq!(fmt_secs(0), "0");
        assert_eq!(fmt_secs1(1000), "1.0");
        assert_eq!(fmt_secs1(2549), "2.5");
        assert_eq!(fmt_clock(5000), "00:05.000");
        assert_eq!(fmt_clock(61_234), "01:01.234");
        assert_eq!(fmt_clock(3_723_004), "1:02:03.004");
        assert_eq!(fmt_minutes(305_000), "5 min 05 s");
        assert_eq!(fmt_minutes(48_000), "48 s");
        assert_eq!(fmt_minutes(3_599_499), "59 min 59 s");
        assert_eq!(fmt_minutes(3_600_000), "1 h 00 min 00 s");
        assert_eq!(fmt_minutes(1_376_461_000), "382 h 21 min 01 s");
    }
}

#[cfg(test)]
mod duration_tests {
    use super::*;

    #[test]
    fn durations_are_read_as_lifters_write_them() {
        let max = 3_600_000;
        for (text, ms) in [
            ("90", 90_000),
            ("90s", 90_000),
            ("2m", 120_000),
            ("1:30", 90_000),
            ("1m30s", 90_000),
            ("1.5m", 90_000),
            ("2.5", 2500),
            ("0:05", 5000),
            ("1h", 3_600_000),
            (" 45s ", 45_000),
        ] {
            assert_eq!(parse_duration(text, max), Ok(ms), "{text}");
        }
        for (text, why) in [
            ("1:75", SecondsError::BadClock),
            ("1.5:00", SecondsError::BadClock),
            ("1:5", SecondsError::BadClock),
            ("-1m", SecondsError::Negative),
            ("2x", SecondsError::NotANumber),
            ("30s1m", SecondsError::BadUnit),
            ("1.5m30s", SecondsError::BadUnit),
            ("m", SecondsError::BadUnit),
        ] {
            assert_eq!(parse_duration(text, max), Err(why), "{text}");
        }
        assert!(matches!(
            parse_duration("2h", max),
            Err(SecondsError::TooLarge { .. })
        ));
        assert!(matches!(
            parse_duration("61:00", max),
            Err(SecondsError::TooLarge { .. })
        ));
    }
}
