//! The TOML profiles file: where it is, which profile is meant, validation, and secret sources.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::secret::Secret;

/// The vendors roster knows. The `provider` key of a profile names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProviderKind {
    Paradigm,
    Bleemeo,
    Amani,
    Cradl,
}

/// One key a provider's profile accepts besides the common ones.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    /// Secret fields accept `NAME_env`, `NAME_command` or a literal `NAME`.
    pub secret: bool,
    pub required: bool,
}

const fn plain(name: &'static str, required: bool) -> FieldSpec {
    FieldSpec {
        name,
        secret: false,
        required,
    }
}

const fn secret(name: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        secret: true,
        required: true,
    }
}

/// Keys every profile accepts.
const COMMON_KEYS: &[&str] = &[
    "provider",
    "base_url",
    "timeout_secs",
    "allow_insecure_http",
    "rate_limit",
];

impl ProviderKind {
    pub const ALL: [ProviderKind; 4] = [
        ProviderKind::Paradigm,
        ProviderKind::Bleemeo,
        ProviderKind::Amani,
        ProviderKind::Cradl,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProviderKind::Paradigm => "paradigm",
            ProviderKind::Bleemeo => "bleemeo",
            ProviderKind::Amani => "amani",
            ProviderKind::Cradl => "cradl",
        }
    }

    pub fn from_name(name: &str) -> Option<ProviderKind> {
        ProviderKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The vendor's public API root, or `None` where the profile must name one (Amani's region).
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            ProviderKind::Paradigm => Some("https://paradigm.lighton.ai"),
            ProviderKind::Bleemeo => Some("https://api.bleemeo.com"),
            ProviderKind::Amani => None,
            ProviderKind::Cradl => Some("https://api.cradl.ai/v1"),
        }
    }

    /// The vendor's published request rate, which bulk work keeps to when the profile sets no
    /// `rate_limit`. Paradigm documents 60 writes a minute; the others publish none.
    pub fn documented_rate(self) -> Option<RateLimit> {
        match self {
            ProviderKind::Paradigm => Some(RateLimit { per_second: 1.0 }),
            ProviderKind::Bleemeo | ProviderKind::Amani | ProviderKind::Cradl => None,
        }
    }

    /// The import columns a vendor's users have. A bulk import drops the others for that
    /// vendor, so one file can feed profiles of different vendors. `groups` and `roles` are
    /// always kept: a name that does not resolve must stay an error.
    pub fn user_fields(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Paradigm => &["username", "first_name", "last_name", "language"],
            ProviderKind::Bleemeo => &["first_name", "last_name"],
            ProviderKind::Amani => &["first_name", "last_name", "phone"],
            ProviderKind::Cradl => &["name", "description"],
        }
    }

    /// Vendors that need a password for a new user (`--generate-password`).
    pub fn needs_password(self) -> bool {
        self == ProviderKind::Amani
    }

    /// The provider-specific keys of a profile.
    pub fn fields(self) -> &'static [FieldSpec] {
        const PARADIGM: &[FieldSpec] = &[secret("token")];
        const BLEEMEO: &[FieldSpec] = &[
            plain("username", true),
            secret("password"),
            plain("client_id", false),
            plain("account_id", false),
        ];
        const AMANI: &[FieldSpec] = &[plain("username", true), secret("password")];
        const CRADL: &[FieldSpec] = &[
            secret("client_id"),
            secret("client_secret"),
            plain("auth_url", false),
        ];
        match self {
            ProviderKind::Paradigm => PARADIGM,
            ProviderKind::Bleemeo => BLEEMEO,
            ProviderKind::Amani => AMANI,
            ProviderKind::Cradl => CRADL,
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A config problem, naming the file and, where there is one, the profile and key.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: String,
    pub profile: Option<String>,
    pub key: Option<String>,
    pub message: String,
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

    pub fn hint(&self) -> Option<String> {
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

/// A requests-per-time budget, from `rate_limit = "10/s"` or `"600/min"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub per_second: f64,
}

impl RateLimit {
    pub fn parse(text: &str) -> Option<RateLimit> {
        let (n, unit) = text.trim().split_once('/')?;
        let n: f64 = n.trim().parse().ok()?;
        let secs = match unit.trim() {
            "s" | "sec" | "second" => 1.0,
            "m" | "min" | "minute" => 60.0,
            "h" | "hour" => 3600.0,
            _ => return None,
        };
        (n > 0.0 && n.is_finite()).then_some(RateLimit {
            per_second: n / secs,
        })
    }
}

/// The parsed config file, validated but with no secret resolved yet.
#[derive(Debug, Clone)]
pub struct Config {
    /// Shown in messages: the file's path, or `built-in sandbox profiles`.
    pub source: String,
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, ProfileSpec>,
    /// Things the user should know but that do not stop the command.
    pub warnings: Vec<String>,
}

/// One `[profiles.NAME]` table: checked keys, unresolved secret sources.
#[derive(Debug, Clone)]
pub struct ProfileSpec {
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    pub timeout: Duration,
    pub rate_limit: Option<RateLimit>,
    /// Plain provider keys (username, client_id, ...).
    pub settings: BTreeMap<String, String>,
    /// Secret fields and where their values come from.
    pub secrets: BTreeMap<String, SecretSource>,
}

/// Where a secret field's value comes from. Printing it shows the source, never the value.
#[derive(Clone, PartialEq)]
pub enum SecretSource {
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

/// A profile ready to use: secrets resolved.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    pub timeout: Duration,
    pub rate_limit: Option<RateLimit>,
    pub settings: BTreeMap<String, String>,
    pub secrets: BTreeMap<String, Secret>,
    /// The config file it came from, for hints.
    pub source: String,
}

impl Profile {
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.settings.get(key).map(String::as_str)
    }

    pub fn secret(&self, key: &str) -> Option<&Secret> {
        self.secrets.get(key)
    }
}

