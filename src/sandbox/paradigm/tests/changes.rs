//! Changing users and groups: PATCH/PUT rules, membership through groups, delete, rate limits.

use reqwest::Method;
use serde_json::{json, Value};

use super::envelope;
use crate::sandbox::testing::Harness;
use crate::sandbox::SandboxOptions;

fn group_ids(user: &Value) -> Vec<u64> {
    let groups = user["groups"].as_array().cloned().unwrap_or_default();
    groups.iter().filter_map(|g| g["id"].as_u64()).collect()
}

/// The user `id` as the list shows it.
async fn listed_user(h: &Harness, id: u64) -> Value {
    let page = h.get("/api/v3/users?page_size=100").await;
    let results = page.body["results"].as_array().cloned().unwrap_or_default();
    let found = results.into_iter().find(|u| u["id"] == json!(id));
    found.unwrap_or(Value::Null)
}

#[tokio::test]
async fn patch_changes_only_the_four_editable_fields() {
    let h = Harness::seeded().await;
    let patch = |body: Value| h.send(Method::PATCH, "/api/v3/users/2", body);
    let answer = patch(json!({"first_name": "Augusta", "language": "ar"})).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["first_name"], "Augusta");
    assert_eq!(answer.body["last_name"], "Lovelace", "untouched");
    assert_eq!(answer.body["language"], "ar");
    let answer = patch(json!({"account_expiration_date": "2032-02-02T02:02:02Z"})).await;
    assert_eq!(
        answer.body["account_expiration_date"],
        "2032-02-02T02:02:02Z"
    );
    let answer = patch(json!({"account_expiration_date": null})).await;
    assert_eq!(answer.body["account_expiration_date"], Value::Null);

    for field in [
        "groups",
        "roles",
        "email",
        "username",
        "is_active",
        "company_id",
    ] {
        let answer = envelope(patch(json!({field: [1]})).await, 422, "validation_error");
        assert_eq!(answer.field_codes(field), ["invalid"], "{field}");
    }
    let answer =
        patch(json!({"language": "klingon", "account_expiration_date": "2030-01-01T00:00"})).await;
    let answer = envelope(answer, 422, "validation_error");
    assert_eq!(answer.field_codes("language"), ["invalid"]);
    assert_eq!(answer.field_codes("account_expiration_date"), ["invalid"]);
    let unchanged = listed_user(&h, 2).await;
    assert_eq!(group_ids(&unchanged), [1], "PATCH did not touch membership");
    assert_eq!(unchanged["language"], "ar");

    let missing = h.send(Method::PATCH, "/api/v3/users/999", json!({})).await;
    envelope(missing, 404, "not_found");
}

#[tokio::test]
async fn put_needs_all_four_fields() {
    let h = Harness::seeded().await;
    let answer = h
        .send(Method::PUT, "/api/v3/users/3", json!({"first_name": "G"}))
        .await;
    let answer = envelope(answer, 422, "validation_error");
    for field in ["last_name", "account_expiration_date", "language"] {
        assert_eq!(answer.field_codes(field), ["required"], "{field}");
    }
    assert!(answer.field_codes("first_name").is_empty());
    let full = json!({
        "first_name": "Grace",
        "last_name": "Brewster",
        "account_expiration_date": null,
        "language": "en",
        "groups": [1],
    });
    let answer = h.send(Method::PUT, "/api/v3/users/3", full.clone()).await;
    let answer = envelope(answer, 422, "validation_error");
    assert_eq!(answer.field_codes("groups"), ["invalid"]);
    let mut full = full;
    if let Some(body) = full.as_object_mut() {
        body.remove("groups");
    }
    let answer = h.send(Method::PUT, "/api/v3/users/3", full).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["last_name"], "Brewster");
}

#[tokio::test]
async fn group_put_replaces_members_and_users_show_it() {
    let h = Harness::seeded().await;
    let answer = h
        .send(
            Method::PUT,
            "/api/v3/groups/2",
            json!({"name": "Sales EMEA", "user_ids": [4, 2, 2]}),
        )
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["name"], "Sales EMEA");
    assert_eq!(answer.body["user_ids"], json!([2, 4]));
    assert_eq!(
        answer.body["description"], "Finds and keeps customers",
        "kept"
    );
    assert_ne!(answer.body["updated_at"], answer.body["created_at"]);

    assert_eq!(group_ids(&listed_user(&h, 2).await), [1, 2]);
    assert_eq!(group_ids(&listed_user(&h, 4).await), [2, 3]);
    assert_eq!(
        group_ids(&listed_user(&h, 5).await),
        Vec::<u64>::new(),
        "margaret left"
    );
    let in_sales = h.get("/api/v3/users?group_id=2").await;
    assert_eq!(in_sales.body["count"], 2);

    let bad = h
        .send(
            Method::PUT,
            "/api/v3/groups/2",
            json!({"name": "", "user_ids": [77]}),
        )
        .await;
    let bad = envelope(bad, 422, "validation_error");
    assert_eq!(bad.field_codes("user_ids"), ["invalid"]);
    assert_eq!(bad.field_codes("name"), ["required"]);
    let nameless = h
        .send(Method::PUT, "/api/v3/groups/2", json!({"user_ids": []}))
        .await;
    assert_eq!(
        envelope(nameless, 422, "validation_error").field_codes("name"),
        ["required"]
    );
    let unknown = h
        .send(Method::PUT, "/api/v3/groups/9", json!({"name": "x"}))
        .await;
    envelope(unknown, 404, "not_found");
}

