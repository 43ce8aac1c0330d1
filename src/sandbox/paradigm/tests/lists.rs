//! Listing users and groups: page-numbered pages, absolute links, filters, clamping.

use reqwest::Method;
use serde_json::{json, Value};

use super::envelope;
use crate::sandbox::testing::{read, Harness};

fn ids(page: &Value) -> Vec<u64> {
    let results = page["results"].as_array().cloned().unwrap_or_default();
    results.iter().filter_map(|r| r["id"].as_u64()).collect()
}

#[tokio::test]
async fn users_page_through_absolute_next_links_to_a_404_past_the_end() {
    let h = Harness::seeded().await;
    h.sandbox.with_state(|s| {
        for n in 0..40 {
            s.paradigm
                .add_user(&format!("u{n}@example.com"), &format!("u{n}"));
        }
    });
    let mut url = format!(
        "{}/api/v3/users?page_size=20",
        h.server.base_url("paradigm")
    );
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let answer = read(
            h.http
                .get(&url)
                .bearer_auth(crate::sandbox::PARADIGM_TEST_KEY),
        )
        .await;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert_eq!(answer.body["count"], json!(45));
        pages += 1;
        seen.extend(ids(&answer.body));
        match answer.body["next"].as_str() {
            Some(next) => {
                let expected = format!(
                    "{}/paradigm/api/v3/users?page={}&page_size=20",
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
    assert_eq!(
        seen,
        (1..=45).collect::<Vec<u64>>(),
        "every user once, by id"
    );

    let last = h.get("/api/v3/users?page=3&page_size=20").await;
    let previous = format!(
        "{}/paradigm/api/v3/users?page=2&page_size=20",
        h.server.root_url()
    );
    assert_eq!(last.body["previous"], json!(previous));
    let first = h.get("/api/v3/users").await;
    assert_eq!(first.body["previous"], Value::Null);
    assert_eq!(ids(&first.body).len(), 20, "default page size");

    let past = envelope(h.get("/api/v3/users?page=4").await, 404, "not_found");
    assert_eq!(past.body["detail"], "Invalid page.");

    // Over the maximum is clamped, as DRF does, and links carry the clamped size.
    let big = h.get("/api/v3/users?page_size=1000").await;
    assert_eq!(ids(&big.body).len(), 45);
    let big = h.get("/api/v3/users?page_size=1000").await;
    assert_eq!(big.body["next"], Value::Null);
    h.sandbox.with_state(|s| {
        for n in 40..100 {
            s.paradigm
                .add_user(&format!("u{n}@example.com"), &format!("u{n}"));
        }
    });
    let big = h.get("/api/v3/users?page_size=1000").await;
    assert_eq!(ids(&big.body).len(), 100);
    assert!(big.body["next"]
        .as_str()
        .is_some_and(|n| n.ends_with("?page=2&page_size=100")));
}

#[tokio::test]
async fn user_filters_narrow_the_list_and_stay_in_the_links() {
    let h = Harness::seeded().await;
    let inactive = h.get("/api/v3/users?is_active=false").await;
    assert_eq!(ids(&inactive.body), [4], "linus is the inactive one");
    let active = h.get("/api/v3/users?is_active=true").await;
    assert_eq!(ids(&active.body), [1, 2, 3, 5]);
    let support = h.get("/api/v3/users?group_id=3").await;
    assert_eq!(ids(&support.body), [3, 4]);
    let company = h.get("/api/v3/users?company_id=1").await;
    assert_eq!(company.body["count"], 5);
    let other = h.get("/api/v3/users?company_id=2").await;
    assert_eq!(other.body["count"], 0);

    let page = h
        .get("/api/v3/users?page_size=1&is_active=true&group_id=1")
        .await;
    assert_eq!(ids(&page.body), [1]);
    let next = format!(
        "{}/paradigm/api/v3/users?page=2&page_size=1&is_active=true&group_id=1",
        h.server.root_url()
    );
    assert_eq!(page.body["next"], json!(next));

    for (query, field) in [
        ("page=0", "page"),
        ("page=two", "page"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("is_active=maybe", "is_active"),
        ("group_id=x", "group_id"),
        ("company_id=1.5", "company_id"),
    ] {
        let answer = envelope(
            h.get(&format!("/api/v3/users?{query}")).await,
            422,
            "validation_error",
        );
        assert_eq!(answer.field_codes(field), ["invalid"], "{query}");
    }
}

#[tokio::test]
async fn groups_list_with_per_page_and_a_user_filter() {
    let h = Harness::seeded().await;
    let all = h.get("/api/v3/groups").await;
    assert_eq!(all.status, 200);
    assert_eq!(all.body["count"], 3);
    let engineering = &all.body["results"][0];
    assert_eq!(engineering["name"], "Engineering");
    assert_eq!(engineering["user_ids"], json!([1, 2, 3]));
    for key in [
        "id",
        "company_id",
        "category",
        "name",
        "description",
        "user_ids",
        "created_at",
        "updated_at",
    ] {
        assert!(!engineering[key].is_null(), "{key}");
    }

    let first = h.get("/api/v3/groups?per_page=2").await;
    assert_eq!(ids(&first.body), [1, 2]);
    let next = format!(
        "{}/paradigm/api/v3/groups?page=2&per_page=2",
        h.server.root_url()
    );
    assert_eq!(first.body["next"], json!(next));
    let second = h.get("/api/v3/groups?page=2&per_page=2").await;
    assert_eq!(
        (ids(&second.body), &second.body["next"]),
        (vec![3], &Value::Null)
    );
    envelope(
        h.get("/api/v3/groups?page=3&per_page=2").await,
        404,
        "not_found",
    );

    let graces = h.get("/api/v3/groups?user_id=3").await;
    assert_eq!(ids(&graces.body), [1, 3]);
    let answer = envelope(
        h.get("/api/v3/groups?per_page=x").await,
        422,
        "validation_error",
    );
    assert_eq!(answer.field_codes("per_page"), ["invalid"]);
    let clamped = h.get("/api/v3/groups?per_page=500").await;
    assert_eq!(clamped.status, 200);
}

#[tokio::test]
async fn links_follow_the_host_the_client_used() {
    let h = Harness::seeded().await;
    let request = h
        .paradigm(Method::GET, "/api/v3/users?page_size=2")
        .header("host", "paradigm.test:8443");
    let answer = read(request).await;
    assert_eq!(
        answer.body["next"],
        "http://paradigm.test:8443/paradigm/api/v3/users?page=2&page_size=2"
    );
}
