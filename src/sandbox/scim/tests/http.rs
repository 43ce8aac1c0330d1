//! The RFC dialect over real HTTP: auth, media types, discovery, the user lifecycle, ETags,
//! PUT and body checks.

use reqwest::Method;
use serde_json::{json, Value};

use super::{get, harness, patch_op, scim, scim_type, send};
use crate::sandbox::scim::{Dialect, ADA_ID, ENGINEERING_ID, GRACE_ID};
use crate::sandbox::testing::read;

const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

fn new_user(name: &str) -> Value {
    json!({
        "schemas": [USER, ENTERPRISE],
        "userName": name,
        "name": {"givenName": "New", "familyName": "Hire"},
        "emails": [{"value": name, "type": "work", "primary": true}],
        "active": true,
        ENTERPRISE: {"department": "R&D", "employeeNumber": "42"},
    })
}

#[tokio::test]
async fn requests_without_the_token_get_a_scim_401() {
    let h = harness(Dialect::Rfc).await;
    let url = format!("{}/v2/Users", h.server.base_url("scim"));
    for request in [h.http.get(&url), h.http.get(&url).bearer_auth("wrong")] {
        let answer = read(request).await;
        assert_eq!(answer.status, 401);
        assert_eq!(answer.body["schemas"], json!([ERROR]));
        assert_eq!(answer.body["status"], "401", "the status is a string");
        assert!(answer
            .header("www-authenticate")
            .is_some_and(|v| v.starts_with("Bearer")));
        assert_eq!(answer.header("content-type"), Some("application/scim+json"));
    }
}

