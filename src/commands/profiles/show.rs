//! `roster profiles show NAME`: one profile's settings and secret sources.

use clap_complete::engine::ArgValueCandidates;

use super::ProfileSummary;
use crate::commands::completions::profile_candidates;
use crate::context::Context;
use crate::error::Result;

/// Show one profile (secrets by source, never by value)
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster profiles show acme
  roster --sandbox profiles show cradl")]
pub(crate) struct Args {
    /// The profile's name
    #[arg(value_name = "NAME", add = ArgValueCandidates::new(profile_candidates))]
    pub(crate) name: String,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let config = ctx.config()?.clone();
    let spec = config.select(std::slice::from_ref(&args.name))?;
    let Some(spec) = spec.first() else {
        return Ok(());
    };
    ctx.out.item(&ProfileSummary::new(&config, spec))
}
