//! Amani's JWT login and SimpleJWT refresh, as an `auth::Flow`; expiry comes from the token.

use std::time::Duration;

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Value};

use super::wire::{decode_error, id_string, WireLogin, WireRefresh};
use crate::providers::auth::{AccessToken, Flow};
use crate::providers::http::Request;
use crate::providers::{HttpClient, ProviderError};
use crate::secret::Secret;

/// Who a login belongs to, from the login answer.
#[derive(Debug, Clone)]
pub(super) struct SignedIn {
    pub(crate) id: Option<String>,
    pub(crate) username: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) company: Option<String>,
}

/// The configured credentials and where to send them. Cheap to clone.
#[derive(Clone)]
pub(super) struct Login {
    pub(crate) http: HttpClient,
    pub(crate) base: String,
    pub(crate) username: String,
    pub(crate) password: Secret,
    pub(crate) timeout: Duration,
}

impl Login {
    /// `POST /api/v2/user/login`: a token pair and who it belongs to.
    pub(super) async fn sign_in(&self) -> Result<(AccessToken, SignedIn), ProviderError> {
        let body = json!({"username": self.username, "password": self.password.expose()});
        // A login changes nothing: `--dry-run` still signs in to read what it needs.
        let req = Request::new(
            Method::POST,
            format!("{}/api/v2/user/login", self.base),
            self.timeout,
        )
        .json(body)
        .not_a_write();
        let resp = self.http.send(&req).await?;
        if !resp.is_success() {
            return Err(self.refused(decode_error(&resp)));
        }
        let answer: WireLogin = resp.json("the login answer")?;
        let access = answer
            .access
            .ok_or_else(|| ProviderError::protocol("the login answer has no access token"))?;
        let who = SignedIn {
            id: answer.id.as_ref().map(id_string),
            username: answer.username.or(answer.email),
            name: crate::model::User::joined_name(
                answer.first_name.as_deref(),
                answer.last_name.as_deref(),
            ),
            company: answer.company_id.as_ref().map(id_string),
        };
        let expires_at = jwt_expiry(access.expose());
        let token = AccessToken::expiring_at(access, answer.refresh, expires_at);
        Ok((token, who))
    }

    /// A refused login is a credentials problem (exit 4) whatever status the vendor picked,
    /// and its message never carries the password, even if the vendor echoed it.
    fn refused(&self, err: ProviderError) -> ProviderError {
        let scrub = |m: String| m.replace(self.password.expose(), "[redacted]");
        match err {
            ProviderError::Unauthorized { message }
            | ProviderError::Forbidden { message }
            | ProviderError::Invalid { message }
            | ProviderError::NotFound { message } => ProviderError::Unauthorized {
                message: format!(
                    "amani refused the login of `{}`: {}",
                    self.username,
                    scrub(message)
                ),
            },
            ProviderError::Http { status, message } => ProviderError::Http {
                status,
                message: scrub(message),
            },
            other => other,
        }
    }
}

#[async_trait]
impl Flow for Login {
    async fn login(&self) -> Result<AccessToken, ProviderError> {
        self.sign_in().await.map(|(token, _)| token)
    }

    /// `POST /api/v2/token/refresh/` `{"refresh"}` -> `{"access"}`; the refresh token is kept
    /// unless the vendor rotates it.
    async fn refresh(&self, refresh: &Secret) -> Result<AccessToken, ProviderError> {
        let req = Request::new(
            Method::POST,
            format!("{}/api/v2/token/refresh/", self.base),
            self.timeout,
        )
        .json(json!({"refresh": refresh.expose()}))
        .not_a_write();
        let resp = self.http.send_ok(&req, decode_error).await?;
        let answer: WireRefresh = resp.json("the token refresh answer")?;
        let expires_at = jwt_expiry(answer.access.expose());
        Ok(AccessToken::expiring_at(
            answer.access,
            Some(answer.refresh.unwrap_or_else(|| refresh.clone())),
            expires_at,
        ))
    }
}

/// The `exp` claim (Unix seconds) of a JWT, read without checking the signature: it only decides
/// when to refresh. `None` when the token is not a readable JWT; then a 401 triggers renewal.
pub(super) fn jwt_expiry(token: &str) -> Option<i64> {
    let exp = jwt_claims(token)?.get("exp")?.clone();
    exp.as_i64().or_else(|| exp.as_f64().map(|f| f as i64))
}

/// One claim of a JWT as text (a number is written out), read without checking the signature:
/// it only tells roster who it signed in as.
pub(super) fn jwt_claim(token: &str, name: &str) -> Option<String> {
    match jwt_claims(token)?.get(name)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn jwt_claims(token: &str) -> Option<Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&base64url_decode(payload)?).ok()
}

/// base64url (or standard base64), padding optional, as JWT libraries are lenient.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine;
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let url_safe: String = text
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    LENIENT.decode(url_safe).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_decodes_with_or_without_padding() {
        assert_eq!(base64url_decode("Zm9vYg").unwrap(), b"foob");
        assert_eq!(base64url_decode("Zm9vYg==").unwrap(), b"foob");
        assert_eq!(base64url_decode("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64url_decode("+/8").unwrap(), [0xfb, 0xff]);
        assert!(base64url_decode("a.b").is_none());
    }

    #[test]
    fn the_expiry_comes_from_the_exp_claim() {
        // {"alg":"HS256","typ":"JWT"} . {"token_type":"access","exp":1700000300,"user_id":"u"}
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
                     eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjoxNzAwMDAwMzAwLCJ1c2VyX2lkIjoidSJ9.sig";
        assert_eq!(jwt_expiry(token), Some(1_700_000_300));
        assert_eq!(jwt_claim(token, "user_id").as_deref(), Some("u"));
        assert_eq!(jwt_claim(token, "missing"), None);
        assert_eq!(jwt_expiry("opaque-token"), None);
        assert_eq!(jwt_expiry("a.e30.b"), None, "no exp claim");
    }

    #[test]
    fn refused_logins_are_unauthorized_and_never_show_the_password() {
        let login = Login {
            http: HttpClient::new(false, false).unwrap(),
            base: "https://eu.amani.ai".into(),
            username: "admin@example.com".into(),
            password: Secret::new("hunter22"),
            timeout: Duration::from_secs(1),
        };
        let e = login.refused(ProviderError::Invalid {
            message: "password: hunter22 is wrong".into(),
        });
        assert!(
            matches!(e, ProviderError::Unauthorized { ref message } if !message.contains("hunter22") && message.contains("admin@example.com")),
            "{e:?}"
        );
    }
}
