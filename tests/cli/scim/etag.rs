//! ETags: a PATCH carries `If-Match`; a 412 (someone changed the user meanwhile) is re-read and
//! sent once more, and a second 412 is a clear error that says nothing changed.

use std::time::Duration;

use roster::sandbox::scim::ADA_ID;
use roster::sandbox::{Fault, FaultRule};

use crate::common::{code, stderr, Env};

const PATCH_ROUTE: &str = "PATCH /scim/v2/Users/{id}";

/// Hold the next `times` PATCHes of Ada, and change Ada on the server while each is held, so
/// the version each one names is stale by the time it is handled.
fn update_while_ada_changes(env: &Env, times: u32) -> std::process::Output {
    env.sandbox.inject(FaultRule {
        vendor: Some("scim".into()),
        method: Some("PATCH".into()),
        path_contains: Some(ADA_ID.into()),
        fault: Fault::Stall { secs: 1 },
        times,
    });
    let child = env
        .std_command()
        .args(["--profile", "scim", "-o", "json", "users", "update", ADA_ID])
        .args(["--last-name", "Byron"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn roster");
    let patches = || {
        env.sandbox
            .stats()
            .by_route
            .get(PATCH_ROUTE)
            .copied()
            .unwrap_or(0)
    };
    for n in 1..=u64::from(times) {
        // Bounded: 500 looks, 20 ms apart.
        for _ in 0..500 {
            if patches() >= n {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        env.sandbox.with_state(|s| {
            if let Some(ada) = s.scim.users.iter_mut().find(|u| u.id == ADA_ID) {
                ada.version += 1;
            }
        });
    }
    child.wait_with_output().expect("roster ends")
}

#[test]
fn a_stale_version_is_read_again_and_sent_once_more() {
    let env = Env::new();
    let out = update_while_ada_changes(&env, 1);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let user: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(user["last_name"], "Byron");
    assert_eq!(env.sandbox.stats().by_route[PATCH_ROUTE], 2, "one retry");
}

#[test]
fn a_version_stale_twice_is_a_clear_error() {
    let env = Env::new();
    let out = update_while_ada_changes(&env, 2);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("If-Match failed twice"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.sandbox.stats().by_route[PATCH_ROUTE], 2, "no third try");
    let ada = env.json(&["--profile", "scim", "users", "get", ADA_ID]);
    assert_ne!(ada["last_name"], "Byron", "nothing changed");
}
