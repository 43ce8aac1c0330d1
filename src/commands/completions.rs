//! `roster completions SHELL`: print a completion script. Reads no config.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

/// Print a shell completion script
///
/// Install, e.g.: roster completions bash > ~/.local/share/bash-completion/completions/roster
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "roster", &mut out);
    crate::output::write_out(&String::from_utf8_lossy(&out))
}
