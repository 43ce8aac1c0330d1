//! `roster profiles logout [NAME]`: revoke cached logins where the vendor can, then forget them.

use crate::config::{Config, ProfileSpec};
use crate::context::Context;
use crate::error::Result;
use crate::providers::auth::TokenCache;
use crate::providers::{self, ProviderError, Revocation};

/// Revoke and remove cached login tokens (of one profile, or of every profile)
///
/// Where the vendor offers revocation (bleemeo), the cached refresh token is revoked there
/// first, so it stops working everywhere. The token is removed locally in any case, even when
/// the vendor cannot be reached; stderr says which happened.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The profile to log out [default: every profile in the config]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let config = ctx.config()?.clone();
    let specs: Vec<&ProfileSpec> = match &args.name {
        Some(n) => config.select(std::slice::from_ref(n))?,
        None => config.profiles.values().collect(),
    };
    for spec in specs {
        let name = &spec.name;
        // Secrets are resolved only to revoke a login that is there to revoke.
        let revoked = if spec.kind.revokes_logins() && TokenCache::for_name(name).exists() {
            revoke(ctx, &config, spec).await
        } else {
            Ok(Revocation::NotOffered)
        };
        let vendor = spec.kind.name();
        if matches!(revoked, Err(ProviderError::DryRun)) {
            ctx.out.note(format!(
                "{name}: dry run: the cached token was neither revoked at {vendor} nor removed"
            ));
            continue;
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
    ctx.show_planned()?;
    Ok(())
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
