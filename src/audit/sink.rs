//! The audit log file: opened once (mode 0600, its directory 0700), each line appended whole
//! under an exclusive lock, so concurrent runs interleave whole lines.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use super::Line;
use crate::error::{Error, ErrorKind};

#[derive(Debug)]
pub(crate) struct Sink {
    path: PathBuf,
    file: Mutex<Option<File>>,
    warned: AtomicBool,
}

impl Sink {
    pub(crate) fn new(path: PathBuf) -> Sink {
        Sink {
            path,
            file: Mutex::new(None),
            warned: AtomicBool::new(false),
        }
    }

    /// Open (creating) the file for appending, if it is not open yet.
    pub(crate) fn open(&self) -> std::io::Result<()> {
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if file.is_none() {
            *file = Some(open_append(&self.path)?);
        }
        Ok(())
    }

    /// Append `line` as one `write_all` of the whole line, under an exclusive lock on the file
    /// (other roster processes wait for it), and hand it to the OS before returning.
    pub(crate) fn append(&self, line: &Line) -> std::io::Result<()> {
        let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
        text.push('\n');
        let mut guard = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if guard.is_none() {
            *guard = Some(open_append(&self.path)?);
        }
        let Some(file) = guard.as_mut() else {
            return Err(std::io::Error::other("audit log not open"));
        };
        file.lock()?;
        let written = file.write_all(text.as_bytes()).and_then(|()| file.flush());
        let unlocked = file.unlock();
        written.and(unlocked)
    }

    /// The error that stops a command before its first write: the log cannot be kept.
    pub(crate) fn open_error(&self, e: std::io::Error) -> Error {
        Error::new(
            ErrorKind::Config,
            format!(
                "cannot open the audit log {}: {e}; nothing was sent",
                self.path.display()
            ),
        )
        .with_hint(format!(
            "make it writable, point `audit_log = \"/path\"` in the config (or {}) at a file \
             that is, or set `audit_log = false` to run without an audit log",
            super::ENV
        ))
    }

    /// A failure to append after the write was sent: said once per run, on stderr.
    pub(crate) fn warn_once(&self, e: &std::io::Error) {
        if !self.warned.swap(true, Ordering::SeqCst) {
            eprintln!(
                "warning: {}",
                crate::redact::message(&format!(
                    "cannot append to the audit log {}: {e}; the changes were sent but this run \
                     is not fully recorded there",
                    self.path.display()
                ))
            );
        }
    }
}

/// Open `path` to append, creating it with mode 0600 and its directory with 0700. An existing
/// file more open than 0600 is narrowed to it: the log names people and changes.
fn open_append(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::fsutil::create_private_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Run;

    fn run() -> Run {
        Run {
            id: "r1".into(),
            user: "u".into(),
            host: "h".into(),
            version: "0".into(),
            command: "users create".into(),
            argv: Vec::new(),
        }
    }

    #[test]
    fn lines_are_appended_whole_to_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/roster/audit.log");
        let sink = Sink::new(path.clone());
        sink.open().unwrap();
        for i in 0..3 {
            let mut line = Line::new(&run(), "p", "paradigm", "create");
            line.target.id = Some(i.to_string());
            sink.append(&line).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<Line> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].target.id.as_deref(), Some("2"));
        #[cfg(unix)]
        assert_eq!(crate::fsutil::mode_of(&path), Some(0o600));
    }

    #[test]
    fn a_log_that_cannot_be_opened_names_its_path_and_the_way_out() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let sink = Sink::new(blocker.join("audit.log"));
        let e = sink.open().map_err(|e| sink.open_error(e)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("audit.log"), "{e}");
        assert!(e.hint().unwrap_or("").contains("audit_log = false"));
    }
}
