//! Index paging against a service that answers fewer users than asked, unevenly (RFC 7644
//! §3.4.2.4): the concurrent listing must still list every user exactly once.

use std::collections::BTreeSet;

use crate::common::Env;

#[test]
fn scim_uneven_short_pages_list_every_user_once() {
    let env = Env::new();
    env.sandbox.with_state(|s| {
        for i in 0..230 {
            s.scim.add_user(&format!("uneven{i}@example.com"));
        }
        s.scim.uneven_pages = 7;
    });
    let expected: BTreeSet<String> = env
        .sandbox
        .with_state(|s| s.scim.users.iter().map(|u| u.id.clone()).collect());
    let users = env.json(&["--profile", "scim", "users", "list"]);
    let ids: Vec<String> = users
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|u| u["id"].as_str().map(str::to_string))
        .collect();
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), unique.len(), "a user listed twice");
    assert_eq!(unique, expected, "every user, none skipped");
}
