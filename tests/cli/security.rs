//! Secrets never leak: a canary token in no output, log or written file.

use crate::common::{stderr, stdout, Env};

const CANARY: &str = "canary-7f3a9c-secret-token";

fn assert_no_canary(text: &str, what: &str) {
    assert!(!text.contains(CANARY), "{what} leaked the canary: {text}");
}

#[test]
fn a_canary_token_never_appears_in_any_output() {
    let env = Env::new();
    let base = env.base_url("paradigm");
    env.write_config(&format!(
        "[profiles.canary]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken_env = \"CANARY_KEY\"\n"
    ));
    let runs: &[&[&str]] = &[
        &["-vv", "users", "list"],
        &["-v", "profiles", "check"],
        &["-v", "profiles", "show", "canary"],
        &[
            "-v",
            "--dry-run",
            "users",
            "create",
            "--email",
            "c@example.com",
            "--username",
            "c",
        ],
        &[
            "-v",
            "-o",
            "json",
            "--dry-run",
            "users",
            "create",
            "--email",
            "c@example.com",
            "--username",
            "c",
        ],
        &["-v", "users", "get", "nobody@example.com"],
    ];
    for args in runs {
        let out = env
            .roster()
            .env("CANARY_KEY", CANARY)
            .args(*args)
            .output()
            .unwrap();
        assert_no_canary(&stdout(&out), "stdout");
        assert_no_canary(&stderr(&out), "stderr");
    }
    // A literal token in a world-readable file: warned about, never echoed.
    env.write_config(&format!(
        "[profiles.canary]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken = \"{CANARY}\"\n"
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env.config, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = env.run(&["-v", "users", "list"]);
    assert_no_canary(&stdout(&out), "stdout");
    assert_no_canary(&stderr(&out), "stderr");
    #[cfg(unix)]
    assert!(
        stderr(&out).contains("readable by other users"),
        "{}",
        stderr(&out)
    );

    // Nothing roster wrote under HOME holds it either.
    for entry in crate::common::files_under(env.home()) {
        if entry == env.config {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&entry) {
            assert_no_canary(&text, &entry.display().to_string());
        }
    }
}

#[test]
fn the_valid_key_is_not_echoed_by_verbose_or_dry_run() {
    let env = Env::new();
    let key = "roster-sandbox-paradigm-key";
    for args in [
        &["-vv", "users", "list"][..],
        &["-v", "--dry-run", "users", "delete", "ada@sandbox.example"][..],
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stdout(&out).contains(key) && !stderr(&out).contains(key));
    }
}

#[test]
fn verbose_logs_each_request_with_method_url_status_and_time() {
    let env = Env::new();
    let out = env.run(&["-v", "--profile", "paradigm", "users", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let base = env.base_url("paradigm");
    let lines: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.starts_with("roster: "))
        .map(str::to_string)
        .collect();
    assert!(!lines.is_empty(), "{}", stderr(&out));
    for line in &lines {
        // roster: GET <url> -> 200 in 3 ms
        let rest = line.strip_prefix("roster: GET ").expect(line);
        let (url, outcome) = rest.split_once(" -> ").expect(line);
        assert!(url.starts_with(&format!("{base}/api/v3/users?")), "{line}");
        let (status, time) = outcome.split_once(" in ").expect(line);
        assert_eq!(status, "200", "{line}");
        let ms = time.strip_suffix(" ms").expect(line);
        assert!(ms.parse::<u64>().is_ok(), "{line}");
    }
    assert!(
        !stderr(&out).contains("\n  > "),
        "-v alone shows no headers"
    );
}

/// Echoes every request back: its head (headers, the Authorization among them) and body in
/// the answer's body, and a cookie in a header.
fn echo_server(canary: &'static str) -> crate::local_server::LocalServer {
    use crate::local_server::{LocalServer, Reply};
    LocalServer::start(move |seen| Reply::Answer {
        status: 400,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Set-Cookie".into(), format!("session={canary}")),
            ("X-Echo".into(), "yes".into()),
        ],
        body: serde_json::json!({
            "detail": format!("{} {}", seen.head, seen.body),
            "access_token": canary,
        })
        .to_string(),
    })
}

#[test]
fn very_verbose_shows_headers_and_bodies_but_never_a_secret() {
    let env = Env::new();
    let server = echo_server(CANARY);
    let profiles = [
        format!(
            "[profiles.local]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken_env = \"CANARY_KEY\"\n",
            server.url()
        ),
        format!(
            "[profiles.local]\nprovider = \"bleemeo\"\nbase_url = \"{}\"\nusername = \"a@b.example\"\npassword_env = \"CANARY_KEY\"\n",
            server.url()
        ),
        format!(
            "[profiles.local]\nprovider = \"amani\"\nbase_url = \"{}\"\nusername = \"a@b.example\"\npassword_env = \"CANARY_KEY\"\n",
            server.url()
        ),
    ];
    for config in profiles {
        env.write_config(&config);
        let out = env
            .roster()
            .env("CANARY_KEY", CANARY)
            .args(["-vv", "users", "list"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(
            server
                .seen()
                .iter()
                .any(|s| s.head.contains(CANARY) || s.body.contains(CANARY)),
            "the canary really went out"
        );
        assert!(err.contains("  < x-echo: yes"), "response headers: {err}");
        assert!(err.contains("  < set-cookie: [redacted]"), "{err}");
        assert!(err.contains("  > "), "request headers: {err}");
        assert!(err.contains("  < {"), "response body: {err}");
        assert_no_canary(&err, "stderr");
        assert_no_canary(&stdout(&out), "stdout");
    }
}

#[test]
fn very_verbose_hides_tokens_the_vendor_hands_out() {
    let env = Env::new();
    let config = std::fs::read_to_string(&env.config).unwrap();
    let secrets: Vec<&str> = config
        .lines()
        .filter_map(|l| {
            l.strip_prefix("password = \"")
                .or_else(|| l.strip_prefix("client_secret = \""))
        })
        .map(|v| v.trim_end_matches('"'))
        .collect();
    assert_eq!(secrets.len(), 3, "{config}");
    for vendor in ["amani", "bleemeo", "cradl"] {
        let out = env.run(&["-vv", "--profile", vendor, "users", "list"]);
        assert!(out.status.success(), "{vendor}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("[redacted]"), "{vendor}: {err}");
        for secret in &secrets {
            assert!(!err.contains(secret), "{vendor} leaked {secret}: {err}");
        }
        // The token roster got is in its cache; the log never shows it.
        let cached: Vec<String> = crate::common::files_under(&env.home().join("xdg-cache"))
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .filter_map(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .filter_map(|v| v["token"]["access"].as_str().map(str::to_string))
            .collect();
        assert!(!cached.is_empty(), "{vendor}: a token was cached");
        for token in cached {
            assert!(!err.contains(&token), "{vendor} leaked its token: {err}");
        }
    }
}
