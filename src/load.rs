//! Loads as lifters type them, read as numbers: `80kg`, `80 kg`, `175lb`,
//! `bw` (bodyweight), `bw+10kg` (a belt or vest), `-20kg` (assisted: a
//! machine or band takes 20 kg off bodyweight).
//!
//! The training log keeps the text the lifter typed; the number is derived
//! from it when the log is read, so any row reads as it was written (and
//! a load that does not parse simply has no number). Amounts are whole hundredths of a unit inside, so sums and the
//! "+10 %" arithmetic are exact; units are converted only where a lifter
//! mixes them.

use std::fmt;

/// A unit of weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Kilograms.
    Kg,
    /// Pounds.
    Lb,
}

impl Unit {
    /// As written after a number: `kg`, `lb`.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Lb => "lb",
        }
    }

    /// The plate step a suggested load is rounded to, in hundredths:
    /// 0.5 kg (a pair of 0.25 kg fractional plates) or 1 lb.
    pub(crate) fn step_centi(self) -> i64 {
        match self {
            Unit::Kg => 50,
            Unit::Lb => 100,
        }
    }
}

impl fmt::Display for Unit {
    /// As written after a number: `kg`, `lb`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// The heaviest amount accepted, in whole units (either unit): more is a
/// typo, and keeping below it keeps the arithmetic far from overflow.
pub(crate) const MAX_UNITS: i64 = 9999;

/// An amount of weight: whole hundredths of a unit, may be negative
/// (assistance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weight {
    /// Hundredths of the unit: 8000 is 80.
    pub centi: i64,
    /// The unit.
    pub unit: Unit,
}

impl Weight {
    /// The amount in kilograms, for comparing across units.
    #[allow(clippy::cast_precision_loss)] // |centi| <= 999_900: exact in f64
    pub fn kg(self) -> f64 {
        let units = self.centi as f64 / 100.0;
        match self.unit {
            Unit::Kg => units,
            Unit::Lb => units * 0.453_592_37,
        }
    }

    /// The amount without its unit, as a number is written: `82.5`, `-20`.
    pub(crate) fn amount(self) -> String {
        let shown = self.to_string();
        shown
            .strip_suffix(self.unit.symbol())
            .unwrap_or(&shown)
            .to_string()
    }

    /// The amount in `unit`, rounded to a hundredth.
    #[allow(clippy::cast_possible_truncation)] // bounded by MAX_UNITS
    pub(crate) fn to_unit(self, unit: Unit) -> Weight {
        if unit == self.unit {
            return self;
        }
        let units = match unit {
            Unit::Kg => self.kg(),
            Unit::Lb => self.kg() / 0.453_592_37,
        };
        Weight {
            centi: (units * 100.0).round() as i64,
            unit,
        }
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.centi < 0 { "-" } else { "" };
        let abs = self.centi.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        let unit = self.unit.symbol();
        match frac {
            0 => write!(f, "{sign}{whole}{unit}"),
            n if n % 10 == 0 => write!(f, "{sign}{whole}.{}{unit}", n / 10),
            n => write!(f, "{sign}{whole}.{n:02}{unit}"),
        }
    }
}

/// A load read as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Load {
    /// Weight on a bar, dumbbell or machine: `80kg`.
    Weight(Weight),
    /// Bodyweight, with weight added (`bw+10kg`) or taken off by
    /// assistance (`-20kg`, `bw-20kg`), or alone (`bw`).
    Bodyweight(Option<Weight>),
}

impl fmt::Display for Load {
    /// The canonical form: `80kg`, `bw`, `bw+10kg`, `-20kg`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Load::Weight(w) => write!(f, "{w}"),
            Load::Bodyweight(None) => write!(f, "bw"),
            Load::Bodyweight(Some(w)) if w.centi < 0 => write!(f, "{w}"),
            Load::Bodyweight(Some(w)) => write!(f, "bw+{w}"),
        }
    }
}

/// What to type, said after every refusal.
const TYPE: &str = "type a number and a unit like 80kg or 175lb, bw for bodyweight, \
                    bw+10kg with a belt or vest, or -20kg when a machine or band assists";

/// Why a load was refused; the message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Nothing was typed.
    #[error("the load is empty: {TYPE}")]
    Empty,
    /// A number without a unit.
    #[error("\"{0}\" has no unit: type it like {0}kg or {0}lb")]
    NoUnit(String),
    /// Several implements written as a product.
    #[error(
        "\"{0}\" is a count times a load: type the load of one, like 20kg for each of \
         two 20 kg dumbbells, and the same way every time, so that sessions compare"
    )]
    Product(String),
    /// Finer than a hundredth of a unit.
    #[error("\"{0}\" has more than 2 decimals: plates are not that fine; {TYPE}")]
    TooPrecise(String),
    /// Zero weight.
    #[error("\"{0}\" is no weight: {TYPE}")]
    Zero(String),
    /// More than [`MAX_UNITS`].
    #[error("\"{0}\" is more than {MAX_UNITS} kg or lb: {TYPE}")]
    TooLarge(String),
    /// Anything else.
    #[error("\"{0}\" is not a load: {TYPE}")]
    NotALoad(String),
}

