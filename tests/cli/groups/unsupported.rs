//! Refusals before anything is sent: roles-only vendors, and group create/delete where no
//! vendor API offers them.

use crate::common::{code, stderr, stdout, Env};

#[test]
fn roles_only_vendors_say_so_for_every_verb_and_point_at_roles() {
    let env = Env::new();
    for profile in ["bleemeo", "cradl"] {
        for verb in [
            vec!["members", "admin"],
            vec!["add", "admin", "ada@sandbox.example"],
            vec!["remove", "admin", "ada@sandbox.example"],
            vec!["create", "Contractors"],
            vec!["delete", "admin", "--yes"],
        ] {
            let mut args = vec!["--profile", profile, "groups"];
            args.extend(&verb);
            let out = env.run(&args);
            assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("not supported by"), "{args:?}: {err}");
            assert!(err.contains("has roles, not groups"), "{args:?}: {err}");
            assert!(err.contains("users update USER --add-role ROLE"), "{err}");
            assert!(stdout(&out).is_empty());
        }
    }
    assert_eq!(env.sandbox.stats().writes, 0, "nothing was sent");
}

#[test]
fn create_and_delete_are_refused_where_the_vendor_api_has_neither() {
    let env = Env::new();
    for (profile, group) in [("paradigm", "Sales"), ("amani", "Viewer")] {
        for verb in [
            vec!["create", "Contractors"],
            vec!["create", "Contractors", "--dry-run"],
            vec!["delete", group, "--yes"],
        ] {
            let mut args = vec!["--profile", profile, "groups"];
            args.extend(&verb);
            let out = env.run(&args);
            assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("groups is not supported by"), "{err}");
            assert!(err.contains("admin console"), "{err}");
        }
    }
    let groups = env.json(&["groups", "list"]);
    assert_eq!(groups.as_array().map(Vec::len), Some(3), "{groups}");
    let stats = env.sandbox.stats();
    let logins = stats.by_route.get("POST /amani/api/v2/user/login").copied();
    assert_eq!(stats.writes, logins.unwrap_or(0), "only sign-ins were sent");
}

#[test]
fn an_empty_group_name_is_a_usage_error() {
    let env = Env::new();
    let out = env.run(&["groups", "create", "  "]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = env.run(&["groups", "members", ""]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}
