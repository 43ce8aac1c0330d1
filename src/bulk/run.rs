//! Running the tasks: every profile in parallel; inside one, as many requests in flight as
//! `--concurrency` allows, paced by the profile's client, each outcome journaled as it lands.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use indicatif::ProgressBar;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;

use super::interrupt::Interrupts;
use super::journal::{Entry, Event, Journal, JournalLock};
use super::plan::{Task, Work};
use super::{progress, Action, Outcome};
use crate::context::Target;
use crate::error::{Error, Result};
use crate::model::User;
use crate::providers::ProviderError;
use crate::terminal::Terminal;

/// How many times a create whose outcome is unknown is looked up and tried again.
const CREATE_ATTEMPTS: u32 = 5;

pub(crate) struct Runner {
    pub(crate) concurrency: usize,
    pub(crate) dry_run: bool,
    pub(crate) journal: Option<Arc<Journal>>,
    /// Where the run's warnings go (silenced by `--quiet`).
    pub(crate) terminal: Terminal,
    /// Becomes true on Ctrl-C: dispatch nothing more, let the requests in flight finish.
    pub(crate) cancel: watch::Receiver<bool>,
    /// Every outcome as it lands, so a second Ctrl-C can still show what finished.
    pub(crate) landed: Arc<Mutex<Vec<Outcome>>>,
}

/// Open the journal a run was given the lock of, or say which file could not be opened.
pub(crate) fn open_journal(path: &Path, lock: JournalLock) -> Result<Arc<Journal>> {
    Journal::open(path, lock).map(Arc::new).map_err(|e| {
        Error::failure(format!("cannot open the journal {}", path.display())).with_source(e)
    })
}

impl Runner {
    /// A runner for one bulk run (`users import`, `apply`), wired to the Ctrl-C handler: a
    /// second Ctrl-C still writes what landed to the report (`--report` and whether `--force`
    /// may replace it) and leaves the journal whole.
    pub(crate) fn start(
        concurrency: u16,
        dry_run: bool,
        journal: Option<Arc<Journal>>,
        terminal: Terminal,
        interrupts: &Interrupts,
        report: Option<(PathBuf, bool)>,
    ) -> Arc<Runner> {
        let runner = Arc::new(Runner {
            concurrency: usize::from(concurrency),
            dry_run,
            journal: journal.clone(),
            terminal,
            cancel: interrupts.cancel.clone(),
            landed: Default::default(),
        });
        if let Ok(mut s) = interrupts.salvage.lock() {
            s.journal = journal;
            s.landed = runner.landed.clone();
            s.report = report;
        }
        runner
    }

    /// Add outcomes decided without a request (rows skipped as invalid) to what landed.
    pub(crate) fn land(&self, outcomes: &[Outcome]) {
        if let Ok(mut landed) = self.landed.lock() {
            landed.extend(outcomes.iter().cloned());
        }
    }

