//! `roster profiles check [NAME]`: authenticate and say who the credentials belong to.

use crate::context::Context;
use crate::error::Result;

/// Authenticate with a profile and report who its credentials belong to
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The profile to check [default: --profile, default_profile, or the only one]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if let Some(name) = args.name {
        ctx.global.profile = vec![name];
    }
    let target = ctx.target()?;
    let identity = target.provider.whoami().await.map_err(target.err())?;
    ctx.out.note(format!(
        "{}: credentials accepted by {}",
        target.profile.name, target.profile.base_url
    ));
    ctx.out.item(&identity)
}
