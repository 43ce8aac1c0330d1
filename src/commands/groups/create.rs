//! `roster groups create NAME`: a new, empty group, where the vendor allows it.

use super::settle;
use crate::commands::users::outcome::Settled;
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Group;
use crate::providers::Operation;

/// Longest group name or description roster sends; vendors allow less or about as much.
const MAX_TEXT: usize = 1_000;

/// Create an empty group (where the vendor's API allows it)
///
/// A group of that name (any case) already there is exit 6 and nothing is sent. Vendors
/// without such an API (paradigm, amani) and roles-only vendors (bleemeo, cradl) are refused
/// before anything is sent.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --profile okta groups create Contractors --dry-run
  roster --profile okta groups create Contractors --description \"External staff\"")]
pub(crate) struct Args {
    /// The new group's name
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// What the group is for
    #[arg(long, value_name = "TEXT")]
    pub(crate) description: Option<String>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<Group>()?;
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Error::usage("the group name is empty"));
    }
    for (what, text) in [
        ("name", Some(name)),
        ("description", args.description.as_deref()),
    ] {
        if text.is_some_and(|t| t.chars().count() > MAX_TEXT) {
            return Err(Error::usage(format!(
                "the group {what} is longer than {MAX_TEXT} characters"
            )));
        }
    }
    let target = super::target(ctx, Operation::CreateGroup)?;
    let known = target.provider.list_groups().await.map_err(target.err())?;
    if let Some(g) = known.iter().find(|g| g.name.eq_ignore_ascii_case(name)) {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "{}: a group named `{}` already exists (id {}); nothing was sent",
                target.profile.name, g.name, g.id
            ),
        )
        .with_hint("`roster groups add` puts users in it"));
    }
    let group = match settle::create(&target, name, args.description.as_deref())
        .await
        .map_err(|f| f.into_error(&target))?
    {
        Settled::DryRun => {
            ctx.show_planned()?;
            return Ok(());
        }
        Settled::Done(g) => g,
        Settled::Confirmed { value, lost } => {
            ctx.out.note(format!(
                "the answer to the create was unclear ({lost}); looked up afterwards, the \
                 group is there"
            ));
            value
        }
    };
    ctx.out.note(format!(
        "created group {} (id {}) in {}",
        group.name, group.id, target.profile.name
    ));
    ctx.out.item(&group)
}
