//! Group creates and deletes whose answer was lost: the group list is read again, and only
//! what the vendor shows is reported.

use crate::commands::users::outcome::{lookup_failed, still, Failed, Settled};
use crate::context::Target;
use crate::model::Group;
use crate::providers::ProviderError;

type Outcome<T> = Result<Settled<T>, Failed>;

/// Create the group `name`, never blindly twice: after a lost answer the list is read, and a
/// group of that name is the one this request created.
pub(crate) async fn create(
    target: &Target,
    name: &str,
    description: Option<&str>,
) -> Outcome<Group> {
    let error = match target.provider.create_group(name, description).await {
        Ok(g) => return Ok(Settled::Done(g)),
        Err(ProviderError::DryRun) => return Ok(Settled::DryRun),
        Err(e) if e.outcome_unknown() => e,
        Err(e) => return Err(e.into()),
    };
    match target.provider.list_groups().await {
        Ok(groups) => match groups.into_iter().find(|g| g.name == name) {
            Some(value) => Ok(Settled::Confirmed {
                value,
                lost: error.to_string(),
            }),
            None => Err(still(
                error,
                "looked the name up afterwards: no such group, so it was not created",
            )),
        },
        Err(lookup) => Err(lookup_failed(error, lookup)),
    }
}

/// Delete `group`. A lost answer, or a 404 (a retried DELETE meeting its own first attempt),
/// is settled by reading the list: `Confirmed` only when the group is gone.
pub(crate) async fn delete(target: &Target, group: &Group) -> Outcome<()> {
    let error = match target.provider.delete_group(&group.id).await {
        Ok(()) => return Ok(Settled::Done(())),
        Err(ProviderError::DryRun) => return Ok(Settled::DryRun),
        Err(e) if e.outcome_unknown() || matches!(e, ProviderError::NotFound { .. }) => e,
        Err(e) => return Err(e.into()),
    };
    match target.provider.list_groups().await {
        Ok(groups) if groups.iter().any(|g| g.id == group.id) => Err(still(
            error,
            "looked up afterwards, the group is still there: not deleted",
        )),
        Ok(_) => Ok(Settled::Confirmed {
            value: (),
            lost: error.to_string(),
        }),
        Err(lookup) => Err(lookup_failed(error, lookup)),
    }
}
