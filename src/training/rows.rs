//! The rows of the training log and the journal as text: one CSV line
//! each, formatted and parsed (pure; the files are [`super::store`]'s).

use jiff::{SignedDuration, Timestamp, Zoned, civil};

use crate::load::{self, Load, Weight};
use crate::timing::engine::{Attempt, SetSummary};
use crate::timing::tempo::Tempo;
use crate::timing::units::{fmt_secs, fmt_secs1, parse_seconds};
pub use crate::training::csv::field;
pub(crate) use crate::training::csv::{Skipped, parse_lines, split_fields};
use crate::training::tags::Tags;

/// An exercise's name as names are compared: without case, and with its
/// spaces trimmed and runs of them as one (`Squat`, `squat ` and `SQUAT`
/// are one exercise).
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Rows of one exercise further apart than this belong to different
/// sessions.
pub(crate) const SESSION_GAP: SignedDuration = SignedDuration::from_hours(2);
/// `rows` in the order their sets were done (rows of one moment in the
/// log's order): how every report lists them, and how the listing's `#`
/// counts back from the last.
pub fn in_time_order(rows: &[Row]) -> Vec<&Row> {
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by_key(|r| r.when.at);
    sorted
}

/// How many fields a row of the log has.
pub const COLUMNS: usize = 26;
/// The training log's header line: the 11 columns of the older format
/// first, in their order, then the facts that were tags in its note.
pub const HEADER: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,\
                          tut_seconds,lowering_seconds,load,note,load_value,load_unit,\
                          on_bodyweight,workout,block,blocks,run,ended_rep,ended_phase,\
                          ended_seconds,ended_by,attempt,entry,id,supersedes";

/// How a set ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EndedBy {
    /// Its planned reps were done.
    #[default]
    Plan,
    /// The lifter ended it (`f`, "the set ends here"): to failure.
    Failure,
    /// An open-ended set ran to its cap with no failure signalled.
    Cap,
    /// The lifter quit the session part-way through it.
    Quit,
    /// A signal stopped the session part-way through it.
    Signal,
    /// The lifter began it again (`r`): this attempt was cut short.
    Restart,
}

impl EndedBy {
    /// Every value as the log writes it, for messages.
    pub(crate) const KEYS: &'static str = "plan, failure, cap, quit, signal or restart";

    /// As the log writes it.
    pub fn key(self) -> &'static str {
        match self {
            EndedBy::Plan => "plan",
            EndedBy::Failure => "failure",
            EndedBy::Cap => "cap",
            EndedBy::Quit => "quit",
            EndedBy::Signal => "signal",
            EndedBy::Restart => "restart",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<EndedBy> {
        [
            EndedBy::Plan,
            EndedBy::Failure,
            EndedBy::Cap,
            EndedBy::Quit,
            EndedBy::Signal,
            EndedBy::Restart,
        ]
        .into_iter()
        .find(|e| e.key() == key)
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Entry {
    /// A set as the session logged it.
    #[default]
    Set,
    /// A correction: the set as it now stands, in place of the row it
    /// supersedes.
    Corrected,
    /// The row it supersedes is withdrawn: the set was not done.
    Withdrawn,
    /// A set brought in from another app's export.
    Imported,
}

impl Entry {
    /// Every value as the log writes it, for messages.
    pub(crate) const KEYS: &'static str = "set, corrected, withdrawn or imported";

    /// As the log writes it.
    pub fn key(self) -> &'static str {
        match self {
            Entry::Set => "set",
            Entry::Corrected => "corrected",
            Entry::Withdrawn => "withdrawn",
            Entry::Imported => "imported",
        }
    }

    fn from_key(key: &str) -> Option<Entry> {
        [
            Entry::Set,
            Entry::Corrected,
            Entry::Withdrawn,
            Entry::Imported,
        ]
        .into_iter()
        .find(|e| e.key() == key)
    }
}

/// An attempt as the log writes it.
pub(crate) fn attempt_key(attempt: Attempt) -> &'static str {
    match attempt {
        Attempt::Planned => "normal",
        Attempt::Redo => "redo",
        Attempt::Restarted => "restarted",
    }
}

fn attempt_from_key(key: &str) -> Option<Attempt> {
    match key {
        "normal" => Some(Attempt::Planned),
        "redo" => Some(Attempt::Redo),
        "restarted" => Some(Attempt::Restarted),
        _ => None,
    }
}

/// What a row says beyond the set's numbers: where the set belongs, how
/// it ended, and what the row is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The workout's name, empty for a session of one exercise.
    pub workout: String,
    /// The block and how many there are, in a workout of more than one.
    pub block: Option<(u16, u16)>,
    /// The session run the set belongs to: one id for every set of one
    /// run of a workout or an exercise.
    pub run: String,
    /// Where the lifter ended the set: in this rep, this phase, this many
    /// ms into it.
    pub ended: Option<(u16, String, u64)>,
    /// How it ended.
    pub ended_by: EndedBy,
    /// What the attempt was beside the others of its set.
    pub attempt: Attempt,
    /// What the row is.
    pub entry: Entry,
    /// The row's own id, for a later row to supersede.
    pub id: String,
    /// The id of the row this one corrects or withdraws, if any.
    pub supersedes: String,
}

