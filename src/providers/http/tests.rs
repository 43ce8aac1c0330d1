//! Unit tests of `http`.

use super::*;
use crate::secret::Secret;
use reqwest::Method;

#[test]
fn garbled_bodies_are_told_from_json() {
    assert!(is_json(b"{\"a\": [1]}"));
    assert!(is_json(b"  "));
    assert!(!is_json(b"{\"results\": ["));
    assert!(!is_json(b"<html>"));
}

#[test]
fn retry_after_reads_seconds_and_dates() {
    assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(Duration::ZERO)
    );
    assert_eq!(parse_retry_after("soon"), None);
}

#[test]
fn plans_hide_secrets() {
    let req = Request::new(Method::POST, "http://h/x", Duration::from_secs(1))
        .bearer(&Secret::new("canary"))
        .json(serde_json::json!({"email": "a@b.c", "password": "hunter2", "nested": [{"client_secret": "s"}]}));
    let p = plan(&req);
    let text = serde_json::to_string(&p).unwrap();
    assert!(!text.contains("canary"));
    assert!(!text.contains("hunter2"));
    assert!(!text.contains("\"s\""));
    assert!(text.contains("a@b.c"));
}

#[test]
fn only_writing_posts_are_not_idempotent() {
    let t = Duration::from_secs(1);
    assert!(!Request::new(Method::POST, "u", t).idempotent());
    assert!(Request::new(Method::PUT, "u", t).idempotent());
    assert!(Request::new(Method::GET, "u", t).idempotent());
    assert!(!Request::new(Method::GET, "u", t).write);
    assert!(!Request::new(Method::POST, "u", t).not_a_write().write);
    assert!(Request::new(Method::POST, "u", t)
        .not_a_write()
        .idempotent());
}

#[tokio::test(start_paused = true)]
async fn the_pacer_spaces_requests_to_the_rate() {
    let p = Pacer::new(10.0);
    let start = tokio::time::Instant::now();
    for _ in 0..5 {
        p.wait().await;
    }
    // Five slots at 100 ms intervals: the first at once, the fifth 400 ms later.
    assert_eq!(start.elapsed(), Duration::from_millis(400));
}

#[test]
fn backoff_grows_and_is_capped() {
    let c = HttpClient::new(false, false).unwrap();
    for attempt in 1..10 {
        assert!(c.backoff(attempt) <= Duration::from_secs(8));
    }
    assert!(c.backoff(1) <= Duration::from_millis(500));
}

#[test]
fn a_definitive_4xx_is_never_retried() {
    for status in 400..500 {
        let expected = status == 429;
        assert_eq!(worth_retrying(status, true), expected, "{status}");
        assert_eq!(worth_retrying(status, false), expected, "{status}");
    }
    assert!(worth_retrying(503, true));
    assert!(!worth_retrying(503, false), "a POST is not sent twice");
    assert!(!worth_retrying(501, true));
}

#[tokio::test]
async fn only_a_write_handed_to_the_network_counts_as_sent() {
    // Port 9 (discard) refuses connections here: every request fails fast, answered or not.
    let t = Duration::from_secs(2);
    let reads = HttpClient::new(false, false).unwrap();
    let get = Request::new(Method::GET, "http://127.0.0.1:9/users", t).patient(1, t);
    let token = Request::new(Method::POST, "http://127.0.0.1:9/token", t)
        .not_a_write()
        .patient(1, t);
    let _ = reads.send(&get).await;
    let _ = reads.send(&token).await;
    assert!(
        !reads.sent_a_write(),
        "reads and token requests change nothing"
    );

    let planned = HttpClient::new(false, true).unwrap();
    let post = Request::new(Method::POST, "http://127.0.0.1:9/users", t).patient(1, t);
    let _ = planned.send(&post).await;
    assert!(!planned.sent_a_write(), "--dry-run holds writes back");

    let writes = HttpClient::new(false, false).unwrap();
    let clone = writes.paced(100.0);
    let _ = clone.send(&post).await;
    assert!(writes.sent_a_write(), "seen through every clone");
}
