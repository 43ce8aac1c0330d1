//! The import journal: every outcome appended and flushed as it happens, so a run that is
//! killed can be resumed without losing or repeating work. Never holds a password.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Action;

/// One journal line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Entry {
    pub(crate) line: u64,
    pub(crate) profile: String,
    pub(crate) email: String,
    /// `start` before a create is sent; `done` with the outcome after.
    pub(crate) event: Event,
    #[serde(default)]
    pub(crate) action: Option<String>,
    #[serde(default)]
    pub(crate) id: Option<String>,
    #[serde(default)]
    pub(crate) error: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Event {
    Start,
    Done,
}

/// What an earlier run left for one (line, profile).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Earlier {
    /// Finished: skip it without a request.
    Done { action: Action, id: Option<String> },
    /// A create was sent and its answer never recorded: look the email up before creating.
    Started,
}

pub(crate) struct Journal {
    path: PathBuf,
    file: Mutex<File>,
    /// By (line, profile): the row's lower-cased email then, and what happened to it.
    earlier: HashMap<(u64, String), (String, Earlier)>,
    /// Held for as long as the journal is open: one import per journal at a time.
    _lock: JournalLock,
}

/// The exclusive lock of one journal: an advisory lock on `<journal>.lock`, which holds the
/// PID of the process that has it. The OS releases it when that process ends, however it ends.
pub(crate) struct JournalLock {
    _file: File,
}

/// Who holds a journal's lock, as far as its lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub(crate) pid: Option<u32>,
}

impl JournalLock {
    /// Try once to take the lock of the journal at `journal`, creating its directory (0700).
    pub(crate) fn try_take(journal: &Path) -> std::io::Result<Result<JournalLock, Holder>> {
        if let Some(dir) = journal.parent() {
            super::files::create_private_dir(dir)?;
        }
        let path = lock_path(journal);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path)?;
        match file.try_lock() {
            Ok(()) => {
                file.set_len(0)?;
                file.write_all(format!("{}\n", std::process::id()).as_bytes())?;
                file.flush()?;
                Ok(Ok(JournalLock { _file: file }))
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                Ok(Err(Holder {
                    pid: text.trim().parse().ok(),
                }))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

/// `<journal>.lock`, beside the journal.
pub(crate) fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    journal.with_file_name(name)
}

impl Journal {
    /// Open (creating) the journal at `path`, whose lock the caller holds, and read what
    /// earlier runs recorded. A torn last line (a crash mid-write) is ignored.
    pub(crate) fn open(path: &Path, lock: JournalLock) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent() {
            super::files::create_private_dir(dir)?;
        }
        let mut earlier = HashMap::new();
        if let Ok(f) = File::open(path) {
            for line in BufReader::new(f).lines() {
                let Ok(line) = line else { break };
                let Ok(e) = serde_json::from_str::<Entry>(&line) else {
                    continue;
                };
                let key = (e.line, e.profile.clone());
                let email = e.email.to_ascii_lowercase();
                let before = earlier
                    .get(&key)
                    .filter(|(was, _)| *was == email)
                    .map(|(_, state)| state);
                let state = match e.event {
                    Event::Start => Earlier::Started,
                    Event::Done => match e.action.as_deref().and_then(action_from) {
                        Some(a) if a.is_done() => Earlier::Done {
                            action: a,
                            id: e.id,
                        },
                        // A failure is retried; what it had started still needs a look-up.
                        _ => match before {
                            Some(Earlier::Started) => Earlier::Started,
                            _ => {
                                earlier.remove(&key);
                                continue;
                            }
                        },
                    },
                };
                earlier.insert(key, (email, state));
            }
        }
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path)?;
        Ok(Journal {
            path: path.to_path_buf(),
            file: Mutex::new(file),
            earlier,
            _lock: lock,
        })
    }

    /// Hold the journal so no line is being written, for an exit that cannot wait (a second
    /// Ctrl-C): every line stays whole.
    pub(crate) fn hold(&self) -> Option<std::sync::MutexGuard<'_, File>> {
        self.file.lock().ok()
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// What an earlier run recorded for this line and profile, if the line held the same email
    /// then: a journal reused for an edited file must not vouch for a different person.
    pub(crate) fn earlier(&self, line: u64, profile: &str, email: &str) -> Option<&Earlier> {
        self.earlier
            .get(&(line, profile.to_string()))
            .filter(|(was, _)| was.eq_ignore_ascii_case(email))
            .map(|(_, state)| state)
    }