#[tokio::test]
async fn discovery_describes_the_service() {
    let h = harness(Dialect::Rfc).await;
    let config = get(&h, "/ServiceProviderConfig").await;
    assert_eq!(config.status, 200);
    let c = &config.body;
    assert_eq!(
        (
            c["patch"]["supported"].clone(),
            c["bulk"]["supported"].clone()
        ),
        (json!(true), json!(false))
    );
    assert_eq!(
        (
            c["etag"]["supported"].clone(),
            c["sort"]["supported"].clone()
        ),
        (json!(true), json!(true))
    );
    assert_eq!(c["changePassword"]["supported"], false);
    assert_eq!(c["filter"], json!({"supported": true, "maxResults": 200}));
    assert_eq!(c["pagination"]["cursor"], true);
    assert_eq!(c["pagination"]["defaultPaginationMethod"], "index");
    assert_eq!(c["pagination"]["maxPageSize"], 200);
    let filtered = get(
        &h,
        "/ServiceProviderConfig?filter=patch.supported%20eq%20true",
    )
    .await;
    assert_eq!(filtered.status, 403);

    let types = get(&h, "/ResourceTypes").await;
    let names: Vec<&str> = types.body["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(names, ["User", "Group"]);
    assert_eq!(
        types.body["Resources"][0]["schemaExtensions"][0]["schema"],
        ENTERPRISE
    );
    assert_eq!(
        get(&h, "/ResourceTypes/Group").await.body["endpoint"],
        "/Groups"
    );

    let schemas = get(&h, "/Schemas").await;
    assert_eq!(schemas.body["totalResults"], 3);
    let user = get(&h, &format!("/Schemas/{USER}")).await;
    let attrs = user.body["attributes"].as_array().unwrap();
    let user_name = attrs.iter().find(|a| a["name"] == "userName").unwrap();
    assert_eq!(
        (
            user_name["caseExact"].clone(),
            user_name["uniqueness"].clone()
        ),
        (json!(false), json!("server"))
    );
    let groups = attrs.iter().find(|a| a["name"] == "groups").unwrap();
    assert_eq!(groups["mutability"], "readOnly");
    assert_eq!(get(&h, "/Schemas/urn:nope").await.status, 404);
}

#[tokio::test]
async fn a_user_lives_and_dies() {
    let h = harness(Dialect::Rfc).await;
    let created = send(
        &h,
        Method::POST,
        "/Users",
        &new_user("new.hire@example.com"),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    let location = created.body["meta"]["location"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(created.header("location"), Some(location.as_str()));
    assert!(location.ends_with(&format!("/scim/v2/Users/{id}")));
    assert_eq!(created.body["meta"]["resourceType"], "User");
    let version = created.body["meta"]["version"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(version.starts_with("W/\""), "a weak ETag: {version}");
    assert_eq!(created.header("etag"), Some(version.as_str()));
    assert_eq!(created.body["schemas"], json!([USER, ENTERPRISE]));
    assert_eq!(created.body[ENTERPRISE]["department"], "R&D");

    // userName is unique case-insensitively.
    let dup = send(
        &h,
        Method::POST,
        "/Users",
        &new_user("NEW.HIRE@example.com"),
    )
    .await;
    assert_eq!((dup.status, scim_type(&dup)), (409, Some("uniqueness")));

    let found = get(
        &h,
        "/Users?filter=userName%20eq%20%22New.Hire@Example.COM%22",
    )
    .await;
    assert_eq!(found.body["totalResults"], 1);
    let by_email = get(
        &h,
        "/Users?filter=emails%5Bvalue%20eq%20%22new.hire@example.com%22%5D",
    )
    .await;
    assert_eq!(by_email.body["Resources"][0]["id"], id.as_str());

    let patched = send(
        &h,
        Method::PATCH,
        &format!("/Users/{id}"),
        &patch_op(json!([
            {"op": "replace", "path": "active", "value": false},
            {"op": "add", "path": "title", "value": "Engineer"}
        ])),
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    assert_eq!(
        (
            patched.body["active"].clone(),
            patched.body["title"].clone()
        ),
        (json!(false), json!("Engineer"))
    );
    assert_ne!(patched.body["meta"]["version"], version.as_str());

    let deleted = read(scim(&h, Method::DELETE, &format!("/Users/{id}"))).await;
    assert_eq!(deleted.status, 204);
    let gone = get(&h, &format!("/Users/{id}")).await;
    assert_eq!(
        (gone.status, gone.body["status"].clone()),
        (404, json!("404"))
    );
}

#[tokio::test]
async fn etags_guard_writes_and_spare_reads() {
    let h = harness(Dialect::Rfc).await;
    let ada = get(&h, &format!("/Users/{ADA_ID}")).await;
    let tag = ada.header("etag").unwrap().to_string();
    let same =
        read(scim(&h, Method::GET, &format!("/Users/{ADA_ID}")).header("if-none-match", &tag))
            .await;
    assert_eq!(same.status, 304);
    let change = patch_op(json!([{"op": "replace", "path": "title", "value": "CTO"}]));
    let stale = read(
        scim(&h, Method::PATCH, &format!("/Users/{ADA_ID}"))
            .header("if-match", "W/\"999\"")
            .header("content-type", "application/scim+json")
            .body(change.to_string()),
    )
    .await;
    assert_eq!(stale.status, 412);
    assert_eq!(stale.body["schemas"], json!([ERROR]));
    let fresh = read(
        scim(&h, Method::PATCH, &format!("/Users/{ADA_ID}"))
            .header("if-match", &tag)
            .header("content-type", "application/scim+json")
            .body(change.to_string()),
    )
    .await;
    assert_eq!(fresh.status, 200);
    // The old tag no longer matches, for deletes too.
    let delete =
        read(scim(&h, Method::DELETE, &format!("/Users/{ADA_ID}")).header("if-match", &tag)).await;
    assert_eq!(delete.status, 412);
    // A no-op PATCH leaves the version alone (RFC 7644 §3.5.2.1).
    let now = fresh.header("etag").unwrap().to_string();
    let again = send(&h, Method::PATCH, &format!("/Users/{ADA_ID}"), &change).await;
    assert_eq!(again.header("etag"), Some(now.as_str()));
}

#[tokio::test]
async fn put_replaces_everything_it_is_given_and_clears_the_rest() {
    let h = harness(Dialect::Rfc).await;
    let mut grace = get(&h, &format!("/Users/{GRACE_ID}")).await.body;
    grace["title"] = json!("Rear Admiral");
    grace["schemas"] = json!([USER, ENTERPRISE, "urn:example:custom:2.0:User"]);
    grace["urn:example:custom:2.0:User"] = json!({"badge": 7, "nested": {"a": [1, 2]}});
    grace["id"] = json!("ignored-read-only");
    let put = send(&h, Method::PUT, &format!("/Users/{GRACE_ID}"), &grace).await;
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.body["id"], GRACE_ID);
    assert_eq!(
        put.body["urn:example:custom:2.0:User"],
        json!({"badge": 7, "nested": {"a": [1, 2]}})
    );
    assert_eq!(
        put.body["groups"][0]["value"], ENGINEERING_ID,
        "groups are derived, not written"
    );
    // Left out of the next PUT, the extension and the phone numbers are gone.
    let bare = json!({"schemas": [USER], "userName": "grace.hopper@scim.sandbox.example"});
    let put = send(&h, Method::PUT, &format!("/Users/{GRACE_ID}"), &bare).await;
    assert_eq!(put.status, 200);
    assert!(put.body.get("urn:example:custom:2.0:User").is_none());
    assert!(put.body.get("phoneNumbers").is_none());
    // An extension must be listed in schemas.
    let unlisted = json!({"schemas": [USER], "userName": "g", ENTERPRISE: {"department": "x"}});
    let answer = send(&h, Method::PUT, &format!("/Users/{GRACE_ID}"), &unlisted).await;
    assert_eq!(scim_type(&answer), Some("invalidSyntax"));
}

#[tokio::test]
async fn bodies_are_checked() {
    let h = harness(Dialect::Rfc).await;
    let cases = [
        (json!({"userName": "x"}), "invalidSyntax"),
        (
            json!({"schemas": [USER], "userName": "x", "shoeSize": 1}),
            "invalidSyntax",
        ),
        (
            json!({"schemas": [USER], "displayName": "no userName"}),
            "invalidValue",
        ),
        (
            json!({"schemas": [USER], "userName": "x", "active": "yes"}),
            "invalidValue",
        ),
        (
            json!({"schemas": [USER], "userName": "x", "emails": {"value": "x@y"}}),
            "invalidValue",
        ),
        (
            json!({"schemas": [USER], "userName": "x", "emails": [
            {"value": "a@x", "primary": true}, {"value": "b@x", "primary": true}]}),
            "invalidValue",
        ),
    ];
    for (body, expected) in cases {
        let answer = send(&h, Method::POST, "/Users", &body).await;
        assert_eq!(
            (answer.status, scim_type(&answer)),
            (400, Some(expected)),
            "{body}"
        );
    }
    let not_json = read(
        scim(&h, Method::POST, "/Users")
            .header("content-type", "application/scim+json")
            .body("{"),
    )
    .await;
    assert_eq!(scim_type(&not_json), Some("invalidSyntax"));
    let text = read(
        scim(&h, Method::POST, "/Users")
            .header("content-type", "text/plain")
            .body("{}"),
    )
    .await;
    assert_eq!(text.status, 415);
    // application/json is accepted too, and answered in kind when asked.
    let plain = read(
        scim(&h, Method::POST, "/Users")
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .body(new_user("json@example.com").to_string()),
    )
    .await;
    assert_eq!(plain.status, 201);
    assert_eq!(plain.header("content-type"), Some("application/json"));
    let html = read(scim(&h, Method::GET, "/Users").header("accept", "text/html")).await;
    assert_eq!(html.status, 406);
    // The password is accepted, never shown and never stored.
    let mut with_password = new_user("pw@example.com");
    with_password["password"] = json!("t1meMach!ne");
    let created = send(&h, Method::POST, "/Users", &with_password).await;
    assert_eq!(created.status, 201);
    assert!(created.body.get("password").is_none());
    let state = serde_json::to_string(&h.sandbox.snapshot()).unwrap();
    assert!(!state.contains("t1meMach!ne"));
}
