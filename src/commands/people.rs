//! `roster people`: the access review, one row per person and one column per profile.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use clap_complete::engine::ArgValueCandidates;
use serde::Serialize;

use crate::across::review::{self, Filter, Review};
use crate::across::{self, FanOut, Order, Selected};
use crate::commands::completions::profile_candidates;
use crate::context::{Context, Pacing};
use crate::error::{Error, Result};
use crate::model::UserQuery;

/// Longest `--stale` accepted: a hundred years.
const MAX_STALE_DAYS: u32 = 36_500;

/// Access review: who has an account where, one row per person (email, any case)
///
/// Reads every profile of the config (or those --profile names) at once and prints one row
/// per email with one column per profile: `active`, `inactive`, `invited`, `-` for no account,
/// `?` when that profile could not be read (its error is on stderr, exit 7). --stale first
/// drops the accounts that logged in recently; profiles whose vendor does not report logins
/// are left out (stderr says which). --only-in and --missing-in then pick people by profile.
/// Accounts without an email are counted on stderr, not listed.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox people
  roster --sandbox people --stale 90 -o csv > stale.csv
  roster --sandbox people --missing-in cradl
  roster --sandbox --profile paradigm,bleemeo people --only-in paradigm -o json")]
pub(crate) struct Args {
    /// Keep the accounts whose last login is more than DAYS days ago, or that never logged in
    #[arg(long, value_name = "DAYS",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_STALE_DAYS)))]
    pub(crate) stale: Option<u32>,
    /// Only people with an account in PROFILE and in no other profile read
    #[arg(long, value_name = "PROFILE", add = ArgValueCandidates::new(profile_candidates))]
    pub(crate) only_in: Option<String>,
    /// Only people with an account in another profile and none in PROFILE
    #[arg(long, value_name = "PROFILE", add = ArgValueCandidates::new(profile_candidates))]
    pub(crate) missing_in: Option<String>,
}

/// One person in JSON: `{"email": ..., "accounts": {"<profile>": "active", ...}}`.
#[derive(Serialize)]
struct Person<'a> {
    email: &'a str,
    accounts: BTreeMap<&'a str, &'static str>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let names = ctx.settings.profile.clone();
    let mut selected = across::select(ctx, &names, Pacing::IfConfigured).await?;
    let cutoff = match args.stale {
        Some(days) => {
            selected = reporting_logins(ctx, selected, &args)?;
            Some(Utc::now() - chrono::Duration::days(i64::from(days)))
        }
        None => None,
    };
    let profiles: Vec<String> = selected.iter().map(|s| s.name.clone()).collect();
    let filter = Filter {
        only_in: position(&profiles, args.only_in.as_deref(), "--only-in")?,
        missing_in: position(&profiles, args.missing_in.as_deref(), "--missing-in")?,
    };
    let (review, fan) = read(ctx, selected, cutoff).await;

    let mut csv_headers = vec!["email".to_string()];
    csv_headers.extend(profiles.iter().cloned());
    let mut headers = vec!["EMAIL".to_string()];
    headers.extend(profiles.iter().cloned());
    let mut writer = ctx.out.grid(headers, csv_headers);
    for (email, cells) in review.rows(filter) {
        let person = Person {
            email,
            accounts: profiles
                .iter()
                .map(String::as_str)
                .zip(cells.iter().map(|c| c.word()))
                .collect(),
        };
        let mut row = vec![email.to_string()];
        row.extend(cells.iter().map(|c| c.word().to_string()));
        writer.push(row, &person)?;
    }
    writer.finish()?;
    for (slot, name) in profiles.iter().enumerate() {
        let n = review.without_email(slot);
        if n > 0 {
            ctx.out.note(format!(
                "{name}: {n} account(s) without an email are not in the review; \
                 `roster --profile {name} users list` shows them"
            ));
        }
    }
    fan.finish()
}

/// Every account of every profile folded into the review, page by page.
async fn read(
    ctx: &Context,
    selected: Vec<Selected>,
    cutoff: Option<DateTime<Utc>>,
) -> (Review, FanOut<review::Seen>) {
    let mut review = Review::new(selected.len());
    let mut fan = FanOut::start(selected, Order::Arrival, move |target, rows| async move {
        let everyone = UserQuery::default();
        across::walk_users(&target, &everyone, &rows, |u| review::seen(u, cutoff)).await
    });
    while let Some((slot, seen)) = fan.next(&ctx.out).await {
        for s in seen {
            review.add(slot, s);
        }
    }
    for slot in 0..fan.names().len() {
        if fan.has_failed(slot) {
            review.failed(slot);
        }
    }
    (review, fan)
}

/// Under `--stale`, the profiles whose vendor reports logins (a profile that is broken is
/// kept, to be reported as such). Says on stderr which are left out.
fn reporting_logins(ctx: &Context, selected: Vec<Selected>, args: &Args) -> Result<Vec<Selected>> {
    let (kept, dropped): (Vec<Selected>, Vec<Selected>) =
        selected.into_iter().partition(|s| match &s.target {
            Ok(t) => t.provider.capabilities().last_login,
            Err(_) => true,
        });
    let dropped: Vec<&str> = dropped.iter().map(|s| s.name.as_str()).collect();
    for (flag, name) in [
        ("--only-in", &args.only_in),
        ("--missing-in", &args.missing_in),
    ] {
        if let Some(name) = name.as_deref().filter(|n| dropped.contains(n)) {
            return Err(Error::usage(format!(
                "{flag} {name}: profile `{name}` does not report logins, so --stale cannot \
                 judge its accounts"
            ))
            .with_hint("drop --stale, or name a profile whose vendor reports logins"));
        }
    }
    if !dropped.is_empty() {
        ctx.out.note(format!(
            "--stale: {} report no logins; their accounts are left out",
            dropped.join(", ")
        ));
    }
    if kept.is_empty() {
        return Err(
            Error::usage("--stale: none of the profiles read reports logins")
                .with_hint("drop --stale, or add --profile with a vendor that reports logins"),
        );
    }
    Ok(kept)
}

/// The column of the profile a filter names; it must be one of the profiles read.
fn position(profiles: &[String], name: Option<&str>, flag: &str) -> Result<Option<usize>> {
    let Some(name) = name else {
        return Ok(None);
    };
    match profiles.iter().position(|p| p == name) {
        Some(slot) => Ok(Some(slot)),
        None => Err(Error::usage(format!(
            "{flag} {name}: not one of the profiles read ({})",
            profiles.join(", ")
        ))
        .with_hint("name one of them, or add it to --profile")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_must_name_a_profile_read() {
        let profiles = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            position(&profiles, Some("b"), "--only-in").unwrap(),
            Some(1)
        );
        assert_eq!(position(&profiles, None, "--only-in").unwrap(), None);
        let e = position(&profiles, Some("c"), "--missing-in").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("(a, b)"), "{e}");
    }
}
