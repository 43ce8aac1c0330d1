//! Reads across profiles: `--profile all` on users list/get and groups list, `users find`,
//! `people`. Each scenario runs over the four sandbox vendors, some with a fifth profile that
//! cannot answer. Reads in `reads.rs`, `users find` in `find.rs`, the access review in
//! `people.rs`.

mod find;
mod people;
mod reads;

use serde_json::Value;

use crate::common::Env;

/// The five sandbox profiles, in the order `--profile all` reads them (by name).
const VENDORS: [&str; 5] = ["amani", "bleemeo", "cradl", "paradigm", "scim"];

/// A sandbox whose config also has `down`: a Paradigm profile at a port nobody listens on.
fn with_down_profile() -> Env {
    let env = Env::new();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let text = std::fs::read_to_string(&env.config).expect("config");
    env.write_config(&format!(
        "{text}\n[profiles.down]\nprovider = \"paradigm\"\nbase_url = \"http://127.0.0.1:{port}/paradigm\"\n\
         token = \"roster-sandbox-paradigm-key\"\ntimeout_secs = 2\n"
    ));
    env
}

/// `(profile, email)` of every row of a JSON list.
fn profile_emails(rows: &Value) -> Vec<(String, String)> {
    rows.as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["profile"].as_str().unwrap_or_default().to_string(),
                r["email"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The profiles of a JSON list's rows, each once, in the order they appear.
fn profiles_in_order(rows: &Value) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for (p, _) in profile_emails(rows) {
        if seen.last() != Some(&p) {
            seen.push(p);
        }
    }
    seen
}
