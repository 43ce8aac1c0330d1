//! Index paging (RFC 7644 §3.4.2.4), cursor paging (RFC 9865) and sorting, without HTTP.

use serde_json::Value;

use crate::sandbox::scim::dialect::Dialect;
use crate::sandbox::scim::error::ScimError;
use crate::sandbox::scim::list::{run, Query};
use crate::sandbox::scim::render::Links;
use crate::sandbox::scim::schema::ResourceType;
use crate::sandbox::scim::State;

/// The seed plus `extra` bench users.
fn state(extra: usize) -> State {
    let mut state = State::seed();
    for i in 0..extra {
        state.add_user(&format!("u{i:03}@bench.example"));
    }
    state
}

fn links() -> Links {
    Links {
        root: "http://127.0.0.1:9/scim/v2".into(),
    }
}

fn list(state: &mut State, dialect: Dialect, query: Query) -> Result<Value, ScimError> {
    run(state, &[ResourceType::User], &query, &links(), dialect)
}

fn names(page: &Value, key: &str) -> Vec<String> {
    page[key]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|u| u["userName"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn q(pairs: &[(&str, &str)]) -> Query {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    Query {
        filter: get("filter"),
        sort_by: get("sortBy"),
        sort_order: get("sortOrder"),
        start_index: get("startIndex"),
        count: get("count"),
        cursor: get("cursor"),
        attributes: get("attributes"),
        excluded_attributes: get("excludedAttributes"),
    }
}

#[test]
fn index_pages_cover_every_user_once() {
    let mut s = state(7);
    let mut seen = Vec::new();
    let mut start = 1;
    loop {
        let page = list(
            &mut s,
            Dialect::Rfc,
            q(&[("startIndex", &start.to_string()), ("count", "5")]),
        )
        .unwrap();
        assert_eq!(page["totalResults"], 12);
        assert_eq!(page["startIndex"], start);
        let got = names(&page, "Resources");
        assert_eq!(page["itemsPerPage"], got.len());
        if got.is_empty() {
            break;
        }
        seen.extend(got);
        start += 5;
    }
    assert_eq!(seen.len(), 12);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 12);
}

#[test]
fn index_parameters_are_bounded_and_checked() {
    let mut s = state(0);
    // startIndex below 1 is 1; a negative count is 0 (RFC 7644 §3.4.2.4).
    let page = list(
        &mut s,
        Dialect::Rfc,
        q(&[("startIndex", "-4"), ("count", "-1")]),
    )
    .unwrap();
    assert_eq!(
        (page["startIndex"].clone(), page["itemsPerPage"].clone()),
        (1.into(), 0.into())
    );
    assert_eq!(page["totalResults"], 5);
    // A count past the maximum is cut to it.
    let mut big = state(250);
    let page = list(&mut big, Dialect::Rfc, q(&[("count", "100000")])).unwrap();
    assert_eq!(page["itemsPerPage"], 200);
    let page = list(&mut big, Dialect::Rfc, Query::default()).unwrap();
    assert_eq!(page["itemsPerPage"], 100, "the default page size");
    for bad in [
        ("count", "ten"),
        ("startIndex", "1.5"),
        ("count", "99999999999999999999"),
    ] {
        let err = list(&mut s, Dialect::Rfc, q(&[bad])).unwrap_err();
        assert_eq!(err.scim_type, Some("invalidValue"), "{bad:?}");
    }
    // Past the end: an empty page, still with the total.
    let page = list(&mut s, Dialect::Rfc, q(&[("startIndex", "50")])).unwrap();
    assert_eq!(
        (
            page["totalResults"].clone(),
            names(&page, "Resources").len()
        ),
        (5.into(), 0)
    );
}

#[test]
fn cursor_pages_walk_forward_and_back() {
    let mut s = state(7);
    let first = list(&mut s, Dialect::Rfc, q(&[("cursor", ""), ("count", "5")])).unwrap();
    assert!(first.get("startIndex").is_none());
    assert!(
        first.get("previousCursor").is_none(),
        "none on the first page"
    );
    assert_eq!(first["totalResults"], 12);
    let next = first["nextCursor"].as_str().unwrap().to_string();
    assert!(
        next.bytes().all(|b| b.is_ascii_alphanumeric()),
        "URL-safe: {next}"
    );
    let second = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", &next), ("count", "5")]),
    )
    .unwrap();
    let third_cursor = second["nextCursor"].as_str().unwrap().to_string();
    let third = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", &third_cursor), ("count", "5")]),
    )
    .unwrap();
    assert!(third.get("nextCursor").is_none(), "the last page has none");
    let mut all = names(&first, "Resources");
    all.extend(names(&second, "Resources"));
    all.extend(names(&third, "Resources"));
    assert_eq!(all.len(), 12);
    let back = third["previousCursor"].as_str().unwrap().to_string();
    let again = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", &back), ("count", "5")]),
    )
    .unwrap();
    assert_eq!(names(&again, "Resources"), names(&second, "Resources"));
}