/// What a logged session is: the labels written on every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInfo {
    /// The exercise (also the label the screen shows).
    pub exercise: Option<String>,
    /// The preset it came from.
    pub preset: Option<String>,
    /// The load, free text.
    pub load: Option<String>,
    /// A note.
    pub note: Option<String>,
}

/// A moment as logged: ISO 8601 local time with its UTC offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// The text as written, `2026-11-20T18:05:00+01:00`.
    pub text: String,
    /// The instant, for comparing and measuring.
    pub at: Timestamp,
    /// The lifter's local date and time then, for dates and weeks.
    pub local: civil::DateTime,
}

impl When {
    /// The moment `zoned`, as it is written in the log.
    pub fn from_zoned(zoned: &Zoned) -> When {
        When {
            text: zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            at: zoned.timestamp(),
            local: zoned.datetime(),
        }
    }

    /// Parses `2026-11-20T18:05:00+01:00` (an offset is required).
    pub fn parse(text: &str) -> Result<When, String> {
        let bad = |e: jiff::Error| format!("\"{text}\" is not an ISO 8601 time with offset: {e}");
        let at: Timestamp = text.parse().map_err(bad)?;
        let local: civil::DateTime = text.get(..19).unwrap_or(text).parse().map_err(bad)?;
        Ok(When {
            text: text.to_string(),
            at,
            local,
        })
    }
}

/// One row of the training log: one set, completed or stopped part-way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// When the set ended.
    pub when: When,
    /// The exercise, empty when none was named.
    pub exercise: String,
    /// The preset, empty when none was used.
    pub preset: String,
    /// The tempo, `P` in the lift field for a partner's lift.
    pub tempo: String,
    /// Set number, from 1.
    pub set: u16,
    /// Reps planned.
    pub planned: u16,
    /// Reps completed.
    pub completed: u16,
    /// Time under tension, in ms.
    pub tut_ms: u32,
    /// The lowering, in ms.
    pub lower_ms: u32,
    /// The load, free text (`80kg`), may be empty.
    pub load: String,
    /// The lifter's own note, may be empty.
    pub note: String,
    /// Where the set belongs, how it ended and what the row is.
    pub facts: Facts,
}

impl Row {
    /// The row of one attempt at a set, built whole in one place: `set` as
    /// the engine summed it up, ended at the wall-clock moment `when`, done
    /// at `tempo`, labelled with `info`; `facts` says where it belongs
    /// (its attempt and where the lifter ended it are taken from `set`).
    pub(crate) fn of_set(
        set: &SetSummary,
        when: When,
        tempo: &Tempo,
        info: &SessionInfo,
        facts: Facts,
    ) -> Row {
        let ended_by = if set.attempt == Attempt::Restarted {
            EndedBy::Restart
        } else if set.ended.is_some() {
            EndedBy::Failure
        } else if matches!(facts.ended_by, EndedBy::Quit | EndedBy::Signal) {
            facts.ended_by
        } else if set.capped() {
            EndedBy::Cap
        } else {
            EndedBy::Plan
        };
        let completed = set.reps_counted();
        Row {
            when,
            exercise: info.exercise.clone().unwrap_or_default(),
            preset: info.preset.clone().unwrap_or_default(),
            tempo: tempo.to_string(),
            set: set.set,
            planned: set.reps_planned,
            completed,
            tut_ms: u32::try_from(set.tut_ms).unwrap_or(u32::MAX),
            lower_ms: set.lower_ms,
            load: info.load.clone().unwrap_or_default(),
            note: info.note.as_deref().unwrap_or_default().trim().to_string(),
            facts: Facts {
                ended_by,
                attempt: set.attempt,
                ended: set
                    .ended
                    .map(|e| (e.rep, e.phase.key().to_string(), e.into_ms)),
                ..facts
            },
        }
    }

    /// Whether every planned rep was done.
    pub(crate) fn complete(&self) -> bool {
        self.completed >= self.planned
    }

