//! Bleemeo's OAuth2 password grant at `/o/token/` and its refresh grant, as an `auth::Flow`, and
//! the revocation at `/o/revoke_token/` that `profiles logout` sends.

use async_trait::async_trait;
use reqwest::Method;
use serde_json::Value;

use crate::providers::auth::{AccessToken, Flow};
use crate::providers::http::{decode, FormValue, Request, Response};
use crate::providers::{HttpClient, ProviderError, Revocation};
use crate::secret::Secret;

/// The public client of Bleemeo's own tools, used unless the profile names another.
pub(super) const PUBLIC_CLIENT_ID: &str = "1fc6de3e-8750-472e-baea-3ba22bb4eb56";

pub(super) struct PasswordGrant {
    pub(crate) http: HttpClient,
    /// `<base>/o/token/`
    pub(crate) url: String,
    pub(crate) username: String,
    pub(crate) password: Secret,
    pub(crate) client_id: String,
    pub(crate) timeout: std::time::Duration,
}

#[async_trait]
impl Flow for PasswordGrant {
    async fn login(&self) -> Result<AccessToken, ProviderError> {
        self.ask(vec![
            plain("grant_type", "password"),
            plain("username", &self.username),
            ("password".into(), FormValue::Secret(self.password.clone())),
            plain("client_id", &self.client_id),
        ])
        .await
    }

    async fn refresh(&self, refresh: &Secret) -> Result<AccessToken, ProviderError> {
        self.ask(vec![
            plain("grant_type", "refresh_token"),
            ("refresh_token".into(), FormValue::Secret(refresh.clone())),
            plain("client_id", &self.client_id),
        ])
        .await
    }
}

impl PasswordGrant {
    async fn ask(&self, form: Vec<(String, FormValue)>) -> Result<AccessToken, ProviderError> {
        // A token request changes nothing: `--dry-run` still logs in to show real ids.
        let req = Request::new(Method::POST, &self.url, self.timeout)
            .form(form)
            .not_a_write();
        let resp = self.http.send_ok(&req, decode_token_error).await?;
        read_token(&resp)
    }
}

/// Revoke `token` at `<base>/o/revoke_token/` as Bleemeo's own client's logout does (bleemeo
/// 0.10.0 _authenticator.py:123-151): the refresh token, with its hint and the client id, and 200
/// as the only success. Revoking the refresh token ends its access token too.
pub(super) async fn revoke(
    http: &HttpClient,
    revoke_url: &str,
    client_id: &str,
    timeout: std::time::Duration,
    token: &AccessToken,
) -> Result<Revocation, ProviderError> {
    let (secret, hint) = match &token.refresh {
        Some(refresh) => (refresh.clone(), "refresh_token"),
        None => (token.access.clone(), "access_token"),
    };
    let req = Request::new(Method::POST, revoke_url, timeout).form(vec![
        ("token".into(), FormValue::Secret(secret)),
        plain("token_type_hint", hint),
        plain("client_id", client_id),
    ]);
    let resp = http.send(&req).await?;
    if resp.status == 200 {
        Ok(Revocation::Revoked)
    } else {
        Err(decode_token_error(&resp))
    }
}

fn plain(key: &str, value: &str) -> (String, FormValue) {
    (key.to_string(), FormValue::Plain(value.to_string()))
}

/// The token answer, read by hand: a serde error message could quote a token.
pub(super) fn read_token(resp: &Response) -> Result<AccessToken, ProviderError> {
    let body: Value = serde_json::from_slice(&resp.body).map_err(|_| {
        ProviderError::protocol(format!(
            "the token answer (HTTP {}) is not JSON",
            resp.status
        ))
    })?;
    let access = body
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ProviderError::protocol("the token answer has no access_token"))?;
    if let Some(kind) = body.get("token_type").and_then(Value::as_str) {
        if !kind.eq_ignore_ascii_case("bearer") {
            return Err(ProviderError::protocol(format!(
                "the token answer has token_type `{kind}`, not Bearer"
            )));
        }
    }
    let refresh = body
        .get("refresh_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(Secret::new);
    // Tolerant: a number, or a number in a string.
    let expires_in = match body.get("expires_in") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    Ok(AccessToken::new(Secret::new(access), refresh, expires_in))
}

/// The token endpoint's `{"error", "error_description"}` (or `{"detail"}`, `{"messages"}`):
/// bad credentials (400 `invalid_grant`, 401 `invalid_client`) are authentication failures.
pub(super) fn decode_token_error(resp: &Response) -> ProviderError {
    decode::decode_token_error(resp, &super::wire::ERRORS)
}
