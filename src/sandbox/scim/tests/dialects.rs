//! Each dialect's deviations, over real HTTP.

use reqwest::Method;
use serde_json::{json, Value};

use super::{get, harness, patch_op, scim, scim_type, send};
use crate::sandbox::scim::{
    Dialect, ADA_ID, ALAN_ID, ENGINEERING_ID, GRACE_ID, KATHERINE_ID, SCIM_TEST_TOKEN,
};
use crate::sandbox::testing::read;

fn members_patch(op: &str, ids: &[String]) -> Value {
    let values: Vec<Value> = ids.iter().map(|id| json!({"value": id})).collect();
    patch_op(json!([{"op": op, "path": "members", "value": values}]))
}

/// `n` new users' ids.
fn add_users(h: &crate::sandbox::testing::Harness, n: usize) -> Vec<String> {
    h.sandbox.with_state(|s| {
        (0..n)
            .map(|i| s.scim.add_user(&format!("m{i}@bench.example")))
            .collect()
    })
}

#[tokio::test]
async fn entra_pages_by_cursor_answers_patch_with_204_and_limits_members() {
    let h = harness(Dialect::Entra).await;
    let config = get(&h, "/ServiceProviderConfig").await;
    assert_eq!(config.body["pagination"]["index"], false);
    assert_eq!(
        config.body["pagination"]["defaultPaginationMethod"],
        "cursor"
    );
    let list = get(&h, "/Users?count=2").await;
    assert_eq!(list.body["resources"].as_array().unwrap().len(), 2);
    assert!(list.body["nextCursor"].is_string());
    assert_eq!(
        scim_type(&get(&h, "/Users?startIndex=1").await),
        Some("invalidValue")
    );
    let emails = get(&h, "/Users?filter=emails%5Btype%20eq%20%22work%22%5D").await;
    assert_eq!(
        (emails.status, scim_type(&emails)),
        (400, Some("invalidFilter"))
    );
    assert_eq!(
        get(&h, "/Users?filter=userName%20eq%20%22x%22")
            .await
            .status,
        200
    );

    let patched = send(
        &h,
        Method::PATCH,
        &format!("/Users/{ADA_ID}"),
        &patch_op(json!([{"op": "Replace", "path": "title", "value": "CTO"}])),
    )
    .await;
    assert_eq!(patched.status, 204);
    assert!(patched.header("etag").is_some());
    assert_eq!(
        get(&h, &format!("/Users/{ADA_ID}")).await.body["title"],
        "CTO"
    );
    // With `attributes` the answer must be 200 and the resource (RFC 7644 §3.5.2).
    let asked = send(
        &h,
        Method::PATCH,
        &format!("/Users/{ADA_ID}?attributes=title"),
        &patch_op(json!([{"op": "replace", "path": "title", "value": "CEO"}])),
    )
    .await;
    assert_eq!(
        (asked.status, asked.body["title"].clone()),
        (200, json!("CEO"))
    );

    let ids = add_users(&h, 21);
    let group = format!("/Groups/{ENGINEERING_ID}");
    let too_many = send(&h, Method::PATCH, &group, &members_patch("Add", &ids)).await;
    assert_eq!(
        (too_many.status, scim_type(&too_many)),
        (400, Some("invalidValue"))
    );
    assert!(too_many.body["detail"].as_str().unwrap().contains("20"));
    let twenty = send(&h, Method::PATCH, &group, &members_patch("Add", &ids[..20])).await;
    assert_eq!(twenty.status, 204);
    let two = send(
        &h,
        Method::PATCH,
        &group,
        &members_patch("Remove", &ids[..2]),
    )
    .await;
    assert_eq!(scim_type(&two), Some("invalidValue"));
    let one = send(
        &h,
        Method::PATCH,
        &group,
        &members_patch("Remove", &ids[..1]),
    )
    .await;
    assert_eq!(one.status, 204);
    let members = h.sandbox.with_state(|s| {
        s.scim
            .find(
                crate::sandbox::scim::schema::ResourceType::Group,
                ENGINEERING_ID,
            )
            .map(|g| g.member_ids().len())
    });
    assert_eq!(members, Some(3 + 19));
}

