//! The nouns under `roster` (the clap tree's top lives in `cli`), their dispatch to one file per
//! verb, and the error report.

pub(crate) mod apply;
pub(crate) mod completions;
pub(crate) mod groups;
pub(crate) mod log;
pub(crate) mod people;
pub(crate) mod plan;
pub(crate) mod profiles;
pub(crate) mod resolve;
pub(crate) mod sandbox;
pub(crate) mod users;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{Error, Result};

// Parsed once per process: variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List, create, change and remove user accounts
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// List groups and roles; list, add and remove a group's members
    #[command(subcommand)]
    Groups(groups::GroupsCommand),
    People(people::Args),
    /// Add, inspect, check and remove the configured profiles
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
    Plan(plan::Args),
    Apply(apply::Args),
    /// Run or reset the local emulator of every vendor's API
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
    /// Show the audit log of every change roster sent
    Log(log::Args),
    /// Print a shell completion script
    Completions(completions::Args),
}

impl Command {
    /// Commands that catch Ctrl-C themselves, to finish in-flight work and record it.
    pub(crate) fn handles_interrupt(&self) -> bool {
        matches!(
            self,
            Command::Users(users::UsersCommand::Import(_)) | Command::Apply(_)
        )
    }

    /// The command as audit lines name it, and whether it sends changes (then a log that
    /// cannot be kept stops it before the first). Every write is recorded whatever this says.
    pub(crate) fn audit_name(&self) -> (&'static str, bool) {
        use groups::GroupsCommand;
        use users::UsersCommand;
        match self {
            Command::Users(verb) => match verb {
                UsersCommand::List(_) => ("users list", false),
                UsersCommand::Get(_) => ("users get", false),
                UsersCommand::Find(_) => ("users find", false),
                UsersCommand::Create(_) => ("users create", true),
                UsersCommand::Update(_) => ("users update", true),
                UsersCommand::Import(_) => ("users import", true),
                UsersCommand::Offboard(_) => ("users offboard", true),
                UsersCommand::Deactivate(_) => ("users deactivate", true),
                UsersCommand::Reactivate(_) => ("users reactivate", true),
                UsersCommand::Delete(_) => ("users delete", true),
            },
            Command::Groups(verb) => match verb {
                GroupsCommand::List(_) => ("groups list", false),
                GroupsCommand::Members(_) => ("groups members", false),
                GroupsCommand::Add(_) => ("groups add", true),
                GroupsCommand::Remove(_) => ("groups remove", true),
                GroupsCommand::Create(_) => ("groups create", true),
                GroupsCommand::Delete(_) => ("groups delete", true),
            },
            Command::Profiles(_) => ("profiles", false),
            Command::People(_) => ("people", false),
            Command::Plan(_) => ("plan", false),
            Command::Apply(_) => ("apply", true),
            Command::Log(_) => ("log", false),
            Command::Sandbox(_) => ("sandbox", false),
            Command::Completions(_) => ("completions", false),
        }
    }
}

/// Run a command that needs the context (config, HTTP, maybe the sandbox).
pub(crate) async fn run(ctx: &mut Context, command: Command) -> Result<()> {
    match command {
        Command::Users(verb) => users::run(ctx, verb).await,
        Command::Groups(verb) => groups::run(ctx, verb).await,
        Command::People(a) => people::run(ctx, a).await,
        Command::Profiles(verb) => profiles::run(ctx, verb).await,
        Command::Log(a) => log::run(ctx, a).await,
        Command::Plan(a) => plan::run(ctx, a).await,
        Command::Apply(a) => apply::run(ctx, a).await,
        Command::Completions(_) | Command::Sandbox(_) => Err(Error::failure(
            "internal: this command runs without a context",
        )),
    }
}
