//! Users over real HTTP: the paged list, create and PATCH with every validation rule.

use reqwest::Method;
use serde_json::{json, Value};

use super::{call, get, login_as, tokens, url};
use crate::sandbox::testing::{read, Harness};

fn emails(page: &Value) -> Vec<String> {
    let results = page["results"].as_array().cloned().unwrap_or_default();
    let emails = results.iter().filter_map(|u| u["email"].as_str());
    emails.map(str::to_string).collect()
}

#[tokio::test]
async fn the_list_pages_with_absolute_links_and_filters_by_email() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    h.sandbox.with_state(|s| {
        for n in 0..41 {
            s.amani.add_user(&format!("u{n}@example.com"));
        }
    });
    let mut next = Some(url(&h, "/api/v2/user?page_size=20"));
    let mut seen = Vec::new();
    let mut pages = 0;
    while let Some(link) = next {
        let answer = read(h.http.get(&link).bearer_auth(&token)).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.body["count"], 45);
        pages += 1;
        seen.extend(emails(&answer.body));
        next = answer.body["next"].as_str().map(str::to_string);
        if let Some(n) = &next {
            let expected = format!(
                "{}?page={}&page_size=20",
                url(&h, "/api/v2/user"),
                pages + 1
            );
            assert_eq!(n, &expected);
        }
    }
    assert_eq!((pages, seen.len()), (3, 45));
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 45, "every user once");

    let first = get(&h, "/api/v2/user", &token).await;
    assert_eq!(emails(&first.body).len(), 20, "default page size");
    assert_eq!(first.body["previous"], Value::Null);
    let clamped = get(&h, "/api/v2/user?page_size=1000", &token).await;
    assert_eq!(emails(&clamped.body).len(), 45);
    for bad in ["page=4", "page=0", "page=x"] {
        let answer = get(&h, &format!("/api/v2/user?{bad}"), &token).await;
        assert_eq!(answer.status, 404, "{bad}");
        assert_eq!(answer.body["detail"], "Invalid page.");
    }
    let found = get(
        &h,
        "/api/v2/user?email=AYSE.Yilmaz@amani.sandbox.example",
        &token,
    )
    .await;
    assert_eq!(found.body["count"], 1);
    let user = &found.body["results"][0];
    assert_eq!(user["username"], user["email"]);
    assert_eq!(user["phone"], "+905551234567");
    assert_eq!(user["groups"][0]["name"], "Operator");
    for key in [
        "company",
        "mfa",
        "reset_pw",
        "reset_2fa",
        "is_active",
        "permissions",
    ] {
        assert!(!user[key].is_null(), "{key}: {user}");
    }
    let none = get(&h, "/api/v2/user?email=nobody@example.com", &token).await;
    assert_eq!(
        (&none.body["count"], &none.body["results"]),
        (&json!(0), &json!([]))
    );
}

#[tokio::test]
async fn create_answers_201_and_the_new_user_can_sign_in() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    let body = json!({
        "email": "new.hire@example.com",
        "password": "s3cret-enough",
        "first_name": "New",
        "last_name": "Hire",
        "phone": "+49 30 1234567",
        "groups": [2, 3, 2],
        "unknown": "ignored, as DRF ignores unknown keys",
    });
    let answer = call(&h, Method::POST, "/api/v2/user", &token, body).await;
    assert_eq!(answer.status, 201, "{answer:?}");
    let user = &answer.body;
    let id = user["id"].as_str().unwrap();
    assert!(super::super::is_uuid(id), "{id}");
    assert_eq!(user["username"], "new.hire@example.com");
    assert_eq!(user["is_active"], true);
    let groups: Vec<&Value> = user["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["id"])
        .collect();
    assert_eq!(groups, [&json!(2), &json!(3)]);
    assert!(user.get("password").is_none() && !user.to_string().contains("s3cret"));
    let got = get(&h, &format!("/api/v2/user/{id}"), &token).await;
    assert_eq!(
        (got.status, &got.body["email"]),
        (200, &json!("new.hire@example.com"))
    );
    let login = login_as(&h, "new.hire@example.com", "s3cret-enough").await;
    assert_eq!(login.status, 200);
    let saved = h
        .sandbox
        .with_state(|s| serde_json::to_string(&s.amani).unwrap());
    assert!(!saved.contains("s3cret-enough"), "no password in the state");
}

