//! `roster groups remove GROUP USER...`: take users out of a group.

use crate::context::Context;
use crate::error::Result;

/// Remove users (by id or email) from a group (by name or id)
///
/// One result row per user: `removed`, `unchanged` (not a member: nothing is sent for them)
/// or `failed`; exit 7 when some failed. A user roster cannot find stops the command before
/// anything is sent (exit 5). The users keep their accounts.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox groups remove Support grace@sandbox.example
  roster --sandbox --profile amani groups remove Operator ayse.yilmaz@amani.sandbox.example -o json")]
pub(crate) struct Args {
    /// The group's name (any case) or id
    #[arg(value_name = "GROUP")]
    pub(crate) group: String,
    /// The users' ids or emails
    #[arg(value_name = "USER", required = true, num_args = 1..)]
    pub(crate) users: Vec<String>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    super::membership::run(ctx, &args.group, &args.users, false).await
}
