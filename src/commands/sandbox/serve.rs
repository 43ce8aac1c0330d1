//! `roster sandbox serve`: the emulator on a port, until Ctrl-C, with profiles to paste.

use std::time::Duration;

use super::listen::ListenAddr;
use crate::config::RateLimit;
use crate::context::Settings;
use crate::error::{Error, Result};
use crate::output::write_out;
use crate::sandbox::{
    Layout, RunningSandbox, Sandbox, SandboxOptions, SandboxState, ScimDialect as Dialect,
};

/// Serve every vendor's emulated API until Ctrl-C
///
/// State lives in memory, fresh from the seed at each start. Prints each vendor's base URL and
/// a ready [profiles.<vendor>] block with the test credentials. Every vendor is served under its
/// name (http://ADDR/paradigm/...); with --vendor-ports each one is also served at the root of
/// its own port, as the vendors' own SDKs and scripts expect.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster sandbox serve --listen 127.0.0.1:8787
  roster sandbox serve --vendor-ports --fault-rate 0.1 --fault-seed 7
  roster sandbox serve --listen localhost:0 --latency 200 --rate-limit 50/s")]
pub(crate) struct Args {
    /// Address to listen on: an IP or a host name such as localhost (port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR", value_parser = ListenAddr::parse)]
    pub(crate) listen: ListenAddr,
    /// Also serve each vendor at the root of its own port (and print profiles for that layout)
    #[arg(long)]
    pub(crate) vendor_ports: bool,
    /// First of the consecutive vendor ports, in the order profiles are printed (default: the
    /// port after --listen's; 0 picks a free port for each)
    #[arg(long, value_name = "PORT", requires = "vendor_ports")]
    pub(crate) vendor_base_port: Option<u16>,
    /// Connections served at once; more wait until one closes
    #[arg(long, default_value_t = 1_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=65_536))]
    pub(crate) max_connections: u32,
    /// Seconds a client may take to send a request's head, or its body, before it is closed
    #[arg(long, default_value_t = 10, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub(crate) read_timeout: u64,
    /// Milliseconds added to every answer (up to 60000)
    #[arg(long, default_value_t = 0, value_name = "MS",
          value_parser = clap::value_parser!(u64).range(..=MAX_LATENCY_MS))]
    pub(crate) latency: u64,
    /// Requests each vendor accepts, e.g. 200/s (1/h to 10000/s; replaces the documented limits)
    #[arg(long, value_name = "RATE", value_parser = parse_rate)]
    pub(crate) rate_limit: Option<RateLimit>,
    /// Share of requests (0 to 1) that meet a random fault: 5xx, 429, reset connection,
    /// malformed JSON, a stall, or a write committed and its answer dropped
    #[arg(long, default_value_t = 0.0, value_name = "P", value_parser = parse_share)]
    pub(crate) fault_rate: f64,
    /// Seed for the fault draw, so a run can be repeated
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub(crate) fault_seed: u64,
    /// Add this many generated users to each vendor's seed (for benchmarks of big tenants; up
    /// to 1000000)
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u32).range(..=MAX_SEED_USERS))]
    pub(crate) seed_users: u32,
    /// Users an organization may hold where the vendor has a quota (cradl; its seed allows 20;
    /// up to 10000000)
    #[arg(long, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(..=MAX_USER_QUOTA))]
    pub(crate) user_quota: Option<usize>,
    /// API requests Cradl's organization may make before every further one answers 429
    /// `Limit Exceeded`, its monthly cap (no cap by default; 0 to 1000000000)
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u64).range(..=MAX_MONTHLY_LIMIT))]
    pub(crate) monthly_limit: Option<u64>,
    /// Seconds the "stall" fault holds a request (0 leaves stalls out; up to 3600)
    #[arg(long, default_value_t = 0, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(..=MAX_STALL_SECS))]
    pub(crate) stall_secs: u64,
    /// Which service's deviations the SCIM server (/scim/v2) reproduces
    #[arg(long, default_value = "rfc", value_name = "NAME",
          value_parser = dialect_parser())]
    pub(crate) scim_dialect: Dialect,
}