    /// What the row's attempt was.
    pub fn attempt(&self) -> Attempt {
        self.facts.attempt
    }

    /// Whether the set counts as done: not an attempt cut short by a
    /// restart, nor a set stopped part-way by a quit or a signal (it is
    /// done again, or not at all), nor a row withdrawn.
    pub(crate) fn counts(&self) -> bool {
        self.facts.attempt != Attempt::Restarted
            && self.facts.entry != Entry::Withdrawn
            && !(matches!(self.facts.ended_by, EndedBy::Quit | EndedBy::Signal)
                && self.completed < self.planned)
    }

    /// The row as one CSV line of the log's format ([`HEADER`]), without
    /// its line end.
    pub fn to_line(&self) -> String {
        let f = &self.facts;
        let (value, unit, on_bw) = load_columns(&self.load);
        let (block, blocks) = f.block.map_or((String::new(), String::new()), |(b, of)| {
            (b.to_string(), of.to_string())
        });
        let (ended_rep, ended_phase, ended_secs) = f.ended.as_ref().map_or(
            (String::new(), String::new(), String::new()),
            |(r, p, ms)| (r.to_string(), p.clone(), fmt_secs1(*ms)),
        );
        [
            self.when.text.clone(),
            field(&self.exercise),
            field(&self.preset),
            field(&self.tempo),
            self.set.to_string(),
            self.planned.to_string(),
            self.completed.to_string(),
            fmt_secs(self.tut_ms),
            fmt_secs(self.lower_ms),
            field(&self.load),
            field(&self.note),
            value,
            unit,
            on_bw,
            field(&f.workout),
            block,
            blocks,
            field(&f.run),
            ended_rep,
            field(&ended_phase),
            ended_secs,
            f.ended_by.key().to_string(),
            attempt_key(f.attempt).to_string(),
            f.entry.key().to_string(),
            field(&f.id),
            field(&f.supersedes),
        ]
        .join(",")
    }

    /// Parses one line of the log: a row of this format ([`COLUMNS`]
    /// fields), or one written before it ([`V1_COLUMNS`], read as
    /// [`parse_v1`] does).
    pub fn parse(line: &str) -> Result<Row, String> {
        let f = split_fields(line)?;
        if f.len() == V1_COLUMNS {
            return parse_v1(&f);
        }
        if f.len() != COLUMNS {
            return Err(format!(
                "has {} fields, not {COLUMNS} (or {} in the older format): written by \
                 another version of repcadence?",
                f.len(),
                V1_COLUMNS
            ));
        }
        let mut row = parse_counts(&f)?;
        let number = |i: usize, what: &str| -> Result<Option<u16>, String> {
            if f[i].is_empty() {
                return Ok(None);
            }
            f[i].parse::<u16>()
                .map(Some)
                .map_err(|_| format!("{what} \"{}\" is not a whole number", f[i]))
        };
        let block = match (number(15, "block")?, number(16, "blocks")?) {
            (Some(b), Some(of)) => Some((b, of)),
            _ => None,
        };
        let ended = match number(18, "ended_rep")? {
            Some(rep) => {
                let ms = parse_seconds(&f[20], 86_400_000)
                    .map_err(|e| format!("ended_seconds \"{}\" {e}", f[20]))?;
                Some((rep, f[19].clone(), u64::from(ms)))
            }
            None => None,
        };
        row.facts = Facts {
            workout: f[14].clone(),
            block,
            run: f[17].clone(),
            ended,
            ended_by: EndedBy::from_key(&f[21])
                .ok_or_else(|| format!("ended_by \"{}\" is not one of {}", f[21], EndedBy::KEYS))?,
            attempt: attempt_from_key(&f[22])
                .ok_or_else(|| format!("attempt \"{}\" is not normal, redo or restarted", f[22]))?,
            entry: Entry::from_key(&f[23])
                .ok_or_else(|| format!("entry \"{}\" is not one of {}", f[23], Entry::KEYS))?,
            id: f[24].clone(),
            supersedes: f[25].clone(),
        };
        Ok(row)
    }
}

/// The first 11 columns, which every version of the log has: the time,
/// the labels, the numbers, the load as typed and the note (as the
/// version wrote it). The facts are left at their defaults.
pub(crate) fn parse_counts(f: &[String]) -> Result<Row, String> {
    let count = |i: usize, what: &str| {
        f[i].parse::<u16>()
            .map_err(|_| format!("{what} \"{}\" is not a whole number", f[i]))
    };
    let secs = |i: usize, what: &str| {
        parse_seconds(&f[i], 86_400_000).map_err(|e| format!("{what} \"{}\" {e}", f[i]))
    };
    Ok(Row {
        when: When::parse(&f[0])?,
        exercise: f[1].clone(),
        preset: f[2].clone(),
        tempo: f[3].clone(),
        set: count(4, "set")?,
        planned: count(5, "planned_reps")?,
        completed: count(6, "completed_reps")?,
        tut_ms: secs(7, "tut_seconds")?,
        lower_ms: secs(8, "lowering_seconds")?,
        load: f[9].clone(),
        note: f[10].clone(),
        facts: Facts::default(),
    })
}

