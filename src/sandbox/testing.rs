//! Helpers for the sandbox's own tests: a started sandbox and a client that speaks to it.

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::Value;

use super::{RunningSandbox, Sandbox, SandboxOptions, SandboxState, PARADIGM_TEST_KEY};

pub(crate) struct Harness {
    pub(crate) sandbox: Sandbox,
    pub(crate) server: RunningSandbox,
    pub(crate) http: reqwest::Client,
}

/// An answer read whole: status, headers, and the body as JSON (`Null` when empty or not JSON).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Value,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The field errors of a 422 answer for `field`, as `error` codes.
    pub(crate) fn field_codes(&self, field: &str) -> Vec<String> {
        self.body["fields"][field]
            .as_array()
            .map(|errors| {
                let codes = errors.iter().filter_map(|e| e["error"].as_str());
                codes.map(str::to_string).collect()
            })
            .unwrap_or_default()
    }
}

impl Harness {
    pub(crate) async fn start(options: SandboxOptions) -> Harness {
        let sandbox = Sandbox::new(SandboxState::seed(), options);
        let server = sandbox
            .start(([127, 0, 0, 1], 0).into())
            .await
            .expect("bind 127.0.0.1:0");
        // No proxy: one set in the environment must not carry loopback traffic.
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("build a client");
        Harness {
            sandbox,
            server,
            http,
        }
    }

    pub(crate) async fn seeded() -> Harness {
        Harness::start(SandboxOptions::default()).await
    }

    /// A request to Paradigm with the test key; `path` is below `/paradigm`.
    pub(crate) fn paradigm(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.server.base_url("paradigm"));
        self.http
            .request(method, url)
            .bearer_auth(PARADIGM_TEST_KEY)
    }

    pub(crate) async fn get(&self, path: &str) -> Answer {
        read(self.paradigm(Method::GET, path)).await
    }

    pub(crate) async fn send(&self, method: Method, path: &str, body: Value) -> Answer {
        read(self.paradigm(method, path).json(&body)).await
    }
}

/// Send and read the whole answer; a transport error fails the test.
pub(crate) async fn read(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("an HTTP answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("a whole body");
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}
