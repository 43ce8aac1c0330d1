//! Reading many profiles at once (`--profile all`, `--profile a,b`): each profile concurrently,
//! at its own pace, one failing profile reported without hiding the others' rows.
//!
//! A command hands [`FanOut::start`] one job per profile; each job sends its rows as they come
//! through a bounded channel, so a slow or huge profile holds at most a few pages in memory.
//! The command reads them back in profile order (deterministic JSON and CSV) or as they arrive
//! (NDJSON, folding into a summary).

mod account;
pub(crate) mod review;
mod select;
mod write;

use std::future::Future;
use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::context::Target;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{User, UserQuery};
use crate::output::Output;

pub(crate) use account::Account;
pub(crate) use select::{select, wants_many, Selected};
pub(crate) use write::write_list;

/// Pages a profile's reader may hold ready before it waits for the writer to take them.
const PAGES_AHEAD: usize = 8;

/// The order a command reads the profiles' rows in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Every row of the first profile, then the second's...: output that does not depend on
    /// which vendor answers first. Later profiles read ahead a few pages and then wait.
    Profiles,
    /// Whatever arrives first: for NDJSON and for summaries that sort by themselves.
    Arrival,
}

/// What a profile's reader passes to the command.
enum Event<T> {
    Rows(Vec<T>),
    Note(String),
    Failed(Error),
}

/// A profile reader's end of the channel.
pub(crate) struct Rows<T> {
    slot: usize,
    tx: mpsc::Sender<(usize, Event<T>)>,
}

impl<T> Rows<T> {
    /// Hand rows to the command; false once it reads no more (it stopped at `--limit`).
    pub(crate) async fn send(&self, rows: Vec<T>) -> bool {
        rows.is_empty() || self.tx.send((self.slot, Event::Rows(rows))).await.is_ok()
    }

    /// A note for the person about this profile (stderr, silenced by `--quiet`).
    pub(crate) async fn note(&self, text: String) {
        // Nobody reading any more means nobody to tell.
        let _ = self.tx.send((self.slot, Event::Note(text))).await;
    }
}

/// The profiles being read, and what has failed so far.
pub(crate) struct FanOut<T> {
    names: Vec<String>,
    order: Order,
    /// One receiver per profile in [`Order::Profiles`], one shared in [`Order::Arrival`].
    receivers: Vec<mpsc::Receiver<(usize, Event<T>)>>,
    current: usize,
    tasks: JoinSet<()>,
    failed: Vec<Option<ErrorKind>>,
    /// Errors kept for the end when only one profile is read (then it is the command's error).
    kept: Vec<Error>,
}

impl<T: Send + 'static> FanOut<T> {
    /// Start `job` on every selected profile. A profile that could not even be set up (broken in
    /// the config, a secret command that failed) fails at once.
    pub(crate) fn start<F, Fut>(selected: Vec<Selected>, order: Order, job: F) -> FanOut<T>
    where
        F: Fn(Arc<Target>, Rows<T>) -> Fut,
        Fut: Future<Output = Result<()>> + Send + 'static,
    {
        let mut tasks = JoinSet::new();
        let mut receivers = Vec::new();
        let mut shared = None;
        if order == Order::Arrival {
            let (tx, rx) = mpsc::channel(PAGES_AHEAD.saturating_mul(selected.len().max(1)));
            receivers.push(rx);
            shared = Some(tx);
        }
        let names: Vec<String> = selected.iter().map(|s| s.name.clone()).collect();
        for (slot, s) in selected.into_iter().enumerate() {
            let tx = match &shared {
                Some(tx) => tx.clone(),
                None => {
                    let (tx, rx) = mpsc::channel(PAGES_AHEAD);
                    receivers.push(rx);
                    tx
                }
            };
            let work = s.target.map(|target| {
                job(
                    target,
                    Rows {
                        slot,
                        tx: tx.clone(),
                    },
                )
            });
            tasks.spawn(async move {
                let failed = match work {
                    Ok(work) => work.await.err(),
                    Err(e) => Some(e),
                };
                if let Some(e) = failed {
                    // Nobody reading any more (past `--limit`) means nobody to tell.
                    let _ = tx.send((slot, Event::Failed(e))).await;
                }
            });
        }
        FanOut {
            failed: vec![None; names.len()],
            names,
            order,
            receivers,
            current: 0,
            tasks,
            kept: Vec::new(),
        }
    }

    /// The profiles' names, in the order they were selected.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// The next rows and the position of the profile they come from; `None` when every profile
    /// is done. Notes and failures are written to stderr on the way.
    pub(crate) async fn next(&mut self, out: &Output) -> Option<(usize, Vec<T>)> {
        loop {
            let rx = self.receivers.get_mut(self.current)?;
            match rx.recv().await {
                Some((slot, Event::Rows(rows))) => return Some((slot, rows)),
                Some((_, Event::Note(text))) => out.note(text),
                Some((slot, Event::Failed(e))) => self.fail(slot, e),
                // This profile is done (in profile order), or all are (in arrival order).
                None => self.current += 1,
            }
        }
    }

    /// True when the profile at `slot` failed (so far).
    pub(crate) fn has_failed(&self, slot: usize) -> bool {
        self.failed.get(slot).is_some_and(Option::is_some)
    }

    fn fail(&mut self, slot: usize, e: Error) {
        if let Some(f) = self.failed.get_mut(slot) {
            *f = Some(e.kind());
        }
        if self.names.len() == 1 {
            self.kept.push(e);
        } else {
            report(&e);
        }
    }

    /// Stop every reader still going (after `--limit`), without waiting for them.
    pub(crate) fn stop(&mut self) {
        self.tasks.abort_all();
        self.receivers.clear();
    }

    /// Ok when no profile failed; else the error that makes the exit code (see [`outcome`]).
    pub(crate) fn finish(mut self) -> Result<()> {
        self.tasks.abort_all();
        if let Some(e) = self.kept.pop() {
            return Err(e);
        }
        let failed: Vec<(&str, ErrorKind)> = self
            .names
            .iter()
            .zip(&self.failed)
            .filter_map(|(n, k)| k.map(|k| (n.as_str(), k)))
            .collect();
        outcome(&failed, self.names.len())
    }

    /// The order this fan-out reads in.
    pub(crate) fn order(&self) -> Order {
        self.order
    }
}

