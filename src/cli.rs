//! The clap tree: global flags, nouns and verbs. Each verb's arguments live in its own file.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser};
use clap_complete::engine::ArgValueCandidates;

use crate::commands::completions;
pub(crate) use crate::commands::Command;
use crate::context::Settings;
use crate::output::{ColorChoice, OutputFormat};

pub mod man;

/// Administer user accounts across SaaS vendors from one command tree
///
/// Profiles in a TOML file name each vendor tenant and where its secrets come from.
#[derive(Debug, Parser)]
#[command(
    name = "roster",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_long_help = after_help()
)]
pub struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The end of `roster --help`: a first try, and the exit codes (from `crate::error`'s table).
fn after_help() -> String {
    format!(
        "Try it with no setup at all, against the built-in sandbox:\n{}\n\nExit codes:\n{}",
        FIRST_TRY.join("\n"),
        crate::error::exit_code_summary()
    )
}

/// Command lines that work on a fresh machine, shown by `--help` and the man page.
pub(crate) const FIRST_TRY: [&str; 2] = [
    "  roster --sandbox users create --email new@example.com --username new",
    "  roster --sandbox users list",
];

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)
    #[arg(
        long,
        global = true,
        env = "ROSTER_PROFILE",
        value_name = "NAME",
        value_delimiter = ',',
        add = ArgValueCandidates::new(completions::profile_candidates)
    )]
    pub(crate) profile: Vec<String>,

    /// Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]
    #[arg(long, global = true, env = "ROSTER_CONFIG", value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,

    /// Output format: tables for people, json/ndjson/csv for scripts
    #[arg(short, long, global = true, value_enum, default_value_t = OutputFormat::Table, value_name = "FORMAT")]
    pub(crate) output: OutputFormat,

    /// Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)
    #[arg(long, global = true, value_name = "A,B,C")]
    pub(crate) fields: Option<String>,

    /// Filter the JSON output with a jq expression (implies -o json; strings print raw)
    #[arg(long, global = true, value_name = "EXPR")]
    pub(crate) jq: Option<String>,

    /// Never prompt; fail with exit 2 naming what is missing
    // Boolish so that `ROSTER_NO_INPUT=1` (or yes/true/on) works, not only `true`.
    #[arg(
        long,
        global = true,
        env = "ROSTER_NO_INPUT",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub(crate) no_input: bool,

    /// Answer yes to confirmations (needed for destructive commands in scripts)
    #[arg(short, long, global = true)]
    pub(crate) yes: bool,

    /// Show the requests a change would send (secrets redacted) and send none
    #[arg(long, global = true)]
    pub(crate) dry_run: bool,

    /// Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub(crate) verbose: u8,

    /// Print only data and errors: no notes or warnings
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// When to use colour (NO_COLOR is honoured in `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub(crate) color: ColorChoice,

    /// Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)
    #[arg(long, global = true)]
    pub(crate) sandbox: bool,
}

impl From<GlobalArgs> for Settings {
    fn from(g: GlobalArgs) -> Settings {
        Settings {
            profile: g.profile,
            config: g.config,
            output: g.output,
            no_input: g.no_input,
            yes: g.yes,
            dry_run: g.dry_run,
            verbose: g.verbose,
            quiet: g.quiet,
            color: g.color,
            sandbox: g.sandbox,
            fields: g.fields,
            jq: g.jq,
        }
    }
}

/// clap's usage error as roster prints it, when clap's own text is not fit to show: clap repeats
/// an invalid value whole (a 1 MB `--expires` comes back as 1 MB of stderr), and on a terminal
/// as is, control characters included. Then the text is cut as every roster message is (see
/// `crate::redact`), without colour (which also drops escape sequences). `args` is the command
/// line. `None` for help, version, and errors clap can print itself.
pub(crate) fn safe_usage_error(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    if !e.use_stderr() {
        return None;
    }
    let plain = e.render().to_string();
    let safe = crate::redact::message(&plain);
    let controls = args
        .iter()
        .any(|a| a.to_string_lossy().chars().any(char::is_control));
    (safe != plain || controls).then_some(safe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn a_huge_invalid_value_is_cut_in_the_usage_error() {
        let line = |words: &[&str]| -> Vec<std::ffi::OsString> {
            words.iter().map(|w| w.into()).collect()
        };
        let huge = "9".repeat(1 << 20);
        for args in [
            line(&["roster", "users", "list", "--limit", &huge]),
            line(&["roster", "users", "create", "--expires", &huge]),
            line(&["roster", "users", "get", "a", &huge]),
        ] {
            let e = Cli::try_parse_from(&args).unwrap_err();
            assert_eq!(e.exit_code(), 2);
            let text = safe_usage_error(&e, &args).expect("cut");
            assert!(text.len() < 4096, "{} bytes", text.len());
            assert!(text.contains(" bytes, cut)"), "{text}");
            assert!(text.starts_with("error:"), "{text}");
        }
        // A terminal would have got the escape sequence as typed, inside clap's colours.
        let args = line(&["roster", "users", "list", "--limit", "x\x1b[31mRED"]);
        let e = Cli::try_parse_from(&args).unwrap_err();
        let text = safe_usage_error(&e, &args).expect("plain");
        assert!(!text.contains('\x1b'), "{text}");
        // Ordinary errors, help and version stay clap's own (with its colours on a terminal).
        let args = line(&["roster", "users", "list", "--limit", "x"]);
        let e = Cli::try_parse_from(&args).unwrap_err();
        assert!(safe_usage_error(&e, &args).is_none());
        let args = line(&["roster", "--help"]);
        let e = Cli::try_parse_from(&args).unwrap_err();
        assert!(safe_usage_error(&e, &args).is_none());
    }

    #[test]
    fn clap_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn profiles_split_on_commas() {
        let cli = Cli::try_parse_from([
            "roster",
            "--profile",
            "a,b",
            "--profile",
            "c",
            "groups",
            "list",
        ])
        .unwrap();
        assert_eq!(cli.global.profile, ["a", "b", "c"]);
    }
}
