//! Amani's rules checked before anything is sent: ids, passwords, fields it does not have.

use crate::model::NewUser;
use crate::providers::ProviderError;
use crate::secret::Secret;

/// Decided with the vendor README: Amani refuses shorter passwords.
const MIN_PASSWORD_CHARS: usize = 8;

/// Every rule Amani is known to enforce on a new user.
pub(super) fn check_new_user(user: &NewUser) -> Result<(), ProviderError> {
    check_password(user)?;
    if let Some(name) = &user.username {
        if !name.eq_ignore_ascii_case(&user.email) {
            return Err(ProviderError::bad_input(
                "amani usernames are the email; leave out --username",
            ));
        }
    }
    refuse_foreign(&[
        ("display name (--name)", user.name.is_some()),
        ("description", user.description.is_some()),
        ("language", user.language.is_some()),
        ("expiry date", user.expires.is_some()),
        ("vendor-only fields (--set)", !user.extra.is_empty()),
    ])?;
    role_ids(user.groups.iter().chain(&user.roles)).map(|_| ())
}

/// `/api/v2/user/{uuid}`; anything but a uuid cannot name an Amani user (and must not reach
/// the path unescaped).
pub(super) fn user_path(id: &str) -> Result<String, ProviderError> {
    let id = id.trim();
    let uuid = id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if uuid {
        Ok(format!("/api/v2/user/{id}"))
    } else {
        Err(ProviderError::not_found(format!(
            "no user with id {id} (amani user ids are UUIDs)"
        )))
    }
}

/// Role (permission group) ids are integers on the wire.
pub(super) fn role_ids<'a>(
    ids: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<u64>, ProviderError> {
    let mut out = Vec::new();
    for i in ids {
        let id = i.trim().parse::<u64>().map_err(|_| {
            ProviderError::bad_input(format!("amani role ids are numbers; got `{i}`"))
        })?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// Fields roster has but Amani users do not: refused before anything is sent.
pub(super) fn refuse_foreign(given: &[(&str, bool)]) -> Result<(), ProviderError> {
    match given.iter().find(|(_, present)| *present) {
        Some((what, _)) => Err(ProviderError::bad_input(format!(
            "amani users have no {what}"
        ))),
        None => Ok(()),
    }
}

/// Create's password rules, checked before sending so that a typo costs no request.
pub(super) fn check_password(user: &NewUser) -> Result<&Secret, ProviderError> {
    let password = user.password.as_ref().ok_or_else(|| {
        ProviderError::bad_input(
            "amani needs a password for the new user: pass --password-stdin (one line on stdin) \
             or --generate-password",
        )
    })?;
    if password.expose().chars().count() < MIN_PASSWORD_CHARS {
        return Err(ProviderError::bad_input(format!(
            "amani passwords have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    Ok(password)
}
