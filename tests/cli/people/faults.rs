//! Lost answers during an apply: a create or a delete whose answer never came is looked up,
//! never sent blindly twice, and never reported as done when it is not.

use roster::sandbox::{Fault, FaultRule};

use super::{apply, plan, user, write};
use crate::import::{count, env_with_rates};

#[test]
fn lost_answers_to_creates_and_deletes_are_looked_up() {
    let env = env_with_rates(500.0, "200/s", 0);
    let rule = |method: &str, fault: Fault, times: u32| FaultRule {
        vendor: Some("paradigm".into()),
        method: Some(method.into()),
        path_contains: Some("/api/v3/users".into()),
        fault,
        times,
    };
    env.sandbox.inject(rule("POST", Fault::CommitThenDrop, 2));
    env.sandbox.inject(rule("DELETE", Fault::CommitThenDrop, 1));
    let mut text = String::from("[defaults]\nprofiles = [\"paradigm\"]\n");
    for i in 0..4 {
        text.push_str(&format!("\n[[person]]\nemail = \"lost{i}@example.com\"\n"));
    }
    text.push_str("\n[[person]]\nemail = \"linus@sandbox.example\"\nstate = \"absent\"\n");
    let file = write(&env, "people.toml", &text);
    let rows = apply(&env, &file, &["--concurrency", "1"]);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(
        rows.iter().all(|r| r["error"].is_null()),
        "every lost answer settled by a look-up: {rows:?}"
    );
    assert_eq!(env.sandbox.stats().faults, 3, "every fault met a request");
    for i in 0..4 {
        assert_eq!(
            count(&env, &format!("lost{i}@example.com")),
            1,
            "lost{i} exactly once"
        );
    }
    assert!(user(&env, "paradigm", "linus@sandbox.example").is_none());
    let deleted = rows
        .iter()
        .find(|r| r["email"] == "linus@sandbox.example")
        .unwrap();
    assert_eq!(deleted["action"], "deleted");
    assert_eq!(plan(&env, &file, &[]).0, 0);
}
