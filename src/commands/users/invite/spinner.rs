//! A spinner on stderr while a question waits for the vendor (e.g. the list of groups to offer).

use std::future::Future;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Clears the spinner however the wait ends, Ctrl-C (which drops the future) included, so the
/// prompt or the error starts on a clean line.
struct Clear(ProgressBar);

impl Drop for Clear {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Run `work` with `message` spinning on stderr, when the terminal shows progress (stderr is a
/// terminal, no `--quiet`).
pub(crate) async fn while_waiting<T>(
    terminal: &crate::terminal::Terminal,
    message: &str,
    work: impl Future<Output = T>,
) -> T {
    let spinner = terminal.shows_progress().then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}...") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(100));
        Clear(bar)
    });
    let done = work.await;
    drop(spinner);
    done
}
