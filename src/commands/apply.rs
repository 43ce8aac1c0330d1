//! `roster apply FILE | PLAN.json`: make every profile match a people file, with the import
//! machinery (pacing, journal and its lock, lost-answer look-ups, Ctrl-C, one row per change).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indicatif::MultiProgress;

use super::plan::{notes, read_file, targets_for};
use crate::bulk::interrupt::Interrupts;
use crate::bulk::journal::{self, JournalLock};
use crate::bulk::plan::{Task, Work};
use crate::bulk::run::{open_journal, Runner};
use crate::bulk::{files, progress, summary, Outcome};
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::people::make;
use crate::people::plan::{stale, Plan, PLAN_VERSION};
use crate::people::render;
use crate::rules::generate_password;

/// Make every profile match a people file (or a plan saved by `roster plan --out`)
///
/// Plans as `roster plan` does, shows the plan and asks on a terminal (--yes in scripts). A
/// saved plan is planned again first and refused if anything it touches changed since. The
/// changes run at each vendor's rate, journaled: a run stopped by Ctrl-C or a kill converges
/// when run again, and a second apply plans nothing. One result row per change.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox apply examples/people.toml --generate-password --yes
  roster apply people.toml --report results.csv
  roster apply plan.json")]
pub(crate) struct Args {
    /// The people file (TOML), or a plan saved by `roster plan --out` (JSON)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Also remove accounts the file does not name (as `roster plan --prune`)
    #[arg(long)]
    pub(crate) prune: bool,
    /// Generate a strong password for each new user of vendors that need one, shown once in
    /// the results
    #[arg(long)]
    pub(crate) generate_password: bool,
    /// Requests in flight per profile at most (the profile's rate applies too)
    #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub(crate) concurrency: u16,
    /// The journal file [default: under the data dir, keyed by the file and its profiles]
    #[arg(long, value_name = "PATH")]
    pub(crate) journal: Option<PathBuf>,
    /// Also write the results as CSV to this file (mode 0600); it must not exist yet
    #[arg(long, value_name = "PATH")]
    pub(crate) report: Option<PathBuf>,
    /// Replace an existing --report file (it may hold an earlier run's generated passwords)
    #[arg(long, requires = "report")]
    pub(crate) force: bool,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<Outcome>()?;
    let (shown, text) = read_file(&args.file)?;
    let (shown, text, saved) = match saved_plan(&shown, &text)? {
        Some(plan) => (plan.file.clone(), plan.source.clone(), Some(plan)),
        None => (shown, text, None),
    };
    let prune = args.prune || saved.as_ref().is_some_and(|p| p.prune);
    let known = make::infos(ctx.config()?);
    let targets = targets_for(ctx, &shown, &text, &known)?;
    // One apply of a file at a time, decided before anything is read.
    let held = if ctx.settings.dry_run {
        None
    } else {
        let names: Vec<String> = targets.iter().map(|t| t.profile.name.clone()).collect();
        let path = match &args.journal {
            Some(p) => p.clone(),
            None => journal_path(&text, &names)?,
        };
        let lock = lock(&path)?;
        Some((path, lock))
    };

    let bars = (!ctx.out.quiet && std::io::stderr().is_terminal()).then(MultiProgress::new);
    let interrupts = Interrupts::install(ctx.http.clone(), ctx.out.clone(), bars.clone());
    tokio::task::yield_now().await;

