//! `roster profiles ...`: one file per verb, and the summary they show.

pub(crate) mod add;
pub(crate) mod check;
mod draft;
mod file;
pub(crate) mod list;
pub(crate) mod logout;
pub(crate) mod remove;
pub(crate) mod show;

use std::collections::BTreeMap;

use clap::Subcommand;
use serde::Serialize;

use crate::config::{BrokenProfile, Config, ConfigError, ProfileSpec, SecretSource};
use crate::context::Context;
use crate::error::Result;
use crate::output::Row;

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum ProfilesCommand {
    List(list::Args),
    Show(show::Args),
    Check(check::Args),
    Add(add::Args),
    Remove(remove::Args),
    Logout(logout::Args),
}

/// Run one `profiles` verb.
pub(crate) async fn run(ctx: &mut Context, verb: ProfilesCommand) -> Result<()> {
    match verb {
        ProfilesCommand::List(a) => list::run(ctx, a).await,
        ProfilesCommand::Show(a) => show::run(ctx, a).await,
        ProfilesCommand::Check(a) => check::run(ctx, a).await,
        ProfilesCommand::Add(a) => add::run(ctx, a).await,
        ProfilesCommand::Remove(a) => remove::run(ctx, a).await,
        ProfilesCommand::Logout(a) => logout::run(ctx, a).await,
    }
}

/// A profile as shown to people: where each secret comes from, never its value.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProfileSummary {
    pub(crate) name: String,
    pub(crate) provider: String,
    pub(crate) base_url: String,
    pub(crate) default: bool,
    pub(crate) settings: BTreeMap<String, String>,
    /// field -> `env VAR`, `command ...` or `literal`
    pub(crate) secrets: BTreeMap<String, String>,
    pub(crate) source: String,
    /// What is wrong with the profile, when roster cannot use it (`null` when it can).
    pub(crate) problem: Option<String>,
}

impl ProfileSummary {
    pub(crate) fn new(config: &Config, spec: &ProfileSpec) -> Self {
        ProfileSummary {
            name: spec.name.clone(),
            provider: spec.kind.name().to_string(),
            base_url: spec.base_url.clone(),
            default: config.default_profile.as_deref() == Some(spec.name.as_str()),
            settings: spec.kind.shown_settings(&spec.base_url, &spec.settings),
            secrets: spec
                .secrets
                .iter()
                .map(|(k, v)| {
                    let shown = match v {
                        SecretSource::Env(var) => format!("env {var}"),
                        SecretSource::Command(c) => format!("command {c}"),
                        SecretSource::Literal(_) => "literal (in the file)".to_string(),
                    };
                    (k.clone(), shown)
                })
                .collect(),
            source: config.source.clone(),
            problem: None,
        }
    }

    /// A profile that failed validation: what could be read of it, and what is wrong.
    pub(crate) fn broken(config: &Config, broken: &BrokenProfile) -> Self {
        ProfileSummary {
            name: broken.name.clone(),
            provider: broken.provider.clone().unwrap_or_default(),
            base_url: broken.base_url.clone().unwrap_or_default(),
            default: config.default_profile.as_deref() == Some(broken.name.as_str()),
            settings: BTreeMap::new(),
            secrets: BTreeMap::new(),
            source: config.source.clone(),
            problem: Some(problem_text(&broken.error)),
        }
    }

    fn secrets_text(&self) -> String {
        self.secrets
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn settings_text(&self) -> String {
        self.settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A config error without the file and profile a listing already shows: "key `k`: message".
pub(crate) fn problem_text(e: &ConfigError) -> String {
    match &e.key {
        Some(k) => format!("key `{k}`: {}", e.message),
        None => e.message.clone(),
    }
}

impl Row for ProfileSummary {
    fn headers() -> &'static [&'static str] {
        &[
            "NAME", "PROVIDER", "BASE URL", "DEFAULT", "SETTINGS", "SECRETS", "PROBLEM",
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.provider.clone(),
            self.base_url.clone(),
            if self.default { "yes" } else { "" }.to_string(),
            self.settings_text(),
            self.secrets_text(),
            self.problem.clone().unwrap_or_default(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "name", "provider", "base_url", "default", "settings", "secrets", "source", "problem",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.provider.clone(),
            self.base_url.clone(),
            self.default.to_string(),
            self.settings_text(),
            self.secrets_text(),
            self.source.clone(),
            self.problem.clone().unwrap_or_default(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_json_key_of_a_summary_is_known_before_a_row() {
        let row = ProfileSummary {
            name: "p".into(),
            provider: "paradigm".into(),
            base_url: "http://127.0.0.1:1".into(),
            default: true,
            settings: BTreeMap::new(),
            secrets: BTreeMap::new(),
            source: "config.toml".into(),
            problem: None,
        };
        assert_eq!(
            crate::output::keys_unknown_before_rows(&row),
            Vec::<String>::new()
        );
    }
}
