//! Lost answers: the write's line says `unknown`, and the look-up that settles it adds a second
//! line with what the vendor shows. Offboarding records each profile's step.

use roster::sandbox::{Fault, FaultRule};

use super::{default_log, lines};
use crate::common::{assert_success, code, stderr, Env};

fn inject(env: &Env, method: &str, path: &str, fault: Fault) {
    env.sandbox.inject(FaultRule {
        vendor: Some("paradigm".into()),
        method: Some(method.into()),
        path_contains: Some(path.into()),
        fault,
        times: 1,
    });
}

#[test]
fn a_lost_answer_is_unknown_then_settled_by_the_look_up() {
    let env = Env::new();
    // Applied, then a body that is not JSON: the delete's outcome is unclear until looked up.
    inject(&env, "DELETE", "/api/v3/users/", Fault::MalformedJson);
    let out = env.run(&["users", "delete", "grace@sandbox.example", "--yes"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let log = lines(&default_log(&env));
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["operation"], "delete");
    assert_eq!(log[0]["outcome"], "unknown");
    assert!(log[0].get("lookup").is_none());
    assert_eq!(log[1]["operation"], "delete");
    assert_eq!(log[1]["lookup"], true);
    assert_eq!(log[1]["outcome"], "failed", "the user is still there");
    assert_eq!(log[1]["target"], log[0]["target"]);
    assert_eq!(log[1]["run"], log[0]["run"]);

    // Applied, then the connection cut: the look-up finds the user gone.
    inject(&env, "DELETE", "/api/v3/users/", Fault::CommitThenDrop);
    let out = env.run(&["users", "delete", "grace@sandbox.example", "--yes"]);
    assert_success(&out, &["delete after a dropped answer"]);
    let log = lines(&default_log(&env));
    let last = log.last().unwrap();
    assert_eq!(last["lookup"], true, "{log:?}");
    assert_eq!(last["outcome"], "ok", "gone after the delete");
}

#[test]
fn offboarding_records_each_profiles_step() {
    let env = Env::new();
    let out = env.run(&[
        "--profile",
        "paradigm,amani",
        "users",
        "offboard",
        "ayse.yilmaz@amani.sandbox.example",
        "--yes",
    ]);
    let log = lines(&default_log(&env));
    assert!(!log.is_empty(), "{}", stderr(&out));
    assert!(
        log.iter().all(|l| l["command"] == "users offboard"),
        "{log:?}"
    );
    let amani: Vec<_> = log.iter().filter(|l| l["profile"] == "amani").collect();
    assert_eq!(amani.len(), 1, "{log:?}");
    assert_eq!(amani[0]["operation"], "deactivate");
    assert_eq!(
        amani[0]["target"]["email"],
        "ayse.yilmaz@amani.sandbox.example"
    );
}
