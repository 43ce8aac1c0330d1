//! `roster users list`: stream every user of a profile, page by page.

use crate::commands::resolve;
use crate::context::Context;
use crate::error::Result;
use crate::model::{Status, User, UserQuery};

/// List users (streams page by page with -o ndjson)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only accounts that are not deactivated (active and invited)
    #[arg(long, conflicts_with = "inactive")]
    pub active: bool,
    /// Only deactivated accounts
    #[arg(long)]
    pub inactive: bool,
    /// Only members of this group (name or id)
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Stop after this many users
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let target = ctx.target()?;
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
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut writer = ctx.out.list::<User>();
    let mut cursor: Option<String> = None;
    while writer.count() < limit {
        let page = target
            .provider
            .list_users(&query, cursor.as_deref())
            .await
            .map_err(target.err())?;
        let room = limit - writer.count();
        let users: Vec<User> = page
            .items
            .into_iter()
            .filter(|u| wanted(&query, u))
            .take(room)
            .collect();
        writer.push(&users)?;
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    writer.finish()
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
