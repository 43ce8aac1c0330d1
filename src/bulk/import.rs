//! The import of a file of users into one or more profiles: read, route, validate, journal,
//! plan and run each profile, report. `users import` parses its flags and calls [`run`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::input::{self, InputRow, Problem};
use super::interrupt::Interrupts;
use super::journal::{self, JournalLock};
use super::plan::{self, IfExists};
use super::run::{open_journal, Runner};
use super::{files, invalid, progress, summary, validate, Outcome};
use crate::config::Config;
use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};

/// How often a run that waits for a journal (`--wait`) tries its lock again.
const LOCK_RETRY: Duration = Duration::from_millis(200);

/// What `users import` was asked to do: its flags, parsed.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The input file, or `-` for stdin.
    pub(crate) file: PathBuf,
    pub(crate) if_exists: IfExists,
    /// Requests in flight per profile at most.
    pub(crate) concurrency: u16,
    /// The journal file, when not the default one.
    pub(crate) journal: Option<PathBuf>,
    /// Wait for another import's journal lock instead of exiting 75.
    pub(crate) wait: bool,
    /// Also write the results as CSV here.
    pub(crate) report: Option<PathBuf>,
    /// Replace an existing report.
    pub(crate) force: bool,
    /// The CSV field separator.
    pub(crate) delimiter: u8,
    /// Import the valid rows and report the invalid ones, instead of stopping.
    pub(crate) skip_invalid: bool,
    /// Generate a password for each new user where the vendor needs one.
    pub(crate) generate_password: bool,
    /// Print only the rows that did not succeed (the report keeps every row).
    pub(crate) failures_only: bool,
}

/// Import the rows of one file into the chosen profiles, journaled, at each vendor's rate.
pub(crate) async fn run(ctx: &mut Context, args: Options) -> Result<()> {
    let shown = args.file.display().to_string();
    let bytes = read_input(&args.file)?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| Error::usage(format!("{shown} is not UTF-8")))?;
    let parsed = input::parse(&text, args.delimiter).map_err(|p| header_error(&shown, &p))?;
    if !parsed.ignored.is_empty() {
        ctx.out.warn(format!(
            "ignoring column(s) an import does not take: {}",
            parsed.ignored.join(", ")
        ));
    }
    let mut problems = parsed.problems;
    let all_rows = parsed.rows;

    // Without --profile, a `profile` column chooses the profiles by itself.
    let routed = !all_rows.iter().all(|r| r.profile.is_none()) && ctx.settings.profile.is_empty();
    let mut rows = all_rows.clone();
    let targets: Vec<Arc<Target>> = if routed {
        let before = problems.len();
        let (names, default) = profiles_from_column(ctx.config()?, &all_rows, &mut problems);
        let unroutable: Vec<u64> = problems[before..].iter().map(|p| p.line).collect();
        rows.retain(|r| !unroutable.contains(&r.line));
        // A row without a profile goes to the default one only, not to every profile run.
        for r in &mut rows {
            if r.profile.is_none() {
                r.profile = default.clone();
            }
        }
        ctx.settings.profile = names;
        if ctx.settings.profile.is_empty() {
            Vec::new()
        } else {
            bulk_targets(ctx)?
        }
    } else {
        bulk_targets(ctx)?
    };
    let names: Vec<String> = targets.iter().map(|t| t.profile.name.clone()).collect();

    // From here on Ctrl-C stops the import cleanly (choosing a profile above may still prompt,
    // and a prompt handles its own Ctrl-C).
    let bars = ctx.terminal.progress();
    let interrupts = Interrupts::install(ctx.http.clone(), ctx.out.clone(), bars.clone());
    // Let the handler register before any request can start.
    tokio::task::yield_now().await;

    let validated = match validate::validate(rows, &targets, args.generate_password).await {
        Err(_) if interrupts.cancelled() => return Err(Error::cancelled()),
        other => other?,
    };
    problems.extend(validated.problems);
    problems.sort_by_key(|p| p.line);
    if !problems.is_empty() {
        if !args.skip_invalid {
            return Err(plan::problems_error(&shown, &problems));
        }
        for p in &problems {
            ctx.out.warn(format!("skipped: {}", p.render(&shown)));
        }
    }
    summary::note_derived(&ctx.out, &validated.derived);
    let checked = invalid::drop_invalid(validated.checked, &problems, &names);
    let skipped = invalid::skipped(&problems, &all_rows, &names);

    // Everything that can stop the run is checked before the first write is sent.
    if let Some(path) = &args.report {
        files::check_report(path, args.force)?;
    }
    let journal = if ctx.settings.dry_run {
        None
    } else {
        let path = match &args.journal {
            Some(p) => p.clone(),
            None => journal::default_path(&bytes, &names).ok_or_else(|| {
                Error::usage("cannot find a data directory for the journal; pass --journal")
            })?,
        };
        let lock = lock_journal(ctx, &path, args.wait, &interrupts).await?;
        Some(open_journal(&path, lock)?)
    };

    let runner = Runner::start(
        args.concurrency,
        ctx.settings.dry_run,
        journal.clone(),
        ctx.terminal.clone(),
        &interrupts,
        args.report.clone().map(|p| (p, args.force)),
    );
    runner.land(&skipped);
    // Each profile lists its users, plans and runs on its own, so a fast vendor starts sending
    // while a slow one is still listing.
    let checked = Arc::new(checked);
    let mut runs = tokio::task::JoinSet::new();
    for (i, target) in targets.into_iter().enumerate() {
        let rows = checked
            .iter()
            .filter(|c| c.per_target.iter().any(|(t, _)| *t == i))
            .count();
        if rows == 0 {
            // Nothing valid goes there: no listing, no bar.
            continue;
        }
        let bar = bars
            .as_ref()
            .map(|m| progress::bar(m, &target.profile.name, rows));
        let runner = runner.clone();
        let checked = checked.clone();
        let journal = journal.clone();
        let if_exists = args.if_exists;
        runs.spawn(async move {
            progress::listing(bar.as_ref());
            let tasks = match plan::existing_users(&target, &runner.cancel).await {
                Ok(existing) => plan::plan_profile(
                    i,
                    &target,
                    &checked,
                    &existing,
                    journal.as_deref(),
                    if_exists,
                ),
                // Without the listing nothing new can be decided safely: rows the journal
                // finished stay finished, the others fail with the reason (a re-run retries).
                Err(e) => plan::unlisted(i, &target, &checked, journal.as_deref(), &e),
            };
            progress::sending(bar.as_ref());
            runner.run_profile(target, tasks, bar).await
        });
    }
    while let Some(done) = runs.join_next().await {
        if let Err(e) = done {
            return Err(Error::failure("an import task stopped").with_source(e));
        }
    }
    let cancelled = interrupts.cancelled();
    interrupts.finish();
    let mut outcomes = runner.outcomes();
    outcomes.sort_by(|a, b| (a.line, &a.profile).cmp(&(b.line, &b.profile)));

    let mut writer = ctx.out.list::<Outcome>();
    if args.failures_only {
        let failed: Vec<Outcome> = outcomes
            .iter()
            .filter(|o| !o.action.succeeded())
            .cloned()
            .collect();
        writer.push(&failed)?;
    } else {
        writer.push(&outcomes)?;
    }
    writer.finish()?;
    if let Some(path) = &args.report {
        files::save_report(path, &outcomes, args.force)?;
    }
    summary::where_passwords_are(&ctx.out, &outcomes, args.report.as_deref());
    summary::summarize(&ctx.out, &outcomes, journal.as_deref());
    summary::outcome_error(&outcomes, cancelled)
}

