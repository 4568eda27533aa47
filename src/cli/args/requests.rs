//! What the parsed options ask for: the session's choice, and the
//! requests of the commands that run, in the program's own types.

use super::*;

impl SessionArgs {
    /// `--workout` and `--from`, if a workout was named.
    pub fn workout(&self) -> Option<WorkoutArg> {
        self.workout.as_ref().map(|name| WorkoutArg {
            name: name.clone(),
            from: self.from.unwrap_or(1),
            changeover: self.changeover,
        })
    }

    /// What these options ask for, the tempo parsed into its type: the
    /// preset and exercise by name and a layer over everything else.
    pub(crate) fn choice(&self) -> Result<Choice, String> {
        let tempo = self
            .tempo
            .as_deref()
            .map(settings::parse_tempo)
            .transpose()?;
        let mut layer = crate::program::layer::Layer {
            tempo,
            sets: self.sets,
            rest: self.rest,
            count_in: self.count_in,
            start: self.start,
            explosive: self.explosive,
            partner_lift: self.partner_lift,
            lower: self.lower,
            lift: self.lift,
            pause_bottom: self.pause_bottom,
            pause_top: self.pause_top,
            ..crate::program::layer::Layer::default()
        };
        layer.set_reps(self.reps);
        Ok(Choice {
            preset: self.preset.clone(),
            exercise: self.exercise.clone(),
            layer,
        })
    }
}

impl RunArgs {
    /// The live session these options ask for, with `choice` and `colour`.
    pub(crate) fn request(&self, choice: Choice, colour: ColorChoice) -> RunRequest {
        RunRequest {
            choice,
            workout: None,
            plain: self.plain,
            mute: self.mute,
            cues: self.cues.layer(),
            audio_latency: self.audio_latency,
            load: self.load.clone(),
            note: self.note.clone(),
            colour,
        }
    }
}

impl RenderArgs {
    /// The render these options ask for, with `choice`.
    pub(crate) fn request(&self, choice: Choice) -> RenderRequest {
        RenderRequest {
            choice,
            workout: None,
            cues: self.run.cues.layer(),
            output: self.output.clone(),
            force: self.force,
        }
    }
}

impl LogArgs {
    /// What to show, in colour as `colour` says; `Err` for an `--import`
    /// format that is not known.
    pub(crate) fn request(&self, colour: ColorChoice) -> Result<LogRequest, String> {
        let edit = self.action.as_ref().map(|a| match a {
            LogAction::Undo { which } => LogEdit::Undo { set: which.set },
            LogAction::Amend {
                which,
                reps,
                load,
                note,
            } => LogEdit::Amend {
                set: which.set,
                reps: *reps,
                load: load.clone(),
                note: note.clone(),
            },
        });
        let import = match self.import.as_deref() {
            Some([format, file]) if format == "strong" => Some(Import {
                file: file.into(),
                unit: match self.unit {
                    WeightUnit::Kg => Unit::Kg,
                    WeightUnit::Lb => Unit::Lb,
                },
            }),
            Some([format, _]) => {
                return Err(format!(
                    "--import {format}: the format is not known: type --import strong FILE \
                     (a Strong or Hevy export)"
                ));
            }
            _ => None,
        };
        Ok(LogRequest {
            csv: self.csv,
            raw: self.raw,
            recent: self.recent,
            charts: match self.chart {
                Chart::Auto => None,
                Chart::Charts => Some(true),
                Chart::Columns => Some(false),
            },
            colour,
            edit,
            export: self.export == Some(Exchange::Strong),
            import,
        })
    }
}

impl JournalArgs {
    /// What to note.
    pub(crate) fn request(&self) -> JournalRequest {
        JournalRequest {
            soreness: self.soreness,
            sleep: self.sleep,
            note: self.note.clone(),
        }
    }
}

impl ConfigAction {
    /// The use case's own name for it.
    pub fn action(self) -> Config {
        match self {
            ConfigAction::Init => Config::Init,
            ConfigAction::Path => Config::Path,
        }
    }
}
