//! `roster sandbox ...`: run or reset the local vendor emulator. Needs no config.

mod listen;
pub mod reset;
pub mod serve;

use clap::Subcommand;

use crate::context::Settings;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    Serve(serve::Args),
    Reset(reset::Args),
}

/// Run one `sandbox` verb.
pub async fn run(global: &Settings, command: SandboxCommand) -> Result<()> {
    match command {
        SandboxCommand::Serve(a) => serve::run(global, a).await,
        SandboxCommand::Reset(a) => reset::run(global, a).await,
    }
}
