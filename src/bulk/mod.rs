//! Bulk work over many users and profiles: input rows, the plan, the journal, the run.

pub(crate) mod files;
pub(crate) mod import;
pub(crate) mod input;
pub(crate) mod interrupt;
pub(crate) mod invalid;
pub(crate) mod journal;
pub(crate) mod plan;
pub(crate) mod progress;
pub(crate) mod remove;
pub(crate) mod run;
pub(crate) mod summary;
pub(crate) mod validate;

use serde::Serialize;

use crate::output::Row;

/// What happened (or, under `--dry-run`, would happen) to one input row in one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Action {
    Created,
    Updated,
    Skipped,
    Failed,
    WouldCreate,
    WouldUpdate,
    /// Not sent: the run was interrupted first.
    NotRun,
    /// Not sent: the row broke a rule (`--skip-invalid`); the reason is in `error`.
    SkippedInvalid,
    /// `roster apply`: the account was deactivated, or deleted.
    Deactivated,
    Deleted,
}

impl Action {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Skipped => "skipped",
            Action::Failed => "failed",
            Action::WouldCreate => "would-create",
            Action::WouldUpdate => "would-update",
            Action::NotRun => "not-run",
            Action::SkippedInvalid => "skipped-invalid",
            Action::Deactivated => "deactivated",
            Action::Deleted => "deleted",
        }
    }

    /// Every action, in the order a summary names them.
    pub(crate) const ALL: [Action; 10] = [
        Action::Created,
        Action::Updated,
        Action::Deactivated,
        Action::Deleted,
        Action::Skipped,
        Action::Failed,
        Action::SkippedInvalid,
        Action::WouldCreate,
        Action::WouldUpdate,
        Action::NotRun,
    ];

    /// What `--failures-only` leaves out: the row is done, or would be done by this plan.
    pub(crate) fn succeeded(self) -> bool {
        !matches!(
            self,
            Action::Failed | Action::NotRun | Action::SkippedInvalid
        )
    }

    /// Finished for good: a resumed run leaves it alone.
    pub(crate) fn is_done(self) -> bool {
        matches!(
            self,
            Action::Created
                | Action::Updated
                | Action::Skipped
                | Action::Deactivated
                | Action::Deleted
        )
    }
}

/// One result row: an input line in one profile.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Outcome {
    pub(crate) line: u64,
    pub(crate) profile: String,
    pub(crate) email: String,
    pub(crate) action: Action,
    pub(crate) id: Option<String>,
    pub(crate) error: Option<String>,
    /// A password roster generated for the new user: shown here once, never journaled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) password: Option<String>,
    /// Finished by an earlier run, per the journal: no request was sent this time.
    pub(crate) resumed: bool,
}

impl Row for Outcome {
    fn headers() -> &'static [&'static str] {
        &[
            "LINE", "PROFILE", "EMAIL", "ACTION", "ID", "ERROR", "PASSWORD",
        ]
    }

    fn cells(&self) -> Vec<String> {
        let mut action = self.action.as_str().to_string();
        if self.resumed {
            action.push_str(" (earlier run)");
        }
        vec![
            self.line.to_string(),
            self.profile.clone(),
            self.email.clone(),
            action,
            self.id.clone().unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
            self.password.clone().unwrap_or_default(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "line", "profile", "email", "action", "id", "error", "password", "resumed",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.line.to_string(),
            self.profile.clone(),
            self.email.clone(),
            self.action.as_str().to_string(),
            self.id.clone().unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
            self.password.clone().unwrap_or_default(),
            self.resumed.to_string(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_json_key_of_an_outcome_is_known_before_a_row() {
        let outcome = Outcome {
            line: 2,
            profile: "p".into(),
            email: "a@b.c".into(),
            action: Action::Created,
            id: Some("1".into()),
            error: None,
            password: Some("pw".into()),
            resumed: false,
        };
        assert_eq!(
            crate::output::keys_unknown_before_rows(&outcome),
            Vec::<String>::new()
        );
    }
}
