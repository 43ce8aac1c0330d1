//! Running the tasks: every profile in parallel; inside one, as many requests in flight as
//! `--concurrency` allows, paced by the profile's client, each outcome journaled as it lands.

use std::sync::Arc;

use indicatif::ProgressBar;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;

use super::journal::{Entry, Event, Journal};
use super::plan::{Task, Work};
use super::{Action, Outcome};
use crate::context::Target;
use crate::model::User;
use crate::providers::ProviderError;

/// How many times a create whose outcome is unknown is looked up and tried again.
const CREATE_ATTEMPTS: u32 = 5;

pub struct Runner {
    pub concurrency: usize,
    pub dry_run: bool,
    pub journal: Option<Arc<Journal>>,
    /// Becomes true on Ctrl-C: stop dispatching, let in-flight requests finish.
    pub cancel: watch::Receiver<bool>,
}

impl Runner {
    /// Run one profile's tasks; returns one outcome per task.
    pub async fn run_profile(
        &self,
        target: Arc<Target>,
        tasks: Vec<Task>,
        bar: Option<ProgressBar>,
    ) -> Vec<Outcome> {
        let limit = Arc::new(Semaphore::new(self.concurrency.max(1)));
        let mut in_flight = JoinSet::new();
        let mut outcomes = Vec::with_capacity(tasks.len());
        let mut failures = 0u64;
        let mut land = |o: Outcome, outcomes: &mut Vec<Outcome>| {
            if o.action == Action::Failed {
                failures += 1;
            }
            if let Some(b) = &bar {
                b.inc(1);
                if failures > 0 {
                    b.set_message(format!("{failures} failed"));
                }
            }
            outcomes.push(o);
        };
        for task in tasks {
            let profile = target.profile.name.clone();
            if let Work::Settled {
                action,
                id,
                error,
                resumed,
            } = &task.work
            {
                let o = outcome(&task, &profile, *action, id.clone(), error.clone());
                land(
                    Outcome {
                        resumed: *resumed,
                        ..o
                    },
                    &mut outcomes,
                );
                continue;
            }
            if *self.cancel.borrow() {
                land(
                    outcome(&task, &profile, Action::NotRun, None, None),
                    &mut outcomes,
                );
                continue;
            }
            // Wait for a free slot, collecting whatever finished meanwhile.
            let permit = loop {
                match limit.clone().try_acquire_owned() {
                    Ok(p) => break Some(p),
                    Err(_) => {
                        if let Some(Ok(o)) = in_flight.join_next().await {
                            land(o, &mut outcomes);
                        }
                    }
                }
                if *self.cancel.borrow() {
                    break None;
                }
            };
            let Some(permit) = permit else {
                land(
                    outcome(&task, &profile, Action::NotRun, None, None),
                    &mut outcomes,
                );
                continue;
            };
            let target = target.clone();
            let journal = self.journal.clone();
            let dry_run = self.dry_run;
            in_flight.spawn(async move {
                let o = execute(&target, &task, journal.as_deref(), dry_run).await;
                drop(permit);
                o
            });
        }
        while let Some(done) = in_flight.join_next().await {
            if let Ok(o) = done {
                land(o, &mut outcomes);
            }
        }
        if let Some(b) = bar {
            b.finish();
        }
        outcomes.sort_by_key(|o| o.line);
        outcomes
    }
}

fn outcome(
    task: &Task,
    profile: &str,
    action: Action,
    id: Option<String>,
    error: Option<String>,
) -> Outcome {
    Outcome {
        line: task.line,
        profile: profile.to_string(),
        email: task.email.clone(),
        action,
        id,
        error,
        password: None,
        resumed: false,
    }
}

