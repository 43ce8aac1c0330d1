//! The TOML profiles file: where it is, which profile is meant, validation, and secret sources.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::providers::ProviderKind;
use crate::secret::Secret;

mod command;
mod profile;
mod rate;
mod values;

pub(crate) use crate::providers::Profile;
pub use crate::providers::RateLimit;

/// A config problem, naming the file and, where there is one, the profile and key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConfigError {
    pub(crate) file: String,
    pub(crate) profile: Option<String>,
    pub(crate) key: Option<String>,
    pub(crate) message: String,
    hint: Option<String>,
}

impl ConfigError {
    fn new(file: &str, message: impl Into<String>) -> Self {
        ConfigError {
            file: file.to_string(),
            profile: None,
            key: None,
            message: message.into(),
            hint: None,
        }
    }

    fn at(mut self, profile: &str, key: Option<&str>) -> Self {
        self.profile = Some(profile.to_string());
        self.key = key.map(str::to_string);
        self
    }

    fn hint_that(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config {}", self.file)?;
        if let Some(p) = &self.profile {
            write!(f, ", profile `{p}`")?;
        }
        if let Some(k) = &self.key {
            write!(f, ", key `{k}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

impl From<ConfigError> for crate::error::Error {
    fn from(err: ConfigError) -> Self {
        let hint = err.hint();
        let e = crate::error::Error::new(crate::error::ErrorKind::Config, err.to_string());
        match hint {
            Some(h) => e.with_hint(h),
            None => e,
        }
    }
}

/// The parsed config file, validated but with no secret resolved yet.
///
/// A profile that fails validation does not poison the file: it is kept in `broken` with its
/// error, which is reported only when a command uses it.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Shown in messages: the file's path, or `built-in sandbox profiles`.
    pub(crate) source: String,
    pub(crate) default_profile: Option<String>,
    /// The valid profiles.
    pub(crate) profiles: BTreeMap<String, ProfileSpec>,
    /// The profiles that failed validation, with what is wrong.
    pub(crate) broken: BTreeMap<String, BrokenProfile>,
    /// Things the user should know but that do not stop the command.
    pub(crate) warnings: Vec<String>,
    /// The top-level `audit_log`: `Some(None)` for `false`, `Some(Some(path))` for a path,
    /// `None` when the key is absent (the default path).
    pub(crate) audit_log: Option<Option<PathBuf>>,
}

/// A `[profiles.NAME]` table roster cannot use, with what it could read of it for listings.
#[derive(Debug, Clone)]
pub(crate) struct BrokenProfile {
    pub(crate) name: String,
    /// The `provider` key as written, if it is a string.
    pub(crate) provider: Option<String>,
    /// The `base_url` key as written, if it is a string (credentials in it are redacted).
    pub(crate) base_url: Option<String>,
    pub(crate) error: ConfigError,
}

/// One `[profiles.NAME]` table: checked keys, unresolved secret sources.
#[derive(Debug, Clone)]
pub(crate) struct ProfileSpec {
    pub(crate) name: String,
    pub(crate) kind: ProviderKind,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) rate_limit: Option<RateLimit>,
    /// Plain provider keys (username, client_id, ...).
    pub(crate) settings: BTreeMap<String, String>,
    /// Secret fields and where their values come from.
    pub(crate) secrets: BTreeMap<String, SecretSource>,
}

/// Where a secret field's value comes from. Printing it shows the source, never the value.
#[derive(Clone, PartialEq)]
pub(crate) enum SecretSource {
    Env(String),
    Command(String),
    Literal(Secret),
}

impl fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretSource::Env(v) => write!(f, "env {v}"),
            SecretSource::Command(c) => write!(f, "command `{c}`"),
            SecretSource::Literal(_) => f.write_str("literal [redacted]"),
        }
    }
}

