//! What the writes of one task did on the wire, for the audit log: the `Provider` trait returns
//! users, not statuses, and a decorator around it reads here whether a write went out and the
//! status of the last answer.

use std::cell::Cell;
use std::future::Future;

/// The writes a watched future sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Writes {
    /// A write request left (or may have left) this machine.
    pub(crate) sent: bool,
    /// The status of the last write answered.
    pub(crate) status: Option<u16>,
}

tokio::task_local! {
    static WATCH: Cell<Writes>;
}

/// Run `fut`, and say what its writes did.
pub(crate) async fn watch_writes<F: Future>(fut: F) -> (F::Output, Writes) {
    WATCH
        .scope(Cell::new(Writes::default()), async move {
            let out = fut.await;
            (out, WATCH.with(Cell::get))
        })
        .await
}

/// A write is about to be sent, when a watcher runs on this task.
pub(super) fn sending() {
    let _ = WATCH.try_with(|c| {
        let mut w = c.get();
        w.sent = true;
        c.set(w);
    });
}

/// A write's answer came with `status`.
pub(super) fn answered(status: u16) {
    let _ = WATCH.try_with(|c| {
        let mut w = c.get();
        w.status = Some(status);
        c.set(w);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_last_answered_write_is_seen_and_nothing_outside_a_watch() {
        answered(500);
        let ((), w) = watch_writes(async {
            sending();
            answered(201);
            answered(200);
        })
        .await;
        assert_eq!(
            w,
            Writes {
                sent: true,
                status: Some(200)
            }
        );
        let ((), none) = watch_writes(async {}).await;
        assert_eq!(none, Writes::default());
    }
}
