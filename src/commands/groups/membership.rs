//! What `groups add` and `groups remove` share: resolve, skip who needs nothing, send, settle.

use std::collections::HashMap;

use serde::Serialize;

use crate::commands::resolve;
use crate::commands::users::outcome::{lookup_failed, still};
use crate::context::{Context, Target};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Group, User};
use crate::output::Row;
use crate::providers::{Operation, ProviderError};

/// What happened to one user's membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Action {
    Added,
    Removed,
    /// Already as asked: nothing was sent for this user.
    Unchanged,
    Failed,
    /// The answer was lost and looking it up failed too: it may have been applied.
    Unknown,
}

impl Action {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Added => "added",
            Action::Removed => "removed",
            Action::Unchanged => "unchanged",
            Action::Failed => "failed",
            Action::Unknown => "unknown",
        }
    }
}

/// One result row: a user and a group in one profile.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MemberResult {
    pub(crate) profile: String,
    pub(crate) provider: String,
    pub(crate) group_id: String,
    pub(crate) group: String,
    pub(crate) user_id: String,
    pub(crate) email: Option<String>,
    pub(crate) action: Action,
    pub(crate) error: Option<String>,
}

impl Row for MemberResult {
    fn headers() -> &'static [&'static str] {
        &["USER", "ID", "ACTION", "GROUP", "ERROR", "PROFILE"]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.email.clone().unwrap_or_else(|| self.user_id.clone()),
            self.user_id.clone(),
            self.action.as_str().to_string(),
            self.group.clone(),
            self.error.clone().unwrap_or_default(),
            self.profile.clone(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "profile", "provider", "group_id", "group", "user_id", "email", "action", "error",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.group_id.clone(),
            self.group.clone(),
            self.user_id.clone(),
            self.email.clone().unwrap_or_default(),
            self.action.as_str().to_string(),
            self.error.clone().unwrap_or_default(),
        ]
    }
}

/// `groups add` (`member` true) or `groups remove`: the whole verb after parsing.
pub(crate) async fn run(
    ctx: &mut Context,
    group: &str,
    users: &[String],
    member: bool,
) -> Result<()> {
    ctx.out.check_fields_for::<MemberResult>()?;
    let target = super::target(ctx, Operation::GroupMembers)?;
    let group = super::group(&target, group).await?;
    let members = target
        .provider
        .group_members(&group.id)
        .await
        .map_err(target.err())?;
    let users = resolve_users(&target, users, &members).await?;
    let Some(applied) = apply(&target, &group, users, &members, member).await? else {
        ctx.show_planned()?;
        return Ok(());
    };
    for note in &applied.notes {
        ctx.out.note(note);
    }
    let rows = applied.rows;
    let failed = rows
        .iter()
        .filter(|r| matches!(r.action, Action::Failed | Action::Unknown))
        .count();
    if rows.iter().all(|r| r.action == Action::Unchanged) {
        ctx.out.note(format!(
            "unchanged: every user is already {} group {}; nothing was sent",
            if member { "in" } else { "out of" },
            group.name
        ));
    }
    let mut writer = ctx.out.list::<MemberResult>();
    writer.push(&rows)?;
    writer.finish()?;
    if failed > 0 {
        return Err(Error::new(
            ErrorKind::Partial,
            format!(
                "{}: {failed} of {} membership change(s) failed",
                target.profile.name,
                rows.len()
            ),
        )
        .with_hint(
            "run the same command again: users already done answer `unchanged` and send nothing",
        ));
    }
    Ok(())
}

/// The users named by id or email, each once. The group's members are matched first (no
/// look-up); anyone else is looked up. Unknown users stop the verb before anything is sent.
pub(crate) async fn resolve_users(
    target: &Target,
    keys: &[String],
    members: &[User],
) -> Result<Vec<User>> {
    let mut found: Vec<User> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for key in keys {
        let key = key.trim();
        let listed = members.iter().find(|m| {
            m.id == key
                || (key.contains('@')
                    && [&m.email, &m.username]
                        .into_iter()
                        .flatten()
                        .any(|e| e.eq_ignore_ascii_case(key)))
        });
        let user = match listed {
            Some(m) => m.clone(),
            None => match resolve::user(target, key).await {
                Ok(u) => u,
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    unknown.push(e.to_string());
                    continue;
                }
                Err(e) => return Err(e),
            },
        };
        if !found.iter().any(|f| f.id == user.id) {
            found.push(user);
        }
    }
    if !unknown.is_empty() {
        return Err(Error::not_found(unknown.join("; "))
            .with_hint("nothing was sent; `roster users list` shows the users there are"));
    }
    Ok(found)
}

