//! The shared plumbing over real HTTP: faults, stats, control routes, latency, profiles, shutdown.

mod server;

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

use super::testing::{read, Harness};
use super::{Fault, FaultRule, SandboxOptions, PARADIGM_TEST_KEY};

fn rule(method: &str, path: &str, fault: Fault) -> FaultRule {
    FaultRule {
        vendor: Some("paradigm".into()),
        method: Some(method.into()),
        path_contains: Some(path.into()),
        fault,
        times: 1,
    }
}

fn new_user(n: u32) -> Value {
    json!({"email": format!("f{n}@example.com"), "username": format!("f{n}")})
}

#[tokio::test]
async fn too_many_requests_uses_the_vendor_envelope_and_retry_after() {
    let h = Harness::seeded().await;
    h.sandbox.inject(rule(
        "GET",
        "/users",
        Fault::TooManyRequests {
            retry_after_secs: 7,
        },
    ));
    let answer = h.get("/api/v3/users").await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("retry-after"), Some("7"));
    assert_eq!(answer.body["error"], "throttled");
    assert_eq!(answer.body["code"], 429);
    assert_eq!(h.get("/api/v3/users").await.status, 200, "used up");
    assert_eq!(h.sandbox.stats().rate_limited, 1);
}

#[tokio::test]
async fn server_errors_answer_the_status_with_an_envelope() {
    let h = Harness::seeded().await;
    h.sandbox.inject(FaultRule {
        times: 2,
        ..rule("POST", "/api/v3/users", Fault::ServerError { status: 503 })
    });
    // A GET does not match the rule.
    assert_eq!(h.get("/api/v3/users").await.status, 200);
    for n in 0..2 {
        let answer = h.send(Method::POST, "/api/v3/users", new_user(n)).await;
        assert_eq!(answer.status, 503);
        assert_eq!(answer.body["code"], 503);
        assert!(answer.body["detail"].is_string());
    }
    let answer = h.send(Method::POST, "/api/v3/users", new_user(9)).await;
    assert_eq!(answer.status, 201);
    let users = h.sandbox.with_state(|s| s.paradigm.users.len());
    assert_eq!(users, 6, "the failed writes changed nothing");
}

#[tokio::test]
async fn drop_closes_the_connection_without_an_answer_and_changes_nothing() {
    let h = Harness::seeded().await;
    h.sandbox.inject(rule("POST", "/users", Fault::Drop));
    let sent = h
        .paradigm(Method::POST, "/api/v3/users")
        .json(&new_user(1))
        .send()
        .await;
    assert!(sent.is_err(), "expected no HTTP answer, got {sent:?}");
    let users = h.sandbox.with_state(|s| s.paradigm.users.len());
    assert_eq!(users, 5);
    // The sandbox itself goes on.
    assert_eq!(h.get("/api/v3/users").await.status, 200);
}

#[tokio::test]
async fn commit_then_drop_applies_the_write_but_never_answers() {
    let h = Harness::seeded().await;
    h.sandbox
        .inject(rule("POST", "/users", Fault::CommitThenDrop));
    let sent = h
        .paradigm(Method::POST, "/api/v3/users")
        .json(&new_user(1))
        .send()
        .await;
    assert!(sent.is_err(), "expected no HTTP answer, got {sent:?}");
    let created = h.sandbox.with_state(|s| {
        let users = &s.paradigm.users;
        users.iter().any(|u| u.username == "f1")
    });
    assert!(created, "the write was committed");
    // A client that retries blindly now meets its own duplicate.
    let again = h.send(Method::POST, "/api/v3/users", new_user(1)).await;
    assert_eq!(again.status, 422);
}

