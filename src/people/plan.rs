//! The plan as data: one change per profile and person, what `plan -o json` prints and
//! `--out` saves, and what a saved plan is checked against before `apply` runs it.

use serde::{Deserialize, Serialize};

/// The format of a saved plan; `apply` refuses any other.
pub(crate) const PLAN_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Plan {
    pub(crate) version: u32,
    /// The people file the plan was made from, as given.
    pub(crate) file: String,
    /// That file's text, so `apply PLAN.json` plans it again and compares.
    pub(crate) source: String,
    /// Every profile the file manages, in the file's order.
    pub(crate) profiles: Vec<String>,
    /// Made with `--prune`: `apply` plans the saved plan again the same way.
    #[serde(default)]
    pub(crate) prune: bool,
    pub(crate) changes: Vec<Change>,
    pub(crate) summary: Summary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ChangeKind {
    Create,
    Update,
    Deactivate,
    Delete,
}

impl ChangeKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Create => "create",
            ChangeKind::Update => "update",
            ChangeKind::Deactivate => "deactivate",
            ChangeKind::Delete => "delete",
        }
    }
}

/// One field of an account: what it holds now (`None` for a new account) and what it becomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FieldChange {
    pub(crate) field: String,
    pub(crate) old: Option<String>,
    pub(crate) new: Option<String>,
}

/// One account's change in one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Change {
    pub(crate) profile: String,
    pub(crate) email: String,
    /// The person's line in the file; 0 for an account the file does not name (prune).
    pub(crate) line: u64,
    pub(crate) action: ChangeKind,
    /// The vendor's id of the account; `None` for a create.
    pub(crate) id: Option<String>,
    #[serde(default)]
    pub(crate) fields: Vec<FieldChange>,
    #[serde(default)]
    pub(crate) add_groups: Vec<String>,
    #[serde(default)]
    pub(crate) remove_groups: Vec<String>,
    #[serde(default)]
    pub(crate) add_roles: Vec<String>,
    #[serde(default)]
    pub(crate) remove_roles: Vec<String>,
    /// Why, where it is not the person's own entry: `prune`, `state = "absent"`, ...
    #[serde(default)]
    pub(crate) reason: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub(crate) create: usize,
    pub(crate) update: usize,
    pub(crate) deactivate: usize,
    pub(crate) delete: usize,
}

impl Summary {
    pub(crate) fn of(changes: &[Change]) -> Summary {
        let n = |k: ChangeKind| changes.iter().filter(|c| c.action == k).count();
        Summary {
            create: n(ChangeKind::Create),
            update: n(ChangeKind::Update),
            deactivate: n(ChangeKind::Deactivate),
            delete: n(ChangeKind::Delete),
        }
    }

    pub(crate) fn total(&self) -> usize {
        self.create + self.update + self.deactivate + self.delete
    }

    /// `Plan: 2 to create, 1 to update, 0 to deactivate, 1 to delete.`
    pub(crate) fn line(&self) -> String {
        format!(
            "Plan: {} to create, {} to update, {} to deactivate, {} to delete.",
            self.create, self.update, self.deactivate, self.delete
        )
    }
}

/// What differs between a saved plan and the plan made now, one line per account: empty when
/// the saved plan is still the one to run.
pub(crate) fn stale(saved: &[Change], now: &[Change]) -> Vec<String> {
    let key = |c: &Change| (c.profile.clone(), c.email.to_ascii_lowercase());
    let mut lines = Vec::new();
    for s in saved {
        match now.iter().find(|n| key(n) == key(s)) {
            None => lines.push(format!(
                "{} {}: planned `{}`, now nothing to do",
                s.profile,
                s.email,
                brief(s)
            )),
            Some(n) if n != s => lines.push(format!(
                "{} {}: planned `{}`, now `{}`",
                s.profile,
                s.email,
                brief(s),
                brief(n)
            )),
            Some(_) => {}
        }
    }
    for n in now {
        if !saved.iter().any(|s| key(s) == key(n)) {
            lines.push(format!(
                "{} {}: not in the plan, now `{}`",
                n.profile,
                n.email,
                brief(n)
            ));
        }
    }
    lines
}

/// A change in one line: `update first_name Ada -> Augusta, +group Research`.
pub(crate) fn brief(c: &Change) -> String {
    let mut parts: Vec<String> = c
        .fields
        .iter()
        .map(|f| {
            format!(
                "{} {} -> {}",
                f.field,
                f.old.as_deref().unwrap_or("(none)"),
                f.new.as_deref().unwrap_or("(none)")
            )
        })
        .collect();
    let sets = [
        ("+group", &c.add_groups),
        ("-group", &c.remove_groups),
        ("+role", &c.add_roles),
        ("-role", &c.remove_roles),
    ];
    for (sign, names) in sets {
        parts.extend(names.iter().map(|n| format!("{sign} {n}")));
    }
    if parts.is_empty() {
        c.action.as_str().to_string()
    } else {
        format!("{} {}", c.action.as_str(), parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(email: &str, old: &str) -> Change {
        Change {
            profile: "p".into(),
            email: email.into(),
            line: 3,
            action: ChangeKind::Update,
            id: Some("7".into()),
            fields: vec![FieldChange {
                field: "first_name".into(),
                old: Some(old.into()),
                new: Some("Augusta".into()),
            }],
            add_groups: vec!["Research".into()],
            remove_groups: vec![],
            add_roles: vec![],
            remove_roles: vec![],
            reason: None,
        }
    }

    #[test]
    fn a_saved_plan_is_stale_when_what_it_touches_changed() {
        let saved = vec![change("ada@x.io", "Ada")];
        assert!(stale(&saved, &saved.clone()).is_empty());
        let now = vec![change("ADA@x.io", "Ad")];
        let lines = stale(&saved, &now);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].contains("first_name Ada -> Augusta"), "{lines:?}");
        assert!(lines[0].contains("first_name Ad -> Augusta"), "{lines:?}");
        let lines = stale(&saved, &[]);
        assert!(lines[0].contains("now nothing to do"), "{lines:?}");
        let lines = stale(&[], &saved);
        assert!(lines[0].contains("not in the plan"), "{lines:?}");
    }

    #[test]
    fn the_summary_counts_each_kind() {
        let mut c = vec![change("a@x.io", "A"), change("b@x.io", "B")];
        c[1].action = ChangeKind::Delete;
        let s = Summary::of(&c);
        assert_eq!((s.update, s.delete, s.total()), (1, 1, 2));
        assert_eq!(
            s.line(),
            "Plan: 0 to create, 1 to update, 0 to deactivate, 1 to delete."
        );
    }
}
