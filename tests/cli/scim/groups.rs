//! Issue 12's group verbs on SCIM: members, add, remove, create and delete, where groups list
//! their members (rfc) and where they do not (aws).

use roster::sandbox::scim::Dialect;
use roster::sandbox::SandboxOptions;
use serde_json::Value;

use crate::common::{assert_success, Env};

fn emails(list: &Value) -> Vec<String> {
    let mut v: Vec<String> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|u| u["email"].as_str().map(str::to_string))
        .collect();
    v.sort();
    v
}

#[test]
fn group_verbs_work_whether_or_not_groups_show_members() {
    for dialect in [Dialect::Rfc, Dialect::Aws] {
        let env = Env::with_options(SandboxOptions {
            scim_dialect: dialect,
            ..SandboxOptions::default()
        });
        let p = ["--profile", "scim"];
        let run = |args: &[&str]| {
            let mut all = p.to_vec();
            all.extend_from_slice(args);
            env.json(&all)
        };
        let created = run(&["groups", "create", "Contractors"]);
        assert_eq!(created["name"], "Contractors", "{dialect:?}");
        let a = "new.one@example.com";
        let b = "new.two@example.com";
        for e in [a, b] {
            run(&["users", "create", "--email", e]);
        }
        run(&["groups", "add", "Contractors", a, b]);
        let members = run(&["groups", "members", "Contractors"]);
        assert_eq!(emails(&members), [a, b], "{dialect:?}: {members}");
        run(&["groups", "remove", "Contractors", a]);
        let members = run(&["groups", "members", "Contractors"]);
        assert_eq!(emails(&members), [b], "{dialect:?}: {members}");
        let mut delete = p.to_vec();
        delete.extend_from_slice(&["groups", "delete", "Contractors", "--yes"]);
        assert_success(&env.run(&delete), &["groups delete"]);
        let groups = run(&["groups", "list"]);
        assert!(!groups.to_string().contains("Contractors"), "{groups}");
    }
}
