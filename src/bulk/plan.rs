//! From checked rows to tasks: decide per row and profile what to send, from one listing of
//! each profile's users and what the journal says earlier runs finished.

use std::collections::HashMap;

use tokio::sync::watch;

use super::input::Problem;
use super::journal::{Earlier, Journal};
use super::validate::Checked;
use super::Action;
use crate::context::Target;
use crate::error::Error;
use crate::model::{NewUser, User, UserPatch, UserQuery};
use crate::providers::ProviderError;

/// What to do with a user that already exists in a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum IfExists {
    Skip,
    Update,
    Fail,
}

/// One row's work in one profile.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub(crate) line: u64,
    pub(crate) email: String,
    pub(crate) work: Work,
}

#[derive(Debug, Clone)]
pub(crate) enum Work {
    Create(Box<NewUser>),
    Update {
        id: String,
        patch: Box<UserPatch>,
    },
    /// `roster apply`: delete the account.
    Delete {
        id: String,
    },
    /// `roster apply`: deactivate (or reactivate) the account.
    SetActive {
        id: String,
        active: bool,
    },
    /// Decided without a request.
    Settled {
        action: Action,
        id: Option<String>,
        error: Option<String>,
        resumed: bool,
    },
}

/// Every user of a profile, by lower-cased email: one listing instead of a look-up per row.
/// Stops at the next page once `cancel` is set.
pub(crate) async fn existing_users(
    target: &Target,
    cancel: &watch::Receiver<bool>,
) -> std::result::Result<HashMap<String, User>, ProviderError> {
    let mut index = HashMap::new();
    for u in every_user(target, cancel).await? {
        if let Some(e) = &u.email {
            index.insert(e.to_ascii_lowercase(), u);
        }
    }
    Ok(index)
}

/// Every page of a profile's users, in order and at the profile's pace; a garbled or cut page is
/// tried again twice. Stops before the next page once `cancel` is set.
pub(crate) async fn every_user(
    target: &Target,
    cancel: &watch::Receiver<bool>,
) -> std::result::Result<Vec<User>, ProviderError> {
    let mut users = Vec::new();
    let query = UserQuery::default();
    let mut cursor: Option<String> = None;
    loop {
        let mut attempt = 0;
        let page = loop {
            if *cancel.borrow() {
                return Err(ProviderError::Interrupted { write: false });
            }
            attempt += 1;
            match target.provider.list_users(&query, cursor.as_deref()).await {
                Ok(p) => break p,
                // A garbled or cut answer to a read is worth another try before giving up.
                Err(ProviderError::Protocol { .. } | ProviderError::Network { .. })
                    if attempt < 3 => {}
                Err(e) => return Err(e),
            }
        };
        users.extend(page.items);
        match page.next {
            Some(n) => cursor = Some(n),
            None => return Ok(users),
        }
    }
}

/// Decide each row for one profile: resume from the journal, create, update, skip or fail.
pub(crate) fn plan_profile(
    target_index: usize,
    target: &Target,
    checked: &[Checked],
    existing: &HashMap<String, User>,
    journal: Option<&Journal>,
    if_exists: IfExists,
) -> Vec<Task> {
    let mut tasks = Vec::new();
    for c in checked {
        for (i, new) in &c.per_target {
            if *i != target_index {
                continue;
            }
            let new = new.clone();
            let profile = &target.profile.name;
            let found = existing.get(&c.row.email.to_ascii_lowercase());
            let earlier = journal.and_then(|j| j.earlier(c.row.line, profile, &c.row.email));
            let settled =
                |action, id: Option<String>, error: Option<String>, resumed| Work::Settled {
                    action,
                    id,
                    error,
                    resumed,
                };
            let work = match (earlier, found) {
                // Finished by an earlier run and still there. A user the journal created but
                // the listing no longer has was removed since (or the sandbox was reset): the
                // journal is stale for that row, and it is created again below.
                (Some(Earlier::Done { action, id }), Some(_)) => {
                    settled(*action, id.clone(), None, true)
                }
                // Sent by an interrupted run and since committed: it was ours, not a duplicate.
                (Some(Earlier::Started), Some(u)) => {
                    settled(Action::Created, Some(u.id.clone()), None, true)
                }
                (_, None) => Work::Create(Box::new(new)),
                (_, Some(u)) => match if_exists {
                    IfExists::Skip => settled(Action::Skipped, Some(u.id.clone()), None, false),
                    IfExists::Fail => settled(
                        Action::Failed,
                        Some(u.id.clone()),
                        Some("already exists (--if-exists fail)".into()),
                        false,
                    ),
                    IfExists::Update => {
                        let patch = patch_for(&new, u);
                        if patch.is_empty() {
                            settled(Action::Skipped, Some(u.id.clone()), None, false)
                        } else {
                            Work::Update {
                                id: u.id.clone(),
                                patch: Box::new(patch),
                            }
                        }
                    }
                },
            };
            tasks.push(Task {
                line: c.row.line,
                email: c.row.email.clone(),
                work,
            });
        }
    }
    tasks
}

