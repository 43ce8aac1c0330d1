//! `roster groups ...`: one file per verb, and what the membership verbs share.

pub(crate) mod add;
pub(crate) mod create;
pub(crate) mod delete;
pub(crate) mod list;
pub(crate) mod members;
pub(crate) mod membership;
pub(crate) mod remove;
pub(crate) mod settle;

use clap::Subcommand;

use crate::context::{Context, Target};
use crate::error::{Error, Result};
use crate::model::Group;
use crate::providers::Operation;
use crate::rules::match_group;

#[derive(Debug, Subcommand)]
pub(crate) enum GroupsCommand {
    List(list::Args),
    Members(members::Args),
    Add(add::Args),
    Remove(remove::Args),
    Create(create::Args),
    Delete(delete::Args),
}

/// Run one `groups` verb.
pub(crate) async fn run(ctx: &mut Context, verb: GroupsCommand) -> Result<()> {
    match verb {
        GroupsCommand::List(a) => list::run(ctx, a).await,
        GroupsCommand::Members(a) => members::run(ctx, a).await,
        GroupsCommand::Add(a) => add::run(ctx, a).await,
        GroupsCommand::Remove(a) => remove::run(ctx, a).await,
        GroupsCommand::Create(a) => create::run(ctx, a).await,
        GroupsCommand::Delete(a) => delete::run(ctx, a).await,
    }
}

/// The profile for a groups verb, refused before anything is sent where the vendor lacks it:
/// roles-only vendors are pointed at `users update --add-role`.
pub(crate) fn target(ctx: &mut Context, op: Operation) -> Result<Target> {
    let target = ctx.target()?;
    let caps = target.provider.capabilities();
    if let Err(e) = caps.require(op, target.profile.kind) {
        let profile = &target.profile.name;
        let hint = if caps.roles_only() {
            format!(
                "{} has roles, not groups: give one with `roster --profile {profile} users \
                 update USER --add-role ROLE`, take one with `--remove-role ROLE`; `users list \
                 --group ROLE` shows who holds one, `groups list` the roles",
                target.profile.kind
            )
        } else {
            format!(
                "{} publishes no API for this: do it in the vendor's admin console; `roster \
                 groups members`, `add` and `remove` work on the groups that exist",
                target.profile.kind
            )
        };
        return Err((target.err())(e).with_hint(hint));
    }
    Ok(target)
}

/// The group named by `key`, an id or a name (any case), from the vendor's list.
pub(crate) async fn group(target: &Target, key: &str) -> Result<Group> {
    if key.trim().is_empty() {
        return Err(Error::usage("the group name or id is empty"));
    }
    let known = target.provider.list_groups().await.map_err(target.err())?;
    let id = match_group(&known, key)?;
    known
        .into_iter()
        .find(|g| g.id == id)
        .ok_or_else(|| Error::failure(format!("internal: group {id} vanished from the list")))
}

#[cfg(test)]
mod tests;
