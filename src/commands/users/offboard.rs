//! `roster users offboard EMAIL`: one person out of every profile at once.

use std::sync::Arc;

use serde::Serialize;

use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Row;

mod plan;

use plan::{Plan, Step};

/// Deactivate (or delete) one person in every profile, all at once
///
/// Acts on the profiles named by --profile (or ROSTER_PROFILE), else on every profile in the
/// config (a profile broken in the config counts as failed: exit 7). The person is looked up everywhere first, and the confirmation shows the plan for
/// each profile where they have an account. Where the vendor can deactivate, the account is
/// deactivated (reversible); elsewhere it is deleted; an account already inactive is left
/// alone. --delete deletes everywhere the vendor allows it. With --dry-run the results say
/// `would-deactivate` / `would-delete` and nothing is changed. A person found in no profile is
/// exit 5.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users offboard grace@sandbox.example --dry-run
  roster --sandbox users offboard grace@sandbox.example --yes
  roster users offboard leaver@example.com --profile acme,docs --delete --yes")]
pub(crate) struct Args {
    /// The person's email
    #[arg(value_name = "EMAIL")]
    pub(crate) email: String,
    /// Delete the accounts instead of deactivating them where both are possible
    #[arg(long)]
    pub(crate) delete: bool,
    /// Allow offboarding the user a profile itself signs in as
    #[arg(long)]
    pub(crate) allow_self: bool,
}

/// What happened in one profile.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Offboarded {
    pub(crate) profile: String,
    pub(crate) provider: String,
    pub(crate) email: String,
    /// `deactivated`, `deleted`, `already-inactive`, `absent`, `failed`, or under `--dry-run`
    /// `would-deactivate` / `would-delete`.
    pub(crate) action: String,
    pub(crate) id: Option<String>,
    pub(crate) error: Option<String>,
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

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<Offboarded>()?;
    if !crate::rules::looks_like_email(&args.email) {
        return Err(Error::usage(format!(
            "`{}` is not an email address",
            args.email
        )));
    }
    let config = ctx.config()?;
    let every = config.names();
    let usable: Vec<String> = config.profiles.keys().cloned().collect();
    // A profile broken in the config cannot be looked in, but the person may have an account
    // there: each is a failure of this offboarding, never a silent skip.
    let broken: Vec<Offboarded> = config
        .broken
        .values()
        .map(|b| Offboarded {
            profile: b.name.clone(),
            provider: b.provider.clone().unwrap_or_else(|| "?".into()),
            email: args.email.clone(),
            action: "failed".into(),
            id: None,
            error: Some(format!(
                "broken in the config ({})",
                crate::commands::profiles::problem_text(&b.error)
            )),
        })
        .collect();
    let mut unreachable: Vec<Offboarded> = Vec::new();
    if ctx.settings.profile.is_empty() {
        unreachable = broken;
        ctx.settings.profile = usable;
    } else {
        say_narrowed(ctx, &every);
    }
    for row in &unreachable {
        ctx.out.warn(format!(
            "cannot offboard {} in profile `{}`: it is {}; they may still have an account there",
            args.email,
            row.profile,
            row.error.as_deref().unwrap_or("broken")
        ));
    }
    // Every profile broken: nothing to look in (an empty list would mean the default one).
    let targets: Vec<Arc<Target>> = if ctx.settings.profile.is_empty() && !unreachable.is_empty() {
        Vec::new()
    } else {
        ctx.targets(Pacing::IfConfigured)?
            .into_iter()
            .map(Arc::new)
            .collect()
    };

    // The dry run the confirmation shows: every profile looked up, nothing sent.
    let mut lookups = tokio::task::JoinSet::new();
    for target in &targets {
        let (target, email) = (target.clone(), args.email.clone());
        let (delete, allow_self) = (args.delete, args.allow_self);
        lookups.spawn(async move {
            let plan = plan::look_up(&target, &email, delete, allow_self).await;
            (target, plan)
        });
    }
    let mut plans = Vec::new();
    while let Some(done) = lookups.join_next().await {
        plans.push(done.map_err(|e| Error::failure("an offboarding task stopped").with_source(e))?);
    }
    plans.sort_by(|(a, _), (b, _)| a.profile.name.cmp(&b.profile.name));
    refuse_own_accounts(&args, &plans)?;
    if unreachable.is_empty() && plans.iter().all(|(_, p)| matches!(p.step, Step::Absent)) {
        let names: Vec<&str> = plans.iter().map(|(t, _)| t.profile.name.as_str()).collect();
        return Err(Error::not_found(format!(
            "{} has no account in any of the {} profile(s) looked in: {}; nothing was sent",
            args.email,
            names.len(),
            names.join(", ")
        ))
        .with_hint("check the spelling of the email; `roster users get EMAIL --profile NAME` looks in one profile"));
    }
    if plans.iter().any(|(_, p)| p.step.sends()) {
        ctx.confirm_typed(
            &confirmation(&args.email, &plans),
            &[args.email.as_str()],
            "offboard a person",
        )?;
    }

    let mut runs = tokio::task::JoinSet::new();
    for (target, plan) in plans {
        let email = args.email.clone();
        runs.spawn(async move { plan::act(&target, &email, plan.step).await });
    }
    let mut results = unreachable;
    let broken = results.len();
    while let Some(done) = runs.join_next().await {
        let (row, note) =
            done.map_err(|e| Error::failure("an offboarding task stopped").with_source(e))?;
        if let Some(note) = note {
            ctx.out.warn(note);
        }
        results.push(row);
    }
    results.sort_by(|a, b| a.profile.cmp(&b.profile));
    let mut writer = ctx.out.list::<Offboarded>();
    writer.push(&results)?;
    writer.finish()?;
    let failed = results.iter().filter(|r| r.action == "failed").count();
    if failed > 0 {
        let again = "run the same command again: profiles already done answer `absent` or \
                     `already-inactive` and send nothing";
        let hint = if broken > 0 {
            format!(
                "fix the broken profile(s) (`roster profiles list` shows what is wrong), then \
                 {again}"
            )
        } else {
            again.to_string()
        };
        return Err(Error::new(
            ErrorKind::Partial,
            format!(
                "offboarding failed in {failed} of {} profile(s)",
                results.len()
            ),
        )
        .with_hint(hint));
    }
    Ok(())
}

