//! LightOn Paradigm: static bearer API key, page-numbered lists, membership through groups.

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::http::{Request, Response};
use super::{Capabilities, Derived, HttpClient, MemberOutcome, Page, Provider, ProviderError};
use crate::model::{
    rfc3339, Group, GroupKind, Identity, NewUser, Ref, Status, User, UserPatch, UserQuery,
};
use crate::providers::Profile;
use crate::providers::ProviderKind;
use crate::secret::Secret;

pub(crate) mod descriptor;
mod groups;
mod wire;

use wire::{decode_error, id_string, WirePage, WireRef, WireUser};

const PAGE_SIZE: u32 = 100;
const LANGUAGES: [&str; 4] = ["ar", "en", "fr", "de"];

pub(crate) struct Paradigm {
    profile: String,
    base: String,
    origin: String,
    token: Secret,
    timeout: std::time::Duration,
    http: HttpClient,
}

impl Paradigm {
    pub(crate) fn new(profile: &Profile, http: HttpClient) -> Result<Self, ProviderError> {
        let token = profile
            .secret("token")
            .cloned()
            .ok_or_else(|| ProviderError::bad_input("the profile has no token"))?;
        let origin = url::Url::parse(&profile.base_url)
            .map(|u| u.origin().ascii_serialization())
            .map_err(|e| ProviderError::bad_input(format!("bad base_url: {e}")))?;
        Ok(Paradigm {
            profile: profile.name.clone(),
            base: profile.base_url.clone(),
            origin,
            token,
            timeout: profile.timeout,
            http,
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(method, format!("{}{path}", self.base), self.timeout).bearer(&self.token)
    }

    /// Follow a `next` link only to the profile's own host: the key must not go elsewhere.
    fn follow(&self, next: &str) -> Result<Request, ProviderError> {
        let same = url::Url::parse(next)
            .map(|u| u.origin().ascii_serialization() == self.origin)
            .unwrap_or(false);
        if !same {
            return Err(ProviderError::protocol(format!(
                "refusing to follow a next link to another host: {next}"
            )));
        }
        Ok(Request::new(Method::GET, next, self.timeout).bearer(&self.token))
    }

    async fn send(&self, req: &Request) -> Result<Response, ProviderError> {
        self.http.send_ok(req, decode_error).await
    }

    fn to_user(&self, w: WireUser) -> User {
        let mut u = User::blank(&self.profile, "paradigm", id_string(&w.id));
        u.status = match (w.is_active, w.invitation_status.as_deref()) {
            (Some(false), _) => Status::Inactive,
            (_, Some("pending")) => Status::Invited,
            _ => Status::Active,
        };
        u.display_name = User::joined_name(w.first_name.as_deref(), w.last_name.as_deref());
        u.email = w.email;
        u.username = w.username;
        u.first_name = w.first_name;
        u.last_name = w.last_name;
        u.created_at = w.date_joined.as_deref().map(rfc3339);
        u.last_login = w.last_login.as_deref().map(rfc3339);
        let to_ref = |r: WireRef| Ref {
            id: id_string(&r.id),
            name: r.name,
        };
        u.groups = w.groups.into_iter().map(to_ref).collect();
        u.roles = w.roles.into_iter().map(to_ref).collect();
        u.extra = w.rest;
        if let Some(s) = w.invitation_status {
            u.extra.insert("invitation_status".into(), Value::String(s));
        }
        u
    }

    fn user_page_request(&self, query: &UserQuery, page: u64) -> Request {
        let mut r = self
            .request(Method::GET, "/api/v3/users")
            .query("page", page)
            .query("page_size", PAGE_SIZE);
        match query.status {
            Some(Status::Inactive) => r = r.query("is_active", "false"),
            Some(_) => r = r.query("is_active", "true"),
            None => {}
        }
        if let Some(g) = &query.group_id {
            r = r.query("group_id", g);
        }
        r
    }

    /// Page through every user until `pick` finds one. Paradigm has no GET by id or email.
    async fn scan(&self, pick: impl Fn(&User) -> bool) -> Result<Option<User>, ProviderError> {
        let query = UserQuery::default();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.list_users(&query, cursor.as_deref()).await?;
            if let Some(u) = page.items.into_iter().find(|u| pick(u)) {
                return Ok(Some(u));
            }
            match page.next {
                Some(n) => cursor = Some(n),
                None => return Ok(None),
            }
        }
    }
}

/// Paradigm's ids are integers; anything else cannot name a user or group.
fn int_ids(what: &str, ids: &[String]) -> Result<Vec<u64>, ProviderError> {
    ids.iter()
        .map(|i| {
            i.trim().parse::<u64>().map_err(|_| {
                ProviderError::bad_input(format!("paradigm {what} ids are numbers; got `{i}`"))
            })
        })
        .collect()
}

fn check_language(lang: &Option<String>) -> Result<(), ProviderError> {
    match lang {
        Some(l) if !LANGUAGES.contains(&l.as_str()) => Err(ProviderError::bad_input(format!(
            "language `{l}` is not one of {}",
            LANGUAGES.join(", ")
        ))),
        _ => Ok(()),
    }
}

/// The email's local part, cleaned to the characters Paradigm usernames allow: what a new
/// user whose username was left blank gets.
pub(crate) fn username_from_email(email: &str) -> String {
    let local = email.split('@').next().unwrap_or_default();
    local
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_'))
        .collect()
}

fn check_username(name: &str) -> Result<(), ProviderError> {
    let ok = !name.is_empty()
        && name.len() <= 150
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '+' | '-' | '_'));
    if ok {
        Ok(())
    } else {
        Err(ProviderError::bad_input(format!(
            "username `{name}` may contain only letters, digits and @ . + - _"
        )))
    }
}

