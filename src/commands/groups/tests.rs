//! The membership and settle logic against an in-memory vendor: what is sent, and how lost
//! answers are settled (the sandbox vendors cannot create or delete groups, so those paths
//! are only reachable here).

use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::membership::{apply, Action};
use super::settle;
use crate::commands::users::outcome::Settled;
use crate::config::Profile;
use crate::context::Target;
use crate::model::{Group, GroupKind, Identity, NewUser, User, UserPatch, UserQuery};
use crate::providers::ProviderKind;
use crate::providers::{Capabilities, MemberOutcome, Page, Provider, ProviderError};

/// What the fake's next write does.
#[derive(Clone, Copy, PartialEq)]
enum Write {
    Answered,
    /// Applied, then the answer lost.
    LostApplied,
    /// Lost before it was applied.
    LostNotApplied,
    Refused,
    DryRun,
}

struct Fake {
    write: Write,
    /// Reads after a write fail.
    lookup_fails: bool,
    members: Mutex<Vec<String>>,
    groups: Mutex<Vec<Group>>,
    /// The user ids each membership write carried.
    sent: Arc<Mutex<Vec<Vec<String>>>>,
    wrote: Mutex<bool>,
}

fn group(id: &str, name: &str) -> Group {
    Group {
        profile: "p".into(),
        provider: "fake".into(),
        id: id.into(),
        name: name.into(),
        kind: GroupKind::Group,
        description: None,
    }
}

fn user(id: &str) -> User {
    let mut u = User::blank("p", "fake", id.into());
    u.email = Some(format!("{id}@example.com"));
    u
}

fn lost() -> ProviderError {
    ProviderError::Network {
        message: "connection reset".into(),
        hint: None,
    }
}

impl Fake {
    fn new(write: Write, lookup_fails: bool) -> Fake {
        Fake {
            write,
            lookup_fails,
            members: Mutex::new(vec!["m".into()]),
            groups: Mutex::new(vec![group("g", "Staff")]),
            sent: Arc::default(),
            wrote: Mutex::new(false),
        }
    }

    /// Run a write per `self.write`: `apply` changes the state.
    fn write<T>(&self, apply: impl FnOnce(), answer: T) -> Result<T, ProviderError> {
        *self.wrote.lock().unwrap() = true;
        match self.write {
            Write::Answered => {
                apply();
                Ok(answer)
            }
            Write::LostApplied => {
                apply();
                Err(lost())
            }
            Write::LostNotApplied => Err(lost()),
            Write::Refused => Err(ProviderError::Forbidden {
                message: "no".into(),
            }),
            Write::DryRun => Err(ProviderError::DryRun),
        }
    }

    fn read(&self) -> Result<(), ProviderError> {
        if self.lookup_fails && *self.wrote.lock().unwrap() {
            Err(ProviderError::Unavailable {
                message: "HTTP 503".into(),
            })
        } else {
            Ok(())
        }
    }

    fn change(&self, ids: &[String], member: bool) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.sent.lock().unwrap().push(ids.to_vec());
        let members = &self.members;
        self.write(
            || {
                let mut m = members.lock().unwrap();
                m.retain(|i| !ids.contains(i));
                if member {
                    m.extend(ids.iter().cloned());
                }
            },
            MemberOutcome::all_done(ids),
        )
    }
}

fn nothing<T>() -> Result<T, ProviderError> {
    Err(ProviderError::protocol("not in the fake"))
}

#[async_trait]
impl Provider for Fake {
    fn kind(&self) -> ProviderKind {
        ProviderKind::ALL[0]
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            groups: true,
            members: true,
            create_groups: true,
            delete_groups: true,
            ..Capabilities::default()
        }
    }
    async fn whoami(&self) -> Result<Identity, ProviderError> {
        nothing()
    }
    async fn list_users(
        &self,
        _: &UserQuery,
        _: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        nothing()
    }
    async fn get_user(&self, _: &str) -> Result<User, ProviderError> {
        nothing()
    }
    async fn find_user_by_email(&self, _: &str) -> Result<Option<User>, ProviderError> {
        nothing()
    }
    async fn create_user(&self, _: &NewUser) -> Result<User, ProviderError> {
        nothing()
    }
    async fn update_user(&self, _: &str, _: &UserPatch) -> Result<User, ProviderError> {
        nothing()
    }
    async fn delete_user(&self, _: &str) -> Result<(), ProviderError> {
        nothing()
    }
    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        self.read()?;
        Ok(self.groups.lock().unwrap().clone())
    }
    async fn group_members(&self, _: &str) -> Result<Vec<User>, ProviderError> {
        self.read()?;
        Ok(self
            .members
            .lock()
            .unwrap()
            .iter()
            .map(|i| user(i))
            .collect())
    }
    async fn add_group_members(
        &self,
        _: &str,
        ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.change(ids, true)
    }
    async fn remove_group_members(
        &self,
        _: &str,
        ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.change(ids, false)
    }
    async fn create_group(&self, name: &str, _: Option<&str>) -> Result<Group, ProviderError> {
        let created = group("new", name);
        let groups = &self.groups;
        let copy = created.clone();
        self.write(|| groups.lock().unwrap().push(copy), created)
    }
    async fn delete_group(&self, id: &str) -> Result<(), ProviderError> {
        let groups = &self.groups;
        self.write(|| groups.lock().unwrap().retain(|g| g.id != id), ())
    }
}

fn target(fake: Fake) -> Target {
    Target {
        profile: Profile {
            name: "p".into(),
            kind: ProviderKind::ALL[0],
            base_url: "http://127.0.0.1:9".into(),
            timeout: std::time::Duration::from_secs(1),
            rate_limit: None,
            settings: Default::default(),
            secrets: Default::default(),
            fresh_login: false,
        },
        provider: Box::new(fake),
        audit: crate::audit::Recorder::off("p", ProviderKind::ALL[0]),
    }
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
}

