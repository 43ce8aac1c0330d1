//! Writes whose answer was lost: the user is looked up, and only what the vendor shows is reported.

use crate::audit::TargetRef;
use crate::context::Target;
use crate::error::Error;
use crate::model::{NewUser, Status, User};
use crate::providers::ProviderError;

/// How a write ended, as far as the vendor shows it.
#[derive(Debug)]
pub(crate) enum Settled<T> {
    /// The vendor answered, and the answer says it is done.
    Done(T),
    /// The answer was lost (`lost` says how), and a look-up shows the change was applied.
    Confirmed { value: T, lost: String },
    /// `--dry-run`: shown, not sent.
    DryRun,
}

/// A write that did not happen, or whose outcome stays unknown.
#[derive(Debug)]
pub(crate) struct Failed {
    pub(crate) error: ProviderError,
    /// The answer was lost and the look-up failed too: the vendor may have applied the write.
    pub(crate) unknown: bool,
}

impl Failed {
    /// The error to report, its hint naming the profile.
    pub(crate) fn into_error(self, target: &Target) -> Error {
        (target.err())(self.error)
    }
}

impl From<ProviderError> for Failed {
    fn from(error: ProviderError) -> Self {
        Failed {
            error,
            unknown: false,
        }
    }
}

type Outcome<T> = Result<Settled<T>, Failed>;

/// Delete `user`. A lost answer, or a 404 (a retried DELETE meeting its own first attempt), is
/// settled by looking the user up: `Confirmed` only when the vendor no longer has them.
pub(crate) async fn delete(target: &Target, user: &User) -> Outcome<()> {
    let error = match target.provider.delete_user(&user.id).await {
        Ok(()) => return Ok(Settled::Done(())),
        Err(ProviderError::DryRun) => return Ok(Settled::DryRun),
        Err(e) if e.outcome_unknown() || matches!(e, ProviderError::NotFound { .. }) => e,
        Err(e) => return Err(e.into()),
    };
    let settled = |applied| target.audit.settled("delete", ref_of(user), applied);
    match target.provider.get_user(&user.id).await {
        Err(ProviderError::NotFound { .. }) => {
            settled(true);
            Ok(Settled::Confirmed {
                value: (),
                lost: error.to_string(),
            })
        }
        Ok(_) => Err(still(
            error,
            "looked up afterwards, the user is still there: not deleted",
        ))
        .inspect_err(|_| settled(false)),
        Err(lookup) => Err(lookup_failed(error, lookup)),
    }
}

/// Deactivate (`active` false) or reactivate `user`, and read the status back: the vendor's
/// answer, or after a lost answer a fresh look-up. Done only when the status is the one asked.
pub(crate) async fn set_active(target: &Target, user: &User, active: bool) -> Outcome<User> {
    let wanted = |u: &User| (u.status == Status::Inactive) != active;
    let state = if active { "inactive" } else { "active" };
    let error = match target.provider.set_active(&user.id, active).await {
        Ok(u) if wanted(&u) => return Ok(Settled::Done(u)),
        Ok(_) => {
            return Err(ProviderError::protocol(format!(
                "the vendor accepted the change but shows the user still {state}"
            ))
            .into())
        }
        Err(ProviderError::DryRun) => return Ok(Settled::DryRun),
        Err(e) if e.outcome_unknown() => e,
        Err(e) => return Err(e.into()),
    };
    let operation = if active { "reactivate" } else { "deactivate" };
    let settled = |applied| target.audit.settled(operation, ref_of(user), applied);
    match target.provider.get_user(&user.id).await {
        Ok(u) if wanted(&u) => {
            settled(true);
            Ok(Settled::Confirmed {
                value: u,
                lost: error.to_string(),
            })
        }
        Ok(_) => {
            settled(false);
            Err(still(
                error,
                &format!("looked up afterwards, the user is still {state}: not changed"),
            ))
        }
        Err(lookup) => Err(lookup_failed(error, lookup)),
    }
}

/// Create `new`, never blindly twice: after a lost answer the email is looked up, and the user
/// found is the one this request created.
pub(crate) async fn create(target: &Target, new: &NewUser) -> Outcome<User> {
    let error = match target.provider.create_user(new).await {
        Ok(u) => return Ok(Settled::Done(u)),
        Err(ProviderError::DryRun) => return Ok(Settled::DryRun),
        Err(e) if e.outcome_unknown() => e,
        Err(e) => return Err(e.into()),
    };
    match target.provider.find_user_by_email(&new.email).await {
        Ok(Some(u)) => {
            target.audit.settled("create", ref_of(&u), true);
            Ok(Settled::Confirmed {
                value: u,
                lost: error.to_string(),
            })
        }
        Ok(None) => {
            let email = Some(new.email.clone());
            target
                .audit
                .settled("create", TargetRef { id: None, email }, false);
            Err(still(
                error,
                "looked the email up afterwards: no such user, so it was not created",
            ))
        }
        Err(lookup) => Err(lookup_failed(error, lookup)),
    }
}

/// The user an audit line is about.
fn ref_of(user: &User) -> TargetRef {
    TargetRef {
        id: Some(user.id.clone()),
        email: user.email.clone(),
    }
}

/// The write's own error, with what the look-up found. The kind is kept: a 5xx stays worth
/// retrying (exit 75). A 404 to a delete of a user still listed is the vendor contradicting
/// itself.
pub(crate) fn still(error: ProviderError, found: &str) -> Failed {
    let error = match error {
        ProviderError::Protocol { message } | ProviderError::NotFound { message } => {
            ProviderError::Protocol {
                message: format!("{message}; {found}"),
            }
        }
        ProviderError::Network { message, hint } => ProviderError::Network {
            message: format!("{message}; {found}"),
            hint,
        },
        ProviderError::Unavailable { message } => ProviderError::Unavailable {
            message: format!("{message}; {found}"),
        },
        other => other,
    };
    Failed {
        error,
        unknown: false,
    }
}

/// Neither the write's answer nor the look-up came back: nobody knows, and the report says so.
pub(crate) fn lookup_failed(error: ProviderError, lookup: ProviderError) -> Failed {
    let message = format!(
        "{error}; the outcome is unknown: it may have been applied, and looking it up failed \
         too ({lookup})"
    );
    let error = match lookup {
        ProviderError::Unavailable { .. } | ProviderError::RateLimited { .. } => {
            ProviderError::Unavailable { message }
        }
        _ => ProviderError::Protocol { message },
    };
    Failed {
        error,
        unknown: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_keeps_the_kind_and_says_what_it_found() {
        let f = still(
            ProviderError::Unavailable {
                message: "HTTP 503".into(),
            },
            "the user is still there",
        );
        assert!(!f.unknown);
        assert!(matches!(f.error, ProviderError::Unavailable { .. }));
        assert!(f.error.to_string().contains("still there"));
        let f = still(ProviderError::not_found("no user with id 7"), "still there");
        assert!(
            matches!(f.error, ProviderError::Protocol { .. }),
            "not exit 5"
        );
        let f = lookup_failed(
            ProviderError::Network {
                message: "connection reset".into(),
                hint: None,
            },
            ProviderError::Unavailable {
                message: "HTTP 502".into(),
            },
        );
        assert!(f.unknown);
        assert!(f.error.to_string().contains("may have been applied"));
        assert_eq!(f.error.kind(), crate::error::ErrorKind::Temporary);
    }
}
