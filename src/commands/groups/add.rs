//! `roster groups add GROUP USER...`: put users in a group.

use crate::context::Context;
use crate::error::Result;

/// Add users (by id or email) to a group (by name or id)
///
/// One result row per user: `added`, `unchanged` (already a member: nothing is sent for
/// them) or `failed`; exit 7 when some failed. A user roster cannot find stops the command
/// before anything is sent (exit 5). When the vendor's answer is lost, the members are read
/// again and only what the vendor shows is reported.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox groups add Sales ada@sandbox.example grace@sandbox.example
  roster --sandbox --profile amani groups add Viewer ayse.yilmaz@amani.sandbox.example --dry-run")]
pub(crate) struct Args {
    /// The group's name (any case) or id
    #[arg(value_name = "GROUP")]
    pub(crate) group: String,
    /// The users' ids or emails
    #[arg(value_name = "USER", required = true, num_args = 1..)]
    pub(crate) users: Vec<String>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    super::membership::run(ctx, &args.group, &args.users, true).await
}
