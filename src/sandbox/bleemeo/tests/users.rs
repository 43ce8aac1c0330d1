//! `/v1/user/` over real HTTP: pages, filters, field trimming, validation, duplicates, changes.

use reqwest::Method;
use serde_json::{json, Value};

use super::{call, get, login};
use crate::sandbox::bleemeo::seed::ADMIN_ID;
use crate::sandbox::testing::{read, Harness};

fn emails(page: &Value) -> Vec<String> {
    let results = page["results"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .filter_map(|u| u["email"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn users_page_through_absolute_next_links() {
    let h = Harness::seeded().await;
    h.sandbox.with_state(|s| {
        for n in 0..56 {
            s.bleemeo.add_user(&format!("u{n}@example.com"));
        }
    });
    let token = login(&h).await;
    let mut url = format!("{}/v1/user/?page_size=20", h.server.base_url("bleemeo"));
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let answer = read(h.http.get(&url).bearer_auth(&token)).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.body["count"], 60);
        pages += 1;
        seen.extend(emails(&answer.body));
        match answer.body["next"].as_str() {
            Some(next) => {
                let expected = format!(
                    "{}/bleemeo/v1/user/?page={}&page_size=20",
                    h.server.root_url(),
                    pages + 1
                );
                assert_eq!(next, expected);
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(pages, 3);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 60, "every user once");
    let first = get(&h, &token, "/v1/user/").await;
    assert_eq!(emails(&first.body).len(), 25, "default page size");
    assert_eq!(first.body["previous"], Value::Null);
    for past in [
        "/v1/user/?page=4&page_size=20",
        "/v1/user/?page=0",
        "/v1/user/?page=x",
    ] {
        let answer = get(&h, &token, past).await;
        assert_eq!(answer.status, 404, "{past}");
        assert_eq!(answer.body["detail"], "Invalid page.");
    }
}

#[tokio::test]
async fn page_size_is_clamped_at_2500() {
    let h = Harness::seeded().await;
    h.sandbox.with_state(|s| {
        for n in 0..2600 {
            s.bleemeo.add_user(&format!("bulk{n}@example.com"));
        }
    });
    let token = login(&h).await;
    let answer = get(&h, &token, "/v1/user/?page_size=100000&fields=id").await;
    assert_eq!(emails(&answer.body).len(), 0, "trimmed to ids");
    let results = answer.body["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(results.len(), 2500);
    let next = answer.body["next"].as_str().unwrap_or_default();
    assert!(
        next.contains("page_size=2500") && next.contains("fields=id"),
        "{next}"
    );
}

#[tokio::test]
async fn the_email_filter_is_exact_and_fields_trim_every_answer() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let found = get(&h, &token, "/v1/user/?email=ada@sandbox.example").await;
    assert_eq!(emails(&found.body), ["ada@sandbox.example"]);
    for other in ["ADA@sandbox.example", "ada@sandbox", "sandbox.example"] {
        let answer = get(&h, &token, &format!("/v1/user/?email={other}")).await;
        assert_eq!(answer.body["count"], 0, "{other}");
    }
    let trimmed = get(&h, &token, "/v1/user/?fields=id,email,nope").await;
    let keys: Vec<String> = trimmed.body["results"][0]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["email", "id"]);
    let one = get(&h, &token, &format!("/v1/user/{ADMIN_ID}/?fields=is_admin")).await;
    assert_eq!(one.body, json!({"is_admin": true}));
    let body = json!({"email": "trim@example.com"});
    let created = call(&h, &token, Method::POST, "/v1/user/?fields=id", Some(body)).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.body.as_object().map(|m| m.len()), Some(1));
}

#[tokio::test]
async fn creating_a_user_answers_201_with_every_seed_field() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let body = json!({
        "email": "new@example.com",
        "first_name": "New",
        "last_name": "Person",
        "is_manager": true,
        "timezone": "America/Argentina/Buenos_Aires",
        "toggle_weekly": null,
        "notification_web_ok": false,
        "id": "ignored: read-only",
        "date_joined": "2020-01-01T00:00:00Z",
        "favourite_colour": "ignored too",
    });
    let answer = call(&h, &token, Method::POST, "/v1/user/", Some(body)).await;
    assert_eq!(answer.status, 201, "{answer:?}");
    let user = &answer.body;
    for key in [
        "account",
        "accounts",
        "activated_at",
        "can_leave_account",
        "created_at",
        "created_by",
        "date_joined",
        "email",
        "failed_login_count",
        "first_name",
        "has_two_factor_auth",
        "id",
        "is_admin",
        "is_manager",
        "last_access",
        "last_login",
        "last_name",
        "mobile_notification_enable",
        "modified_at",
        "notification_web_critical",
        "notification_web_ok",
        "notification_web_warning",
        "password_last_change",
        "profile_picture",
        "default_profile_picture",
        "timezone",
        "toggle_newsletter",
        "toggle_weekly",
        "user",
    ] {
        assert!(user.get(key).is_some(), "missing {key}: {user}");
    }
    assert!(super::super::is_uuid(
        user["id"].as_str().unwrap_or_default()
    ));
    assert_eq!(
        (&user["is_admin"], &user["is_manager"]),
        (&json!(false), &json!(true))
    );
    assert_eq!(user["timezone"], "America/Argentina/Buenos_Aires");
    assert_eq!(user["notification_web_ok"], false);
    assert_eq!(user["created_by"], ADMIN_ID);
    assert_eq!(
        (&user["activated_at"], &user["date_joined"]),
        (&Value::Null, &Value::Null)
    );
    let id = user["id"].as_str().unwrap_or_default();
    let again = get(&h, &token, &format!("/v1/user/{id}/")).await;
    assert_eq!(again.body["email"], "new@example.com");
}

#[tokio::test]
async fn each_create_rule_is_a_400_on_its_field() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let cases = [
        (json!({}), "email"),
        (json!({"email": ""}), "email"),
        (json!({"email": "not-an-email"}), "email"),
        (json!({"email": 5}), "email"),
        (json!({"email": "ADA@Sandbox.Example"}), "email"),
        (
            json!({"email": "a@example.com", "first_name": "x".repeat(151)}),
            "first_name",
        ),
        (
            json!({"email": "a@example.com", "is_admin": "yes"}),
            "is_admin",
        ),
        (
            json!({"email": "a@example.com", "is_manager": null}),
            "is_manager",
        ),
        (
            json!({"email": "a@example.com", "timezone": "Mars/Olympus Mons"}),
            "timezone",
        ),
        (json!({"email": "a@example.com", "timezone": 3}), "timezone"),
        (
            json!({"email": "a@example.com", "toggle_newsletter": 1}),
            "toggle_newsletter",
        ),
    ];
    for (body, field) in cases {
        let answer = call(&h, &token, Method::POST, "/v1/user/", Some(body.clone())).await;
        assert_eq!(answer.status, 400, "{body}: {answer:?}");
        let messages = answer.body[field].as_array().cloned().unwrap_or_default();
        assert!(
            !messages.is_empty() && messages[0].is_string(),
            "{body}: {answer:?}"
        );
    }
    let dup = call(
        &h,
        &token,
        Method::POST,
        "/v1/user/",
        Some(json!({"email": "Ada@sandbox.example"})),
    )
    .await;
    assert_eq!(dup.body["email"][0], "user with this email already exists.");
    assert_eq!(
        h.sandbox.with_state(|s| s.bleemeo.users.len()),
        4,
        "nothing was created"
    );
    let form = h
        .http
        .post(format!("{}/v1/user/", h.server.base_url("bleemeo")))
        .bearer_auth(&token)
        .form(&[("email", "f@example.com")]);
    assert_eq!(read(form).await.status, 415);
}

