//! Amani: JWT login with refresh, uuid users, permission groups as roles, blocking instead of delete.

pub(crate) mod descriptor;
mod groups;
mod rules;
mod session;
mod wire;

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::auth::{TokenCache, TokenManager};
use super::http::drf::DrfList;
use super::http::{Request, Response};
use super::{Capabilities, HttpClient, MemberOutcome, Page, Provider, ProviderError};
use crate::model::{rfc3339, Group, Identity, NewUser, Ref, Status, User, UserPatch, UserQuery};
use crate::providers::Profile;
use crate::providers::ProviderKind;
use rules::{check_new_user, check_password, role_ids, user_path};
use session::Login;
use wire::{decode_error, group_ref, id_string, WireUser};

const PAGE_SIZE: u32 = 100;

pub(crate) struct Amani {
    profile: String,
    base: String,
    origin: String,
    timeout: std::time::Duration,
    http: HttpClient,
    login: Login,
    tokens: TokenManager<Login>,
    cache: TokenCache,
}

impl Amani {
    pub(crate) fn new(profile: &Profile, http: HttpClient) -> Result<Self, ProviderError> {
        Amani::with_cache(profile, http, TokenCache::for_profile(profile))
    }

    /// `new`, with the token cache given (tests keep theirs in memory).
    fn with_cache(
        profile: &Profile,
        http: HttpClient,
        cache: TokenCache,
    ) -> Result<Self, ProviderError> {
        let username = profile
            .setting("username")
            .map(str::to_string)
            .or_else(|| profile.secret("username").map(|s| s.expose().to_string()))
            .ok_or_else(|| ProviderError::bad_input("the profile has no username"))?;
        let password = profile
            .secret("password")
            .cloned()
            .ok_or_else(|| ProviderError::bad_input("the profile has no password"))?;
        let origin = url::Url::parse(&profile.base_url)
            .map(|u| u.origin().ascii_serialization())
            .map_err(|e| ProviderError::bad_input(format!("bad base_url: {e}")))?;
        let login = Login {
            http: http.clone(),
            base: profile.base_url.clone(),
            username,
            password,
            timeout: profile.timeout,
        };
        Ok(Amani {
            profile: profile.name.clone(),
            base: profile.base_url.clone(),
            origin,
            timeout: profile.timeout,
            http,
            tokens: TokenManager::new(login.clone(), cache.clone()),
            login,
            cache,
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(method, format!("{}{path}", self.base), self.timeout)
    }

    /// Send with a bearer token; after a 401, renew the token once (refresh, else log in) and
    /// retry once. Anything but a 2xx becomes the vendor's error.
    async fn send(&self, req: Request) -> Result<Response, ProviderError> {
        let token = self.tokens.token().await?;
        let mut resp = self.http.send(&req.clone().bearer(&token)).await?;
        if resp.status == 401 {
            let renewed = self.tokens.renew(&token).await?;
            resp = self.http.send(&req.bearer(&renewed)).await?;
        }
        if resp.is_success() {
            Ok(resp)
        } else {
            Err(decode_error(&resp))
        }
    }

    /// A `next` link, followed only to the profile's own host: the token must not go elsewhere.
    fn follow(&self, next: &str) -> Result<Request, ProviderError> {
        let base = url::Url::parse(&format!("{}/", self.base))
            .map_err(|e| ProviderError::protocol(format!("bad base_url: {e}")))?;
        let url = base
            .join(next)
            .map_err(|_| ProviderError::protocol(format!("unreadable next link: {next}")))?;
        if url.origin().ascii_serialization() != self.origin {
            return Err(ProviderError::protocol(format!(
                "refusing to follow a next link to another host: {next}"
            )));
        }
        Ok(Request::new(Method::GET, url.as_str(), self.timeout))
    }

    fn to_user(&self, w: WireUser) -> User {
        let mut u = User::blank(&self.profile, "amani", id_string(&w.id));
        u.status = match w.is_active {
            Some(false) => Status::Inactive,
            _ => Status::Active,
        };
        u.display_name = User::joined_name(w.first_name.as_deref(), w.last_name.as_deref());
        // The username is the email; either may be missing from an answer.
        u.email = w
            .email
            .or_else(|| w.username.clone().filter(|n| n.contains('@')));
        u.username = w.username;
        u.first_name = w.first_name;
        u.last_name = w.last_name;
        // Permission groups are what Amani calls roles.
        u.roles = w
            .groups
            .unwrap_or_default()
            .iter()
            .map(group_ref)
            .map(|(id, name)| Ref { id, name })
            .collect();
        let mut extra = w.rest;
        let time = |v: Option<Value>| v.as_ref().and_then(Value::as_str).map(rfc3339);
        u.created_at = time(extra.remove("date_joined"));
        u.last_login = time(extra.remove("last_login"));
        u.extra = extra;
        u
    }

    /// Every page of the user list from `first`, until `pick` finds a user.
    async fn scan(
        &self,
        query: &UserQuery,
        pick: impl Fn(&User) -> bool,
    ) -> Result<Option<User>, ProviderError> {
        let mut cursor: Option<String> = None;
        loop {
            let page = self.list_users(query, cursor.as_deref()).await?;
            if let Some(u) = page.items.into_iter().find(|u| pick(u)) {
                return Ok(Some(u));
            }
            match page.next {
                Some(n) => cursor = Some(n),
                None => return Ok(None),
            }
        }
    }

    async fn patch(&self, id: &str, body: Map<String, Value>) -> Result<User, ProviderError> {
        let req = self
            .request(Method::PATCH, &user_path(id)?)
            .json(Value::Object(body));
        let updated: WireUser = self.send(req).await?.json("the updated user")?;
        Ok(self.to_user(updated))
    }
}

#[async_trait]
impl Provider for Amani {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Amani
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            deactivate: true,
            reactivate: true,
            delete: false,
            groups: false,
            roles: true,
            members: true,
            create_groups: false,
            delete_groups: false,
            last_login: false,
        }
    }