/// One task's requests, journaled: `start` before a create is sent, `done` after.
async fn execute(
    target: &Target,
    task: &Task,
    journal: Option<&Journal>,
    dry_run: bool,
) -> Outcome {
    let profile = target.profile.name.as_str();
    let entry = |event, action: Option<Action>, id: Option<String>, error: Option<String>| Entry {
        line: task.line,
        profile: profile.to_string(),
        email: task.email.clone(),
        event,
        action: action.map(|a| a.as_str().to_string()),
        id,
        error,
    };
    let record = |e: Entry| {
        if let Some(j) = journal {
            // A journal that cannot be written must not pass silently: the run stays correct
            // (the vendor is the truth on resume) but the operator should know.
            if let Err(err) = j.record(&e) {
                eprintln!("warning: cannot write the journal: {err}");
            }
        }
    };
    let (action, result) = match &task.work {
        Work::Settled { action, id, .. } => (*action, Ok(id.clone())),
        Work::Create(new) if dry_run => {
            let _ = new;
            (Action::WouldCreate, Ok(None))
        }
        Work::Update { id, .. } if dry_run => (Action::WouldUpdate, Ok(Some(id.clone()))),
        Work::Create(new) => {
            record(entry(Event::Start, None, None, None));
            let r = create(target, new).await.map(|u| Some(u.id));
            let mut o = finish(task, profile, Action::Created, r);
            record(entry(
                Event::Done,
                Some(o.action),
                o.id.clone(),
                o.error.clone(),
            ));
            if o.action == Action::Created {
                o.password = new.password.as_ref().map(|p| p.expose().to_string());
            }
            return o;
        }
        Work::Update { id, patch } => {
            let r = target
                .provider
                .update_user(id, patch)
                .await
                .map(|u| Some(u.id));
            let o = finish(task, profile, Action::Updated, r);
            record(entry(
                Event::Done,
                Some(o.action),
                o.id.clone(),
                o.error.clone(),
            ));
            return o;
        }
    };
    finish(task, profile, action, result)
}

fn finish(
    task: &Task,
    profile: &str,
    action: Action,
    result: Result<Option<String>, ProviderError>,
) -> Outcome {
    match result {
        Ok(id) => outcome(task, profile, action, id, None),
        Err(e) => outcome(task, profile, Action::Failed, None, Some(e.to_string())),
    }
}

/// Create, never blindly twice: when the request went out and no clear answer came back, look
/// the email up and create only if it is still absent.
async fn create(target: &Target, new: &crate::model::NewUser) -> Result<User, ProviderError> {
    let mut last = None;
    for attempt in 1..=CREATE_ATTEMPTS {
        match target.provider.create_user(new).await {
            Ok(u) => return Ok(u),
            // A conflict on a retry is our own earlier attempt having landed.
            Err(ProviderError::Conflict { .. }) if attempt > 1 => {}
            Err(e) if outcome_known(&e) => return Err(e),
            Err(e) => last = Some(e),
        }
        match target.provider.find_user_by_email(&new.email).await {
            Ok(Some(u)) => return Ok(u),
            Ok(None) => {}
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| ProviderError::protocol("create failed")))
}

/// The vendor answered clearly: the user was not created, and sending the same create again
/// would get the same answer. Any definitive 4xx is such an answer (400, 404, 409, 413, 422,
/// ...); only 408 and 429 say "try again".
fn outcome_known(e: &ProviderError) -> bool {
    match e {
        ProviderError::Unauthorized { .. }
        | ProviderError::Forbidden { .. }
        | ProviderError::NotFound { .. }
        | ProviderError::Conflict { .. }
        | ProviderError::Invalid { .. }
        | ProviderError::BadInput { .. }
        | ProviderError::Unsupported { .. }
        | ProviderError::RateLimited { .. }
        | ProviderError::WrongUrl { .. }
        | ProviderError::OwnAccount { .. }
        | ProviderError::DryRun => true,
        ProviderError::Http { status, .. } => {
            (400..500).contains(status) && !matches!(status, 408 | 429)
        }
        ProviderError::Unavailable { .. }
        | ProviderError::Protocol { .. }
        | ProviderError::Network { .. } => false,
    }
}