/// What `apply` did: a row per user, and notes for stderr.
#[derive(Debug)]
pub(crate) struct Applied {
    pub(crate) rows: Vec<MemberResult>,
    pub(crate) notes: Vec<String>,
}

/// Put `users` in (`member`) or out of `group`, whose members are `members`; users already
/// as asked are `unchanged` and nothing is sent for them. A lost answer is settled by reading
/// the members again. `None` under `--dry-run`.
pub(crate) async fn apply(
    target: &Target,
    group: &Group,
    users: Vec<User>,
    members: &[User],
    member: bool,
) -> Result<Option<Applied>> {
    let row = |user: &User, action: Action, error: Option<String>| MemberResult {
        profile: target.profile.name.clone(),
        provider: target.profile.kind.to_string(),
        group_id: group.id.clone(),
        group: group.name.clone(),
        user_id: user.id.clone(),
        email: user.email.clone(),
        action,
        error,
    };
    let done = if member {
        Action::Added
    } else {
        Action::Removed
    };
    let order: Vec<String> = users.iter().map(|u| u.id.clone()).collect();
    let listed = |id: &str| members.iter().any(|m| m.id == id);
    let (todo, same): (Vec<User>, Vec<User>) =
        users.into_iter().partition(|u| listed(&u.id) != member);
    let mut rows: Vec<MemberResult> = same
        .iter()
        .map(|u| row(u, Action::Unchanged, None))
        .collect();
    let mut notes = Vec::new();
    if todo.is_empty() {
        return Ok(Some(Applied { rows, notes }));
    }
    let ids: Vec<String> = todo.iter().map(|u| u.id.clone()).collect();
    let sent = if member {
        target.provider.add_group_members(&group.id, &ids).await
    } else {
        target.provider.remove_group_members(&group.id, &ids).await
    };
    let mut results: HashMap<String, std::result::Result<(), ProviderError>> = match sent {
        Ok(outcomes) => outcomes
            .into_iter()
            .map(|o| (o.user_id, o.result))
            .collect(),
        Err(e) => ids.iter().map(|id| (id.clone(), Err(e.clone()))).collect(),
    };
    if results
        .values()
        .any(|r| matches!(r, Err(ProviderError::DryRun)))
    {
        return Ok(None);
    }
    let lost = results
        .values()
        .any(|r| r.as_ref().is_err_and(ProviderError::outcome_unknown));
    let now = if lost {
        Some(target.provider.group_members(&group.id).await)
    } else {
        None
    };
    let label = |u: &User| u.email.clone().unwrap_or_else(|| u.id.clone());
    for user in &todo {
        let result = results.remove(&user.id).unwrap_or_else(|| {
            Err(ProviderError::protocol(
                "internal: the vendor client reported nothing for this user",
            ))
        });
        let error = match result {
            Ok(()) => {
                rows.push(row(user, done, None));
                continue;
            }
            Err(e) => e,
        };
        let (action, error) = match (&now, error.outcome_unknown()) {
            (Some(Ok(now)), true) => {
                let applied = now.iter().any(|m| m.id == user.id) == member;
                // The audit log's line for this user said `unknown`: the look-up settles it.
                let operation = if member {
                    "add_group_member"
                } else {
                    "remove_group_member"
                };
                let about = crate::audit::TargetRef {
                    id: Some(user.id.clone()),
                    email: user.email.clone(),
                };
                target.audit.settled(operation, about, applied);
                if applied {
                    notes.push(format!(
                        "the answer for user {} was unclear ({error}); looked up afterwards, \
                         the change is there",
                        label(user)
                    ));
                    (done, None)
                } else {
                    let found = format!(
                        "looked up afterwards, the user is still {} the group: not changed",
                        if member { "out of" } else { "in" }
                    );
                    (Action::Failed, Some(still(error, &found).error))
                }
            }
            (Some(Err(lookup)), true) => (
                Action::Unknown,
                Some(lookup_failed(error, lookup.clone()).error),
            ),
            _ => (Action::Failed, Some(error)),
        };
        rows.push(row(user, action, error.map(|e| e.to_string())));
    }
    rows.sort_by_key(|r| order.iter().position(|id| *id == r.user_id));
    Ok(Some(Applied { rows, notes }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_json_key_of_a_result_is_known_before_a_row() {
        let row = MemberResult {
            profile: "p".into(),
            provider: "paradigm".into(),
            group_id: "g1".into(),
            group: "ops".into(),
            user_id: "u1".into(),
            email: None,
            action: Action::Added,
            error: None,
        };
        assert_eq!(
            crate::output::keys_unknown_before_rows(&row),
            Vec::<String>::new()
        );
    }
}
