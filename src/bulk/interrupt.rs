//! Ctrl-C during an import: the first stops every new request (writes, listing pages, Cradl
//! profile look-ups) and lets the requests in flight finish; the second exits at once with 130,
//! showing what had finished and leaving the journal whole.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use indicatif::MultiProgress;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::journal::Journal;
use super::Outcome;
use crate::output::Output;
use crate::providers::HttpClient;

/// What a second Ctrl-C still saves before exiting: the results so far (they may hold the
/// only copy of generated passwords) and the journal's last line.
#[derive(Default)]
pub(crate) struct Salvage {
    pub(crate) journal: Option<Arc<Journal>>,
    pub(crate) landed: Arc<Mutex<Vec<Outcome>>>,
    /// `--report` and whether `--force` allows replacing it.
    pub(crate) report: Option<(PathBuf, bool)>,
}

/// The installed handler. Dropping it (or `finish`) stops listening.
pub(crate) struct Interrupts {
    pub(crate) cancel: watch::Receiver<bool>,
    pub(crate) salvage: Arc<Mutex<Salvage>>,
    task: JoinHandle<()>,
}

impl Interrupts {
    /// Listen for Ctrl-C from now on. `http` is the client every profile's requests share.
    pub(crate) fn install(
        http: HttpClient,
        out: Output,
        bars: Option<MultiProgress>,
    ) -> Interrupts {
        let (stop, cancel) = watch::channel(false);
        let salvage = Arc::new(Mutex::new(Salvage::default()));
        let kept = salvage.clone();
        let say = move |text: String| match &bars {
            Some(b) => b.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        };
        let task = tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_err() {
                return;
            }
            // Before anything else runs: no request may start from here on.
            http.stop();
            let _ = stop.send(true);
            say(format!(
                "stopping: {} requests in flight; finished rows are journaled (Ctrl-C again \
                 to exit at once)",
                http.in_flight()
            ));
            if tokio::signal::ctrl_c().await.is_err() {
                return;
            }
            say(
                "interrupted again: exiting now; requests in flight may or may not have been \
                 applied, and the next run of the same import looks them up"
                    .into(),
            );
            exit_now(&kept, &out);
        });
        Interrupts {
            cancel,
            salvage,
            task,
        }
    }

    pub(crate) fn cancelled(&self) -> bool {
        *self.cancel.borrow()
    }

    pub(crate) fn finish(self) {
        self.task.abort();
    }
}

/// Show what finished, write the report, and exit 130 while holding the journal, so its last
/// line is whole.
fn exit_now(salvage: &Mutex<Salvage>, out: &Output) -> ! {
    let guard = salvage.lock().ok();
    if let Some(s) = &guard {
        let mut landed = s.landed.lock().map(|v| v.clone()).unwrap_or_default();
        landed.sort_by(|a, b| (a.line, &a.profile).cmp(&(b.line, &b.profile)));
        let mut writer = out.list::<Outcome>();
        let _ = writer.push(&landed).and_then(|()| writer.finish());
        if let Some((path, replace)) = &s.report {
            let written = super::files::report_csv(&landed)
                .and_then(|bytes| super::files::write_report(path, &bytes, *replace));
            if let Err(e) = written {
                eprintln!("error: cannot write the report {}: {e}", path.display());
            }
        }
    }
    let _held = guard
        .as_ref()
        .and_then(|s| s.journal.as_ref())
        .map(|j| j.hold());
    std::process::exit(130)
}
