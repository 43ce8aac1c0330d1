//! Paradigm's groups: listed page by page, members changed by `PUT` of the whole `user_ids` list.

use reqwest::Method;
use serde_json::{json, Value};

use super::wire::{id_string, WireGroup, WirePage};
use super::{Paradigm, PAGE_SIZE};
use crate::model::{User, UserQuery};
use crate::providers::{MemberOutcome, ProviderError};

impl Paradigm {
    pub(super) async fn group_pages(&self) -> Result<Vec<WireGroup>, ProviderError> {
        let mut req = self
            .request(Method::GET, "/api/v3/groups")
            .query("page", 1)
            .query("per_page", PAGE_SIZE);
        let mut all = Vec::new();
        loop {
            let page: WirePage<WireGroup> = self.send(&req).await?.json("the group list")?;
            all.extend(page.results);
            match page.next {
                Some(n) => req = self.follow(&n)?,
                None => return Ok(all),
            }
        }
    }

    /// The group `group_id`, read fresh.
    async fn group(&self, group_id: &str) -> Result<WireGroup, ProviderError> {
        number("group", group_id)?;
        self.group_pages()
            .await?
            .into_iter()
            .find(|g| id_string(&g.id) == group_id)
            .ok_or_else(|| ProviderError::not_found(format!("no group with id {group_id}")))
    }

    /// The users the list filtered on `group_id` shows, every page.
    pub(super) async fn members(&self, group_id: &str) -> Result<Vec<User>, ProviderError> {
        number("group", group_id)?;
        let query = UserQuery {
            group_id: Some(group_id.to_string()),
            ..UserQuery::default()
        };
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page =
                crate::providers::Provider::list_users(self, &query, cursor.as_deref()).await?;
            all.extend(page.items);
            match page.next {
                Some(n) => cursor = Some(n),
                None => return Ok(all),
            }
        }
    }

    /// Put `user_ids` in (`member`) or out of `group_id`: read the group fresh, then PUT the
    /// whole list, once, if it changes. Done for a user only when the group the vendor answers
    /// with shows the change.
    pub(super) async fn change_members(
        &self,
        group_id: &str,
        user_ids: &[String],
        member: bool,
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        for id in user_ids {
            number("user", id)?;
        }
        let group = self.group(group_id).await?;
        let mut ids: Vec<Value> = group.user_ids;
        let has = |ids: &[Value], user: &str| ids.iter().any(|v| id_string(v) == user);
        let before = ids.len();
        if member {
            for user in user_ids {
                if !has(&ids, user) {
                    ids.push(int_or_string(user));
                }
            }
        } else {
            ids.retain(|v| !user_ids.contains(&id_string(v)));
        }
        if ids.len() == before {
            return Ok(MemberOutcome::all_done(user_ids));
        }
        let body = json!({
            "name": group.name.unwrap_or_default(),
            "description": group.description,
            "user_ids": ids,
        });
        let req = self
            .request(Method::PUT, &format!("/api/v3/groups/{group_id}"))
            .json(body);
        let answered: WireGroup = self.send(&req).await?.json("the changed group")?;
        Ok(user_ids
            .iter()
            .map(|user| MemberOutcome {
                user_id: user.clone(),
                result: if has(&answered.user_ids, user) == member {
                    Ok(())
                } else {
                    Err(ProviderError::protocol(format!(
                        "the vendor accepted the change but its group {group_id} still {} \
                         user {user}",
                        if member { "lacks" } else { "lists" }
                    )))
                },
            })
            .collect())
    }
}

fn int_or_string(id: &str) -> Value {
    id.parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::String(id.to_string()))
}

/// Paradigm's ids are integers: anything else names nothing there.
fn number(what: &str, id: &str) -> Result<(), ProviderError> {
    if id.parse::<u64>().is_ok() {
        Ok(())
    } else {
        Err(ProviderError::not_found(format!(
            "no {what} with id {id} (paradigm {what} ids are numbers)"
        )))
    }
}
