//! `roster users deactivate`: block a user's sign-in without deleting the account.

use crate::context::Context;
use crate::error::Result;
use crate::providers::Operation;

/// Deactivate a user (you type its email or id to confirm; --yes in scripts)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub user: String,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let (target, user) = super::supported_user(ctx, &args.user, Operation::Deactivate).await?;
    super::confirm_user(
        ctx,
        &target,
        &user,
        "Deactivate (they will no longer be able to sign in) user",
        "deactivate a user",
    )?;
    let done = target.provider.set_active(&user.id, false).await;
    let Some(user) = super::sent(ctx, &target, done)? else {
        return Ok(());
    };
    let label = user.email.as_deref().unwrap_or(&user.id);
    ctx.out.note(format!(
        "deactivated user {label} (id {}) in {}",
        user.id, target.profile.name
    ));
    ctx.out.item(&user)
}