// Bounds on what can be typed: past these a sandbox would never answer or never start.
const MAX_LATENCY_MS: u64 = 60_000;
const MAX_SEED_USERS: i64 = 1_000_000;
const MAX_USER_QUOTA: u64 = 10_000_000;
const MAX_STALL_SECS: u64 = 3_600;
const MAX_MONTHLY_LIMIT: u64 = 1_000_000_000;

fn parse_share(text: &str) -> std::result::Result<f64, String> {
    // NaN is outside every range, so it is refused with the rest.
    match text.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err("expected a number from 0 to 1".to_string()),
    }
}

fn dialect_parser() -> impl clap::builder::TypedValueParser<Value = Dialect> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Dialect::NAMES)
        .map(|name| Dialect::from_name(&name).unwrap_or_default())
}

fn parse_rate(text: &str) -> std::result::Result<RateLimit, String> {
    RateLimit::parse(text)
}

pub(crate) async fn run(global: &Settings, args: Args) -> Result<()> {
    let options = SandboxOptions {
        latency: Duration::from_millis(args.latency),
        rate_limit_per_sec: args.rate_limit.map(|r| r.per_second),
        fault_rate: args.fault_rate,
        fault_seed: args.fault_seed,
        stall_secs: args.stall_secs,
        scim_dialect: args.scim_dialect,
        read_timeout: Duration::from_secs(args.read_timeout),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
    };
    let mut state = SandboxState::seed();
    state.add_bench_users(args.seed_users);
    state.set_quotas(args.user_quota, args.monthly_limit);
    let sandbox = Sandbox::new(state, options);
    let vendor_base_port = match (args.vendor_ports, args.vendor_base_port) {
        (false, _) => None,
        (true, Some(port)) => Some(port),
        // Port 0 stays 0: every vendor on a free port of its own.
        (true, None) if args.listen.port() == 0 => Some(0),
        (true, None) => Some(args.listen.port().checked_add(1).ok_or_else(|| {
            Error::usage("--listen uses port 65535, so no vendor port can follow it")
                .with_hint("give --vendor-base-port PORT")
        })?),
    };
    let vendors = crate::sandbox::vendor_names().len();
    let last_port = vendor_base_port.map(|base| match base {
        0 => Some(0),
        _ => u16::try_from(vendors.saturating_sub(1))
            .ok()
            .and_then(|n| base.checked_add(n)),
    });
    if let Some(None) = last_port {
        return Err(Error::usage(format!(
            "the {vendors} vendor ports would run past port 65535"
        ))
        .with_hint("give a lower --vendor-base-port, or 0 for free ports"));
    }
    let running = start(&sandbox, &args.listen, vendor_base_port).await?;
    let mut text = format!(
        "# roster sandbox listening on {} (Ctrl-C to stop)\n",
        running.root_url()
    );
    let profiles = match running.vendor_ports_profiles_toml() {
        Some(profiles) => {
            text.push_str(
                "# Each vendor is also at the root of its own port, as these profiles use; \
                 /<vendor>/... and /_sandbox/... stay on the address above.\n",
            );
            profiles
        }
        None => running.profiles_toml(),
    };
    text.push_str("# Paste these profiles into a roster config file:\n\n");
    text.push_str(&profiles);
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

/// Bind the first of `listen`'s addresses that can be bound.
async fn start(
    sandbox: &Sandbox,
    listen: &ListenAddr,
    vendor_base_port: Option<u16>,
) -> Result<RunningSandbox> {
    let mut last = None;
    for addr in listen.resolve().await? {
        let layout = Layout {
            listen: addr,
            vendor_base_port,
        };
        match sandbox.start_layout(layout).await {
            Ok(running) => return Ok(running),
            Err(e) => last = Some((addr, e)),
        }
    }
    let (addr, e) = last.ok_or_else(|| Error::usage(format!("--listen {listen}: no address")))?;
    Err(Error::failure(format!("cannot listen on {addr}"))
        .with_source(e)
        .with_hint("is another server using the port? pick another with --listen, or port 0"))
}
