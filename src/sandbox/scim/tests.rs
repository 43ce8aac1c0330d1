//! The SCIM server's tests: PATCH and paging below HTTP, then requests over real HTTP.

mod dialects;
mod groups;
mod http;
mod paging;
mod patch;

use reqwest::Method;
use serde_json::Value;

use super::{Dialect, SCIM_TEST_TOKEN};
use crate::sandbox::testing::{read, Answer, Harness};
use crate::sandbox::SandboxOptions;

/// A seeded sandbox whose SCIM server speaks `dialect`.
async fn harness(dialect: Dialect) -> Harness {
    Harness::start(SandboxOptions {
        scim_dialect: dialect,
        ..SandboxOptions::default()
    })
    .await
}

/// A request below the SCIM root (`/Users`), with the test token and a User-Agent.
fn scim(h: &Harness, method: Method, path: &str) -> reqwest::RequestBuilder {
    let url = format!("{}/v2{path}", h.server.base_url("scim"));
    h.http
        .request(method, url)
        .bearer_auth(SCIM_TEST_TOKEN)
        .header("user-agent", "roster-tests")
}

async fn get(h: &Harness, path: &str) -> Answer {
    read(scim(h, Method::GET, path)).await
}

/// Send `body` as application/scim+json.
async fn send(h: &Harness, method: Method, path: &str, body: &Value) -> Answer {
    let request = scim(h, method, path)
        .header("content-type", "application/scim+json")
        .body(body.to_string());
    read(request).await
}

fn patch_op(operations: Value) -> Value {
    serde_json::json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": operations,
    })
}

fn scim_type(answer: &Answer) -> Option<&str> {
    answer.body["scimType"].as_str()
}
