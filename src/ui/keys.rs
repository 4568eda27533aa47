//! Which key does what in the full-screen view: a pure mapping from a key
//! press (and what the screen shows) to an action, through a [`Keymap`]
//! that the config file's `[keys]` can change.
//!
//! Made for hands on the bar: a presentation remote (PageDown, PageUp,
//! F5/Esc, `.`, `b`) and a foot pedal that sends one key each do something
//! useful, and no single key but Ctrl-C ends a session: `q` asks first.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::program::keys::Key;
pub use crate::program::keys::{Binding, Correction};

impl Binding {
    /// Whether it corrects the set just logged (a key's second meaning).
    fn corrects(self) -> bool {
        matches!(
            self,
            Binding::MoreReps | Binding::FewerReps | Binding::Failed
        )
    }
}
use crate::timing::engine::Command;

/// What a key asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A command for the session's engine.
    Engine(Command),
    /// Stop and leave (prints the summary).
    Quit,
    /// Ctrl-C: stop and leave as SIGINT does in `--plain` (the set so
    /// far logged, `stopped:` and the summary, exit 130).
    Interrupt,
    /// Pause and ask whether to leave.
    AskQuit,
    /// Go on after "quit?" was asked.
    Stay,
    /// Sound on or off.
    ToggleMute,
    /// Show or hide the key help.
    ToggleHelp,
    /// Ctrl-Z: pause, hand the terminal back and stop the process.
    Suspend,
    /// Correct the set just logged.
    Correct(Correction),
}

/// What the screen shows when the key arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// A partner's lift is under way (timed, or waited for): most keys
    /// end it and start the lowering.
    pub waiting: bool,
    /// The help overlay is up: most keys close it.
    pub help: bool,
    /// The session is over and its summary is up: any key leaves.
    pub done: bool,
    /// "quit?" was asked: `q` leaves, any other key goes on.
    pub confirm_quit: bool,
    /// A set was just logged and may be corrected (the rest after it, or
    /// the summary after the last): the correction keys correct it.
    pub logged: bool,
}

/// The terminal's code for `key`.
pub(crate) fn code(key: Key) -> KeyCode {
    match key {
        Key::Char(c) => KeyCode::Char(c),
        Key::PageDown => KeyCode::PageDown,
        Key::PageUp => KeyCode::PageUp,
        Key::Esc => KeyCode::Esc,
        Key::Enter => KeyCode::Enter,
        Key::Tab => KeyCode::Tab,
        Key::Up => KeyCode::Up,
        Key::Down => KeyCode::Down,
        Key::Left => KeyCode::Left,
        Key::Right => KeyCode::Right,
        Key::Home => KeyCode::Home,
        Key::End => KeyCode::End,
        Key::F(n) => KeyCode::F(n),
    }
}

/// Which key is bound to what, in the order they were bound: the
/// built-in keys first, then the config's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap(Vec<(KeyCode, Binding)>);

