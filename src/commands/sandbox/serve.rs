//! `roster sandbox serve`: the emulator on a port, until Ctrl-C, with profiles to paste.

use std::net::SocketAddr;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::config::RateLimit;
use crate::error::{Error, Result};
use crate::output::write_out;
use crate::sandbox::{Sandbox, SandboxOptions, SandboxState};

/// Serve every vendor's emulated API until Ctrl-C
///
/// State lives in memory, fresh from the seed at each start. Prints each vendor's base URL and
/// a ready [profiles.<vendor>] block with the test credentials.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// Milliseconds added to every answer
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency: u64,
    /// Requests each vendor accepts, e.g. 200/s (replaces the documented limits)
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub rate_limit: Option<RateLimit>,
}

fn parse_rate(text: &str) -> std::result::Result<RateLimit, String> {
    RateLimit::parse(text).ok_or_else(|| "expected a rate like 200/s or 600/min".to_string())
}

pub async fn run(global: &GlobalArgs, args: Args) -> Result<()> {
    let options = SandboxOptions {
        latency: Duration::from_millis(args.latency),
        rate_limit_per_sec: args.rate_limit.map(|r| r.per_second),
    };
    let sandbox = Sandbox::new(SandboxState::seed(), options);
    let running = sandbox
        .start(args.listen)
        .await
        .map_err(|e| Error::failure(format!("cannot listen on {}", args.listen)).with_source(e))?;
    let mut text = format!(
        "# roster sandbox listening on {} (Ctrl-C to stop)\n",
        running.root_url()
    );
    text.push_str("# Paste these profiles into a roster config file:\n\n");
    text.push_str(&running.profiles_toml());
    write_out(&text)?;
    if !global.quiet {
        eprintln!("sandbox ready; requests are served until Ctrl-C");
    }
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| Error::failure("cannot wait for Ctrl-C").with_source(e))?;
    running.shutdown().await;
    Ok(())
}
