//! Django REST Framework's answers as the client reads them, shared by the DRF-based vendors
//! (Bleemeo, Amani); the mirror of `sandbox/drf.rs`. Its error bodies (`{field: [messages]}`,
//! `{"detail"}`) are read by the one error decoder (`decode.rs`); this file reads its lists.

use serde::Deserialize;

/// A list: the decided `{count, next, previous, results}` envelope, or a bare array.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum DrfList<T> {
    Paged {
        #[serde(default)]
        count: Option<u64>,
        #[serde(default)]
        next: Option<String>,
        results: Vec<T>,
    },
    Bare(Vec<T>),
}

impl<T> DrfList<T> {
    /// (items, next link, total).
    pub(crate) fn into_parts(self) -> (Vec<T>, Option<String>, Option<u64>) {
        match self {
            DrfList::Paged {
                count,
                next,
                results,
            } => (results, next.filter(|n| !n.is_empty()), count),
            DrfList::Bare(items) => {
                let total = items.len() as u64;
                (items, None, Some(total))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_bare_lists() {
        let page: DrfList<u32> = serde_json::from_str(
            r#"{"count": 3, "next": "https://h/x?page=2", "previous": null, "results": [1]}"#,
        )
        .unwrap();
        assert_eq!(
            page.into_parts(),
            (vec![1], Some("https://h/x?page=2".to_string()), Some(3))
        );
        let last: DrfList<u32> =
            serde_json::from_str(r#"{"count": 1, "next": "", "results": [1]}"#).unwrap();
        assert_eq!(last.into_parts(), (vec![1], None, Some(1)));
        let bare: DrfList<u32> = serde_json::from_str("[1, 2]").unwrap();
        assert_eq!(bare.into_parts(), (vec![1, 2], None, Some(2)));
        // Neither shape: not an empty list.
        assert!(serde_json::from_str::<DrfList<u32>>("{}").is_err());
    }
}