/// Parses a load as a lifter types it (case and spaces do not matter).
pub fn parse(text: &str) -> Result<Load, LoadError> {
    let shown = text.trim();
    if shown.is_empty() {
        return Err(LoadError::Empty);
    }
    let squeezed: String = shown
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let bw = ["bodyweight", "bw"]
        .iter()
        .find_map(|p| squeezed.strip_prefix(p));
    if let Some(rest) = bw {
        if rest.is_empty() {
            return Ok(Load::Bodyweight(None));
        }
        let (negative, amount) = if let Some(a) = rest.strip_prefix('+') {
            (false, a)
        } else if let Some(a) = rest.strip_prefix('-') {
            (true, a)
        } else {
            return Err(LoadError::NotALoad(shown.to_string()));
        };
        let w = weight(amount, shown)?;
        let centi = if negative { -w.centi } else { w.centi };
        return Ok(Load::Bodyweight(Some(Weight { centi, ..w })));
    }
    if let Some(amount) = squeezed.strip_prefix('-') {
        let w = weight(amount, shown)?;
        return Ok(Load::Bodyweight(Some(Weight {
            centi: -w.centi,
            ..w
        })));
    }
    let amount = squeezed.strip_prefix('+').unwrap_or(&squeezed);
    weight(amount, shown).map(Load::Weight)
}

/// Parses `80kg`, `52.5lb` (lower case, no spaces, no sign).
fn weight(text: &str, shown: &str) -> Result<Weight, LoadError> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return Err(LoadError::NotALoad(shown.to_string()));
    }
    let unit = match unit {
        "kg" | "kgs" | "kilo" | "kilos" => Unit::Kg,
        "lb" | "lbs" | "pound" | "pounds" => Unit::Lb,
        "" => return Err(LoadError::NoUnit(number.to_string())),
        u if u.starts_with(['x', '*', '×']) => return Err(LoadError::Product(shown.to_string())),
        _ => return Err(LoadError::NotALoad(shown.to_string())),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if frac.len() > 2 {
        return Err(LoadError::TooPrecise(shown.to_string()));
    }
    let int = int.trim_start_matches('0');
    if int.len() > 4 {
        return Err(LoadError::TooLarge(shown.to_string()));
    }
    let whole: i64 = if int.is_empty() {
        0
    } else {
        int.parse()
            .map_err(|_| LoadError::NotALoad(shown.to_string()))?
    };
    let hundredths: i64 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| LoadError::NotALoad(shown.to_string()))?;
    let centi = whole * 100 + hundredths;
    if centi == 0 {
        return Err(LoadError::Zero(shown.to_string()));
    }
    Ok(Weight { centi, unit })
}

