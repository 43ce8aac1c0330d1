//! `roster profiles logout [NAME]`: forget cached login tokens.

use crate::context::Context;
use crate::error::Result;
use crate::providers::auth::TokenCache;

/// Remove cached login tokens (of one profile, or of every profile)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The profile to log out [default: every profile in the config]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let config = ctx.config()?.clone();
    let names: Vec<String> = match args.name {
        Some(n) => {
            config.select(std::slice::from_ref(&n))?;
            vec![n]
        }
        None => config.profiles.keys().cloned().collect(),
    };
    for name in names {
        let removed = TokenCache::for_name(&name).clear();
        ctx.out.note(if removed {
            format!("{name}: cached token removed")
        } else {
            format!("{name}: no cached token")
        });
    }
    Ok(())
}