    /// Every outcome that landed, in no particular order.
    pub(crate) fn outcomes(&self) -> Vec<Outcome> {
        self.landed.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Run one profile's tasks; each outcome lands in `landed`.
    pub(crate) async fn run_profile(
        &self,
        target: Arc<Target>,
        tasks: Vec<Task>,
        bar: Option<ProgressBar>,
    ) {
        let limit = Arc::new(Semaphore::new(self.concurrency.max(1)));
        let mut in_flight = JoinSet::new();
        let mut failures = 0u64;
        let mut stopping = false;
        let mut land = |o: Outcome, stopping: bool| {
            if o.action == Action::Failed {
                failures += 1;
            }
            if let Some(b) = &bar {
                // A row not run does not move the bar: it must not look done while it stops.
                if o.action != Action::NotRun {
                    b.inc(1);
                }
                if stopping {
                    b.set_message("stopping");
                } else if failures > 0 {
                    b.set_message(format!("{failures} failed"));
                }
            }
            if let Ok(mut all) = self.landed.lock() {
                all.push(o);
            }
        };
        for task in tasks {
            let profile = target.profile.name.clone();
            stopping = stopping || *self.cancel.borrow();
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
                    stopping,
                );
                continue;
            }
            if stopping {
                land(outcome(&task, &profile, Action::NotRun, None, None), true);
                continue;
            }
            // Wait for a free slot, collecting whatever finished meanwhile.
            let permit = loop {
                match limit.clone().try_acquire_owned() {
                    Ok(p) => break Some(p),
                    Err(_) => {
                        if let Some(Ok(o)) = in_flight.join_next().await {
                            land(o, stopping);
                        }
                    }
                }
                if *self.cancel.borrow() {
                    break None;
                }
            };
            let Some(permit) = permit else {
                stopping = true;
                land(outcome(&task, &profile, Action::NotRun, None, None), true);
                continue;
            };
            let target = target.clone();
            let journal = self.journal.clone();
            let dry_run = self.dry_run;
            let terminal = self.terminal.clone();
            in_flight.spawn(async move {
                let o = execute(&target, &task, journal.as_deref(), &terminal, dry_run).await;
                drop(permit);
                o
            });
        }
        while let Some(done) = in_flight.join_next().await {
            if let Ok(o) = done {
                stopping = stopping || *self.cancel.borrow();
                land(o, stopping);
            }
        }
        progress::end(bar, stopping || *self.cancel.borrow());
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
    terminal: &Terminal,
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
                terminal.warn(format!("cannot write the journal: {err}"));
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
        Work::Delete { id } | Work::SetActive { id, .. } if dry_run => {
            (Action::WouldUpdate, Ok(Some(id.clone())))
        }
        Work::Delete { id } | Work::SetActive { id, .. } => {
            let removal = match &task.work {
                Work::SetActive { active, .. } => {
                    super::remove::set_active(target, id, *active).await
                }
                _ => super::remove::delete(target, id).await,
            };
            let o = match removal {
                // Not sent: the next run plans it again.
                None => outcome(task, profile, Action::NotRun, None, None),
                Some(Ok(action)) => outcome(task, profile, action, Some(id.clone()), None),
                Some(Err(error)) => {
                    outcome(task, profile, Action::Failed, Some(id.clone()), Some(error))
                }
            };
            record(entry(
                Event::Done,
                Some(o.action),
                o.id.clone(),
                o.error.clone(),
            ));
            return o;
        }
        Work::Create(new) => {
            record(entry(Event::Start, None, None, None));
            let mut o = match create(target, new).await {
                Ok(u) => outcome(task, profile, Action::Created, Some(u.id), None),
                Err(Create::NotSent) => outcome(task, profile, Action::NotRun, None, None),
                Err(Create::Unknown) => outcome(
                    task,
                    profile,
                    Action::Failed,
                    None,
                    Some(
                        "interrupted before the vendor's answer: it may have been created; \
                         the next run looks the email up"
                            .into(),
                    ),
                ),
                Err(Create::Failed(e)) => {
                    outcome(task, profile, Action::Failed, None, Some(e.to_string()))
                }
            };
            // A create not sent still ends its `start`: the next run looks the email up, which
            // is cheap and never wrong.
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
            let o = match r {
                // Not sent, or sent and unanswered: the next run diffs it again either way.
                Err(ProviderError::Interrupted { .. }) => {
                    outcome(task, profile, Action::NotRun, None, None)
                }
                r => finish(task, profile, Action::Updated, r),
            };
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

/// Why a create did not come back with the user.
enum Create {
    /// Stopped (Ctrl-C) before anything that could create the user was sent.
    NotSent,
    /// Stopped (Ctrl-C) after a request whose outcome is unknown: the next run looks it up.
    Unknown,
    Failed(ProviderError),
}

/// Create, never blindly twice: when the request went out and no clear answer came back, look
/// the email up and create only if it is still absent. After Ctrl-C nothing new is sent.
async fn create(target: &Target, new: &crate::model::NewUser) -> Result<User, Create> {
    let mut last = None;
    // Whether a request that may have created the user went out.
    let mut maybe_sent = false;
    let interrupted = |write: bool, maybe_sent: bool| {
        if write && !maybe_sent {
            Create::NotSent
        } else {
            Create::Unknown
        }
    };
    for attempt in 1..=CREATE_ATTEMPTS {
        match target.provider.create_user(new).await {
            Ok(u) => return Ok(u),
            // The create itself was held back: nothing new went out with this attempt. A read
            // after it (Cradl maps the answer with one) means the create may have landed.
            Err(ProviderError::Interrupted { write }) => {
                return Err(interrupted(write, maybe_sent))
            }
            // A conflict on a retry is our own earlier attempt having landed.
            Err(ProviderError::Conflict { .. }) if attempt > 1 => {}
            Err(e) if outcome_known(&e) => return Err(Create::Failed(e)),
            Err(e) => last = Some(e),
        }
        maybe_sent = true;
        // The look-up settles the audit line of the attempt whose answer was lost.
        let found = target.provider.find_user_by_email(&new.email).await;
        if let Ok(user) = &found {
            let settled = crate::audit::TargetRef {
                id: user.as_ref().map(|u| u.id.clone()),
                email: Some(new.email.clone()),
            };
            target.audit.settled("create", settled, user.is_some());
        }
        match found {
            Ok(Some(u)) => return Ok(u),
            Ok(None) => {}
            Err(ProviderError::Interrupted { .. }) => return Err(Create::Unknown),
            Err(e) => return Err(Create::Failed(e)),
        }
    }
    Err(Create::Failed(last.unwrap_or_else(|| {
        ProviderError::protocol("create failed")
    })))
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
        // Stopped before it was sent: nothing to look up, and nothing more is to be sent.
        | ProviderError::Interrupted { .. }
        | ProviderError::DryRun => true,
        ProviderError::Http { status, .. } => {
            (400..500).contains(status) && !matches!(status, 408 | 429)
        }
        ProviderError::Unavailable { .. }
        | ProviderError::Protocol { .. }
        | ProviderError::Network { .. } => false,
    }
}
