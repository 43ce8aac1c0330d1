//! `roster profiles remove NAME`: take a profile out of the config file, after a confirmation.

use super::file::ConfigFile;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::providers::auth::TokenCache;

/// Remove a profile from the config file (asks first; --yes in scripts)
///
/// Other profiles and comments are kept. If `default_profile` named it, that line goes too.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The profile to remove
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if ctx.global.sandbox {
        return Err(Error::usage(
            "`profiles remove` edits the config file; --sandbox has built-in profiles only",
        ));
    }
    let mut file = ConfigFile::open(ctx.global.config.as_deref())?;
    let config = file.config()?;
    // The same "not found; known: ..." error every other command gives.
    let spec = config
        .select(std::slice::from_ref(&args.name))?
        .into_iter()
        .next()
        .ok_or_else(|| Error::failure("internal: no profile selected"))?;
    ctx.confirm(
        &format!(
            "Remove profile `{}` ({}, {}) from {}?",
            spec.name, spec.kind, spec.base_url, file.shown
        ),
        "remove a profile",
    )?;
    file.remove_profile(&args.name);
    let was_default = file.default_profile() == Some(args.name.as_str());
    if was_default {
        file.set_default(None);
    }
    if ctx.global.dry_run {
        ctx.out.note(format!(
            "dry run: profile `{}` not removed from {}",
            args.name, file.shown
        ));
        return Ok(());
    }
    file.save()?;
    TokenCache::for_name(&args.name).clear();
    ctx.out.note(format!(
        "removed profile `{}` from {}",
        args.name, file.shown
    ));
    if was_default {
        ctx.out.note(format!(
            "default_profile named `{}`; it is now unset (choose one with --profile, or set \
             default_profile in the file)",
            args.name
        ));
    }
    Ok(())
}
