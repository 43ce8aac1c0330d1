//! The import's progress bars on a terminal: one per profile, a listing phase before the
//! writes, rounded rates, and a bar that says "stopped" instead of jumping to done on Ctrl-C.

use indicatif::{MultiProgress, ProgressBar, ProgressState, ProgressStyle};

/// One profile's bar: `prefix [=====>   ] 12/40 95/s eta 3s message`.
pub(crate) fn bar(multi: &MultiProgress, profile: &str, len: usize) -> ProgressBar {
    let bar = multi.add(ProgressBar::new(len as u64));
    let style =
        ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {rate} eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&rate(state.per_sec()));
                },
            )
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(profile.to_string());
    bar
}

/// A rate people can read: whole requests a second, or a minute when slower than one a second.
pub(crate) fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "0/s".into()
    } else if per_sec >= 1.0 {
        format!("{:.0}/s", per_sec)
    } else {
        format!("{:.0}/min", per_sec * 60.0)
    }
}

/// Before the writes: the listing that decides them can take a while.
pub(crate) fn listing(bar: Option<&ProgressBar>) {
    if let Some(b) = bar {
        b.set_message("listing existing users");
        b.tick();
    }
}

/// The listing is done: the writes start.
pub(crate) fn sending(bar: Option<&ProgressBar>) {
    if let Some(b) = bar {
        b.set_message("");
        b.reset_eta();
    }
}

/// The end of a profile's run: done, or left where it stopped.
pub(crate) fn end(bar: Option<ProgressBar>, stopped: bool) {
    if let Some(b) = bar {
        if stopped {
            b.abandon_with_message("stopped");
        } else {
            b.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_whole_numbers() {
        assert_eq!(rate(94.8225), "95/s");
        assert_eq!(rate(1.0), "1/s");
        assert_eq!(rate(0.5), "30/min");
        assert_eq!(rate(f64::NAN), "0/s");
        assert_eq!(rate(f64::INFINITY), "0/s");
        assert_eq!(rate(0.0), "0/s");
    }
}
