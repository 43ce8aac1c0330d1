//! Cradl's users, roles and profiles over real HTTP: validation, duplicates, quota, pages.

use reqwest::Method;
use serde_json::{json, Value};

use super::{get, message, send, token};
use crate::sandbox::testing::Harness;

fn ids(list: &Value, key: &str, id: &str) -> Vec<String> {
    let items = list[key].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .filter_map(|u| u[id].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn creating_answers_200_with_an_invited_user_and_a_profile_holding_the_email() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    let body = json!({
        "email": "new.hire@example.com",
        "name": "New Hire",
        "description": "Night shift",
        "roleIds": ["cradl:role:developer", "las:role:viewer"],
        "metadata": {"team": "ops"},
        "appClientId": "cradl:app-client:web-app",
    });
    let answer = send(&h, Method::POST, "/users", &t, body).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let user = &answer.body;
    let id = user["userId"].as_str().unwrap_or_default();
    assert!(id.starts_with("cradl:user:"), "{id}");
    assert_eq!(user["status"], "invite_pending");
    assert_eq!(user["name"], "New Hire");
    assert_eq!(user["metadata"], json!({"team": "ops"}));
    assert_eq!(user["updatedTime"], Value::Null);
    assert!(user.get("email").is_none(), "users carry no email");
    let created = user["createdTime"].as_str().unwrap_or_default();
    assert!(created.ends_with("+00:00"), "{created}");

    let profile = user["profileId"].as_str().unwrap_or_default().to_string();
    let answer = get(&h, &format!("/profiles/{profile}"), &t).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["email"], "new.hire@example.com");
    assert_eq!(
        get(&h, &format!("/users/{id}"), &t).await.body["userId"],
        id
    );
}

#[tokio::test]
async fn each_create_rule_is_a_400_message() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    let with = |extra: Value| {
        let mut body = json!({"email": "new@example.com"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        body
    };
    let cases = [
        json!({"username": "x"}),
        json!({"email": "not-an-email"}),
        json!({"email": "a@b.c"}),
        json!({"email": ".dot@example.com"}),
        json!({"email": 5}),
        json!({"name": "x".repeat(4097)}),
        json!({"description": 3}),
        json!({"roleIds": ["cradl:role:nope"]}),
        json!({"roleIds": ["admin"]}),
        json!({"roleIds": "cradl:role:admin"}),
        json!({"metadata": "team=ops"}),
        json!({"appClientId": "web"}),
        json!({"email": "ADA@Sandbox.Example"}),
    ];
    for extra in cases {
        let answer = send(&h, Method::POST, "/users", &t, with(extra.clone())).await;
        message(&answer, 400);
        if extra
            .get("email")
            .is_some_and(|e| e == "ADA@Sandbox.Example")
        {
            assert!(
                message(&answer, 400).contains("already exists"),
                "{answer:?}"
            );
        }
    }
    let answer = send(&h, Method::POST, "/users", &t, json!({"name": "x"})).await;
    assert!(message(&answer, 400).contains("email"));
    let answer = send(&h, Method::POST, "/users", &t, json!([1])).await;
    message(&answer, 400);
    assert_eq!(h.sandbox.with_state(|s| s.cradl.users.len()), 6);
    let ok = send(&h, Method::POST, "/users", &t, with(json!({"name": null}))).await;
    assert_eq!(ok.status, 200, "null name is allowed: {ok:?}");
}

#[tokio::test]
async fn the_organization_quota_is_a_400() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    h.sandbox.with_state(|s| s.cradl.max_users = 7);
    let first = send(
        &h,
        Method::POST,
        "/users",
        &t,
        json!({"email": "a@example.com"}),
    )
    .await;
    assert_eq!(first.status, 200);
    let over = send(
        &h,
        Method::POST,
        "/users",
        &t,
        json!({"email": "b@example.com"}),
    )
    .await;
    assert!(message(&over, 400).contains("Maximum number of users"));
}

#[tokio::test]
async fn patch_replaces_given_fields_and_refuses_the_rest() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    let grace = h.sandbox.with_state(|s| s.cradl.users[1].user_id.clone());
    let path = format!("/users/{grace}");
    let answer = send(
        &h,
        Method::PATCH,
        &path,
        &t,
        json!({"metadata": {"shift": "night"}, "roleIds": ["cradl:role:admin"], "description": "x"}),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(
        answer.body["metadata"],
        json!({"shift": "night"}),
        "replaced whole"
    );
    assert_eq!(answer.body["roleIds"], json!(["cradl:role:admin"]));
    assert_eq!(answer.body["name"], "Grace Hopper", "untouched");
    assert!(answer.body["updatedTime"].is_string());
    for body in [
        json!({}),
        json!({"email": "g@example.com"}),
        json!({"status": "inactive"}),
        json!({"roleIds": ["cradl:role:nope"]}),
    ] {
        message(&send(&h, Method::PATCH, &path, &t, body).await, 400);
    }
    let unknown = send(
        &h,
        Method::PATCH,
        "/users/cradl:user:nobody",
        &t,
        json!({"name": "x"}),
    )
    .await;
    message(&unknown, 404);
    let malformed = send(&h, Method::PATCH, "/users/42", &t, json!({"name": "x"})).await;
    assert_eq!(message(&malformed, 400), "Invalid userId");
}