/// The config file path: `--config`/`ROSTER_CONFIG` (clap fills both into `explicit`), else the
/// platform config dir (`~/.config/roster/config.toml` on Linux).
pub(crate) fn config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "roster").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Read and validate the file at `path`.
    pub(crate) fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::new(&shown, "file not found").hint_that(
                    "create it (see `roster profiles --help` and the README's config section), \
                     point --config or ROSTER_CONFIG at one, or try `--sandbox`",
                ))
            }
            Err(e) => return Err(ConfigError::new(&shown, format!("cannot read it: {e}"))),
        };
        let mut config = Config::parse(&text, &shown)?;
        if config.has_literal_secret() && readable_by_others(path) {
            config.warnings.push(format!(
                "{shown} holds a literal secret and is readable by other users; \
                 run `chmod 600 {shown}` or use a *_env / *_command source"
            ));
        }
        Ok(config)
    }

    /// Validate config text; `source` names it in messages.
    pub(crate) fn parse(text: &str, source: &str) -> Result<Config, ConfigError> {
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| ConfigError::new(source, format!("invalid TOML: {}", toml_error(&e))))?;
        let mut default_profile = None;
        let mut audit_log = None;
        let mut profiles = BTreeMap::new();
        let mut broken = BTreeMap::new();
        for (key, value) in &table {
            match key.as_str() {
                "default_profile" => match value.as_str() {
                    Some(s) => default_profile = Some(s.to_string()),
                    None => {
                        return Err(ConfigError::new(
                            source,
                            "`default_profile` must be a string",
                        ))
                    }
                },
                "audit_log" => audit_log = Some(audit_log_value(value, source)?),
                "profiles" => {
                    let Some(ptable) = value.as_table() else {
                        return Err(ConfigError::new(source, "`profiles` must be a table"));
                    };
                    for (name, body) in ptable {
                        let parsed = match body.as_table() {
                            Some(body) => ProfileSpec::parse(name, body, source),
                            None => Err(ConfigError::new(source, "must be a [profiles.NAME] table")
                                .at(name, None)),
                        };
                        match parsed {
                            Ok(spec) => {
                                profiles.insert(name.clone(), spec);
                            }
                            Err(error) => {
                                broken.insert(name.clone(), BrokenProfile::new(name, body, error));
                            }
                        }
                    }
                }
                other => {
                    return Err(ConfigError::new(
                        source,
                        format!(
                            "unknown top-level key `{other}`; expected `default_profile`, `audit_log` or `[profiles.NAME]`"
                        ),
                    ))
                }
            }
        }
        let config = Config {
            source: source.to_string(),
            default_profile,
            profiles,
            broken,
            warnings: Vec::new(),
            audit_log,
        };
        if let Some(d) = &config.default_profile {
            if !config.contains(d) {
                return Err(ConfigError::new(
                    source,
                    format!(
                        "default_profile `{d}` is not defined; known: {}",
                        config.known()
                    ),
                ));
            }
        }
        Ok(config)
    }

    /// Every profile name in the file, valid or broken, sorted.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .profiles
            .keys()
            .chain(self.broken.keys())
            .cloned()
            .collect();
        names.sort();
        names
    }

    /// True if the file has a profile of that name, valid or broken.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.profiles.contains_key(name) || self.broken.contains_key(name)
    }

    fn known(&self) -> String {
        known_list(self.names().iter())
    }

    /// The profile called `name`: its spec, or what is wrong with it, or that there is none.
    pub(crate) fn profile(&self, name: &str) -> Result<&ProfileSpec, ConfigError> {
        if let Some(spec) = self.profiles.get(name) {
            return Ok(spec);
        }
        if let Some(b) = self.broken.get(name) {
            return Err(b.error.clone());
        }
        Err(self.not_found(name))
    }

    /// "profile `name` not found; known: ...".
    pub(crate) fn not_found(&self, name: &str) -> ConfigError {
        ConfigError::new(
            &self.source,
            format!("profile `{name}` not found; known: {}", self.known()),
        )
    }

    fn has_literal_secret(&self) -> bool {
        self.profiles
            .values()
            .flat_map(|p| p.secrets.values())
            .any(|s| matches!(s, SecretSource::Literal(_)))
    }

    /// The profiles a command acts on: the named ones, else `default_profile`, else the only one.
    pub(crate) fn select(&self, names: &[String]) -> Result<Vec<&ProfileSpec>, ConfigError> {
        if names.is_empty() {
            if let Some(d) = &self.default_profile {
                return self.select(std::slice::from_ref(d));
            }
            let all = self.names();
            return match all.as_slice() {
                [only] => self.profile(only).map(|p| vec![p]),
                [] => Err(ConfigError::new(&self.source, "no profile is defined")
                    .hint_that("add a [profiles.NAME] table (see the README) or try --sandbox")),
                _ => Err(ConfigError::new(
                    &self.source,
                    format!(
                        "several profiles and no default_profile; choose one with --profile: {}",
                        self.known()
                    ),
                )),
            };
        }
        names.iter().map(|n| self.profile(n)).collect()
    }
}

impl BrokenProfile {
    fn new(name: &str, body: &toml::Value, error: ConfigError) -> BrokenProfile {
        let text = |key: &str| {
            body.get(key)
                .and_then(toml::Value::as_str)
                .map(values::shown_url)
        };
        let mut error = error;
        if error.hint.is_none() {
            error = error.hint_that(format!(
                "other profiles are unaffected; fix this one in the file, or remove it with \
                 `roster profiles remove {name}`"
            ));
        }
        BrokenProfile {
            name: name.to_string(),
            provider: text("provider"),
            base_url: text("base_url"),
            error,
        }
    }
}

/// `audit_log = false` (`None`: keep none) or `audit_log = "/path"` (`~/` is the home dir).
fn audit_log_value(value: &toml::Value, source: &str) -> Result<Option<PathBuf>, ConfigError> {
    let wrong = || {
        ConfigError::new(source, "`audit_log` must be false or a file path")
            .hint_that("e.g. audit_log = \"~/roster-audit.log\", or audit_log = false")
    };
    match value {
        toml::Value::Boolean(false) => Ok(None),
        toml::Value::String(s) if !s.trim().is_empty() => {
            let home = s
                .strip_prefix("~/")
                .and_then(|rest| directories::BaseDirs::new().map(|d| d.home_dir().join(rest)));
            Ok(Some(home.unwrap_or_else(|| PathBuf::from(s))))
        }
        _ => Err(wrong()),
    }
}

/// A TOML parse error, its quoted lines cut to a readable length (a line may be huge).
pub(crate) fn toml_error(e: &dyn fmt::Display) -> String {
    const MAX: usize = 160;
    let text = e.to_string();
    let lines: Vec<String> = text
        .trim_end()
        .lines()
        .map(|line| {
            if line.chars().count() <= MAX {
                line.to_string()
            } else {
                let head: String = line.chars().take(MAX).collect();
                format!("{head}... ({} bytes)", line.len())
            }
        })
        .collect();
    lines.join("\n")
}

fn known_list<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let v: Vec<&str> = names.map(String::as_str).collect();
    if v.is_empty() {
        "(none)".to_string()
    } else {
        v.join(", ")
    }
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o044 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests;
