//! `roster profiles list`: every profile in the config, secrets shown by source only.

use super::ProfileSummary;
use crate::context::Context;
use crate::error::Result;

/// List the configured profiles
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(ctx: &mut Context, _args: Args) -> Result<()> {
    let config = ctx.config()?.clone();
    let rows: Vec<ProfileSummary> = config
        .profiles
        .values()
        .map(|p| ProfileSummary::new(&config, p))
        .collect();
    let mut writer = ctx.out.list::<ProfileSummary>();
    writer.push(&rows)?;
    writer.finish()
}
