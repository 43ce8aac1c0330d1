//! `roster sandbox ...`: run or reset the local vendor emulator. Needs no config.

mod listen;
pub mod reset;
pub mod serve;

use crate::cli::{GlobalArgs, SandboxCommand};
use crate::error::Result;

pub async fn run(global: &GlobalArgs, command: SandboxCommand) -> Result<()> {
    match command {
        SandboxCommand::Serve(a) => serve::run(global, a).await,
        SandboxCommand::Reset(a) => reset::run(global, a).await,
    }
}
