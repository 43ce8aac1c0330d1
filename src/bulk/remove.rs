//! Deleting and deactivating accounts in a bulk run (`roster apply`): an answer that is lost
//! is looked up by id before it is reported, never taken for success or failure.

use super::Action;
use crate::context::Target;
use crate::model::Status;
use crate::providers::ProviderError;

/// What became of one removal: the action, or the error to report.
pub(crate) type Removal = Result<Action, String>;

/// Delete `id`. A lost answer is settled by looking the id up: gone means deleted. A 404 on a
/// delete is the same: the account is gone (perhaps by an earlier attempt).
pub(crate) async fn delete(target: &Target, id: &str) -> Option<Removal> {
    match target.provider.delete_user(id).await {
        Ok(()) | Err(ProviderError::NotFound { .. }) => Some(Ok(Action::Deleted)),
        Err(ProviderError::Interrupted { .. }) => None,
        Err(e) if e.outcome_unknown() => Some(match target.provider.get_user(id).await {
            Err(ProviderError::NotFound { .. }) => Ok(Action::Deleted),
            Ok(_) => Err(format!("{e}; the account is still there")),
            Err(again) => Err(format!(
                "{e}; the outcome is unknown ({again}): the next apply plans it again if needed"
            )),
        }),
        Err(e) => Some(Err(e.to_string())),
    }
}

/// Deactivate (`active = false`) or reactivate `id`, a lost answer settled by reading the
/// account back.
pub(crate) async fn set_active(target: &Target, id: &str, active: bool) -> Option<Removal> {
    let done = if active {
        Action::Updated
    } else {
        Action::Deactivated
    };
    match target.provider.set_active(id, active).await {
        Ok(_) => Some(Ok(done)),
        Err(ProviderError::Interrupted { .. }) => None,
        Err(e) if e.outcome_unknown() => Some(match target.provider.get_user(id).await {
            Ok(u) if (u.status == Status::Inactive) != active => Ok(done),
            Ok(_) => Err(format!("{e}; the account is unchanged")),
            Err(again) => Err(format!(
                "{e}; the outcome is unknown ({again}): the next apply plans it again if needed"
            )),
        }),
        Err(e) => Some(Err(e.to_string())),
    }
}
