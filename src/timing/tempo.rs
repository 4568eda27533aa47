//! Lifting tempo notation: `4-0-1-0`, `31X0`, `2.5:0:1:0`.
//!
//! Four fields in the lifters' order: lower (eccentric), bottom pause, lift
//! (concentric), top pause. The notation always begins with the lowering,
//! whichever phase the exercise starts with.

use std::fmt;
use std::str::FromStr;

use crate::text::quote;
use crate::timing::units::{SecondsError, fmt_secs, parse_seconds};

/// The longest any one field may be, in milliseconds (60 s).
pub(crate) const MAX_FIELD_MS: u32 = 60_000;

/// A valid example, quoted in every error message.
pub(crate) const EXAMPLE: &str = "like 4-0-1-0 or 31X0";

/// How the lift (concentric) is timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lift {
    /// A lift of this many milliseconds.
    Ms(u32),
    /// `X`: as fast as possible, timed as the session's explosive length.
    Explosive,
    /// `P`: a partner lifts the weight (assisted), timed as the session's
    /// partner's lift; it is no time under tension.
    Partner,
    /// A partner lifts, and the rep waits at the top for a key before the
    /// lowering (`--lift manual`); written `P` like a timed partner's lift.
    Manual,
}

impl Lift {
    /// Whether a partner lifts (timed or waited for): no time under
    /// tension.
    pub(crate) fn by_partner(self) -> bool {
        matches!(self, Lift::Partner | Lift::Manual)
    }
}

/// A rep's tempo: four fields, lengths in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tempo {
    /// Lowering (eccentric), the first field.
    pub lower: u32,
    /// Pause at the bottom, the second field.
    pub bottom: u32,
    /// Lift (concentric), the third field.
    pub lift: Lift,
    /// Pause at the top, the fourth field.
    pub top: u32,
}

impl Default for Tempo {
    /// `3-0-1-0`: a 3 s lowering, the count the literature starts beginners at.
    fn default() -> Self {
        Tempo {
            lower: 3000,
            bottom: 0,
            lift: Lift::Ms(1000),
            top: 0,
        }
    }
}

/// The four fields by position, as named in error messages.
const FIELD_NAMES: [&str; 4] = [
    "lower (1st)",
    "bottom pause (2nd)",
    "lift (3rd)",
    "top pause (4th)",
];

/// What is wrong with the shape of a text that is not four fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Nothing but spaces.
    Nothing,
    /// Separated fields, but not four of them.
    Fields(usize),
    /// A separator before the first field or after the last.
    Edge {
        /// Whether it is at the start (else the end).
        start: bool,
        /// The separator.
        sep: char,
    },
    /// No separator, and a character that is often meant as one (`,`, `–`).
    Foreign(char),
    /// No separator, and more than one `.`: dots meant as separators.
    Dots,
    /// No separator, and not four characters.
    Length(usize),
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Nothing => write!(f, "it is empty"),
            Shape::Fields(n) => write!(f, "found {n}"),
            Shape::Edge { start: true, sep } => write!(f, "it begins with \"{sep}\""),
            Shape::Edge { start: false, sep } => write!(f, "it ends with \"{sep}\""),
            Shape::Foreign(c) => write!(
                f,
                "\"{}\" does not separate them: use -, : or /",
                quote(&c.to_string())
            ),
            Shape::Dots => write!(
                f,
                "\".\" is the decimal point: separate them with -, : or /"
            ),
            Shape::Length(n) => write!(
                f,
                "without separators each is one digit or X, and this has {n} characters"
            ),
        }
    }
}

/// Why a text is not a tempo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TempoError {
    /// Not four fields.
    #[error(
        "\"{}\" is not a tempo: expected four numbers lower-pause-lift-pause ({shape}), {EXAMPLE}",
        quote(.input)
    )]
    Shape {
        /// The text as given.
        input: String,
        /// What is wrong with it.
        shape: Shape,
    },
    /// One field is wrong.
    #[error(
        "\"{}\" is not a tempo: the {field} field \"{}\" {reason}, {EXAMPLE}",
        quote(.input),
        quote(.value)
    )]
    Field {
        /// The text as given.
        input: String,
        /// Which field, by name and position.
        field: &'static str,
        /// The field's text.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// All four fields are zero.
    #[error(
        "\"{}\" is not a tempo: a rep must last longer than 0 s, {EXAMPLE}",
        quote(.input)
    )]
    Empty {
        /// The text as given.
        input: String,
    },
}

