use serde_json::{json, Map, Value};

use super::dialect::{Dialect, MemberLimits};
use super::discovery::ServiceConfig;
use super::error::{decode_error, read_scim};
use super::filter::{email_filter, EMAIL_FORMS};
use super::paging::{next_cursor, next_index, start_after, Mode, Position};
use super::patch::{apply, member_patches, patch_body, user_changes};
use super::wire::{for_put, list_answer, new_user_body, to_user};
use crate::model::{NewUser, Status, UserPatch};
use crate::providers::http::Response;
use crate::providers::ProviderError;

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

#[test]
fn known_hosts_pick_their_dialect() {
    for (host, d) in [
        ("api.slack.com", Dialect::Slack),
        ("API.GitHub.com", Dialect::Github),
        ("graph.microsoft.com", Dialect::Entra),
        ("scim.eu-west-1.amazonaws.com", Dialect::Aws),
        ("cloudidentityscim.googleapis.com", Dialect::Google),
        ("example.atlassian.net", Dialect::Rfc),
        ("amazonaws.com", Dialect::Rfc),
        ("scim.example.com", Dialect::Rfc),
    ] {
        assert_eq!(Dialect::for_host(host), d, "{host}");
    }
    let (d, from) = Dialect::for_profile(None, "https://api.slack.com/scim/v2").expect("a dialect");
    assert_eq!((d, from), (Dialect::Slack, "the base URL's host"));
    let (d, _) = Dialect::for_profile(Some("Entra"), "https://api.slack.com/scim/v2").unwrap();
    assert_eq!(d, Dialect::Entra, "the key wins over the host");
    let e = Dialect::for_profile(Some("okta"), "https://x").unwrap_err();
    assert!(e.contains("rfc, entra, aws, google, slack, github"), "{e}");
}

#[test]
fn index_paging_never_trusts_count() {
    // A server capping pages at 10 when 100 were asked: go on until totalResults.
    assert_eq!(next_index(1, 10, Some(25)), Some(11));
    assert_eq!(next_index(11, 10, Some(25)), Some(21));
    assert_eq!(next_index(21, 5, Some(25)), None);
    // No total: only an empty page ends the walk.
    assert_eq!(next_index(1, 3, None), Some(4));
    assert_eq!(next_index(4, 0, None), None);
    // An empty page ends it even when the total says more.
    assert_eq!(next_index(11, 0, Some(25)), None);
    assert_eq!(start_after(0), 1);
    assert_eq!(start_after(20), 21);
    assert_eq!(start_after(u64::MAX), u64::MAX);
}

#[test]
fn cursors_end_on_an_empty_page_or_no_next_cursor() {
    assert_eq!(next_cursor(Some("abc"), 3).as_deref(), Some("abc"));
    assert_eq!(next_cursor(Some(""), 3), None);
    assert_eq!(next_cursor(Some("abc"), 0), None);
    assert_eq!(next_cursor(None, 3), None);
    for p in [Position::Index(41), Position::Cursor("a:b".into())] {
        assert_eq!(Position::decode(&p.encode()), Some(p));
    }
    assert_eq!(Position::decode("index:0"), None);
    assert_eq!(Position::decode("https://x"), None);
}

#[test]
fn patch_bodies_use_lowercase_ops_and_real_booleans() {
    let mut patch = UserPatch {
        first_name: Some("Ada".into()),
        active: Some(false),
        ..UserPatch::default()
    };
    patch.extra.insert(
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department".into(),
        json!("R&D"),
    );
    patch.extra.insert("title".into(), Value::Null);
    let body = patch_body(&user_changes(&patch));
    assert_eq!(
        body["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:PatchOp"])
    );
    let ops = body["Operations"].as_array().unwrap();
    assert!(ops.contains(&json!({"op": "replace", "path": "name.givenName", "value": "Ada"})));
    assert!(ops.contains(&json!({"op": "replace", "path": "active", "value": false})));
    assert!(ops.contains(&json!({"op": "remove", "path": "title"})));
    assert!(ops.contains(&json!({
        "op": "replace",
        "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
        "value": "R&D"
    })));
}

#[test]
fn put_fallback_keeps_every_attribute_it_does_not_change() {
    let ext = "urn:example:params:scim:schemas:extension:acme:2.0:User";
    let mut current = obj(json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ext],
        "id": "u1",
        "userName": "ada@example.com",
        "Name": {"givenName": "Ada", "familyName": "Lovelace"},
        ext: {"badge": 7, "team": "core"},
        "meta": {"version": "W/\"3\""},
    }));
    let patch = UserPatch {
        last_name: Some("Byron".into()),
        ..UserPatch::default()
    };
    apply(&mut current, &user_changes(&patch));
    let put = for_put(current);
    assert_eq!(
        put["Name"],
        json!({"givenName": "Ada", "familyName": "Byron"})
    );
    assert_eq!(put[ext], json!({"badge": 7, "team": "core"}));
    assert!(put.get("meta").is_none());
    assert!(put["schemas"].as_array().unwrap().contains(&json!(ext)));
}

#[test]
fn new_users_carry_schemas_username_email_and_extensions() {
    let mut user = NewUser {
        email: "new@example.com".into(),
        first_name: Some("New".into()),
        name: Some("New Hire".into()),
        ..NewUser::default()
    };
    let ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    user.extra.insert(format!("{ent}:department"), json!("R&D"));
    user.extra.insert("externalId".into(), json!("e-1"));
    let body = new_user_body(&user);
    assert_eq!(body["userName"], "new@example.com");
    assert_eq!(body["displayName"], "New Hire");
    assert_eq!(body["name"], json!({"givenName": "New"}));
    assert_eq!(
        body["emails"],
        json!([{"value": "new@example.com", "type": "work", "primary": true}])
    );
    assert_eq!(body["active"], true);
    assert_eq!(body["externalId"], "e-1");
    assert_eq!(body[ent]["department"], "R&D");
    let schemas = body["schemas"].as_array().unwrap();
    assert!(schemas.contains(&json!("urn:ietf:params:scim:schemas:core:2.0:User")));
    assert!(schemas.contains(&json!(ent)));
    user.username = Some("nh".into());
    assert_eq!(new_user_body(&user)["userName"], "nh");
}

