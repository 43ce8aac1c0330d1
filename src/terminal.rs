//! The one terminal object: it knows once whether stdin, stdout and stderr are terminals, the
//! colour choice (`--color`, `NO_COLOR`) and `--quiet`, and everything written for a person
//! (notes, warnings, progress, the error report) asks it.

use std::ffi::OsStr;
use std::io::IsTerminal;

use indicatif::MultiProgress;

use crate::error::Error;
use crate::redact;

/// When to use colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the process is attached to and what the person asked for, decided once.
#[derive(Debug, Clone)]
pub(crate) struct Terminal {
    pub(crate) stdin_tty: bool,
    pub(crate) stdout_tty: bool,
    pub(crate) stderr_tty: bool,
    color: ColorChoice,
    /// `NO_COLOR` asks for no colour (see [`no_color_asked`]).
    no_color: bool,
    pub(crate) quiet: bool,
}

/// The one `NO_COLOR` rule (no-color.org): set and not empty disables colour; `NO_COLOR=` (set
/// but empty) does not.
pub(crate) fn no_color_asked(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

impl Terminal {
    /// Look at this process's streams and environment.
    pub(crate) fn new(color: ColorChoice, quiet: bool) -> Terminal {
        Terminal {
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            color,
            no_color: no_color_asked(std::env::var_os("NO_COLOR").as_deref()),
            quiet,
        }
    }

    fn color_on(&self, tty: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !self.no_color,
        }
    }

    /// Colour in what goes to stdout (tables).
    pub(crate) fn stdout_color(&self) -> bool {
        self.color_on(self.stdout_tty)
    }

    /// Colour in what goes to stderr (the error report).
    pub(crate) fn stderr_color(&self) -> bool {
        self.color_on(self.stderr_tty)
    }

    /// A person can answer: stdin and stderr are terminals and prompts are not disabled.
    pub(crate) fn can_prompt(&self, no_input: bool) -> bool {
        !no_input && self.stdin_tty && self.stderr_tty
    }

    /// Progress bars and spinners: only on a terminal, never under `--quiet`.
    pub(crate) fn shows_progress(&self) -> bool {
        !self.quiet && self.stderr_tty
    }

    /// The bars of a bulk run, when [`Terminal::shows_progress`].
    pub(crate) fn progress(&self) -> Option<MultiProgress> {
        self.shows_progress().then(MultiProgress::new)
    }

    /// A note for the person (stderr), silenced by `--quiet`.
    pub(crate) fn note(&self, message: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", redact::message(message.as_ref()));
        }
    }

    /// A warning (stderr), silenced by `--quiet`.
    pub(crate) fn warn(&self, message: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("warning: {}", redact::message(message.as_ref()));
        }
    }

    /// Print an error and its hint on stderr (never silenced), made safe for the terminal:
    /// secrets, control characters and huge values out (see `crate::redact`).
    pub(crate) fn report(&self, e: &Error) {
        let (red, yellow, reset) = if self.stderr_color() {
            ("\x1b[1;31m", "\x1b[33m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        // Pending changes are the answer `roster plan` was asked for, not a failure.
        let (red, label) = if e.kind() == crate::error::ErrorKind::Pending {
            (yellow, "pending:")
        } else {
            (red, "error:")
        };
        eprintln!("{red}{label}{reset} {}", redact::message(&e.to_string()));
        if let Some(hint) = e.hint() {
            eprintln!("{yellow}hint:{reset} {}", redact::message(hint));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(color: ColorChoice, tty: bool, no_color: Option<&str>) -> bool {
        let t = Terminal {
            stdin_tty: tty,
            stdout_tty: tty,
            stderr_tty: tty,
            color,
            no_color: no_color_asked(no_color.map(OsStr::new)),
            quiet: false,
        };
        assert_eq!(
            t.stdout_color(),
            t.stderr_color(),
            "one rule for both streams"
        );
        t.stdout_color()
    }

    #[test]
    fn no_color_set_and_not_empty_disables_auto_colour_only() {
        assert!(on(ColorChoice::Auto, true, None));
        assert!(
            on(ColorChoice::Auto, true, Some("")),
            "NO_COLOR= is not a request"
        );
        assert!(!on(ColorChoice::Auto, true, Some("1")));
        assert!(!on(ColorChoice::Auto, false, None), "no colour when piped");
        assert!(on(ColorChoice::Always, false, Some("1")));
        assert!(!on(ColorChoice::Never, true, None));
    }

    #[test]
    fn prompts_and_progress_need_a_terminal() {
        let mut t = Terminal::new(ColorChoice::Never, false);
        t.stdin_tty = true;
        t.stderr_tty = true;
        assert!(t.can_prompt(false));
        assert!(!t.can_prompt(true));
        assert!(t.shows_progress());
        t.quiet = true;
        assert!(!t.shows_progress());
        t.stdin_tty = false;
        assert!(!t.can_prompt(false));
    }
}
