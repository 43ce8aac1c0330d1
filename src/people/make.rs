//! Making the plan: check the file, read every profile it names at once (each at its own
//! rate), and diff. Shared by `roster plan` and `roster apply`; nothing here writes.

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::sync::watch;

use super::diff::{self, Planned, Side};
use super::file::{self, PeopleFile, ProfileInfo};
use super::live;
use super::plan::{Plan, Summary, PLAN_VERSION};
use crate::bulk::input::Problem;
use crate::config::Config;
use crate::context::Target;
use crate::error::{Error, Result};
use crate::providers::ProviderError;

/// A plan and the work behind it, by target index.
pub(crate) struct Made {
    pub(crate) plan: Plan,
    pub(crate) work: Vec<Vec<Planned>>,
    pub(crate) notes: Vec<String>,
}

/// What the file can know of every configured profile before any client exists: its fields,
/// and groups and roles allowed until the vendor's client says otherwise.
pub(crate) fn infos(config: &Config) -> BTreeMap<String, ProfileInfo> {
    config
        .profiles
        .iter()
        .map(|(name, spec)| {
            let info = ProfileInfo {
                fields: spec.kind.user_fields(),
                groups: true,
                roles: true,
            };
            (name.clone(), info)
        })
        .collect()
}

/// The configured profiles the file names, before anything is built or sent. A file that is
/// not TOML stops here; its other problems are reported by [`make`], all at once.
pub(crate) fn profiles_of(
    shown: &str,
    text: &str,
    known: &BTreeMap<String, ProfileInfo>,
) -> Result<Vec<String>> {
    let (parsed, problems) = file::parse_all(text, known);
    let names = parsed.profiles();
    if names.is_empty() {
        if !problems.is_empty() {
            return Err(problems_error(shown, &problems));
        }
        return Err(Error::usage(format!("{shown} names no profile"))
            .with_hint("set [defaults] profiles = [\"NAME\", ...]"));
    }
    Ok(names)
}

/// The file checked against every profile, the targets' ones as their vendors' clients say.
fn parse_for(
    shown: &str,
    text: &str,
    known: &BTreeMap<String, ProfileInfo>,
    targets: &[Arc<Target>],
) -> Result<PeopleFile> {
    let mut known = known.clone();
    for t in targets {
        let caps = t.provider.capabilities();
        let info = ProfileInfo {
            fields: t.profile.kind.user_fields(),
            groups: caps.groups,
            roles: caps.roles,
        };
        known.insert(t.profile.name.clone(), info);
    }
    file::parse(text, &known).map_err(|p| problems_error(shown, &p))
}

/// Read every target concurrently and plan. `prune` adds `--prune` to the file's own choice.
pub(crate) async fn make(
    shown: &str,
    text: &str,
    known: &BTreeMap<String, ProfileInfo>,
    targets: &[Arc<Target>],
    prune: bool,
    cancel: &watch::Receiver<bool>,
) -> Result<Made> {
    let people = parse_for(shown, text, known, targets)?;
    let mut reads = tokio::task::JoinSet::new();
    for (i, t) in targets.iter().enumerate() {
        let name = &t.profile.name;
        let groups = people.people.iter().any(|p| {
            p.accounts
                .iter()
                .any(|a| &a.profile == name && (a.groups.is_some() || a.roles.is_some()))
        });
        let (t, cancel) = (t.clone(), cancel.clone());
        reads.spawn(async move { (i, live::read(&t, groups, &cancel).await) });
    }
    let mut lives: Vec<Option<live::Live>> = vec![None; targets.len()];
    let mut failed: Option<Error> = None;
    while let Some(done) = reads.join_next().await {
        let (i, result) =
            done.map_err(|e| Error::failure("a profile's reading stopped").with_source(e))?;
        match result {
            Ok(l) => lives[i] = Some(l),
            Err(ProviderError::Interrupted { .. }) => return Err(Error::cancelled()),
            Err(e) => {
                let e = targets[i].err()(e);
                failed.get_or_insert(e);
            }
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    let mut problems: Vec<Problem> = Vec::new();
    let mut notes = Vec::new();
    let mut work = Vec::new();
    let mut changes = Vec::new();
    for (t, live) in targets.iter().zip(lives) {
        let live = live.unwrap_or_default();
        let info = ProfileInfo {
            fields: t.profile.kind.user_fields(),
            groups: t.provider.capabilities().groups,
            roles: t.provider.capabilities().roles,
        };
        let side = Side {
            name: &t.profile.name,
            info: &info,
            provider: t.provider.as_ref(),
            live: &live,
            prune: prune || people.prune.contains(&t.profile.name),
        };
        let d = diff::diff(&people, &side);
        problems.extend(d.problems);
        notes.extend(d.notes);
        changes.extend(d.planned.iter().map(|p| p.change.clone()));
        work.push(d.planned);
    }
    if !problems.is_empty() {
        return Err(problems_error(shown, &problems));
    }
    let plan = Plan {
        version: PLAN_VERSION,
        file: shown.to_string(),
        source: text.to_string(),
        profiles: targets.iter().map(|t| t.profile.name.clone()).collect(),
        prune,
        summary: Summary::of(&changes),
        changes,
    };
    Ok(Made { plan, work, notes })
}

/// Every problem as one usage error (exit 2), one `file:line: message` a line, in line order.
pub(crate) fn problems_error(file: &str, problems: &[Problem]) -> Error {
    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by_key(|p| p.line);
    let lines: Vec<String> = sorted.iter().map(|p| p.render(file)).collect();
    Error::usage(format!(
        "{} problem(s) in {file}; nothing was changed:\n{}",
        problems.len(),
        lines.join("\n")
    ))
    .with_hint("fix them and run the command again")
}
