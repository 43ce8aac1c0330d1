//! `roster users deactivate`: block a user's sign-in without deleting the account.

use super::outcome::{self, Settled};
use crate::context::Context;
use crate::error::Result;
use crate::model::{Status, User};
use crate::providers::Operation;

/// Deactivate a user (you type its email or id to confirm; --yes in scripts)
///
/// A user already inactive is reported `unchanged` and nothing is sent. The user the profile
/// signs in as is refused (it would lock the profile out) unless --allow-self is given.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox --profile amani users deactivate ayse.yilmaz@amani.sandbox.example --dry-run
  roster --sandbox --profile amani users deactivate ayse.yilmaz@amani.sandbox.example --yes")]
pub(crate) struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub(crate) user: String,
    /// Allow deactivating the user the profile itself signs in as
    #[arg(long)]
    pub(crate) allow_self: bool,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<User>()?;
    let (target, user) = super::supported_user(ctx, &args.user, Operation::Deactivate).await?;
    let label = user.email.clone().unwrap_or_else(|| user.id.clone());
    if user.status == Status::Inactive {
        ctx.out.note(format!(
            "unchanged: user {label} (id {}) is already inactive in {}; nothing was sent",
            user.id, target.profile.name
        ));
        return ctx.out.item(&user);
    }
    super::refuse_self(&target, &user, "deactivate", args.allow_self).await?;
    super::confirm_user(
        ctx,
        &target,
        &user,
        "Deactivate (they will no longer be able to sign in) user",
        "deactivate a user",
    )?;
    let user = match outcome::set_active(&target, &user, false)
        .await
        .map_err(|f| f.into_error(&target))?
    {
        Settled::DryRun => {
            ctx.show_planned()?;
            return Ok(());
        }
        Settled::Done(u) => u,
        Settled::Confirmed { value, lost } => {
            ctx.out.note(format!(
                "the answer to the change was unclear ({lost}); looked up afterwards, the \
                 user is inactive"
            ));
            value
        }
    };
    ctx.out.note(format!(
        "deactivated user {label} (id {}) in {}",
        user.id, target.profile.name
    ));
    ctx.out.item(&user)
}
