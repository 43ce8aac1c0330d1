//! User and membership requests: one user by id or email, PATCH (with ETags) or GET + PUT,
//! member changes on the group, and what SCIM users cannot have.

use reqwest::Method;
use serde_json::{Map, Value};

use super::client::Client;
use super::error::{decode_error, is_invalid_filter, precondition_failed, scim_type};
use super::filter::{email_filter, quoted, EMAIL_FORMS};
use super::patch::{apply, member_patches, patch_body, Change};
use super::wire::{for_put, has_email, list_answer, version_of};
use crate::model::{NewUser, UserPatch};
use crate::providers::ProviderError;

/// `/Users/{id}` with the id percent-encoded: an id typed by a person must not reach another
/// path.
pub(crate) fn user_path(id: &str) -> String {
    format!("/Users/{}", segment(id))
}

pub(crate) fn group_path(id: &str) -> String {
    format!("/Groups/{}", segment(id))
}

fn segment(id: &str) -> String {
    id.trim()
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// What a SCIM user cannot be given, refused before anything is sent.
pub(crate) fn validate(user: &NewUser) -> Result<(), ProviderError> {
    refuse(&[
        ("--description", user.description.is_some()),
        ("--expires", user.expires.is_some()),
        ("--role (SCIM services have groups)", !user.roles.is_empty()),
    ])?;
    user.extra.keys().try_for_each(|k| check_path(k))
}

pub(crate) fn check_patch(patch: &UserPatch) -> Result<(), ProviderError> {
    refuse(&[
        ("--description", patch.description.is_some()),
        ("--expires", patch.expires.is_some()),
        (
            "--add-role/--remove-role (SCIM services have groups)",
            !patch.add_roles.is_empty() || !patch.remove_roles.is_empty(),
        ),
    ])?;
    patch.extra.keys().try_for_each(|k| check_path(k))
}

fn refuse(given: &[(&str, bool)]) -> Result<(), ProviderError> {
    match given.iter().find(|(_, set)| *set) {
        Some((what, _)) => Err(ProviderError::bad_input(format!(
            "scim users take no {what}; set any attribute with --set PATH=VALUE"
        ))),
        None => Ok(()),
    }
}

/// A `--set` path: an attribute, `a.b`, or `urn:...:a`; no spaces, brackets or quotes, which
/// would make it a filter.
fn check_path(path: &str) -> Result<(), ProviderError> {
    let ok = !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-' | '$'));
    if ok {
        Ok(())
    } else {
        Err(ProviderError::bad_input(format!(
            "--set `{path}` is not a SCIM attribute path (like title, name.middleName or \
             urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department)"
        )))
    }
}

/// Run every step even under `--dry-run`, so all planned writes are shown.
pub(crate) fn dry_run_tolerant(
    r: Result<(), ProviderError>,
    dry: &mut bool,
) -> Result<(), ProviderError> {
    match r {
        Err(ProviderError::DryRun) => {
            *dry = true;
            Ok(())
        }
        other => other,
    }
}

impl Client {
    /// The user resource with this id, as the service sends it.
    pub(crate) async fn user_resource(
        &self,
        id: &str,
    ) -> Result<Map<String, Value>, ProviderError> {
        if id.trim().is_empty() {
            return Err(ProviderError::not_found("no user with an empty id"));
        }
        let resp = self.send(self.request(Method::GET, &user_path(id))).await?;
        Client::object(&resp, "the user")?
            .ok_or_else(|| ProviderError::protocol("the user came back empty"))
    }

    /// The groups listing `user` as a member, for services whose users do not show their
    /// read-only `groups` attribute (RFC 7643 §4.1.2 lets a service leave it out): each member
    /// filter form in turn, `invalidFilter` moving on. `None` when no form is taken.
    pub(crate) async fn groups_of(
        &self,
        user: &str,
    ) -> Result<Option<Vec<Map<String, Value>>>, ProviderError> {
        let value = quoted(user);
        for filter in [
            format!("members[value eq {value}]"),
            format!("members.value eq {value}"),
            format!("members eq {value}"),
        ] {
            let req = self
                .request(Method::GET, "/Groups")
                .query("filter", filter)
                .query("excludedAttributes", "members");
            let resp = self.send_raw(req).await?;
            if resp.is_success() {
                return Ok(Some(
                    list_answer(resp.json("the user's groups")?)?.resources,
                ));
            }
            if !is_invalid_filter(&resp) {
                return Err(decode_error(&resp));
            }
        }
        Ok(None)
    }

    /// The user with `email`: each filter form in turn from the one that worked last, a 400
    /// `invalidFilter` moving on to the next. The working form is remembered.
    pub(crate) async fn find_by_email(
        &self,
        email: &str,
    ) -> Result<Option<Map<String, Value>>, ProviderError> {
        let start = self.email_form().min(EMAIL_FORMS - 1);
        let mut refusals = Vec::new();
        for form in (start..EMAIL_FORMS).chain(0..start) {
            let req = self
                .request(Method::GET, "/Users")
                .query("filter", email_filter(form, email.trim()));
            let resp = self.send_raw(req).await?;
            if resp.is_success() {
                let answer = list_answer(resp.json("the users found")?)?;
                self.remember_email_form(form);
                return Ok(answer.resources.into_iter().find(|m| has_email(m, email)));
            }
            if !is_invalid_filter(&resp) {
                return Err(decode_error(&resp));
            }
            refusals.push(email_filter(form, "x"));
        }
        Err(ProviderError::Invalid {
            message: format!(
                "the service refused every filter roster finds users by email with ({}); look \
                 the user up by id instead",
                refusals.join("; ")
            ),
        })
    }

    /// Change attributes of a user: PATCH where the service supports it, with `If-Match` where
    /// it gives ETags; else GET + PUT keeping every other attribute. A 412 re-reads and tries
    /// once more. Returns the resource the service answered with, if it sent one.
    pub(crate) async fn patch_user(
        &self,
        id: &str,
        changes: &[Change],
    ) -> Result<Option<Map<String, Value>>, ProviderError> {
        let config = self.config().await?;
        let path = user_path(id);
        for attempt in 0..2 {
            let req = if config.patch {
                let mut req = self.with_body(Method::PATCH, &path, patch_body(changes));
                if config.etag {
                    if let Some(v) = version_of(&self.user_resource(id).await?) {
                        req = req.header("if-match", v);
                    }
                }
                req
            } else {
                let mut current = self.user_resource(id).await?;
                let version = version_of(&current).filter(|_| config.etag);
                apply(&mut current, changes);
                let mut req = self.with_body(Method::PUT, &path, Value::Object(for_put(current)));
                if let Some(v) = version {
                    req = req.header("if-match", v);
                }
                req
            };
            let resp = self.send_raw(req).await?;
            if resp.status == 412 && attempt == 0 {
                continue;
            }
            if resp.status == 412 {
                return Err(precondition_failed("the user"));
            }
            if !resp.is_success() {
                return Err(decode_error(&resp));
            }
            return Client::object(&resp, "the changed user");
        }
        Err(precondition_failed("the user"))
    }

    /// Add `adds` to and remove `removes` from group `group` by PATCH on the group, in as many
    /// requests as the dialect's limits need. `If-Match` is not sent: an add or a removal of
    /// one member loses nobody else's change. Removing a member already gone (`noTarget`) is
    /// done already.
    pub(crate) async fn change_members(
        &self,
        group: &str,
        adds: &[String],
        removes: &[String],
    ) -> Result<(), ProviderError> {
        let path = group_path(group);
        let limits = self.dialect.member_limits();
        let bodies = member_patches(adds, &[], limits)
            .into_iter()
            .map(|b| (b, false))
            .chain(
                member_patches(&[], removes, limits)
                    .into_iter()
                    .map(|b| (b, true)),
            );
        for (body, removal) in bodies {
            let resp = self
                .send_raw(self.with_body(Method::PATCH, &path, body))
                .await?;
            let gone = removal
                && resp.status == 400
                && scim_type(&resp).is_some_and(|t| t.eq_ignore_ascii_case("noTarget"));
            if !resp.is_success() && !gone {
                return Err(decode_error(&resp));
            }
        }
        Ok(())
    }
}
