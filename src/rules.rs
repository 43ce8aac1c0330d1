//! Value rules shared by the verbs and bulk work: email shape, group matching, passwords.

use crate::error::{Error, ErrorKind, Result};
use crate::model::Group;
use crate::secret::Secret;

/// A cheap shape check; the vendor has the last word.
pub(crate) fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// One name or id against the known groups.
pub(crate) fn match_group(known: &[Group], wanted: &str) -> Result<String> {
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

/// A strong random password from the OS generator: 20 characters from letters, digits and
/// symbols, with at least one of each class.
pub(crate) fn generate_password() -> Result<Secret> {
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGIT: &[u8] = b"23456789";
    const SYMBOL: &[u8] = b"!#%+-=?@^_";
    let all: Vec<u8> = [LOWER, UPPER, DIGIT, SYMBOL].concat();
    // 256 is not a multiple of the alphabet: bytes in the biased top of the range are skipped.
    let limit = 256 / all.len() * all.len();
    loop {
        let mut pw = String::with_capacity(20);
        while pw.len() < 20 {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes)
                .map_err(|e| Error::failure(format!("no random source: {e}")))?;
            pw.extend(
                bytes
                    .iter()
                    .filter(|b| usize::from(**b) < limit)
                    .map(|b| all[usize::from(*b) % all.len()] as char)
                    .take(20 - pw.len()),
            );
        }
        let has = |set: &[u8]| pw.bytes().any(|c| set.contains(&c));
        if has(LOWER) && has(UPPER) && has(DIGIT) && has(SYMBOL) {
            return Ok(Secret::new(pw));
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

    #[test]
    fn email_shape() {
        assert!(looks_like_email("a.b@example.com"));
        assert!(!looks_like_email("a b@example.com"));
        assert!(!looks_like_email("example.com"));
        assert!(!looks_like_email("a@localhost"));
    }

    #[test]
    fn generated_passwords_are_strong_and_differ() {
        let a = generate_password().unwrap();
        let b = generate_password().unwrap();
        assert_eq!(a.expose().len(), 20);
        assert_ne!(a.expose(), b.expose());
    }
}