/// `--profile` or `ROSTER_PROFILE` chose fewer profiles than the config has: say which are
/// left out, and where the choice came from (a variable set long ago is easy to forget).
fn say_narrowed(ctx: &Context, every: &[String]) {
    let chosen = &ctx.settings.profile;
    let left_out: Vec<&str> = every
        .iter()
        .filter(|p| !chosen.contains(p))
        .map(String::as_str)
        .collect();
    if left_out.is_empty() {
        return;
    }
    let from_env = std::env::var("ROSTER_PROFILE").is_ok_and(|v| {
        let named: Vec<&str> = v.split(',').map(str::trim).collect();
        named == chosen.iter().map(String::as_str).collect::<Vec<_>>()
    });
    let source = if from_env {
        "ROSTER_PROFILE"
    } else {
        "--profile"
    };
    let mut note = format!(
        "offboarding only in {} (chosen by {source}), not in every profile: {} left out",
        chosen.join(", "),
        left_out.join(", ")
    );
    if from_env {
        note.push_str("; unset ROSTER_PROFILE to offboard from every profile");
    }
    ctx.out.warn(note);
}

/// Before anything is sent: a profile's own account is never offboarded without --allow-self.
fn refuse_own_accounts(args: &Args, plans: &[(Arc<Target>, Plan)]) -> Result<()> {
    let own: Vec<&str> = plans
        .iter()
        .filter(|(_, p)| p.own_account)
        .map(|(t, _)| t.profile.name.as_str())
        .collect();
    if own.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "refusing to offboard {}: it is the user profile {} signs in as, and the profile would \
         be locked out; nothing was sent",
        args.email,
        own.iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
    .with_hint(format!(
        "leave {} out with --profile, or pass --allow-self to offboard it anyway",
        own.join(", ")
    )))
}

/// The plan, one line per profile where the person has an account (or the look-up failed).
fn confirmation(email: &str, plans: &[(Arc<Target>, Plan)]) -> String {
    let shown: Vec<&(Arc<Target>, Plan)> = plans
        .iter()
        .filter(|(_, p)| !matches!(p.step, Step::Absent))
        .collect();
    let width = shown
        .iter()
        .map(|(t, _)| t.profile.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines = vec![format!("Offboarding {email}:")];
    for (target, plan) in shown {
        let id = plan
            .step
            .user()
            .map(|u| format!("  (id {})", u.id))
            .unwrap_or_default();
        lines.push(format!(
            "  {:width$}  {:8}  {}{id}",
            target.profile.name,
            target.profile.kind.name(),
            plan.step.describe(),
        ));
    }
    let absent: Vec<&str> = plans
        .iter()
        .filter(|(_, p)| matches!(p.step, Step::Absent))
        .map(|(t, _)| t.profile.name.as_str())
        .collect();
    if !absent.is_empty() {
        lines.push(format!("  no account in: {}", absent.join(", ")));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_json_key_of_a_result_is_known_before_a_row() {
        let row = Offboarded {
            profile: "p".into(),
            provider: "amani".into(),
            email: "a@b.c".into(),
            action: "deactivated".into(),
            id: Some("1".into()),
            error: None,
        };
        assert_eq!(
            crate::output::keys_unknown_before_rows(&row),
            Vec::<String>::new()
        );
    }
}
