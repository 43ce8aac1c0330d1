//! Route keys and query parsing, per vendor.

use super::*;

fn request(path: &str, query: &str) -> ApiRequest {
    ApiRequest::new(
        Method::GET,
        path.into(),
        Some(query),
        HeaderMap::new(),
        Bytes::new(),
        "http://127.0.0.1:9/v".into(),
    )
}

#[test]
fn route_keys_are_the_vendors_templates_or_other() {
    let paradigm = crate::sandbox::paradigm::Paradigm;
    assert_eq!(
        route_key(&Method::PUT, &paradigm, "/api/v3/users/42"),
        "PUT /paradigm/api/v3/users/{id}"
    );
    assert_eq!(
        route_key(&Method::GET, &paradigm, "/api/v3/users"),
        "GET /paradigm/api/v3/users"
    );
    let cradl = crate::sandbox::cradl::Cradl;
    assert_eq!(
        route_key(&Method::GET, &cradl, "/users/cradl:user:abc"),
        "GET /cradl/users/{id}"
    );
    for unknown in ["/api/v3", "/api/v3/users/", "/api/v3/users/1/2", "", "/x"] {
        assert_eq!(
            route_key(&Method::GET, &paradigm, unknown),
            "other",
            "{unknown}"
        );
    }
    let invented = Method::from_bytes(b"BREW").unwrap();
    assert_eq!(route_key(&invented, &paradigm, "/api/v3/users"), "other");
}

#[test]
fn templates_match_whole_segments() {
    assert!(matches_template("/v1/user/{id}/", "/v1/user/ab/"));
    assert!(!matches_template("/v1/user/{id}/", "/v1/user//"));
    assert!(!matches_template("/v1/user/{id}/", "/v1/user/ab"));
    assert!(matches_template("/o/token/", "/o/token/"));
    assert!(!matches_template("/o/token/", "/o/token"));
}

#[test]
fn pages_link_to_their_neighbours_and_stop_at_the_end() {
    let req = request("/items", "page=2");
    let filters = [("page_size", "2".to_string()), ("q", "a b".to_string())];
    let page = NumberedPage::of(&req, (1..=5).collect(), 2, 2, &filters).unwrap();
    assert_eq!(page.count, 5);
    assert_eq!(page.results, vec![3, 4]);
    assert_eq!(
        page.next.as_deref(),
        Some("http://127.0.0.1:9/v/items?page=3&page_size=2&q=a+b")
    );
    assert_eq!(
        page.previous.as_deref(),
        Some("http://127.0.0.1:9/v/items?page=1&page_size=2&q=a+b")
    );
    let last = NumberedPage::of(&req, (1..=5).collect(), 3, 2, &filters).unwrap();
    assert_eq!((last.results, last.next), (vec![5], None));
    assert!(NumberedPage::of(&req, (1..=5).collect(), 4, 2, &filters).is_none());
    let empty = NumberedPage::<u8>::of(&req, vec![], 1, 2, &filters).unwrap();
    assert_eq!((empty.count, empty.next, empty.previous), (0, None, None));
}

#[test]
fn the_last_repeated_query_value_wins() {
    let req = request("/", "a=1&b=2&a=3");
    assert_eq!(req.query("a"), Some("3"));
    assert_eq!(req.query("c"), None);
}
