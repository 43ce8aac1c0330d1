//! The RFC dialect over real HTTP: groups and their members, searches, odd endpoints, and the
//! shared plumbing's faults and rate limits.

use reqwest::Method;
use serde_json::json;

use super::{get, harness, patch_op, scim, scim_type, send};
use crate::sandbox::scim::{Dialect, ADA_ID, ALAN_ID, ENGINEERING_ID, EVERYONE_ID, GRACE_ID};
use crate::sandbox::testing::read;
use crate::sandbox::{Fault, FaultRule};

const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

#[tokio::test]
async fn groups_keep_their_members_real() {
    let h = harness(Dialect::Rfc).await;
    let group = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Ops",
        "members": [{"value": ADA_ID}, {"value": "no-such-user"}]});
    let bad = send(&h, Method::POST, "/Groups", &group).await;
    assert_eq!((bad.status, scim_type(&bad)), (400, Some("invalidValue")));
    let group = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Ops",
        "members": [{"value": ADA_ID, "display": "ignored"}, {"value": ENGINEERING_ID, "type": "Group"}]});
    let created = send(&h, Method::POST, "/Groups", &group).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let members = created.body["members"].as_array().unwrap();
    assert!(
        members[0].get("display").is_none(),
        "RFC 7643 §8.7.1 members have no display"
    );
    assert_eq!(members[0]["type"], "User");
    assert!(members[0]["$ref"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/Users/{ADA_ID}")));
    let id = created.body["id"].as_str().unwrap().to_string();

    let add = send(
        &h,
        Method::PATCH,
        &format!("/Groups/{id}"),
        &patch_op(json!([
            {"op": "add", "path": "members", "value": [{"value": GRACE_ID}]}
        ])),
    )
    .await;
    assert_eq!(add.body["members"].as_array().unwrap().len(), 3);
    let ghost = send(
        &h,
        Method::PATCH,
        &format!("/Groups/{id}"),
        &patch_op(json!([
            {"op": "add", "path": "members", "value": [{"value": "ghost"}]}
        ])),
    )
    .await;
    assert_eq!(scim_type(&ghost), Some("invalidValue"));
    let remove = send(
        &h,
        Method::PATCH,
        &format!("/Groups/{id}"),
        &patch_op(json!([
            {"op": "remove", "path": format!("members[value eq \"{ADA_ID}\"]")}
        ])),
    )
    .await;
    let left: Vec<&str> = remove.body["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["value"].as_str())
        .collect();
    assert_eq!(left, [ENGINEERING_ID, GRACE_ID]);

    // Deleting a user takes it out of every group.
    let deleted = read(scim(&h, Method::DELETE, &format!("/Users/{GRACE_ID}"))).await;
    assert_eq!(deleted.status, 204);
    let engineering = get(&h, &format!("/Groups/{ENGINEERING_ID}")).await;
    assert!(!engineering.body.to_string().contains(GRACE_ID));
    let ops = get(&h, &format!("/Groups/{id}")).await;
    assert!(!ops.body.to_string().contains(GRACE_ID));
    // And groups can be found by member.
    let with_alan = get(
        &h,
        &format!("/Groups?filter=members%20eq%20%22{ALAN_ID}%22"),
    )
    .await;
    assert_eq!(with_alan.body["Resources"][0]["id"], EVERYONE_ID);
}

#[tokio::test]
async fn search_by_post_and_unoffered_endpoints() {
    let h = harness(Dialect::Rfc).await;
    let search = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": "active eq false", "attributes": ["userName"], "count": 10});
    let found = send(&h, Method::POST, "/Users/.search", &search).await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(found.body["totalResults"], 1);
    assert_eq!(
        found.body["Resources"][0]["userName"],
        "alan.turing@scim.sandbox.example"
    );
    // At the root, a search spans users and groups; a filter only one of them knows is fine.
    let root = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": "displayName sw \"E\""});
    let both = send(&h, Method::POST, "/.search", &root).await;
    assert_eq!(both.status, 200, "{}", both.body);
    let kinds: Vec<&str> = both.body["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["meta"]["resourceType"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["User", "Group", "Group"],
        "Edsger, Engineering, Everyone"
    );
    let groups_only = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": "members pr"});
    assert_eq!(
        send(&h, Method::POST, "/.search", &groups_only).await.body["totalResults"],
        3
    );
    let neither = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter": "shoeSize pr"});
    assert_eq!(
        scim_type(&send(&h, Method::POST, "/.search", &neither).await),
        Some("invalidFilter")
    );
    assert_eq!(get(&h, "/Me").await.status, 501);
    assert_eq!(get(&h, "/Nothing").await.status, 404);
    let wrong = read(scim(&h, Method::DELETE, "/Users")).await;
    assert_eq!(wrong.status, 405);
    // Endpoint names match case-insensitively.
    assert_eq!(get(&h, "/users?count=1").await.status, 200);
    let bad_filter = get(&h, "/Users?filter=userName%20eq").await;
    assert_eq!(
        (bad_filter.status, scim_type(&bad_filter)),
        (400, Some("invalidFilter"))
    );
}

#[tokio::test]
async fn faults_and_throttling_answer_in_scim_shape() {
    let h = harness(Dialect::Rfc).await;
    let rule = |fault| FaultRule {
        vendor: Some("scim".into()),
        method: Some("GET".into()),
        path_contains: Some("/Users".into()),
        fault,
        times: 1,
    };
    h.sandbox.inject(rule(Fault::TooManyRequests {
        retry_after_secs: 9,
    }));
    let limited = get(&h, "/Users").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("9"));
    assert_eq!(
        (
            limited.body["schemas"].clone(),
            limited.body["status"].clone()
        ),
        (json!([ERROR]), json!("429"))
    );
    h.sandbox.inject(rule(Fault::ServerError { status: 503 }));
    let failed = get(&h, "/Users").await;
    assert_eq!(
        (failed.status, failed.body["status"].clone()),
        (503, json!("503"))
    );
    assert_eq!(get(&h, "/Users").await.status, 200);
    let stats = h.sandbox.stats();
    assert_eq!(stats.by_route["GET /scim/v2/Users"], 3);
    get(&h, &format!("/Users/{ADA_ID}")).await;
    assert_eq!(h.sandbox.stats().by_route["GET /scim/v2/Users/{id}"], 1);
}

#[tokio::test]
async fn the_rate_limit_option_applies() {
    let h = crate::sandbox::testing::Harness::start(crate::sandbox::SandboxOptions {
        rate_limit_per_sec: Some(0.001),
        ..Default::default()
    })
    .await;
    assert_eq!(get(&h, "/Users").await.status, 200);
    let limited = get(&h, "/Users").await;
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
    assert_eq!(limited.body["schemas"], json!([ERROR]));
}
