//! PATCH semantics (RFC 7644 §3.5.2) on stored attributes, without HTTP.

use serde_json::{json, Map, Value};

use super::patch_op;
use crate::sandbox::scim::dialect::Dialect;
use crate::sandbox::scim::error::ScimError;
use crate::sandbox::scim::patch::apply;
use crate::sandbox::scim::schema::{ResourceType, ENTERPRISE_SCHEMA};

fn user() -> Map<String, Value> {
    json!({
        "userName": "bjensen",
        "name": {"givenName": "Barbara", "familyName": "Jensen"},
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "active": true,
        "urn:example:custom:2.0:User": {"shoeSize": 42}
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

fn run(ops: Value) -> Result<Map<String, Value>, ScimError> {
    apply(ResourceType::User, &user(), &patch_op(ops), Dialect::Rfc)
}

fn fails(ops: Value, scim_type: &str) -> String {
    match run(ops.clone()) {
        Err(e) => {
            assert_eq!(e.scim_type, Some(scim_type), "{ops}: {e:?}");
            e.detail
        }
        Ok(out) => panic!("{ops}: expected {scim_type}, got {}", Value::Object(out)),
    }
}

#[test]
fn replace_with_a_path_and_ops_in_any_case() {
    for op in ["replace", "Replace", "REPLACE"] {
        let out = run(json!([{"op": op, "path": "name.givenName", "value": "Babs"}])).unwrap();
        assert_eq!(
            out["name"],
            json!({"givenName": "Babs", "familyName": "Jensen"})
        );
    }
    let out = run(json!([{"op": "Add", "path": "title", "value": "Guide"}])).unwrap();
    assert_eq!(out["title"], "Guide");
}

#[test]
fn without_a_path_the_value_holds_attributes() {
    let out = run(json!([{"op": "replace", "value": {
        "active": false,
        "name": {"givenName": "Babs"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Tours",
        ENTERPRISE_SCHEMA: {"costCenter": "CC-7"}
    }}]))
    .unwrap();
    assert_eq!(out["active"], false);
    // A complex attribute keeps the sub-attributes the value does not name.
    assert_eq!(
        out["name"],
        json!({"givenName": "Babs", "familyName": "Jensen"})
    );
    assert_eq!(
        out[ENTERPRISE_SCHEMA],
        json!({"department": "Tours", "costCenter": "CC-7"})
    );
}

#[test]
fn add_appends_to_multi_valued_attributes_once() {
    let email = json!({"value": "b@work.example", "type": "other"});
    let out = run(json!([
        {"op": "add", "path": "emails", "value": [email]},
        {"op": "add", "path": "emails", "value": [email]}
    ]))
    .unwrap();
    assert_eq!(out["emails"].as_array().unwrap().len(), 3);
    // A new primary value demotes the old one.
    let out = run(json!([{"op": "add", "path": "emails",
        "value": [{"value": "new@x.example", "type": "work", "primary": true}]}]))
    .unwrap();
    let primaries: Vec<&Value> = out["emails"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["primary"] == true)
        .collect();
    assert_eq!(
        primaries,
        vec![&json!({"value": "new@x.example", "type": "work", "primary": true})]
    );
}

#[test]
fn replace_of_a_multi_valued_attribute_replaces_every_value() {
    let out = run(json!([{"op": "replace", "path": "emails",
        "value": [{"value": "only@x.example", "type": "work"}]}]))
    .unwrap();
    assert_eq!(
        out["emails"],
        json!([{"value": "only@x.example", "type": "work"}])
    );
}

#[test]
fn value_filter_paths_select_values() {
    let out = run(
        json!([{"op": "replace", "path": "emails[type eq \"work\"].value",
        "value": "barbara@example.com"}]),
    )
    .unwrap();
    assert_eq!(out["emails"][0]["value"], "barbara@example.com");
    assert_eq!(out["emails"][1]["value"], "babs@jensen.org");
    let out = run(json!([{"op": "remove", "path": "emails[type eq \"home\"]"}])).unwrap();
    assert_eq!(out["emails"].as_array().unwrap().len(), 1);
    let out = run(
        json!([{"op": "replace", "path": "emails[value ew \"jensen.org\"]",
        "value": {"value": "b@new.example", "type": "home"}}]),
    )
    .unwrap();
    assert_eq!(
        out["emails"][1],
        json!({"value": "b@new.example", "type": "home"})
    );
    // Removing the last value leaves the attribute unassigned.
    let out = run(json!([{"op": "remove", "path": "emails[value pr]"}])).unwrap();
    assert!(!out.contains_key("emails"));
}

#[test]
fn a_filter_matching_nothing_has_no_target() {
    fails(
        json!([{"op": "replace", "path": "emails[type eq \"other\"].value", "value": "x"}]),
        "noTarget",
    );
    fails(
        json!([{"op": "add", "path": "emails[type eq \"other\"].value", "value": "x"}]),
        "noTarget",
    );
    fails(
        json!([{"op": "remove", "path": "emails[type eq \"other\"]"}]),
        "noTarget",
    );
}

#[test]
fn remove_without_a_path_has_no_target() {
    fails(json!([{"op": "remove"}]), "noTarget");
    fails(
        json!([{"op": "remove", "value": {"title": "x"}}]),
        "noTarget",
    );
}

#[test]
fn read_only_and_immutable_attributes_refuse_changes() {
    fails(
        json!([{"op": "replace", "path": "id", "value": "x"}]),
        "mutability",
    );
    fails(
        json!([{"op": "replace", "path": "meta.created", "value": "2024-01-01T00:00:00Z"}]),
        "mutability",
    );
    fails(
        json!([{"op": "add", "path": "groups", "value": [{"value": "g"}]}]),
        "mutability",
    );
    fails(
        json!([{"op": "replace", "value": {"id": "x"}}]),
        "mutability",
    );
    let group = json!({"displayName": "G", "members": [{"value": "u1", "type": "User"}]});
    let group = group.as_object().cloned().unwrap_or_default();
    let change = patch_op(
        json!([{"op": "replace", "path": "members[value eq \"u1\"].value", "value": "u2"}]),
    );
    let err = apply(ResourceType::Group, &group, &change, Dialect::Rfc).unwrap_err();
    assert_eq!(err.scim_type, Some("mutability"));
    let display = patch_op(
        json!([{"op": "replace", "path": "members[value eq \"u1\"].display", "value": "x"}]),
    );
    let err = apply(ResourceType::Group, &group, &display, Dialect::Rfc).unwrap_err();
    assert_eq!(err.scim_type, Some("mutability"));
    // Whole members come and go.
    let add = patch_op(
        json!([{"op": "add", "path": "members", "value": [{"value": "u2"}]},
        {"op": "remove", "path": "members[value eq \"u1\"]"}]),
    );
    let out = apply(ResourceType::Group, &group, &add, Dialect::Rfc).unwrap();
    assert_eq!(out["members"], json!([{"value": "u2"}]));
}

#[test]
fn required_attributes_cannot_go() {
    fails(
        json!([{"op": "remove", "path": "userName"}]),
        "invalidValue",
    );
    fails(
        json!([{"op": "replace", "path": "userName", "value": null}]),
        "invalidValue",
    );
}

#[test]
fn values_are_checked_against_the_schema() {
    assert!(fails(
        json!([{"op": "replace", "path": "active", "value": "False"}]),
        "invalidValue"
    )
    .contains("boolean"));
    fails(
        json!([{"op": "replace", "path": "emails", "value": [{"value": 3}]}]),
        "invalidValue",
    );
    fails(
        json!([{"op": "add", "path": "nosuch", "value": "x"}]),
        "invalidPath",
    );
    fails(
        json!([{"op": "add", "path": "emails.value", "value": "x"}]),
        "invalidPath",
    );
    fails(
        json!([{"op": "add", "path": "name[givenName pr]", "value": "x"}]),
        "invalidPath",
    );
    fails(
        json!([{"op": "add", "path": "emails[type eq]", "value": "x"}]),
        "invalidFilter",
    );
    fails(
        json!([{"op": "add", "value": {"nosuch": 1}}]),
        "invalidPath",
    );
    fails(
        json!([{"op": "add", "path": "emails[type eq \"work\"", "value": "x"}]),
        "invalidPath",
    );
}

#[test]
fn the_request_itself_must_be_a_patch_op() {
    let no_schema = json!({"Operations": [{"op": "add", "path": "title", "value": "x"}]});
    let err = apply(ResourceType::User, &user(), &no_schema, Dialect::Rfc).unwrap_err();
    assert_eq!(err.scim_type, Some("invalidSyntax"));
    fails(json!([]), "invalidSyntax");
    fails(
        json!([{"op": "merge", "path": "title", "value": "x"}]),
        "invalidSyntax",
    );
    fails(json!([{"op": "add", "path": "title"}]), "invalidSyntax");
}

#[test]
fn a_failing_operation_drops_the_whole_request() {
    let err = run(json!([
        {"op": "replace", "path": "title", "value": "changed"},
        {"op": "remove", "path": "emails[type eq \"fax\"]"}
    ]))
    .unwrap_err();
    assert!(err.detail.starts_with("operation 2:"), "{}", err.detail);
}

#[test]
fn unknown_extensions_take_any_value_and_whole_extensions_go() {
    let out = run(
        json!([{"op": "replace", "path": "urn:example:custom:2.0:User:shoeSize", "value": 43}]),
    )
    .unwrap();
    assert_eq!(out["urn:example:custom:2.0:User"], json!({"shoeSize": 43}));
    let out = run(json!([{"op": "remove", "path": "urn:example:custom:2.0:User"}])).unwrap();
    assert!(!out.contains_key("urn:example:custom:2.0:User"));
    let out =
        run(json!([{"op": "add", "path": ENTERPRISE_SCHEMA, "value": {"department": "R&D"}}]))
            .unwrap();
    assert_eq!(out[ENTERPRISE_SCHEMA], json!({"department": "R&D"}));
}

#[test]
fn entra_removes_the_listed_members_and_rfc_removes_all() {
    let group = json!({"displayName": "G", "members": [{"value": "u1"}, {"value": "u2"}]});
    let group = group.as_object().cloned().unwrap_or_default();
    let body = patch_op(json!([{"op": "Remove", "path": "members", "value": [{"value": "u1"}]}]));
    let entra = apply(ResourceType::Group, &group, &body, Dialect::Entra).unwrap();
    assert_eq!(entra["members"], json!([{"value": "u2"}]));
    // RFC 7644 §3.5.2.2: no filter, so "the attribute and all values are removed".
    let rfc = apply(ResourceType::Group, &group, &body, Dialect::Rfc).unwrap();
    assert!(!rfc.contains_key("members"));
}

#[test]
fn google_takes_at_most_twenty_operations() {
    let ops: Vec<Value> = (0..21)
        .map(|i| json!({"op": "replace", "path": "title", "value": format!("t{i}")}))
        .collect();
    let body = patch_op(Value::Array(ops));
    let err = apply(ResourceType::User, &user(), &body, Dialect::Google).unwrap_err();
    assert!(err.detail.contains("20"), "{}", err.detail);
    assert!(apply(ResourceType::User, &user(), &body, Dialect::Rfc).is_ok());
}
