//! `roster groups delete GROUP`: remove a group for good, after a confirmation.

use super::settle;
use crate::commands::users::outcome::Settled;
use crate::context::Context;
use crate::error::Result;
use crate::model::Group;
use crate::output::OutputFormat;
use crate::providers::Operation;

/// Delete a group (you type its name or id to confirm; --yes in scripts)
///
/// The members keep their accounts. Vendors without such an API (paradigm, amani) and
/// roles-only vendors (bleemeo, cradl) are refused before anything is sent. When the vendor's
/// answer is lost, roster reads the groups again and reports `deleted` only if it is gone.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --profile okta groups delete Contractors --dry-run
  roster --profile okta groups delete Contractors --yes")]
pub(crate) struct Args {
    /// The group's name (any case) or id
    #[arg(value_name = "GROUP")]
    pub(crate) group: String,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<Group>()?;
    let target = super::target(ctx, Operation::DeleteGroup)?;
    let group = super::group(&target, &args.group).await?;
    ctx.confirm_typed(
        &format!(
            "Delete for good (this cannot be undone; members keep their accounts) group {} \
             (id {}) in {}?",
            group.name, group.id, target.profile.name
        ),
        &[group.name.as_str(), group.id.as_str()],
        "delete a group",
    )?;
    match settle::delete(&target, &group)
        .await
        .map_err(|f| f.into_error(&target))?
    {
        Settled::DryRun => {
            ctx.show_planned()?;
            return Ok(());
        }
        Settled::Done(()) => {}
        Settled::Confirmed { lost, .. } => ctx.out.note(format!(
            "the answer to the delete was unclear ({lost}); looked up afterwards, the group \
             is gone"
        )),
    }
    ctx.out.note(format!(
        "deleted group {} (id {}) from {}",
        group.name, group.id, target.profile.name
    ));
    if ctx.out.format != OutputFormat::Table {
        ctx.out.item(&group)?;
    }
    Ok(())
}
