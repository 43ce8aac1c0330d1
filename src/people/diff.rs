//! The file against one profile as it is: what to create, update, deactivate or delete there,
//! and the request to send for each. Accounts are matched by email, case-insensitively.

use std::collections::{HashMap, HashSet};

use super::fields::{have_field, resolve, wanted_fields};
use super::file::{Account, Named, PeopleFile, Person, ProfileInfo, State};
use super::live::Live;
use super::plan::{Change, ChangeKind, FieldChange};
use crate::bulk::input::Problem;
use crate::bulk::plan::Work;
use crate::model::{Group, NewUser, Ref, Status, User, UserPatch};
use crate::providers::{Capabilities, Provider};

/// A change and the work that makes it.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) change: Change,
    pub(crate) work: Work,
}

/// One profile's plan: the changes, the problems that stop it (unknown group names, values the
/// vendor refuses), and notes for the person.
#[derive(Debug, Default)]
pub(crate) struct Diffed {
    pub(crate) planned: Vec<Planned>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) notes: Vec<String>,
}

/// Everything `diff` needs of one profile.
pub(crate) struct Side<'a> {
    pub(crate) name: &'a str,
    pub(crate) info: &'a ProfileInfo,
    pub(crate) provider: &'a dyn Provider,
    pub(crate) live: &'a Live,
    pub(crate) prune: bool,
}

pub(crate) fn diff(file: &PeopleFile, side: &Side<'_>) -> Diffed {
    let mut out = Diffed::default();
    let caps = side.provider.capabilities();
    let mut index: HashMap<String, &User> = HashMap::new();
    for u in &side.live.users {
        if let Some(e) = &u.email {
            index.entry(e.to_ascii_lowercase()).or_insert(u);
        }
    }
    let mut managed: HashSet<String> = HashSet::new();
    for person in &file.people {
        let Some(account) = person.accounts.iter().find(|a| a.profile == side.name) else {
            continue;
        };
        let email = person.email.to_ascii_lowercase();
        managed.insert(email.clone());
        let found = index.get(&email).copied();
        match (person.state, found) {
            (State::Present, None) => create(person, account, side, &mut out),
            (State::Present, Some(u)) => update(person, account, u, side, caps, &mut out),
            (State::Inactive | State::Absent, None) => {}
            (state, Some(u)) => {
                let reason = format!("state = \"{}\"", state.as_str());
                remove(
                    (person.line, &person.email),
                    u,
                    state == State::Absent,
                    reason,
                    side,
                    caps,
                    &mut out,
                );
            }
        }
    }
    if side.prune {
        let mut blank = 0;
        let mut others: Vec<&User> = Vec::new();
        for u in &side.live.users {
            match &u.email {
                Some(e) if managed.contains(&e.to_ascii_lowercase()) => {}
                Some(_) => others.push(u),
                None => blank += 1,
            }
        }
        others.sort_by_key(|u| u.email.clone().unwrap_or_default().to_ascii_lowercase());
        for u in others {
            let email = u.email.as_deref().unwrap_or_default();
            remove(
                (0, email),
                u,
                false,
                "prune: not in the file".into(),
                side,
                caps,
                &mut out,
            );
        }
        if blank > 0 {
            out.notes.push(format!(
                "{}: {blank} account(s) without an email are never matched, and --prune leaves \
                 them alone",
                side.name
            ));
        }
        if side.live.own.is_none() && caps.delete && !caps.deactivate {
            out.notes.push(format!(
                "{}: the vendor does not tell which account the credentials sign in as; if the \
                 plan removes it, the vendor refuses: add that person to the file",
                side.name
            ));
        }
    }
    out
}

fn create(person: &Person, account: &Account, side: &Side<'_>, out: &mut Diffed) {
    let wanted = wanted_fields(person, account, side.info);
    let mut new = NewUser {
        email: person.email.clone(),
        ..NewUser::default()
    };
    for (f, v) in &wanted {
        let slot = match f.as_str() {
            "username" => &mut new.username,
            "first_name" => &mut new.first_name,
            "last_name" => &mut new.last_name,
            "name" => &mut new.name,
            "description" => &mut new.description,
            "phone" => &mut new.phone,
            "language" => &mut new.language,
            _ => continue,
        };
        *slot = Some(v.clone());
    }
    let before = out.problems.len();
    let groups = resolve(
        account.groups.as_deref().unwrap_or_default(),
        &side.live.groups,
        side.name,
        out,
    );
    let roles = resolve(
        account.roles.as_deref().unwrap_or_default(),
        &side.live.groups,
        side.name,
        out,
    );
    new.groups = groups.iter().map(|g| g.id.clone()).collect();
    new.roles = roles.iter().map(|g| g.id.clone()).collect();
    if out.problems.len() > before {
        return;
    }
    let derived = side.provider.complete_new_user(&mut new);
    for d in derived {
        out.notes
            .push(format!("{}: {}: {d}", side.name, person.email));
    }
    // The password is generated at apply time (`--generate-password`); the plan checks the
    // rest of the user as if it had one.
    let mut checked = new.clone();
    if side.provider.kind().needs_password() {
        checked.password = Some(crate::secret::Secret::new("placeholder-Pa55word"));
    }
    if let Err(e) = side.provider.validate_new_user(&checked) {
        out.problems.push(Problem {
            line: person.line,
            column: None,
            profile: Some(side.name.to_string()),
            message: e.to_string(),
        });
        return;
    }
    let mut fields: Vec<FieldChange> = wanted
        .into_iter()
        .map(|(field, v)| FieldChange {
            field,
            old: None,
            new: Some(v),
        })
        .collect();
    if let Some(u) = &new.username {
        if !fields.iter().any(|f| f.field == "username") {
            fields.push(FieldChange {
                field: "username".into(),
                old: None,
                new: Some(u.clone()),
            });
        }
    }
    out.planned.push(Planned {
        change: Change {
            profile: side.name.to_string(),
            email: person.email.clone(),
            line: person.line,
            action: ChangeKind::Create,
            id: None,
            fields,
            add_groups: groups.into_iter().map(|g| g.name).collect(),
            remove_groups: Vec::new(),
            add_roles: roles.into_iter().map(|g| g.name).collect(),
            remove_roles: Vec::new(),
            reason: None,
        },
        work: Work::Create(Box::new(new)),
    });
}

