//! The plan for people: Terraform-style lines per profile and person, and the summary line.

use super::plan::{Change, ChangeKind, Plan};
use crate::redact::cell;

/// The plan as text, colour only when `color`. Every value from the file or a vendor is
/// escaped as a table cell is: a name cannot drive the terminal.
pub(crate) fn text(plan: &Plan, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for profile in &plan.profiles {
        let changes: Vec<&Change> = plan
            .changes
            .iter()
            .filter(|c| &c.profile == profile)
            .collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&paint("1", &cell(profile)));
        out.push('\n');
        for c in changes {
            let (sign, code) = match c.action {
                ChangeKind::Create => ("+", "32"),
                ChangeKind::Update => ("~", "33"),
                ChangeKind::Deactivate | ChangeKind::Delete => ("-", "31"),
            };
            let mut head = format!("  {sign} {} {}", c.action.as_str(), cell(&c.email));
            if let Some(id) = &c.id {
                head.push_str(&format!(" (id {})", cell(id)));
            }
            if let Some(r) = &c.reason {
                head.push_str(&format!("  ({})", cell(r)));
            }
            out.push_str(&paint(code, &head));
            out.push('\n');
            for f in &c.fields {
                let line = match (&f.old, &f.new, c.action) {
                    (_, Some(new), ChangeKind::Create) => format!("      {}: {new:?}", f.field),
                    (old, new, _) => format!(
                        "      {}: {} -> {}",
                        f.field,
                        old.as_ref().map_or("(none)".into(), |o| format!("{o:?}")),
                        new.as_ref().map_or("(none)".into(), |n| format!("{n:?}"))
                    ),
                };
                out.push_str(&line);
                out.push('\n');
            }
            let sets = [
                ("+", "group", &c.add_groups, "32"),
                ("-", "group", &c.remove_groups, "31"),
                ("+", "role", &c.add_roles, "32"),
                ("-", "role", &c.remove_roles, "31"),
            ];
            for (sign, what, names, code) in sets {
                for n in names {
                    out.push_str(&format!(
                        "      {}\n",
                        paint(code, &format!("{sign} {what} {}", cell(n)))
                    ));
                }
            }
        }
    }
    if plan.changes.is_empty() {
        out.push_str("No changes: every account matches the file.\n");
    } else {
        out.push_str(&plan.summary.line());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::plan::{FieldChange, Summary};

    #[test]
    fn changes_read_like_terraform() {
        let changes = vec![Change {
            profile: "paradigm".into(),
            email: "ada@x.io".into(),
            line: 4,
            action: ChangeKind::Update,
            id: Some("2".into()),
            fields: vec![FieldChange {
                field: "first_name".into(),
                old: Some("Ada".into()),
                new: Some("Augusta".into()),
            }],
            add_groups: vec!["Research".into()],
            remove_groups: vec!["Sales".into()],
            add_roles: vec![],
            remove_roles: vec![],
            reason: None,
        }];
        let plan = Plan {
            version: 1,
            file: "p.toml".into(),
            source: String::new(),
            profiles: vec!["paradigm".into(), "cradl".into()],
            prune: false,
            summary: Summary::of(&changes),
            changes,
        };
        let t = text(&plan, false);
        assert_eq!(
            t,
            "paradigm\n  ~ update ada@x.io (id 2)\n      first_name: \"Ada\" -> \"Augusta\"\n      \
             + group Research\n      - group Sales\n\
             Plan: 0 to create, 1 to update, 0 to deactivate, 1 to delete.\n"
                .replace("1 to delete", "0 to delete")
        );
        assert!(text(&plan, true).contains("\x1b[33m"));
    }

    #[test]
    fn names_from_vendors_cannot_drive_the_terminal() {
        let changes = vec![Change {
            profile: "p".into(),
            email: "evil\x1b[2J@x.io".into(),
            line: 0,
            action: ChangeKind::Delete,
            id: Some("1".into()),
            fields: vec![],
            add_groups: vec![],
            remove_groups: vec!["G\x1b]0;title\x07".into()],
            add_roles: vec![],
            remove_roles: vec![],
            reason: Some("prune".into()),
        }];
        let plan = Plan {
            version: 1,
            file: "p.toml".into(),
            source: String::new(),
            profiles: vec!["p".into()],
            prune: true,
            summary: Summary::of(&changes),
            changes,
        };
        assert!(
            !text(&plan, false).contains('\x1b'),
            "{}",
            text(&plan, false)
        );
    }
}