    let mut made =
        match make::make(&shown, &text, &known, &targets, prune, &interrupts.cancel).await {
            Err(_) if interrupts.cancelled() => return Err(Error::cancelled()),
            other => other?,
        };
    notes(ctx, &made);
    if let Some(saved) = &saved {
        let changed = stale(&saved.changes, &made.plan.changes);
        if !changed.is_empty() {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "the saved plan {} is stale; nothing was sent. Changed since:\n{}",
                    args.file.display(),
                    changed.join("\n")
                ),
            )
            .with_hint(format!("make a new plan: `roster plan {shown} --out PATH`")));
        }
    }
    if !ctx.out.quiet {
        eprint!("{}", render::text(&made.plan, false));
    }
    if made.plan.summary.total() == 0 || ctx.settings.dry_run {
        // Scripts still get a result list to parse: empty.
        if ctx.out.format != crate::output::OutputFormat::Table {
            ctx.out.list::<Outcome>().finish()?;
        }
        return Ok(());
    }
    fill_passwords(&mut made, &targets, args.generate_password)?;
    if let Some(path) = &args.report {
        files::check_report(path, args.force)?;
    }
    let n = made.plan.summary.total();
    ctx.confirm(&format!("Apply these {n} change(s)?"), "apply changes")?;

    let (path, lock) = held.ok_or_else(|| Error::failure("internal: the journal is not held"))?;
    let journal = Some(open_journal(&path, lock)?);
    let runner = Runner::start(
        args.concurrency,
        false,
        journal.clone(),
        ctx.terminal.clone(),
        &interrupts,
        args.report.clone().map(|p| (p, args.force)),
    );
    let mut runs = tokio::task::JoinSet::new();
    for (target, planned) in targets.iter().zip(made.work) {
        if planned.is_empty() {
            continue;
        }
        let tasks: Vec<Task> = planned
            .into_iter()
            .map(|p| Task {
                line: p.change.line,
                email: p.change.email,
                work: p.work,
            })
            .collect();
        let bar = bars
            .as_ref()
            .map(|m| progress::bar(m, &target.profile.name, tasks.len()));
        let (runner, target) = (runner.clone(), target.clone());
        runs.spawn(async move { runner.run_profile(target, tasks, bar).await });
    }
    while let Some(done) = runs.join_next().await {
        if let Err(e) = done {
            return Err(Error::failure("an apply task stopped").with_source(e));
        }
    }
    let cancelled = interrupts.cancelled();
    interrupts.finish();
    let mut outcomes = runner.outcomes();
    outcomes.sort_by(|a, b| (&a.profile, a.line, &a.email).cmp(&(&b.profile, b.line, &b.email)));
    let mut writer = ctx.out.list::<Outcome>();
    writer.push(&outcomes)?;
    writer.finish()?;
    if let Some(path) = &args.report {
        files::save_report(path, &outcomes, args.force)?;
    }
    summary::where_passwords_are(&ctx.out, &outcomes, args.report.as_deref());
    summary::summarize_as(&ctx.out, "apply", &outcomes, journal.as_deref());
    summary::outcome_error(&outcomes, cancelled).map_err(|e| match e.kind() {
        ErrorKind::Cancelled => Error::new(
            ErrorKind::Cancelled,
            "interrupted; what finished is journaled: run the same apply again to finish",
        ),
        _ => e.with_hint("fix the causes and run the same apply again: it plans only what is left"),
    })
}

/// A plan saved by `roster plan --out`, or `None` for a people file.
fn saved_plan(shown: &str, text: &str) -> Result<Option<Plan>> {
    if !text.trim_start().starts_with('{') {
        return Ok(None);
    }
    let plan: Plan = serde_json::from_str(text).map_err(|e| {
        Error::usage(format!(
            "{shown} is not a plan saved by `roster plan --out`: {e}"
        ))
    })?;
    if plan.version != PLAN_VERSION {
        return Err(Error::usage(format!(
            "{shown} is a plan of format {}; this roster reads format {PLAN_VERSION}",
            plan.version
        ))
        .with_hint("make the plan again with this roster"));
    }
    Ok(Some(plan))
}

/// New users of vendors that need a password get a generated one, only with the flag.
fn fill_passwords(
    made: &mut make::Made,
    targets: &[Arc<crate::context::Target>],
    generate: bool,
) -> Result<()> {
    for (t, planned) in targets.iter().zip(made.work.iter_mut()) {
        if !t.profile.kind.needs_password() {
            continue;
        }
        for p in planned.iter_mut() {
            if let Work::Create(new) = &mut p.work {
                if !generate {
                    return Err(Error::usage(format!(
                        "profile `{}` ({}) needs a password for each new user",
                        t.profile.name, t.profile.kind
                    ))
                    .with_hint(
                        "pass --generate-password: each new user gets a strong one, shown once \
                         in the results",
                    ));
                }
                new.password = Some(generate_password()?);
            }
        }
    }
    Ok(())
}

/// The default journal, beside the imports' ones but keyed apart from them.
fn journal_path(text: &str, names: &[String]) -> Result<PathBuf> {
    let mut keyed = b"roster apply\0".to_vec();
    keyed.extend_from_slice(text.as_bytes());
    journal::default_path(&keyed, names)
        .ok_or_else(|| Error::usage("cannot find a data directory for the journal; pass --journal"))
}

/// One apply of a file at a time: another holding the journal is exit 75 naming it.
fn lock(path: &Path) -> Result<JournalLock> {
    let taken = JournalLock::try_take(path).map_err(|e| {
        Error::failure(format!("cannot lock the journal {}", path.display())).with_source(e)
    })?;
    taken.map_err(|holder| {
        let who = holder
            .pid
            .map_or("another process".to_string(), |p| format!("process {p}"));
        Error::new(
            ErrorKind::Temporary,
            format!(
                "the journal {} is in use by {who}, another apply of the same file",
                path.display()
            ),
        )
        .with_hint("let it finish, then run this again: it plans only what is left")
    })
}
