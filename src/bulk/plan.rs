//! From input rows to tasks: validate every row against every target profile, then decide per
//! row and profile what to send, from one listing of each profile's users.

use std::collections::HashMap;
use std::sync::Arc;

use super::input::{InputRow, Problem};
use super::journal::{Earlier, Journal};
use super::Action;
use crate::commands::resolve::match_group;
use crate::commands::users::create::default_username;
use crate::commands::users::fields::generate_password;
use crate::context::Target;
use crate::error::{Error, Result};
use crate::model::{Group, NewUser, User, UserPatch, UserQuery};
use crate::providers::ProviderError;

/// What to do with a user that already exists in a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IfExists {
    Skip,
    Update,
    Fail,
}

/// One row's work in one profile.
#[derive(Debug, Clone)]
pub struct Task {
    pub line: u64,
    pub email: String,
    /// Index into the targets.
    pub target: usize,
    pub work: Work,
}

#[derive(Debug, Clone)]
pub enum Work {
    Create(Box<NewUser>),
    Update {
        id: String,
        patch: Box<UserPatch>,
    },
    /// Decided without a request.
    Settled {
        action: Action,
        id: Option<String>,
        error: Option<String>,
        resumed: bool,
    },
}

/// A row ready for planning: the user to create in each of its target profiles.
pub struct Checked {
    pub row: InputRow,
    pub per_target: Vec<(usize, NewUser)>,
}

/// Check every row against every profile it goes to. Lists groups once per profile, and only
/// when some row names a group or role.
pub async fn validate(
    rows: Vec<InputRow>,
    targets: &[Arc<Target>],
    generate_passwords: bool,
) -> Result<(Vec<Checked>, Vec<Problem>)> {
    let mut problems = Vec::new();
    let mut groups: HashMap<usize, Vec<Group>> = HashMap::new();
    let needs_groups = rows
        .iter()
        .any(|r| !r.groups.is_empty() || !r.roles.is_empty());
    if needs_groups {
        for (i, t) in targets.iter().enumerate() {
            let list = t.provider.list_groups().await.map_err(t.err())?;
            groups.insert(i, list);
        }
    }
    let names: Vec<&str> = targets.iter().map(|t| t.profile.name.as_str()).collect();
    let mut seen: HashMap<(usize, String), u64> = HashMap::new();
    let mut checked = Vec::new();
    for row in rows {
        let wanted: Vec<usize> = match &row.profile {
            Some(p) => match names.iter().position(|n| n == p) {
                Some(i) => vec![i],
                None => {
                    problems.push(Problem::new(
                        row.line,
                        Some("profile"),
                        format!("`{p}` is not one of the profiles run: {}", names.join(", ")),
                    ));
                    continue;
                }
            },
            None => (0..targets.len()).collect(),
        };
        let mut per_target = Vec::new();
        for i in wanted {
            let target = &targets[i];
            let at = |column: Option<&str>, message: String| Problem {
                line: row.line,
                column: column.map(str::to_string),
                profile: Some(target.profile.name.clone()),
                message,
            };
            let key = (i, row.email.to_ascii_lowercase());
            if let Some(first) = seen.get(&key) {
                problems.push(at(
                    Some("email"),
                    format!("{} is already on line {first}", row.email),
                ));
                continue;
            }
            seen.insert(key, row.line);
            let known = groups.get(&i).map(Vec::as_slice).unwrap_or(&[]);
            let mut resolve = |column: &str, names: &[String], always: bool| -> Vec<String> {
                names
                    .iter()
                    .filter_map(|n| {
                        if !always {
                            return Some(n.clone());
                        }
                        match match_group(known, n) {
                            Ok(id) => Some(id),
                            Err(e) => {
                                let mut m = e.to_string();
                                if let Some(h) = e.hint() {
                                    m.push_str(&format!(" ({h})"));
                                }
                                problems.push(at(Some(column), m));
                                None
                            }
                        }
                    })
                    .collect()
            };
            let group_ids = resolve("groups", &row.groups, true);
            let role_ids = resolve("roles", &row.roles, target.provider.capabilities().roles);
            let kind = target.profile.kind;
            let password = if generate_passwords && kind.needs_password() {
                Some(generate_password()?)
            } else {
                None
            };
            let has = |column: &str| kind.user_fields().contains(&column);
            let field =
                |column: &str, value: &Option<String>| value.clone().filter(|_| has(column));
            let new = NewUser {
                email: row.email.clone(),
                username: field("username", &row.username)
                    .or_else(|| needs_username(target).then(|| default_username(&row.email))),
                first_name: field("first_name", &row.first_name),
                last_name: field("last_name", &row.last_name),
                name: field("name", &row.name),
                description: field("description", &row.description),
                phone: field("phone", &row.phone),
                password,
                groups: group_ids,
                roles: role_ids,
                language: field("language", &row.language),
                ..NewUser::default()
            };
            if let Err(e) = target.provider.validate_new_user(&new) {
                problems.push(at(None, e.to_string()));
                continue;
            }
            per_target.push((i, new));
        }
        checked.push(Checked { row, per_target });
    }
    Ok((checked, problems))
}

fn needs_username(target: &Target) -> bool {
    target.profile.kind == crate::config::ProviderKind::Paradigm
}

/// Every user of a profile, by lower-cased email: one listing instead of a look-up per row.
pub async fn existing_users(target: &Target) -> Result<HashMap<String, User>> {
    let mut index = HashMap::new();
    let query = UserQuery::default();
    let mut cursor: Option<String> = None;
    loop {
        let mut attempt = 0;
        let page = loop {
            attempt += 1;
            match target.provider.list_users(&query, cursor.as_deref()).await {
                Ok(p) => break p,
                // A garbled or cut answer to a read is worth another try before giving up.
                Err(ProviderError::Protocol { .. } | ProviderError::Network { .. })
                    if attempt < 3 => {}
                Err(e) => return Err((target.err())(e)),
            }
        };
        for u in page.items {
            if let Some(e) = &u.email {
                index.insert(e.to_ascii_lowercase(), u);
            }
        }
        match page.next {
            Some(n) => cursor = Some(n),
            None => return Ok(index),
        }
    }
}

/// Decide each row for one profile: resume from the journal, create, update, skip or fail.
pub fn plan_profile(
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
            let i = *i;
            let profile = &target.profile.name;
            let found = existing.get(&c.row.email.to_ascii_lowercase());
            let earlier = journal.and_then(|j| j.earlier(c.row.line, profile));
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
                target: i,
                work,
            });
        }
    }
    tasks
}

/// Every row of one profile as failed, when its users could not be listed.
pub fn unlisted(target_index: usize, checked: &[Checked], reason: &str) -> Vec<Task> {
    checked
        .iter()
        .filter(|c| c.per_target.iter().any(|(i, _)| *i == target_index))
        .map(|c| Task {
            line: c.row.line,
            email: c.row.email.clone(),
            target: target_index,
            work: Work::Settled {
                action: Action::Failed,
                id: None,
                error: Some(format!("cannot list the profile's users: {reason}")),
                resumed: false,
            },
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

/// All problems as one usage error (exit 2), each on its own line.
pub fn problems_error(file: &str, problems: &[Problem]) -> Error {
    let lines: Vec<String> = problems.iter().map(|p| p.render(file)).collect();
    Error::usage(format!(
        "{} problem(s) in the input; nothing was written:\n{}",
        problems.len(),
        lines.join("\n")
    ))
    .with_hint("fix them, or pass --skip-invalid to import the other rows")
}
