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
    /// Milliseconds added to every answer (up to 60000)
    #[arg(long, default_value_t = 0, value_name = "MS",
          value_parser = clap::value_parser!(u64).range(..=MAX_LATENCY_MS))]
    pub latency: u64,
    /// Requests each vendor accepts, e.g. 200/s (1/h to 10000/s; replaces the documented limits)
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub rate_limit: Option<RateLimit>,
    /// Share of requests (0 to 1) that meet a random fault: 5xx, 429, reset connection,
    /// malformed JSON, a stall, or a write committed and its answer dropped
    #[arg(long, default_value_t = 0.0, value_name = "P", value_parser = parse_share)]
    pub fault_rate: f64,
    /// Seed for the fault draw, so a run can be repeated
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub fault_seed: u64,
    /// Add this many generated users to each vendor's seed (for benchmarks of big tenants; up
    /// to 1000000)
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u32).range(..=MAX_SEED_USERS))]
    pub seed_users: u32,
    /// Users an organization may hold where the vendor has a quota (cradl; its seed allows 20;
    /// up to 10000000)
    #[arg(long, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(..=MAX_USER_QUOTA))]
    pub user_quota: Option<usize>,
    /// Seconds the "stall" fault holds a request (0 leaves stalls out; up to 3600)
    #[arg(long, default_value_t = 0, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(..=MAX_STALL_SECS))]
    pub stall_secs: u64,
}

// Bounds on what can be typed: past these a sandbox would never answer or never start.
const MAX_LATENCY_MS: u64 = 60_000;
const MAX_SEED_USERS: i64 = 1_000_000;
const MAX_USER_QUOTA: u64 = 10_000_000;
const MAX_STALL_SECS: u64 = 3_600;

fn parse_share(text: &str) -> std::result::Result<f64, String> {
    // NaN is outside every range, so it is refused with the rest.
    match text.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err("expected a number from 0 to 1".to_string()),
    }
}

fn parse_rate(text: &str) -> std::result::Result<RateLimit, String> {
    RateLimit::parse(text)
}

pub async fn run(global: &GlobalArgs, args: Args) -> Result<()> {
    let options = SandboxOptions {
        latency: Duration::from_millis(args.latency),
        rate_limit_per_sec: args.rate_limit.map(|r| r.per_second),
        fault_rate: args.fault_rate,
        fault_seed: args.fault_seed,
        stall_secs: args.stall_secs,
    };
    let mut state = SandboxState::seed();
    for i in 0..args.seed_users {
        let email = format!("user{i}@bench.example");
        state.paradigm.add_user(&email, &format!("user{i}"));
        state.bleemeo.add_user(&email);
        state.amani.add_user(&email);
        state.cradl.add_user(&email);
    }
    if let Some(quota) = args.user_quota {
        state.cradl.max_users = quota;
    }
    let sandbox = Sandbox::new(state, options);
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