/// The targets of a bulk run, paced for bulk work.
fn bulk_targets(ctx: &mut Context) -> Result<Vec<Arc<Target>>> {
    Ok(ctx
        .targets(Pacing::Bulk)?
        .into_iter()
        .map(Arc::new)
        .collect())
}

/// The profiles a `profile` column names, in the order first seen, and the default profile
/// that rows without one go to. A name the config does not have is a problem of its line.
fn profiles_from_column(
    config: &Config,
    rows: &[InputRow],
    problems: &mut Vec<Problem>,
) -> (Vec<String>, Option<String>) {
    let default = config
        .select(&[])
        .ok()
        .and_then(|d| d.first().map(|p| p.name.clone()));
    let known: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
    let mut names: Vec<String> = Vec::new();
    for r in rows {
        let name = match (&r.profile, &default) {
            (Some(p), _) if config.profiles.contains_key(p) => p.clone(),
            (Some(p), _) => {
                problems.push(Problem::new(
                    r.line,
                    Some("profile"),
                    format!(
                        "no profile `{p}` in {}; known: {}",
                        config.source,
                        known.join(", ")
                    ),
                ));
                continue;
            }
            (None, Some(d)) => d.clone(),
            (None, None) => {
                problems.push(Problem::new(
                    r.line,
                    Some("profile"),
                    "blank, and the config has no default profile: fill it in, set \
                     default_profile, or pass --profile",
                ));
                continue;
            }
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (names, default)
}

/// Take the journal's lock; another import holding it is exit 75 naming its process, or with
/// `--wait` a wait (Ctrl-C still stops it).
async fn lock_journal(
    ctx: &Context,
    path: &Path,
    wait: bool,
    interrupts: &Interrupts,
) -> Result<JournalLock> {
    let mut said = false;
    loop {
        let taken = JournalLock::try_take(path).map_err(|e| {
            Error::failure(format!("cannot lock the journal {}", path.display())).with_source(e)
        })?;
        let holder = match taken {
            Ok(lock) => return Ok(lock),
            Err(holder) => holder,
        };
        let who = match holder.pid {
            Some(pid) => format!("process {pid}"),
            None => "another process".into(),
        };
        if !wait {
            return Err(Error::new(
                ErrorKind::Temporary,
                format!(
                    "the journal {} is in use by {who}, another import of the same rows",
                    path.display()
                ),
            )
            .with_hint("let it finish and run this again, or pass --wait to wait for it"));
        }
        if !said {
            ctx.out.note(format!(
                "waiting for {who} to finish with the journal {}",
                path.display()
            ));
            said = true;
        }
        tokio::time::sleep(LOCK_RETRY).await;
        if interrupts.cancelled() {
            return Err(Error::cancelled());
        }
    }
}

/// Header problems stop the import whatever `--skip-invalid` says: no row can be read past them.
fn header_error(file: &str, problems: &[Problem]) -> Error {
    let lines: Vec<String> = problems.iter().map(|p| p.render(file)).collect();
    Error::usage(format!(
        "{file} cannot be imported; nothing was written:\n{}",
        lines.join("\n")
    ))
    .with_hint("fix the header")
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
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
