//! Rows `--skip-invalid` leaves out: taken out of the plan, and reported as `skipped-invalid`
//! results with their reasons, one per line and profile.

use std::collections::{BTreeMap, HashSet};

use super::input::{InputRow, Problem};
use super::validate::Checked;
use super::{Action, Outcome};

/// The checked rows without the invalid ones. A row with a problem in one profile only is left
/// out of that profile only.
pub(crate) fn drop_invalid(
    checked: Vec<Checked>,
    problems: &[Problem],
    names: &[String],
) -> Vec<Checked> {
    let bad: HashSet<(u64, Option<&str>)> = problems
        .iter()
        .map(|p| (p.line, p.profile.as_deref()))
        .collect();
    checked
        .into_iter()
        .filter(|c| !bad.contains(&(c.row.line, None)))
        .map(|mut c| {
            c.per_target
                .retain(|(i, _)| !bad.contains(&(c.row.line, Some(names[*i].as_str()))));
            c
        })
        .filter(|c| !c.per_target.is_empty())
        .collect()
}

/// One `skipped-invalid` result per line and profile, its reasons joined, in line order. A
/// problem of the whole row counts in every profile the row goes to.
pub(crate) fn skipped(problems: &[Problem], rows: &[InputRow], names: &[String]) -> Vec<Outcome> {
    let by_line: BTreeMap<u64, &InputRow> = rows.iter().map(|r| (r.line, r)).collect();
    let mut reasons: BTreeMap<(u64, String), Vec<String>> = BTreeMap::new();
    for p in problems {
        let row = by_line.get(&p.line);
        let profiles: Vec<String> = match (&p.profile, row.and_then(|r| r.profile.as_ref())) {
            (Some(p), _) => vec![p.clone()],
            (None, Some(routed)) => vec![routed.clone()],
            (None, None) => names.to_vec(),
        };
        for profile in profiles {
            let list = reasons.entry((p.line, profile)).or_default();
            let reason = p.reason();
            if !list.contains(&reason) {
                list.push(reason);
            }
        }
    }
    reasons
        .into_iter()
        .map(|((line, profile), why)| Outcome {
            line,
            profile,
            email: by_line
                .get(&line)
                .map(|r| r.email.clone())
                .unwrap_or_default(),
            action: Action::SkippedInvalid,
            id: None,
            error: Some(why.join("; ")),
            password: None,
            resumed: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_and_profile_once_with_every_reason() {
        let rows = vec![
            InputRow {
                line: 2,
                email: "bad".into(),
                ..InputRow::default()
            },
            InputRow {
                line: 3,
                email: "c@example.com".into(),
                profile: Some("q".into()),
                ..InputRow::default()
            },
        ];
        let mut in_q = Problem::new(3, Some("groups"), "no group named `X`");
        in_q.profile = Some("q".into());
        let problems = vec![
            Problem::new(2, Some("email"), "`bad` is not an email address"),
            Problem::new(2, None, "too long"),
            in_q,
            Problem::new(9, None, "cannot read the row"),
        ];
        let names = vec!["p".to_string(), "q".to_string()];
        let out = skipped(&problems, &rows, &names);
        let keys: Vec<(u64, &str)> = out.iter().map(|o| (o.line, o.profile.as_str())).collect();
        assert_eq!(keys, [(2, "p"), (2, "q"), (3, "q"), (9, "p"), (9, "q")]);
        assert_eq!(
            out[0].error.as_deref(),
            Some("column `email`: `bad` is not an email address; too long")
        );
        assert!(out.iter().all(|o| o.action == Action::SkippedInvalid));
        assert_eq!(out[2].email, "c@example.com");
    }
}
