//! Checking every row against every profile it goes to, with the rules `users create` applies,
//! before anything is written.

use std::collections::HashMap;
use std::sync::Arc;

use super::input::{InputRow, Problem};
use crate::context::Target;
use crate::error::{Error, Result};
use crate::model::{Group, NewUser};
use crate::providers::Derived;
use crate::rules::generate_password;
use crate::rules::match_group;

/// A row ready for planning: the user to create in each of its target profiles.
pub(crate) struct Checked {
    pub(crate) row: InputRow,
    pub(crate) per_target: Vec<(usize, NewUser)>,
}

/// Every row checked against the profiles it goes to.
pub(crate) struct Validated {
    pub(crate) checked: Vec<Checked>,
    pub(crate) problems: Vec<Problem>,
    /// What a vendor derived for a blank field (Paradigm's username): line, profile, value.
    pub(crate) derived: Vec<(u64, String, Derived)>,
}

/// Check every row against every profile it goes to, with the same rules `users create`
/// applies (the provider's own completion and validation). Lists groups once per profile, and
/// only when some row names a group or role.
pub(crate) async fn validate(
    rows: Vec<InputRow>,
    targets: &[Arc<Target>],
    generate_passwords: bool,
) -> Result<Validated> {
    let names: Vec<&str> = targets.iter().map(|t| t.profile.name.as_str()).collect();
    let routes = |row: &InputRow| -> Option<Vec<usize>> {
        match &row.profile {
            Some(p) => names.iter().position(|n| n == p).map(|i| vec![i]),
            None => Some((0..targets.len()).collect()),
        }
    };
    // A password is a flag's business, not a row's: say it once, naming the flag that works in
    // an import (`--password-stdin` reads one password, for one user).
    if !generate_passwords {
        for (i, t) in targets.iter().enumerate() {
            let used = rows
                .iter()
                .any(|r| routes(r).is_some_and(|to| to.contains(&i)));
            if used && t.profile.kind.needs_password() {
                return Err(Error::usage(format!(
                    "profile `{}` ({}) needs a password for each new user",
                    t.profile.name, t.profile.kind
                ))
                .with_hint(
                    "pass --generate-password: each new user gets a strong one, shown once in \
                     the results (a password column is refused)",
                ));
            }
        }
    }
    let mut problems = Vec::new();
    let mut derived = Vec::new();
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
    let mut seen: HashMap<(usize, String), u64> = HashMap::new();
    let mut checked = Vec::new();
    for row in rows {
        let Some(wanted) = routes(&row) else {
            let p = row.profile.as_deref().unwrap_or_default();
            problems.push(Problem::new(
                row.line,
                Some("profile"),
                format!(
                    "`{p}` is not one of the profiles run: {} (without --profile the column \
                     chooses the profiles; to import into others, drop the column)",
                    names.join(", ")
                ),
            ));
            continue;
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
            let mut resolve = |column: &str, names: &[String], listed: bool| -> Vec<String> {
                names
                    .iter()
                    .filter_map(|n| {
                        if !listed {
                            return Some(exported_id(n));
                        }
                        match resolve_ref(known, n) {
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
            let password = if generate_passwords && target.profile.kind.needs_password() {
                Some(generate_password()?)
            } else {
                None
            };
            // Every column the row fills goes to the vendor, which refuses what it does not
            // have: the same row means the same thing here and in `users create`.
            let mut new = NewUser {
                email: row.email.clone(),
                username: row.username.clone(),
                first_name: row.first_name.clone(),
                last_name: row.last_name.clone(),
                name: row.name.clone(),
                description: row.description.clone(),
                phone: row.phone.clone(),
                password,
                groups: group_ids,
                roles: role_ids,
                language: row.language.clone(),
                ..NewUser::default()
            };
            for d in target.provider.complete_new_user(&mut new) {
                derived.push((row.line, target.profile.name.clone(), d));
            }
            if let Err(e) = target.provider.validate_new_user(&new) {
                problems.push(at(None, e.to_string()));
                continue;
            }
            per_target.push((i, new));
        }
        checked.push(Checked { row, per_target });
    }
    Ok(Validated {
        checked,
        problems,
        derived,
    })
}

/// A group or role as a file names it: an id, a name, or `ID:NAME` as `users list -o csv`
/// writes them (the id where this profile has it, else the name).
fn resolve_ref(known: &[Group], value: &str) -> Result<String> {
    let whole = match_group(known, value);
    if whole.is_ok() {
        return whole;
    }
    let splits: Vec<usize> = value.match_indices(':').map(|(i, _)| i).collect();
    for &i in &splits {
        if let Some(g) = known.iter().find(|g| g.id == value[..i]) {
            return Ok(g.id.clone());
        }
    }
    for &i in &splits {
        if let Ok(id) = match_group(known, &value[i + 1..]) {
            return Ok(id);
        }
    }
    whole
}

/// A role of a vendor that publishes no role list (Paradigm) is an id; an exported `ID:NAME`
/// keeps its id.
fn exported_id(value: &str) -> String {
    match value.split_once(':') {
        Some((id, _)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => id.into(),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GroupKind;

    fn g(id: &str, name: &str) -> Group {
        Group {
            profile: "p".into(),
            provider: "cradl".into(),
            id: id.into(),
            name: name.into(),
            kind: GroupKind::Role,
            description: None,
        }
    }

    #[test]
    fn exported_group_and_role_values_resolve() {
        let known = [
            g("1", "Engineering"),
            g("las:role:9", "Viewer"),
            g("7", "Ops: EU"),
        ];
        assert_eq!(resolve_ref(&known, "engineering").unwrap(), "1");
        assert_eq!(resolve_ref(&known, "1:Engineering").unwrap(), "1");
        assert_eq!(
            resolve_ref(&known, "las:role:9:Viewer").unwrap(),
            "las:role:9"
        );
        // Exported from another tenant: the id is unknown here, the name is not.
        assert_eq!(resolve_ref(&known, "42:Engineering").unwrap(), "1");
        assert_eq!(resolve_ref(&known, "Ops: EU").unwrap(), "7");
        let e = resolve_ref(&known, "42:Nope").unwrap_err();
        assert!(e.to_string().contains("`42:Nope`"), "{e}");
        assert_eq!(exported_id("2:Member"), "2");
        assert_eq!(exported_id("2"), "2");
        assert_eq!(exported_id("admin:x"), "admin:x");
    }
}
