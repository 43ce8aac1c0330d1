//! One profile of an offboarding: look the person up and decide (the plan), then act on it.

use crate::context::Target;
use crate::model::{Status, User};
use crate::providers::ProviderError;

use super::super::outcome::{self, Settled};
use super::Offboarded;

/// What offboarding will do in one profile, decided from a look-up before anything is sent.
#[derive(Debug)]
pub(crate) enum Step {
    /// No account with that email.
    Absent,
    /// Inactive already, and not to be deleted: nothing to send.
    AlreadyInactive(User),
    /// Reversible.
    Deactivate(User),
    /// Cannot be undone.
    Delete(User),
    /// The look-up failed, or the vendor can do neither.
    Failed { id: Option<String>, error: String },
}

/// One profile's plan, and whether its account is the one the profile signs in as.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) step: Step,
    pub(crate) own_account: bool,
}

impl Step {
    /// How the confirmation names it: the action, and whether it can be undone.
    pub(crate) fn describe(&self) -> String {
        match self {
            Step::Absent => "no account".into(),
            Step::AlreadyInactive(_) => "already inactive: nothing to send".into(),
            Step::Deactivate(_) => "deactivate (reversible)".into(),
            Step::Delete(_) => "delete (cannot be undone)".into(),
            Step::Failed { error, .. } => format!("cannot offboard: {error}"),
        }
    }

    pub(crate) fn user(&self) -> Option<&User> {
        match self {
            Step::AlreadyInactive(u) | Step::Deactivate(u) | Step::Delete(u) => Some(u),
            Step::Absent | Step::Failed { .. } => None,
        }
    }

    /// A write will be sent for it.
    pub(crate) fn sends(&self) -> bool {
        matches!(self, Step::Deactivate(_) | Step::Delete(_))
    }
}

/// Find the person in one profile and decide: an account already inactive is left alone
/// (unless `delete` asks for deletion and the vendor allows it); else deactivate where the vendor can (unless `delete` asks for deletion
/// and the vendor allows it), else delete.
pub(crate) async fn look_up(target: &Target, email: &str, delete: bool, allow_self: bool) -> Plan {
    let failed = |id: Option<String>, e: ProviderError| Plan {
        step: Step::Failed {
            id,
            error: e.to_string(),
        },
        own_account: false,
    };
    let user = match target.provider.find_user_by_email(email).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return Plan {
                step: Step::Absent,
                own_account: false,
            }
        }
        Err(e) => return failed(None, e),
    };
    let caps = target.provider.capabilities();
    let deletes = delete && caps.delete;
    let step = if user.status == Status::Inactive && caps.deactivate && !deletes {
        // Deactivating is the plan and signing in is already blocked: the goal is met without
        // a write. Where offboarding deletes, an inactive account still exists and is deleted.
        Step::AlreadyInactive(user)
    } else if caps.deactivate && !deletes {
        Step::Deactivate(user)
    } else if caps.delete {
        Step::Delete(user)
    } else {
        let e = ProviderError::unsupported(target.profile.kind.name(), "offboarding", None);
        return failed(Some(user.id), e);
    };
    let own_account = match (&step, allow_self) {
        (Step::Deactivate(u) | Step::Delete(u), false) => {
            match target.provider.own_account().await {
                Ok(own) => own.is_some_and(|own| own.is(u)),
                Err(e) => return failed(Some(u.id.clone()), e),
            }
        }
        _ => false,
    };
    Plan { step, own_account }
}

/// Carry out one profile's plan. Returns the result row, and a note when an answer was lost and
/// a look-up settled it.
pub(crate) async fn act(target: &Target, email: &str, step: Step) -> (Offboarded, Option<String>) {
    let mut row = Offboarded {
        profile: target.profile.name.clone(),
        provider: target.profile.kind.name().to_string(),
        email: email.to_string(),
        action: "absent".into(),
        id: step.user().map(|u| u.id.clone()),
        error: None,
    };
    let (settled, verb) = match step {
        Step::Absent => return (row, None),
        Step::AlreadyInactive(_) => {
            row.action = "already-inactive".into();
            return (row, None);
        }
        Step::Failed { id, error } => {
            row.action = "failed".into();
            row.id = id;
            row.error = Some(error);
            return (row, None);
        }
        Step::Deactivate(user) => {
            let done = outcome::set_active(target, &user, false).await;
            (done.map(|s| lost(s.map_value())), "deactivate")
        }
        Step::Delete(user) => (outcome::delete(target, &user).await.map(lost), "delete"),
    };
    let mut note = None;
    match settled {
        Ok(Lost::DryRun) => row.action = format!("would-{verb}"),
        Ok(Lost::No) => row.action = format!("{verb}d"),
        Ok(Lost::Yes(how)) => {
            row.action = format!("{verb}d");
            note = Some(format!(
                "{}: the answer to the {verb} was unclear ({how}); looked up afterwards, it \
                 is done",
                row.profile
            ));
        }
        Err(f) => {
            row.action = "failed".into();
            row.error = Some(f.error.to_string());
        }
    }
    (row, note)
}

/// Whether a settled write's answer had been lost, and how.
enum Lost {
    No,
    Yes(String),
    DryRun,
}

fn lost(settled: Settled<()>) -> Lost {
    match settled {
        Settled::Done(()) => Lost::No,
        Settled::Confirmed { lost, .. } => Lost::Yes(lost),
        Settled::DryRun => Lost::DryRun,
    }
}

impl<T> Settled<T> {
    /// The same outcome without its value.
    fn map_value(self) -> Settled<()> {
        match self {
            Settled::Done(_) => Settled::Done(()),
            Settled::Confirmed { lost, .. } => Settled::Confirmed { value: (), lost },
            Settled::DryRun => Settled::DryRun,
        }
    }
}
