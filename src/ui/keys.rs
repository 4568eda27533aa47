//! Which key does what in the full-screen view: a pure mapping from a key
//! press (and what the screen shows) to an action.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::timing::engine::Command;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A command for the session's engine.
    Engine(Command),
    /// Stop and leave (prints the summary).
    Quit,
    /// Sound on or off.
    ToggleMute,
    /// Show or hide the key help.
    ToggleHelp,
    /// Ctrl-Z: pause, hand the terminal back and stop the process.
    Suspend,
}

/// What the screen shows when the key arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// A partner's lift is being waited for: most keys end it.
    pub waiting: bool,
    /// The help overlay is up: most keys close it.
    pub help: bool,
    /// The session is over and its summary is up: any key leaves.
    pub done: bool,
}

/// The keys, as the help overlay lists them (short enough for a box in a
/// 40-column terminal; the README says more).
pub const HELP: [(&str, &str); 10] = [
    ("space", "pause / resume"),
    ("↑ or +", "lower 0.5 s longer"),
    ("↓ or -", "lower 0.5 s shorter"),
    ("n or →", "skip this phase"),
    ("r", "restart the set"),
    ("m", "mute / unmute"),
    ("?", "this help"),
    ("q Esc Ctrl-C", "quit, print summary"),
    ("Ctrl-Z", "suspend (fg resumes)"),
    ("any key", "partner has lifted"),
];

/// The action for `key` in `context`, or `None` for a key that does
/// nothing. Only presses count (not repeats or releases).
pub fn action(key: KeyEvent, context: Context) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match key.code {
        KeyCode::Char(c) => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    match code {
        KeyCode::Char('c') if ctrl => return Some(Action::Quit),
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        _ => {}
    }
    if context.done {
        return Some(Action::Quit);
    }
    let quit = matches!(code, KeyCode::Char('q'));
    if context.help {
        return Some(if quit {
            Action::Quit
        } else {
            Action::ToggleHelp
        });
    }
    if quit || code == KeyCode::Esc {
        return Some(Action::Quit);
    }
    match code {
        KeyCode::Char('?') => return Some(Action::ToggleHelp),
        KeyCode::Char('m') => return Some(Action::ToggleMute),
        _ => {}
    }
    if context.waiting {
        return match code {
            KeyCode::Modifier(_) | KeyCode::Null => None,
            _ => Some(Action::Engine(Command::Proceed)),
        };
    }
    let command = match code {
        KeyCode::Char(' ') => Command::TogglePause,
        KeyCode::Up | KeyCode::Char('+' | '=') => Command::Longer,
        KeyCode::Down | KeyCode::Char('-' | '_') => Command::Shorter,
        KeyCode::Right | KeyCode::Char('n') => Command::Skip,
        KeyCode::Char('r') => Command::RestartSet,
        _ => return None,
    };
    Some(Action::Engine(command))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

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
    };

    #[test]
    fn running_keys_map_to_engine_commands() {
        let cases = [
            (KeyCode::Char(' '), Command::TogglePause),
            (KeyCode::Up, Command::Longer),
            (KeyCode::Char('+'), Command::Longer),
            (KeyCode::Down, Command::Shorter),
            (KeyCode::Char('-'), Command::Shorter),
            (KeyCode::Char('n'), Command::Skip),
            (KeyCode::Right, Command::Skip),
            (KeyCode::Char('r'), Command::RestartSet),
            (KeyCode::Char('R'), Command::RestartSet),
        ];
        for (code, command) in cases {
            assert_eq!(
                action(press(code), RUNNING),
                Some(Action::Engine(command)),
                "{code:?}"
            );
        }
    }

    #[test]
    fn quit_mute_help_and_suspend() {
        for key in [press(KeyCode::Char('q')), press(KeyCode::Esc), ctrl('c')] {
            assert_eq!(action(key, RUNNING), Some(Action::Quit), "{key:?}");
        }
        assert_eq!(
            action(press(KeyCode::Char('m')), RUNNING),
            Some(Action::ToggleMute)
        );
        assert_eq!(
            action(press(KeyCode::Char('?')), RUNNING),
            Some(Action::ToggleHelp)
        );
        assert_eq!(action(ctrl('z'), RUNNING), Some(Action::Suspend));
        assert_eq!(action(press(KeyCode::Char('x')), RUNNING), None);
        assert_eq!(action(press(KeyCode::Left), RUNNING), None);
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
    fn while_waiting_for_a_partner_most_keys_proceed() {
        let waiting = Context {
            waiting: true,
            ..RUNNING
        };
        for code in [KeyCode::Char(' '), KeyCode::Enter, KeyCode::Char('x')] {
            assert_eq!(
                action(press(code), waiting),
                Some(Action::Engine(Command::Proceed)),
                "{code:?}"
            );
        }
        assert_eq!(
            action(press(KeyCode::Char('q')), waiting),
            Some(Action::Quit)
        );
        assert_eq!(action(ctrl('c'), waiting), Some(Action::Quit));
    }

    #[test]
    fn help_closes_on_any_key_but_q_and_ctrl_c_still_quit() {
        let help = Context {
            help: true,
            ..RUNNING
        };
        for code in [KeyCode::Char('?'), KeyCode::Esc, KeyCode::Char(' ')] {
            assert_eq!(
                action(press(code), help),
                Some(Action::ToggleHelp),
                "{code:?}"
            );
        }
        assert_eq!(action(press(KeyCode::Char('q')), help), Some(Action::Quit));
        assert_eq!(action(ctrl('c'), help), Some(Action::Quit));
    }

    #[test]
    fn after_the_session_any_key_leaves() {
        let done = Context {
            done: true,
            ..RUNNING
        };
        for code in [KeyCode::Char(' '), KeyCode::Enter, KeyCode::Char('r')] {
            assert_eq!(action(press(code), done), Some(Action::Quit), "{code:?}");
        }
    }
}