/// The load's number, unit and whether it is on bodyweight, as columns:
/// `80kg` is `80,kg,`; `bw+10kg` is `10,kg,yes`; `-20kg` (assisted) is
/// `-20,kg,yes`; `bw` is `,,yes`. A load that does not parse (typed by
/// hand, or empty) has none.
fn load_columns(text: &str) -> (String, String, String) {
    let number = |w: Weight| (w.amount(), w.unit.to_string());
    match load::parse(text) {
        Ok(Load::Weight(w)) => {
            let (v, u) = number(w);
            (v, u, String::new())
        }
        Ok(Load::Bodyweight(Some(w))) => {
            let (v, u) = number(w);
            (v, u, "yes".to_string())
        }
        Ok(Load::Bodyweight(None)) => (String::new(), String::new(), "yes".to_string()),
        Err(_) => (String::new(), String::new(), String::new()),
    }
}

/// The log's older format: its rows had the facts in the note (see
/// `legacy`).
/// How many fields a row of the older format has.
pub(crate) const V1_COLUMNS: usize = 11;
/// The older format's header line.
pub(crate) const V1_HEADER: &str = "time,exercise,preset,tempo,set,planned_reps,completed_reps,\
                             tut_seconds,lowering_seconds,load,note";
/// The end of the note of a row for an attempt cut short by a restart.
pub(crate) const RESTARTED: &str = "(restarted)";
/// The end of the note of a row for a set done again after it was
/// complete.
pub(crate) const REDO: &str = "(redo)";

/// A row of the older format, from its fields: the note is split into the
/// lifter's note, the attempt's mark and the tags.
pub(crate) fn parse_v1(f: &[String]) -> Result<Row, String> {
    let mut row = parse_counts(f)?;
    let (note, tags) = Tags::parse(&row.note);
    let note = note.trim_end();
    let (note, attempt) = if let Some(n) = note.strip_suffix(RESTARTED) {
        (n, Attempt::Restarted)
    } else if let Some(n) = note.strip_suffix(REDO) {
        (n, Attempt::Redo)
    } else {
        (note, Attempt::Planned)
    };
    let ended_by = if attempt == Attempt::Restarted {
        EndedBy::Restart
    } else if tags.ended.is_some() {
        EndedBy::Failure
    } else if row.completed < row.planned {
        EndedBy::Quit
    } else if row.completed > row.planned {
        EndedBy::Cap
    } else {
        EndedBy::Plan
    };
    row.facts = Facts {
        workout: tags.workout.unwrap_or_default(),
        block: tags.block,
        run: String::new(),
        ended: tags.ended,
        ended_by,
        attempt,
        entry: Entry::Set,
        // Its time, exercise and set: two sessions at once may end a set
        // in the same second.
        id: format!("{}/{}/{}", row.when.text, name_key(&row.exercise), row.set),
        supersedes: String::new(),
    };
    row.note = note.trim_end().to_string();
    Ok(row)
}

/// One journal entry: how recovery felt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// When it was written.
    pub when: When,
    /// Soreness, 1 (none) to 5 (very).
    pub soreness: u8,
    /// Sleep quality, 1 (bad) to 5 (very good).
    pub sleep: u8,
    /// A note, may be empty.
    pub note: String,
}

impl JournalEntry {
    /// The entry as one CSV line, without its line end.
    pub fn to_line(&self) -> String {
        format!(
            "{},{},{},{}",
            self.when.text,
            self.soreness,
            self.sleep,
            field(&self.note)
        )
    }

    /// Parses one line of the journal.
    pub fn parse(line: &str) -> Result<JournalEntry, String> {
        let f = split_fields(line)?;
        if f.len() != 4 {
            return Err(format!("has {} fields, not 4", f.len()));
        }
        let score = |i: usize, what: &str| match f[i].parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Ok(n),
            _ => Err(format!("{what} \"{}\" is not 1-5", f[i])),
        };
        Ok(JournalEntry {
            when: When::parse(&f[0])?,
            soreness: score(1, "soreness")?,
            sleep: score(2, "sleep")?,
            note: f[3].clone(),
        })
    }
}
