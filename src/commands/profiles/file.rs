//! The config file edited in place (comments kept), validated, and written under a lock.

use std::fs::File;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table};

use crate::config::{config_path, toml_error, Config};
use crate::error::{Error, ErrorKind, Result};
use crate::fsutil;

/// The config file as text that can be edited without losing anything.
pub(crate) struct ConfigFile {
    /// Where it is written: the file a symlink points at, so dotfile managers keep their link.
    pub(crate) path: PathBuf,
    /// The path as the person named it, for messages.
    pub(crate) shown: String,
    /// False when the file does not exist yet.
    pub(crate) existed: bool,
    doc: DocumentMut,
    /// The exclusive lock on `<path>.lock`, held from the read to the write when the file was
    /// opened to be changed; dropping it releases the lock.
    lock: Option<File>,
}

impl ConfigFile {
    /// The file `--config`/`ROSTER_CONFIG` or the platform default names, read without a
    /// lock (to look at it, or to draft an edit); a missing file is an empty one.
    pub(crate) fn open(explicit: Option<&Path>) -> Result<ConfigFile> {
        let (path, shown) = locate(explicit)?;
        ConfigFile::read(path, shown, None)
    }

    /// The same file, to change it: waits for the exclusive lock beside it, then reads it, so
    /// that edits by concurrent `profiles add` / `remove` each see the one before and none is
    /// lost. The lock is held until this is dropped.
    pub(crate) fn open_locked(explicit: Option<&Path>) -> Result<ConfigFile> {
        let (path, shown) = locate(explicit)?;
        let lock = take_lock(&path, &shown)?;
        ConfigFile::read(path, shown, Some(lock))
    }

