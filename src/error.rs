//! The one error type the binary reports, its kinds and hints; the exit-code table lives here.

use std::fmt;

/// What went wrong, in the terms a script acts on. Each kind has exactly one exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// A vendor or network error with no better kind.
    Failure,
    /// Bad arguments, or a required value missing where no prompt is possible.
    Usage,
    /// The config file or a profile is wrong.
    Config,
    /// The vendor refused the credentials or the action (401/403).
    Auth,
    /// The user, group or profile asked for does not exist.
    NotFound,
    /// The thing to create already exists.
    Conflict,
    /// Some items of a batch failed.
    Partial,
    /// `roster plan`: the accounts differ from the people file; changes are pending. Not a
    /// failure: CI reads it as drift.
    Pending,
    /// Rate limit, 5xx or timeout still failing after retries: trying later may work.
    Temporary,
    /// The person cancelled (Ctrl-C, Esc, "no").
    Cancelled,
}

impl ErrorKind {
    /// Every kind, in the order of its exit code.
    pub(crate) const ALL: [ErrorKind; 10] = [
        ErrorKind::Failure,
        ErrorKind::Usage,
        ErrorKind::Config,
        ErrorKind::Auth,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::Partial,
        ErrorKind::Pending,
        ErrorKind::Temporary,
        ErrorKind::Cancelled,
    ];

    /// The exit-code table. `--help`, the man page and a test of the README's table read it
    /// through [`exit_statuses`] and [`exit_code_summary`].
    pub(crate) fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failure => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Config => 3,
            ErrorKind::Auth => 4,
            ErrorKind::NotFound => 5,
            ErrorKind::Conflict => 6,
            ErrorKind::Partial => 7,
            // The next code after the failures 1-7: below sysexits' 64-78 and the signals'
            // 128+, so a CI step can tell drift (8) from a failed run.
            ErrorKind::Pending => 8,
            ErrorKind::Temporary => 75,
            ErrorKind::Cancelled => 130,
        }
    }

    /// What the exit code tells a script, in a sentence.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            ErrorKind::Failure => {
                "failure: a vendor or network error, or an operation the vendor does not support"
            }
            ErrorKind::Usage => {
                "usage: bad arguments, or a required value missing where no prompt is possible"
            }
            ErrorKind::Config => {
                "config: the file or a profile is wrong (also a `base_url` that answers 404 on a \
                 route every tenant has)"
            }
            ErrorKind::Auth => "authentication or permission (401/403)",
            ErrorKind::NotFound => "not found",
            ErrorKind::Conflict => "already exists / conflict",
            ErrorKind::Partial => "partial failure: some items of a batch failed",
            ErrorKind::Pending => {
                "changes pending: `roster plan` found accounts that differ from the people file"
            }
            ErrorKind::Temporary => {
                "temporary failure: rate limit, 5xx or timeout still failing after retries; retry \
                 later"
            }
            ErrorKind::Cancelled => "cancelled",
        }
    }

    /// The same in a word or two, for the one-line summary in `--help`.
    fn label(self) -> &'static str {
        match self {
            ErrorKind::Failure => "failure",
            ErrorKind::Usage => "usage",
            ErrorKind::Config => "config",
            ErrorKind::Auth => "auth/permission",
            ErrorKind::NotFound => "not found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Partial => "partial failure",
            ErrorKind::Pending => "changes pending",
            ErrorKind::Temporary => "temporary (retry later)",
            ErrorKind::Cancelled => "cancelled",
        }
    }
}

/// Every exit status with its meaning, 0 first: the rows of the README's table and of the man
/// page's EXIT STATUS section.
pub fn exit_statuses() -> Vec<(u8, &'static str)> {
    let mut rows = vec![(0, "ok (also an empty list, and a closed pipe)")];
    rows.extend(ErrorKind::ALL.iter().map(|k| (k.exit_code(), k.meaning())));
    rows
}

/// `0 ok · 1 failure · ...` on two lines, for the end of `roster --help`.
pub(crate) fn exit_code_summary() -> String {
    let entry = |code: u8, label: &str| format!("{code} {label}");
    let mut entries = vec![entry(0, "ok")];
    entries.extend(
        ErrorKind::ALL
            .iter()
            .map(|k| entry(k.exit_code(), k.label())),
    );
    let (first, second) = entries.split_at(entries.len().min(7));
    format!("  {}\n  {}", first.join(" · "), second.join(" · "))
}

/// An error with a kind (its exit code), a message, an optional hint saying what to do, and the
/// chain of causes.
#[derive(Debug)]
pub(crate) struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    broken_pipe: bool,
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            source: None,
            broken_pipe: false,
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage, message)
    }

    pub(crate) fn failure(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Failure, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::NotFound, message)
    }

    pub(crate) fn cancelled() -> Self {
        Error::new(ErrorKind::Cancelled, "cancelled; nothing was sent")
    }

    /// Ctrl-C during a command that does not catch it itself. Only a command that has sent a
    /// change (`HttpClient::sent_a_write`) can have left one half-known; one that has not says
    /// that nothing was sent.
    pub(crate) fn interrupted(sent_a_write: bool) -> Self {
        if !sent_a_write {
            return Error::cancelled();
        }
        Error::new(ErrorKind::Cancelled, "interrupted")
            .with_hint("a change sent just before may or may not have been applied; check with `roster users get`")
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    pub(crate) fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub(crate) fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    pub(crate) fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// An I/O error on stdout. A closed pipe (`roster users list | head`) is not a failure.
    pub(crate) fn from_stdout(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            let mut e = Error::failure("stdout was closed");
            e.broken_pipe = true;
            e
        } else {
            Error::failure("cannot write to stdout").with_source(err)
        }
    }

    /// True for a closed stdout: the caller exits 0 and prints nothing.
    pub(crate) fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let mut cause = self
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static));
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::Interrupted {
            return Error::cancelled();
        }
        Error::failure("I/O error").with_source(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_match_the_documented_table() {
        let table = [
            (ErrorKind::Failure, 1),
            (ErrorKind::Usage, 2),
            (ErrorKind::Config, 3),
            (ErrorKind::Auth, 4),
            (ErrorKind::NotFound, 5),
            (ErrorKind::Conflict, 6),
            (ErrorKind::Partial, 7),
            (ErrorKind::Pending, 8),
            (ErrorKind::Temporary, 75),
            (ErrorKind::Cancelled, 130),
        ];
        for (kind, code) in table {
            assert_eq!(kind.exit_code(), code, "{kind:?}");
        }
    }

    #[test]
    fn every_kind_is_in_the_table_once_in_code_order() {
        let codes: Vec<u8> = exit_statuses().iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 75, 130]);
        let summary = exit_code_summary();
        for code in codes {
            assert!(summary.contains(&format!("{code} ")), "{summary}");
        }
        assert_eq!(summary.lines().count(), 2);
    }

    #[test]
    fn an_interrupt_promises_nothing_only_after_a_write() {
        let quiet = Error::interrupted(false);
        assert_eq!(quiet.exit_code(), 130);
        assert_eq!(quiet.to_string(), "cancelled; nothing was sent");
        assert!(quiet.hint().is_none());
        let sent = Error::interrupted(true);
        assert_eq!(sent.exit_code(), 130);
        assert!(sent.hint().unwrap_or_default().contains("may or may not"));
    }

    #[test]
    fn broken_pipe_is_recognised() {
        let e = Error::from_stdout(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(e.is_broken_pipe());
        let e = Error::from_stdout(std::io::Error::other("disk full"));
        assert!(!e.is_broken_pipe());
    }
}
