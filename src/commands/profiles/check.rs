//! `roster profiles check [NAME]`: authenticate afresh and say who the credentials belong to.

use clap_complete::engine::ArgValueCandidates;

use serde::Serialize;
use tokio::task::JoinSet;

use super::problem_text;
use crate::commands::completions::profile_candidates;
use crate::config::{ConfigError, Profile};
use crate::context::{Context, Pacing};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Row;

/// Authenticate with profiles and report who their credentials belong to
///
/// Always logs in afresh: a cached token proves nothing about the credentials. With NAME,
/// checks that profile and shows who it signs in as. Without NAME, checks every profile in the
/// config (or those --profile names) at once, one row each; the exit code is 0 when every
/// check passed, the failures' own code when they all failed the same way (4 for refused
/// credentials, 3 for a broken profile, 75 for a vendor that is down), and 7 when they differ.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox profiles check
  roster --sandbox profiles check bleemeo
  roster profiles check acme -o json")]
pub(crate) struct Args {
    /// The profile to check [default: every profile]
    #[arg(value_name = "NAME", add = ArgValueCandidates::new(profile_candidates))]
    pub(crate) name: Option<String>,
}

/// One profile's check, as the table and JSON show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CheckResult {
    pub(crate) profile: String,
    /// Empty when the profile is too broken to say.
    pub(crate) provider: String,
    pub(crate) ok: bool,
    /// The user or client the credentials belong to, where the vendor says.
    pub(crate) who: Option<String>,
    /// What the vendor accepted (e.g. "API key accepted; 5 company members visible").
    pub(crate) detail: Option<String>,
    pub(crate) error: Option<String>,
    /// The exit code `profiles check NAME` would give (0 when ok).
    pub(crate) exit_code: u8,
}

impl Row for CheckResult {
    fn headers() -> &'static [&'static str] {
        &["PROFILE", "PROVIDER", "RESULT", "WHO", "ERROR"]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            if self.ok { "ok" } else { "error" }.to_string(),
            self.who.clone().or(self.detail.clone()).unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "profile",
            "provider",
            "ok",
            "who",
            "error",
            "exit_code",
            "detail",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.ok.to_string(),
            self.who.clone().unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
            self.exit_code.to_string(),
            self.detail.clone().unwrap_or_default(),
        ]
    }
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.log_in_afresh();
    match args.name {
        Some(name) => check_one(ctx, name).await,
        None => check_all(ctx).await,
    }
}

async fn check_one(ctx: &mut Context, name: String) -> Result<()> {
    ctx.settings.profile = vec![name];
    let target = ctx.target()?;
    let identity = target.provider.whoami().await.map_err(target.err())?;
    ctx.out.note(format!(
        "{}: credentials accepted by {}",
        target.profile.name, target.profile.base_url
    ));
    ctx.out.item(&identity)
}

/// A profile on its way to being checked.
enum Pending {
    Resolved(Box<Profile>),
    Failed(CheckResult, Error),
}

