//! `roster groups members GROUP`: who is in a group.

use crate::context::Context;
use crate::error::Result;
use crate::model::User;
use crate::providers::Operation;

/// List the members of a group (by name or id)
///
/// Where the vendor has roles instead of groups (bleemeo, cradl) this says so; `roster users
/// list --group ROLE` lists who holds a role there.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox groups members Engineering
  roster --sandbox --profile amani groups members Operator -o json")]
pub(crate) struct Args {
    /// The group's name (any case) or id
    #[arg(value_name = "GROUP")]
    pub(crate) group: String,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let target = super::target(ctx, Operation::GroupMembers)?;
    let group = super::group(&target, &args.group).await?;
    let members = target
        .provider
        .group_members(&group.id)
        .await
        .map_err(target.err())?;
    let mut writer = ctx.out.list::<User>();
    writer.push(&members)?;
    writer.finish()
}