    fn read(path: PathBuf, shown: String, lock: Option<File>) -> Result<ConfigFile> {
        let config_err = |m: String| Error::new(ErrorKind::Config, format!("config {shown}: {m}"));
        let (text, existed) = match std::fs::read_to_string(&path) {
            Ok(t) => (t, true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), false),
            Err(e) => return Err(config_err(format!("cannot read it: {e}"))),
        };
        let doc: DocumentMut = text
            .parse()
            .map_err(|e| config_err(format!("invalid TOML: {}", toml_error(&e))))?;
        Ok(ConfigFile {
            path,
            shown,
            existed,
            doc,
            lock,
        })
    }

    /// The file as it stands, validated as roster reads it.
    pub(crate) fn config(&self) -> Result<Config> {
        Ok(Config::parse(&self.doc.to_string(), &self.shown)?)
    }

    fn profiles(&self) -> Option<&Table> {
        self.doc.get("profiles").and_then(Item::as_table)
    }

    /// Every profile name in the file.
    pub(crate) fn profile_names(&self) -> Vec<String> {
        self.profiles()
            .map(|p| p.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    }

    pub(crate) fn default_profile(&self) -> Option<&str> {
        self.doc.get("default_profile").and_then(Item::as_str)
    }

    /// Put `[profiles.NAME]` with these keys, in this order. A profile of that name is replaced
    /// where it stands, keeping the comments above its header.
    pub(crate) fn set_profile(&mut self, name: &str, entries: &[(String, String)]) -> Result<()> {
        let shown = self.shown.clone();
        let profiles = self
            .doc
            .entry("profiles")
            .or_insert_with(|| {
                let mut t = Table::new();
                // `[profiles.NAME]` headers only, no empty `[profiles]` one.
                t.set_implicit(true);
                Item::Table(t)
            })
            .as_table_mut()
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Config,
                    format!("config {shown}: `profiles` is not a table of [profiles.NAME] tables"),
                )
            })?;
        let mut table = Table::new();
        for (key, value) in entries {
            table.insert(key, toml_edit::value(value.as_str()));
        }
        if let Some(old) = profiles.get(name).and_then(Item::as_table) {
            table.decor_mut().clone_from(old.decor());
            if let Some(pos) = old.position() {
                table.set_position(pos);
            }
        }
        profiles.insert(name, Item::Table(table));
        Ok(())
    }

    /// Take `[profiles.NAME]` out. True if it was there.
    pub(crate) fn remove_profile(&mut self, name: &str) -> bool {
        let Some(removed) = self
            .doc
            .get_mut("profiles")
            .and_then(Item::as_table_mut)
            .and_then(|p| p.remove(name))
        else {
            return false;
        };
        if let Some(table) = removed.as_table() {
            let kept = detached_comments(table.decor().prefix().and_then(|p| p.as_str()));
            self.keep_above_next(kept, table.position());
        }
        true
    }

    /// Set or clear `default_profile`.
    pub(crate) fn set_default(&mut self, name: Option<&str>) {
        match name {
            Some(n) => {
                self.doc["default_profile"] = toml_edit::value(n);
            }
            None => {
                let kept = detached_comments(
                    self.doc
                        .as_table()
                        .key("default_profile")
                        .and_then(|k| k.leaf_decor().prefix())
                        .and_then(|p| p.as_str()),
                );
                if self.doc.remove("default_profile").is_some() {
                    // Top-level keys come before every table.
                    self.keep_above_next(kept, None);
                }
            }
        }
    }

    /// Put comments that sat above a removed item above the first profile after `position`
    /// (`None`: the first profile), or at the end of the file when none follows.
    fn keep_above_next(&mut self, comments: Option<String>, position: Option<usize>) {
        let Some(comments) = comments else { return };
        let next = self
            .doc
            .get_mut("profiles")
            .and_then(Item::as_table_mut)
            .and_then(|profiles| {
                profiles
                    .iter_mut()
                    .filter_map(|(_, item)| item.as_table_mut())
                    .filter(|t| match (t.position(), position) {
                        (Some(p), Some(after)) => p > after,
                        _ => true,
                    })
                    .min_by_key(|t| t.position())
            });
        match next {
            Some(table) => {
                let own = table
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                table.decor_mut().set_prefix(format!("{comments}{own}"));
            }
            None => {
                let trailing = self.doc.trailing().as_str().unwrap_or("").to_string();
                self.doc.set_trailing(format!("{trailing}\n{comments}"));
            }
        }
    }

    /// Check the edited text as roster will read it, then write it, and return what roster
    /// will read. `profile`, when given, must be valid (the one just added): other profiles
    /// that were already broken stay as they were. The file is replaced atomically, through a
    /// symlink to its target, keeping its mode unless that was wider than 0600 (a new file is
    /// 0600, in a 0700 directory). Only a file opened with `open_locked` can be saved.
    pub(crate) fn save(&self, profile: Option<&str>) -> Result<Config> {
        if self.lock.is_none() {
            return Err(Error::failure(
                "internal: the config file is saved only under its lock",
            ));
        }
        let config = self.config()?;
        if let Some(name) = profile {
            config.profile(name)?;
        }
        let mode = match fsutil::mode_of(&self.path) {
            Some(m) if m & !0o600 == 0 => m,
            _ => 0o600,
        };
        fsutil::write_with_mode(&self.path, self.doc.to_string().as_bytes(), mode)
            .map_err(|e| Error::failure(format!("cannot write {}", self.shown)).with_source(e))?;
        Ok(config)
    }
}

/// The config file's path as named, and the file it really is (symlinks followed).
fn locate(explicit: Option<&Path>) -> Result<(PathBuf, String)> {
    let named = config_path(explicit).ok_or_else(|| {
        Error::new(
            ErrorKind::Config,
            "cannot find a home directory for the config file; pass --config",
        )
    })?;
    let shown = named.display().to_string();
    let path = fsutil::resolve_symlinks(&named).map_err(|e| {
        Error::new(
            ErrorKind::Config,
            format!("config {shown}: cannot follow it: {e}"),
        )
    })?;
    Ok((path, shown))
}

/// Wait for the exclusive lock on `<path>.lock` (created 0600 beside the file, in a 0700
/// directory if that is new). Saying so when another roster holds it.
fn take_lock(path: &Path, shown: &str) -> Result<File> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    let cannot = |e: std::io::Error| {
        Error::failure(format!(
            "cannot lock {shown} (with {})",
            lock_path.display()
        ))
        .with_source(e)
    };
    if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fsutil::create_private_dir(dir).map_err(cannot)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&lock_path).map_err(cannot)?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("waiting for another roster to finish editing {shown}...");
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
    }
    file.lock().map_err(cannot)?;
    Ok(file)
}

/// Comments separated from an item by a blank line describe the file or a group of profiles,
/// not the item: they stay when it goes. Those right above it go with it.
fn detached_comments(prefix: Option<&str>) -> Option<String> {
    let prefix = prefix?;
    let cut = prefix.rfind("\n\n")? + 2;
    let kept = &prefix[..cut];
    kept.contains('#').then(|| kept.to_string())
}

#[cfg(test)]
mod tests;
