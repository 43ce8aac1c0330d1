//! The filter parser and evaluator, case by case.

use serde_json::{json, Map, Value};

use super::*;
use crate::sandbox::scim::schema::ResourceType;

fn path(name: &str) -> AttrPath {
    parse_attr_path(name).expect("a path")
}

fn cmp(name: &str, op: CompareOp, value: &str) -> Filter {
    Filter::Compare(path(name), op, CompValue::Str(value.into()))
}

fn user() -> Map<String, Value> {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "userName": "Bjensen@Example.com",
        "name": {"familyName": "Jensen", "givenName": "Barbara"},
        "title": "Tour Guide",
        "userType": "Employee",
        "active": true,
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "department": "Tour Operations",
            "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}
        },
        "urn:example:custom:2.0:User": {"shoeSize": 42, "nickname": "Babs"},
        "meta": {
            "created": "2024-02-01T09:00:00Z",
            "lastModified": "2024-03-15T10:30:00+02:00",
            "resourceType": "User",
            "version": "W/\"3\""
        }
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

/// Parse, check and evaluate against the sample user.
fn eval(text: &str) -> Result<bool, ScimError> {
    let filter = parse(text)?;
    check(&filter, Scope::Resource(ResourceType::User))?;
    Ok(matches(
        &filter,
        &user(),
        Scope::Resource(ResourceType::User),
    ))
}

fn yes(text: &str) {
    assert_eq!(eval(text), Ok(true), "{text}");
}

fn no(text: &str) {
    assert_eq!(eval(text), Ok(false), "{text}");
}

fn invalid(text: &str) -> String {
    match eval(text) {
        Err(e) => {
            assert_eq!(e.scim_type, Some("invalidFilter"), "{text}: {e:?}");
            e.detail
        }
        Ok(m) => panic!("{text}: expected invalidFilter, matched={m}"),
    }
}