impl Tempo {
    /// A tempo of whole seconds with a timed lift: `whole_secs(4, 0, 1, 0)`
    /// is 4-0-1-0 (the built-in presets and workouts are written so).
    pub(crate) const fn whole_secs(lower: u32, bottom: u32, lift: u32, top: u32) -> Tempo {
        Tempo {
            lower: lower * 1000,
            bottom: bottom * 1000,
            lift: Lift::Ms(lift * 1000),
            top: top * 1000,
        }
    }

    /// The lift's length under tension, with `X` timed as
    /// `explosive_ms` (a partner's lift, `P`, is none).
    pub(crate) fn lift_ms(&self, explosive_ms: u32) -> u32 {
        match self.lift {
            Lift::Ms(ms) => ms,
            Lift::Explosive => explosive_ms,
            Lift::Partner | Lift::Manual => 0,
        }
    }

    /// One rep's length (its time under tension), with `X` as `explosive_ms`.
    pub(crate) fn rep_ms(&self, explosive_ms: u32) -> u32 {
        self.lower
            .saturating_add(self.bottom)
            .saturating_add(self.lift_ms(explosive_ms))
            .saturating_add(self.top)
    }
}

impl fmt::Display for Tempo {
    /// The canonical form: `4-0-1-0`, `3-1-X-0`, `2.5-0-1-0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lift = match self.lift {
            Lift::Ms(ms) => fmt_secs(ms),
            Lift::Explosive => "X".to_string(),
            Lift::Partner | Lift::Manual => "P".to_string(),
        };
        write!(
            f,
            "{}-{}-{}-{}",
            fmt_secs(self.lower),
            fmt_secs(self.bottom),
            lift,
            fmt_secs(self.top)
        )
    }
}

impl FromStr for Tempo {
    type Err = TempoError;