/// One failed profile's error on stderr, as it happens: the other profiles go on. Errors are
/// not silenced by `--quiet`.
fn report(e: &Error) {
    eprintln!("error: {}", crate::redact::message(&e.to_string()));
    if let Some(hint) = e.hint() {
        eprintln!("hint: {}", crate::redact::message(hint));
    }
}

/// The command's error when `failed` of `total` profiles failed: none is success; when every
/// profile failed the same way, that way (4 for refused credentials, 75 for vendors down...);
/// otherwise partial (7). Never "not found" (5): a profile that could not be read may hold
/// what was looked for.
pub(crate) fn outcome(failed: &[(&str, ErrorKind)], total: usize) -> Result<()> {
    let Some((_, first)) = failed.first() else {
        return Ok(());
    };
    let names: Vec<&str> = failed.iter().map(|(n, _)| *n).collect();
    let agree = failed.iter().all(|(_, k)| k == first);
    let kind = if failed.len() == total && agree && *first != ErrorKind::NotFound {
        *first
    } else {
        ErrorKind::Partial
    };
    let hint = if failed.len() == total {
        "each profile's error is above"
    } else {
        "each profile's error is above; the rows shown are the other profiles', complete"
    };
    Err(Error::new(
        kind,
        format!(
            "{} of {total} profiles could not be read: {}",
            failed.len(),
            names.join(", ")
        ),
    )
    .with_hint(hint))
}

/// Send every user of `target` that `keep` maps to a row, page by page, until the listing ends
/// or the command stops reading.
pub(crate) async fn walk_users<T>(
    target: &Target,
    query: &UserQuery,
    rows: &Rows<T>,
    keep: impl Fn(User) -> Option<T>,
) -> Result<()> {
    let mut cursor: Option<String> = None;
    loop {
        let page = target
            .provider
            .list_users(query, cursor.as_deref())
            .await
            .map_err(target.err())?;
        let empty = page.items.is_empty();
        let kept: Vec<T> = page.items.into_iter().filter_map(&keep).collect();
        if !rows.send(kept).await {
            return Ok(());
        }
        match page.next {
            // An empty page that still points further would loop forever on a confused vendor.
            Some(next) if !empty && cursor.as_deref() != Some(next.as_str()) => cursor = Some(next),
            _ => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_profile_is_never_not_found() {
        assert!(outcome(&[], 3).is_ok());
        let e = outcome(&[("b", ErrorKind::Temporary)], 3).unwrap_err();
        assert_eq!(e.exit_code(), 7);
        assert!(
            e.to_string()
                .contains("1 of 3 profiles could not be read: b"),
            "{e}"
        );
        // Every profile refused the same way: that way.
        let all = [("a", ErrorKind::Auth), ("b", ErrorKind::Auth)];
        assert_eq!(outcome(&all, 2).unwrap_err().exit_code(), 4);
        let mixed = [("a", ErrorKind::Auth), ("b", ErrorKind::Config)];
        assert_eq!(outcome(&mixed, 2).unwrap_err().exit_code(), 7);
        let lost = [("a", ErrorKind::NotFound), ("b", ErrorKind::NotFound)];
        assert_eq!(outcome(&lost, 2).unwrap_err().exit_code(), 7);
    }
}
