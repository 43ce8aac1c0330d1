//! Any SCIM 2.0 service (RFC 7643, RFC 7644, RFC 9865): Slack, GitHub, Entra, AWS IAM Identity
//! Center, Google Cloud Identity, Okta, and the rest, each service's known quirks as a dialect.

mod client;
pub(crate) mod descriptor;
mod dialect;
mod discovery;
mod error;
mod filter;
mod groups;
mod listing;
mod paging;
mod patch;
mod users;
mod wire;

#[cfg(test)]
mod tests;

use async_trait::async_trait;
use reqwest::Method;
use serde_json::Value;

use super::membership::MemberOutcome;
use super::{Capabilities, HttpClient, Page, Provider, ProviderError, ProviderKind};
use crate::model::{Group, Identity, NewUser, User, UserPatch, UserQuery};
use crate::providers::Profile;
use client::Client;
pub(crate) use dialect::Dialect;
use paging::{Mode, Position};

/// The settings `profiles show` adds: the dialect that applies and where it comes from.
pub(crate) fn shown_settings(base_url: &str, dialect: Option<&str>) -> Vec<(String, String)> {
    match Dialect::for_profile(dialect, base_url) {
        Ok((d, _)) if dialect.is_some() => vec![("dialect".into(), d.name().into())],
        Ok((d, from)) => vec![("dialect".into(), format!("{d} (from {from})"))],
        Err(m) => vec![("dialect".into(), m)],
    }
}

pub(crate) struct Scim {
    client: Client,
}

impl Scim {
    pub(crate) fn new(profile: &Profile, http: HttpClient) -> Result<Self, ProviderError> {
        Ok(Scim {
            client: Client::new(profile, http)?,
        })
    }

    /// One user as a command shows it, with its groups found on the groups where the service
    /// does not show them on the user.
    async fn one_user(&self, map: serde_json::Map<String, Value>) -> Result<User, ProviderError> {
        let c = &self.client;
        let shows_groups = wire::get_ci(&map, "groups").is_some();
        let mut user = wire::to_user(&c.profile, map)?;
        if !shows_groups {
            // Not every service shows `groups` on users; their groups say it instead.
            if let Some(groups) = c.groups_of(&user.id).await? {
                user.groups = groups.iter().filter_map(wire::group_ref).collect();
            }
        }
        Ok(user)
    }

    /// The mode of a listing already started (its first page read the configuration).
    fn mode_now(&self) -> Option<Mode> {
        self.client.mode_now()
    }
}

