//! `roster users offboard EMAIL`: one person out of every profile at once.

use std::sync::Arc;

use serde::Serialize;

use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Row;
use crate::providers::ProviderError;

/// Deactivate (or delete) one person in every profile, all at once
///
/// Acts on the profiles named by --profile, else on every profile in the config. Where the
/// vendor can deactivate, the account is deactivated (reversible); elsewhere it is deleted.
/// --delete deletes everywhere the vendor allows it. With --dry-run the results say
/// `would-deactivate` / `would-delete` and nothing is changed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person's email
    #[arg(value_name = "EMAIL")]
    pub email: String,
    /// Delete the accounts instead of deactivating them where both are possible
    #[arg(long)]
    pub delete: bool,
}

/// What happened in one profile.
#[derive(Debug, Clone, Serialize)]
pub struct Offboarded {
    pub profile: String,
    pub provider: String,
    pub email: String,
    /// `deactivated`, `deleted`, `absent`, `failed`, or under `--dry-run` `would-deactivate`
    /// / `would-delete`.
    pub action: String,
    pub id: Option<String>,
    pub error: Option<String>,
}

impl Row for Offboarded {
    fn headers() -> &'static [&'static str] {
        &["PROFILE", "PROVIDER", "ACTION", "ID", "ERROR"]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.action.clone(),
            self.id.clone().unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &["profile", "provider", "email", "action", "id", "error"]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.email.clone(),
            self.action.clone(),
            self.id.clone().unwrap_or_default(),
            self.error.clone().unwrap_or_default(),
        ]
    }
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if !super::create::looks_like_email(&args.email) {
        return Err(Error::usage(format!(
            "`{}` is not an email address",
            args.email
        )));
    }
    if ctx.global.profile.is_empty() {
        ctx.global.profile = ctx.config()?.profiles.keys().cloned().collect();
    }
    let targets = ctx.targets(Pacing::IfConfigured)?;
    let names: Vec<&str> = targets.iter().map(|t| t.profile.name.as_str()).collect();
    ctx.confirm_typed(
        &format!("Offboard {} from {}?", args.email, names.join(", ")),
        &[args.email.as_str()],
        "offboard a person",
    )?;
    let mut runs = tokio::task::JoinSet::new();
    for target in targets {
        let target = Arc::new(target);
        let email = args.email.clone();
        let delete = args.delete;
        runs.spawn(async move { offboard(&target, &email, delete).await });
    }
    let mut results = Vec::new();
    while let Some(done) = runs.join_next().await {
        results
            .push(done.map_err(|e| Error::failure("an offboarding task stopped").with_source(e))?);
    }
    results.sort_by(|a, b| a.profile.cmp(&b.profile));
    let mut writer = ctx.out.list::<Offboarded>();
    writer.push(&results)?;
    writer.finish()?;
    let failed = results.iter().filter(|r| r.action == "failed").count();
    if failed > 0 {
        return Err(Error::new(
            ErrorKind::Partial,
            format!("offboarding failed in {failed} of {} profile(s)", results.len()),
        )
        .with_hint("run the same command again: profiles already done answer `absent` or act again harmlessly"));
    }
    Ok(())
}

/// One profile: find the person, then deactivate or delete as the vendor allows.
async fn offboard(target: &Target, email: &str, delete: bool) -> Offboarded {
    let caps = target.provider.capabilities();
    let mut result = Offboarded {
        profile: target.profile.name.clone(),
        provider: target.profile.kind.name().to_string(),
        email: email.to_string(),
        action: "absent".into(),
        id: None,
        error: None,
    };
    let user = match target.provider.find_user_by_email(email).await {
        Ok(Some(u)) => u,
        Ok(None) => return result,
        Err(e) => return failed(result, e),
    };
    result.id = Some(user.id.clone());
    let deactivate = caps.deactivate && !(delete && caps.delete);
    let (sent, verb) = if deactivate {
        let r = target
            .provider
            .set_active(&user.id, false)
            .await
            .map(|_| ());
        (r, "deactivate")
    } else if caps.delete {
        (target.provider.delete_user(&user.id).await, "delete")
    } else {
        return failed(
            result,
            ProviderError::unsupported(target.profile.kind.name(), "offboarding", None),
        );
    };
    match sent {
        Ok(()) => result.action = format!("{verb}d"),
        Err(ProviderError::DryRun) => result.action = format!("would-{verb}"),
        Err(e) => return failed(result, e),
    }
    result
}

fn failed(mut result: Offboarded, e: ProviderError) -> Offboarded {
    result.action = "failed".into();
    result.error = Some(e.to_string());
    result
}
