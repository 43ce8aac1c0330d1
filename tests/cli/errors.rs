//! Errors that say where and what: a wrong base_url, failures below HTTP, definitive 4xx
//! answers sent once, vendor text scrubbed of secrets and cut when huge.

use serde_json::Value;

use crate::common::{code, stderr, stdout, Env};
use crate::local_server::{paradigm_profile, LocalServer, Reply, EMPTY_PARADIGM_PAGE};

/// Cradl's sandbox also checks the token's audience, which follows `base_url` for now: its
/// wrong URL is tested against a local server below.
const VENDORS: [&str; 3] = ["paradigm", "bleemeo", "amani"];

/// The sandbox's config with every `base_url` moved under `prefix` (`auth_url` untouched).
fn config_with_prefix(env: &Env, prefix: &str) -> String {
    let text = std::fs::read_to_string(&env.config).unwrap();
    text.lines()
        .map(|l| match l.strip_prefix("base_url = \"") {
            Some(url) => {
                let (origin, vendor) = url.trim_end_matches('"').rsplit_once('/').unwrap();
                format!("base_url = \"{origin}{prefix}/{vendor}\"")
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_wrong_base_url_is_a_config_error_naming_the_url_not_a_missing_user() {
    let env = Env::new();
    env.write_config(&config_with_prefix(&env, "/api"));
    for vendor in VENDORS {
        for args in [
            &["users", "get", "nobody@example.com"][..],
            &["users", "list"][..],
        ] {
            let out = env
                .roster()
                .args(["--profile", vendor])
                .args(args)
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(code(&out), 3, "{vendor} {args:?}: {err}");
            assert!(err.contains("answered 404"), "{vendor}: {err}");
            assert!(
                err.contains(&format!("/api/{vendor}/")),
                "names the URL: {err}"
            );
            assert!(err.contains("`base_url` of profile"), "{vendor}: {err}");
        }
    }
}

#[test]
fn a_wrong_cradl_base_url_is_a_config_error_too() {
    let server = LocalServer::start(|seen| match seen.target.as_str() {
        "/oauth2/token" => Reply::json(
            200,
            r#"{"access_token": "at", "expires_in": 3600, "token_type": "Bearer"}"#,
        ),
        _ => Reply::json(404, r#"{"message": "Not Found"}"#),
    });
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.local]\nprovider = \"cradl\"\nbase_url = \"{0}/v9\"\nauth_url = \"{0}/oauth2/token\"\n\
         client_id = \"c-1\"\nclient_secret = \"s-123456\"\n",
        server.url()
    ));
    let out = env.run(&["users", "list"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{}/v9/users", server.url())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_wrong_path_inside_the_vendor_is_caught_on_the_list_route() {
    // The vendor's own 404 envelope, but on the user list every instance has.
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config)
        .unwrap()
        .replace("/paradigm\"", "/paradigm/v2\"");
    env.write_config(&text);
    let out = env.run(&[
        "--profile",
        "paradigm",
        "users",
        "get",
        "ada@sandbox.example",
    ]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/paradigm/v2/api/v3/users"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_foreign_404_on_an_item_route_names_the_url_with_exit_1() {
    let server = LocalServer::start(|seen| match seen.target.as_str() {
        "/o/token/" => Reply::json(
            200,
            r#"{"access_token": "at", "token_type": "Bearer", "expires_in": 3600}"#,
        ),
        _ => Reply::text(404, "<html><body><h1>404 Not Found</h1>nginx</body></html>"),
    });
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.local]\nprovider = \"bleemeo\"\nbase_url = \"{}\"\nusername = \"a@b.example\"\npassword = \"pw-12345\"\n",
        server.url()
    ));
    let out = env.run(&["users", "get", "7"]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    assert!(
        err.contains(&format!("GET {}/v1/user/7/ answered 404", server.url())),
        "{err}"
    );
    assert!(err.contains("404 Not Found nginx"), "{err}");
}

#[test]
fn failures_below_http_are_told_apart_and_name_the_host() {
    let env = Env::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let refused = closed.local_addr().unwrap();
    drop(closed);
    env.write_config(&paradigm_profile(&format!("http://{refused}"), "k-123456"));
    let out = env.run(&["users", "list"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("connection refused by {refused}")),
        "{}",
        stderr(&out)
    );

    // A listener that accepts and never answers.
    let silent = LocalServer::start(|_| Reply::Silence);
    env.write_config(
        &paradigm_profile(&silent.url(), "k-123456")
            .replace("timeout_secs = 5", "timeout_secs = 1"),
    );
    let out = env.run(&["users", "list"]);
    assert_eq!(code(&out), 75, "a timeout may pass: {}", stderr(&out));
    let host = silent.url().trim_start_matches("http://").to_string();
    assert!(
        stderr(&out).contains(&format!("{host} timed out after 1 s")),
        "{}",
        stderr(&out)
    );

    // `.invalid` never resolves (RFC 6761), without any network.
    env.write_config(&paradigm_profile("https://roster-test.invalid", "k-123456"));
    let out = env.run(&["users", "list"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot resolve host roster-test.invalid"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn definitive_4xx_answers_are_sent_once() {
    for status in [400, 404, 409, 413, 415, 422] {
        let server = LocalServer::start(move |seen| match seen.method.as_str() {
            "GET" => Reply::json(200, EMPTY_PARADIGM_PAGE),
            _ => Reply::json(status, r#"{"error": "nope", "detail": "Refused."}"#),
        });
        let env = Env::new();
        env.write_config(&paradigm_profile(&server.url(), "k-123456"));
        let out = env.run(&[
            "users",
            "create",
            "--email",
            "a@example.com",
            "--username",
            "a",
        ]);
        assert_ne!(code(&out), 0, "{status}");
        assert_eq!(server.count("POST", "/api/v3/users"), 1, "create, {status}");

        let csv = env.home().join("one.csv");
        std::fs::write(&csv, "email,username\nb@example.com,b\n").unwrap();
        let out = env.run(&["-o", "json", "users", "import", csv.to_str().unwrap()]);
        assert_eq!(code(&out), 7, "{status}: {}", stderr(&out));
        assert_eq!(
            server.count("POST", "/api/v3/users"),
            2,
            "import sends the create once, {status}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn an_import_row_the_sandbox_finds_too_large_is_sent_once() {
    let env = Env::new();
    let csv = env.home().join("big.csv");
    let big = "n".repeat(1_100_000);
    std::fs::write(
        &csv,
        format!("email,username,first_name\nbig@example.com,big,{big}\n"),
    )
    .unwrap();
    let out = env.run(&[
        "--profile",
        "paradigm",
        "-o",
        "json",
        "users",
        "import",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["action"], "failed");
    assert!(rows[0]["error"].as_str().unwrap().contains("413"), "{rows}");
    let posts = env.sandbox.stats().by_route["POST /paradigm/api/v3/users"];
    assert_eq!(posts, 1, "a 413 is not retried");
}

/// A Bleemeo token endpoint that quotes the login form back, as one did.
fn echoing_token_endpoint() -> LocalServer {
    LocalServer::start(|seen| {
        let body = serde_json::json!({
            "error": "invalid_request",
            "error_description": format!("cannot parse {} {}", seen.head, seen.body),
        });
        Reply::json(400, body.to_string())
    })
}

#[test]
fn vendor_text_echoing_the_request_is_redacted() {
    // Characters that form-encoding changes: the echo holds `canary%2Bpw%2F7f3a%26x`.
    let secret = "canary+pw/7f3a&x";
    let server = echoing_token_endpoint();
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.local]\nprovider = \"bleemeo\"\nbase_url = \"{}\"\nusername = \"a@b.example\"\npassword = \"{secret}\"\n",
        server.url()
    ));
    let out = env.run(&["users", "list"]);
    let err = stderr(&out);
    assert_ne!(code(&out), 0);
    assert!(
        server.seen()[0].body.contains("canary%2Bpw%2F7f3a%26x"),
        "the echo is real"
    );
    assert!(err.contains("password=[redacted]"), "{err}");
    for leak in [secret, "canary%2Bpw%2F7f3a%26x", "7f3a"] {
        assert!(
            !err.contains(leak) && !stdout(&out).contains(leak),
            "{leak}: {err}"
        );
    }
}

#[test]
fn result_rows_and_reports_never_hold_an_echoed_secret() {
    let token = "tok-canary-9d2e";
    let server = LocalServer::start(|seen| match seen.method.as_str() {
        "GET" => Reply::json(200, EMPTY_PARADIGM_PAGE),
        _ => Reply::json(
            422,
            serde_json::json!({"error": "invalid", "detail": format!("you sent {}", seen.head)})
                .to_string(),
        ),
    });
    let env = Env::new();
    env.write_config(&paradigm_profile(&server.url(), token));
    let csv = env.home().join("one.csv");
    std::fs::write(&csv, "email,username\nb@example.com,b\n").unwrap();
    let report = env.home().join("report.csv");
    for format in ["table", "json", "csv"] {
        let _ = std::fs::remove_file(&report);
        let out = env.run(&[
            "-o",
            format,
            "users",
            "import",
            csv.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 7, "{}", stderr(&out));
        assert!(
            stdout(&out).contains("[redacted]"),
            "{format}: {}",
            stdout(&out)
        );
        assert!(!stdout(&out).contains(token), "{format}: {}", stdout(&out));
        assert!(!stderr(&out).contains(token), "{format}: {}", stderr(&out));
        let written = std::fs::read_to_string(&report).unwrap();
        assert!(!written.contains(token), "{written}");
    }
    for file in crate::common::files_under(env.home()) {
        if file != env.config {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(!text.contains(token), "{}", file.display());
        }
    }
}

#[test]
fn a_huge_vendor_message_is_cut_with_its_size() {
    let big = "x".repeat(1 << 20);
    let body = serde_json::json!({"error": "invalid", "detail": big}).to_string();
    let server = LocalServer::start(move |seen| match seen.method.as_str() {
        "GET" => Reply::json(200, EMPTY_PARADIGM_PAGE),
        _ => Reply::json(422, body.clone()),
    });
    let env = Env::new();
    env.write_config(&paradigm_profile(&server.url(), "k-123456"));
    let out = env.run(&[
        "users",
        "create",
        "--email",
        "a@example.com",
        "--username",
        "a",
    ]);
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{}", &err[..err.len().min(500)]);
    assert!(err.len() < 2000, "stderr is {} bytes", err.len());
    assert!(err.contains("(1048576 bytes, cut)"), "{err}");
}

#[test]
fn a_huge_user_value_in_a_message_is_cut_with_its_size() {
    let env = Env::new();
    let csv = env.home().join("lang.csv");
    let big = "q".repeat(1 << 20);
    std::fs::write(
        &csv,
        format!("email,username,language\nl@example.com,l,{big}\n"),
    )
    .unwrap();
    let out = env.run(&[
        "--profile",
        "paradigm",
        "users",
        "import",
        csv.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_ne!(code(&out), 0);
    assert!(err.len() < 4000, "stderr is {} bytes", err.len());
    assert!(err.contains("bytes, cut)"), "{err}");
    assert!(
        err.contains("language"),
        "the message around it stays: {err}"
    );
}

#[test]
fn a_huge_value_clap_refuses_is_cut_in_the_usage_error() {
    // The largest one argument Linux passes (128 KiB, MAX_ARG_STRLEN); a 1 MB one is tested in
    // `cli.rs`'s unit tests, through the same function `main` calls.
    let env = Env::new();
    let big = "x".repeat(120_000);
    for args in [
        &[
            "users",
            "create",
            "--email",
            "a@example.com",
            "--expires",
            &big,
        ][..],
        &["users", "get", "a@example.com", &big][..],
        &["--color", &big, "users", "list"][..],
    ] {
        let out = env.run(args);
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{}", &err[..err.len().min(500)]);
        assert!(err.len() < 4000, "stderr is {} bytes", err.len());
        assert!(err.contains(" bytes, cut)"), "{err}");
        assert!(err.starts_with("error:"), "{err}");
    }
    assert_eq!(env.sandbox.stats().requests, 0);
}