/// How the footer and the help name `code`.
pub(crate) fn key_label(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

impl Default for Keymap {
    /// The built-in keys: the keyboard's, a presentation remote's
    /// (PageDown next, PageUp the set ends here, F5 and Esc pause, `.` and
    /// `b` mute) and a foot pedal's usual `a` (next).
    fn default() -> Keymap {
        use KeyCode::{Char, Down, Esc, F, PageDown, PageUp, Right, Up};
        let keys = [
            (Char(' '), Binding::Pause),
            (Esc, Binding::Pause),
            (F(5), Binding::Pause),
            (Char('n'), Binding::Next),
            (Right, Binding::Next),
            (PageDown, Binding::Next),
            (Char('a'), Binding::Next),
            (Char('f'), Binding::EndSet),
            (PageUp, Binding::EndSet),
            (Char('r'), Binding::Restart),
            (Up, Binding::Longer),
            (Char('+'), Binding::Longer),
            (Char('='), Binding::Longer),
            (Down, Binding::Shorter),
            (Char('-'), Binding::Shorter),
            (Char('_'), Binding::Shorter),
            (Char('m'), Binding::Mute),
            (Char('.'), Binding::Mute),
            (Char('b'), Binding::Mute),
            (Char('?'), Binding::Help),
            (Char('q'), Binding::Quit),
            // After a set, these keys correct what was logged (the lowering
            // keys and the set's end mean nothing until the next set).
            (Char('+'), Binding::MoreReps),
            (Char('='), Binding::MoreReps),
            (Char('-'), Binding::FewerReps),
            (Char('_'), Binding::FewerReps),
            (Char('f'), Binding::Failed),
            (PageUp, Binding::Failed),
        ];
        Keymap(keys.to_vec())
    }
}

impl Keymap {
    /// The built-in keys with `bound` (the config's `[keys]`, read and
    /// checked where the file was read) laid over them.
    pub fn with(bound: &[(Binding, Key)]) -> Keymap {
        let mut keys = Keymap::default();
        for (binding, key) in bound {
            keys.bind(code(*key), *binding);
        }
        keys
    }

    /// This map with `key` bound to `binding` instead. A built-in key may
    /// do one thing during a set and another after it (`+`: lower longer,
    /// or one rep more); a key bound in `[keys]` does only what it is
    /// bound to.
    pub(crate) fn bind(&mut self, key: KeyCode, binding: Binding) {
        self.0.retain(|(k, _)| *k != key);
        self.0.push((key, binding));
    }

    /// What `code` is bound to (outside the correction of a set).
    pub fn get(&self, code: KeyCode) -> Option<Binding> {
        self.0
            .iter()
            .find(|(k, b)| *k == code && !b.corrects())
            .map(|(_, b)| *b)
    }

    /// The correction `code` is bound to, if any.
    fn correction(&self, code: KeyCode) -> Option<Correction> {
        self.0
            .iter()
            .find(|(k, b)| *k == code && b.corrects())
            .and_then(|(_, b)| match b {
                Binding::MoreReps => Some(Correction::MoreReps),
                Binding::FewerReps => Some(Correction::FewerReps),
                Binding::Failed => Some(Correction::Failed),
                _ => None,
            })
    }

    /// The keys bound to `binding`, in order.
    pub(crate) fn keys_for(&self, binding: Binding) -> Vec<KeyCode> {
        self.0
            .iter()
            .filter(|(_, b)| *b == binding)
            .map(|(k, _)| *k)
            .collect()
    }

    /// How the help names the keys bound to `binding` (`f PgUp`): the
    /// built-in words while its keys are the built-in ones, else each key
    /// bound to it (quit's first key twice, as it is pressed, or Ctrl-C
    /// when no key is left to quit with).
    pub(crate) fn label(&self, binding: Binding) -> String {
        let keys = self.keys_for(binding);
        if keys == Keymap::default().keys_for(binding)
            && let Some((words, ..)) = HELP.iter().find(|(_, b, _)| *b == Some(binding))
        {
            return (*words).to_string();
        }
        match (binding, keys.first()) {
            (Binding::Quit, Some(k)) => format!("{0} {0}", key_label(*k)),
            (Binding::Quit, None) => "Ctrl-C".into(),
            _ => keys
                .into_iter()
                .map(key_label)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// How the footer names the key for `binding`: the first one bound to
    /// it, or `None` if none is (Ctrl-C for quit).
    pub fn first(&self, binding: Binding) -> Option<String> {
        match self.keys_for(binding).first() {
            Some(k) => Some(key_label(*k)),
            None if binding == Binding::Quit => Some("Ctrl-C".into()),
            None => None,
        }
    }

    /// The help's lines: keys and what they do, as bound.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        HELP.iter()
            .map(|(words, binding, what)| {
                let keys = binding.map_or_else(|| (*words).to_string(), |b| self.label(b));
                (keys, *what)
            })
            .collect()
    }
}

/// The help overlay's lines for the built-in keys (short enough for a
/// box in a 40-column terminal; the README says more): the keys in
/// words, the binding they are (none: keys that are not bindings), and
/// what they do.
const HELP: [(&str, Option<Binding>, &str); 13] = [
    ("space Esc F5", Some(Binding::Pause), "pause / resume"),
    ("↑ or +", Some(Binding::Longer), "lower 0.5 s longer"),
    ("↓ or -", Some(Binding::Shorter), "lower 0.5 s shorter"),
    ("n → PgDn a", Some(Binding::Next), "next: skip / lifted"),
    ("f PgUp", Some(Binding::EndSet), "the set ends here"),
    ("r", Some(Binding::Restart), "restart the set"),
    ("m . b", Some(Binding::Mute), "mute / unmute"),
    ("?", Some(Binding::Help), "this help"),
    ("q q", Some(Binding::Quit), "quit, print summary"),
    ("+ -", Some(Binding::MoreReps), "after a set: reps ±1"),
    ("f PgUp", Some(Binding::Failed), "after a set: failed?"),
    ("Ctrl-Z", None, "suspend (fg resumes)"),
    ("any key", None, "partner has lifted"),
];

/// The action for `key` in `context` with the built-in keys.
pub fn action(key: KeyEvent, context: Context) -> Option<Action> {
    action_in(&Keymap::default(), key, context)
}

/// The action for `key` in `context` with `keys`, or `None` for a key
/// that does nothing. Only presses count (not repeats or releases).
pub(crate) fn action_in(keys: &Keymap, key: KeyEvent, context: Context) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match key.code {
        KeyCode::Char(c) => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    match code {
        KeyCode::Char('c') if ctrl => {
            return Some(if context.done {
                Action::Quit
            } else {
                Action::Interrupt
            });
        }
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        KeyCode::Modifier(_) | KeyCode::Null => return None,
        _ => {}
    }
    let binding = keys.get(code);
    if context.logged
        && !context.confirm_quit
        && !context.help
        && let Some(correction) = keys.correction(code)
    {
        return Some(Action::Correct(correction));
    }
    if context.done {
        return Some(Action::Quit);
    }
    if context.confirm_quit {
        return Some(if binding == Some(Binding::Quit) {
            Action::Quit
        } else {
            Action::Stay
        });
    }
    if context.help {
        return Some(if binding == Some(Binding::Quit) {
            Action::AskQuit
        } else {
            Action::ToggleHelp
        });
    }
    let command = |c| Some(Action::Engine(c));
    match binding {
        Some(Binding::Quit) => Some(Action::AskQuit),
        Some(Binding::Help) => Some(Action::ToggleHelp),
        Some(Binding::Mute) => Some(Action::ToggleMute),
        Some(Binding::Pause) => command(Command::TogglePause),
        Some(Binding::EndSet) => command(Command::EndSet),
        _ if context.waiting => command(Command::Proceed),
        Some(Binding::Next) => command(Command::Skip),
        Some(Binding::Restart) => command(Command::RestartSet),
        Some(Binding::Longer) => command(Command::Longer),
        Some(Binding::Shorter) => command(Command::Shorter),
        Some(Binding::MoreReps | Binding::FewerReps | Binding::Failed) | None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    const RUNNING: Context = Context {
        waiting: false,
        help: false,
        done: false,
        confirm_quit: false,
        logged: false,
    };

    /// Every key that does something, a few that do nothing, and the
    /// action each gives in every context: running (paused is the same:
    /// the engine decides what a command does while paused), a partner's
    /// lift, help, done, and "quit?".
    #[test]
    fn every_key_in_every_context() {
        use Action::{AskQuit, Engine, Interrupt, Quit, Stay, ToggleHelp, ToggleMute};
        use Command::{EndSet, Longer, Proceed, RestartSet, Shorter, Skip, TogglePause};
        use KeyCode::{Char, Down, Enter, Esc, F, Left, PageDown, PageUp, Right, Up};
        let partner = Context {
            waiting: true,
            ..RUNNING
        };
        let help = Context {
            help: true,
            ..RUNNING
        };
        let done = Context {
            done: true,
            ..RUNNING
        };
        let confirm = Context {
            confirm_quit: true,
            ..RUNNING
        };
        let e = |c| Some(Engine(c));
        // key, running, partner's lift, help, done, "quit?"
        let table: Vec<(KeyCode, Option<Action>, Option<Action>)> = vec![
            (Char(' '), e(TogglePause), e(TogglePause)),
            (Esc, e(TogglePause), e(TogglePause)),
            (F(5), e(TogglePause), e(TogglePause)),
            (Char('n'), e(Skip), e(Proceed)),
            (Right, e(Skip), e(Proceed)),
            (PageDown, e(Skip), e(Proceed)),
            (Char('a'), e(Skip), e(Proceed)),
            (Char('f'), e(EndSet), e(EndSet)),
            (Char('F'), e(EndSet), e(EndSet)),
            (PageUp, e(EndSet), e(EndSet)),
            (Char('r'), e(RestartSet), e(Proceed)),
            (Up, e(Longer), e(Proceed)),
            (Char('+'), e(Longer), e(Proceed)),
            (Down, e(Shorter), e(Proceed)),
            (Char('-'), e(Shorter), e(Proceed)),
            (Char('m'), Some(ToggleMute), Some(ToggleMute)),
            (Char('.'), Some(ToggleMute), Some(ToggleMute)),
            (Char('b'), Some(ToggleMute), Some(ToggleMute)),
            (Char('?'), Some(ToggleHelp), Some(ToggleHelp)),
            (Char('q'), Some(AskQuit), Some(AskQuit)),
            (Char('x'), None, e(Proceed)),
            (Enter, None, e(Proceed)),
            (Left, None, e(Proceed)),
        ];
        for (code, running, lifting) in table {
            let key = press(code);
            assert_eq!(action(key, RUNNING), running, "{code:?} running");
            assert_eq!(action(key, partner), lifting, "{code:?} partner");
            let q = code == Char('q');
            assert_eq!(
                action(key, help),
                Some(if q { AskQuit } else { ToggleHelp }),
                "{code:?} help"
            );
            assert_eq!(action(key, done), Some(Quit), "{code:?} done");
            assert_eq!(
                action(key, confirm),
                Some(if q { Quit } else { Stay }),
                "{code:?} quit?"
            );
        }
        for context in [RUNNING, partner, help, done, confirm] {
            let stop = if context.done { Quit } else { Interrupt };
            assert_eq!(action(ctrl('c'), context), Some(stop));
            assert_eq!(action(ctrl('z'), context), Some(Action::Suspend));
        }
    }

    #[test]
    fn no_single_key_but_ctrl_c_ends_a_running_session() {
        let mut all: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
        all.extend((1..=12).map(KeyCode::F));
        all.extend([
            KeyCode::Esc,
            KeyCode::Enter,
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::Tab,
            KeyCode::Backspace,
        ]);
        for code in all {
            for context in [
                RUNNING,
                Context {
                    waiting: true,
                    ..RUNNING
                },
                Context {
                    help: true,
                    ..RUNNING
                },
            ] {
                assert_ne!(action(press(code), context), Some(Action::Quit), "{code:?}");
            }
        }
    }

    #[test]
    fn only_presses_count() {
        let mut key = press(KeyCode::Char(' '));
        key.kind = KeyEventKind::Release;
        assert_eq!(action(key, RUNNING), None);
        key.kind = KeyEventKind::Repeat;
        key.state = KeyEventState::NONE;
        assert_eq!(action(key, RUNNING), None);
    }

    #[test]
    fn a_pedal_s_one_key_can_be_bound_to_what_is_needed_most() {
        let c = KeyCode::Char('c');
        assert_eq!(action_in(&Keymap::default(), press(c), RUNNING), None);
        let keys = Keymap::with(&[
            (Binding::EndSet, Key::Char('c')),
            (Binding::Pause, Key::PageDown),
        ]);
        assert_eq!(
            action_in(&keys, press(c), RUNNING),
            Some(Action::Engine(Command::EndSet))
        );
        assert_eq!(
            action_in(&keys, press(KeyCode::PageDown), RUNNING),
            Some(Action::Engine(Command::TogglePause))
        );
        assert_eq!(Key::named("F5").map(code), Some(KeyCode::F(5)));
        assert_eq!(Key::named("Space").map(code), Some(KeyCode::Char(' ')));
        assert_eq!(Key::named("F13"), None);
        assert_eq!(Key::named("nope"), None);
        assert_eq!(Binding::named("end_set"), Some(Binding::EndSet));
        assert_eq!(Binding::named("explode"), None);
    }

    #[test]
    fn after_a_set_the_correction_keys_correct_it_and_can_be_bound_elsewhere() {
        use KeyCode::{Char, PageUp, Up};
        let logged = Context {
            logged: true,
            ..RUNNING
        };
        let done = Context {
            done: true,
            ..logged
        };
        let keys = Keymap::default();
        let act = |k, c| action_in(&keys, press(k), c);
        let correct = |c| Some(Action::Correct(c));
        for context in [logged, done] {
            assert_eq!(act(Char('+'), context), correct(Correction::MoreReps));
            assert_eq!(act(Char('-'), context), correct(Correction::FewerReps));
            assert_eq!(act(Char('f'), context), correct(Correction::Failed));
            assert_eq!(act(PageUp, context), correct(Correction::Failed));
        }
        // The arrows still change the lowering in the rest.
        assert_eq!(act(Up, logged), Some(Action::Engine(Command::Longer)));
        // During a set, the same keys do what they always did.
        assert_eq!(
            act(Char('+'), RUNNING),
            Some(Action::Engine(Command::Longer))
        );
        assert_eq!(
            act(Char('f'), RUNNING),
            Some(Action::Engine(Command::EndSet))
        );
        // Bound elsewhere in `[keys]`: `]` and `[` correct, `+` and `-`
        // only change the lowering.
        let mine = Keymap::with(&[
            (Binding::MoreReps, Key::Char(']')),
            (Binding::FewerReps, Key::Char('[')),
            (Binding::Longer, Key::Char('+')),
            (Binding::Shorter, Key::Char('-')),
        ]);
        let act = |k, c| action_in(&mine, press(k), c);
        assert_eq!(act(Char(']'), logged), correct(Correction::MoreReps));
        assert_eq!(act(Char('['), logged), correct(Correction::FewerReps));
        assert_eq!(
            act(Char('+'), logged),
            Some(Action::Engine(Command::Longer))
        );
        assert_eq!(
            act(Char('-'), logged),
            Some(Action::Engine(Command::Shorter))
        );
        assert_eq!(mine.keys_for(Binding::MoreReps), [Char('='), Char(']')]);
    }
}
