//! One `[profiles.NAME]` table: its keys checked, its secrets resolved.

use std::collections::BTreeMap;
use std::time::Duration;

use super::command::run_secret_command;
use super::values::{check_url, value_problem};
use super::{ConfigError, Profile, ProfileSpec, RateLimit, SecretSource};
use crate::providers::ProviderKind;
use crate::secret::Secret;

/// Keys every profile accepts.
const COMMON_KEYS: &[&str] = &[
    "provider",
    "base_url",
    "timeout_secs",
    "allow_insecure_http",
    "rate_limit",
];

impl ProfileSpec {
    pub(super) fn parse(
        name: &str,
        body: &toml::Table,
        source: &str,
    ) -> Result<ProfileSpec, ConfigError> {
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

        // Commands go to `sh`, which copes with any character; everything else is sent to the
        // vendor or names a variable, where a control character is always a mistake.
        let string = |key: &str| -> Result<Option<String>, ConfigError> {
            match body.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) if key.ends_with("_command") => Ok(Some(s.clone())),
                Some(toml::Value::String(s)) => match value_problem(s, false) {
                    None => Ok(Some(s.clone())),
                    Some(problem) => Err(err(key, problem)),
                },
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
        let base_url = check_url(&base_url, allow_insecure_http).map_err(|m| err("base_url", m))?;

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
            Some(t) => Some(RateLimit::parse(&t).map_err(|m| err("rate_limit", m))?),
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
                    (_, _, Some(l)) => {
                        if let Some(problem) = value_problem(&l, f.header) {
                            return Err(err(f.name, problem));
                        }
                        SecretSource::Literal(Secret::new(l))
                    }
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
                let v = if f.url {
                    check_url(&v, allow_insecure_http).map_err(|m| err(f.name, m))?
                } else if let Some(problem) = value_problem(&v, f.header) {
                    return Err(err(f.name, problem));
                } else {
                    v
                };
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

    /// Resolve every secret source: read the variables, run the commands. A value that could
    /// not be sent (a control character; non-ASCII where it goes in a header) is a config error
    /// naming the key it came from.
    pub(crate) fn resolve(&self, source: &str) -> Result<Profile, ConfigError> {
        let mut secrets = BTreeMap::new();
        for (field, src) in &self.secrets {
            let err =
                |key: String, msg: String| ConfigError::new(source, msg).at(&self.name, Some(&key));
            let (key, value) = match src {
                SecretSource::Literal(s) => (field.clone(), s.clone()),
                SecretSource::Env(var) => {
                    let key = format!("{field}_env");
                    match std::env::var(var) {
                        Ok(v) if !v.trim().is_empty() => (key, Secret::new(v.trim())),
                        Ok(_) => {
                            return Err(err(key, format!("environment variable {var} is empty"))
                                .hint_that(format!("export {var}=... before running roster")))
                        }
                        Err(std::env::VarError::NotUnicode(_)) => {
                            return Err(err(
                                key,
                                format!("environment variable {var} is not valid UTF-8"),
                            ))
                        }
                        Err(std::env::VarError::NotPresent) => {
                            return Err(err(key, format!("environment variable {var} is not set"))
                                .hint_that(format!("export {var}=... before running roster")))
                        }
                    }
                }
                SecretSource::Command(cmd) => {
                    let key = format!("{field}_command");
                    let value = run_secret_command(cmd).map_err(|m| err(key.clone(), m))?;
                    (key, value)
                }
            };
            let header = self
                .kind
                .fields()
                .iter()
                .any(|f| f.name == field.as_str() && f.header);
            if let Some(problem) = value_problem(value.expose(), header) {
                return Err(err(key, format!("the secret {problem}")));
            }
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
            fresh_login: false,
        })
    }
}

fn provider_names_hint() -> String {
    let names: Vec<&str> = ProviderKind::ALL.iter().map(|k| k.name()).collect();
    format!("provider must be one of: {}", names.join(", "))
}
