//! Groups themselves: their members, and creating and deleting them (RFC 7644 §3.3, §3.6).

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::client::Client;
use super::users::group_path;
use super::wire::{get_ci, id_of};
use crate::providers::ProviderError;

pub(crate) const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";

impl Client {
    /// The group resource with this id.
    pub(crate) async fn group_resource(
        &self,
        id: &str,
    ) -> Result<Map<String, Value>, ProviderError> {
        let resp = self
            .send(self.request(Method::GET, &group_path(id)))
            .await?;
        Client::object(&resp, "the group")?
            .ok_or_else(|| ProviderError::protocol("the group came back empty"))
    }

    /// The user resources of a group's members: each member read by id where the group lists
    /// them, else (a service that leaves `members` out, as AWS does) every user whose `groups`
    /// names the group.
    pub(crate) async fn member_resources(
        &self,
        group: &str,
    ) -> Result<Vec<Map<String, Value>>, ProviderError> {
        let resource = self.group_resource(group).await?;
        let Some(members) = get_ci(&resource, "members").and_then(Value::as_array) else {
            return self.users_in(group).await;
        };
        let ids: Vec<String> = members
            .iter()
            .filter_map(Value::as_object)
            .filter_map(|m| get_ci(m, "value").and_then(Value::as_str))
            .map(str::to_string)
            .collect();
        let mut users = Vec::new();
        for id in ids {
            match self.user_resource(&id).await {
                Ok(u) => users.push(u),
                // A member that is a group (nested groups) or already gone is no user to show.
                Err(ProviderError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(users)
    }

    /// Every user whose `groups` attribute names `group`, by walking the user list.
    async fn users_in(&self, group: &str) -> Result<Vec<Map<String, Value>>, ProviderError> {
        let mut found = Vec::new();
        let mut next = None;
        loop {
            let size = self.page_size().await?;
            let page = self.list_page("/Users", None, next.take(), size).await?;
            found.extend(page.items.into_iter().filter(|u| {
                get_ci(u, "groups")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object)
                    .any(|g| get_ci(g, "value").and_then(Value::as_str) == Some(group))
            }));
            match page.next {
                Some(n) => next = Some(n),
                None => return Ok(found),
            }
        }
    }

    /// `POST /Groups` with a display name; SCIM groups have no description.
    pub(crate) async fn create_group(
        &self,
        name: &str,
    ) -> Result<Map<String, Value>, ProviderError> {
        let body = json!({"schemas": [GROUP_SCHEMA], "displayName": name});
        let resp = self
            .send(self.with_body(Method::POST, "/Groups", body))
            .await?;
        let created = Client::object(&resp, "the created group")?
            .ok_or_else(|| ProviderError::protocol("the created group came back empty"))?;
        if id_of(&created).is_none() {
            return Err(ProviderError::protocol("the created group has no id"));
        }
        Ok(created)
    }

    pub(crate) async fn delete_group(&self, id: &str) -> Result<(), ProviderError> {
        let resp = self
            .send(self.request(Method::DELETE, &group_path(id)))
            .await?;
        crate::providers::readable_answer(&resp, "the answer to the delete")
    }
}
