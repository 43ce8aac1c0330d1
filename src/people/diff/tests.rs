use std::collections::BTreeMap;

use async_trait::async_trait;

use super::*;
use crate::model::{GroupKind, Identity, UserQuery};
use crate::people::file::{parse, ProfileInfo};
use crate::providers::ProviderKind;
use crate::providers::{OwnAccount, Page, ProviderError};

/// A vendor that only answers what the diff asks: its kind and capabilities.
struct Fake {
    caps: Capabilities,
}

#[async_trait]
impl Provider for Fake {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Bleemeo
    }
    fn capabilities(&self) -> Capabilities {
        self.caps
    }
    async fn whoami(&self) -> Result<Identity, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn list_users(
        &self,
        _: &UserQuery,
        _: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn get_user(&self, _: &str) -> Result<User, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn find_user_by_email(&self, _: &str) -> Result<Option<User>, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn create_user(&self, _: &NewUser) -> Result<User, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn update_user(&self, _: &str, _: &UserPatch) -> Result<User, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn delete_user(&self, _: &str) -> Result<(), ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        Err(ProviderError::protocol("unused"))
    }
}

const INFO: ProfileInfo = ProfileInfo {
    fields: &["first_name", "last_name"],
    groups: true,
    roles: false,
};

fn caps(deactivate: bool, delete: bool) -> Capabilities {
    Capabilities {
        deactivate,
        reactivate: deactivate,
        delete,
        groups: true,
        roles: false,
        ..Capabilities::default()
    }
}

fn user(id: &str, email: Option<&str>, first: &str, groups: &[&str]) -> User {
    let mut u = User::blank("p", "fake", id.into());
    u.email = email.map(str::to_string);
    u.first_name = Some(first.into());
    u.groups = groups
        .iter()
        .map(|g| Ref {
            id: g.to_string(),
            name: Some(format!("G{g}")),
        })
        .collect();
    u
}

fn group(id: &str) -> Group {
    Group {
        profile: "p".into(),
        provider: "fake".into(),
        id: id.into(),
        name: format!("G{id}"),
        kind: GroupKind::Group,
        description: None,
    }
}

fn run(text: &str, live: &Live, caps: Capabilities, prune: bool) -> Diffed {
    let mut known = BTreeMap::new();
    known.insert("p".to_string(), INFO);
    let file = parse(text, &known).unwrap();
    let fake = Fake { caps };
    diff(
        &file,
        &Side {
            name: "p",
            info: &INFO,
            provider: &fake,
            live,
            prune,
        },
    )
}

fn kinds(d: &Diffed) -> Vec<(ChangeKind, String)> {
    d.planned
        .iter()
        .map(|p| (p.change.action, p.change.email.clone()))
        .collect()
}

#[test]
fn matches_by_email_in_any_case_and_moves_groups() {
    let live = Live {
        users: vec![user("1", Some("ADA@x.io"), "Ada", &["1", "2"])],
        groups: vec![group("1"), group("2"), group("3")],
        own: None,
    };
    let text = "[defaults]\nprofiles = [\"p\"]\n[[person]]\nemail = \"ada@X.io\"\n\
                first_name = \"Augusta\"\np = { groups = [\"g2\", \"G3\"] }\n";
    let d = run(text, &live, caps(true, true), false);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert_eq!(d.planned.len(), 1);
    let c = &d.planned[0].change;
    assert_eq!(c.action, ChangeKind::Update);
    assert_eq!(c.fields[0].old.as_deref(), Some("Ada"));
    assert_eq!(c.fields[0].new.as_deref(), Some("Augusta"));
    assert_eq!(c.add_groups, ["G3"]);
    assert_eq!(c.remove_groups, ["G1"]);
    let Work::Update { patch, .. } = &d.planned[0].work else {
        panic!("an update");
    };
    assert_eq!(patch.add_groups, ["3"]);
    assert_eq!(patch.remove_groups, ["1"]);

    // The same file again after it was applied: nothing.
    let live = Live {
        users: vec![user("1", Some("ada@x.io"), "Augusta", &["2", "3"])],
        ..live
    };
    assert!(run(text, &live, caps(true, true), false).planned.is_empty());
}

