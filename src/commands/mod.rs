//! Dispatch from the clap tree to one file per verb, and the error report.

pub mod apply;
pub mod completions;
pub mod groups;
pub mod plan;
pub mod profiles;
pub mod resolve;
pub mod sandbox;
pub mod users;

use std::io::IsTerminal;

use crate::cli::Command;
use crate::context::Context;
use crate::error::{Error, Result};

/// Run a command that needs the context (config, HTTP, maybe the sandbox).
pub async fn run(ctx: &mut Context, command: Command) -> Result<()> {
    match command {
        Command::Users(verb) => users::run(ctx, verb).await,
        Command::Groups(verb) => groups::run(ctx, verb).await,
        Command::Profiles(verb) => profiles::run(ctx, verb).await,
        Command::Plan(a) => plan::run(ctx, a).await,
        Command::Apply(a) => apply::run(ctx, a).await,
        Command::Completions(_) | Command::Sandbox(_) => Err(Error::failure(
            "internal: this command runs without a context",
        )),
    }
}

/// Print an error and its hint on stderr, made safe for the terminal (see `crate::redact`).
pub fn report(e: &Error, color: bool) {
    let color = color && std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (red, yellow, reset) = if color {
        ("\x1b[1;31m", "\x1b[33m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    // Pending changes are the answer `roster plan` was asked for, not a failure.
    let (red, label) = if e.kind() == crate::error::ErrorKind::Pending {
        (yellow, "pending:")
    } else {
        (red, "error:")
    };
    // The last stop before the terminal: secrets, control characters and huge values out.
    eprintln!(
        "{red}{label}{reset} {}",
        crate::redact::message(&e.to_string())
    );
    if let Some(hint) = e.hint() {
        eprintln!("{yellow}hint:{reset} {}", crate::redact::message(hint));
    }
}
