//! roster: one command tree over many SaaS vendors' user APIs.

pub(crate) mod across;
pub(crate) mod audit;
pub(crate) mod bulk;
pub mod cli;
pub(crate) mod commands;
pub mod config;
pub(crate) mod context;
pub mod error;
pub(crate) mod fsutil;
pub(crate) mod model;
pub(crate) mod output;
pub(crate) mod people;
pub(crate) mod prompt;
pub(crate) mod providers;
pub(crate) mod redact;
pub(crate) mod rules;
pub mod sandbox;
pub(crate) mod secret;
pub(crate) mod terminal;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use context::Context;
use error::Result;

/// The whole program: parse the command line, build the runtime, run, map the error to an
/// exit code. `main.rs` only calls this, so nothing else of the crate needs to be public.
pub fn main() -> ExitCode {
    // Only when a shell asks for completions (`COMPLETE=bash roster -- WORDS`): it prints the
    // candidates and exits. Otherwise it reads one variable and returns.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => match cli::safe_usage_error(&e, &args) {
            Some(text) => {
                eprint!("{text}");
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            }
            None => e.exit(),
        },
    };
    // Errors are reported even under --quiet; the terminal only decides their colour.
    let terminal = terminal::Terminal::new(cli.global.color, false);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            terminal.report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Run one parsed command line to completion.
async fn run(cli: Cli) -> Result<()> {
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
