//! `roster users import`: a CSV or JSON Lines file of users into one or more profiles, at each
//! vendor's rate, journaled so an interrupted run resumes where it stopped.

use std::path::PathBuf;

use crate::bulk::import::{self, Options};
use crate::bulk::input;
use crate::bulk::plan::IfExists;
use crate::bulk::Outcome;
use crate::context::Context;
use crate::error::Result;

/// Create users from a CSV or JSON Lines file, in one or more profiles at once
///
/// Columns: email (required), username, first_name, last_name, groups and roles (`;`-separated
/// names or ids, or `ID:NAME` as `users list -o csv` writes them), language, phone, name,
/// description, and profile (route the row to that profile; without --profile the column
/// alone chooses the profiles). Other columns are ignored with a warning. Every row is checked
/// against every profile before anything is written. Outcomes are journaled; running the same
/// import again resumes: finished rows are not sent again.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox --profile paradigm users import examples/import/paradigm.csv --dry-run
  roster --sandbox users import examples/import/every-vendor.csv --generate-password
  roster users import new-hires.csv --profile acme,docs --report results.csv")]
pub(crate) struct Args {
    /// The input: a .csv file with a header, a JSON Lines file, or - for stdin
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// What to do with a user whose email already exists in a profile
    #[arg(long, value_enum, default_value_t = IfExists::Skip, value_name = "WHAT")]
    pub(crate) if_exists: IfExists,
    /// Requests in flight per profile at most (the profile's rate applies too)
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub(crate) concurrency: u16,
    /// The journal file [default: under the data dir, keyed by the input and the profiles]
    #[arg(long, value_name = "PATH")]
    pub(crate) journal: Option<PathBuf>,
    /// If another import is using the journal, wait for it to finish instead of exiting 75
    #[arg(long)]
    pub(crate) wait: bool,
    /// Also write the results as CSV to this file (mode 0600); it must not exist yet
    #[arg(long, value_name = "PATH")]
    pub(crate) report: Option<PathBuf>,
    /// Replace an existing --report file (it may hold an earlier run's generated passwords)
    #[arg(long, requires = "report")]
    pub(crate) force: bool,
    /// The CSV field separator: `,`, `;` or `tab`
    #[arg(long, value_name = "SEP", default_value = ",", value_parser = input::parse_delimiter)]
    pub(crate) delimiter: u8,
    /// Import the valid rows and report the invalid ones as skipped-invalid (exit 7), instead
    /// of stopping
    #[arg(long)]
    pub(crate) skip_invalid: bool,
    /// Generate a strong password for each new user (for vendors that need one), shown once in
    /// the results
    #[arg(long)]
    pub(crate) generate_password: bool,
    /// Print only the rows that did not succeed (failed, skipped-invalid, not-run); the
    /// summary, the exit status and --report still cover every row
    #[arg(long)]
    pub(crate) failures_only: bool,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<Outcome>()?;
    let options = Options {
        file: args.file,
        if_exists: args.if_exists,
        concurrency: args.concurrency,
        journal: args.journal,
        wait: args.wait,
        report: args.report,
        force: args.force,
        delimiter: args.delimiter,
        skip_invalid: args.skip_invalid,
        generate_password: args.generate_password,
        failures_only: args.failures_only,
    };
    import::run(ctx, options).await
}