#[test]
fn member_changes_are_chunked_per_dialect() {
    let ids: Vec<String> = (0..45).map(|i| format!("u{i}")).collect();
    let entra = member_patches(&ids, &ids[..3], Dialect::Entra.member_limits());
    // 45 adds at 20 a request, then one removal per request.
    assert_eq!(entra.len(), 3 + 3);
    assert_eq!(
        entra[0]["Operations"][0]["value"].as_array().unwrap().len(),
        20
    );
    assert_eq!(
        entra[2]["Operations"][0]["value"].as_array().unwrap().len(),
        5
    );
    assert_eq!(
        entra[3]["Operations"],
        json!([{"op": "remove", "path": "members[value eq \"u0\"]"}])
    );
    let many: Vec<String> = (0..250).map(|i| format!("u{i}")).collect();
    assert_eq!(
        member_patches(&many, &[], Dialect::Aws.member_limits()).len(),
        3
    );
    let rfc = member_patches(&many, &many, MemberLimits::default());
    assert_eq!(rfc.len(), 2);
    assert_eq!(rfc[1]["Operations"].as_array().unwrap().len(), 250);
}

fn answer(status: u16, body: Value) -> Response {
    Response {
        status,
        body: body.to_string().into_bytes(),
        url: "https://scim.example.com/v2/Users".into(),
        ..Response::default()
    }
}

#[test]
fn scim_errors_map_to_exit_codes() {
    let err = |status, scim_type: &str| {
        decode_error(&answer(
            status,
            json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "status": status.to_string(),
                "scimType": scim_type,
                "detail": "the detail",
            }),
        ))
    };
    assert!(matches!(
        err(409, "uniqueness"),
        ProviderError::Conflict { .. }
    ));
    assert!(matches!(
        err(400, "uniqueness"),
        ProviderError::Conflict { .. }
    ));
    assert_eq!(err(400, "uniqueness").kind().exit_code(), 6);
    for t in [
        "invalidFilter",
        "invalidValue",
        "invalidSyntax",
        "invalidPath",
        "noTarget",
        "mutability",
    ] {
        match err(400, t) {
            ProviderError::Invalid { message } => {
                assert!(
                    message.contains("the detail") && message.contains(t),
                    "{message}"
                )
            }
            other => panic!("{t}: {other:?}"),
        }
    }
    // `status` as a number, as some services send it.
    let said = read_scim(br#"{"status": 404, "scimType": "x", "detail": "gone"}"#);
    assert_eq!(
        (said.status, said.scim_type.as_deref()),
        (Some(404), Some("x"))
    );
    let said = read_scim(br#"{"STATUS": "400"}"#);
    assert_eq!(said.status, Some(400));
}

#[test]
fn email_filters_fall_back_in_order_and_quote_values() {
    assert_eq!(EMAIL_FORMS, 3);
    assert_eq!(email_filter(0, "a@x.io"), r#"emails[value eq "a@x.io"]"#);
    assert_eq!(email_filter(1, "a@x.io"), r#"emails.value eq "a@x.io""#);
    assert_eq!(email_filter(2, "a@x.io"), r#"userName eq "a@x.io""#);
    assert_eq!(email_filter(2, r#"a"b\c"#), r#"userName eq "a\"b\\c""#);
    assert_eq!(Dialect::Entra.first_email_form(), 2);
    assert_eq!(Dialect::Rfc.first_email_form(), 0);
}

#[test]
fn lists_and_users_read_case_insensitively() {
    let page = list_answer(json!({
        "totalResults": "2",
        "resources": [{"id": "1", "USERNAME": "a@x.io", "Active": false,
                       "emails": [{"value": "other@x.io"}, {"value": "A@x.io", "primary": true}],
                       "urn:x:User": {"k": 1}}],
        "nextCursor": "c2",
    }))
    .unwrap();
    assert_eq!(page.total, Some(2));
    assert_eq!(page.next_cursor.as_deref(), Some("c2"));
    let u = to_user("p", page.resources[0].clone()).unwrap();
    assert_eq!(u.username.as_deref(), Some("a@x.io"));
    assert_eq!(u.email.as_deref(), Some("A@x.io"));
    assert_eq!(u.status, Status::Inactive);
    assert_eq!(u.extra["urn:x:User"], json!({"k": 1}));
    assert!(list_answer(json!({"Resources": 3})).is_err());
}

#[test]
fn discovery_reads_paging_and_keeps_rfc_defaults() {
    let d = ServiceConfig::from_json(&Map::new());
    assert_eq!(d, ServiceConfig::default());
    assert_eq!(d.mode(), Mode::Index);
    let entra_like = ServiceConfig::from_json(&obj(json!({
        "patch": {"supported": true},
        "etag": {"supported": "true"},
        "pagination": {"cursor": true, "index": false, "maxPageSize": 100},
    })));
    assert!(entra_like.etag);
    assert_eq!(entra_like.mode(), Mode::Cursor);
    assert_eq!(entra_like.max_page_size, Some(100));
    let both = ServiceConfig::from_json(&obj(json!({
        "pagination": {"cursor": true, "index": true, "defaultPaginationMethod": "index"},
        "filter": {"supported": true, "maxResults": 200},
    })));
    assert_eq!((both.mode(), both.max_page_size), (Mode::Index, Some(200)));
}
