//! One audit line: who changed what, where, when, and how it ended. Field order is the format.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Run;

/// One write, as the log keeps it (and `roster log` reads it back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Line {
    /// RFC 3339, UTC, milliseconds.
    pub(crate) time: String,
    /// The run id: every line of one command shares it.
    pub(crate) run: String,
    /// The OS user and host roster ran as.
    pub(crate) user: String,
    pub(crate) host: String,
    /// roster's version.
    pub(crate) version: String,
    /// The roster command, e.g. `users import`.
    pub(crate) command: String,
    pub(crate) profile: String,
    pub(crate) provider: String,
    /// `create`, `update`, `delete`, `deactivate`, `reactivate`, ...
    pub(crate) operation: String,
    pub(crate) target: TargetRef,
    /// The fields the write set, with their new values; secrets are `[redacted]`.
    #[serde(default)]
    pub(crate) changes: Map<String, Value>,
    pub(crate) outcome: Outcome,
    /// The HTTP status of the write's answer, where one came.
    #[serde(default)]
    pub(crate) status: Option<u16>,
    /// What went wrong, when it did (secrets scrubbed).
    #[serde(default)]
    pub(crate) error: Option<String>,
    /// True on a line that settles an earlier `unknown` line of the same run, from what a
    /// look-up at the vendor showed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) lookup: bool,
    /// The command line, secrets redacted.
    #[serde(default)]
    pub(crate) argv: Vec<String>,
}

/// The user a write was about: the vendor's id (once known) and the email.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TargetRef {
    #[serde(default)]
    pub(crate) id: Option<String>,
    #[serde(default)]
    pub(crate) email: Option<String>,
}

/// How a write ended, as far as roster can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Outcome {
    Ok,
    Failed,
    /// The answer was lost: the vendor may have applied it.
    Unknown,
}

impl Outcome {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Failed => "failed",
            Outcome::Unknown => "unknown",
        }
    }
}

impl Line {
    /// A line of `run` stamped now; `argv` is filled in when it is appended.
    pub(crate) fn new(run: &Run, profile: &str, provider: &str, operation: &str) -> Line {
        Line {
            time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            run: run.id.clone(),
            user: run.user.clone(),
            host: run.host.clone(),
            version: run.version.clone(),
            command: run.command.clone(),
            profile: profile.to_string(),
            provider: provider.to_string(),
            operation: operation.to_string(),
            target: TargetRef::default(),
            changes: Map::new(),
            outcome: Outcome::Ok,
            status: None,
            error: None,
            lookup: false,
            argv: Vec::new(),
        }
    }

    /// The line's time, if it is RFC 3339.
    pub(crate) fn parsed_time(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(&self.time)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_back_as_written() {
        let run = Run {
            id: "abc".into(),
            user: "ada".into(),
            host: "box".into(),
            version: "0.1.0".into(),
            command: "users create".into(),
            argv: vec!["roster".into()],
        };
        let mut line = Line::new(&run, "acme", "paradigm", "create");
        line.target.email = Some("a@example.com".into());
        line.status = Some(201);
        let text = serde_json::to_string(&line).unwrap();
        assert!(!text.contains("lookup"), "only on look-up lines: {text}");
        let back: Line = serde_json::from_str(&text).unwrap();
        assert_eq!(back, line);
        assert!(back.parsed_time().is_some());
        assert!(text.starts_with("{\"time\":"), "time comes first: {text}");
    }
}