    /// Always a real login, so `profiles check` tests the password and not a cached token.
    async fn whoami(&self) -> Result<Identity, ProviderError> {
        let (token, who) = self.login.sign_in().await?;
        self.cache.store(&token);
        let mut detail = format!(
            "signed in as {}",
            who.username.as_deref().unwrap_or(&self.login.username)
        );
        if let Some(name) = &who.name {
            detail.push_str(&format!(" ({name})"));
        }
        if let Some(id) = &who.id {
            detail.push_str(&format!("; user id {id}"));
        }
        if let Some(company) = &who.company {
            detail.push_str(&format!("; company {company}"));
        }
        Ok(Identity {
            profile: self.profile.clone(),
            provider: "amani".into(),
            base_url: self.base.clone(),
            principal: Some(who.username.unwrap_or_else(|| self.login.username.clone())),
            detail: Some(detail),
        })
    }

    /// Status and group filters are left to the caller: the decided list has only `email`.
    async fn list_users(
        &self,
        query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        let req = match cursor {
            Some(next) => self.follow(next)?,
            None => user_page_request(self, query, 1),
        };
        let list: DrfList<WireUser> = self.send(req).await?.json("the user list")?;
        let (items, next, total) = list.into_parts();
        Ok(Page {
            items: items.into_iter().map(|w| self.to_user(w)).collect(),
            next,
            total,
        })
    }

    fn page_cursor(&self, query: &UserQuery, page: u64) -> Option<String> {
        user_page_request(self, query, page).full_url()
    }