    /// Append one entry and flush it to the OS before returning.
    pub(crate) fn record(&self, entry: &Entry) -> std::io::Result<()> {
        let mut text = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        text.push('\n');
        let mut f = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("journal lock poisoned"))?;
        f.write_all(text.as_bytes())?;
        f.flush()
    }
}

fn action_from(s: &str) -> Option<Action> {
    [
        Action::Created,
        Action::Updated,
        Action::Skipped,
        Action::Failed,
        Action::Deactivated,
        Action::Deleted,
    ]
    .into_iter()
    .find(|a| a.as_str() == s)
}

/// The default journal: `<data dir>/imports/<hash of the input and the profiles>.jsonl`, so the
/// same import of the same file resumes by itself.
pub(crate) fn default_path(input: &[u8], profiles: &[String]) -> Option<PathBuf> {
    let mut h = Sha256::new();
    h.update(input);
    let mut names = profiles.to_vec();
    names.sort();
    for n in names {
        h.update([0]);
        h.update(n.as_bytes());
    }
    let digest = h.finalize();
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    directories::ProjectDirs::from("", "", "roster")
        .map(|d| d.data_dir().join("imports").join(format!("{hex}.jsonl")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: u64, event: Event, action: Option<&str>) -> Entry {
        Entry {
            line,
            profile: "p".into(),
            email: format!("u{line}@example.com"),
            event,
            action: action.map(str::to_string),
            id: Some(line.to_string()),
            error: None,
        }
    }

    fn open(path: &Path) -> Journal {
        let lock = JournalLock::try_take(path).unwrap().unwrap();
        Journal::open(path, lock).unwrap()
    }

    #[test]
    fn one_journal_one_run_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("imports/x.jsonl");
        let first = open(&path);
        let held = JournalLock::try_take(&path).unwrap();
        assert_eq!(
            held.err(),
            Some(Holder {
                pid: Some(std::process::id())
            }),
            "the second taker learns who holds it"
        );
        drop(first);
        assert!(JournalLock::try_take(&path).unwrap().is_ok(), "released");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("imports"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[test]
    fn reopening_reads_what_earlier_runs_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j/x.jsonl");
        {
            let j = open(&path);
            j.record(&entry(2, Event::Start, None)).unwrap();
            j.record(&entry(2, Event::Done, Some("created"))).unwrap();
            j.record(&entry(3, Event::Start, None)).unwrap();
            j.record(&entry(4, Event::Done, Some("failed"))).unwrap();
            j.record(&entry(5, Event::Start, None)).unwrap();
            j.record(&entry(5, Event::Done, Some("failed"))).unwrap();
        }
        // A torn line from a crash mid-write.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"line\": 9, \"prof").unwrap();
        let j = open(&path);
        assert_eq!(
            j.earlier(2, "p", "u2@example.com"),
            Some(&Earlier::Done {
                action: Action::Created,
                id: Some("2".into())
            })
        );
        assert_eq!(j.earlier(3, "p", "U3@example.com"), Some(&Earlier::Started));
        assert_eq!(
            j.earlier(4, "p", "u4@example.com"),
            None,
            "failures are retried"
        );
        assert_eq!(
            j.earlier(5, "p", "u5@example.com"),
            Some(&Earlier::Started),
            "still needs a look-up"
        );
        assert_eq!(j.earlier(9, "p", "u9@example.com"), None);
        assert_eq!(
            j.earlier(2, "p", "someone-else@example.com"),
            None,
            "another person on that line now"
        );
    }

    #[test]
    fn default_path_depends_on_content_and_profiles() {
        let a = default_path(b"email\na@x.io\n", &["p".into(), "q".into()]);
        let b = default_path(b"email\na@x.io\n", &["q".into(), "p".into()]);
        let c = default_path(b"email\nb@x.io\n", &["p".into(), "q".into()]);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
