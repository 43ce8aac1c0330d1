//! The resolve step between parsing and acting: user references and group names to ids.

use crate::context::Target;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Group, User};

/// The user named by an id or an email (anything with an `@`).
pub async fn user(target: &Target, key: &str) -> Result<User> {
    let key = key.trim();
    if key.is_empty() {
        return Err(Error::usage("the user id or email is empty"));
    }
    if key.contains('@') {
        target
            .provider
            .find_user_by_email(key)
            .await
            .map_err(target.err())?
            .ok_or_else(|| {
                Error::not_found(format!("{}: no user with email {key}", target.profile.name))
            })
    } else {
        target.provider.get_user(key).await.map_err(target.err())
    }
}

/// Group (or role) ids for names or ids: exact id first, then a case-insensitive exact name.
/// Lists the vendor's groups once, and only when something needs resolving.
pub async fn groups(target: &Target, wanted: &[String]) -> Result<Vec<String>> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let known = target.provider.list_groups().await.map_err(target.err())?;
    wanted.iter().map(|w| match_group(&known, w)).collect()
}

/// Role ids for names or ids, where the vendor lists its roles; otherwise the ids as given
/// (Paradigm publishes no role list).
pub async fn roles(target: &Target, wanted: &[String]) -> Result<Vec<String>> {
    if wanted.is_empty() || !target.provider.capabilities().roles {
        return Ok(wanted.to_vec());
    }
    groups(target, wanted).await
}

/// One name or id against the known groups.
pub fn match_group(known: &[Group], wanted: &str) -> Result<String> {
    let wanted = wanted.trim();
    if let Some(g) = known.iter().find(|g| g.id == wanted) {
        return Ok(g.id.clone());
    }
    let matches: Vec<&Group> = known
        .iter()
        .filter(|g| g.name.eq_ignore_ascii_case(wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => {
            let names: Vec<String> = known
                .iter()
                .map(|g| format!("{} ({})", g.name, g.id))
                .collect();
            Err(Error::new(
                ErrorKind::NotFound,
                format!("no group or role named `{wanted}`"),
            )
            .with_hint(format!(
                "known: {}",
                if names.is_empty() {
                    "(none)".into()
                } else {
                    names.join(", ")
                }
            )))
        }
        many => {
            let ids: Vec<String> = many
                .iter()
                .map(|g| format!("{} ({})", g.name, g.id))
                .collect();
            Err(
                Error::usage(format!("`{wanted}` is ambiguous: {}", ids.join(", ")))
                    .with_hint("pass the id instead"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GroupKind;

    fn g(id: &str, name: &str) -> Group {
        Group {
            profile: "p".into(),
            provider: "paradigm".into(),
            id: id.into(),
            name: name.into(),
            kind: GroupKind::Group,
            description: None,
        }
    }

    #[test]
    fn names_match_case_insensitively_and_ids_exactly() {
        let known = [g("1", "Engineering"), g("2", "Sales"), g("3", "sales")];
        assert_eq!(match_group(&known, "engineering").unwrap(), "1");
        assert_eq!(match_group(&known, "2").unwrap(), "2");
        let e = match_group(&known, "SALES").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("Sales (2)") && e.to_string().contains("sales (3)"));
        let e = match_group(&known, "Ops").unwrap_err();
        assert_eq!(e.exit_code(), 5);
        assert!(e.hint().unwrap().contains("Engineering (1)"));
    }
}
