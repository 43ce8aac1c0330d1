//! Sliding-window rate limits, kept per vendor, API key and limit class.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// At most `max` requests in any window of length `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) max: u32,
    pub(crate) per: Duration,
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

/// Windows kept at once. Keys are callers a vendor authenticated, so a real run has a handful;
/// the bound is for a client that mints identities in a loop.
pub(super) const MAX_WINDOWS: usize = 10_000;

/// Every this many checks, windows that no longer hold any request are forgotten.
const SWEEP_EVERY: u64 = 1_024;

/// The requests of one key and class admitted within its window.
struct Window {
    per: Duration,
    /// Oldest first.
    admitted: VecDeque<Instant>,
    /// The last request, admitted or not: a caller held at its limit is still using the window.
    last_seen: Instant,
}

impl Window {
    fn forget_before(&mut self, now: Instant) {
        while self
            .admitted
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= self.per)
        {
            self.admitted.pop_front();
        }
    }
}

pub(super) struct RateLimiter {
    /// `None`: each vendor's documented limits. `Some(None)`: no limits at all.
    overridden: Option<Option<Limit>>,
    windows: HashMap<WindowKey, Window>,
    checks: u64,
}

impl RateLimiter {
    pub(super) fn new(rate_limit_per_sec: Option<f64>) -> RateLimiter {
        RateLimiter {
            overridden: rate_limit_per_sec.map(Limit::from_rate),
            windows: HashMap::new(),
            checks: 0,
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
        self.checks = self.checks.wrapping_add(1);
        if self.checks.is_multiple_of(SWEEP_EVERY) {
            self.sweep(now);
        }
        let key = (vendor, key.to_string(), class);
        if !self.windows.contains_key(&key) && self.windows.len() >= MAX_WINDOWS {
            self.make_room(now);
        }
        let window = self.windows.entry(key).or_insert_with(|| Window {
            per: limit.per,
            admitted: VecDeque::new(),
            last_seen: now,
        });
        window.per = limit.per;
        window.last_seen = window.last_seen.max(now);
        window.forget_before(now);
        if window.admitted.len() < limit.max as usize {
            window.admitted.push_back(now);
            return Ok(());
        }
        let oldest = window.admitted.front().copied().unwrap_or(now);
        Err(limit
            .per
            .saturating_sub(now.saturating_duration_since(oldest)))
    }

    /// Forget every window whose requests have all left it: it limits nothing any more.
    pub(super) fn sweep(&mut self, now: Instant) {
        self.windows.retain(|_, window| {
            window.forget_before(now);
            !window.admitted.is_empty()
        });
        self.windows
            .shrink_to(MAX_WINDOWS.min(self.windows.len() * 2));
    }

    /// Full: sweep, and if live windows still fill most of the map, forget the least recently
    /// used half. Those keys start afresh (a little more lenient); only a flood of identities
    /// gets here, and it must not grow the sandbox without end.
    fn make_room(&mut self, now: Instant) {
        self.sweep(now);
        if self.windows.len() < MAX_WINDOWS * 3 / 4 {
            return;
        }
        let mut seen: Vec<Instant> = self.windows.values().map(|w| w.last_seen).collect();
        seen.sort_unstable();
        if let Some(&cutoff) = seen.get(seen.len() / 2) {
            self.windows.retain(|_, window| window.last_seen > cutoff);
        }
    }

    /// How many windows are kept now.
    #[cfg(test)]
    pub(super) fn windows(&self) -> usize {
        self.windows.len()
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
    fn windows_stay_bounded_and_expire_whatever_keys_clients_send() {
        let mut limiter = RateLimiter::new(None);
        let limit = Limit::per_minute(10);
        let t0 = Instant::now();
        let busy = |l: &mut RateLimiter, at: Instant| l.check("v", "busy", "api", limit, at);
        for _ in 0..10 {
            assert_eq!(busy(&mut limiter, t0), Ok(()));
        }
        // A flood of identities, each seen once, all within one window, while a caller held at
        // its limit keeps knocking.
        for i in 0..(MAX_WINDOWS * 5) {
            let at = t0 + Duration::from_micros(i as u64 + 1);
            assert_eq!(
                limiter.check("v", &format!("key{i}"), "api", limit, at),
                Ok(())
            );
            assert!(
                limiter.windows() <= MAX_WINDOWS,
                "{} windows",
                limiter.windows()
            );
            if i % 1_000 == 0 {
                assert!(
                    busy(&mut limiter, at).is_err(),
                    "the busy key lost its window"
                );
            }
        }
        // Once the window has passed, a sweep brings the map back to what is still limiting.
        limiter.sweep(t0 + Duration::from_secs(61));
        assert_eq!(limiter.windows(), 0);
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
