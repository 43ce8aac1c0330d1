//! `roster sandbox ...`: run or reset the local vendor emulator. Needs no config.

mod listen;
pub(crate) mod reset;
pub(crate) mod serve;

use clap::Subcommand;

use crate::context::Settings;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    Serve(serve::Args),
    Reset(reset::Args),
}

/// Run one `sandbox` verb.
pub(crate) async fn run(global: &Settings, command: SandboxCommand) -> Result<()> {
    match command {
        SandboxCommand::Serve(a) => serve::run(global, a).await,
        SandboxCommand::Reset(a) => reset::run(global, a).await,
    }
}
