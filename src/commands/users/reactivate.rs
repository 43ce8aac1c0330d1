//! `roster users reactivate`: let a deactivated user sign in again.

use crate::context::Context;
use crate::error::Result;
use crate::providers::Operation;

/// Reactivate a deactivated user
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub user: String,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let (target, user) = super::supported_user(ctx, &args.user, Operation::Reactivate).await?;
    let done = target.provider.set_active(&user.id, true).await;
    let Some(user) = super::sent(ctx, &target, done)? else {
        return Ok(());
    };
    ctx.out.note(format!(
        "reactivated user {} in {}",
        user.id, target.profile.name
    ));
    ctx.out.item(&user)
}
