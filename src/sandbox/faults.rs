//! Faults that tests inject into upcoming requests, and how a request finds the one that applies.

use serde::{Deserialize, Serialize};

/// A fault to inject into upcoming requests (tests use it; `serve` exposes it on a control route).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// Answer 429 with `Retry-After: secs` (the vendor's own 429 body).
    TooManyRequests { retry_after_secs: u64 },
    /// Answer this 5xx status with a vendor-style body.
    ServerError { status: u16 },
    /// Close the connection without answering.
    Drop,
    /// Apply the write, then drop the connection without answering ("commit then drop").
    CommitThenDrop,
    /// Answer 200 with a body that is not JSON.
    MalformedJson,
    /// Hold the request this long before handling it: a timeout for a client that gives up
    /// sooner.
    Stall { secs: u64 },
}

/// A fault drawn at random for `SandboxOptions::fault_rate`: 5xx, 429, a reset connection,
/// malformed JSON, a stall, or (for writes) "commit then drop".
pub(super) fn random(rng: &mut fastrand::Rng, write: bool, stall_secs: u64) -> Fault {
    let mut mix = vec![
        Fault::ServerError { status: 500 },
        Fault::ServerError { status: 502 },
        Fault::ServerError { status: 503 },
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        Fault::Drop,
        Fault::MalformedJson,
    ];
    if write {
        mix.push(Fault::CommitThenDrop);
        mix.push(Fault::CommitThenDrop);
    }
    if stall_secs > 0 {
        mix.push(Fault::Stall { secs: stall_secs });
    }
    mix.swap_remove(rng.usize(..mix.len()))
}

/// Which requests a fault applies to, and how many times.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FaultRule {
    /// `"paradigm"`...; `None` matches every vendor.
    pub vendor: Option<String>,
    /// `"GET"`...; `None` matches every method.
    pub method: Option<String>,
    /// A substring of the request target below the host: path and query, vendor prefix included
    /// (`/paradigm/api/v3/users?page=2`).
    pub path_contains: Option<String>,
    pub fault: Fault,
    /// How many matching requests get the fault; once used up, the rule is gone.
    #[serde(default = "once")]
    pub times: u32,
}

fn once() -> u32 {
    1
}

impl FaultRule {
    /// `fault` on the next request to any vendor, any route.
    pub fn new(fault: Fault) -> FaultRule {
        FaultRule {
            vendor: None,
            method: None,
            path_contains: None,
            fault,
            times: 1,
        }
    }

    fn matches(&self, vendor: &str, method: &str, target: &str) -> bool {
        self.times > 0
            && self.vendor.as_deref().is_none_or(|v| v == vendor)
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_contains
                .as_deref()
                .is_none_or(|p| target.contains(p))
    }
}

/// Rules waiting at once: a script that posts faults in a loop must not grow the sandbox without
/// end, and no test needs more.
pub(super) const MAX_QUEUED: usize = 1_000;

/// Queue `rule` after the others, unless `MAX_QUEUED` already wait: then `false`.
pub(super) fn queue(rules: &mut Vec<FaultRule>, rule: FaultRule) -> bool {
    if rules.len() >= MAX_QUEUED {
        return false;
    }
    rules.push(rule);
    true
}

/// Use up one application of the first rule matching this request.
pub(super) fn take(
    rules: &mut Vec<FaultRule>,
    vendor: &str,
    method: &str,
    target: &str,
) -> Option<Fault> {
    let index = rules
        .iter()
        .position(|r| r.matches(vendor, method, target))?;
    let rule = &mut rules[index];
    rule.times -= 1;
    let fault = rule.fault.clone();
    if rule.times == 0 {
        rules.remove(index);
    }
    Some(fault)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_on_every_given_criterion_and_wear_out() {
        let mut rules = vec![
            FaultRule {
                vendor: Some("paradigm".into()),
                method: Some("post".into()),
                path_contains: Some("/users".into()),
                fault: Fault::Drop,
                times: 2,
            },
            FaultRule::new(Fault::MalformedJson),
        ];
        // The first rule does not match a GET, so the catch-all second rule applies.
        assert_eq!(
            take(&mut rules, "paradigm", "GET", "/paradigm/api/v3/users"),
            Some(Fault::MalformedJson)
        );
        assert_eq!(
            take(&mut rules, "other", "POST", "/other/users"),
            None,
            "vendor must match"
        );
        for _ in 0..2 {
            assert_eq!(
                take(&mut rules, "paradigm", "POST", "/paradigm/api/v3/users"),
                Some(Fault::Drop)
            );
        }
        assert!(rules.is_empty());
    }

    #[test]
    fn the_queue_is_bounded() {
        let mut rules = Vec::new();
        for _ in 0..MAX_QUEUED {
            assert!(queue(&mut rules, FaultRule::new(Fault::Drop)));
        }
        assert!(!queue(&mut rules, FaultRule::new(Fault::Drop)));
        assert_eq!(rules.len(), MAX_QUEUED);
        // Using one up makes room again.
        assert_eq!(take(&mut rules, "v", "GET", "/v"), Some(Fault::Drop));
        assert!(queue(&mut rules, FaultRule::new(Fault::Drop)));
    }

    #[test]
    fn a_rule_with_zero_times_never_applies() {
        let mut rules = vec![FaultRule {
            times: 0,
            ..FaultRule::new(Fault::Drop)
        }];
        assert_eq!(take(&mut rules, "paradigm", "GET", "/paradigm"), None);
    }

    #[test]
    fn the_random_mix_is_seeded_and_commits_only_writes() {
        let draw = |seed, write| {
            let mut rng = fastrand::Rng::with_seed(seed);
            (0..200)
                .map(|_| random(&mut rng, write, 0))
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(7, true), draw(7, true), "same seed, same faults");
        assert!(draw(7, false).iter().all(|f| *f != Fault::CommitThenDrop));
        assert!(draw(7, true).contains(&Fault::CommitThenDrop));
        assert!(!draw(7, true)
            .iter()
            .any(|f| matches!(f, Fault::Stall { .. })));
    }

    #[test]
    fn times_defaults_to_one_in_json() {
        let rule: FaultRule =
            serde_json::from_str(r#"{"vendor": "paradigm", "fault": "Drop"}"#).unwrap();
        assert_eq!(rule.times, 1);
        assert_eq!(rule.fault, Fault::Drop);
    }
}
