//! `roster users deactivate`: block a user's sign-in without deleting the account.

use crate::commands::resolve;
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
    let target = ctx.target()?;
    target
        .provider
        .capabilities()
        .require(Operation::Deactivate, target.profile.kind)
        .map_err(target.err())?;
    let user = resolve::user(&target, &args.user).await?;
    let label = user.email.clone().unwrap_or_else(|| user.id.clone());
    let accepted: Vec<&str> = user
        .email
        .iter()
        .map(String::as_str)
        .chain([user.id.as_str()])
        .collect();
    ctx.confirm_typed(
        &format!(
            "Deactivate user {label} (id {}) in {}? They will no longer be able to sign in.",
            user.id, target.profile.name
        ),
        &accepted,
        "deactivate a user",
    )?;
    let done = target.provider.set_active(&user.id, false).await;
    let Some(user) = super::sent(ctx, &target, done)? else {
        return Ok(());
    };
    ctx.out.note(format!(
        "deactivated user {label} (id {}) in {}",
        user.id, target.profile.name
    ));
    ctx.out.item(&user)
}
