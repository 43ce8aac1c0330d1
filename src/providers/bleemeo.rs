//! Bleemeo: OAuth2 password grant, DRF page-numbered lists, roles as two booleans, no groups.

pub(crate) mod descriptor;
mod login;
#[cfg(test)]
mod tests;
mod wire;

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::auth::{TokenCache, TokenManager};
use super::http::drf::DrfList;
use super::http::{Request, Response};
use super::{Capabilities, HttpClient, Page, Provider, ProviderError, Revocation};
use crate::model::{Group, GroupKind, Identity, NewUser, User, UserPatch, UserQuery};
use crate::providers::Profile;
use crate::providers::ProviderKind;
use login::PasswordGrant;
use wire::{decode_error, to_user, ROLES};

/// Users per page when listing; Bleemeo allows up to 2500.
const PAGE_SIZE: u32 = 100;
/// Users per page when scanning every user for an email the exact filter missed.
const SCAN_PAGE_SIZE: u32 = 2500;

pub(crate) struct Bleemeo {
    profile: String,
    base: String,
    origin: String,
    username: String,
    account: Option<String>,
    timeout: std::time::Duration,
    http: HttpClient,
    tokens: TokenManager<PasswordGrant>,
    /// What revoking the cached login at logout takes.
    cache: TokenCache,
    client_id: String,
}

impl Bleemeo {
    /// Page `page` of the user list (Bleemeo numbers its pages).
    fn user_page_request(&self, page: u64) -> Request {
        self.request(Method::GET, "/v1/user/")
            .query("page", page)
            .query("page_size", PAGE_SIZE)
    }

    pub(crate) fn new(profile: &Profile, http: HttpClient) -> Result<Self, ProviderError> {
        let username = profile
            .setting("username")
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| ProviderError::bad_input("the profile has no username"))?
            .to_string();
        let password = profile
            .secret("password")
            .cloned()
            .ok_or_else(|| ProviderError::bad_input("the profile has no password"))?;
        let base = profile.base_url.trim_end_matches('/').to_string();
        let origin = url::Url::parse(&base)
            .map(|u| u.origin().ascii_serialization())
            .map_err(|e| ProviderError::bad_input(format!("bad base_url: {e}")))?;
        let flow = PasswordGrant {
            http: http.clone(),
            url: format!("{base}/o/token/"),
            username: username.clone(),
            password,
            client_id: profile
                .setting("client_id")
                .unwrap_or(login::PUBLIC_CLIENT_ID)
                .to_string(),
            timeout: profile.timeout,
        };
        let client_id = flow.client_id.clone();
        let cache = TokenCache::for_profile(profile);
        Ok(Bleemeo {
            profile: profile.name.clone(),
            base,
            origin,
            username,
            account: profile.setting("account_id").map(str::to_string),
            timeout: profile.timeout,
            http,
            tokens: TokenManager::new(flow, cache.clone()),
            cache,
            client_id,
        })
    }

    /// A request to `path` (which ends with a slash, as every Bleemeo path must).
    fn request(&self, method: Method, path: &str) -> Request {
        self.with_account(Request::new(
            method,
            format!("{}{path}", self.base),
            self.timeout,
        ))
    }

    fn with_account(&self, req: Request) -> Request {
        match &self.account {
            Some(a) => req.header("X-Bleemeo-Account", a),
            None => req,
        }
    }

    /// Follow a `next` link only to the profile's own host: the token must not go elsewhere.
    fn follow(&self, next: &str) -> Result<Request, ProviderError> {
        let same = url::Url::parse(next)
            .map(|u| u.origin().ascii_serialization() == self.origin)
            .unwrap_or(false);
        if !same {
            return Err(ProviderError::protocol(format!(
                "refusing to follow a next link to another host: {next}"
            )));
        }
        Ok(self.with_account(Request::new(Method::GET, next, self.timeout)))
    }

    /// Send with the current token; after a 401, renew the token once and retry once.
    async fn send(&self, req: Request) -> Result<Response, ProviderError> {
        let token = self.tokens.token().await?;
        let resp = self.http.send(&req.clone().bearer(&token)).await?;
        let resp = if resp.status == 401 {
            let fresh = self.tokens.renew(&token).await?;
            self.http.send(&req.bearer(&fresh)).await?
        } else {
            resp
        };
        if resp.is_success() {
            Ok(resp)
        } else {
            Err(decode_error(&resp))
        }
    }

    async fn page(&self, req: Request) -> Result<Page<User>, ProviderError> {
        let page: DrfList<Map<String, Value>> = self.send(req).await?.json("the user list")?;
        let (results, next, total) = page.into_parts();
        let items = results
            .into_iter()
            .map(|w| to_user(&self.profile, w))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page { items, next, total })
    }

    fn user_path(id: &str) -> Result<String, ProviderError> {
        // Ids are UUIDs; anything else could escape the path.
        let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if ok {
            Ok(format!("/v1/user/{id}/"))
        } else {
            Err(ProviderError::not_found(format!(
                "no user with id {id} (bleemeo user ids are UUIDs)"
            )))
        }
    }

    async fn write(&self, req: Request, what: &str) -> Result<User, ProviderError> {
        let w: Map<String, Value> = self.send(req).await?.json(what)?;
        to_user(&self.profile, w)
    }
}

