//! `roster users import`: a CSV or JSON Lines file of users into one or more profiles, at each
//! vendor's rate, journaled so an interrupted run resumes where it stopped.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::sync::Arc;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use crate::bulk::journal::{self, Journal};
use crate::bulk::plan::{self, IfExists};
use crate::bulk::run::Runner;
use crate::bulk::{Action, Outcome};
use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Row;

/// Create users from a CSV or JSON Lines file, in one or more profiles at once
///
/// Columns: email (required), username, first_name, last_name, groups and roles (`;`-separated
/// names or ids), language, phone, name, description, and profile (route the row to one
/// profile). Every row is checked against every profile before anything is written. Outcomes
/// are journaled; running the same import again resumes: finished rows are not sent again.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The input: a .csv file with a header, a JSON Lines file, or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What to do with a user whose email already exists in a profile
    #[arg(long, value_enum, default_value_t = IfExists::Skip, value_name = "WHAT")]
    pub if_exists: IfExists,
    /// Requests in flight per profile at most (the profile's rate applies too)
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
    /// The journal file [default: under the data dir, keyed by the input and the profiles]
    #[arg(long, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Also write the results as CSV to this file
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
    /// Import the valid rows and list the invalid ones, instead of stopping
    #[arg(long)]
    pub skip_invalid: bool,
    /// Generate a strong password for each new user (for vendors that need one), shown once in
    /// the results
    #[arg(long)]
    pub generate_password: bool,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let shown = args.file.display().to_string();
    let bytes = read_input(&args.file)?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| Error::usage(format!("{shown} is not UTF-8")))?;

    let targets: Vec<Arc<Target>> = ctx
        .targets(Pacing::Bulk)?
        .into_iter()
        .map(Arc::new)
        .collect();
    let (rows, mut problems) = crate::bulk::input::parse(&text);
    let (checked, more) = plan::validate(rows, &targets, args.generate_password).await?;
    problems.extend(more);
    if !problems.is_empty() {
        if !args.skip_invalid {
            return Err(plan::problems_error(&shown, &problems));
        }
        for p in &problems {
            ctx.out.warn(format!("skipped: {}", p.render(&shown)));
        }
    }
    // With --skip-invalid, a row with a problem in one profile is skipped there only.
    let bad: std::collections::HashSet<(u64, Option<String>)> = problems
        .iter()
        .map(|p| (p.line, p.profile.clone()))
        .collect();
    let checked: Vec<_> = checked
        .into_iter()
        .filter(|c| !bad.contains(&(c.row.line, None)))
        .map(|mut c| {
            c.per_target.retain(|(i, _)| {
                !bad.contains(&(c.row.line, Some(targets[*i].profile.name.clone())))
            });
            c
        })
        .collect();

    let names: Vec<String> = targets.iter().map(|t| t.profile.name.clone()).collect();
    let journal = if ctx.global.dry_run {
        None
    } else {
        let path = match &args.journal {
            Some(p) => p.clone(),
            None => journal::default_path(&bytes, &names).ok_or_else(|| {
                Error::usage("cannot find a data directory for the journal; pass --journal")
            })?,
        };
        let j = Journal::open(&path).map_err(|e| {
            Error::failure(format!("cannot open the journal {}", path.display())).with_source(e)
        })?;
        Some(Arc::new(j))
    };

    let (stop, cancel) = tokio::sync::watch::channel(false);
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = stop.send(true);
        }
    });
    let runner = Arc::new(Runner {
        concurrency: usize::from(args.concurrency),
        dry_run: ctx.global.dry_run,
        journal: journal.clone(),
        cancel: cancel.clone(),
    });
    let bars = (!ctx.out.quiet && std::io::stderr().is_terminal()).then(MultiProgress::new);
    // Each profile lists its users, plans and runs on its own, so a fast vendor starts sending
    // while a slow one is still listing.
    let checked = Arc::new(checked);
    let mut runs = tokio::task::JoinSet::new();
    for (i, target) in targets.into_iter().enumerate() {
        let rows = checked
            .iter()
            .filter(|c| c.per_target.iter().any(|(t, _)| *t == i))
            .count();
        let bar = bars
            .as_ref()
            .map(|m| progress_bar(m, &target.profile.name, rows));
        let runner = runner.clone();
        let checked = checked.clone();
        let journal = journal.clone();
        let if_exists = args.if_exists;
        runs.spawn(async move {
            let tasks = match plan::existing_users(&target).await {
                Ok(existing) => plan::plan_profile(
                    i,
                    &target,
                    &checked,
                    &existing,
                    journal.as_deref(),
                    if_exists,
                ),
                // Without the listing nothing can be decided safely: every row of this
                // profile fails with the reason, and a re-run retries them.
                Err(e) => plan::unlisted(i, &checked, &e.to_string()),
            };
            runner.run_profile(target, tasks, bar).await
        });
    }
    let mut outcomes: Vec<Outcome> = Vec::new();
    while let Some(done) = runs.join_next().await {
        match done {
            Ok(o) => outcomes.extend(o),
            Err(e) => return Err(Error::failure("an import task stopped").with_source(e)),
        }
    }
    interrupt.abort();
    outcomes.sort_by(|a, b| (a.line, &a.profile).cmp(&(b.line, &b.profile)));

    let mut writer = ctx.out.list::<Outcome>();
    writer.push(&outcomes)?;
    writer.finish()?;
    if let Some(path) = &args.report {
        write_report(path, &outcomes)?;
    }
    summarize(ctx, &outcomes, journal.as_deref());

    if *cancel.borrow() {
        return Err(Error::new(
            ErrorKind::Cancelled,
            "interrupted; finished rows are journaled, run the same import again to resume",
        ));
    }
    let failed = outcomes
        .iter()
        .filter(|o| o.action == Action::Failed)
        .count();
    if failed > 0 {
        return Err(Error::new(
            ErrorKind::Partial,
            format!("{failed} of {} row(s) failed", outcomes.len()),
        )
        .with_hint("fix the causes and run the same import again: finished rows are skipped"));
    }
    Ok(())
}

