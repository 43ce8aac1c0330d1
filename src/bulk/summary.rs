//! What an import tells the person at the end: derived values, where generated passwords are,
//! the counts, and the exit.

use std::collections::BTreeMap;
use std::path::Path;

use super::journal::Journal;
use super::{Action, Outcome};
use crate::error::{Error, ErrorKind, Result};
use crate::output::Output;
use crate::providers::Derived;

/// One note per profile and field a vendor derived (Paradigm's usernames), naming the values.
pub(crate) fn note_derived(out: &Output, derived: &[(u64, String, Derived)]) {
    const SHOWN: usize = 5;
    let mut by: BTreeMap<(&str, &str, &str), Vec<String>> = BTreeMap::new();
    for (line, profile, d) in derived {
        by.entry((profile, d.field, d.from))
            .or_default()
            .push(format!("line {line} `{}`", d.value));
    }
    for ((profile, field, from), values) in by {
        let more = values.len().saturating_sub(SHOWN);
        let mut text = format!(
            "{profile}: {field} made from {from} where blank: {}",
            values[..values.len().min(SHOWN)].join(", ")
        );
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
        out.note(text);
    }
}

/// Generated passwords exist nowhere but in this run's output: say where they are.
pub(crate) fn where_passwords_are(out: &Output, outcomes: &[Outcome], report: Option<&Path>) {
    let n = outcomes.iter().filter(|o| o.password.is_some()).count();
    if n == 0 {
        return;
    }
    match report {
        Some(path) => out.note(format!(
            "{n} generated password(s): in the results above and in the report {} (mode 0600); \
             nowhere else",
            path.display()
        )),
        None => out.warn(format!(
            "{n} generated password(s) are only in the results above: keep them now (--report \
             PATH also writes them to a file)"
        )),
    }
}

pub(crate) fn summarize(out: &Output, outcomes: &[Outcome], journal: Option<&Journal>) {
    summarize_as(out, "import", outcomes, journal)
}

/// The counts line, `verb: 3 created, 1 deleted; journal PATH`.
pub(crate) fn summarize_as(
    out: &Output,
    verb: &str,
    outcomes: &[Outcome],
    journal: Option<&Journal>,
) {
    let count = |a: Action| outcomes.iter().filter(|o| o.action == a).count();
    let resumed = outcomes.iter().filter(|o| o.resumed).count();
    let parts: Vec<String> = Action::ALL
        .into_iter()
        .map(|a| (count(a), a))
        .filter(|(n, _)| *n > 0)
        .map(|(n, a)| format!("{n} {}", a.as_str()))
        .collect();
    let mut line = if parts.is_empty() {
        format!("{verb}: 0 rows")
    } else {
        format!("{verb}: {}", parts.join(", "))
    };
    if resumed > 0 {
        line.push_str(&format!(" ({resumed} finished by an earlier run)"));
    }
    if let Some(j) = journal {
        line.push_str(&format!("; journal {}", j.path().display()));
    }
    out.note(line);
}

/// The exit: 130 when interrupted, 7 when any row failed or was skipped as invalid.
pub(crate) fn outcome_error(outcomes: &[Outcome], cancelled: bool) -> Result<()> {
    if cancelled {
        return Err(Error::new(
            ErrorKind::Cancelled,
            "interrupted; finished rows are journaled, run the same import again to resume",
        ));
    }
    let count = |a: Action| outcomes.iter().filter(|o| o.action == a).count();
    let (failed, invalid) = (count(Action::Failed), count(Action::SkippedInvalid));
    if failed + invalid == 0 {
        return Ok(());
    }
    let mut what = Vec::new();
    if failed > 0 {
        what.push(format!("{failed} failed"));
    }
    if invalid > 0 {
        what.push(format!("{invalid} skipped as invalid"));
    }
    Err(Error::new(
        ErrorKind::Partial,
        format!("of {} result(s), {}", outcomes.len(), what.join(" and ")),
    )
    .with_hint(if failed > 0 {
        "fix the causes and run the same import again: finished rows are skipped"
    } else {
        "fix the rows listed as skipped-invalid and run the import again"
    }))
}
