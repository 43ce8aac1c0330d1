//! `AuditedProvider`: any vendor client, with a line appended to the audit log after each write.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use serde_json::{Map, Value};

use super::{changes, Line, Outcome, TargetRef, Trail};
use crate::model::{Group, Identity, NewUser, User, UserPatch, UserQuery};
use crate::providers::http::status::{watch_writes, Writes};
use crate::providers::ProviderKind;
use crate::providers::{
    Capabilities, Derived, MemberOutcome, OwnAccount, Page, Provider, ProviderError, Revocation,
};

/// How many id -> email pairs a client remembers from what it read, so a line about a delete
/// (which returns nothing) can still name the email. Past this, later users are not kept.
const MAX_REMEMBERED: usize = 200_000;

/// The one place writes are recorded: wraps a profile's client and forwards every call.
pub(crate) struct AuditedProvider {
    inner: Box<dyn Provider>,
    recorder: Recorder,
    emails: Mutex<HashMap<String, String>>,
}

/// Appends the lines of one profile: what its client records, and what a later look-up
/// settles (`Recorder::settled`). Cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct Recorder {
    trail: Arc<Trail>,
    profile: String,
    provider: String,
}

impl Recorder {
    pub(crate) fn new(trail: Arc<Trail>, profile: &str, kind: ProviderKind) -> Recorder {
        Recorder {
            trail,
            profile: profile.to_string(),
            provider: kind.name().to_string(),
        }
    }

    /// A recorder that keeps nothing (tests that build a `Target` by hand).
    #[cfg(test)]
    pub(crate) fn off(profile: &str, kind: ProviderKind) -> Recorder {
        Recorder::new(Trail::off(super::Run::current("")), profile, kind)
    }

    fn line(&self, operation: &str) -> Line {
        Line::new(&self.trail.run, &self.profile, &self.provider, operation)
    }

    /// A write whose outcome was `unknown` has been looked up: append what the vendor shows
    /// (`ok`: it was applied; `failed`: it was not), marked `lookup`.
    pub(crate) fn settled(&self, operation: &str, target: TargetRef, applied: bool) {
        let mut line = self.line(operation);
        line.target = target;
        line.outcome = if applied {
            Outcome::Ok
        } else {
            Outcome::Failed
        };
        line.lookup = true;
        self.trail.append(line);
    }

    /// Append the line of a write that returned `result` (nothing for one never sent).
    fn record<T>(
        &self,
        operation: &str,
        target: TargetRef,
        changes: Map<String, Value>,
        result: &Result<T, ProviderError>,
        writes: Writes,
        unclear_404: bool,
    ) {
        // Refused before sending (a vendor rule, --dry-run, Ctrl-C): nothing reached the vendor.
        if !writes.sent {
            return;
        }
        let (outcome, error) = match result {
            Ok(_) => (Outcome::Ok, None),
            Err(e) if e.outcome_unknown() => (Outcome::Unknown, Some(e)),
            Err(e @ ProviderError::NotFound { .. }) if unclear_404 => (Outcome::Unknown, Some(e)),
            Err(e) => (Outcome::Failed, Some(e)),
        };
        let mut line = self.line(operation);
        line.target = target;
        line.changes = changes;
        line.outcome = outcome;
        line.status = writes.status.or_else(|| error.and_then(status_of));
        line.error = error.map(|e| crate::redact::cut(&crate::redact::scrub(&e.to_string())));
        self.trail.append(line);
    }
}

/// The status an error stands for, where it names one.
fn status_of(e: &ProviderError) -> Option<u16> {
    match e {
        ProviderError::Http { status, .. } | ProviderError::WrongUrl { status, .. } => {
            Some(*status)
        }
        ProviderError::RateLimited { .. } => Some(429),
        _ => None,
    }
}

impl AuditedProvider {
    pub(crate) fn new(inner: Box<dyn Provider>, recorder: Recorder) -> AuditedProvider {
        AuditedProvider {
            inner,
            recorder,
            emails: Mutex::new(HashMap::new()),
        }
    }

    fn remember(&self, user: &User) {
        if let Some(email) = &user.email {
            let mut emails = self.emails.lock().unwrap_or_else(PoisonError::into_inner);
            if emails.len() < MAX_REMEMBERED || emails.contains_key(&user.id) {
                emails.insert(user.id.clone(), email.clone());
            }
        }
    }

    /// The user `id`, with the email the vendor answered, or else the one read before.
    fn target(&self, id: &str, answer: Option<&User>) -> TargetRef {
        let email = answer.and_then(|u| u.email.clone()).or_else(|| {
            self.emails
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(id)
                .cloned()
        });
        TargetRef {
            id: Some(id.to_string()),
            email,
        }
    }
}