#[tokio::test]
async fn patch_changes_writable_fields_and_delete_removes_the_member() {
    let h = Harness::seeded().await;
    let token = login(&h).await;
    let grace = "7c4e9a36-1d5b-4e8c-a2f3-4b5c6d7e8f90";
    let path = format!("/v1/user/{grace}/");
    let body =
        json!({"timezone": "Asia/Tokyo", "is_admin": true, "first_name": "G", "created_at": "x"});
    let answer = call(&h, &token, Method::PATCH, &path, Some(body)).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["timezone"], "Asia/Tokyo");
    assert_eq!(answer.body["is_admin"], true);
    assert_eq!(answer.body["last_name"], "Hopper", "untouched");
    assert_eq!(
        answer.body["created_at"], "2024-02-03T09:00:00Z",
        "read-only"
    );
    let dup = call(
        &h,
        &token,
        Method::PATCH,
        &path,
        Some(json!({"email": "ada@sandbox.example"})),
    )
    .await;
    assert_eq!(dup.status, 400);
    let own = format!("/v1/user/{ADMIN_ID}/");
    let answer = call(
        &h,
        &token,
        Method::PATCH,
        &own,
        Some(json!({"is_admin": false})),
    )
    .await;
    assert_eq!(answer.status, 400);
    assert!(answer.body["is_admin"].is_array());
    assert_eq!(
        call(&h, &token, Method::DELETE, &own, None).await.status,
        403
    );

    assert_eq!(
        call(&h, &token, Method::DELETE, &path, None).await.status,
        204
    );
    assert_eq!(get(&h, &token, &path).await.status, 404);
    assert_eq!(
        call(&h, &token, Method::DELETE, &path, None).await.status,
        404
    );
    let unknown = "/v1/user/00000000-0000-4000-8000-000000000000/";
    assert_eq!(
        call(&h, &token, Method::PATCH, unknown, Some(json!({})))
            .await
            .status,
        404
    );
}
