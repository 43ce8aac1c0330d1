//! Cradl (formerly Lucidtech): OAuth2 client credentials, nextToken pages, emails on profiles.

mod client;
pub(crate) mod descriptor;
mod profiles;
mod wire;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::{Capabilities, Derived, HttpClient, Page, Provider, ProviderError};
use crate::model::{Group, GroupKind, Identity, NewUser, User, UserPatch, UserQuery};
use crate::providers::Profile;
use crate::providers::ProviderKind;
use client::{user_path, Inner};
use wire::{
    check_email, check_role_id, check_text, check_user_id, merge_metadata, merged_roles,
    metadata_changes, WireUser, WireUsers,
};

/// Where Cradl issues tokens unless the profile sets `auth_url`.
pub(crate) const DEFAULT_AUTH_URL: &str = "https://auth.cradl.ai/oauth2/token";
/// The audience tokens are asked for unless the profile sets `audience`.
pub(crate) const DEFAULT_AUDIENCE: &str = "https://api.cradl.ai/v1";
/// The documented maximum of `maxResults`.
const PAGE_SIZE: u32 = 100;

pub(crate) struct Cradl {
    inner: Arc<Inner>,
}

impl Cradl {
    pub(crate) fn new(profile: &Profile, http: HttpClient) -> Result<Self, ProviderError> {
        // The client secret goes to `auth_url`: the config let it through only under the rule
        // every URL a secret is sent to follows (https, http to this machine, or
        // `allow_insecure_http`), so it is not checked again here, with another rule.
        let auth_url = profile.setting("auth_url").unwrap_or(DEFAULT_AUTH_URL);
        Ok(Cradl {
            inner: Arc::new(Inner::new(profile, http, auth_url)?),
        })
    }
}

/// Refuse what Cradl users do not have, naming the flag that does the nearest thing.
fn refuse(given: &[(&str, bool)]) -> Result<(), ProviderError> {
    match given.iter().find(|(_, set)| *set) {
        Some((what, _)) => Err(ProviderError::bad_input(format!(
            "cradl users have no {what}; they have --name, --description, --role and \
             --set metadata.KEY=VALUE"
        ))),
        None => Ok(()),
    }
}