/// The config file path: `--config`/`ROSTER_CONFIG` (clap fills both into `explicit`), else the
/// platform config dir (`~/.config/roster/config.toml` on Linux).
pub fn config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "roster").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Read and validate the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
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
    pub fn parse(text: &str, source: &str) -> Result<Config, ConfigError> {
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| ConfigError::new(source, format!("invalid TOML: {e}")))?;
        let mut default_profile = None;
        let mut profiles = BTreeMap::new();
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
                "profiles" => {
                    let Some(ptable) = value.as_table() else {
                        return Err(ConfigError::new(source, "`profiles` must be a table"));
                    };
                    for (name, body) in ptable {
                        let Some(body) = body.as_table() else {
                            return Err(ConfigError::new(source, "must be a table")
                                .at(name, None));
                        };
                        profiles.insert(name.clone(), ProfileSpec::parse(name, body, source)?);
                    }
                }
                other => {
                    return Err(ConfigError::new(
                        source,
                        format!(
                            "unknown top-level key `{other}`; expected `default_profile` or `[profiles.NAME]`"
                        ),
                    ))
                }
            }
        }
        if let Some(d) = &default_profile {
            if !profiles.contains_key(d) {
                return Err(ConfigError::new(
                    source,
                    format!(
                        "default_profile `{d}` is not defined; known: {}",
                        known_list(profiles.keys())
                    ),
                ));
            }
        }
        Ok(Config {
            source: source.to_string(),
            default_profile,
            profiles,
            warnings: Vec::new(),
        })
    }

    fn has_literal_secret(&self) -> bool {
        self.profiles
            .values()
            .flat_map(|p| p.secrets.values())
            .any(|s| matches!(s, SecretSource::Literal(_)))
    }

    /// The profiles a command acts on: the named ones, else `default_profile`, else the only one.
    pub fn select(&self, names: &[String]) -> Result<Vec<&ProfileSpec>, ConfigError> {
        if names.is_empty() {
            if let Some(d) = &self.default_profile {
                return self.select(std::slice::from_ref(d));
            }
            return match self.profiles.len() {
                1 => Ok(self.profiles.values().collect()),
                0 => Err(ConfigError::new(&self.source, "no profile is defined")
                    .hint_that("add a [profiles.NAME] table (see the README) or try --sandbox")),
                _ => Err(ConfigError::new(
                    &self.source,
                    format!(
                        "several profiles and no default_profile; choose one with --profile: {}",
                        known_list(self.profiles.keys())
                    ),
                )),
            };
        }
        names
            .iter()
            .map(|n| {
                self.profiles.get(n).ok_or_else(|| {
                    ConfigError::new(
                        &self.source,
                        format!(
                            "profile `{n}` not found; known: {}",
                            known_list(self.profiles.keys())
                        ),
                    )
                })
            })
            .collect()
    }
}

