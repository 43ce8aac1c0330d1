//! `roster profiles remove NAME`: take a profile out of the config file, after a confirmation.

use clap_complete::engine::ArgValueCandidates;

use super::file::ConfigFile;
use crate::commands::completions::profile_candidates;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::providers::auth::TokenCache;

/// Remove a profile from the config file (asks first; --yes in scripts)
///
/// Other profiles and comments are kept. If `default_profile` named it, that line goes too.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster profiles remove acme
  roster profiles remove acme --yes")]
pub(crate) struct Args {
    /// The profile to remove
    #[arg(value_name = "NAME", add = ArgValueCandidates::new(profile_candidates))]
    pub(crate) name: String,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if ctx.settings.sandbox {
        return Err(Error::usage(
            "`profiles remove` edits the config file; --sandbox has built-in profiles only",
        ));
    }
    let name = args.name.as_str();
    let file = ConfigFile::open(ctx.settings.config.as_deref())?;
    let config = file.config()?;
    // A broken profile can be removed too: that is often the fix.
    let described = match (config.profiles.get(name), config.broken.get(name)) {
        (Some(spec), _) => format!("{}, {}", spec.kind, spec.base_url),
        (None, Some(broken)) => format!("broken: {}", broken.error.message),
        (None, None) => return Err(config.not_found(name).into()),
    };
    ctx.confirm(
        &format!("Remove profile `{name}` ({described}) from {}?", file.shown),
        "remove a profile",
    )?;
    if ctx.settings.dry_run {
        ctx.out.note(format!(
            "dry run: profile `{name}` not removed from {}",
            file.shown
        ));
        return Ok(());
    }
    // Asked without the lock; edited under it, on the file as it is now.
    let mut file = ConfigFile::open_locked(ctx.settings.config.as_deref())?;
    if !file.remove_profile(name) {
        ctx.out.note(format!(
            "profile `{name}` is no longer in {} (removed meanwhile)",
            file.shown
        ));
        return Ok(());
    }
    let was_default = file.default_profile() == Some(name);
    if was_default {
        file.set_default(None);
    }
    file.save(None)?;
    TokenCache::for_name(name).clear();
    ctx.out
        .note(format!("removed profile `{name}` from {}", file.shown));
    if was_default {
        ctx.out.note(format!(
            "default_profile named `{name}`; it is now unset (choose one with --profile, or set \
             default_profile in the file)"
        ));
    }
    Ok(())
}