fn read_input(path: &std::path::Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::usage("cannot read stdin").with_source(e))?;
    } else {
        bytes = std::fs::read(path)
            .map_err(|e| Error::usage(format!("cannot read {}", path.display())).with_source(e))?;
    }
    Ok(bytes)
}

fn progress_bar(multi: &MultiProgress, profile: &str, len: usize) -> ProgressBar {
    let bar = multi.add(ProgressBar::new(len as u64));
    let style = ProgressStyle::with_template(
        "{prefix:>12} [{bar:30}] {pos}/{len} {per_sec} eta {eta} {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(profile.to_string());
    bar
}

/// The results as CSV, readable by the owner only: it can hold generated passwords.
fn write_report(path: &std::path::Path, outcomes: &[Outcome]) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::failure("cannot encode the report").with_source(e);
    w.write_record(Outcome::csv_headers()).map_err(fail)?;
    for o in outcomes {
        w.write_record(o.csv_cells()).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::failure("cannot encode the report").with_source(e.into_error()))?;
    crate::providers::auth::write_private(path, &bytes).map_err(|e| {
        Error::failure(format!("cannot write the report {}", path.display())).with_source(e)
    })
}

fn summarize(ctx: &Context, outcomes: &[Outcome], journal: Option<&Journal>) {
    let count = |a: Action| outcomes.iter().filter(|o| o.action == a).count();
    let resumed = outcomes.iter().filter(|o| o.resumed).count();
    let mut parts = Vec::new();
    for a in [
        Action::Created,
        Action::Updated,
        Action::Skipped,
        Action::Failed,
        Action::WouldCreate,
        Action::WouldUpdate,
        Action::NotRun,
    ] {
        let n = count(a);
        if n > 0 {
            parts.push(format!("{n} {}", a.as_str()));
        }
    }
    let mut line = format!("import: {}", parts.join(", "));
    if resumed > 0 {
        line.push_str(&format!(" ({resumed} finished by an earlier run)"));
    }
    if let Some(j) = journal {
        line.push_str(&format!("; journal {}", j.path().display()));
    }
    ctx.out.note(line);
}
