//! `roster groups ...`: one file per verb.

pub mod list;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum GroupsCommand {
    List(list::Args),
}

/// Run one `groups` verb.
pub async fn run(ctx: &mut Context, verb: GroupsCommand) -> Result<()> {
    match verb {
        GroupsCommand::List(a) => list::run(ctx, a).await,
    }
}