#[tokio::test]
async fn each_create_rule_is_a_400_on_its_field() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    let ok = |extra: Value| {
        let mut body = json!({"email": "x@example.com", "password": "long-enough"});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        body
    };
    let cases = [
        (json!({"password": "short"}), "password", "too short"),
        (json!({"password": ""}), "password", "blank"),
        (json!({"email": "not-an-email"}), "email", "valid email"),
        (
            json!({"email": "Ayse.Yilmaz@AMANI.sandbox.example"}),
            "email",
            "already exists",
        ),
        (json!({"email": null}), "email", "null"),
        (json!({"groups": [1, 9]}), "groups", "does not exist"),
        (json!({"groups": 1}), "groups", "list"),
        (json!({"groups": ["1"]}), "groups", "pk value"),
        (json!({"first_name": "x".repeat(151)}), "first_name", "150"),
        (json!({"phone": []}), "phone", "string"),
    ];
    for (extra, field, text) in cases {
        let answer = call(&h, Method::POST, "/api/v2/user", &token, ok(extra.clone())).await;
        assert_eq!(answer.status, 400, "{extra}: {answer:?}");
        let message = answer.body[field][0].as_str().unwrap_or_default();
        assert!(message.contains(text), "{extra}: {message}");
    }
    let answer = call(&h, Method::POST, "/api/v2/user", &token, json!({})).await;
    assert_eq!(answer.body["email"][0], "This field is required.");
    assert_eq!(answer.body["password"][0], "This field is required.");
    let form = h
        .http
        .post(url(&h, "/api/v2/user"))
        .bearer_auth(&token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a@b.co");
    assert_eq!(read(form).await.status, 415);
    let count = h.sandbox.with_state(|s| s.amani.users.len());
    assert_eq!(count, 4, "nothing was created");
}

#[tokio::test]
async fn patch_changes_any_create_field_and_is_active() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    let id = h.sandbox.with_state(|s| s.amani.add_user("p@example.com"));
    let path = format!("/api/v2/user/{id}");
    let patch = |body: Value| call(&h, Method::PATCH, &path, &token, body);
    let answer = patch(json!({"last_name": "Person", "groups": [3], "phone": "123"})).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["last_name"], "Person");
    assert_eq!(answer.body["groups"][0]["name"], "Viewer");
    assert_eq!(
        answer.body["permissions"],
        json!(["view_document", "view_profile"])
    );
    let answer = patch(json!({"groups": []})).await;
    assert_eq!(answer.body["groups"], json!([]));

    let answer = patch(json!({"is_active": false})).await;
    assert_eq!(answer.body["is_active"], false);
    let answer = patch(json!({"password": "new-password-1"})).await;
    assert_eq!(answer.status, 200);
    let refused = login_as(&h, "p@example.com", "new-password-1").await;
    assert_eq!(refused.status, 401, "blocked users cannot sign in");
    assert_eq!(
        patch(json!({"is_active": true})).await.body["is_active"],
        true
    );
    assert_eq!(
        login_as(&h, "p@example.com", "new-password-1").await.status,
        200
    );

    for (body, field) in [
        (json!({"is_active": "no"}), "is_active"),
        (json!({"password": "short"}), "password"),
        (
            json!({"email": "omar.haddad@amani.sandbox.example"}),
            "email",
        ),
    ] {
        let answer = patch(body.clone()).await;
        assert_eq!(answer.status, 400, "{body}");
        assert!(answer.body[field].is_array(), "{body}: {answer:?}");
    }
    // Its own email is no duplicate.
    assert_eq!(patch(json!({"email": "P@example.com"})).await.status, 200);
    let missing = "/api/v2/user/00000000-0000-4000-8000-000000000000";
    let answer = call(&h, Method::PATCH, missing, &token, json!({})).await;
    assert_eq!(answer.status, 404);
}

/// A permission group has no route of its own (the README lists only `GET /api/v2/group`):
/// there is nothing to delete, and membership changes only through a user's `groups`.
#[tokio::test]
async fn permission_groups_change_only_through_users() {
    let h = Harness::seeded().await;
    let (token, _) = tokens(&h).await;
    for method in [Method::DELETE, Method::PATCH, Method::GET] {
        let answer = call(&h, method, "/api/v2/group/3", &token, json!({})).await;
        assert_eq!(answer.status, 404, "{answer:?}");
        assert!(answer.body["detail"].is_string());
    }
    let answer = call(&h, Method::PUT, "/api/v2/group", &token, json!({})).await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.header("allow"), Some("GET"));
    let count = h.sandbox.with_state(|s| s.amani.groups.len());
    assert_eq!(count, 3);
}
