//! Offset paging (SCIM `startIndex`) with pages fetched concurrently, exact even when the
//! service answers fewer users than asked (RFC 7644 §3.4.2.4: `count` is a maximum).

use std::sync::Arc;

use tokio::task::JoinSet;

use super::{Lister, PAGES_IN_FLIGHT};
use crate::context::Target;
use crate::error::{Error, Result};
use crate::model::{User, UserQuery};
use crate::providers::Page;

/// The offsets of the pages of one batch: `stride` apart from `offset`, below `total`.
pub(super) fn batch(offset: u64, stride: u64, total: u64, pages: usize) -> Vec<u64> {
    let stride = stride.max(1);
    (0..pages as u64)
        .map(|k| offset.saturating_add(k.saturating_mul(stride)))
        .take_while(|s| *s < total)
        .collect()
}

/// Users after the first `offset`, pages of about `stride` in flight; each short page's
/// missing range is fetched before the next page is written, so none is skipped.
pub(super) async fn fetch(
    target: &Arc<Target>,
    query: &UserQuery,
    total: u64,
    stride: u64,
    lister: &mut Lister<'_, '_>,
) -> Result<()> {
    let mut offset = stride;
    while offset < total && !lister.full() {
        let starts = batch(offset, stride, total, PAGES_IN_FLIGHT);
        let mut set: JoinSet<(usize, Result<Page<User>>)> = JoinSet::new();
        for (i, &start) in starts.iter().enumerate() {
            let target = target.clone();
            let query = query.clone();
            set.spawn(async move { (i, one(&target, &query, start).await) });
        }
        let mut pages: Vec<Option<Page<User>>> = starts.iter().map(|_| None).collect();
        while let Some(joined) = set.join_next().await {
            let (i, page) =
                joined.map_err(|e| Error::failure("a page fetch stopped").with_source(e))?;
            if let Some(slot) = pages.get_mut(i) {
                *slot = Some(page?);
            }
        }
        for (i, page) in pages.into_iter().enumerate() {
            let Some(page) = page else { continue };
            let got = page.items.len() as u64;
            lister.push(page)?;
            if got == 0 {
                return Ok(());
            }
            let mut reached = starts[i].saturating_add(got);
            let until = starts.get(i + 1).copied().unwrap_or(reached).min(total);
            while reached < until && !lister.full() {
                let page = one(target, query, reached).await?;
                let got = page.items.len() as u64;
                lister.push(page)?;
                if got == 0 {
                    return Ok(());
                }
                reached = reached.saturating_add(got);
            }
            offset = reached.max(until);
        }
    }
    Ok(())
}

async fn one(target: &Target, query: &UserQuery, offset: u64) -> Result<Page<User>> {
    match target.provider.offset_cursor(query, offset) {
        Some(cursor) => target
            .provider
            .list_users(query, Some(&cursor))
            .await
            .map_err(target.err()),
        None => Err(Error::failure("the vendor stopped paging by offset")),
    }
}

#[cfg(test)]
mod tests {
    use super::batch;

    #[test]
    fn scim_offset_batch_stays_below_total() {
        assert_eq!(batch(6, 6, 30, 4), vec![6, 12, 18, 24]);
        assert_eq!(batch(6, 6, 20, 4), vec![6, 12, 18]);
        assert_eq!(batch(20, 6, 20, 4), Vec::<u64>::new());
        assert_eq!(batch(5, 0, 8, 4), vec![5, 6, 7]);
    }
}
