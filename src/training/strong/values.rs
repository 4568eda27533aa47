//! Units, numbers, dates and durations as the exports write them.

use super::*;
/// Reads a weight unit: `kg`, `kgs`, `lb` or `lbs`, in any case.
pub(super) fn parse_unit(raw: &str) -> Option<Unit> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "kg" | "kgs" => Some(Unit::Kg),
        "lb" | "lbs" => Some(Unit::Lb),
        _ => None,
    }
}

/// Normalizes a non-negative decimal written with a point or a comma:
/// `"82,5"` → `"82.5"`, `"100.0"` → `"100"`, `"007.50"` → `"7.5"`.
pub(super) fn normalize_decimal(raw: &str) -> Result<String, &'static str> {
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let mut parts = digits.split(['.', ',']);
    let int_part = parts.next().unwrap_or("");
    let frac_part = parts.next().unwrap_or("");
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some()
        || !all_digits(int_part)
        || !all_digits(frac_part)
        || (int_part.is_empty() && frac_part.is_empty())
    {
        return Err("is not a number");
    }
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    let mut out = String::with_capacity(int_part.len() + frac_part.len() + 2);
    out.push_str(if int_part.is_empty() { "0" } else { int_part });
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    if negative && out != "0" {
        return Err("is negative");
    }
    Ok(out)
}

/// Reads a whole number from 0 to 65535; `"10.0"` counts as 10.
pub(super) fn parse_whole(raw: &str) -> Result<u16, &'static str> {
    let normalized = normalize_decimal(raw.trim()).map_err(|why| match why {
        "is negative" => "is negative",
        _ => "is not a whole number",
    })?;
    if normalized.contains('.') {
        return Err("is not a whole number");
    }
    normalized.parse::<u16>().map_err(|_| "is too large")
}

/// Reads a date and time in any of the forms the exports use:
/// `2024-01-15 18:30:00` (also without seconds, with `T`, or with a 12-hour
/// clock and AM/PM) and Hevy's `15 Jan 2024, 18:30`.
pub(super) fn parse_datetime(raw: &str) -> Option<DateTime> {
    let s = raw.trim();
    parse_iso_datetime(s).or_else(|| parse_named_month_datetime(s))
}

/// Reads `YYYY-MM-DD HH:MM[:SS][ AM|PM]`.
pub(super) fn parse_iso_datetime(s: &str) -> Option<DateTime> {
    let (date, time) = s.split_once([' ', 'T'])?;
    let mut parts = date.split('-');
    let year = digits(parts.next()?, 4, 4)?;
    let month = digits(parts.next()?, 1, 2)?;
    let day = digits(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    build_datetime(year, month, day, time)
}

/// Reads Hevy's `D Mon YYYY, HH:MM` (also `Mon D, YYYY, HH:MM`, full month
/// names, seconds, or AM/PM).
pub(super) fn parse_named_month_datetime(s: &str) -> Option<DateTime> {
    let tokens: Vec<&str> = s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let [first, second, year, time @ ..] = tokens.as_slice() else {
        return None;
    };
    if time.is_empty() {
        return None;
    }
    let (day_token, month_token) = if first.starts_with(|c: char| c.is_ascii_digit()) {
        (first, second)
    } else {
        (second, first)
    };
    let day = digits(day_token, 1, 2)?;
    let month = month_number(month_token)?;
    let year = digits(year, 4, 4)?;
    let time = time.join(" ");
    build_datetime(year, month, day, &time)
}

/// Builds a date and time from a date and a `H:MM[:SS][ AM|PM]` time.
pub(super) fn build_datetime(year: i32, month: i32, day: i32, time: &str) -> Option<DateTime> {
    let time = time.trim();
    let lower = time.to_ascii_lowercase();
    let (clock, meridiem) = if let Some(rest) = lower.strip_suffix("am") {
        (rest, Some(false))
    } else if let Some(rest) = lower.strip_suffix("pm") {
        (rest, Some(true))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = clock.trim().split(':');
    let mut hour = digits(parts.next()?, 1, 2)?;
    let minute = digits(parts.next()?, 2, 2)?;
    let second = match parts.next() {
        Some(p) => digits(p, 2, 2)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()
}

/// Reads a run of ASCII digits of a length between `min` and `max`.
pub(super) fn digits(s: &str, min: usize, max: usize) -> Option<i32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads an English month name or its abbreviation (`Jan`, `Sept`, `January`).
pub(super) fn month_number(token: &str) -> Option<i32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = token.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| m.starts_with(&lower))?;
    i32::try_from(index + 1).ok()
}

/// Formats the time between two moments like Strong does: `1h 5m` or `45m`.
/// Returns `""` when the end is before the start.
pub(super) fn format_duration(start: DateTime, end: DateTime) -> String {
    let seconds = start.duration_until(end).as_secs();
    if seconds < 0 {
        return String::new();
    }
    let minutes = seconds / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    if h > 0 {
        format!("{h}h {m}m")
    } else {
        format!("{m}m")
    }
}