/// Run every step even under `--dry-run`, so all planned writes are shown.
fn dry_run_tolerant(r: Result<(), ProviderError>, dry: &mut bool) -> Result<(), ProviderError> {
    match r {
        Err(ProviderError::DryRun) => {
            *dry = true;
            Ok(())
        }
        other => other,
    }
}

#[async_trait]
impl Provider for Paradigm {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Paradigm
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            deactivate: false,
            reactivate: false,
            delete: true,
            groups: true,
            roles: false,
            members: true,
            create_groups: false,
            delete_groups: false,
            last_login: true,
        }
    }

    async fn whoami(&self) -> Result<Identity, ProviderError> {
        let req = self
            .request(Method::GET, "/api/v3/users")
            .query("page", 1)
            .query("page_size", 1);
        let page: WirePage<WireUser> = self.send(&req).await?.json("the user list")?;
        Ok(Identity {
            profile: self.profile.clone(),
            provider: "paradigm".into(),
            base_url: self.base.clone(),
            principal: None,
            detail: Some(match page.count {
                Some(n) => format!("API key accepted; {n} company members visible"),
                None => "API key accepted".into(),
            }),
        })
    }

    async fn list_users(
        &self,
        query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        let req = match cursor {
            Some(next) => self.follow(next)?,
            None => self.user_page_request(query, 1),
        };
        let page: WirePage<WireUser> = self.send(&req).await?.json("the user list")?;
        Ok(Page {
            items: page.results.into_iter().map(|w| self.to_user(w)).collect(),
            next: page.next,
            total: page.count,
        })
    }

    fn page_cursor(&self, query: &UserQuery, page: u64) -> Option<String> {
        self.user_page_request(query, page).full_url()
    }

    async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
        if id.parse::<u64>().is_err() {
            return Err(ProviderError::not_found(format!(
                "no user with id {id} (paradigm user ids are numbers)"
            )));
        }
        self.scan(|u| u.id == id)
            .await?
            .ok_or_else(|| ProviderError::not_found(format!("no user with id {id}")))
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError> {
        self.scan(|u| {
            u.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
        .await
    }

    fn complete_new_user(&self, user: &mut NewUser) -> Vec<Derived> {
        if user.username.is_some() {
            return Vec::new();
        }
        let derived = username_from_email(&user.email);
        if derived.is_empty() {
            // Nothing usable is left: validation asks for a username.
            return Vec::new();
        }
        user.username = Some(derived.clone());
        vec![Derived {
            field: "username",
            value: derived,
            from: "the email",
        }]
    }

    fn validate_new_user(&self, user: &NewUser) -> Result<(), ProviderError> {
        let username = user
            .username
            .as_deref()
            .ok_or_else(|| ProviderError::bad_input("paradigm needs a username"))?;
        check_username(username)?;
        check_language(&user.language)?;
        int_ids("group", &user.groups)?;
        int_ids("role", &user.roles)?;
        for (what, given) in [
            ("phone", user.phone.is_some()),
            ("password", user.password.is_some()),
            ("name", user.name.is_some()),
            ("description", user.description.is_some()),
            ("--set", !user.extra.is_empty()),
        ] {
            if given {
                return Err(ProviderError::bad_input(format!(
                    "paradigm users have no {what}"
                )));
            }
        }
        Ok(())
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError> {
        self.validate_new_user(user)?;
        let username = user.username.as_deref().unwrap_or_default();
        let mut body = Map::new();
        body.insert("email".into(), json!(user.email));
        body.insert("username".into(), json!(username));
        for (key, value) in [
            ("first_name", &user.first_name),
            ("last_name", &user.last_name),
            ("language", &user.language),
            ("account_expiration_date", &user.expires),
        ] {
            if let Some(v) = value {
                body.insert(key.into(), json!(v));
            }
        }
        if !user.groups.is_empty() {
            body.insert("groups".into(), json!(int_ids("group", &user.groups)?));
        }
        if !user.roles.is_empty() {
            body.insert("roles".into(), json!(int_ids("role", &user.roles)?));
        }
        if let Some(a) = user.active {
            body.insert("is_active".into(), json!(a));
        }
        let req = self
            .request(Method::POST, "/api/v3/users")
            .json(Value::Object(body));
        let created: WireUser = self.send(&req).await?.json("the created user")?;
        Ok(self.to_user(created))
    }

    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError> {
        if !patch.add_roles.is_empty() || !patch.remove_roles.is_empty() {
            return Err(ProviderError::unsupported(
                "paradigm",
                "changing roles after creation",
                None,
            ));
        }
        if patch.active.is_some() {
            return Err(ProviderError::unsupported(
                "paradigm",
                "deactivate",
                Some("roster users delete"),
            ));
        }
        if patch.phone.is_some()
            || patch.name.is_some()
            || patch.description.is_some()
            || !patch.extra.is_empty()
        {
            return Err(ProviderError::bad_input(
                "paradigm users have only first name, last name, language and expiry to change",
            ));
        }
        check_language(&patch.language)?;
        let mut dry = false;
        let mut fields = Map::new();
        for (key, value) in [
            ("first_name", &patch.first_name),
            ("last_name", &patch.last_name),
            ("language", &patch.language),
            ("account_expiration_date", &patch.expires),
        ] {
            if let Some(v) = value {
                fields.insert(key.into(), json!(v));
            }
        }
        if !fields.is_empty() {
            let req = self
                .request(Method::PATCH, &format!("/api/v3/users/{id}"))
                .json(Value::Object(fields));
            dry_run_tolerant(self.send(&req).await.map(|_| ()), &mut dry)?;
        }
        let one = [id.to_string()];
        for (groups, member) in [(&patch.add_groups, true), (&patch.remove_groups, false)] {
            for g in groups {
                let changed = self.change_members(g, &one, member).await;
                let first = changed.and_then(|mut o| match o.pop() {
                    Some(o) => o.result,
                    None => Ok(()),
                });
                dry_run_tolerant(first, &mut dry)?;
            }
        }
        if dry {
            return Err(ProviderError::DryRun);
        }
        self.get_user(id).await
    }

    async fn delete_user(&self, id: &str) -> Result<(), ProviderError> {
        let req = self.request(Method::DELETE, &format!("/api/v3/users/{id}"));
        let resp = self.send(&req).await.map_err(|e| match e {
            // Documented: "A key cannot delete its own user". Say that, not "no permission".
            ProviderError::Forbidden { message } if wire::refuses_own_user(&message) => {
                ProviderError::OwnAccount { message }
            }
            other => other,
        })?;
        super::readable_answer(&resp, "the answer to the delete")
    }

    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        Ok(self
            .group_pages()
            .await?
            .into_iter()
            .map(|g| Group {
                profile: self.profile.clone(),
                provider: "paradigm".into(),
                id: id_string(&g.id),
                name: g.name.unwrap_or_default(),
                kind: GroupKind::Group,
                description: g.description,
            })
            .collect())
    }

    async fn group_members(&self, group_id: &str) -> Result<Vec<User>, ProviderError> {
        self.members(group_id).await
    }

    async fn add_group_members(
        &self,
        group_id: &str,
        user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.change_members(group_id, user_ids, true).await
    }

    async fn remove_group_members(
        &self,
        group_id: &str,
        user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.change_members(group_id, user_ids, false).await
    }
}

#[cfg(test)]
mod tests;