#[test]
fn cursors_are_checked() {
    let mut s = state(7);
    let first = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", ""), ("count", "5"), ("filter", "active eq true")]),
    )
    .unwrap();
    let next = first["nextCursor"].as_str().unwrap().to_string();
    let forged = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", "AAAA"), ("count", "5")]),
    )
    .unwrap_err();
    assert_eq!(forged.scim_type, Some("invalidCursor"));
    let other_query = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", &next), ("count", "5")]),
    )
    .unwrap_err();
    assert_eq!(other_query.scim_type, Some("invalidCursor"));
    let other_count = list(
        &mut s,
        Dialect::Rfc,
        q(&[
            ("cursor", &next),
            ("count", "4"),
            ("filter", "active eq true"),
        ]),
    )
    .unwrap_err();
    assert_eq!(other_count.scim_type, Some("invalidCount"));
    let too_big = list(&mut s, Dialect::Rfc, q(&[("cursor", ""), ("count", "201")])).unwrap_err();
    assert_eq!(too_big.scim_type, Some("invalidCount"));
    let both = list(
        &mut s,
        Dialect::Rfc,
        q(&[("cursor", ""), ("startIndex", "1")]),
    )
    .unwrap_err();
    assert_eq!(both.scim_type, Some("invalidValue"));
    s.expire_cursors();
    let expired = list(
        &mut s,
        Dialect::Rfc,
        q(&[
            ("cursor", &next),
            ("count", "5"),
            ("filter", "active eq true"),
        ]),
    )
    .unwrap_err();
    assert_eq!(expired.scim_type, Some("expiredCursor"));
}

#[test]
fn cursor_only_services_page_by_cursor_unasked() {
    let mut s = state(150);
    // RFC 9865 §2.3: a first page with nextCursor even without `cursor`.
    let page = list(&mut s, Dialect::Entra, Query::default()).unwrap();
    assert_eq!(names(&page, "resources").len(), 100);
    assert!(page["nextCursor"].is_string());
    assert!(
        page.get("Resources").is_none(),
        "Entra spells it `resources`"
    );
    let err = list(&mut s, Dialect::Entra, q(&[("startIndex", "1")])).unwrap_err();
    assert_eq!(err.scim_type, Some("invalidValue"));
    // AWS leaves totalResults out of cursor pages.
    let aws = list(&mut s, Dialect::Aws, q(&[("count", "10")])).unwrap();
    assert!(aws.get("totalResults").is_none());
    assert!(aws["nextCursor"].is_string());
}

#[test]
fn index_only_and_unpaged_services() {
    let mut s = state(30);
    // Slack ignores a cursor it does not know and pages by index, 10 by default.
    let slack = list(&mut s, Dialect::Slack, q(&[("cursor", "")])).unwrap();
    assert_eq!(names(&slack, "Resources").len(), 10);
    assert!(slack.get("nextCursor").is_none());
    // Google answers every match at once, and wants a filter for users.
    let err = list(&mut s, Dialect::Google, Query::default()).unwrap_err();
    assert_eq!(err.scim_type, Some("tooMany"));
    let one = list(
        &mut s,
        Dialect::Google,
        q(&[
            ("filter", "userName eq \"u001@bench.example\""),
            ("count", "1"),
        ]),
    )
    .unwrap();
    assert_eq!(names(&one, "resources"), vec!["u001@bench.example"]);
    let err = list(
        &mut s,
        Dialect::Google,
        q(&[("filter", "userName sw \"u\"")]),
    )
    .unwrap_err();
    assert_eq!(err.scim_type, Some("invalidFilter"));
}

