//! `roster users delete`: remove a user for good, after a confirmation.

use crate::cli::OutputFormat;
use crate::context::Context;
use crate::error::Result;
use crate::providers::Operation;

/// Delete a user (you type its email or id to confirm; --yes in scripts)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub user: String,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let (target, user) = super::supported_user(ctx, &args.user, Operation::Delete).await?;
    super::confirm_user(
        ctx,
        &target,
        &user,
        "Delete for good (this cannot be undone) user",
        "delete a user",
    )?;
    let deleted = target.provider.delete_user(&user.id).await;
    if super::sent(ctx, &target, deleted)?.is_none() {
        return Ok(());
    }
    let label = user.email.as_deref().unwrap_or(&user.id);
    ctx.out.note(format!(
        "deleted user {label} (id {}) from {}",
        user.id, target.profile.name
    ));
    if ctx.out.format != OutputFormat::Table {
        ctx.out.item(&user)?;
    }
    Ok(())
}
