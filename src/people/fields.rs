//! Fields and memberships of one account: what the file wants, what the vendor holds, and
//! group and role names resolved against the vendor's live list.

use super::diff::Diffed;
use super::file::{Account, Named, Person, ProfileInfo};
use crate::bulk::input::Problem;
use crate::model::{Group, User};

/// Who the account should be, field by field, as this vendor has them.
pub(super) fn wanted_fields(
    person: &Person,
    account: &Account,
    info: &ProfileInfo,
) -> Vec<(String, String)> {
    let mut wanted = Vec::new();
    for &f in info.fields {
        let value = account.fields.get(f).cloned().or_else(|| match f {
            "first_name" => person.first_name.clone(),
            "last_name" => person.last_name.clone(),
            // A vendor with one display name and no first and last names (Cradl).
            "name" if !info.fields.contains(&"first_name") => {
                User::joined_name(person.first_name.as_deref(), person.last_name.as_deref())
            }
            _ => None,
        });
        if let Some(v) = value {
            wanted.push((f.to_string(), v));
        }
    }
    wanted
}

pub(super) fn have_field(user: &User, field: &str) -> Option<String> {
    match field {
        "first_name" => user.first_name.clone(),
        "last_name" => user.last_name.clone(),
        "name" => user.display_name.clone(),
        "username" => user.username.clone(),
        other => user
            .extra
            .get(other)
            .and_then(|v| v.as_str())
            .map(str::to_string),
    }
}

/// Names to ids against the profile's list; an unknown name is a problem on its own line.
pub(super) fn resolve(
    names: &[Named],
    known: &[Group],
    profile: &str,
    out: &mut Diffed,
) -> Vec<Group> {
    let mut ids = Vec::new();
    for n in names {
        let hit = known
            .iter()
            .find(|g| g.id == n.name)
            .or_else(|| known.iter().find(|g| g.name.eq_ignore_ascii_case(&n.name)));
        match hit {
            Some(g) => ids.push(g.clone()),
            None => {
                let list: Vec<&str> = known.iter().map(|g| g.name.as_str()).collect();
                out.problems.push(Problem {
                    line: n.line,
                    column: None,
                    profile: Some(profile.to_string()),
                    message: format!("no group or role `{}`; known: {}", n.name, list.join(", ")),
                });
            }
        }
    }
    ids
}