#[test]
fn sorting_follows_sort_by_and_order() {
    let mut s = state(0);
    let asc = list(&mut s, Dialect::Rfc, q(&[("sortBy", "name.familyName")])).unwrap();
    let family = |p: &Value| -> Vec<String> {
        p["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["name"]["familyName"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        family(&asc),
        ["Dijkstra", "Hopper", "Johnson", "Lovelace", "Turing"]
    );
    let desc = list(
        &mut s,
        Dialect::Rfc,
        q(&[("sortBy", "name.familyName"), ("sortOrder", "descending")]),
    )
    .unwrap();
    assert_eq!(
        family(&desc),
        ["Turing", "Lovelace", "Johnson", "Hopper", "Dijkstra"]
    );
    // Users without a title come last ascending, first descending.
    let titles = |p: &Value| -> Vec<Option<String>> {
        p["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["title"].as_str().map(str::to_string))
            .collect()
    };
    let by_title = list(&mut s, Dialect::Rfc, q(&[("sortBy", "title")])).unwrap();
    assert_eq!(titles(&by_title)[3..], [None, None]);
    let by_title = list(
        &mut s,
        Dialect::Rfc,
        q(&[("sortBy", "title"), ("sortOrder", "descending")]),
    )
    .unwrap();
    assert_eq!(titles(&by_title)[..2], [None, None]);
    // A multi-valued attribute sorts by its primary value.
    let by_email = list(&mut s, Dialect::Rfc, q(&[("sortBy", "emails")])).unwrap();
    assert_eq!(
        names(&by_email, "Resources")[0],
        "ada.lovelace@scim.sandbox.example"
    );
    for bad in [("sortBy", "nosuch"), ("sortOrder", "up")] {
        let query = q(&[("sortBy", "title"), bad]);
        let query = if bad.0 == "sortBy" { q(&[bad]) } else { query };
        assert_eq!(
            list(&mut s, Dialect::Rfc, query).unwrap_err().scim_type,
            Some("invalidValue")
        );
    }
}

#[test]
fn projections_keep_or_drop_attributes() {
    let mut s = state(0);
    let page = list(&mut s, Dialect::Rfc, q(&[("attributes", "userName,name.givenName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"), ("count", "1")])).unwrap();
    let ada = &page["Resources"][0];
    let mut keys: Vec<&String> = ada.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "schemas",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "userName"
        ]
    );
    assert_eq!(ada["name"], serde_json::json!({"givenName": "Ada"}));
    assert_eq!(
        ada["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        serde_json::json!({"department": "Engineering"})
    );
    let page = list(
        &mut s,
        Dialect::Rfc,
        q(&[
            (
                "excludedAttributes",
                "emails,meta,id,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            ),
            ("count", "1"),
        ]),
    )
    .unwrap();
    let ada = &page["Resources"][0];
    assert!(ada.get("emails").is_none() && ada.get("meta").is_none());
    assert!(ada
        .get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        .is_none());
    assert!(ada["id"].is_string(), "id is always returned");
}

#[test]
fn state_files_seed_scim_when_absent_and_never_hold_cursors() {
    let old: crate::sandbox::SandboxState = serde_json::from_str("{}").expect("loads");
    assert_eq!(old.scim.users.len(), 5);
    let mut s = state(3);
    let page = list(&mut s, Dialect::Rfc, q(&[("cursor", ""), ("count", "2")])).unwrap();
    let cursor = page["nextCursor"].as_str().unwrap().to_string();
    let saved = serde_json::to_string(&s).unwrap();
    assert!(!saved.contains(&cursor));
    let back: State = serde_json::from_str(&saved).unwrap();
    assert_eq!(back.users.len(), 8);
}