async fn check_all(ctx: &mut Context) -> Result<()> {
    let config = ctx.config()?.clone();
    let names = if ctx.settings.profile.is_empty() {
        config.names()
    } else {
        ctx.out.note(format!(
            "checking only what --profile (or ROSTER_PROFILE) names: {}",
            ctx.settings.profile.join(", ")
        ));
        ctx.settings.profile.clone()
    };
    if names.is_empty() {
        return Err(config.select(&[]).err().map_or_else(
            || Error::new(ErrorKind::Config, "no profile is defined"),
            Error::from,
        ));
    }

    // Secrets are resolved at once too: a `*_command` may take a while (a password manager).
    let mut resolving = JoinSet::new();
    for name in names {
        let spec = config.profile(&name).cloned();
        let provider = provider_of(&config, &name);
        let source = config.source.clone();
        resolving.spawn_blocking(move || {
            let resolved = spec.and_then(|s| s.resolve(&source));
            match resolved {
                Ok(profile) => Pending::Resolved(Box::new(profile)),
                Err(e) => broken(&name, provider, e),
            }
        });
    }
    let mut results: Vec<(CheckResult, Option<Error>)> = Vec::new();
    let mut checking = JoinSet::new();
    while let Some(done) = resolving.join_next().await {
        let pending = done.map_err(|e| Error::failure("a profile check stopped").with_source(e))?;
        let mut profile = match pending {
            Pending::Resolved(p) => *p,
            Pending::Failed(result, e) => {
                results.push((result, Some(e)));
                continue;
            }
        };
        profile.fresh_login = true;
        let name = profile.name.clone();
        let provider = profile.kind.name().to_string();
        let target = match ctx.target_for(profile, Pacing::IfConfigured) {
            Ok(t) => t,
            Err(e) => {
                results.push((failed(&name, &provider, &e), Some(e)));
                continue;
            }
        };
        checking.spawn(async move {
            match target.provider.whoami().await {
                Ok(identity) => (
                    CheckResult {
                        profile: name,
                        provider,
                        ok: true,
                        who: identity.principal,
                        detail: identity.detail,
                        error: None,
                        exit_code: 0,
                    },
                    None,
                ),
                Err(e) => {
                    let shown = e.to_string();
                    let e = Error::from_provider(e, &name);
                    let mut result = failed(&name, &provider, &e);
                    result.error = Some(shown);
                    (result, Some(e))
                }
            }
        });
    }
    while let Some(done) = checking.join_next().await {
        results.push(done.map_err(|e| Error::failure("a profile check stopped").with_source(e))?);
    }
    results.sort_by(|a, b| a.0.profile.cmp(&b.0.profile));

    let rows: Vec<CheckResult> = results.iter().map(|(r, _)| r.clone()).collect();
    let mut writer = ctx.out.list::<CheckResult>();
    writer.push(&rows)?;
    writer.finish()?;
    outcome(
        results.into_iter().filter_map(|(_, e)| e).collect(),
        rows.len(),
    )
}

/// The provider a profile names, for the row, even when the profile is broken.
fn provider_of(config: &crate::config::Config, name: &str) -> String {
    match (config.profiles.get(name), config.broken.get(name)) {
        (Some(spec), _) => spec.kind.name().to_string(),
        (None, Some(b)) => b.provider.clone().unwrap_or_default(),
        (None, None) => String::new(),
    }
}

fn broken(name: &str, provider: String, e: ConfigError) -> Pending {
    let shown = problem_text(&e);
    let e = Error::from(e);
    let mut result = failed(name, &provider, &e);
    result.error = Some(shown);
    Pending::Failed(result, e)
}

fn failed(name: &str, provider: &str, e: &Error) -> CheckResult {
    CheckResult {
        profile: name.to_string(),
        provider: provider.to_string(),
        ok: false,
        who: None,
        detail: None,
        error: Some(e.to_string()),
        exit_code: e.exit_code(),
    }
}

/// Ok when nothing failed; one failure is itself (with its hint); several are one error whose
/// kind is theirs when they agree, else partial.
fn outcome(mut errors: Vec<Error>, checked: usize) -> Result<()> {
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        n => {
            let kind = errors[0].kind();
            let kind = if errors.iter().all(|e| e.kind() == kind) {
                kind
            } else {
                ErrorKind::Partial
            };
            Err(
                Error::new(kind, format!("{n} of {checked} profiles failed the check")).with_hint(
                    "the ERROR column says why; `roster profiles check NAME` shows one in full",
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_code_is_the_failures_own_when_they_agree() {
        assert!(outcome(vec![], 3).is_ok());
        let auth = || Error::new(ErrorKind::Auth, "refused");
        assert_eq!(outcome(vec![auth()], 3).unwrap_err().exit_code(), 4);
        assert_eq!(outcome(vec![auth(), auth()], 3).unwrap_err().exit_code(), 4);
        let mixed = vec![auth(), Error::new(ErrorKind::Config, "broken")];
        let e = outcome(mixed, 3).unwrap_err();
        assert_eq!(e.exit_code(), 7);
        assert!(e.to_string().contains("2 of 3"), "{e}");
    }
}