fn update(
    person: &Person,
    account: &Account,
    user: &User,
    side: &Side<'_>,
    caps: Capabilities,
    out: &mut Diffed,
) {
    let mut patch = UserPatch::default();
    let mut fields = Vec::new();
    for (f, v) in wanted_fields(person, account, side.info) {
        let have = have_field(user, &f);
        // A username names a new account only; vendors do not change it afterwards.
        if f == "username" || have.as_deref() == Some(v.as_str()) {
            continue;
        }
        let slot = match f.as_str() {
            "first_name" => &mut patch.first_name,
            "last_name" => &mut patch.last_name,
            "name" => &mut patch.name,
            "description" => &mut patch.description,
            "phone" => &mut patch.phone,
            "language" => &mut patch.language,
            _ => continue,
        };
        *slot = Some(v.clone());
        fields.push(FieldChange {
            field: f,
            old: have,
            new: Some(v),
        });
    }
    if user.status == Status::Inactive {
        if caps.reactivate {
            patch.active = Some(true);
            fields.push(FieldChange {
                field: "status".into(),
                old: Some("inactive".into()),
                new: Some("active".into()),
            });
        } else {
            out.notes.push(format!(
                "{}: {} is inactive and {} cannot reactivate accounts; left as it is",
                side.name,
                person.email,
                side.provider.kind()
            ));
        }
    }
    let before = out.problems.len();
    let mut sets = |wanted: &Option<Vec<Named>>, have: &[Ref]| -> (Vec<Group>, Vec<Ref>) {
        let Some(wanted) = wanted else {
            return (Vec::new(), Vec::new());
        };
        let wanted = resolve(wanted, &side.live.groups, side.name, out);
        let add = wanted
            .iter()
            .filter(|w| !have.iter().any(|h| h.id == w.id))
            .cloned()
            .collect();
        let remove = have
            .iter()
            .filter(|h| !wanted.iter().any(|w| w.id == h.id))
            .cloned()
            .collect();
        (add, remove)
    };
    let (add_groups, remove_groups) = sets(&account.groups, &user.groups);
    let (add_roles, remove_roles) = sets(&account.roles, &user.roles);
    if out.problems.len() > before {
        return;
    }
    patch.add_groups = add_groups.iter().map(|g| g.id.clone()).collect();
    patch.remove_groups = remove_groups.iter().map(|g| g.id.clone()).collect();
    patch.add_roles = add_roles.iter().map(|g| g.id.clone()).collect();
    patch.remove_roles = remove_roles.iter().map(|g| g.id.clone()).collect();
    if patch.is_empty() {
        return;
    }
    let name = |r: Ref| r.name.unwrap_or(r.id);
    out.planned.push(Planned {
        change: Change {
            profile: side.name.to_string(),
            email: person.email.clone(),
            line: person.line,
            action: ChangeKind::Update,
            id: Some(user.id.clone()),
            fields,
            add_groups: add_groups.into_iter().map(|g| g.name).collect(),
            remove_groups: remove_groups.into_iter().map(name).collect(),
            add_roles: add_roles.into_iter().map(|g| g.name).collect(),
            remove_roles: remove_roles.into_iter().map(name).collect(),
            reason: None,
        },
        work: Work::Update {
            id: user.id.clone(),
            patch: Box::new(patch),
        },
    });
}

/// Deactivate, or delete where the vendor cannot deactivate (or `delete` asks for it and the
/// vendor can). Never the profile's own login.
fn remove(
    (line, email): (u64, &str),
    user: &User,
    delete: bool,
    reason: String,
    side: &Side<'_>,
    caps: Capabilities,
    out: &mut Diffed,
) {
    let email = email.to_string();
    if side.live.own.as_ref().is_some_and(|own| own.is(user)) {
        out.notes.push(format!(
            "{}: {email} is the account profile `{}` signs in as; left alone",
            side.name, side.name
        ));
        return;
    }
    let deleting = (delete && caps.delete) || !caps.deactivate;
    let action = if deleting && caps.delete {
        ChangeKind::Delete
    } else if caps.deactivate {
        if user.status == Status::Inactive {
            return;
        }
        ChangeKind::Deactivate
    } else {
        return;
    };
    let work = match action {
        ChangeKind::Delete => Work::Delete {
            id: user.id.clone(),
        },
        _ => Work::SetActive {
            id: user.id.clone(),
            active: false,
        },
    };
    out.planned.push(Planned {
        change: Change {
            profile: side.name.to_string(),
            email,
            line,
            action,
            id: Some(user.id.clone()),
            fields: Vec::new(),
            add_groups: Vec::new(),
            remove_groups: Vec::new(),
            add_roles: Vec::new(),
            remove_roles: Vec::new(),
            reason: Some(reason),
        },
        work,
    });
}

#[cfg(test)]
mod tests;
