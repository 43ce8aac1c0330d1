//! `roster users reactivate`: let a deactivated user sign in again.

use super::outcome::{self, Settled};
use crate::context::Context;
use crate::error::Result;
use crate::model::{Status, User};
use crate::providers::Operation;

/// Reactivate a deactivated user
///
/// A user who is not inactive is reported `unchanged` and nothing is sent.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox --profile amani users reactivate lena.weber@amani.sandbox.example
  roster --sandbox --profile amani users reactivate lena.weber@amani.sandbox.example -o json")]
pub(crate) struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub(crate) user: String,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<User>()?;
    let (target, user) = super::supported_user(ctx, &args.user, Operation::Reactivate).await?;
    let label = user.email.clone().unwrap_or_else(|| user.id.clone());
    if user.status != Status::Inactive {
        ctx.out.note(format!(
            "unchanged: user {label} (id {}) is already {} in {}; nothing was sent",
            user.id,
            user.status.as_str(),
            target.profile.name
        ));
        return ctx.out.item(&user);
    }
    let user = match outcome::set_active(&target, &user, true)
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
                 user is active"
            ));
            value
        }
    };
    ctx.out.note(format!(
        "reactivated user {label} (id {}) in {}",
        user.id, target.profile.name
    ));
    ctx.out.item(&user)
}