#[async_trait]
impl Provider for Scim {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Scim
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            deactivate: true,
            reactivate: true,
            delete: true,
            groups: true,
            roles: false,
            members: true,
            create_groups: true,
            delete_groups: true,
            // SCIM's core schema has no login time (`meta.lastModified` is not one).
            last_login: false,
        }
    }

    async fn whoami(&self) -> Result<Identity, ProviderError> {
        let config = self.client.config().await?;
        let c = &self.client;
        let detail = match c.list_page("/Users", None, None, 1).await {
            Ok(page) => match page.total {
                Some(n) => format!("token accepted; {n} users"),
                None => "token accepted".to_string(),
            },
            // Past authentication: the service only refuses to list everyone (Google).
            Err(ProviderError::Invalid { message }) if message.contains("tooMany") => {
                "token accepted".to_string()
            }
            Err(e) => return Err(e),
        };
        Ok(Identity {
            profile: c.profile.clone(),
            provider: "scim".into(),
            base_url: c.base.clone(),
            principal: None,
            detail: Some(format!(
                "{detail}; dialect {} (from {}); PATCH {}, ETags {}",
                c.dialect,
                c.dialect_source,
                if config.patch { "yes" } else { "no" },
                if config.etag { "yes" } else { "no" },
            )),
        })
    }

    async fn list_users(
        &self,
        query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError> {
        let start = cursor.map(Position::decode).transpose_or_bad()?;
        self.client.list_users(query, start).await
    }

    fn offset_cursor(&self, _query: &UserQuery, offset: u64) -> Option<String> {
        if self.mode_now()? != Mode::Index {
            return None;
        }
        Some(Position::Index(paging::start_after(offset)).encode())
    }

    async fn get_user(&self, id: &str) -> Result<User, ProviderError> {
        let map = self.client.user_resource(id).await?;
        self.one_user(map).await
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError> {
        match self.client.find_by_email(email).await? {
            Some(map) => self.one_user(map).await.map(Some),
            None => Ok(None),
        }
    }

    fn validate_new_user(&self, user: &NewUser) -> Result<(), ProviderError> {
        users::validate(user)
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError> {
        users::validate(user)?;
        let c = &self.client;
        let req = c.with_body(Method::POST, "/Users", wire::new_user_body(user));
        let resp = c.send(req).await?;
        let created = Client::object(&resp, "the created user")?
            .ok_or_else(|| ProviderError::protocol("the created user came back empty"))?;
        let created = wire::to_user(&c.profile, created)?;
        if user.groups.is_empty() {
            return Ok(created);
        }
        for g in &user.groups {
            c.change_members(g, std::slice::from_ref(&created.id), &[])
                .await?;
        }
        self.get_user(&created.id).await
    }

    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError> {
        users::check_patch(patch)?;
        let c = &self.client;
        let changes = patch::user_changes(patch);
        let mut dry = false;
        if !changes.is_empty() {
            users::dry_run_tolerant(c.patch_user(id, &changes).await.map(|_| ()), &mut dry)?;
        }
        let me = [id.to_string()];
        for g in &patch.add_groups {
            users::dry_run_tolerant(c.change_members(g, &me, &[]).await, &mut dry)?;
        }
        for g in &patch.remove_groups {
            users::dry_run_tolerant(c.change_members(g, &[], &me).await, &mut dry)?;
        }
        if dry {
            return Err(ProviderError::DryRun);
        }
        self.get_user(id).await
    }

    async fn delete_user(&self, id: &str) -> Result<(), ProviderError> {
        if let Some(w) = self.client.dialect.delete_warning() {
            self.client.http.warn(w);
        }
        let c = &self.client;
        let resp = c
            .send(c.request(Method::DELETE, &users::user_path(id)))
            .await?;
        super::readable_answer(&resp, "the answer to the delete")
    }

    async fn set_active(&self, id: &str, active: bool) -> Result<User, ProviderError> {
        let c = &self.client;
        let answer = c
            .patch_user(id, &[("active".to_string(), Value::Bool(active))])
            .await?;
        match answer {
            Some(map) if wire::id_of(&map).is_some() => wire::to_user(&c.profile, map),
            _ => self.get_user(id).await,
        }
    }

    async fn group_members(&self, group_id: &str) -> Result<Vec<User>, ProviderError> {
        let c = &self.client;
        c.member_resources(group_id)
            .await?
            .into_iter()
            .map(|m| wire::to_user(&c.profile, m))
            .collect()
    }

    /// One PATCH of the group (chunked as the dialect needs); an add of a member already
    /// there, or the removal of one already gone, changes nothing (RFC 7644 §3.5.2).
    async fn add_group_members(
        &self,
        group_id: &str,
        user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.client.change_members(group_id, user_ids, &[]).await?;
        Ok(MemberOutcome::all_done(user_ids))
    }

    async fn remove_group_members(
        &self,
        group_id: &str,
        user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        self.client.change_members(group_id, &[], user_ids).await?;
        Ok(MemberOutcome::all_done(user_ids))
    }

    async fn create_group(
        &self,
        name: &str,
        description: Option<&str>,
    ) -> Result<Group, ProviderError> {
        if description.is_some() {
            return Err(ProviderError::bad_input(
                "SCIM groups have no description; create it with a name only",
            ));
        }
        let c = &self.client;
        let created = c.create_group(name).await?;
        wire::to_group(&c.profile, &created)
            .ok_or_else(|| ProviderError::protocol("the created group has no id"))
    }

    async fn delete_group(&self, group_id: &str) -> Result<(), ProviderError> {
        self.client.delete_group(group_id).await
    }

    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError> {
        let c = &self.client;
        let mut all = Vec::new();
        let mut next = None;
        loop {
            let size = c.page_size().await?;
            let page = c.list_page("/Groups", None, next.take(), size).await?;
            all.extend(
                page.items
                    .iter()
                    .filter_map(|g| wire::to_group(&c.profile, g)),
            );
            match page.next {
                Some(n) => next = Some(n),
                None => return Ok(all),
            }
        }
    }
}

/// `Option<Option<T>>` from decoding a cursor -> a bad cursor is a protocol error.
trait TransposeOrBad {
    fn transpose_or_bad(self) -> Result<Option<Position>, ProviderError>;
}

impl TransposeOrBad for Option<Option<Position>> {
    fn transpose_or_bad(self) -> Result<Option<Position>, ProviderError> {
        match self {
            None => Ok(None),
            Some(Some(p)) => Ok(Some(p)),
            Some(None) => Err(ProviderError::protocol(
                "internal: not a SCIM page position",
            )),
        }
    }
}
