//! The audit log: one line per write, no secret in it, private, whole lines under concurrency,
//! nothing for dry runs or when turned off, and `roster log` reading it back.

mod import;
mod log;
mod unclear;
mod writes;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::Env;

/// Where the log is by default in the test environment: the XDG state dir under HOME.
pub fn default_log(env: &Env) -> PathBuf {
    env.home().join(".local/state/roster/audit.log")
}

/// Every line of the log, each parsed (a line that does not parse fails the test).
pub fn lines(path: &Path) -> Vec<Value> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert!(text.is_empty() || text.ends_with('\n'), "whole lines only");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line {l:?}: {e}")))
        .collect()
}

/// Every secret value the sandbox profiles hold (tokens, passwords, client secrets).
pub fn profile_secrets(env: &Env) -> Vec<String> {
    let text = std::fs::read_to_string(&env.config).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut secrets = Vec::new();
    for (_, body) in table["profiles"].as_table().unwrap() {
        for (key, value) in body.as_table().unwrap() {
            let secret = ["token", "password", "secret", "api_key"]
                .iter()
                .any(|s| key.contains(s));
            if let (true, Some(v)) = (secret, value.as_str()) {
                secrets.push(v.to_string());
            }
        }
    }
    assert!(secrets.len() >= 4, "{secrets:?}");
    secrets
}