impl AuditedProvider {
    /// The lines of `add_group_members` / `remove_group_members`: one per user, with that
    /// user's outcome, or the whole call's error for each user when it failed as a whole.
    fn record_membership(
        &self,
        operation: &str,
        group_id: &str,
        user_ids: &[String],
        result: &Result<Vec<MemberOutcome>, ProviderError>,
        writes: Writes,
    ) {
        match result {
            Ok(outcomes) => self.record_members(
                operation,
                group_id,
                outcomes.iter().map(|o| (o.user_id.as_str(), &o.result)),
                writes,
            ),
            Err(e) => {
                let failed: Result<(), ProviderError> = Err(e.clone());
                self.record_members(
                    operation,
                    group_id,
                    user_ids.iter().map(|id| (id.as_str(), &failed)),
                    writes,
                );
            }
        }
    }

    /// The lines of one membership change (`groups add` / `groups remove`): one per user, the
    /// group in `changes`. `results` pairs each user id with how it went for that user (the
    /// whole call's error for every user when it failed as a whole).
    fn record_members<'a>(
        &self,
        operation: &str,
        group_id: &str,
        results: impl IntoIterator<Item = (&'a str, &'a Result<(), ProviderError>)>,
        writes: Writes,
    ) {
        for (user_id, result) in results {
            let mut changes = Map::new();
            changes.insert("group".into(), Value::String(group_id.to_string()));
            let target = self.target(user_id, None);
            self.recorder
                .record(operation, target, changes, result, writes, false);
        }
    }
}