fn known_list<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let v: Vec<&str> = names.map(String::as_str).collect();
    if v.is_empty() {
        "(none)".to_string()
    } else {
        v.join(", ")
    }
}

impl ProfileSpec {
    fn parse(name: &str, body: &toml::Table, source: &str) -> Result<ProfileSpec, ConfigError> {
        let err = |key: &str, msg: String| ConfigError::new(source, msg).at(name, Some(key));
        let provider = match body.get("provider") {
            Some(toml::Value::String(s)) => s.as_str(),
            Some(_) => return Err(err("provider", "must be a string".into())),
            None => {
                return Err(ConfigError::new(source, "missing key `provider`")
                    .at(name, None)
                    .hint_that(provider_names_hint()))
            }
        };
        let kind = ProviderKind::from_name(provider).ok_or_else(|| {
            err("provider", format!("unknown provider `{provider}`"))
                .hint_that(provider_names_hint())
        })?;

        let fields = kind.fields();
        for key in body.keys() {
            let known = COMMON_KEYS.contains(&key.as_str())
                || fields.iter().any(|f| {
                    key == f.name
                        || (f.secret
                            && (*key == format!("{}_env", f.name)
                                || *key == format!("{}_command", f.name)))
                });
            if !known {
                let mut expected: Vec<String> = COMMON_KEYS.iter().map(|s| s.to_string()).collect();
                for f in fields {
                    expected.push(f.name.to_string());
                    if f.secret {
                        expected.push(format!("{}_env", f.name));
                        expected.push(format!("{}_command", f.name));
                    }
                }
                return Err(err(key, format!("unknown key for provider {kind}"))
                    .hint_that(format!("known keys: {}", expected.join(", "))));
            }
        }

        let string = |key: &str| -> Result<Option<String>, ConfigError> {
            match body.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(err(key, "must be a string".into())),
            }
        };

        let allow_insecure_http = match body.get("allow_insecure_http") {
            None => false,
            Some(toml::Value::Boolean(b)) => *b,
            Some(_) => return Err(err("allow_insecure_http", "must be true or false".into())),
        };
        let base_url = match string("base_url")? {
            Some(u) => u,
            None => kind.default_base_url().map(str::to_string).ok_or_else(|| {
                err(
                    "base_url",
                    format!("{kind} has no default base URL; set base_url"),
                )
            })?,
        };
        let base_url =
            check_base_url(&base_url, allow_insecure_http).map_err(|m| err("base_url", m))?;

        let timeout = match body.get("timeout_secs") {
            None => Duration::from_secs(30),
            Some(toml::Value::Integer(n)) if *n > 0 && *n <= 3600 => Duration::from_secs(*n as u64),
            Some(_) => {
                return Err(err(
                    "timeout_secs",
                    "must be a whole number of seconds from 1 to 3600".into(),
                ))
            }
        };
        let rate_limit = match string("rate_limit")? {
            None => None,
            Some(t) => Some(RateLimit::parse(&t).ok_or_else(|| {
                err(
                    "rate_limit",
                    format!("`{t}` is not like \"10/s\" or \"600/min\""),
                )
            })?),
        };

