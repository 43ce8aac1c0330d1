//! The nouns under `roster` (the clap tree's top lives in `cli`), their dispatch to one file per
//! verb, and the error report.

pub mod completions;
pub mod groups;
pub mod profiles;
pub mod resolve;
pub mod sandbox;
pub mod users;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{Error, Result};

// Parsed once per process: variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, create, change and remove user accounts
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// List groups and roles; list, add and remove a group's members
    #[command(subcommand)]
    Groups(groups::GroupsCommand),
    /// Add, inspect, check and remove the configured profiles
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
    /// Run or reset the local emulator of every vendor's API
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
    /// Print a shell completion script
    Completions(completions::Args),
}

impl Command {
    /// Commands that catch Ctrl-C themselves, to finish in-flight work and record it.
    pub fn handles_interrupt(&self) -> bool {
        matches!(self, Command::Users(users::UsersCommand::Import(_)))
    }
}

/// Run a command that needs the context (config, HTTP, maybe the sandbox).
pub async fn run(ctx: &mut Context, command: Command) -> Result<()> {
    match command {
        Command::Users(verb) => users::run(ctx, verb).await,
        Command::Groups(verb) => groups::run(ctx, verb).await,
        Command::Profiles(verb) => profiles::run(ctx, verb).await,
        Command::Completions(_) | Command::Sandbox(_) => Err(Error::failure(
            "internal: this command runs without a context",
        )),
    }
}
