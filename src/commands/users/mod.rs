//! `roster users ...`: one file per verb.

pub(crate) mod create;
pub(crate) mod deactivate;
pub(crate) mod delete;
pub(crate) mod fields;
pub(crate) mod find;
pub(crate) mod get;
pub(crate) mod import;
pub(crate) mod invite;
pub(crate) mod list;
pub(crate) mod offboard;
pub(crate) mod outcome;
pub(crate) mod reactivate;
pub(crate) mod update;

use clap::Subcommand;

use crate::context::{Context, Target};
use crate::error::{Error, Result};
use crate::model::User;
use crate::providers::{Operation, ProviderError};

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum UsersCommand {
    List(list::Args),
    Get(get::Args),
    Find(find::Args),
    #[command(visible_alias = "invite")]
    Create(create::Args),
    Update(update::Args),
    Import(import::Args),
    Offboard(offboard::Args),
    Deactivate(deactivate::Args),
    Reactivate(reactivate::Args),
    Delete(delete::Args),
}

/// Run one `users` verb.
pub(crate) async fn run(ctx: &mut Context, verb: UsersCommand) -> Result<()> {
    match verb {
        UsersCommand::List(a) => list::run(ctx, a).await,
        UsersCommand::Get(a) => get::run(ctx, a).await,
        UsersCommand::Find(a) => find::run(ctx, a).await,
        UsersCommand::Create(a) => create::run(ctx, a).await,
        UsersCommand::Update(a) => update::run(ctx, a).await,
        UsersCommand::Import(a) => import::run(ctx, a).await,
        UsersCommand::Offboard(a) => offboard::run(ctx, a).await,
        UsersCommand::Deactivate(a) => deactivate::run(ctx, a).await,
        UsersCommand::Reactivate(a) => reactivate::run(ctx, a).await,
        UsersCommand::Delete(a) => delete::run(ctx, a).await,
    }
}

/// A write's outcome: the value, or `None` after `--dry-run` showed the requests instead.
pub(crate) fn sent<T>(
    ctx: &Context,
    target: &Target,
    result: std::result::Result<T, ProviderError>,
) -> Result<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(ProviderError::DryRun) => {
            ctx.show_planned()?;
            Ok(None)
        }
        Err(e) => Err((target.err())(e)),
    }
}

/// The profile and user for an operation not every vendor has: refused before anything is
/// sent where the vendor lacks it, then the user resolved by id or email.
pub(crate) async fn supported_user(
    ctx: &mut Context,
    user: &str,
    op: Operation,
) -> Result<(Target, User)> {
    let target = ctx.target()?;
    target
        .provider
        .capabilities()
        .require(op, target.profile.kind)
        .map_err(target.err())?;
    let user = crate::commands::resolve::user(&target, user).await?;
    Ok((target, user))
}

/// Refuse, before anything is sent, to `action` (e.g. "deactivate") the user the profile signs
/// in as: the profile would lock itself out. `--allow-self` (`allowed`) overrides it.
pub(crate) async fn refuse_self(
    target: &Target,
    user: &User,
    action: &str,
    allowed: bool,
) -> Result<()> {
    if allowed {
        return Ok(());
    }
    let own = target.provider.own_account().await.map_err(target.err())?;
    if !own.is_some_and(|own| own.is(user)) {
        return Ok(());
    }
    let profile = &target.profile.name;
    Err(Error::usage(format!(
        "refusing to {action} {}: it is the user profile `{profile}` signs in as, and the profile would be locked out; nothing was sent",
        user.email.as_deref().unwrap_or(&user.id)
    ))
    .with_hint(format!(
        "do it with another admin's profile, or pass --allow-self to {action} it from `{profile}` anyway"
    )))
}

/// A destructive action's confirmation: the person types the user's email or id; scripts pass
/// `--yes`. `question` gets the user and profile appended.
pub(crate) fn confirm_user(
    ctx: &Context,
    target: &Target,
    user: &User,
    question: &str,
    what: &str,
) -> Result<()> {
    let label = user.email.as_deref().unwrap_or(&user.id);
    let accepted: Vec<&str> = user
        .email
        .iter()
        .map(String::as_str)
        .chain([user.id.as_str()])
        .collect();
    ctx.confirm_typed(
        &format!(
            "{question} {label} (id {}) in {}?",
            user.id, target.profile.name
        ),
        &accepted,
        what,
    )
}
