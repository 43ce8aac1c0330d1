//! The audit log: one JSON line per write roster sends, appended under a lock as each answer comes.
//!
//! Every vendor client is wrapped in [`AuditedProvider`] where targets are built
//! (`context.rs`), so no verb records anything itself: the write methods of the `Provider`
//! trait each append a line once the vendor has answered. A crash or SIGKILL loses at most the
//! line of the request in flight. `--dry-run` writes nothing (nothing is sent).

mod changes;
mod line;
mod provider;
pub(crate) mod read;
mod sink;

use std::path::PathBuf;
use std::sync::Arc;

pub(crate) use changes::redact_argv;
pub(crate) use line::{Line, Outcome, TargetRef};
pub(crate) use provider::{AuditedProvider, Recorder};
pub(crate) use sink::Sink;

/// Where the audit log goes, as the config (`audit_log`) and `ROSTER_AUDIT_LOG` say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// Not kept (`audit_log = false`, or `ROSTER_AUDIT_LOG=off`).
    Off,
    /// This file.
    File(PathBuf),
}

/// The environment variable that overrides the config's `audit_log`: a path, or `off`.
pub(crate) const ENV: &str = "ROSTER_AUDIT_LOG";

/// The file name under the state dir.
const FILE_NAME: &str = "audit.log";

/// The default audit log: `audit.log` under the platform state dir (`~/.local/state/roster`
/// on Linux), or the data-local dir where the platform has no state dir (macOS, Windows).
pub(crate) fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "roster")?;
    let dir = dirs
        .state_dir()
        .map(|d| d.to_path_buf())
        .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
    Some(dir.join(FILE_NAME))
}

/// The destination: `ROSTER_AUDIT_LOG` (a path, or `off`), else the config's `audit_log`
/// (`configured`: `Some(None)` for `false`, `Some(Some(path))` for a path), else the default.
/// `None` when no default can be found (no home directory).
pub(crate) fn destination(configured: Option<Option<PathBuf>>) -> Option<Destination> {
    match std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        Some(v) if v == "off" => return Some(Destination::Off),
        Some(v) => return Some(Destination::File(PathBuf::from(v))),
        None => {}
    }
    match configured {
        Some(None) => Some(Destination::Off),
        Some(Some(path)) => Some(Destination::File(path)),
        None => default_path().map(Destination::File),
    }
}

/// What every line of one run shares: who ran what, where, and the run's id.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) id: String,
    pub(crate) user: String,
    pub(crate) host: String,
    pub(crate) version: String,
    /// The command, e.g. `users import`.
    pub(crate) command: String,
    /// The command line, secrets redacted (see [`redact_argv`]).
    pub(crate) argv: Vec<String>,
}

impl Run {
    /// This process's run: a fresh random id, the OS user and host, the command line.
    pub(crate) fn current(command: &str) -> Run {
        let argv: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        Run {
            id: run_id(),
            user: os_user(),
            host: host_name(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            command: command.to_string(),
            argv,
        }
    }
}

/// One run's audit trail: where its lines go and what they share. Shared by every target.
#[derive(Debug)]
pub(crate) struct Trail {
    pub(crate) run: Run,
    sink: Option<Sink>,
}

impl Trail {
    /// A trail writing to `destination`; the file is opened on [`Trail::open`] or the first
    /// write. `None` keeps nothing (`--dry-run`, or `audit_log = false`).
    pub(crate) fn new(run: Run, destination: Option<Destination>) -> Arc<Trail> {
        let sink = match destination {
            Some(Destination::File(path)) => Some(Sink::new(path)),
            Some(Destination::Off) | None => None,
        };
        Arc::new(Trail { run, sink })
    }

    /// A trail that keeps nothing.
    pub(crate) fn off(run: Run) -> Arc<Trail> {
        Arc::new(Trail { run, sink: None })
    }

    /// Open the log now, so a command refuses before its first write when it cannot be kept.
    pub(crate) fn open(&self) -> Result<(), crate::error::Error> {
        match &self.sink {
            Some(s) => s.open().map_err(|e| s.open_error(e)),
            None => Ok(()),
        }
    }

    /// Append one line. A write that already went out cannot be taken back, so a log that
    /// fails now (disk full) is a warning on stderr, once, and the command goes on.
    pub(crate) fn append(&self, mut line: Line) {
        let Some(sink) = &self.sink else { return };
        line.argv = redact_argv(&self.run.argv);
        if let Err(e) = sink.append(&line) {
            sink.warn_once(&e);
        }
    }
}

/// 16 random bytes in hex; the time and process id where the OS gives no randomness.
fn run_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let mixed = nanos ^ (u128::from(std::process::id()) << 64);
        bytes = mixed.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The OS account running roster: the password database's name for this uid, else `$USER`.
fn os_user() -> String {
    #[cfg(unix)]
    {
        if let Ok(Some(u)) = nix::unistd::User::from_uid(nix::unistd::getuid()) {
            return u.name;
        }
    }
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

fn host_name() -> String {
    #[cfg(unix)]
    {
        if let Ok(h) = nix::unistd::gethostname() {
            let h = h.to_string_lossy().into_owned();
            if !h.is_empty() {
                return h;
            }
        }
    }
    ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_ids_are_random_hex() {
        let (a, b) = (run_id(), run_id());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn the_config_chooses_unless_the_environment_does() {
        // The test process does not set ROSTER_AUDIT_LOG.
        if std::env::var_os(ENV).is_some() {
            return;
        }
        assert_eq!(destination(Some(None)), Some(Destination::Off));
        assert_eq!(
            destination(Some(Some("/tmp/a.log".into()))),
            Some(Destination::File("/tmp/a.log".into()))
        );
        if let Some(Destination::File(p)) = destination(None) {
            assert!(p.ends_with("audit.log"), "{}", p.display());
        }
        assert!(!os_user().is_empty() && !host_name().is_empty());
    }
}
