//! How SCIM answers that are not a success reach the person: a 429 is waited out, a wrong
//! token is exit 4, a bad `--set` path is refused before sending.

use roster::sandbox::{Fault, FaultRule};

use crate::common::{assert_success, code, stderr, Env};

#[test]
fn a_429_is_waited_out_as_retry_after_says() {
    let env = Env::new();
    env.sandbox.inject(FaultRule {
        vendor: Some("scim".into()),
        method: Some("GET".into()),
        path_contains: Some("/scim/v2/Users".into()),
        fault: Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        times: 1,
    });
    let out = env.run(&["--profile", "scim", "-o", "json", "users", "list"]);
    assert_success(&out, &["users list after a 429"]);
    assert_eq!(env.sandbox.stats().rate_limited, 1);
}

#[test]
fn a_refused_token_is_exit_4_and_never_shown() {
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config).expect("config");
    let secret = roster::sandbox::scim::SCIM_TEST_TOKEN;
    env.write_config(&text.replace(secret, "not-the-token-4242"));
    let out = env.run(&["--profile", "scim", "users", "list"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("not-the-token-4242"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn what_scim_users_cannot_have_is_refused_before_sending() {
    let env = Env::new();
    let writes = env.sandbox.stats().writes;
    for args in [
        &["--set", "emails[type eq \"work\"].value=x"][..],
        &["--description", "no such attribute"][..],
        &["--role", "admin"][..],
    ] {
        let mut all = vec![
            "--profile",
            "scim",
            "users",
            "create",
            "--email",
            "x@example.com",
        ];
        all.extend_from_slice(args);
        let out = env.run(&all);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
    assert_eq!(env.sandbox.stats().writes, writes, "nothing was sent");
}