    async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
        let req = self.request(Method::GET, &user_path(id)?);
        let user: WireUser = self.send(req).await?.json("the user")?;
        Ok(self.to_user(user))
    }

    /// The `email` filter first; every page is checked, so a vendor that ignores the filter
    /// (or matches case-sensitively, then retried in lowercase) still finds the user.
    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError> {
        let same = |u: &User| {
            [&u.email, &u.username]
                .into_iter()
                .flatten()
                .any(|e| e.eq_ignore_ascii_case(email))
        };
        let mut tries = vec![email.to_string()];
        if email.to_lowercase() != email {
            tries.push(email.to_lowercase());
        }
        for e in tries {
            let query = UserQuery {
                email: Some(e),
                ..UserQuery::default()
            };
            if let Some(u) = self.scan(&query, same).await? {
                return Ok(Some(u));
            }
        }
        Ok(None)
    }

    /// Every rule Amani is known to enforce on a new user, checked before anything is sent.
    fn validate_new_user(&self, user: &NewUser) -> Result<(), ProviderError> {
        check_new_user(user)
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError> {
        self.validate_new_user(user)?;
        let password = check_password(user)?;
        let roles = role_ids(user.groups.iter().chain(&user.roles))?;
        let mut body = Map::new();
        body.insert("email".into(), json!(user.email));
        body.insert("password".into(), json!(password.expose()));
        for (key, value) in [
            ("first_name", &user.first_name),
            ("last_name", &user.last_name),
            ("phone", &user.phone),
        ] {
            if let Some(v) = value {
                body.insert(key.into(), json!(v));
            }
        }
        if !roles.is_empty() {
            body.insert("groups".into(), json!(roles));
        }
        // `--active` asks for the vendor's default: new Amani users are active.
        let req = self
            .request(Method::POST, "/api/v2/user")
            .json(Value::Object(body));
        let created: WireUser = self.send(req).await?.json("the created user")?;
        Ok(self.to_user(created))
    }

    /// One PATCH. Role changes read the user first: `groups` replaces the whole list.
    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError> {
        rules::refuse_foreign(&[
            ("display name (--name)", patch.name.is_some()),
            ("description", patch.description.is_some()),
            ("language", patch.language.is_some()),
            ("expiry date", patch.expires.is_some()),
            ("vendor-only fields (--set)", !patch.extra.is_empty()),
        ])?;
        let add = role_ids(patch.add_groups.iter().chain(&patch.add_roles))?;
        let remove = role_ids(patch.remove_groups.iter().chain(&patch.remove_roles))?;
        let mut body = Map::new();
        for (key, value) in [
            ("first_name", &patch.first_name),
            ("last_name", &patch.last_name),
            ("phone", &patch.phone),
        ] {
            if let Some(v) = value {
                body.insert(key.into(), json!(v));
            }
        }
        if let Some(active) = patch.active {
            body.insert("is_active".into(), json!(active));
        }
        if !add.is_empty() || !remove.is_empty() {
            let current = self.get_user(id).await?;
            let mut ids = role_ids(current.roles.iter().map(|r| &r.id))?;
            ids.retain(|i| !remove.contains(i));
            for i in add {
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
            body.insert("groups".into(), json!(ids));
        }
        if body.is_empty() {
            return self.get_user(id).await;
        }
        self.patch(id, body).await
    }

    async fn delete_user(&self, _id: &str) -> Result<(), ProviderError> {
        Err(ProviderError::unsupported(
            "amani",
            "delete",
            Some("roster users deactivate"),
        ))
    }

    /// The login email, and the user id SimpleJWT puts in its tokens' `user_id` claim.
    async fn own_account(&self) -> Result<Option<super::OwnAccount>, ProviderError> {
        let token = self.tokens.token().await?;
        Ok(Some(super::OwnAccount {
            id: session::jwt_claim(token.expose(), "user_id"),
            email: Some(self.login.username.clone()),
        }))
    }

    async fn set_active(&self, id: &str, active: bool) -> Result<User, ProviderError> {
        let mut body = Map::new();
        body.insert("is_active".into(), json!(active));
        self.patch(id, body).await
    }

    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        self.groups().await
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

/// Page `page` of the user list, with the decided `email` filter when looking one up.
fn user_page_request(amani: &Amani, query: &UserQuery, page: u64) -> Request {
    let mut r = amani
        .request(Method::GET, "/api/v2/user")
        .query("page", page)
        .query("page_size", PAGE_SIZE);
    if let Some(email) = &query.email {
        r = r.query("email", email);
    }
    r
}
