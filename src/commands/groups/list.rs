//! `roster groups list`: the groups and roles users can be put in.

use crate::context::Context;
use crate::error::Result;
use crate::model::Group;

/// List the groups (and roles) of a profile
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox groups list
  roster --sandbox --profile cradl groups list -o json")]
pub struct Args {}

pub async fn run(ctx: &mut Context, _args: Args) -> Result<()> {
    let target = ctx.target()?;
    let groups = target.provider.list_groups().await.map_err(target.err())?;
    let mut writer = ctx.out.list::<Group>();
    writer.push(&groups)?;
    writer.finish()
}
