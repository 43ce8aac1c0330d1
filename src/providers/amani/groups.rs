//! Amani's permission groups: listed from `/api/v2/group`; members are the users whose
//! `groups` hold the id, changed by one `PATCH` of the user's whole `groups` list each.

use reqwest::Method;
use serde_json::{json, Map};

use super::rules::role_ids;
use super::wire::{id_string, WireGroup};
use super::Amani;
use crate::model::{Group, GroupKind, User, UserQuery};
use crate::providers::http::drf::DrfList;
use crate::providers::{MemberOutcome, Provider, ProviderError};

impl Amani {
    /// `GET /api/v2/group`: a bare array; a paged envelope is followed too.
    pub(super) async fn groups(&self) -> Result<Vec<Group>, ProviderError> {
        let mut req = self.request(Method::GET, "/api/v2/group");
        let mut all: Vec<WireGroup> = Vec::new();
        loop {
            let list: DrfList<WireGroup> = self.send(req).await?.json("the group list")?;
            let (items, next, _) = list.into_parts();
            all.extend(items);
            match next {
                Some(n) => req = self.follow(&n)?,
                None => break,
            }
        }
        Ok(all
            .into_iter()
            .map(|g| {
                let permissions: Vec<String> = g
                    .permissions
                    .unwrap_or_default()
                    .iter()
                    .map(id_string)
                    .collect();
                Group {
                    profile: self.profile.clone(),
                    provider: "amani".into(),
                    id: id_string(&g.id),
                    name: g.name.unwrap_or_default(),
                    kind: GroupKind::Role,
                    description: (!permissions.is_empty())
                        .then(|| format!("permissions: {}", permissions.join(", "))),
                }
            })
            .collect())
    }

    /// The users holding the group: the user list has no group filter, so every page is read.
    pub(super) async fn members(&self, group_id: &str) -> Result<Vec<User>, ProviderError> {
        let group = group_id.to_string();
        role_ids([&group])?;
        let query = UserQuery::default();
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.list_users(&query, cursor.as_deref()).await?;
            all.extend(
                page.items
                    .into_iter()
                    .filter(|u| u.roles.iter().any(|r| r.id == group)),
            );
            match page.next {
                Some(n) => cursor = Some(n),
                None => return Ok(all),
            }
        }
    }

    /// One user at a time: read the user fresh, PATCH the whole list if it changes, and count
    /// it done only when the user the vendor answers with shows the change.
    pub(super) async fn change_members(
        &self,
        group_id: &str,
        user_ids: &[String],
        member: bool,
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        let group = group_id.to_string();
        role_ids([&group])?;
        let mut outcomes = Vec::with_capacity(user_ids.len());
        for user_id in user_ids {
            let result = self.change_member(user_id, &group, member).await;
            outcomes.push(MemberOutcome {
                user_id: user_id.clone(),
                result,
            });
        }
        Ok(outcomes)
    }

    async fn change_member(
        &self,
        user_id: &str,
        group: &String,
        member: bool,
    ) -> Result<(), ProviderError> {
        let holds = |u: &User| u.roles.iter().any(|r| &r.id == group);
        let current = self.get_user(user_id).await?;
        if holds(&current) == member {
            return Ok(());
        }
        let mut ids = role_ids(current.roles.iter().map(|r| &r.id))?;
        let wanted = role_ids([group])?;
        if member {
            ids.extend(wanted);
        } else {
            ids.retain(|i| !wanted.contains(i));
        }
        let mut body = Map::new();
        body.insert("groups".into(), json!(ids));
        let updated = self.patch(user_id, body).await?;
        if holds(&updated) == member {
            Ok(())
        } else {
            Err(ProviderError::protocol(format!(
                "the vendor accepted the change but user {user_id} {} group {group}",
                if member { "still lacks" } else { "still holds" }
            )))
        }
    }
}