#[tokio::test]
async fn aws_hides_members_limits_changes_and_filters() {
    let h = harness(Dialect::Aws).await;
    let group = get(&h, &format!("/Groups/{ENGINEERING_ID}")).await;
    assert!(group.body.get("members").is_none());
    let by_member = get(
        &h,
        &format!("/Groups?filter=members%20eq%20%22{GRACE_ID}%22"),
    )
    .await;
    assert_eq!(by_member.body["Resources"][0]["id"], ENGINEERING_ID);
    assert!(by_member.body.get("totalResults").is_none());
    for filter in [
        "userName%20ne%20%22x%22",
        "userName%20eq%20%22a%22%20or%20userName%20eq%20%22b%22",
    ] {
        let answer = get(&h, &format!("/Users?filter={filter}")).await;
        assert_eq!(scim_type(&answer), Some("invalidFilter"), "{filter}");
    }
    let ids = add_users(&h, 101);
    let path = format!("/Groups/{ENGINEERING_ID}");
    let over = send(&h, Method::PATCH, &path, &members_patch("add", &ids)).await;
    assert_eq!(scim_type(&over), Some("invalidValue"));
    let ok = send(&h, Method::PATCH, &path, &members_patch("add", &ids[..100])).await;
    assert_eq!(ok.status, 200);
    assert_eq!(
        get(&h, "/ServiceProviderConfig").await.body["sort"]["supported"],
        false
    );
}

#[tokio::test]
async fn google_needs_a_user_filter_and_answers_writes_with_empty_objects() {
    let h = harness(Dialect::Google).await;
    let all = get(&h, "/Users").await;
    assert_eq!((all.status, scim_type(&all)), (400, Some("tooMany")));
    let one = get(
        &h,
        "/Users?filter=userName%20eq%20%22ada.lovelace@scim.sandbox.example%22",
    )
    .await;
    assert_eq!(one.body["resources"][0]["id"], ADA_ID);
    assert!(
        one.body["resources"][0]["meta"].get("version").is_none(),
        "no ETags"
    );
    assert_eq!(get(&h, "/Groups").await.body["totalResults"], 3);
    let patched = send(
        &h,
        Method::PATCH,
        &format!("/Users/{ADA_ID}"),
        &patch_op(json!([{"op": "replace", "path": "title", "value": "x"}])),
    )
    .await;
    assert_eq!((patched.status, patched.body.clone()), (200, json!({})));
    let deleted = read(scim(&h, Method::DELETE, &format!("/Users/{ALAN_ID}"))).await;
    assert_eq!((deleted.status, deleted.body), (200, json!({})));
    assert_eq!(get(&h, &format!("/Users/{ALAN_ID}")).await.status, 404);
}

#[tokio::test]
async fn slack_deletes_by_deactivating() {
    let h = harness(Dialect::Slack).await;
    let deleted = read(scim(&h, Method::DELETE, &format!("/Users/{KATHERINE_ID}"))).await;
    assert_eq!(deleted.status, 204);
    let still = get(&h, &format!("/Users/{KATHERINE_ID}")).await;
    assert_eq!(
        (still.status, still.body["active"].clone()),
        (200, json!(false))
    );
    let listed = get(&h, "/Users?filter=active%20eq%20false").await;
    assert_eq!(listed.body["totalResults"], 2);
    assert_eq!(get(&h, "/Users").await.body["itemsPerPage"], 5);
    assert_eq!(
        get(&h, "/ServiceProviderConfig").await.body["pagination"]["cursor"],
        false
    );
}

#[tokio::test]
async fn github_wants_a_user_agent_and_deletes_for_good() {
    let h = harness(Dialect::Github).await;
    let url = format!("{}/v2/Users", h.server.base_url("scim"));
    let bare = h
        .http
        .get(&url)
        .bearer_auth(SCIM_TEST_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 403);
    let content_type = bare
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    assert!(content_type.is_some_and(|c| c.starts_with("text/plain")));
    assert!(bare.text().await.unwrap().contains("User-Agent"));
    assert_eq!(get(&h, "/Users").await.status, 200);
    let deleted = read(scim(&h, Method::DELETE, &format!("/Users/{ALAN_ID}"))).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(get(&h, &format!("/Users/{ALAN_ID}")).await.status, 404);
}

#[tokio::test]
async fn rfc_needs_no_user_agent() {
    let h = harness(Dialect::Rfc).await;
    let url = format!("{}/v2/Users", h.server.base_url("scim"));
    let bare = h
        .http
        .get(&url)
        .bearer_auth(SCIM_TEST_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 200);
}

#[test]
fn dialect_names_round_trip() {
    for name in Dialect::NAMES {
        assert_eq!(Dialect::from_name(name).map(Dialect::name), Some(*name));
    }
    assert_eq!(Dialect::from_name("ENTRA"), Some(Dialect::Entra));
    assert_eq!(Dialect::from_name("okta"), None);
}
