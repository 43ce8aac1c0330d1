//! `roster users list`: stream every user of a profile, page by page.

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::task::JoinSet;

use crate::across::{self, FanOut, Order};
use crate::commands::resolve;
use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Status, User, UserQuery};
use crate::output::ListWriter;
use crate::providers::Page;

#[path = "list_offsets.rs"]
mod offsets;

/// Pages fetched at once when the vendor numbers its pages and says how many users there are.
const PAGES_IN_FLIGHT: usize = 4;

/// List users (streams page by page with -o ndjson)
///
/// With --profile all (or a,b) every profile is read at once, each at its own pace; rows come
/// in profile order (NDJSON: as each profile answers), and a profile that cannot be read is
/// named on stderr and makes the exit code 7 without hiding the others' rows.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users list --active
  roster --sandbox --profile amani users list --group Operator -o csv
  roster --sandbox users list --limit 2 -o json
  roster --sandbox --profile all users list -o csv")]
pub(crate) struct Args {
    /// Only accounts that are not deactivated (active and invited)
    #[arg(long, conflicts_with = "inactive")]
    pub(crate) active: bool,
    /// Only deactivated accounts
    #[arg(long)]
    pub(crate) inactive: bool,
    /// Only members of this group (name or id)
    #[arg(long, value_name = "GROUP")]
    pub(crate) group: Option<String>,
    /// Stop after this many users
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if across::wants_many(&ctx.settings.profile) {
        return run_across(ctx, args).await;
    }
    let target = Arc::new(ctx.target()?);
    let group_id = match &args.group {
        Some(g) => resolve::groups(&target, std::slice::from_ref(g))
            .await?
            .into_iter()
            .next(),
        None => None,
    };
    let query = UserQuery {
        status: if args.active {
            Some(Status::Active)
        } else if args.inactive {
            Some(Status::Inactive)
        } else {
            None
        },
        group_id,
        email: None,
    };
    let mut lister = Lister {
        seen: std::collections::HashSet::new(),
        writer: ctx.out.list::<User>(),
        query: &query,
        limit: args.limit.unwrap_or(usize::MAX),
    };
    if lister.full() {
        return lister.writer.finish();
    }
    let first = target
        .provider
        .list_users(&query, None)
        .await
        .map_err(target.err())?;
    let numbered = first
        .total
        .filter(|_| first.next.is_some() && !first.items.is_empty())
        .zip(target.provider.page_cursor(&query, 2));
    let per_page = first.items.len() as u64;
    let by_offset = first
        .total
        .filter(|_| first.next.is_some() && per_page > 0)
        .filter(|_| target.provider.offset_cursor(&query, per_page).is_some());
    let mut next = first.next.clone();
    lister.push(first)?;
    if let Some(total) = by_offset {
        offsets::fetch(&target, &query, total, per_page, &mut lister).await?;
    } else if let Some((total, _)) = numbered {
        let pages = total.div_ceil(per_page);
        fetch_numbered(&target, &query, pages, &mut lister).await?;
    } else {
        while let Some(cursor) = next.take() {
            if lister.full() {
                break;
            }
            let page = target
                .provider
                .list_users(&query, Some(&cursor))
                .await
                .map_err(target.err())?;
            next = page.next.clone();
            lister.push(page)?;
        }
    }
    lister.writer.finish()
}

/// `users list` over several profiles. `--group` is looked up in each: a profile without that
/// group lists nobody, with a note.
async fn run_across(ctx: &mut Context, args: Args) -> Result<()> {
    let names = ctx.settings.profile.clone();
    let selected = across::select(ctx, &names, Pacing::IfConfigured).await?;
    let query = UserQuery {
        status: if args.active {
            Some(Status::Active)
        } else if args.inactive {
            Some(Status::Inactive)
        } else {
            None
        },
        group_id: None,
        email: None,
    };
    let order = Order::for_output(&ctx.out, args.limit.is_some());
    let group = args.group;
    let fan = FanOut::start(selected, order, move |target, rows| {
        let mut query = query.clone();
        let group = group.clone();
        async move {
            if let Some(g) = &group {
                match resolve::groups(&target, std::slice::from_ref(g)).await {
                    Ok(ids) => query.group_id = ids.into_iter().next(),
                    Err(e) if e.kind() == ErrorKind::NotFound => {
                        let name = &target.profile.name;
                        rows.note(format!("{name}: no group or role named `{g}`; none listed"))
                            .await;
                        return Ok(());
                    }
                    Err(e) => return Err(e),
                }
            }
            across::walk_users(&target, &query, &rows, |u| wanted(&query, &u).then_some(u)).await
        }
    });
    let limit = args.limit.unwrap_or(usize::MAX);
    across::write_list(&ctx.out, fan, limit).await.map(|_| ())
}