/// Every row of one profile when its users could not be listed: what the journal records as
/// finished stays finished (a failed listing says nothing about it); the rest fail with the
/// reason, or are not run when the import was interrupted.
pub(crate) fn unlisted(
    target_index: usize,
    target: &Target,
    checked: &[Checked],
    journal: Option<&Journal>,
    error: &ProviderError,
) -> Vec<Task> {
    let interrupted = matches!(error, ProviderError::Interrupted { .. });
    checked
        .iter()
        .filter(|c| c.per_target.iter().any(|(i, _)| *i == target_index))
        .map(|c| {
            let earlier =
                journal.and_then(|j| j.earlier(c.row.line, &target.profile.name, &c.row.email));
            let work = match earlier {
                Some(Earlier::Done { action, id }) => Work::Settled {
                    action: *action,
                    id: id.clone(),
                    error: None,
                    resumed: true,
                },
                _ if interrupted => Work::Settled {
                    action: Action::NotRun,
                    id: None,
                    error: None,
                    resumed: false,
                },
                _ => Work::Settled {
                    action: Action::Failed,
                    id: None,
                    error: Some(format!("cannot list the profile's users: {error}")),
                    resumed: false,
                },
            };
            Task {
                line: c.row.line,
                email: c.row.email.clone(),
                work,
            }
        })
        .collect()
}

/// What the row says (as far as this vendor has the field) that the existing user does not
/// have yet.
fn patch_for(new: &NewUser, user: &User) -> UserPatch {
    let differs = |wanted: &Option<String>, have: &Option<String>| match wanted {
        Some(w) if Some(w) != have.as_ref() => Some(w.clone()),
        _ => None,
    };
    let extra = |key: &str| {
        user.extra
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let missing = |wanted: &[String], have: &[crate::model::Ref]| -> Vec<String> {
        wanted
            .iter()
            .filter(|w| !have.iter().any(|h| &h.id == *w))
            .cloned()
            .collect()
    };
    UserPatch {
        first_name: differs(&new.first_name, &user.first_name),
        last_name: differs(&new.last_name, &user.last_name),
        name: differs(&new.name, &user.display_name),
        description: differs(&new.description, &extra("description")),
        phone: differs(&new.phone, &extra("phone")),
        language: differs(&new.language, &extra("language")),
        add_groups: missing(&new.groups, &user.groups),
        add_roles: missing(&new.roles, &user.roles),
        ..UserPatch::default()
    }
}

/// All problems as one usage error (exit 2), each on its own line, in line order.
pub(crate) fn problems_error(file: &str, problems: &[Problem]) -> Error {
    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by_key(|p| p.line);
    let lines: Vec<String> = sorted.iter().map(|p| p.render(file)).collect();
    Error::usage(format!(
        "{} problem(s) in the input; nothing was written:\n{}",
        problems.len(),
        lines.join("\n")
    ))
    .with_hint("fix them, or pass --skip-invalid to import the other rows")
}
