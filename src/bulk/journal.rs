//! The import journal: every outcome appended and flushed as it happens, so a run that is
//! killed can be resumed without losing or repeating work. Never holds a password.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Action;

/// One journal line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub line: u64,
    pub profile: String,
    pub email: String,
    /// `start` before a create is sent; `done` with the outcome after.
    pub event: Event,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    Start,
    Done,
}

/// What an earlier run left for one (line, profile).
#[derive(Debug, Clone, PartialEq)]
pub enum Earlier {
    /// Finished: skip it without a request.
    Done { action: Action, id: Option<String> },
    /// A create was sent and its answer never recorded: look the email up before creating.
    Started,
}

pub struct Journal {
    path: PathBuf,
    file: Mutex<File>,
    earlier: HashMap<(u64, String), Earlier>,
}

impl Journal {
    /// Open (creating) the journal at `path` and read what earlier runs recorded. A torn last
    /// line (a crash mid-write) is ignored.
    pub fn open(path: &Path) -> std::io::Result<Journal> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut earlier = HashMap::new();
        if let Ok(f) = File::open(path) {
            for line in BufReader::new(f).lines() {
                let Ok(line) = line else { break };
                let Ok(e) = serde_json::from_str::<Entry>(&line) else {
                    continue;
                };
                let key = (e.line, e.profile.clone());
                let state = match e.event {
                    Event::Start => Earlier::Started,
                    Event::Done => match e.action.as_deref().and_then(action_from) {
                        Some(a) if a.is_done() => Earlier::Done {
                            action: a,
                            id: e.id,
                        },
                        // A failure is retried; what it had started still needs a look-up.
                        _ => match earlier.get(&key) {
                            Some(Earlier::Started) => Earlier::Started,
                            _ => {
                                earlier.remove(&key);
                                continue;
                            }
                        },
                    },
                };
                earlier.insert(key, state);
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
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn earlier(&self, line: u64, profile: &str) -> Option<&Earlier> {
        self.earlier.get(&(line, profile.to_string()))
    }

    /// Append one entry and flush it to the OS before returning.
    pub fn record(&self, entry: &Entry) -> std::io::Result<()> {
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
    ]
    .into_iter()
    .find(|a| a.as_str() == s)
}

/// The default journal: `<data dir>/imports/<hash of the input and the profiles>.jsonl`, so the
/// same import of the same file resumes by itself.
pub fn default_path(input: &[u8], profiles: &[String]) -> Option<PathBuf> {
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

    #[test]
    fn reopening_reads_what_earlier_runs_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j/x.jsonl");
        {
            let j = Journal::open(&path).unwrap();
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
        let j = Journal::open(&path).unwrap();
        assert_eq!(
            j.earlier(2, "p"),
            Some(&Earlier::Done {
                action: Action::Created,
                id: Some("2".into())
            })
        );
        assert_eq!(j.earlier(3, "p"), Some(&Earlier::Started));
        assert_eq!(j.earlier(4, "p"), None, "failures are retried");
        assert_eq!(
            j.earlier(5, "p"),
            Some(&Earlier::Started),
            "still needs a look-up"
        );
        assert_eq!(j.earlier(9, "p"), None);
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