/// Result rows as (user id, action, error).
type Rows = Vec<(String, Action, String)>;

/// `apply` adding `m` (a member) and `a` to group `g` with the fake's write behaving as given:
/// the rows' (user, action, error), and the notes.
fn add(write: Write, lookup_fails: bool) -> Option<(Rows, Vec<String>)> {
    let t = target(Fake::new(write, lookup_fails));
    let g = group("g", "Staff");
    rt().block_on(async {
        let members = t.provider.group_members("g").await.unwrap();
        let applied = apply(&t, &g, vec![user("m"), user("a")], &members, true)
            .await
            .unwrap()?;
        let rows = applied
            .rows
            .into_iter()
            .map(|r| (r.user_id, r.action, r.error.unwrap_or_default()))
            .collect();
        Some((rows, applied.notes))
    })
}

#[test]
fn only_users_not_yet_as_asked_are_sent_once_and_rows_keep_the_order_asked() {
    let fake = Fake::new(Write::Answered, false);
    let sent = Arc::clone(&fake.sent);
    let t = target(fake);
    let g = group("g", "Staff");
    let actions = |users: Vec<User>, member: bool| {
        rt().block_on(async {
            let members = t.provider.group_members("g").await.unwrap();
            let rows = apply(&t, &g, users, &members, member)
                .await
                .unwrap()
                .unwrap()
                .rows;
            rows.into_iter()
                .map(|r| (r.user_id, r.action))
                .collect::<Vec<_>>()
        })
    };
    let rows = actions(vec![user("m"), user("a"), user("b")], true);
    let own = |pairs: &[(&str, Action)]| -> Vec<(String, Action)> {
        pairs.iter().map(|(i, a)| (i.to_string(), *a)).collect()
    };
    assert_eq!(
        rows,
        own(&[
            ("m", Action::Unchanged),
            ("a", Action::Added),
            ("b", Action::Added)
        ])
    );
    assert_eq!(
        *sent.lock().unwrap(),
        [vec!["a".to_string(), "b".to_string()]]
    );
    // Everyone already in: nothing is sent at all.
    let rows = actions(vec![user("a"), user("m")], true);
    assert_eq!(
        rows,
        own(&[("a", Action::Unchanged), ("m", Action::Unchanged)])
    );
    assert_eq!(sent.lock().unwrap().len(), 1, "no second write");
    // Out: only the member is sent.
    let rows = actions(vec![user("x"), user("m")], false);
    assert_eq!(
        rows,
        own(&[("x", Action::Unchanged), ("m", Action::Removed)])
    );
    assert_eq!(sent.lock().unwrap()[1], ["m".to_string()]);
}

#[test]
fn lost_answers_are_settled_by_reading_the_members_again() {
    let (rows, notes) = add(Write::LostApplied, false).expect("not a dry run");
    assert_eq!(rows[1].1, Action::Added, "{rows:?}");
    assert!(notes[0].contains("the change is there"), "{notes:?}");
    let (rows, _) = add(Write::LostNotApplied, false).expect("not a dry run");
    assert_eq!(rows[1].1, Action::Failed);
    assert!(rows[1].2.contains("not changed"), "{rows:?}");
    let (rows, _) = add(Write::LostApplied, true).expect("not a dry run");
    assert_eq!(rows[1].1, Action::Unknown);
    assert!(rows[1].2.contains("may have been applied"), "{rows:?}");
    // A refusal is plainly failed: nothing to look up.
    let (rows, notes) = add(Write::Refused, true).expect("not a dry run");
    assert_eq!(rows[1].1, Action::Failed);
    assert!(rows[1].2.contains("permission denied"), "{rows:?}");
    assert!(notes.is_empty());
    assert_eq!(rows[0].1, Action::Unchanged, "the member stays unchanged");
    assert!(add(Write::DryRun, false).is_none());
}

#[test]
fn a_lost_create_is_confirmed_only_when_the_group_shows_up() {
    let run = |write, lookup_fails| {
        let t = target(Fake::new(write, lookup_fails));
        rt().block_on(settle::create(&t, "Contractors", None))
    };
    assert!(matches!(run(Write::Answered, false), Ok(Settled::Done(g)) if g.name == "Contractors"));
    assert!(matches!(
        run(Write::LostApplied, false),
        Ok(Settled::Confirmed { value, .. }) if value.name == "Contractors"
    ));
    let f = run(Write::LostNotApplied, false).expect_err("not created");
    assert!(!f.unknown);
    assert!(f.error.to_string().contains("not created"), "{}", f.error);
    let f = run(Write::LostApplied, true).expect_err("unknown");
    assert!(f.unknown);
    assert!(matches!(run(Write::DryRun, false), Ok(Settled::DryRun)));
}

#[test]
fn a_lost_delete_is_confirmed_only_when_the_group_is_gone() {
    let run = |write, lookup_fails| {
        let t = target(Fake::new(write, lookup_fails));
        rt().block_on(settle::delete(&t, &group("g", "Staff")))
    };
    assert!(matches!(run(Write::Answered, false), Ok(Settled::Done(()))));
    assert!(matches!(
        run(Write::LostApplied, false),
        Ok(Settled::Confirmed { .. })
    ));
    let f = run(Write::LostNotApplied, false).expect_err("still there");
    assert!(f.error.to_string().contains("still there: not deleted"));
    let f = run(Write::LostApplied, true).expect_err("unknown");
    assert!(f.unknown);
    let f = run(Write::Refused, false).expect_err("refused");
    assert!(matches!(f.error, ProviderError::Forbidden { .. }));
}
