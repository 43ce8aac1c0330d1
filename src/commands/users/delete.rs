//! `roster users delete`: remove a user for good, after a confirmation.

use super::outcome::{self, Settled};
use crate::context::Context;
use crate::error::Result;
use crate::model::User;
use crate::output::OutputFormat;
use crate::providers::Operation;

/// Delete a user (you type its email or id to confirm; --yes in scripts)
///
/// The user the profile signs in as is refused (it would lock the profile out) unless
/// --allow-self is given. When the vendor's answer is lost, roster looks the user up and
/// reports `deleted` only if the vendor no longer has them.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users delete linus@sandbox.example --dry-run
  roster --sandbox users delete linus@sandbox.example --yes")]
pub(crate) struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub(crate) user: String,
    /// Allow deleting the user the profile itself signs in as
    #[arg(long)]
    pub(crate) allow_self: bool,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<User>()?;
    let (target, user) = super::supported_user(ctx, &args.user, Operation::Delete).await?;
    super::refuse_self(&target, &user, "delete", args.allow_self).await?;
    super::confirm_user(
        ctx,
        &target,
        &user,
        "Delete for good (this cannot be undone) user",
        "delete a user",
    )?;
    let label = user.email.as_deref().unwrap_or(&user.id);
    match outcome::delete(&target, &user)
        .await
        .map_err(|f| f.into_error(&target))?
    {
        Settled::DryRun => {
            ctx.show_planned()?;
            return Ok(());
        }
        Settled::Done(()) => {}
        Settled::Confirmed { lost, .. } => ctx.out.note(format!(
            "the answer to the delete was unclear ({lost}); looked up afterwards, the user is gone"
        )),
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
