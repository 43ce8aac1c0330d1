//! The sandbox state kept in a file for `roster --sandbox`, shared by concurrent roster processes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::SandboxState;

/// The state file, read under an exclusive lock on `<path>.lock` held until this is dropped, so
/// that concurrent roster processes take turns instead of losing each other's changes.
pub(crate) struct StateFile {
    path: PathBuf,
    state: SandboxState,
    // Only held: dropping the file releases the lock.
    _lock: File,
}

impl StateFile {
    /// Create the parent directories, wait for the exclusive lock, then read the JSON state, or
    /// seed it if the file does not exist yet (nothing is written until [`StateFile::save`]).
    pub(crate) fn open(path: &Path) -> io::Result<StateFile> {
        let lock = take_lock(path)?;
        let state = match fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the sandbox state file {} is corrupt ({e}); run `roster sandbox reset` \
                         to start from the demo data again",
                        path.display()
                    ),
                )
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => SandboxState::seed(),
            Err(e) => return Err(with_path(e, path)),
        };
        Ok(StateFile {
            path: path.to_path_buf(),
            state,
            _lock: lock,
        })
    }

    /// Replace whatever the file holds (even a corrupt one) with the seed, under the lock.
    pub(crate) fn reset(path: &Path) -> io::Result<()> {
        let file = StateFile {
            path: path.to_path_buf(),
            state: SandboxState::seed(),
            _lock: take_lock(path)?,
        };
        file.save(&file.state)
    }

    /// The state as read by `open`.
    pub(crate) fn state(&self) -> &SandboxState {
        &self.state
    }

    /// Write `state` atomically (a temporary file in the same directory, then a rename), readable
    /// by the owner only: a reader never sees half a file, and a crash leaves the old one.
    pub(crate) fn save(&self, state: &SandboxState) -> io::Result<()> {
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        owner_only(file.as_file())?;
        serde_json::to_writer_pretty(&mut file, state)?;
        file.write_all(b"\n")?;
        file.as_file().sync_all()?;
        file.persist(&self.path)
            .map_err(|e| with_path(e.error, &self.path))?;
        Ok(())
    }
}

/// Create the parent directories and wait for the exclusive lock on `<path>.lock`.
fn take_lock(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let lock_path = lock_path(path);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| with_path(e, &lock_path))?;
    lock.lock().map_err(|e| with_path(e, &lock_path))?;
    Ok(lock)
}

/// `ROSTER_SANDBOX_STATE` if set, else `sandbox-state.json` in roster's data directory.
pub(crate) fn default_state_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ROSTER_SANDBOX_STATE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("", "", "roster")?;
    Some(dirs.data_dir().join("sandbox-state.json"))
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(unix)]
fn owner_only(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn owner_only(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_missing_file_reads_as_the_seed_and_saves_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/state.json");
        let file = StateFile::open(&path).unwrap();
        assert!(!path.exists(), "opening alone writes nothing");
        let mut state = file.state().clone();
        assert_eq!(
            state.paradigm.users.len(),
            SandboxState::seed().paradigm.users.len()
        );
        let id = state.paradigm.add_user("new@sandbox.example", "new");
        file.save(&state).unwrap();
        drop(file);

        let again = StateFile::open(&path).unwrap();
        let saved = &again.state().paradigm;
        assert!(saved
            .users
            .iter()
            .any(|u| u.id == id && u.username == "new"));
        assert_eq!(saved.next_user_id, id + 1);
        assert_eq!(
            serde_json::to_value(again.state()).unwrap(),
            serde_json::to_value(&state).unwrap()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_corrupt_file_is_an_error_naming_it_and_the_way_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, "{not json").unwrap();
        let message = StateFile::open(&path).err().unwrap().to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("roster sandbox reset"), "{message}");
    }

    #[test]
    fn a_second_open_waits_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let first = StateFile::open(&path).unwrap();
        let (opened, second_opened) = mpsc::channel();
        let path2 = path.clone();
        let waiter = std::thread::spawn(move || {
            let second = StateFile::open(&path2).map(|_| ());
            let _ = opened.send(second);
        });
        // Still waiting while the first holds the lock (a broken lock would answer at once).
        assert!(second_opened
            .recv_timeout(Duration::from_millis(200))
            .is_err());
        drop(first);
        let second = second_opened.recv_timeout(Duration::from_secs(30)).unwrap();
        assert!(second.is_ok());
        waiter.join().unwrap();
    }

    #[test]
    fn the_environment_variable_names_the_state_path() {
        // Only read here, so that tests running in parallel do not race on the variable.
        match std::env::var_os("ROSTER_SANDBOX_STATE").filter(|p| !p.is_empty()) {
            Some(path) => assert_eq!(default_state_path(), Some(PathBuf::from(path))),
            None => {
                let path = default_state_path();
                assert!(path.is_some_and(|p| p.ends_with("sandbox-state.json")));
            }
        }
    }
}