#[tokio::test]
async fn delete_answers_200_with_the_deleted_user_and_keeps_the_profile() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    let (id, profile) = h.sandbox.with_state(|s| {
        let u = &s.cradl.users[3];
        (u.user_id.clone(), u.profile_id.clone())
    });
    let answer = send(&h, Method::DELETE, &format!("/users/{id}"), &t, Value::Null).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body["userId"], id.as_str());
    assert_eq!(answer.body["status"], "invite_pending");
    message(&get(&h, &format!("/users/{id}"), &t).await, 404);
    assert_eq!(
        get(&h, &format!("/profiles/{profile}"), &t).await.status,
        200
    );
    // The same person can be invited again.
    let again = json!({"email": "margaret@sandbox.example"});
    let answer = send(&h, Method::POST, "/users", &t, again).await;
    assert_eq!(answer.body["profileId"], profile.as_str());
}

#[tokio::test]
async fn users_and_roles_page_with_max_results_and_next_token() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    h.sandbox.with_state(|s| {
        for n in 0..50 {
            s.cradl.add_user(&format!("bulk{n}@example.com"));
        }
    });
    let mut seen = Vec::new();
    let mut path = "/users?maxResults=20".to_string();
    let mut pages = 0;
    loop {
        let answer = get(&h, &path, &t).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        pages += 1;
        seen.extend(ids(&answer.body, "users", "userId"));
        match answer.body["nextToken"].as_str() {
            Some(next) => path = format!("/users?maxResults=20&nextToken={next}"),
            None => {
                assert!(answer.body.get("nextToken").is_some(), "null, not absent");
                break;
            }
        }
    }
    assert_eq!(pages, 3);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (56, 56));
    assert_eq!(
        ids(&get(&h, "/users", &t).await.body, "users", "userId").len(),
        25
    );
    for bad in [
        "maxResults=101",
        "maxResults=0",
        "maxResults=x",
        "nextToken=garbage",
    ] {
        message(&get(&h, &format!("/users?{bad}"), &t).await, 400);
    }

    let first = get(&h, "/roles?maxResults=3", &t).await;
    let mut roles = ids(&first.body, "roles", "roleId");
    let next = first.body["nextToken"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let rest = get(&h, &format!("/roles?maxResults=3&nextToken={next}"), &t).await;
    roles.extend(ids(&rest.body, "roles", "roleId"));
    assert_eq!(roles.len(), 4);
    assert!(roles.contains(&"las:role:viewer".to_string()));
    assert_eq!(first.body["roles"][0]["permissions"][0]["effect"], "allow");
    assert_eq!(
        get(&h, "/roles/cradl:role:admin", &t).await.body["name"],
        "Admin"
    );
}

#[tokio::test]
async fn profiles_and_users_check_their_id_patterns() {
    let h = Harness::seeded().await;
    let t = token(&h).await;
    assert_eq!(
        message(&get(&h, "/profiles/cradl:profile:xyz", &t).await, 400),
        "Invalid profileId"
    );
    let unknown = format!("/profiles/cradl:profile:{}", "0".repeat(32));
    message(&get(&h, &unknown, &t).await, 404);
    let alan = h.sandbox.with_state(|s| s.cradl.users[4].clone());
    assert!(alan.user_id.starts_with("las:user:"));
    let answer = get(&h, &format!("/profiles/{}", alan.profile_id), &t).await;
    assert_eq!(answer.body["email"], "alan@sandbox.example");
    assert_eq!(answer.body["givenName"], "Alan");
    assert_eq!(
        message(&get(&h, "/users/nope", &t).await, 400),
        "Invalid userId"
    );
    // A profile may have no email: the field is there, as null (las-sdk-core 14.0.1
    // lib/types/profile.d.ts:5 types it `string | null`).
    let robot = h.sandbox.with_state(|s| s.cradl.users[5].clone());
    let answer = get(&h, &format!("/profiles/{}", robot.profile_id), &t).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(
        answer.body.get("email").is_some_and(Value::is_null),
        "{answer:?}"
    );
}