#[tokio::test]
async fn malformed_json_answers_200_with_a_body_that_does_not_parse() {
    let h = Harness::seeded().await;
    h.sandbox
        .inject(rule("GET", "/groups", Fault::MalformedJson));
    let response = h
        .paradigm(Method::GET, "/api/v3/groups")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.expect("a body");
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn stats_count_requests_writes_and_routes() {
    let h = Harness::seeded().await;
    h.get("/api/v3/users").await;
    h.send(Method::PATCH, "/api/v3/users/2", json!({"language": "de"}))
        .await;
    h.send(
        Method::PATCH,
        "/api/v3/users/3",
        json!({"language": "nope"}),
    )
    .await;
    h.send(Method::DELETE, "/api/v3/users/1", Value::Null).await;
    let stats = h.sandbox.stats();
    assert_eq!(stats.requests, 4);
    assert_eq!(stats.writes, 3, "rejected writes count too");
    assert_eq!(stats.by_route["GET /paradigm/api/v3/users"], 1);
    assert_eq!(stats.by_route["PATCH /paradigm/api/v3/users/{id}"], 2);
    assert_eq!(stats.by_route["DELETE /paradigm/api/v3/users/{id}"], 1);
}

#[tokio::test]
async fn control_routes_show_stats_and_state_and_take_faults() {
    let h = Harness::seeded().await;
    let root = h.server.root_url();
    h.get("/api/v3/users").await;
    let stats = read(h.http.get(format!("{root}/_sandbox/stats"))).await;
    assert_eq!(stats.status, 200);
    assert_eq!(stats.body["requests"], 1, "control routes are not counted");

    let state = read(h.http.get(format!("{root}/_sandbox/state"))).await;
    assert_eq!(
        state.body["paradigm"]["users"][0]["email"],
        "admin@sandbox.example"
    );

    let fault =
        json!({"vendor": "paradigm", "method": "GET", "fault": {"ServerError": {"status": 502}}});
    let answer = read(h.http.post(format!("{root}/_sandbox/faults")).json(&fault)).await;
    assert_eq!(answer.status, 204);
    assert_eq!(h.get("/api/v3/users").await.status, 502);

    for path in ["/nowhere", "/_sandbox/nothing", "/"] {
        let answer = read(h.http.get(format!("{root}{path}"))).await;
        assert_eq!(answer.status, 404, "{path}");
    }
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let latency = Duration::from_millis(150);
    let options = SandboxOptions {
        latency,
        ..SandboxOptions::default()
    };
    let h = Harness::start(options).await;
    let started = Instant::now();
    assert_eq!(h.get("/api/v3/groups").await.status, 200);
    assert!(started.elapsed() >= latency);
}

#[tokio::test]
async fn profiles_point_at_the_running_sandbox_with_the_test_key() {
    let h = Harness::seeded().await;
    let text = h.server.profiles_toml();
    let expected = format!(
        "default_profile = \"paradigm\"\n\n[profiles.paradigm]\nprovider = \"paradigm\"\n\
         base_url = \"{}/paradigm\"\ntoken = \"{PARADIGM_TEST_KEY}\"\n",
        h.server.root_url()
    );
    // The other vendors' blocks follow the default one.
    assert!(text.starts_with(&expected), "{text}");
    let parsed: toml::Value = toml::from_str(&text).expect("valid TOML");
    assert_eq!(
        parsed["profiles"]["paradigm"]["token"].as_str(),
        Some(PARADIGM_TEST_KEY)
    );
}

#[test]
fn a_state_file_from_before_a_vendor_existed_seeds_that_vendor() {
    let state: super::SandboxState = serde_json::from_str("{}").expect("loads");
    let emails: Vec<&str> = state
        .paradigm
        .users
        .iter()
        .map(|u| u.email.as_str())
        .collect();
    assert!(emails.contains(&"admin@sandbox.example"), "{emails:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_serving_on_a_multi_thread_runtime() {
    let h = Harness::seeded().await;
    assert_eq!(h.get("/api/v3/users").await.status, 200);
    let root = h.server.root_url();
    h.server.shutdown().await;
    // A fresh client: the old one's pooled connection was closed by the shutdown.
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let after = client
        .get(format!("{root}/paradigm/api/v3/users"))
        .send()
        .await;
    assert!(after.is_err(), "still serving: {after:?}");
}