/// Pages 2..=`pages` with a few in flight, written in order as they complete: memory holds at
/// most the pages in flight plus those waiting for an earlier one.
async fn fetch_numbered(
    target: &Arc<Target>,
    query: &UserQuery,
    pages: u64,
    lister: &mut Lister<'_, '_>,
) -> Result<()> {
    let mut in_flight: JoinSet<(u64, std::result::Result<Page<User>, Error>)> = JoinSet::new();
    let mut ready: BTreeMap<u64, Page<User>> = BTreeMap::new();
    let mut next_to_send = 2;
    let mut next_to_write = 2;
    while next_to_write <= pages && !lister.full() {
        while next_to_send <= pages && in_flight.len() + ready.len() < PAGES_IN_FLIGHT {
            let n = next_to_send;
            next_to_send += 1;
            let target = target.clone();
            let query = query.clone();
            in_flight.spawn(async move {
                let page = match target.provider.page_cursor(&query, n) {
                    Some(cursor) => target
                        .provider
                        .list_users(&query, Some(&cursor))
                        .await
                        .map_err(target.err()),
                    None => Err(Error::failure("the vendor stopped numbering its pages")),
                };
                (n, page)
            });
        }
        if let Some(page) = ready.remove(&next_to_write) {
            let last = page.next.is_none() || page.items.is_empty();
            lister.push(page)?;
            next_to_write += 1;
            if last {
                break;
            }
            continue;
        }
        match in_flight.join_next().await {
            Some(Ok((n, page))) => {
                ready.insert(n, page?);
            }
            Some(Err(e)) => return Err(Error::failure("a page fetch stopped").with_source(e)),
            None => break,
        }
    }
    in_flight.abort_all();
    Ok(())
}

/// Filters and writes pages until the limit.
struct Lister<'o, 'q> {
    seen: std::collections::HashSet<String>,
    writer: ListWriter<'o, User>,
    query: &'q UserQuery,
    limit: usize,
}

impl Lister<'_, '_> {
    fn full(&self) -> bool {
        self.writer.count() >= self.limit
    }

    fn push(&mut self, page: Page<User>) -> Result<()> {
        let room = self.limit.saturating_sub(self.writer.count());
        let users: Vec<User> = page
            .items
            .into_iter()
            .filter(|u| wanted(self.query, u))
            .filter(|u| self.seen.insert(u.id.clone()))
            .take(room)
            .collect();
        self.writer.push(&users)
    }
}

/// The filters again on the client, for vendors that cannot apply them on the server.
fn wanted(query: &UserQuery, user: &User) -> bool {
    let status_ok = match query.status {
        Some(Status::Inactive) => user.status == Status::Inactive,
        Some(_) => user.status != Status::Inactive,
        None => true,
    };
    let group_ok = match &query.group_id {
        Some(g) => user.groups.iter().chain(&user.roles).any(|r| &r.id == g),
        None => true,
    };
    status_ok && group_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ref;

    #[test]
    fn client_side_filters() {
        let mut u = User::blank("p", "paradigm", "1".into());
        u.status = Status::Invited;
        let active = UserQuery {
            status: Some(Status::Active),
            ..Default::default()
        };
        assert!(wanted(&active, &u));
        let inactive = UserQuery {
            status: Some(Status::Inactive),
            ..Default::default()
        };
        assert!(!wanted(&inactive, &u));
        let group = UserQuery {
            group_id: Some("4".into()),
            ..Default::default()
        };
        assert!(!wanted(&group, &u));
        u.groups.push(Ref {
            id: "4".into(),
            name: None,
        });
        assert!(wanted(&group, &u));
    }
}
