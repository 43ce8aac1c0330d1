//! `roster profiles logout [NAME]`: revoke cached logins where the vendor can, then forget them.

use clap_complete::engine::ArgValueCandidates;

use super::problem_text;
use crate::commands::completions::profile_candidates;
use crate::config::{BrokenProfile, Config, ProfileSpec};
use crate::context::Context;
use crate::error::Result;
use crate::providers::auth::TokenCache;
use crate::providers::ProviderKind;
use crate::providers::{self, ProviderError, Revocation};

/// Revoke and remove cached login tokens (of one profile, or of every profile)
///
/// Where the vendor offers revocation (bleemeo), the cached refresh token is revoked there
/// first, so it stops working everywhere. The token is removed locally in any case, even when
/// the vendor cannot be reached or the profile is broken in the config; stderr says which
/// happened.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster profiles logout monitoring
  roster profiles logout
  roster --sandbox profiles logout bleemeo")]
pub(crate) struct Args {
    /// The profile to log out, broken or not [default: every profile in the config]
    #[arg(value_name = "NAME", add = ArgValueCandidates::new(profile_candidates))]
    pub(crate) name: Option<String>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let config = ctx.config()?.clone();
    // Any profile in the file, broken or not: a broken one's token is still worth forgetting.
    let names = match &args.name {
        Some(n) if config.contains(n) => vec![n.clone()],
        Some(n) => return Err(config.not_found(n).into()),
        None => config.names(),
    };
    for name in &names {
        match config.profiles.get(name) {
            Some(spec) => log_out(ctx, &config, spec).await,
            None => {
                if let Some(broken) = config.broken.get(name) {
                    forget_broken(ctx, broken);
                }
            }
        }
    }
    ctx.show_planned()?;
    Ok(())
}

/// Revoke where the vendor can, then forget the cached token.
async fn log_out(ctx: &Context, config: &Config, spec: &ProfileSpec) {
    let name = &spec.name;
    // Secrets are resolved only to revoke a login that is there to revoke.
    let revoked = if spec.kind.revokes_logins() && TokenCache::for_name(name).exists() {
        revoke(ctx, config, spec).await
    } else {
        Ok(Revocation::NotOffered)
    };
    let vendor = spec.kind.name();
    if matches!(revoked, Err(ProviderError::DryRun)) {
        ctx.out.note(format!(
            "{name}: dry run: the cached token was neither revoked at {vendor} nor removed"
        ));
        return;
    }
    let removed = TokenCache::for_name(name).clear();
    match revoked {
        Ok(Revocation::Revoked) => ctx.out.note(format!(
            "{name}: refresh token revoked at {vendor}; cached token removed"
        )),
        Err(e) => ctx.out.warn(format!(
            "{name}: could not revoke the login at {vendor} ({e}); {} locally anyway, but \
             the refresh token stays valid at {vendor} until it expires",
            if removed {
                "removed the cached token"
            } else {
                "no cached token"
            }
        )),
        Ok(_) if removed => ctx.out.note(format!("{name}: cached token removed")),
        Ok(_) => ctx.out.note(format!("{name}: no cached token")),
    }
}

/// A profile broken in the config cannot reach its vendor, so nothing is revoked there; its
/// cached token is forgotten all the same, and where the vendor keeps logins valid until they
/// expire (or the provider cannot be told), stderr says the revocation was skipped and why.
fn forget_broken(ctx: &Context, broken: &BrokenProfile) {
    let name = &broken.name;
    if ctx.settings.dry_run {
        ctx.out
            .note(format!("{name}: dry run: the cached token was not removed"));
        return;
    }
    if !TokenCache::for_name(name).clear() {
        ctx.out.note(format!("{name}: no cached token"));
        return;
    }
    let kind = broken.provider.as_deref().and_then(ProviderKind::from_name);
    match kind {
        Some(kind) if !kind.revokes_logins() => {
            ctx.out.note(format!("{name}: cached token removed"));
        }
        _ => {
            let vendor = kind.map_or("the vendor", ProviderKind::name);
            ctx.out.warn(format!(
                "{name}: cached token removed, but the login was not revoked at {vendor}: the \
                 profile is broken in the config ({}), and revoking needs a working profile; \
                 its refresh token stays valid there until it expires",
                problem_text(&broken.error)
            ));
        }
    }
}

/// Revoke `spec`'s cached login at its vendor. Resolving the profile may fail (a secret's
/// variable unset): that is reported like a revocation that failed.
async fn revoke(
    ctx: &Context,
    config: &Config,
    spec: &ProfileSpec,
) -> std::result::Result<Revocation, ProviderError> {
    let profile = spec
        .resolve(&config.source)
        .map_err(|e| ProviderError::bad_input(e.to_string()))?;
    let provider = providers::build(&profile, &ctx.http)?;
    provider.revoke_login().await
}
