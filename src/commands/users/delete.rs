//! `roster users delete`: remove a user for good, after a confirmation.

use crate::cli::OutputFormat;
use crate::commands::resolve;
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
    let target = ctx.target()?;
    target
        .provider
        .capabilities()
        .require(Operation::Delete, target.profile.kind)
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
            "Delete user {label} (id {}) from {}? This cannot be undone.",
            user.id, target.profile.name
        ),
        &accepted,
        "delete a user",
    )?;
    let deleted = target.provider.delete_user(&user.id).await;
    if super::sent(ctx, &target, deleted)?.is_none() {
        return Ok(());
    }
    ctx.out.note(format!(
        "deleted user {label} (id {}) from {}",
        user.id, target.profile.name
    ));
    if ctx.out.format != OutputFormat::Table {
        ctx.out.item(&user)?;
    }
    Ok(())
}
