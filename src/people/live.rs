//! What a profile holds now: one listing of its users, its groups or roles when the file names
//! any, and the account its credentials sign in as. The vendors are the state.

use tokio::sync::watch;

use crate::context::Target;
use crate::model::{Group, User};
use crate::providers::{OwnAccount, ProviderError};

/// One profile as it is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Live {
    pub(crate) users: Vec<User>,
    /// Listed only when some person names a group or role there.
    pub(crate) groups: Vec<Group>,
    /// `None` when the vendor cannot tell (or the credentials are no user).
    pub(crate) own: Option<OwnAccount>,
}

/// Read one profile: every page of its users (in order, at the profile's pace), then its groups
/// if `groups`, then who it signs in as. Stops before the next request once `cancel` is set.
pub(crate) async fn read(
    target: &Target,
    groups: bool,
    cancel: &watch::Receiver<bool>,
) -> Result<Live, ProviderError> {
    let mut live = Live {
        users: crate::bulk::plan::every_user(target, cancel).await?,
        ..Live::default()
    };
    if groups {
        live.groups = target.provider.list_groups().await?;
    }
    live.own = target.provider.own_account().await?;
    Ok(live)
}
