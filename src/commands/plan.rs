//! `roster plan FILE`: what `roster apply` would change so every profile matches a people
//! file. Reads only; exit 8 when changes are pending.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};
use crate::output::write_out;
use crate::output::OutputFormat;
use crate::people::file::ProfileInfo;
use crate::people::make::{self, Made};
use crate::people::plan::Plan;
use crate::people::render;

/// Show the changes that would make every profile match a people file
///
/// The people file (TOML) lists each person with `[[person]]`: email, first_name, last_name,
/// state (present, inactive or absent) and a table per profile (`paradigm = { groups =
/// ["Research"], language = "en" }`). Every profile the file names is read once, all at once,
/// each at its own rate; accounts are matched by email, in any case. Only people in the file
/// are managed; --prune (or `[defaults] prune`) also removes accounts the file does not name,
/// never the profile's own login. Exits 0 when nothing would change, 8 when changes are
/// pending.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster plan examples/people.toml
  roster plan people.toml -o json
  roster plan people.toml --prune --out plan.json")]
pub(crate) struct Args {
    /// The people file (TOML)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Also remove accounts the file does not name: deactivate, or delete where the vendor
    /// cannot deactivate
    #[arg(long)]
    pub(crate) prune: bool,
    /// Save the plan as JSON to this file (mode 0600) for `roster apply PATH`; it must not
    /// exist yet
    #[arg(long, value_name = "PATH")]
    pub(crate) out: Option<PathBuf>,
    /// Replace an existing --out file
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if let Some(path) = &args.out {
        check_out(path, args.force)?;
    }
    let (shown, text) = read_file(&args.file)?;
    let known = make::infos(ctx.config()?);
    let targets = targets_for(ctx, &shown, &text, &known)?;
    let (_stop, cancel) = tokio::sync::watch::channel(false);
    let made = make::make(&shown, &text, &known, &targets, args.prune, &cancel).await?;
    notes(ctx, &made);
    print(ctx, &made.plan)?;
    if let Some(path) = &args.out {
        save(path, &made.plan, args.force)?;
        ctx.out.note(format!("plan saved to {}", path.display()));
    }
    pending(&made.plan, &args.file)
}

/// Exit 8 when the plan holds changes.
fn pending(plan: &Plan, file: &Path) -> Result<()> {
    let n = plan.summary.total();
    if n == 0 {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Pending,
        format!("{n} change(s) pending; nothing was sent"),
    )
    .with_hint(format!(
        "run `roster apply {}` to make them",
        file.display()
    )))
}

/// The people file's text, and its name as shown in messages.
pub(crate) fn read_file(path: &Path) -> Result<(String, String)> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::usage(format!("cannot read {shown}")).with_source(e))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::usage(format!("{shown} is not UTF-8")))?;
    Ok((shown, text))
}

/// The clients of every profile the file names, paced for bulk work. The file chooses the
/// profiles; `--profile` does not.
pub(crate) fn targets_for(
    ctx: &mut Context,
    shown: &str,
    text: &str,
    known: &BTreeMap<String, ProfileInfo>,
) -> Result<Vec<Arc<Target>>> {
    let names = make::profiles_of(shown, text, known)?;
    if !ctx.settings.profile.is_empty() && ctx.settings.profile != names {
        ctx.out.note(format!(
            "the people file chooses the profiles: {} (--profile is not used)",
            names.join(", ")
        ));
    }
    ctx.settings.profile = names;
    Ok(ctx
        .targets(Pacing::Bulk)?
        .into_iter()
        .map(Arc::new)
        .collect())
}

pub(crate) fn notes(ctx: &Context, made: &Made) {
    for n in &made.notes {
        ctx.out.note(n);
    }
}

/// The plan on stdout: text for people, the plan document in JSON, one change a line in NDJSON.
pub(crate) fn print(ctx: &Context, plan: &Plan) -> Result<()> {
    match ctx.out.format {
        OutputFormat::Json => write_out(&(to_json(plan)? + "\n")),
        OutputFormat::Ndjson => {
            let mut s = String::new();
            for c in &plan.changes {
                let line = serde_json::to_string(c)
                    .map_err(|e| Error::failure("cannot encode JSON").with_source(e))?;
                s.push_str(&line);
                s.push('\n');
            }
            write_out(&s)
        }
        OutputFormat::Csv => {
            Err(Error::usage("a plan has no CSV form").with_hint("use -o json or -o ndjson"))
        }
        OutputFormat::Table => write_out(&crate::redact::scrub(&render::text(plan, ctx.out.color))),
    }
}

fn to_json(plan: &Plan) -> Result<String> {
    serde_json::to_string_pretty(plan)
        .map_err(|e| Error::failure("cannot encode JSON").with_source(e))
}

/// Before reading anything: `--out` can be written, and replaces nothing unless `--force`.
fn check_out(path: &Path, force: bool) -> Result<()> {
    if path.is_dir() {
        return Err(Error::usage(format!("{} is a directory", path.display()))
            .with_hint("pass a file path to --out"));
    }
    if path.exists() && !force {
        return Err(Error::usage(format!("{} already exists", path.display()))
            .with_hint("choose another --out path, or pass --force to replace it"));
    }
    Ok(())
}

fn save(path: &Path, plan: &Plan, force: bool) -> Result<()> {
    let text = to_json(plan)? + "\n";
    crate::bulk::files::write_report(path, text.as_bytes(), force).map_err(|e| {
        Error::failure(format!("cannot write the plan {}", path.display())).with_source(e)
    })
}
