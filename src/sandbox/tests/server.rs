//! The sandbox as a public endpoint: slow clients, too many connections, floods of paths, and
//! the host-root layout.

use std::time::Duration;

use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::sandbox::testing::{read, Harness};
use crate::sandbox::{Layout, Sandbox, SandboxOptions, SandboxState, PARADIGM_TEST_KEY, VENDORS};

/// Far longer than any wait below should take: a test that reaches it has found a server that
/// never closes, and fails instead of hanging.
const PATIENCE: Duration = Duration::from_secs(30);

async fn raw(h: &Harness) -> TcpStream {
    TcpStream::connect(h.server.addr).await.expect("connect")
}

/// Everything the server sends until it closes the connection.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut seen)).await;
    assert!(read.is_ok(), "still open after {PATIENCE:?}");
    String::from_utf8_lossy(&seen).into_owned()
}

/// Wait (boundedly) until the sandbox counts `open` connections.
async fn wait_for_open(sandbox: &Sandbox, open: u64) {
    let waited = tokio::time::timeout(PATIENCE, async {
        while sandbox.stats().open_connections != open {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(
        waited.is_ok(),
        "open connections stayed at {}, expected {open}",
        sandbox.stats().open_connections
    );
}

fn quick_timeout() -> SandboxOptions {
    SandboxOptions {
        read_timeout: Duration::from_millis(300),
        ..SandboxOptions::default()
    }
}

#[tokio::test]
async fn half_a_request_line_is_closed_after_the_read_timeout() {
    let h = Harness::start(quick_timeout()).await;
    let mut slow = raw(&h).await;
    slow.write_all(b"GET /paradigm/api/v3/us")
        .await
        .expect("write");
    until_closed(&mut slow).await;
    // A client that sends nothing at all meets the same end.
    let mut silent = raw(&h).await;
    until_closed(&mut silent).await;
    wait_for_open(&h.sandbox, 0).await;
    // Honest clients are still served.
    assert_eq!(h.get("/api/v3/users").await.status, 200);
}

#[tokio::test]
async fn a_body_that_never_arrives_is_answered_408_and_closed() {
    let h = Harness::start(quick_timeout()).await;
    let mut slow = raw(&h).await;
    let head = format!(
        "POST /paradigm/api/v3/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \
         {PARADIGM_TEST_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"em"
    );
    slow.write_all(head.as_bytes()).await.expect("write");
    let answer = until_closed(&mut slow).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let users = h.sandbox.with_state(|s| s.paradigm.users.len());
    assert_eq!(users, 5, "nothing created");
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let options = SandboxOptions {
        max_connections: 2,
        read_timeout: PATIENCE * 2,
        ..SandboxOptions::default()
    };
    let h = Harness::start(options).await;
    let mut holders = Vec::new();
    for _ in 0..2 {
        let mut holder = raw(&h).await;
        holder.write_all(b"GET /paradigm/api").await.expect("write");
        holders.push(holder);
    }
    wait_for_open(&h.sandbox, 2).await;
    // A third client gets through the kernel's handshake, but not to the sandbox.
    let mut third = raw(&h).await;
    let request = format!(
        "GET /paradigm/api/v3/groups HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \
         {PARADIGM_TEST_KEY}\r\nConnection: close\r\n\r\n"
    );
    third.write_all(request.as_bytes()).await.expect("write");
    let answered = tokio::spawn(async move { until_closed(&mut third).await });
    drop(holders.pop());
    let answer = answered.await.expect("reader");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let stats = h.sandbox.stats();
    assert_eq!(stats.peak_connections, 2, "{stats:?}");
}

#[tokio::test]
async fn ten_thousand_distinct_paths_leave_by_route_small() {
    let h = Harness::seeded().await;
    let root = h.server.root_url();
    let vendors: Vec<&str> = VENDORS.iter().map(|v| v.name()).collect();
    let methods = [
        Method::GET,
        Method::POST,
        Method::from_bytes(b"BREW").unwrap(),
    ];
    let mut rng = fastrand::Rng::with_seed(9);
    let mut requests = Vec::new();
    for n in 0..10_000u32 {
        let vendor = vendors[rng.usize(..vendors.len())];
        let word: String = (0..8).map(|_| rng.alphanumeric()).collect();
        // Unknown routes, and known ones with an unknown id in every shape.
        let path = match n % 3 {
            0 => format!("/{vendor}/{word}/{n}"),
            1 => format!("/{vendor}/users/{word}"),
            _ => format!("/{vendor}/api/v3/users/{word}{n}"),
        };
        let method = methods[rng.usize(..methods.len())].clone();
        requests.push(h.http.request(method, format!("{root}{path}")));
    }
    // Eight at a time, so the run stays short without opening thousands of sockets.
    let mut pending = requests.into_iter();
    let mut workers = tokio::task::JoinSet::new();
    let chunks: Vec<Vec<_>> = (0..8)
        .map(|_| pending.by_ref().take(1_250).collect())
        .collect();
    for chunk in chunks {
        workers.spawn(async move {
            for request in chunk {
                request.send().await.expect("an answer");
            }
        });
    }
    workers.join_all().await;
    let stats = h.sandbox.stats();
    assert_eq!(stats.requests, 10_000);
    let templates: usize = VENDORS.iter().map(|v| v.routes().len()).sum();
    // Every template under each usual method, and `other`.
    let bound = templates * 7 + 1;
    assert!(
        stats.by_route.len() <= bound,
        "{} keys, more than {bound}: {:?}",
        stats.by_route.len(),
        stats.by_route.keys().take(20).collect::<Vec<_>>()
    );
    assert!(stats.by_route["other"] > 5_000, "{:?}", stats.by_route);
}

#[tokio::test]
async fn vendor_ports_serve_each_vendor_at_its_root_with_root_links() {
    let sandbox = Sandbox::new(SandboxState::seed(), SandboxOptions::default());
    let layout = Layout {
        listen: ([127, 0, 0, 1], 0).into(),
        vendor_base_port: Some(0),
    };
    let server = sandbox.start_layout(layout).await.expect("binds");
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let root = server.vendor_root_url("paradigm").expect("a paradigm port");
    assert_ne!(root, server.root_url());
    let answer = read(
        http.get(format!("{root}/api/v3/users?page_size=2"))
            .bearer_auth(PARADIGM_TEST_KEY),
    )
    .await;
    assert_eq!(answer.status, 200);
    let next = answer.body["next"].as_str().expect("a next link");
    assert!(next.starts_with(&format!("{root}/api/v3/users?")), "{next}");
    // The prefixed layout goes on alongside, and both count under the same route.
    let prefixed = read(
        http.get(format!("{}/api/v3/users", server.base_url("paradigm")))
            .bearer_auth(PARADIGM_TEST_KEY),
    )
    .await;
    assert_eq!(prefixed.status, 200);
    assert_eq!(sandbox.stats().by_route["GET /paradigm/api/v3/users"], 2);
    // A vendor port is that vendor's alone: no prefix, no control routes.
    let prefixed_there = read(http.get(format!("{root}/paradigm/api/v3/users"))).await;
    assert_ne!(prefixed_there.status, 200);
    let control = read(http.get(format!("{root}/_sandbox/stats"))).await;
    assert_ne!(control.status, 200);
    // Every vendor has its own port, and the printed profiles point at them.
    let toml = server.vendor_ports_profiles_toml().expect("profiles");
    let parsed: toml::Value = toml::from_str(&toml).expect("valid TOML");
    for vendor in VENDORS.iter().filter(|v| v.in_profiles()) {
        let name = vendor.name();
        let url = server.vendor_root_url(name).expect("a port");
        // The vendor's own block at its root (SCIM's names the `/v2` below it).
        let own: toml::Value = toml::from_str(&vendor.profile_toml(&url)).expect("a block");
        let base = parsed["profiles"][name]["base_url"].as_str();
        assert_eq!(base, own["base_url"].as_str(), "{name}");
        assert!(base.is_some_and(|b| b.starts_with(url.as_str())), "{name}");
    }
    assert_eq!(
        parsed["profiles"]["cradl"]["auth_url"].as_str(),
        Some(format!("{}/oauth2/token", server.vendor_root_url("cradl").unwrap()).as_str())
    );
    server.shutdown().await;
}

#[tokio::test]
async fn faults_queued_past_the_bound_are_refused() {
    let h = Harness::seeded().await;
    let url = format!("{}/_sandbox/faults", h.server.root_url());
    let rule = serde_json::json!({"vendor": "nobody", "fault": "Drop"});
    for _ in 0..crate::sandbox::faults::MAX_QUEUED {
        assert!(h
            .sandbox
            .inject(serde_json::from_value(rule.clone()).unwrap()));
    }
    let answer = read(h.http.post(&url).json(&rule)).await;
    assert_eq!(answer.status, 429);
    // An oversized rule is refused before it is read whole.
    let big = serde_json::json!({"path_contains": "x".repeat(100_000), "fault": "Drop"});
    let answer = read(h.http.post(&url).json(&big)).await;
    assert_eq!(answer.status, 413);
}