/// `is_admin`/`is_manager` for role ids; anything else is not a Bleemeo role.
fn role_flag(role: &str) -> Result<&'static str, ProviderError> {
    ROLES
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(role.trim()))
        .map(|(_, flag)| *flag)
        .ok_or_else(|| {
            ProviderError::bad_input(format!(
                "bleemeo has two roles, admin and manager; got `{role}`"
            ))
        })
}

/// What Bleemeo users do not have, named so the person knows which flag to drop.
fn refuse_fields(given: &[(&str, bool)]) -> Result<(), ProviderError> {
    match given.iter().find(|(_, present)| *present) {
        Some((what, _)) => Err(ProviderError::bad_input(format!(
            "bleemeo users have no {what}"
        ))),
        None => Ok(()),
    }
}

const NO_GROUPS: &str =
    "bleemeo has no groups; its two roles are set with --role, --add-role or --remove-role admin|manager";

#[async_trait]
impl Provider for Bleemeo {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Bleemeo
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            deactivate: false,
            reactivate: false,
            delete: true,
            groups: false,
            roles: true,
            members: false,
            create_groups: false,
            delete_groups: false,
            last_login: true,
        }
    }

    async fn whoami(&self) -> Result<Identity, ProviderError> {
        let me = self.find_user_by_email(&self.username).await?;
        let detail = match me {
            Some(u) => {
                let roles: Vec<&str> = u.roles.iter().map(|r| r.id.as_str()).collect();
                format!(
                    "password grant accepted; member {} of the account, roles: {}",
                    u.id,
                    if roles.is_empty() {
                        "none".into()
                    } else {
                        roles.join(", ")
                    }
                )
            }
            None => "password grant accepted; the login is not listed in this account".into(),
        };
        Ok(Identity {
            profile: self.profile.clone(),
            provider: "bleemeo".into(),
            base_url: self.base.clone(),
            principal: Some(self.username.clone()),
            detail: Some(detail),
        })
    }

    async fn list_users(
        &self,
        _query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        // Status and role filters are applied by the command: Bleemeo has no such filters.
        let req = match cursor {
            Some(next) => self.follow(next)?,
            None => self.user_page_request(1),
        };
        self.page(req).await
    }

    fn page_cursor(&self, _query: &UserQuery, page: u64) -> Option<String> {
        self.user_page_request(page).full_url()
    }

    async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
        let req = self.request(Method::GET, &Self::user_path(id)?);
        let resp = self.send(req).await.map_err(|e| match e {
            ProviderError::NotFound { .. } => {
                ProviderError::not_found(format!("no user with id {id}"))
            }
            other => other,
        })?;
        to_user(&self.profile, resp.json("the user")?)
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError> {
        let same = |u: &User| {
            u.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        };
        // The decided exact filter may be case-sensitive: try the address as given and in
        // lower case, and never trust the filter (a server that ignores it returns everyone).
        let mut tried = Vec::new();
        for candidate in [email.to_string(), email.to_lowercase()] {
            if tried.contains(&candidate) {
                continue;
            }
            let req = self
                .request(Method::GET, "/v1/user/")
                .query("email", &candidate)
                .query("page_size", PAGE_SIZE);
            if let Some(u) = self.page(req).await?.items.into_iter().find(same) {
                return Ok(Some(u));
            }
            tried.push(candidate);
        }
        // Stored with other capitals: only a full scan can find it.
        let mut req = self
            .request(Method::GET, "/v1/user/")
            .query("page", 1)
            .query("page_size", SCAN_PAGE_SIZE);
        loop {
            let page = self.page(req).await?;
            if let Some(u) = page.items.into_iter().find(same) {
                return Ok(Some(u));
            }
            match page.next {
                Some(next) => req = self.follow(&next)?,
                None => return Ok(None),
            }
        }
    }

    /// Every rule create checks, so a bulk import refuses a bad row before it writes anything.
    fn validate_new_user(&self, user: &NewUser) -> Result<(), ProviderError> {
        if !user.groups.is_empty() {
            return Err(ProviderError::bad_input(NO_GROUPS));
        }
        refuse_fields(&[
            ("username (the email is the login)", user.username.is_some()),
            ("phone", user.phone.is_some()),
            (
                "password (Bleemeo mails a password-setup link)",
                user.password.is_some(),
            ),
            ("display name", user.name.is_some()),
            ("description", user.description.is_some()),
            ("language", user.language.is_some()),
            ("expiry", user.expires.is_some()),
        ])?;
        if user.active.is_some() {
            return Err(ProviderError::bad_input(
                "bleemeo invites users; they become active once they set their password: drop --active",
            ));
        }
        wire::settable(&user.extra, false)?;
        for role in &user.roles {
            role_flag(role)?;
        }
        Ok(())
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError> {
        self.validate_new_user(user)?;
        let mut body = wire::settable(&user.extra, false)?;
        body.insert("email".into(), json!(user.email));
        for (key, value) in [
            ("first_name", &user.first_name),
            ("last_name", &user.last_name),
        ] {
            if let Some(v) = value {
                body.insert(key.into(), json!(v));
            }
        }
        for role in &user.roles {
            body.insert(role_flag(role)?.into(), json!(true));
        }
        let req = self
            .request(Method::POST, "/v1/user/")
            .json(Value::Object(body));
        self.write(req, "the created user").await
    }

    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError> {
        if let Some(active) = patch.active {
            return Err(ProviderError::unsupported(
                "bleemeo",
                if active { "reactivate" } else { "deactivate" },
                (!active).then_some("roster users delete"),
            ));
        }
        if !patch.add_groups.is_empty() || !patch.remove_groups.is_empty() {
            return Err(ProviderError::bad_input(NO_GROUPS));
        }
        refuse_fields(&[
            ("phone", patch.phone.is_some()),
            ("display name", patch.name.is_some()),
            ("description", patch.description.is_some()),
            ("language", patch.language.is_some()),
            ("expiry", patch.expires.is_some()),
        ])?;
        let mut body = wire::settable(&patch.extra, true)?;
        for (key, value) in [
            ("first_name", &patch.first_name),
            ("last_name", &patch.last_name),
        ] {
            if let Some(v) = value {
                body.insert(key.into(), json!(v));
            }
        }
        for (roles, on) in [(&patch.add_roles, true), (&patch.remove_roles, false)] {
            for role in roles {
                body.insert(role_flag(role)?.into(), json!(on));
            }
        }
        if body.is_empty() {
            return Err(ProviderError::bad_input("nothing to change"));
        }
        let req = self
            .request(Method::PATCH, &Self::user_path(id)?)
            .json(Value::Object(body));
        self.write(req, "the updated user").await
    }

    async fn delete_user(&self, id: &str) -> Result<(), ProviderError> {
        let req = self.request(Method::DELETE, &Self::user_path(id)?);
        let resp = self.send(req).await?;
        super::readable_answer(&resp, "the answer to the delete")
    }

    /// Bleemeo documents no "me" endpoint: the login is an email, and users are listed by it.
    async fn own_account(&self) -> Result<Option<super::OwnAccount>, ProviderError> {
        Ok(Some(super::OwnAccount {
            id: None,
            email: Some(self.username.clone()),
        }))
    }

    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        // Fixed by the product: nothing to ask the API.
        Ok(ROLES
            .iter()
            .map(|(role, flag)| Group {
                profile: self.profile.clone(),
                provider: "bleemeo".into(),
                id: role.to_string(),
                name: role.to_string(),
                kind: GroupKind::Role,
                description: Some(format!("sets the user's {flag}")),
            })
            .collect())
    }

    async fn revoke_login(&self) -> Result<Revocation, ProviderError> {
        let Some(token) = self.cache.load() else {
            return Ok(Revocation::NothingCached);
        };
        let url = format!("{}/o/revoke_token/", self.base);
        login::revoke(&self.http, &url, &self.client_id, self.timeout, &token).await
    }
}
