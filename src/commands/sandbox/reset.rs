//! `roster sandbox reset`: put the `--sandbox` state back to the seed.

use crate::context::Settings;
use crate::error::{Error, Result};
use crate::sandbox::store;

/// Restore the --sandbox state to its seed (demo users and groups)
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster sandbox reset
  ROSTER_SANDBOX_STATE=demo.json roster sandbox reset")]
pub(crate) struct Args {}

pub(crate) async fn run(global: &Settings, _args: Args) -> Result<()> {
    let path = store::default_state_path().ok_or_else(|| {
        Error::failure("cannot find a data directory for the sandbox state")
            .with_hint("set ROSTER_SANDBOX_STATE to a file path")
    })?;
    let shown = path.display().to_string();
    tokio::task::spawn_blocking(move || store::StateFile::reset(&path))
        .await
        .map_err(|e| Error::failure("sandbox reset stopped").with_source(e))?
        .map_err(|e| Error::failure(format!("cannot reset {shown}")).with_source(e))?;
    if !global.quiet {
        eprintln!("sandbox state reset to the seed ({shown})");
    }
    Ok(())
}