#[test]
fn prune_removes_others_but_never_the_login_or_an_account_without_email() {
    let live = Live {
        users: vec![
            user("1", Some("kept@x.io"), "K", &[]),
            user("2", Some("other@x.io"), "O", &[]),
            user("3", Some("me@x.io"), "M", &[]),
            user("4", None, "N", &[]),
        ],
        groups: vec![],
        own: Some(OwnAccount {
            id: None,
            email: Some("ME@x.io".into()),
        }),
    };
    let text = "[defaults]\nprofiles = [\"p\"]\n[[person]]\nemail = \"kept@x.io\"\n";
    assert!(
        run(text, &live, caps(true, true), false).planned.is_empty(),
        "no prune"
    );
    let d = run(text, &live, caps(true, true), true);
    assert_eq!(
        kinds(&d),
        [(ChangeKind::Deactivate, "other@x.io".to_string())]
    );
    assert_eq!(d.planned[0].change.line, 0);
    assert!(
        d.notes.iter().any(|n| n.contains("without an email")),
        "{:?}",
        d.notes
    );
    assert!(
        d.notes.iter().any(|n| n.contains("me@x.io")),
        "{:?}",
        d.notes
    );
    // Where the vendor cannot deactivate, it deletes.
    let d = run(text, &live, caps(false, true), true);
    assert_eq!(kinds(&d), [(ChangeKind::Delete, "other@x.io".to_string())]);
}

#[test]
fn states_decide_between_nothing_deactivate_and_delete() {
    let mut inactive = user("2", Some("b@x.io"), "B", &[]);
    inactive.status = Status::Inactive;
    let live = Live {
        users: vec![user("1", Some("a@x.io"), "A", &[]), inactive],
        groups: vec![],
        own: None,
    };
    let text = "[defaults]\nprofiles = [\"p\"]\n\
                [[person]]\nemail = \"a@x.io\"\nstate = \"inactive\"\n\
                [[person]]\nemail = \"b@x.io\"\nstate = \"absent\"\n\
                [[person]]\nemail = \"c@x.io\"\nstate = \"absent\"\n";
    let d = run(text, &live, caps(true, true), false);
    assert_eq!(
        kinds(&d),
        [
            (ChangeKind::Deactivate, "a@x.io".to_string()),
            (ChangeKind::Delete, "b@x.io".to_string()),
        ]
    );
    // No delete: an absent account is deactivated, and one already inactive is left.
    let d = run(text, &live, caps(true, false), false);
    assert_eq!(kinds(&d), [(ChangeKind::Deactivate, "a@x.io".to_string())]);
    // A present person who is inactive is reactivated where the vendor can.
    let text = "[defaults]\nprofiles = [\"p\"]\n[[person]]\nemail = \"b@x.io\"\n";
    let d = run(text, &live, caps(true, true), false);
    assert_eq!(d.planned[0].change.fields[0].field, "status");
    let d = run(text, &live, caps(false, true), false);
    assert!(d.planned.is_empty());
    assert!(d.notes[0].contains("cannot reactivate"), "{:?}", d.notes);
}

#[test]
fn an_unknown_group_is_a_problem_at_its_line() {
    let live = Live {
        users: vec![],
        groups: vec![group("1")],
        own: None,
    };
    let text = "[defaults]\nprofiles = [\"p\"]\n[[person]]\nemail = \"n@x.io\"\n\
                p = { groups = [\"G1\",\n \"Nope\"] }\n";
    let d = run(text, &live, caps(true, true), false);
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].line, 6);
    assert!(
        d.problems[0].message.contains("known: G1"),
        "{:?}",
        d.problems
    );
    assert!(d.planned.is_empty());
}