/// About 10 % more than `w` (positive), rounded to the unit's plate step
/// ([`Unit::step_centi`]) and at least one step more: `80kg` → `88kg`,
/// `1kg` → `1.5kg`, `52.5lb` → `58lb`. Never past what `--load` takes
/// ([`MAX_UNITS`]): `9500kg` → `9999kg`, and `None` when no step more
/// fits.
pub(crate) fn ten_percent_more(w: Weight) -> Option<Weight> {
    let step = w.unit.step_centi();
    let more = w.centi.saturating_mul(110) / 100;
    let rounded = (more + step / 2) / step * step;
    let at_least = (w.centi / step + 1) * step;
    let most = MAX_UNITS * 100 / step * step;
    let centi = rounded.max(at_least).min(most);
    (centi > w.centi).then_some(Weight {
        centi,
        unit: w.unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kg(units: i64) -> Weight {
        Weight {
            centi: units * 100,
            unit: Unit::Kg,
        }
    }

    #[test]
    fn the_forms_lifters_type_read_as_numbers() {
        assert_eq!(parse("80kg"), Ok(Load::Weight(kg(80))));
        assert_eq!(parse(" 80 KG "), Ok(Load::Weight(kg(80))));
        assert_eq!(
            parse("175lb"),
            Ok(Load::Weight(Weight {
                centi: 17500,
                unit: Unit::Lb
            }))
        );
        assert_eq!(
            parse("52.5 lbs").map(|l| l.to_string()),
            Ok("52.5lb".into())
        );
        assert_eq!(parse("bw"), Ok(Load::Bodyweight(None)));
        assert_eq!(parse("Bodyweight"), Ok(Load::Bodyweight(None)));
        assert_eq!(parse("bw+10kg"), Ok(Load::Bodyweight(Some(kg(10)))));
        assert_eq!(parse("bw + 10 kg"), Ok(Load::Bodyweight(Some(kg(10)))));
        assert_eq!(parse("-20kg"), Ok(Load::Bodyweight(Some(kg(-20)))));
        assert_eq!(parse("bw-20kg"), Ok(Load::Bodyweight(Some(kg(-20)))));
        assert_eq!(parse("-20kg").map(|l| l.to_string()), Ok("-20kg".into()));
        assert_eq!(
            parse("12.25kg").map(|l| l.to_string()),
            Ok("12.25kg".into())
        );
    }

    #[test]
    fn anything_else_is_refused_saying_what_to_type() {
        let msg = |t: &str| parse(t).map_err(|e| e.to_string()).expect_err(t);
        assert_eq!(msg("80"), "\"80\" has no unit: type it like 80kg or 80lb");
        for bad in ["", "80", "2x20kg", "0.001kg", "0kg", "heavy", "1e3kg"] {
            assert!(msg(bad).contains("like"), "{bad}: says what to type");
        }
        assert!(msg("2x20kg").contains("type the load of one"));
        assert!(msg("0.001kg").contains("more than 2 decimals"));
        assert!(msg("0kg").contains("is no weight"));
        assert!(msg("99999999999999999999999kg").contains("more than 9999"));
        for bad in [
            "", "heavy", "kg", "80 stone", "bw*2", "1.2.3kg", "--5kg", "bw+",
        ] {
            let m = msg(bad);
            assert!(m.contains("type") || m.contains("empty"), "{bad}: {m}");
        }
    }

    #[test]
    fn ten_percent_more_rounds_to_a_plate_step_and_always_adds_one() {
        let more = |t: &str| match parse(t) {
            Ok(Load::Weight(w)) => ten_percent_more(w).map(|w| w.to_string()),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(more("80kg").as_deref(), Some("88kg"));
        assert_eq!(more("1kg").as_deref(), Some("1.5kg"));
        assert_eq!(more("0.01kg").as_deref(), Some("0.5kg"));
        assert_eq!(more("20kg").as_deref(), Some("22kg"));
        assert_eq!(more("52.5lb").as_deref(), Some("58lb"));
        // Never past what --load takes: capped, or none when no step fits.
        assert_eq!(more("9500kg").as_deref(), Some("9999kg"));
        assert_eq!(more("9999kg"), None);
        assert_eq!(more("9999.99kg"), None);
    }

    #[test]
    fn mixed_units_compare_in_kilograms() {
        let lb = Weight {
            centi: 17500,
            unit: Unit::Lb,
        };
        assert!((lb.kg() - 79.379).abs() < 0.01);
        assert_eq!(lb.to_unit(Unit::Kg).to_string(), "79.38kg");
        assert_eq!(kg(80).to_unit(Unit::Kg), kg(80));
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 10_000,
            failure_persistence: None,
            rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_text_parses_or_is_refused_without_a_panic(text in "\\PC{0,20}") {
            let _ = parse(&text);
        }

        #[test]
        fn load_like_text_parses_or_says_what_to_type(
            text in "(bw|BW|-|bw\\+|bw-)?[ ]?[0-9]{0,6}(\\.[0-9]{0,4})?[ ]?(kg|lb|lbs|x|)"
        ) {
            match parse(&text) {
                Ok(load) => prop_assert_eq!(parse(&load.to_string()), Ok(load)),
                Err(e) => {
                    let m = e.to_string();
                    prop_assert!(m.contains("type") || m.contains("empty"), "{}", m);
                }
            }
        }

        #[test]
        fn the_canonical_form_parses_back(centi in 1i64..=999_900, lb: bool, kind in 0u8..3) {
            let w = Weight { centi, unit: if lb { Unit::Lb } else { Unit::Kg } };
            let load = match kind {
                0 => Load::Weight(w),
                1 => Load::Bodyweight(Some(w)),
                _ => Load::Bodyweight(Some(Weight { centi: -centi, ..w })),
            };
            prop_assert_eq!(parse(&load.to_string()), Ok(load));
            match ten_percent_more(w) {
                Some(more) => {
                    prop_assert!(more.centi > w.centi);
                    prop_assert!(more.centi <= MAX_UNITS * 100);
                    prop_assert_eq!(more.centi % w.unit.step_centi(), 0);
                }
                // Only a load within a step of what --load takes has none.
                None => prop_assert!(w.centi + w.unit.step_centi() > MAX_UNITS * 100),
            }
        }
    }
}
