//! Client-side pacing: requests spaced evenly to a rate.

use std::sync::Mutex;
use std::time::Duration;

/// Spaces requests evenly to a rate (a token bucket of depth one): each request reserves the
/// next free slot and sleeps until it, so concurrent callers never burst past the rate and no
/// one polls.
#[derive(Debug)]
pub(crate) struct Pacer {
    interval: Duration,
    next_slot: Mutex<Option<tokio::time::Instant>>,
}

impl Pacer {
    pub(crate) fn new(per_second: f64) -> Pacer {
        let per_second = if per_second.is_finite() && per_second > 0.0 {
            per_second
        } else {
            f64::MAX
        };
        Pacer {
            // At most an hour apart: a rate near zero must not overflow a Duration or an Instant.
            interval: Duration::try_from_secs_f64(1.0 / per_second)
                .map_or(Duration::from_secs(3600), |d| {
                    d.min(Duration::from_secs(3600))
                }),
            next_slot: Mutex::new(None),
        }
    }

    /// Wait for this caller's slot.
    pub(crate) async fn wait(&self) {
        let now = tokio::time::Instant::now();
        let slot = match self.next_slot.lock() {
            Ok(mut next) => {
                let slot = next.filter(|n| *n > now).unwrap_or(now);
                *next = Some(slot + self.interval);
                slot
            }
            Err(_) => now,
        };
        tokio::time::sleep_until(slot).await;
    }
}
