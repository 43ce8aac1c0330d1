//! The config file edited in place (comments kept), validated, and written with mode 0600.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table};

use crate::config::{config_path, Config};
use crate::error::{Error, ErrorKind, Result};
use crate::providers::auth::write_private;

/// The config file as text that can be edited without losing anything.
pub struct ConfigFile {
    /// Where it is written: the file a symlink points at, so dotfile managers keep their link.
    pub path: PathBuf,
    /// The path as the person named it, for messages.
    pub shown: String,
    /// False when the file does not exist yet.
    pub existed: bool,
    doc: DocumentMut,
}

impl ConfigFile {
    /// The file `--config`/`ROSTER_CONFIG` or the platform default names; a missing file is an
    /// empty one.
    pub fn open(explicit: Option<&Path>) -> Result<ConfigFile> {
        let path = config_path(explicit).ok_or_else(|| {
            Error::new(
                ErrorKind::Config,
                "cannot find a home directory for the config file; pass --config",
            )
        })?;
        let shown = path.display().to_string();
        let config_err = |m: String| Error::new(ErrorKind::Config, format!("config {shown}: {m}"));
        let (text, existed) = match std::fs::read_to_string(&path) {
            Ok(t) => (t, true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), false),
            Err(e) => return Err(config_err(format!("cannot read it: {e}"))),
        };
        let doc: DocumentMut = text
            .parse()
            .map_err(|e| config_err(format!("invalid TOML: {e}")))?;
        let path = if existed {
            std::fs::canonicalize(&path).unwrap_or(path)
        } else {
            path
        };
        Ok(ConfigFile {
            path,
            shown,
            existed,
            doc,
        })
    }

    /// The file as it stands, validated as roster reads it.
    pub fn config(&self) -> Result<Config> {
        Ok(Config::parse(&self.doc.to_string(), &self.shown)?)
    }

    fn profiles(&self) -> Option<&Table> {
        self.doc.get("profiles").and_then(Item::as_table)
    }

    /// Every profile name in the file.
    pub fn profile_names(&self) -> Vec<String> {
        self.profiles()
            .map(|p| p.iter().map(|(k, _)| k.to_string()).collect())
            .unwrap_or_default()
    }

    pub fn default_profile(&self) -> Option<&str> {
        self.doc.get("default_profile").and_then(Item::as_str)
    }

    /// Put `[profiles.NAME]` with these keys, in this order. A profile of that name is replaced
    /// where it stands, keeping the comments above its header.
    pub fn set_profile(&mut self, name: &str, entries: &[(String, String)]) -> Result<()> {
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
    pub fn remove_profile(&mut self, name: &str) -> bool {
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
    pub fn set_default(&mut self, name: Option<&str>) {
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

    /// Check the edited text as roster will read it, then write it: the directory is created if
    /// needed, the file replaced atomically and readable by its owner only.
    pub fn save(&self) -> Result<Config> {
        let config = self.config()?;
        write_private(&self.path, self.doc.to_string().as_bytes())
            .map_err(|e| Error::failure(format!("cannot write {}", self.shown)).with_source(e))?;
        Ok(config)
    }
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
mod tests {
    use super::*;

    const KEPT: &str = "# my profiles\ndefault_profile = \"old\"\n\n# the old tenant\n[profiles.old]\nprovider = \"paradigm\" # inline note\ntoken_env = \"OLD\"\n";

    fn file(text: &str) -> (tempfile::TempDir, ConfigFile) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        if !text.is_empty() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        let f = ConfigFile::open(Some(&path)).unwrap();
        (dir, f)
    }

    fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn adding_keeps_comments_and_other_profiles() {
        let (_d, mut f) = file(KEPT);
        assert!(f.existed && f.profile_names() == ["old"]);
        f.set_profile(
            "new",
            &entries(&[("provider", "paradigm"), ("token_env", "NEW")]),
        )
        .unwrap();
        let text = f.doc.to_string();
        assert!(text.starts_with(KEPT), "{text}");
        assert!(text.ends_with("[profiles.new]\nprovider = \"paradigm\"\ntoken_env = \"NEW\"\n"));
        let c = f.save().unwrap();
        assert_eq!(c.profiles.len(), 2);
        assert_eq!(std::fs::read_to_string(&f.path).unwrap(), text);
    }

    #[test]
    fn replacing_keeps_the_comment_above_and_removing_clears_the_default() {
        let (_d, mut f) = file(KEPT);
        f.set_profile(
            "old",
            &entries(&[("provider", "paradigm"), ("token_env", "X")]),
        )
        .unwrap();
        let text = f.doc.to_string();
        assert!(
            text.contains("# the old tenant\n[profiles.old]\nprovider"),
            "{text}"
        );
        assert!(!text.contains("OLD"));
        assert!(f.remove_profile("old"));
        assert!(!f.remove_profile("old"));
        assert_eq!(f.default_profile(), Some("old"));
        assert!(f.config().is_err(), "a default naming nothing is invalid");
        f.set_default(None);
        assert!(f.config().unwrap().profiles.is_empty());
    }

    #[test]
    fn removing_keeps_comments_about_the_file_but_not_about_the_profile() {
        let text = "# roster profiles\n# (work)\n\n# acme's tenant\n[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"A\"\n\n[profiles.b]\nprovider = \"paradigm\"\ntoken_env = \"B\"\n";
        let (_d, mut f) = file(text);
        assert!(f.remove_profile("a"));
        let left = f.doc.to_string();
        assert!(
            left.starts_with("# roster profiles\n# (work)\n\n"),
            "{left}"
        );
        assert!(!left.contains("acme's tenant"), "{left}");
        assert!(left.contains("[profiles.b]"));
        assert_eq!(f.config().unwrap().profiles.len(), 1);

        let text = "# header\n\ndefault_profile = \"a\"\n\n[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"A\"\n";
        let (_d, mut f) = file(text);
        f.set_default(None);
        assert!(f.remove_profile("a"));
        let left = f.doc.to_string();
        assert!(left.contains("# header"), "{left}");
        assert!(f.config().unwrap().profiles.is_empty());
    }

    #[test]
    fn a_missing_file_and_directory_are_created_private() {
        let (_d, mut f) = file("");
        assert!(!f.existed && f.profile_names().is_empty());
        f.set_profile(
            "a",
            &entries(&[("provider", "paradigm"), ("token_env", "A")]),
        )
        .unwrap();
        f.set_default(Some("a"));
        f.save().unwrap();
        let text = std::fs::read_to_string(&f.path).unwrap();
        assert_eq!(
            text,
            "default_profile = \"a\"\n\n[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"A\"\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&f.path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn an_invalid_result_is_not_written() {
        let (_d, mut f) = file(KEPT);
        f.set_profile("bad", &entries(&[("provider", "okta")]))
            .unwrap();
        assert_eq!(f.save().unwrap_err().exit_code(), 3);
        assert_eq!(std::fs::read_to_string(&f.path).unwrap(), KEPT);
    }
}
