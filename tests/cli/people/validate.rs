//! The whole file is checked before any write, every problem as `file:line: message`, exit 2.

use super::{env, write};
use crate::common::{code, stderr};

#[test]
fn every_problem_is_reported_at_its_line_before_anything_is_sent() {
    let env = env();
    let text = r#"[defaults]
profiles = ["paradigm", "nowhere"]
colour = "blue"

[[person]]
email = "ada@example.com"
nickname = "Ada"
paradigm = { groups = ["Engineering"], phone = "+1555" }

[[person]]
email = "ADA@example.com"

[[person]]
email = "bob@example.com"
state = "gone"
cradl = { roles = ["Admin"], groups = ["x"] }
"#;
    let file = write(&env, "bad.toml", text);
    let out = env.run(&["plan", &file]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    for (line, what) in [
        (2, "no profile `nowhere`"),
        (3, "unknown key `colour`"),
        (7, "unknown key `nickname`"),
        (8, "has no user field `phone`"),
        (10, "ADA@example.com is already on line 5"),
        (15, "state `gone`"),
        (16, "has no user field `groups`"),
    ] {
        let want = format!("{file}:{line}: ");
        assert!(
            err.lines()
                .any(|l| l.starts_with(&want) && l.contains(what)),
            "no `{want}...{what}` in:\n{err}"
        );
    }
    assert_eq!(
        env.sandbox.stats().requests,
        0,
        "checked before any request"
    );
}

#[test]
fn unknown_group_and_role_names_are_found_in_the_live_lists() {
    let env = env();
    let text = r#"[defaults]
profiles = ["paradigm", "cradl"]

[[person]]
email = "new@example.com"
paradigm = { groups = ["Engineering", "Reserch"] }
cradl = { roles = ["Admin", "Boss"] }
"#;
    let file = write(&env, "groups.toml", text);
    for verb in ["plan", "apply"] {
        let out = env.run(&["--yes", verb, &file]);
        assert_eq!(code(&out), 2, "{verb}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("{file}:6: profile `paradigm`: no group or role `Reserch`; known: Engineering, Sales, Support")), "{err}");
        assert!(
            err.contains(&format!(
                "{file}:7: profile `cradl`: no group or role `Boss`"
            )),
            "{err}"
        );
    }
    assert_eq!(super::account_writes(&env), 0, "nothing written");
}

#[test]
fn a_file_that_is_not_toml_names_its_line() {
    let env = env();
    let file = write(
        &env,
        "broken.toml",
        "[defaults]\nprofiles = [\"paradigm\"\n",
    );
    let out = env.run(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(&format!("{file}:")),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("not valid TOML"), "{}", stderr(&out));
}
