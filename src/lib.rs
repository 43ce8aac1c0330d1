//! roster: one command tree over many SaaS vendors' user APIs.

pub mod across;
pub mod audit;
pub mod bulk;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod error;
pub mod fsutil;
pub mod model;
pub mod output;
pub mod people;
pub mod prompt;
pub mod providers;
pub mod redact;
pub mod rules;
pub mod sandbox;
pub mod secret;
pub mod terminal;

use clap::CommandFactory;

use cli::{Cli, Command};
use context::Context;
use error::Result;

/// Run one parsed command line to completion.
pub async fn run(cli: Cli) -> Result<()> {
    // Commands that need neither config nor a vendor start nothing else.
    match cli.command {
        Command::Completions(args) => return commands::completions::run(args, Cli::command()),
        Command::Sandbox(cmd) => return commands::sandbox::run(&cli.global.into(), cmd).await,
        _ => {}
    }
    let (command, writes) = cli.command.audit_name();
    let mut ctx = Context::new(cli.global.into()).await?;
    ctx.audit_as(command, writes);
    // Ctrl-C stops the command but still lets the context save the sandbox state.
    let result = if cli.command.handles_interrupt() {
        commands::run(&mut ctx, cli.command).await
    } else {
        // `biased` polls the Ctrl-C branch first, so its handler is installed before any
        // prompt reads a key: a prompt turns Ctrl-C into SIGINT, which must not kill the
        // process mid-prompt (see prompt/terminal.rs). What the interrupt says depends on
        // whether a change was sent before it.
        let http = ctx.http.clone();
        tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(error::Error::interrupted(http.sent_a_write())),
            r = commands::run(&mut ctx, cli.command) => r,
        }
    };
    let finished = ctx.finish().await;
    result.and(finished)
}
