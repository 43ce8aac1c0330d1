//! `roster profiles list`: every profile in the config, secrets shown by source only.

use super::ProfileSummary;
use crate::context::Context;
use crate::error::Result;

/// List the configured profiles
///
/// A profile roster cannot use is listed too, with its problem; it stops only the commands
/// that use it.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster profiles list
  roster --sandbox profiles list -o json")]
pub(crate) struct Args {}

pub(crate) async fn run(ctx: &mut Context, _args: Args) -> Result<()> {
    let config = ctx.config()?.clone();
    let rows: Vec<ProfileSummary> = config
        .names()
        .iter()
        .filter_map(
            |name| match (config.profiles.get(name), config.broken.get(name)) {
                (Some(spec), _) => Some(ProfileSummary::new(&config, spec)),
                (None, Some(broken)) => Some(ProfileSummary::broken(&config, broken)),
                (None, None) => None,
            },
        )
        .collect();
    if !config.broken.is_empty() {
        ctx.out.warn(format!(
            "{} profile(s) cannot be used until fixed (see PROBLEM): {}",
            config.broken.len(),
            config.broken.keys().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    let mut writer = ctx.out.list::<ProfileSummary>();
    writer.push(&rows)?;
    writer.finish()
}
