//! `roster users get`: one user by id or email.

use crate::commands::resolve;
use crate::context::Context;
use crate::error::Result;

/// Show one user, by id or email
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users get ada@sandbox.example
  roster --sandbox --profile cradl users get grace@sandbox.example -o json")]
pub struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub user: String,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let target = ctx.target()?;
    let user = resolve::user(&target, &args.user).await?;
    ctx.out.item(&user)
}