        let mut settings = BTreeMap::new();
        let mut secrets = BTreeMap::new();
        for f in fields {
            if f.secret {
                let env = string(&format!("{}_env", f.name))?;
                let cmd = string(&format!("{}_command", f.name))?;
                let lit = string(f.name)?;
                let given = [env.is_some(), cmd.is_some(), lit.is_some()]
                    .iter()
                    .filter(|b| **b)
                    .count();
                if given > 1 {
                    return Err(err(
                        f.name,
                        format!("give only one of {0}_env, {0}_command and {0}", f.name),
                    ));
                }
                let src = match (env, cmd, lit) {
                    (Some(v), _, _) => SecretSource::Env(v),
                    (_, Some(c), _) => SecretSource::Command(c),
                    (_, _, Some(l)) => SecretSource::Literal(Secret::new(l)),
                    _ if f.required => {
                        return Err(err(
                            f.name,
                            format!("missing; set one of {0}_env, {0}_command or {0}", f.name),
                        ))
                    }
                    _ => continue,
                };
                secrets.insert(f.name.to_string(), src);
            } else if let Some(v) = string(f.name)? {
                settings.insert(f.name.to_string(), v);
            } else if f.required {
                return Err(err(f.name, "missing".into()));
            }
        }

        Ok(ProfileSpec {
            name: name.to_string(),
            kind,
            base_url,
            timeout,
            rate_limit,
            settings,
            secrets,
        })
    }

    /// Resolve every secret source: read the variables, run the commands.
    pub fn resolve(&self, source: &str) -> Result<Profile, ConfigError> {
        let mut secrets = BTreeMap::new();
        for (field, src) in &self.secrets {
            let err =
                |key: String, msg: String| ConfigError::new(source, msg).at(&self.name, Some(&key));
            let value = match src {
                SecretSource::Literal(s) => s.clone(),
                SecretSource::Env(var) => match std::env::var(var) {
                    Ok(v) if !v.trim().is_empty() => Secret::new(v.trim()),
                    _ => {
                        return Err(err(
                            format!("{field}_env"),
                            format!("environment variable {var} is not set"),
                        )
                        .hint_that(format!("export {var}=... before running roster")))
                    }
                },
                SecretSource::Command(cmd) => {
                    run_secret_command(cmd).map_err(|m| err(format!("{field}_command"), m))?
                }
            };
            secrets.insert(field.clone(), value);
        }
        Ok(Profile {
            name: self.name.clone(),
            kind: self.kind,
            base_url: self.base_url.clone(),
            timeout: self.timeout,
            rate_limit: self.rate_limit,
            settings: self.settings.clone(),
            secrets,
            source: source.to_string(),
        })
    }
}

fn provider_names_hint() -> String {
    let names: Vec<&str> = ProviderKind::ALL.iter().map(|k| k.name()).collect();
    format!("provider must be one of: {}", names.join(", "))
}