#[async_trait]
impl Provider for AuditedProvider {
    fn kind(&self) -> ProviderKind {
        self.inner.kind()
    }

    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }

    async fn whoami(&self) -> Result<Identity, ProviderError> {
        self.inner.whoami().await
    }

    async fn list_users(
        &self,
        query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        let page = self.inner.list_users(query, cursor).await?;
        page.items.iter().for_each(|u| self.remember(u));
        Ok(page)
    }

    fn page_cursor(&self, query: &UserQuery, page: u64) -> Option<String> {
        self.inner.page_cursor(query, page)
    }

    fn offset_cursor(&self, query: &UserQuery, offset: u64) -> Option<String> {
        self.inner.offset_cursor(query, offset)
    }

    async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
        let user = self.inner.get_user(id).await?;
        self.remember(&user);
        Ok(user)
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError> {
        let user = self.inner.find_user_by_email(email).await?;
        if let Some(u) = &user {
            self.remember(u);
        }
        Ok(user)
    }

    fn validate_new_user(&self, user: &NewUser) -> Result<(), ProviderError> {
        self.inner.validate_new_user(user)
    }

    fn complete_new_user(&self, user: &mut NewUser) -> Vec<Derived> {
        self.inner.complete_new_user(user)
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError> {
        let (result, writes) = watch_writes(self.inner.create_user(user)).await;
        if let Ok(u) = &result {
            self.remember(u);
        }
        let target = TargetRef {
            id: result.as_ref().ok().map(|u| u.id.clone()),
            email: Some(user.email.clone()),
        };
        let changes = changes::of_new_user(user);
        self.recorder
            .record("create", target, changes, &result, writes, false);
        result
    }

    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError> {
        let (result, writes) = watch_writes(self.inner.update_user(id, patch)).await;
        let target = self.target(id, result.as_ref().ok());
        let changes = changes::of_patch(patch);
        self.recorder
            .record("update", target, changes, &result, writes, false);
        result
    }

    async fn delete_user(&self, id: &str) -> Result<(), ProviderError> {
        let (result, writes) = watch_writes(self.inner.delete_user(id)).await;
        let target = self.target(id, None);
        // A retried DELETE meets the 404 of its own first attempt: unclear until looked up.
        self.recorder
            .record("delete", target, Map::new(), &result, writes, true);
        result
    }

    async fn set_active(&self, id: &str, active: bool) -> Result<User, ProviderError> {
        let (result, writes) = watch_writes(self.inner.set_active(id, active)).await;
        let target = self.target(id, result.as_ref().ok());
        let operation = if active { "reactivate" } else { "deactivate" };
        let mut changes = Map::new();
        changes.insert("active".into(), Value::Bool(active));
        self.recorder
            .record(operation, target, changes, &result, writes, false);
        result
    }

    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        self.inner.list_groups().await
    }

    async fn group_members(&self, group_id: &str) -> Result<Vec<User>, ProviderError> {
        let members = self.inner.group_members(group_id).await?;
        members.iter().for_each(|u| self.remember(u));
        Ok(members)
    }

    async fn add_group_members(
        &self,
        group_id: &str,
        user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        let (result, writes) = watch_writes(self.inner.add_group_members(group_id, user_ids)).await;
        self.record_membership("add_group_member", group_id, user_ids, &result, writes);
        result
    }

    async fn remove_group_members(
        &self,
        group_id: &str,
        user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        let (result, writes) =
            watch_writes(self.inner.remove_group_members(group_id, user_ids)).await;
        self.record_membership("remove_group_member", group_id, user_ids, &result, writes);
        result
    }

    async fn create_group(
        &self,
        name: &str,
        description: Option<&str>,
    ) -> Result<Group, ProviderError> {
        let (result, writes) = watch_writes(self.inner.create_group(name, description)).await;
        let mut changes = Map::new();
        changes.insert("name".into(), Value::String(name.to_string()));
        if let Some(d) = description {
            changes.insert("description".into(), Value::String(d.to_string()));
        }
        let target = TargetRef {
            id: result.as_ref().ok().map(|g| g.id.clone()),
            email: None,
        };
        self.recorder
            .record("create_group", target, changes, &result, writes, false);
        result
    }

    async fn delete_group(&self, group_id: &str) -> Result<(), ProviderError> {
        let (result, writes) = watch_writes(self.inner.delete_group(group_id)).await;
        let target = TargetRef {
            id: Some(group_id.to_string()),
            email: None,
        };
        self.recorder
            .record("delete_group", target, Map::new(), &result, writes, true);
        result
    }

    async fn own_account(&self) -> Result<Option<OwnAccount>, ProviderError> {
        self.inner.own_account().await
    }

    async fn revoke_login(&self) -> Result<Revocation, ProviderError> {
        self.inner.revoke_login().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Destination, Run};

    /// A vendor that refuses every write before sending anything, as a local rule would.
    struct Refusing;

    #[async_trait]
    impl Provider for Refusing {
        fn kind(&self) -> ProviderKind {
            ProviderKind::ALL[0]
        }
        fn capabilities(&self) -> Capabilities {
            Capabilities {
                deactivate: true,
                reactivate: true,
                delete: true,
                groups: true,
                roles: true,
                ..Capabilities::default()
            }
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
        async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
            let mut u = User::blank("p", "paradigm", id.into());
            u.email = Some("read@example.com".into());
            Ok(u)
        }
        async fn find_user_by_email(&self, _: &str) -> Result<Option<User>, ProviderError> {
            Ok(None)
        }
        async fn create_user(&self, _: &NewUser) -> Result<User, ProviderError> {
            Err(ProviderError::bad_input("refused here"))
        }
        async fn update_user(&self, _: &str, _: &UserPatch) -> Result<User, ProviderError> {
            Err(ProviderError::DryRun)
        }
        async fn delete_user(&self, _: &str) -> Result<(), ProviderError> {
            Err(ProviderError::Interrupted { write: true })
        }
        async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
            Ok(Vec::new())
        }
    }

    #[tokio::test]
    async fn a_write_that_never_left_leaves_no_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.log");
        let trail = Trail::new(
            Run::current("users create"),
            Some(Destination::File(path.clone())),
        );
        let recorder = Recorder::new(trail.clone(), "p", ProviderKind::ALL[0]);
        let p = AuditedProvider::new(Box::new(Refusing), recorder.clone());
        let new = NewUser {
            email: "a@example.com".into(),
            ..NewUser::default()
        };
        assert!(p.create_user(&new).await.is_err());
        assert!(p.update_user("1", &UserPatch::default()).await.is_err());
        assert!(p.delete_user("1").await.is_err());
        assert!(!path.exists(), "nothing was sent, nothing is recorded");
        // A look-up's verdict is recorded, with the email the client read before.
        p.get_user("7").await.unwrap();
        assert_eq!(
            p.target("7", None).email.as_deref(),
            Some("read@example.com")
        );
        recorder.settled("delete", p.target("7", None), true);
        let text = std::fs::read_to_string(&path).unwrap();
        let line: Line = serde_json::from_str(text.trim()).unwrap();
        assert!(line.lookup && line.outcome == Outcome::Ok);
        assert_eq!(line.target.email.as_deref(), Some("read@example.com"));
        // A membership change: a line per user, naming the group.
        let (ok, failed): (Result<(), ProviderError>, _) =
            (Ok(()), Err(ProviderError::not_found("no user 8")));
        let sent = Writes {
            sent: true,
            status: Some(204),
        };
        p.record_members("add_group_member", "g1", [("7", &ok), ("8", &failed)], sent);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<Line> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].changes["group"], "g1");
        assert_eq!(lines[1].outcome, Outcome::Ok);
        assert_eq!(lines[2].outcome, Outcome::Failed);
        assert_eq!(lines[2].target.id.as_deref(), Some("8"));
    }
}
