//! The resolve step between parsing and acting: user references and group names to ids.

use crate::context::Target;
use crate::error::{Error, Result};
use crate::model::User;
use crate::rules::match_group;

/// The user named by an id or an email (anything with an `@`).
pub(crate) async fn user(target: &Target, key: &str) -> Result<User> {
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
pub(crate) async fn groups(target: &Target, wanted: &[String]) -> Result<Vec<String>> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let known = target.provider.list_groups().await.map_err(target.err())?;
    wanted.iter().map(|w| match_group(&known, w)).collect()
}

/// Role ids for names or ids, where the vendor lists its roles; otherwise the ids as given
/// (Paradigm publishes no role list).
pub(crate) async fn roles(target: &Target, wanted: &[String]) -> Result<Vec<String>> {
    if wanted.is_empty() || !target.provider.capabilities().roles {
        return Ok(wanted.to_vec());
    }
    groups(target, wanted).await
}