/// Only https, unless the host is this machine or the profile opts in.
fn check_base_url(text: &str, allow_insecure_http: bool) -> Result<String, String> {
    let url = url::Url::parse(text).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "`{text}` uses http:// to a host that is not this machine; secrets would travel \
                 in clear. Use https://, or set allow_insecure_http = true in this profile"
            ))
        }
        other => return Err(format!("scheme `{other}` is not supported; use https://")),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("must not have a query or fragment".into());
    }
    Ok(text.trim_end_matches('/').to_string())
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn run_secret_command(cmd: &str) -> Result<Secret, String> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{cmd}`: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        return Err(format!("`{cmd}` failed ({}): {first}", out.status));
    }
    let value = String::from_utf8(out.stdout)
        .map_err(|_| format!("`{cmd}` printed something that is not UTF-8"))?;
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("`{cmd}` printed nothing"));
    }
    Ok(Secret::new(value))
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
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "/tmp/c.toml")
    }

    #[test]
    fn a_paradigm_profile_parses_with_defaults() {
        let c = parse(
            "default_profile = \"acme\"\n[profiles.acme]\nprovider = \"paradigm\"\ntoken_env = \"K\"\n",
        )
        .unwrap();
        let p = &c.profiles["acme"];
        assert_eq!(p.kind, ProviderKind::Paradigm);
        assert_eq!(p.base_url, "https://paradigm.lighton.ai");
        assert_eq!(p.timeout, Duration::from_secs(30));
        assert_eq!(p.secrets["token"], SecretSource::Env("K".into()));
    }

    #[test]
    fn unknown_key_names_file_profile_and_key() {
        let e = parse("[profiles.acme]\nprovider = \"paradigm\"\ntoken = \"x\"\ncolour = 1\n")
            .unwrap_err();
        assert_eq!(e.profile.as_deref(), Some("acme"));
        assert_eq!(e.key.as_deref(), Some("colour"));
        assert!(e.to_string().contains("/tmp/c.toml"));
    }

    #[test]
    fn unknown_provider_lists_the_known_ones() {
        let e = parse("[profiles.a]\nprovider = \"okta\"\n").unwrap_err();
        assert!(e.hint().unwrap().contains("paradigm"));
    }

    #[test]
    fn http_is_refused_unless_loopback_or_opted_in() {
        let base = "[profiles.a]\nprovider = \"paradigm\"\ntoken = \"x\"\n";
        assert!(parse(&format!("{base}base_url = \"http://example.com\"\n")).is_err());
        for ok in [
            "http://127.0.0.1:8787/paradigm",
            "http://127.8.9.10",
            "http://localhost:1",
            "http://[::1]:80",
        ] {
            assert!(
                parse(&format!("{base}base_url = \"{ok}\"\n")).is_ok(),
                "{ok}"
            );
        }
        assert!(parse(&format!(
            "{base}base_url = \"http://example.com\"\nallow_insecure_http = true\n"
        ))
        .is_ok());
    }

    #[test]
    fn two_sources_for_one_secret_are_refused() {
        let e = parse("[profiles.a]\nprovider = \"paradigm\"\ntoken = \"x\"\ntoken_env = \"Y\"\n")
            .unwrap_err();
        assert_eq!(e.key.as_deref(), Some("token"));
    }

    #[test]
    fn selection_rules() {
        let c = parse(
            "[profiles.a]\nprovider = \"paradigm\"\ntoken = \"x\"\n[profiles.b]\nprovider = \"paradigm\"\ntoken = \"y\"\n",
        )
        .unwrap();
        assert!(c.select(&[]).unwrap_err().message.contains("a, b"));
        assert_eq!(c.select(&["b".into()]).unwrap()[0].name, "b");
        assert!(c
            .select(&["zz".into()])
            .unwrap_err()
            .message
            .contains("known: a, b"));
    }

    #[test]
    fn secret_command_and_env_resolve() {
        let c =
            parse("[profiles.a]\nprovider = \"paradigm\"\ntoken_command = \"echo ' s3cret '\"\n")
                .unwrap();
        let p = c.profiles["a"].resolve("f").unwrap();
        assert_eq!(p.secret("token").unwrap().expose(), "s3cret");
        let c =
            parse("[profiles.a]\nprovider = \"paradigm\"\ntoken_command = \"exit 3\"\n").unwrap();
        assert!(c.profiles["a"].resolve("f").is_err());
        let c = parse(
            "[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"ROSTER_TEST_SURELY_UNSET_VAR\"\n",
        )
        .unwrap();
        let e = c.profiles["a"].resolve("f").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("token_env"));
    }

    #[test]
    fn rate_limits_parse() {
        assert_eq!(RateLimit::parse("10/s").unwrap().per_second, 10.0);
        assert_eq!(RateLimit::parse("120/min").unwrap().per_second, 2.0);
        assert!(RateLimit::parse("fast").is_none());
        assert!(RateLimit::parse("0/s").is_none());
    }

    #[test]
    fn bad_toml_reports_the_line() {
        let e = parse("[profiles.a\nprovider = 1\n").unwrap_err();
        assert!(e.message.contains("line 1"), "{}", e.message);
    }
}