/// The README documents no way to create or delete a group: `groups create` and `delete` must
/// meet the 405 a real tenant gives, with nothing changed.
#[tokio::test]
async fn groups_can_be_neither_created_nor_deleted() {
    let h = Harness::seeded().await;
    let answer = h
        .send(Method::DELETE, "/api/v3/groups/2", Value::Null)
        .await;
    let answer = envelope(answer, 405, "method_not_allowed");
    assert_eq!(answer.header("allow"), Some("PUT, PATCH"));
    let answer = h
        .send(Method::POST, "/api/v3/groups", json!({"name": "New"}))
        .await;
    envelope(answer, 405, "method_not_allowed");
    let groups = h.sandbox.snapshot().paradigm.groups;
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Engineering", "Sales", "Support"]);
}

#[tokio::test]
async fn group_patch_renames_but_refuses_members() {
    let h = Harness::seeded().await;
    let answer = h
        .send(Method::PATCH, "/api/v3/groups/3", json!({"user_ids": [1]}))
        .await;
    let answer = envelope(answer, 422, "validation_error");
    assert_eq!(answer.field_codes("user_ids"), ["invalid"]);
    let answer = h
        .send(
            Method::PATCH,
            "/api/v3/groups/3",
            json!({"description": "Helps"}),
        )
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["name"], "Support");
    assert_eq!(answer.body["description"], "Helps");
    assert_eq!(answer.body["user_ids"], json!([3, 4]));
}

#[tokio::test]
async fn delete_answers_204_and_a_key_cannot_delete_its_own_user() {
    let h = Harness::seeded().await;
    let answer = h.send(Method::DELETE, "/api/v3/users/3", Value::Null).await;
    assert_eq!(answer.status, 204, "{answer:?}");
    assert_eq!(listed_user(&h, 3).await, Value::Null);
    let groups = h.sandbox.snapshot().paradigm.groups;
    assert!(
        groups.iter().all(|g| !g.user_ids.contains(&3)),
        "{groups:?}"
    );
    let again = h.send(Method::DELETE, "/api/v3/users/3", Value::Null).await;
    envelope(again, 404, "not_found");

    let own = h.send(Method::DELETE, "/api/v3/users/1", Value::Null).await;
    envelope(own, 403, "permission_denied");
    assert_ne!(listed_user(&h, 1).await, Value::Null);

    // Ids are never reused, even the highest one after it is deleted.
    let last = h.send(Method::DELETE, "/api/v3/users/5", Value::Null).await;
    assert_eq!(last.status, 204);
    let created = h
        .send(
            Method::POST,
            "/api/v3/users",
            json!({"email": "n@example.com", "username": "n"}),
        )
        .await;
    assert_eq!(created.body["id"], 6);
}

#[tokio::test]
async fn the_documented_write_limit_answers_429_with_retry_after() {
    let h = Harness::seeded().await;
    for n in 0..60 {
        let answer = h
            .send(Method::PATCH, "/api/v3/users/2", json!({"first_name": "A"}))
            .await;
        assert_eq!(answer.status, 200, "write {n}: {answer:?}");
    }
    let answer = h.send(Method::PATCH, "/api/v3/users/2", json!({})).await;
    let answer = envelope(answer, 429, "throttled");
    let wait: u64 = answer
        .header("retry-after")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!((1..=60).contains(&wait), "{wait}");
    // Lists have their own window.
    assert_eq!(h.get("/api/v3/users").await.status, 200);
    assert_eq!(h.sandbox.stats().rate_limited, 1);
}

#[tokio::test]
async fn an_overridden_rate_applies_to_every_class() {
    // One request per 100 s: the second one is refused however slow the machine is.
    let options = SandboxOptions {
        rate_limit_per_sec: Some(0.01),
        ..SandboxOptions::default()
    };
    let h = Harness::start(options).await;
    assert_eq!(h.get("/api/v3/groups").await.status, 200);
    let answer = envelope(h.get("/api/v3/users").await, 429, "throttled");
    let wait: u64 = answer
        .header("retry-after")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    assert!((1..=100).contains(&wait), "{wait}");
    let write = h.send(Method::PATCH, "/api/v3/users/2", json!({})).await;
    assert_eq!(write.status, 200, "writes are another class");
    let write = h.send(Method::PATCH, "/api/v3/users/2", json!({})).await;
    envelope(write, 429, "throttled");
    assert_eq!(h.sandbox.stats().rate_limited, 2);
}
