//! The `roster` binary: build the runtime, run, map the error to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = roster::cli::Cli::parse();
    let color = !matches!(cli.global.color, roster::cli::ColorChoice::Never);
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
            roster::commands::report(&e, color);
            ExitCode::from(e.exit_code())
        }
    }
}
