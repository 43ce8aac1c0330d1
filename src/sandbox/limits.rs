//! Sliding-window rate limits, kept per vendor, API key and limit class.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// At most `max` requests in any window of length `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    pub max: u32,
    pub per: Duration,
}

impl Limit {
    pub(crate) const fn per_minute(max: u32) -> Limit {
        Limit {
            max,
            per: Duration::from_secs(60),
        }
    }

    /// The limit standing for `SandboxOptions::rate_limit_per_sec`; `None` means no limit.
    fn from_rate(per_sec: f64) -> Option<Limit> {
        if !(per_sec.is_finite() && per_sec > 0.0) {
            return None;
        }
        if per_sec >= 1.0 {
            // Whole requests per second; the float-to-int cast saturates on huge rates.
            return Some(Limit {
                max: per_sec.floor() as u32,
                per: Duration::from_secs(1),
            });
        }
        // Below one a second: one request per 1/rate seconds, capped at a day so that the window's
        // end stays representable.
        let secs = (1.0 / per_sec).min(86_400.0);
        Some(Limit {
            max: 1,
            per: Duration::from_secs_f64(secs),
        })
    }
}

/// Seconds to put in `Retry-After`: rounded up, and at least 1 so that a client waits at all.
pub(crate) fn retry_after_secs(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

type WindowKey = (&'static str, String, &'static str);

pub(super) struct RateLimiter {
    /// `None`: each vendor's documented limits. `Some(None)`: no limits at all.
    overridden: Option<Option<Limit>>,
    /// The times of the requests admitted within the current window, oldest first.
    windows: HashMap<WindowKey, VecDeque<Instant>>,
}

impl RateLimiter {
    pub(super) fn new(rate_limit_per_sec: Option<f64>) -> RateLimiter {
        RateLimiter {
            overridden: rate_limit_per_sec.map(Limit::from_rate),
            windows: HashMap::new(),
        }
    }

    /// Admit one request at `now`, or say how long until the window has room again.
    /// Refused requests take no slot, as with DRF's throttles.
    pub(super) fn check(
        &mut self,
        vendor: &'static str,
        key: &str,
        class: &'static str,
        documented: Limit,
        now: Instant,
    ) -> Result<(), Duration> {
        let limit = match self.overridden {
            Some(Some(limit)) => limit,
            Some(None) => return Ok(()),
            None => documented,
        };
        let window = self
            .windows
            .entry((vendor, key.to_string(), class))
            .or_default();
        while window
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= limit.per)
        {
            window.pop_front();
        }
        if window.len() < limit.max as usize {
            window.push_back(now);
            return Ok(());
        }
        let oldest = window.front().copied().unwrap_or(now);
        Err(limit
            .per
            .saturating_sub(now.saturating_duration_since(oldest)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_slides_and_reports_when_a_slot_frees() {
        let mut limiter = RateLimiter::new(None);
        let limit = Limit::per_minute(2);
        let t0 = Instant::now();
        let check = |l: &mut RateLimiter, at: u64| {
            l.check("v", "k", "write", limit, t0 + Duration::from_secs(at))
        };
        assert_eq!(check(&mut limiter, 0), Ok(()));
        assert_eq!(check(&mut limiter, 10), Ok(()));
        assert_eq!(check(&mut limiter, 20), Err(Duration::from_secs(40)));
        // The first request leaves the window at 60 s.
        assert_eq!(check(&mut limiter, 60), Ok(()));
        assert_eq!(check(&mut limiter, 61), Err(Duration::from_secs(9)));
        // Other classes and keys have their own windows.
        assert_eq!(
            limiter.check("v", "k", "list", limit, t0 + Duration::from_secs(61)),
            Ok(())
        );
        assert_eq!(
            limiter.check("v", "other", "write", limit, t0 + Duration::from_secs(61)),
            Ok(())
        );
    }

    #[test]
    fn an_override_replaces_documented_limits() {
        assert_eq!(
            Limit::from_rate(5.0),
            Some(Limit {
                max: 5,
                per: Duration::from_secs(1)
            })
        );
        assert_eq!(
            Limit::from_rate(0.5),
            Some(Limit {
                max: 1,
                per: Duration::from_secs(2)
            })
        );
        for off in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(Limit::from_rate(off), None, "{off}");
        }
        let mut unlimited = RateLimiter::new(Some(0.0));
        let now = Instant::now();
        for _ in 0..1000 {
            assert_eq!(
                unlimited.check("v", "k", "c", Limit::per_minute(1), now),
                Ok(())
            );
        }
    }

    #[test]
    fn retry_after_rounds_up_to_at_least_one_second() {
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1001)), 2);
        assert_eq!(retry_after_secs(Duration::from_secs(40)), 40);
    }
}