#[async_trait]
impl Provider for Cradl {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Cradl
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
            last_login: false,
        }
    }

    async fn whoami(&self) -> Result<Identity, ProviderError> {
        let inner = &self.inner;
        let req = inner.request(Method::GET, "/users").query("maxResults", 1);
        inner.send(req).await?;
        Ok(Identity {
            profile: inner.profile.clone(),
            provider: "cradl".into(),
            base_url: inner.base.clone(),
            principal: Some(format!("client {}", inner.client_id)),
            detail: Some(format!(
                "client credentials accepted by {} for {}; the API accepted the token",
                inner.auth_url, inner.audience
            )),
        })
    }

    async fn list_users(
        &self,
        _query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        // Cradl filters nothing on the server; the command filters status and role.
        let mut req = self
            .inner
            .request(Method::GET, "/users")
            .query("maxResults", PAGE_SIZE);
        if let Some(c) = cursor {
            req = req.query("nextToken", c);
        }
        let page: WireUsers = self.inner.send(req).await?.json("the user list")?;
        Ok(Page {
            items: self.inner.to_users(page.users).await?,
            next: page.next_token.filter(|t| !t.is_empty()),
            total: None,
        })
    }

    async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
        check_user_id(id)?;
        let user = self.inner.fetch_user(id).await?;
        self.inner.to_user(user).await
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError> {
        check_email(email)?;
        let query = UserQuery::default();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.list_users(&query, cursor.as_deref()).await?;
            let found = page.items.into_iter().find(|u| {
                u.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email))
            });
            if found.is_some() {
                return Ok(found);
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => return Ok(None),
            }
        }
    }

    /// Cradl users have one display name: first and last names become it when no name is
    /// given, for `users create` and `users import` alike.
    fn complete_new_user(&self, user: &mut NewUser) -> Vec<Derived> {
        if user.name.is_some() {
            return Vec::new();
        }
        let Some(joined) = User::joined_name(user.first_name.as_deref(), user.last_name.as_deref())
        else {
            return Vec::new();
        };
        user.first_name = None;
        user.last_name = None;
        user.name = Some(joined.clone());
        vec![Derived {
            field: "name",
            value: joined,
            from: "the first and last names",
        }]
    }

    fn validate_new_user(&self, user: &NewUser) -> Result<(), ProviderError> {
        check_email(&user.email)?;
        refuse(&[
            ("username", user.username.is_some()),
            (
                "first name besides a name (give --name, or first and last names to join)",
                user.first_name.is_some(),
            ),
            (
                "last name besides a name (give --name, or first and last names to join)",
                user.last_name.is_some(),
            ),
            ("phone", user.phone.is_some()),
            ("password", user.password.is_some()),
            ("groups (use --role)", !user.groups.is_empty()),
            ("language", user.language.is_some()),
            ("expiry", user.expires.is_some()),
            ("--active (new users are invited)", user.active.is_some()),
        ])?;
        for (key, value) in [("name", &user.name), ("description", &user.description)] {
            if let Some(v) = value {
                check_text(key, v)?;
            }
        }
        for r in &user.roles {
            check_role_id(r)?;
        }
        metadata_changes(&user.extra).map(|_| ())
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError> {
        self.validate_new_user(user)?;
        let mut body = Map::new();
        body.insert("email".into(), json!(user.email));
        for (key, value) in [("name", &user.name), ("description", &user.description)] {
            if let Some(v) = value {
                body.insert(key.into(), json!(v));
            }
        }
        if !user.roles.is_empty() {
            body.insert("roleIds".into(), json!(user.roles));
        }
        let changes = metadata_changes(&user.extra)?;
        if !changes.is_empty() {
            body.insert("metadata".into(), merge_metadata(None, &changes));
        }
        let req = self
            .inner
            .request(Method::POST, "/users")
            .json(Value::Object(body));
        let created: WireUser = self.inner.send(req).await?.json("the created user")?;
        if let Some(id) = created.profile_id.clone() {
            // The email was just given; no need to ask the vendor for it.
            self.inner.remember_email(&id, &user.email);
        }
        self.inner.to_user(created).await
    }

    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError> {
        check_user_id(id)?;
        if patch.active.is_some() {
            return Err(ProviderError::unsupported(
                "cradl",
                "deactivate",
                Some("roster users delete"),
            ));
        }
        refuse(&[
            ("first name (use --name)", patch.first_name.is_some()),
            ("last name (use --name)", patch.last_name.is_some()),
            ("phone", patch.phone.is_some()),
            ("language", patch.language.is_some()),
            ("expiry", patch.expires.is_some()),
            (
                "groups (use --add-role/--remove-role)",
                !patch.add_groups.is_empty() || !patch.remove_groups.is_empty(),
            ),
        ])?;
        let mut body = Map::new();
        for (key, value) in [("name", &patch.name), ("description", &patch.description)] {
            if let Some(v) = value {
                check_text(key, v)?;
                body.insert(key.into(), json!(v));
            }
        }
        for r in patch.add_roles.iter().chain(&patch.remove_roles) {
            check_role_id(r)?;
        }
        let changes = metadata_changes(&patch.extra)?;
        let roles_change = !patch.add_roles.is_empty() || !patch.remove_roles.is_empty();
        if roles_change || !changes.is_empty() {
            // PATCH replaces roleIds and metadata whole: start from the user as it is now.
            let current = self.inner.fetch_user(id).await?;
            if roles_change {
                let ids = merged_roles(
                    current.role_ids.as_deref().unwrap_or_default(),
                    &patch.add_roles,
                    &patch.remove_roles,
                );
                body.insert("roleIds".into(), json!(ids));
            }
            if !changes.is_empty() {
                let merged = merge_metadata(current.metadata.as_ref(), &changes);
                body.insert("metadata".into(), merged);
            }
        }
        if body.is_empty() {
            return Err(ProviderError::bad_input(
                "nothing cradl can change: pass --name, --description, --add-role, \
                 --remove-role or --set metadata.KEY=VALUE",
            ));
        }
        let req = self
            .inner
            .request(Method::PATCH, &user_path(id))
            .json(Value::Object(body));
        let updated: WireUser = self.inner.send(req).await?.json("the updated user")?;
        self.inner.to_user(updated).await
    }

    async fn delete_user(&self, id: &str) -> Result<(), ProviderError> {
        check_user_id(id)?;
        // Cradl answers 200 with the deleted user. The command already holds it, but a body
        // garbled on the way leaves the outcome unknown.
        let req = self.inner.request(Method::DELETE, &user_path(id));
        let resp = self.inner.send(req).await?;
        super::readable_answer(&resp, "the answer to the delete")
    }

    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        let roles = self.inner.roles().await?;
        Ok(roles
            .iter()
            .map(|r| Group {
                profile: self.inner.profile.clone(),
                provider: "cradl".into(),
                id: r.role_id.clone(),
                name: r.name.clone().unwrap_or_else(|| r.role_id.clone()),
                kind: GroupKind::Role,
                description: r.description.clone(),
            })
            .collect())
    }
}
