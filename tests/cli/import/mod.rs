//! `roster users import`: validation before writing, pacing, faults, journal and resume,
//! grouped by scenario.

mod agree;
mod basics;
mod examples;
mod interrupt;
mod lock;
mod progress;
mod quiet;
mod report;
mod resume;
mod roundtrip;
mod routing;
mod skip_invalid;

use std::time::Duration;

use roster::sandbox::SandboxOptions;
use serde_json::Value;

use crate::common::{stderr, stdout, Env};

/// A sandbox whose Paradigm allows `sandbox_rate` requests a second, and a config whose
/// paradigm profile keeps to `roster_rate`.
pub fn env_with_rates(sandbox_rate: f64, roster_rate: &str, latency_ms: u64) -> Env {
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(latency_ms),
        rate_limit_per_sec: Some(sandbox_rate),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, roster_rate);
    env
}

/// Give every sandbox profile `rate_limit = RATE`.
pub fn pace_every_profile(env: &Env, rate: &str) {
    let text = std::fs::read_to_string(&env.config).unwrap();
    let paced: String = text
        .lines()
        .map(|l| {
            if l.starts_with("[profiles.") {
                format!("{l}\nrate_limit = \"{rate}\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    env.write_config(&paced);
}

pub fn hires(n: usize, first: usize) -> String {
    let mut csv = String::from("email,username,first_name,last_name,groups\n");
    for i in first..first + n {
        csv.push_str(&format!(
            "hire{i}@example.com,hire{i},Hire,Number{i},Engineering\n"
        ));
    }
    csv
}

pub fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.home().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// How many sandbox users have this email (exactly-once checks read the vendor's truth).
pub fn count(env: &Env, email: &str) -> usize {
    env.sandbox.with_state(|s| {
        s.paradigm
            .users
            .iter()
            .filter(|u| u.email.eq_ignore_ascii_case(email))
            .count()
    })
}

pub fn outcomes(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("json results ({e}): {}\n{}", stdout(out), stderr(out)))
        .as_array()
        .cloned()
        .unwrap_or_default()
}