#[test]
fn and_binds_tighter_than_or() {
    let a = cmp("a", CompareOp::Eq, "1");
    let b = cmp("b", CompareOp::Eq, "2");
    let c = cmp("c", CompareOp::Eq, "3");
    let parsed = parse(r#"a eq "1" or b eq "2" and c eq "3""#).unwrap();
    let expected = Filter::Or(
        Box::new(a.clone()),
        Box::new(Filter::And(Box::new(b.clone()), Box::new(c.clone()))),
    );
    assert_eq!(parsed, expected);
    let grouped = parse(r#"(a eq "1" or b eq "2") and c eq "3""#).unwrap();
    let expected = Filter::And(Box::new(Filter::Or(Box::new(a), Box::new(b))), Box::new(c));
    assert_eq!(grouped, expected);
    // Evaluated: true or (false and false) is true; (true or false) and false is false.
    yes(r#"title pr or userType eq "Nobody" and active eq false"#);
    no(r#"(title pr or userType eq "Nobody") and active eq false"#);
}

#[test]
fn not_needs_parentheses_and_negates() {
    no(r#"not (userType eq "Employee")"#);
    yes(r#"not(userType eq "Contractor")"#);
    yes(
        r#"userType eq "Employee" and not (emails co "example.org" or emails.value co "example.net")"#,
    );
    invalid(r#"not userType eq "Employee""#);
}

#[test]
fn operators_and_keywords_are_case_insensitive() {
    yes(r#"userName EQ "bjensen@example.com""#);
    yes(r#"title pr AND userType Eq "Employee""#);
    yes(r#"NOT (title Pr) Or active eq true"#);
}

#[test]
fn every_comparison_operator_on_strings() {
    yes(r#"title eq "tour guide""#);
    no(r#"title ne "tour guide""#);
    yes(r#"title ne "Driver""#);
    yes(r#"title co "UR G""#);
    yes(r#"title sw "Tour""#);
    yes(r#"title ew "guide""#);
    no(r#"title sw "guide""#);
    yes(r#"title gt "Tour A""#);
    yes(r#"title ge "Tour Guide""#);
    yes(r#"title lt "Zebra""#);
    yes(r#"title le "tour guide""#);
    no(r#"title lt "Tour Guide""#);
}

#[test]
fn case_exactness_follows_the_schema() {
    // userName is caseExact=false; id and externalId are caseExact=true (RFC 7643 §4.1, §3.1).
    yes(r#"userName eq "BJENSEN@EXAMPLE.COM""#);
    yes(r#"id eq "2819c223-7f76-453a-919d-413861904646""#);
    no(r#"id eq "2819C223-7F76-453A-919D-413861904646""#);
    yes(r#"meta.version eq "W/\"3\"""#);
}

#[test]
fn attribute_names_are_case_insensitive() {
    yes(r#"USERNAME eq "bjensen@example.com""#);
    yes(r#"Name.FamilyName eq "jensen""#);
    yes(r#"EMAILS[TYPE eq "work"]"#);
}

#[test]
fn sub_attributes_and_multi_valued_attributes() {
    yes(r#"name.familyName eq "Jensen""#);
    yes(r#"emails.value eq "babs@jensen.org""#);
    // A multi-valued complex attribute named alone compares its `value` (RFC 7644 example).
    yes(r#"emails co "jensen.org""#);
    yes(r#"emails.type eq "home""#);
    no(r#"emails.type eq "other""#);
    // `ne` holds when no value is equal.
    no(r#"emails.type ne "home""#);
    yes(r#"phoneNumbers.value ne "123""#);
}

#[test]
fn value_paths_filter_within_one_value() {
    yes(r#"emails[type eq "work" and value co "@example.com"]"#);
    // Both conditions must hold for the same email, not across two.
    no(r#"emails[type eq "home" and value co "@example.com"]"#);
    yes(
        r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
    );
    yes(r#"emails[not (type eq "work")]"#);
    yes(r#"emails[primary eq true] and userType eq "Employee""#);
    assert!(invalid(r#"emails[type eq "work" and emails[value pr]]"#).contains("nest"));
    invalid(r#"emails[name.givenName pr]"#);
    invalid(r#"title[value pr]"#);
    invalid(r#"emails[type eq "work""#);
}

#[test]
fn extension_attributes_by_urn() {
    yes(
        r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "tour operations""#,
    );
    yes(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr"#);
    yes(r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bjensen""#);
    no(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr"#);
    invalid(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize pr"#);
    invalid(r#"urn:ietf:params:scim:schemas:core:2.0:Group:displayName pr"#);
    // An extension without a schema here is typed by its values.
    yes(r#"urn:example:custom:2.0:User:shoeSize gt 40"#);
    yes(r#"urn:example:custom:2.0:User:nickname eq "babs""#);
}

#[test]
fn quoting_and_escapes() {
    let parsed = parse(r#"title eq "a \"quoted\" \\ word\u00e9""#).unwrap();
    assert_eq!(
        parsed,
        cmp("title", CompareOp::Eq, "a \"quoted\" \\ word\u{e9}")
    );
    // Brackets, parentheses and keywords inside strings are data.
    let parsed = parse(r#"title eq "x] or (y eq z""#).unwrap();
    assert_eq!(parsed, cmp("title", CompareOp::Eq, "x] or (y eq z"));
    invalid(r#"title eq "unterminated"#);
    invalid(r#"title eq "bad \q escape""#);
    invalid("title eq 'single'");
}

#[test]
fn dates_compare_in_time() {
    yes(r#"meta.created gt "2024-01-31T23:59:59Z""#);
    no(r#"meta.created gt "2024-02-01T09:00:00Z""#);
    yes(r#"meta.created ge "2024-02-01T09:00:00Z""#);
    // 10:30 at +02:00 is 08:30 UTC: before 09:00 UTC, whatever the text says.
    yes(r#"meta.lastModified lt "2024-03-15T09:00:00Z""#);
    yes(r#"meta.lastModified eq "2024-03-15T08:30:00Z""#);
    yes(
        r#"meta.created lt "2024-02-01T10:30:00+01:00" and meta.created gt "2024-02-01T08:00:00Z""#,
    );
    no(r#"meta.created lt "2024-02-01T10:00:00+01:00""#);
    invalid(r#"meta.created gt "yesterday""#);
    invalid(r#"meta.created gt 20240201"#);
}

#[test]
fn booleans_and_null() {
    yes("active eq true");
    no("active eq false");
    yes("active ne false");
    invalid(r#"active eq "true""#);
    invalid("active eq True");
    invalid("active gt false");
    invalid("active co true");
    yes("nickName eq null");
    no("title eq null");
    yes("title ne null");
    invalid("title gt null");
}

#[test]
fn present_means_a_non_empty_value() {
    yes("title pr");
    no("nickName pr");
    yes("emails pr");
    yes("name pr");
    no("phoneNumbers pr");
}

#[test]
fn type_mismatches_and_unknown_names_are_invalid() {
    assert!(invalid(r#"shoeSize eq "x""#).contains("unknown attribute"));
    invalid(r#"name eq "Barbara""#);
    invalid(r#"title eq 3"#);
    invalid(r#"name.nope pr"#);
    invalid(r#"title.value pr"#);
    // The password is never returned, so never filtered on.
    invalid(r#"password eq "secret""#);
}

#[test]
fn malformed_filters_say_where() {
    assert!(invalid(r#"userName eq"#).contains("ends"));
    assert!(invalid(r#"userName equals "x""#).contains("column 10"));
    invalid(r#"userName eq "x" and"#);
    invalid(r#"(userName eq "x""#);
    invalid(r#"userName eq "x")"#);
    invalid(r#"eq "x""#);
    invalid("");
    invalid(r#"1abc eq "x""#);
    invalid(r#"a.b.c eq "x""#);
    // Multi-byte text where a URN prefix or a name is looked for.
    invalid(r#"ur€n eq "x""#);
    invalid(r#"€€€€€ pr"#);
    invalid(r#"title eq "é" and é pr"#);
}

#[test]
fn runaway_filters_are_refused() {
    let deep = format!("{}title pr{}", "(".repeat(100), ")".repeat(100));
    assert!(invalid(&deep).contains("nests deeper"));
    let long = format!("title eq \"{}\"", "x".repeat(MAX_FILTER_LEN));
    assert!(invalid(&long).contains("longer"));
}

#[test]
fn value_filters_parse_alone_for_patch_paths() {
    let parsed = parse_value_filter(r#"value eq "2819c223""#).unwrap();
    assert_eq!(parsed, cmp("value", CompareOp::Eq, "2819c223"));
    assert!(parse_value_filter(r#"emails.value eq "x""#).is_err());
}

#[test]
fn attribute_paths_split_urns_and_sub_attributes() {
    let p = path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
    assert_eq!(
        p.urn.as_deref(),
        Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
    );
    assert_eq!(
        (p.name.as_str(), p.sub.as_deref()),
        ("manager", Some("value"))
    );
    assert_eq!(path("members.$ref").sub.as_deref(), Some("$ref"));
    assert!(parse_attr_path("").is_none());
    assert!(parse_attr_path("urn:x:").is_none());
}