    /// Parses any accepted spelling: fields separated by `-`, `:`, `/` or
    /// spaces (decimals allowed), or the compact four-character form.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = input.trim();
        let is_sep = |c: char| matches!(c, '-' | ':' | '/') || c.is_whitespace();
        let shape = |shape| TempoError::Shape {
            input: input.to_string(),
            shape,
        };
        let fields: Vec<String> = if text.contains(is_sep) {
            if let Some(sep) = text.chars().next().filter(|&c| is_sep(c)) {
                return Err(shape(Shape::Edge { start: true, sep }));
            }
            if let Some(sep) = text.chars().next_back().filter(|&c| is_sep(c)) {
                return Err(shape(Shape::Edge { start: false, sep }));
            }
            // Runs of whitespace are one separator; a doubled `-` is an empty field.
            let mut fields = Vec::new();
            let mut current = String::new();
            let mut after_space = false;
            for c in text.chars() {
                if c.is_whitespace() {
                    after_space = true;
                    continue;
                }
                if matches!(c, '-' | ':' | '/') {
                    fields.push(std::mem::take(&mut current));
                    after_space = false;
                    continue;
                }
                if after_space && !current.is_empty() {
                    fields.push(std::mem::take(&mut current));
                }
                after_space = false;
                current.push(c);
            }
            fields.push(current);
            fields
        } else if text.chars().count() == 4 {
            text.chars().map(String::from).collect()
        } else if text.is_empty() {
            return Err(shape(Shape::Nothing));
        } else if let Some(c) = text.chars().find(|&c| !c.is_alphanumeric() && c != '.') {
            return Err(shape(Shape::Foreign(c)));
        } else if text.matches('.').count() > 1 {
            return Err(shape(Shape::Dots));
        } else {
            return Err(shape(Shape::Length(text.chars().count())));
        };
        if fields.len() != 4 {
            return Err(shape(Shape::Fields(fields.len())));
        }
        let field_err = |i: usize, reason: String| TempoError::Field {
            input: input.to_string(),
            field: FIELD_NAMES[i],
            value: fields[i].clone(),
            reason,
        };
        let mut ms = [0u32; 4];
        let mut explosive = false;
        let mut partner = false;
        for (i, value) in fields.iter().enumerate() {
            if value.eq_ignore_ascii_case("x") {
                if i != 2 {
                    return Err(field_err(
                        i,
                        "is X (explosive), which only fits the lift, the 3rd field".into(),
                    ));
                }
                explosive = true;
                continue;
            }
            if value.eq_ignore_ascii_case("p") {
                if i != 2 {
                    return Err(field_err(
                        i,
                        "is P (a partner's lift), which only fits the lift, the 3rd field".into(),
                    ));
                }
                partner = true;
                continue;
            }
            if value.is_empty() {
                return Err(field_err(i, "is empty".into()));
            }
            ms[i] = parse_seconds(value, MAX_FIELD_MS).map_err(|e| {
                field_err(
                    i,
                    match e {
                        SecondsError::TooLarge { .. } => "is more than 60 s".to_string(),
                        other => other.to_string(),
                    },
                )
            })?;
        }
        let tempo = Tempo {
            lower: ms[0],
            bottom: ms[1],
            lift: if explosive {
                Lift::Explosive
            } else if partner {
                Lift::Partner
            } else {
                Lift::Ms(ms[2])
            },
            top: ms[3],
        };
        if tempo.rep_ms(0) == 0 && !explosive && !partner {
            return Err(TempoError::Empty {
                input: input.to_string(),
            });
        }
        Ok(tempo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(s: &str) -> Tempo {
        s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn every_spelling_gives_the_same_tempo() {
        let want = Tempo {
            lower: 4000,
            bottom: 0,
            lift: Lift::Ms(1000),
            top: 0,
        };
        for s in [
            "4-0-1-0",
            "4:0:1:0",
            "4/0/1/0",
            "4 0 1 0",
            "4010",
            " 4-0-1-0 ",
            "4  0 1\t0",
        ] {
            assert_eq!(t(s), want, "{s:?}");
        }
    }

    #[test]
    fn explosive_and_decimals() {
        let x = t("31X0");
        assert_eq!(x.lift, Lift::Explosive);
        assert_eq!((x.lower, x.bottom, x.top), (3000, 1000, 0));
        assert_eq!(x.to_string(), "3-1-X-0");
        assert_eq!(t("4-0-x-1").to_string(), "4-0-X-1");
        assert_eq!(x.rep_ms(1000), 5000);
        assert_eq!(x.rep_ms(500), 4500);
        let d = t("2.5-0-1-0");
        assert_eq!(d.lower, 2500);
        assert_eq!(d.to_string(), "2.5-0-1-0");
        assert_eq!(t("0-0-X-0").rep_ms(1000), 1000);
    }

    #[test]
    fn canonical_display() {
        assert_eq!(t("4010").to_string(), "4-0-1-0");
        assert_eq!(t("60:0:0.125:0").to_string(), "60-0-0.125-0");
    }

    #[test]
    fn bad_shapes_quote_the_input_say_what_is_wrong_and_give_an_example() {
        let cases = [
            ("4-0-1", Shape::Fields(3), "(found 3)"),
            ("4-0-1-0-0", Shape::Fields(5), "(found 5)"),
            ("401", Shape::Length(3), "this has 3 characters"),
            ("40100", Shape::Length(5), "this has 5 characters"),
            ("abcd1", Shape::Length(5), "this has 5 characters"),
            ("", Shape::Nothing, "(it is empty)"),
            (" \t", Shape::Nothing, "(it is empty)"),
            (
                "-4-0-1-0",
                Shape::Edge {
                    start: true,
                    sep: '-',
                },
                "(it begins with \"-\")",
            ),
            (
                "4-0-1-0/",
                Shape::Edge {
                    start: false,
                    sep: '/',
                },
                "(it ends with \"/\")",
            ),
            (
                "4,0,1,0",
                Shape::Foreign(','),
                "\",\" does not separate them",
            ),
            (
                "4\u{2013}0\u{2013}1\u{2013}0",
                Shape::Foreign('\u{2013}'),
                "use -, : or /",
            ),
            ("4.0.1.0", Shape::Dots, "\".\" is the decimal point"),
        ];
        for (bad, shape, want) in cases {
            let err = bad.parse::<Tempo>().expect_err(bad);
            assert_eq!(
                err,
                TempoError::Shape {
                    input: bad.to_string(),
                    shape
                },
                "{bad:?}"
            );
            let err = err.to_string();
            assert!(
                err.starts_with(&format!("\"{bad}\" is not a tempo")),
                "{err}"
            );
            assert!(err.contains(want), "{err}");
            assert!(err.ends_with("like 4-0-1-0 or 31X0"), "{err}");
        }
        assert_eq!(
            "4-0-1".parse::<Tempo>().expect_err("short").to_string(),
            "\"4-0-1\" is not a tempo: expected four numbers lower-pause-lift-pause (found 3), \
             like 4-0-1-0 or 31X0"
        );
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            ("4-0-61-0", "lift (3rd) field \"61\" is more than 60 s"),
            ("4--1-0", "bottom pause (2nd) field \"\" is empty"),
            ("a010", "lower (1st) field \"a\" is not a number of seconds"),
            ("X010", "lower (1st) field \"X\" is X (explosive)"),
            (
                "4-0-1-0.0001",
                "top pause (4th) field \"0.0001\" has more than 3 decimals",
            ),
        ];
        for (input, want) in cases {
            let err = input.parse::<Tempo>().expect_err(input).to_string();
            assert!(err.contains(want), "{input}: {err}");
        }
        let zero = "0000".parse::<Tempo>().expect_err("zero").to_string();
        assert!(zero.contains("longer than 0 s"), "{zero}");
    }

    fn any_tempo() -> impl Strategy<Value = Tempo> {
        let field = 0u32..=MAX_FIELD_MS;
        (
            field.clone(),
            field.clone(),
            prop::option::of(field.clone()),
            field,
        )
            .prop_filter_map("a rep must last", |(lower, bottom, lift, top)| {
                let tempo = Tempo {
                    lower,
                    bottom,
                    lift: lift.map_or(Lift::Explosive, Lift::Ms),
                    top,
                };
                (tempo.lift == Lift::Explosive || tempo.rep_ms(0) > 0).then_some(tempo)
            })
    }

    /// How many generated inputs each property below is tried on: enough
    /// to reach the rarer shapes (an `X` out of place, a 4-decimal field
    /// past the 60 s mark) in every run, and still well under a second.
    const CASES: u32 = 10_000;

    const X_REASON: &str = "is X (explosive), which only fits the lift, the 3rd field";
    const P_REASON: &str = "is P (a partner's lift), which only fits the lift, the 3rd field";

    /// Whether `value` is plain decimal seconds as a person would type
    /// them (`3`, `2.5`, `.5`), however large or precise.
    fn decimal(value: &str) -> bool {
        let (int, frac) = value.split_once('.').unwrap_or((value, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty())
    }

    /// Checks that `err`, the error for `input`, names the problem: it
    /// quotes the input (cut when long), says what is wrong (which field, and why, or what
    /// is wrong with the shape), and ends with an example of what is
    /// allowed; and that what it says is true of the input.
    fn names_the_problem(input: &str, err: &TempoError) -> Result<(), TestCaseError> {
        let msg = err.to_string();
        prop_assert!(
            msg.starts_with(&format!("\"{}\" is not a tempo: ", quote(input))),
            "{}",
            msg
        );
        prop_assert!(msg.ends_with(&format!(", {EXAMPLE}")), "{}", msg);
        let text = input.trim();
        match err {
            TempoError::Shape {
                input: quoted,
                shape,
            } => {
                prop_assert_eq!(quoted, input);
                let said = format!("expected four numbers lower-pause-lift-pause ({shape}), ");
                prop_assert!(msg.contains(&said), "{}", msg);
                match *shape {
                    Shape::Nothing => prop_assert!(text.is_empty(), "{}", msg),
                    Shape::Fields(n) => prop_assert!(n >= 2 && n != 4, "{}", msg),
                    Shape::Edge { start: true, sep } => prop_assert!(text.starts_with(sep)),
                    Shape::Edge { start: false, sep } => prop_assert!(text.ends_with(sep)),
                    Shape::Foreign(c) => {
                        prop_assert!(text.contains(c) && !c.is_alphanumeric(), "{}", msg);
                    }
                    Shape::Dots => prop_assert!(text.matches('.').count() > 1, "{}", msg),
                    Shape::Length(n) => {
                        prop_assert_eq!(n, text.chars().count());
                        prop_assert_ne!(n, 4);
                    }
                }
            }
            TempoError::Field {
                input: quoted,
                field,
                value,
                reason,
            } => {
                prop_assert_eq!(quoted, input);
                prop_assert!(FIELD_NAMES.contains(field), "{}", msg);
                let said = format!("the {field} field \"{}\" {reason}, ", quote(value));
                prop_assert!(msg.contains(&said), "{}", msg);
                prop_assert!(text.contains(value.as_str()), "{}", msg);
                prop_assert!(!value.contains(char::is_whitespace), "{}", msg);
                let decimals = value.split_once('.').map_or(0, |(_, f)| f.len());
                match reason.as_str() {
                    "is empty" => prop_assert!(value.is_empty(), "{}", msg),
                    X_REASON => {
                        prop_assert!(value.eq_ignore_ascii_case("x"), "{}", msg);
                        prop_assert_ne!(*field, FIELD_NAMES[2]);
                    }
                    P_REASON => {
                        prop_assert!(value.eq_ignore_ascii_case("p"), "{}", msg);
                        prop_assert_ne!(*field, FIELD_NAMES[2]);
                    }
                    "is not a number of seconds" => {
                        prop_assert!(!decimal(value) && !value.is_empty(), "{}", msg);
                    }
                    "has more than 3 decimals" => {
                        prop_assert!(decimal(value) && decimals > 3, "{}", msg);
                    }
                    "is more than 60 s" => {
                        let secs: f64 = value.parse().unwrap_or(f64::INFINITY);
                        prop_assert!(decimal(value) && decimals <= 3 && secs > 60.0, "{}", msg);
                    }
                    other => prop_assert!(false, "a reason no test knows: {other}: {msg}"),
                }
            }
            TempoError::Empty { input: quoted } => {
                prop_assert_eq!(quoted, input);
                prop_assert!(msg.contains("a rep must last longer than 0 s, "), "{}", msg);
                prop_assert!(
                    !text.contains(|c: char| ('1'..='9').contains(&c)),
                    "{}",
                    msg
                );
            }
        }
        Ok(())
    }

    /// What the parser must make of one generated field.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Want {
        /// This many milliseconds.
        Ms(u32),
        /// `X`: right in the lift, wrong anywhere else.
        X,
        /// `P`: right in the lift, wrong anywhere else.
        P,
        /// Refused with this reason.
        Bad(&'static str),
    }

    /// A field's text and what it means: valid seconds in several
    /// spellings, and each way a field can be wrong.
    fn field() -> impl Strategy<Value = (String, Want)> {
        let seconds = (0u32..=61, "[0-9]{0,3}", any::<bool>()).prop_map(|(whole, frac, pad)| {
            let mut ms = whole * 1000;
            for (i, d) in frac.bytes().enumerate() {
                ms += u32::from(d - b'0') * [100, 10, 1][i];
            }
            let int = match (whole, pad) {
                (0, true) if !frac.is_empty() => String::new(),
                (_, true) => format!("0{whole}"),
                _ => whole.to_string(),
            };
            let text = if frac.is_empty() {
                int
            } else {
                format!("{int}.{frac}")
            };
            let want = if ms > MAX_FIELD_MS {
                Want::Bad("is more than 60 s")
            } else {
                Want::Ms(ms)
            };
            (text, want)
        });
        let bad = |pattern: &'static str, reason: &'static str| {
            pattern.prop_map(move |text| (text, Want::Bad(reason)))
        };
        prop_oneof![
            6 => seconds,
            1 => bad("[1-9][0-9]{2,24}", "is more than 60 s"),
            1 => bad("[0-9]{0,2}\\.[0-9]{4,8}", "has more than 3 decimals"),
            1 => bad("[a-oq-wyzA-OQ-WYZ+*#,_éß]{1,3}|[pP][a-z]{1,2}|\\.|[0-9]e[0-9]|\\+[0-9]|[0-9]\\.[0-9]\\.[0-9]|[0-9][a-z]",
                "is not a number of seconds"),
            1 => Just((String::new(), Want::Bad("is empty"))),
            1 => prop::sample::select(vec!["x", "X"]).prop_map(|x| (x.to_string(), Want::X)),
            1 => prop::sample::select(vec!["p", "P"]).prop_map(|p| (p.to_string(), Want::P)),
        ]
    }

    /// What the parser must answer for `fields` joined by a separator whose
    /// own character is `sep` (`' '` for spaces only), written as `input`.
    fn expected(input: &str, fields: &[(String, Want)], sep: char) -> Result<Tempo, TempoError> {
        let shape = |shape| {
            Err(TempoError::Shape {
                input: input.to_string(),
                shape,
            })
        };
        let n = fields.len();
        if fields[0].0.is_empty() {
            return shape(Shape::Edge { start: true, sep });
        }
        if fields[n - 1].0.is_empty() {
            return shape(Shape::Edge { start: false, sep });
        }
        if n != 4 {
            return shape(Shape::Fields(n));
        }
        let mut ms = [0u32; 4];
        let mut explosive = false;
        let mut partner = false;
        for (i, (value, want)) in fields.iter().enumerate() {
            let reason = match *want {
                Want::Ms(v) => {
                    ms[i] = v;
                    continue;
                }
                Want::X if i == 2 => {
                    explosive = true;
                    continue;
                }
                Want::X => X_REASON,
                Want::P if i == 2 => {
                    partner = true;
                    continue;
                }
                Want::P => P_REASON,
                Want::Bad(reason) => reason,
            };
            return Err(TempoError::Field {
                input: input.to_string(),
                field: FIELD_NAMES[i],
                value: value.clone(),
                reason: reason.to_string(),
            });
        }
        if !explosive && !partner && ms.iter().all(|&v| v == 0) {
            return Err(TempoError::Empty {
                input: input.to_string(),
            });
        }
        Ok(Tempo {
            lower: ms[0],
            bottom: ms[1],
            lift: if explosive {
                Lift::Explosive
            } else if partner {
                Lift::Partner
            } else {
                Lift::Ms(ms[2])
            },
            top: ms[3],
        })
    }

    /// Two to six generated fields, separated one way, maybe padded with
    /// spaces: the text, and what the parser must answer.
    fn separated() -> impl Strategy<Value = (String, Result<Tempo, TempoError>)> {
        let seps = vec!["-", ":", "/", " ", "  ", "\t", " - ", ": ", " /"];
        (
            prop::collection::vec(field(), 2..=6),
            prop::sample::select(seps),
            "[ \t]{0,2}",
            "[ \t]{0,2}",
        )
            .prop_map(|(mut fields, sep, before, after)| {
                let own = sep.trim().chars().next();
                if own.is_none() {
                    // Runs of spaces are one separator: no empty field between them.
                    for f in &mut fields {
                        if f.0.is_empty() {
                            *f = ("0".to_string(), Want::Ms(0));
                        }
                    }
                }
                let joined: Vec<&str> = fields.iter().map(|(text, _)| text.as_str()).collect();
                let input = format!("{before}{}{after}", joined.join(sep));
                let want = expected(&input, &fields, own.unwrap_or(' '));
                (input, want)
            })
    }

    /// The compact form: four characters, each a digit, an `X` or one of
    /// the characters people type by mistake.
    fn compact() -> impl Strategy<Value = (String, Result<Tempo, TempoError>)> {
        let char_field = prop_oneof![
            6 => (0u32..=9).prop_map(|d| (d.to_string(), Want::Ms(d * 1000))),
            1 => prop::sample::select(vec!["x", "X"]).prop_map(|x| (x.to_string(), Want::X)),
            1 => prop::sample::select(vec!["p", "P"]).prop_map(|p| (p.to_string(), Want::P)),
            1 => prop::sample::select(vec!["a", ".", ",", "o", "+", "é"])
                .prop_map(|c| (c.to_string(), Want::Bad("is not a number of seconds"))),
        ];
        prop::collection::vec(char_field, 4).prop_map(|fields| {
            let input: String = fields.iter().map(|(text, _)| text.as_str()).collect();
            let want = expected(&input, &fields, '-');
            (input, want)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: CASES,
            // ChaCha, the default, unoptimised in a debug build, takes
            // most of the time; the cases need no cryptographic randomness.
            rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
            ..ProptestConfig::default()
        })]

        #[test]
        fn canonical_form_parses_back(tempo in any_tempo()) {
            let text = tempo.to_string();
            prop_assert_eq!(text.parse::<Tempo>(), Ok(tempo));
        }

        #[test]
        fn arbitrary_text_never_panics_and_errors_name_the_problem(s in "\\PC{0,24}") {
            match s.parse::<Tempo>() {
                Ok(tempo) => prop_assert_eq!(tempo.to_string().parse::<Tempo>(), Ok(tempo)),
                Err(e) => names_the_problem(&s, &e)?,
            }
        }

        #[test]
        fn tempo_like_text_never_panics_and_errors_name_the_problem(
            s in "[0-9xX. :/,\t-]{0,16}"
        ) {
            match s.parse::<Tempo>() {
                Ok(tempo) => {
                    prop_assert!(tempo.rep_ms(1) > 0);
                    prop_assert_eq!(tempo.to_string().parse::<Tempo>(), Ok(tempo));
                }
                Err(e) => names_the_problem(&s, &e)?,
            }
        }

        #[test]
        fn the_first_bad_field_or_the_shape_is_what_the_error_names(
            (input, want) in prop_oneof![3 => separated(), 1 => compact()]
        ) {
            let got = input.parse::<Tempo>();
            if let Err(e) = &got {
                names_the_problem(&input, e)?;
            }
            prop_assert_eq!(got, want, "{:?}", input);
        }
    }
}
