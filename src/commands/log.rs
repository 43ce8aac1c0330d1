//! `roster log`: read the audit log back, filtered, in any output format, streaming the file.

use std::path::PathBuf;

use serde_json::Value;

use crate::audit::read::{self, Filter, ReadError, Skipped};
use crate::audit::{self, Destination, Line};
use crate::config::config_path;
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::output::{self, Row};

/// Show the audit log: every change roster sent, newest last
///
/// One line per write (create, update, delete, deactivate, reactivate, import rows, offboard),
/// with who ran it, where, the fields changed (secrets `[redacted]`), the outcome and the HTTP
/// status. `--profile` (the global flag) keeps the lines of those profiles. The log is
/// `audit_log` in the config, ROSTER_AUDIT_LOG, or `audit.log` under the state dir.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster log --since 7d
  roster log --user ada@example.com -o json
  roster --profile acme log --run 3f9c2a --since 2026-12-01T00:00:00Z -o csv
  roster log --path")]
pub(crate) struct Args {
    /// Only lines this recent: a span (90s, 30m, 12h, 7d, 2w; at most 3650d) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub(crate) since: Option<String>,
    /// Only lines about this user (email, any case, or the vendor's id)
    #[arg(long, value_name = "EMAIL")]
    pub(crate) user: Option<String>,
    /// Only the lines of this run (its id, or the start of it)
    #[arg(long, value_name = "ID")]
    pub(crate) run: Option<String>,
    /// Print the audit log's path and exit
    #[arg(long, conflicts_with_all = ["since", "user", "run"])]
    pub(crate) path: bool,
}

/// Lines shown per batch: the file streams, at most this many lines are held.
const BATCH: usize = 256;

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let filter = resolve(ctx, &args)?;
    let path = match destination(ctx)? {
        Destination::File(p) => p,
        Destination::Off => {
            return Err(Error::new(
                ErrorKind::Config,
                "the audit log is off (`audit_log = false`, or ROSTER_AUDIT_LOG=off)",
            )
            .with_hint("remove `audit_log = false` from the config to keep one"))
        }
    };
    if args.path {
        return output::write_out(&format!("{}\n", path.display()));
    }
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            ctx.out.note(format!(
                "no audit log yet at {}: roster has sent no change",
                path.display()
            ));
            return ctx.out.list::<Line>().finish();
        }
        Err(e) => {
            return Err(
                Error::failure(format!("cannot read the audit log {}", path.display()))
                    .with_source(e),
            )
        }
    };
    let out = ctx.out.clone();
    let mut writer = out.list::<Line>();
    let mut batch = Vec::with_capacity(BATCH);
    let shown = path.display().to_string();
    let read = read::each_line(
        file,
        &filter,
        |line| {
            batch.push(line);
            if batch.len() >= BATCH {
                writer.push(&batch)?;
                batch.clear();
            }
            Ok::<(), Error>(())
        },
        |skipped| match skipped {
            Skipped::TornLast => out.warn(format!(
                "skipping the last line of {shown}: it was cut short (roster stopped while \
                 writing it)"
            )),
            Skipped::Unreadable(n) => {
                out.warn(format!("skipping line {n} of {shown}: not an audit line"))
            }
        },
    );
    match read {
        Ok(()) => {}
        Err(ReadError::Output(e)) => return Err(e),
        Err(ReadError::Io(e)) => {
            return Err(Error::failure(format!("cannot read the audit log {shown}")).with_source(e))
        }
    }
    writer.push(&batch)?;
    writer.finish()
}

/// Arguments -> the filter, `--since` checked before the file is opened.
fn resolve(ctx: &Context, args: &Args) -> Result<Filter> {
    let since = match &args.since {
        Some(text) => Some(
            read::parse_since(text, chrono::Utc::now())
                .map_err(|why| Error::usage(format!("--since `{text}`: {why}")))?,
        ),
        None => None,
    };
    let profiles: Vec<String> = ctx
        .settings
        .profile
        .iter()
        .filter(|p| p.as_str() != "all")
        .cloned()
        .collect();
    Ok(Filter {
        since,
        profiles,
        user: args.user.clone(),
        run: args.run.clone(),
    })
}

/// Where the log is: ROSTER_AUDIT_LOG, else the config's `audit_log` (when there is a config),
/// else the default.
fn destination(ctx: &mut Context) -> Result<Destination> {
    let from_env = std::env::var_os(audit::ENV).is_some_and(|v| !v.is_empty());
    let has_config = ctx.settings.sandbox
        || config_path(ctx.settings.config.as_deref()).is_some_and(|p| p.exists());
    let configured: Option<Option<PathBuf>> = if from_env || !has_config {
        None
    } else {
        ctx.config()?.audit_log.clone()
    };
    audit::destination(configured).ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            "cannot find a state directory for the audit log",
        )
        .with_hint("set ROSTER_AUDIT_LOG or `audit_log = \"/path\"` in the config")
    })
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

impl Row for Line {
    fn headers() -> &'static [&'static str] {
        &[
            "TIME",
            "PROFILE",
            "OPERATION",
            "ID",
            "EMAIL",
            "OUTCOME",
            "STATUS",
            "COMMAND",
            "RUN",
        ]
    }

    fn cells(&self) -> Vec<String> {
        let outcome = if self.lookup {
            format!("{} (looked up)", self.outcome.as_str())
        } else {
            self.outcome.as_str().to_string()
        };
        vec![
            self.time.clone(),
            self.profile.clone(),
            self.operation.clone(),
            opt(&self.target.id),
            opt(&self.target.email),
            outcome,
            self.status.map(|s| s.to_string()).unwrap_or_default(),
            self.command.clone(),
            self.run.clone(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "time",
            "run",
            "user",
            "host",
            "version",
            "command",
            "profile",
            "provider",
            "operation",
            "id",
            "email",
            "changes",
            "outcome",
            "status",
            "error",
            "lookup",
            "argv",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.time.clone(),
            self.run.clone(),
            self.user.clone(),
            self.host.clone(),
            self.version.clone(),
            self.command.clone(),
            self.profile.clone(),
            self.provider.clone(),
            self.operation.clone(),
            opt(&self.target.id),
            opt(&self.target.email),
            Value::Object(self.changes.clone()).to_string(),
            self.outcome.as_str().to_string(),
            self.status.map(|s| s.to_string()).unwrap_or_default(),
            opt(&self.error),
            self.lookup.to_string(),
            serde_json::to_string(&self.argv).unwrap_or_default(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_line_up_with_headers() {
        let run = audit::Run::current("users create");
        let line = Line::new(&run, "p", "paradigm", "create");
        assert_eq!(Line::headers().len(), line.cells().len());
        assert_eq!(Line::csv_headers().len(), line.csv_cells().len());
    }
}
