//! The `roster` binary: build the runtime, run, map the error to an exit code.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use roster::cli::Cli;

fn main() -> ExitCode {
    // Only when a shell asks for completions (`COMPLETE=bash roster -- WORDS`): it prints the
    // candidates and exits. Otherwise it reads one variable and returns.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => match roster::cli::safe_usage_error(&e, &args) {
            Some(text) => {
                eprint!("{text}");
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            }
            None => e.exit(),
        },
    };
    // Errors are reported even under --quiet; the terminal only decides their colour.
    let terminal = roster::terminal::Terminal::new(cli.global.color, false);
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
    let result = runtime.block_on(roster::run(cli));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            terminal.report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
