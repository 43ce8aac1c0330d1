//! Cradl's access tokens as the sandbox makes them: HS256 JWTs carrying the claims Cradl's client checks.

// Cradl's tokens come from Kinde and are JWTs: the official `cradl` 0.6.8 client splits the token
// in three, base64-decodes the middle part and requires `external_app_client_id`,
// `external_organization_id` and `scope` (credentials.py:115-121), and reads `exp` from a token it
// is given (credentials.py:63-66). The sandbox signs with its own key (HS256, not Kinde's RS256:
// a client never verifies the signature, the API does) and checks the signature and `exp` on
// every API request, as API Gateway's authorizer does. The claims are recorded in
// ../shared/vendors/README.md, "Cradl", Auth.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The header of every token the sandbox signs.
const HEADER: &[u8] = br#"{"alg":"HS256","typ":"JWT"}"#;

/// What a token says. Kinde's machine-to-machine claims plus Cradl's two `external_*` ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Claims {
    /// The token endpoint that issued it.
    pub(crate) iss: String,
    /// The API it is for: the audience asked for.
    pub(crate) aud: Vec<String>,
    /// The OAuth2 client it was issued to.
    pub(crate) azp: String,
    pub(crate) gty: Vec<String>,
    pub(crate) iat: i64,
    pub(crate) exp: i64,
    pub(crate) jti: String,
    pub(crate) scope: String,
    pub(crate) external_app_client_id: String,
    pub(crate) external_organization_id: String,
}

/// `header.payload.signature`, each part base64url without padding (RFC 7515).
pub(crate) fn sign(claims: &Claims, key: &[u8]) -> String {
    // Serializing a struct of strings and numbers cannot fail.
    let payload = serde_json::to_vec(claims).unwrap_or_default();
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(HEADER),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature = URL_SAFE_NO_PAD.encode(mac(key, input.as_bytes()).finalize().into_bytes());
    format!("{input}.{signature}")
}

/// Why a token is refused. API Gateway answers every one of them 403 `Forbidden`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not three base64url parts, not JSON, or not HS256.
    Malformed,
    BadSignature,
    Expired,
}

/// The claims of a token signed with `key` and not expired at `now` (Unix seconds).
pub(crate) fn verify(token: &str, key: &[u8], now: i64) -> Result<Claims, Refusal> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed);
    };
    let parsed: Value = decode_json(header)?;
    // Only the one algorithm: `none` or another one never passes.
    if parsed.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(Refusal::Malformed);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| Refusal::Malformed)?;
    let input = format!("{header}.{payload}");
    mac(key, input.as_bytes())
        .verify_slice(&signature)
        .map_err(|_| Refusal::BadSignature)?;
    let claims: Claims = decode_json(payload)?;
    if claims.exp <= now {
        return Err(Refusal::Expired);
    }
    Ok(claims)
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, Refusal> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| Refusal::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| Refusal::Malformed)
}

fn mac(key: &[u8], input: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length; `new_from_slice` fails for none.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| <HmacSha256 as Mac>::new(&Default::default()));
    mac.update(input);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims {
            iss: "http://127.0.0.1/cradl".into(),
            aud: vec!["https://api.cradl.ai/v1".into()],
            azp: "client".into(),
            gty: vec!["client_credentials".into()],
            iat: exp - 300,
            exp,
            jti: "j".into(),
            scope: "api".into(),
            external_app_client_id: "cradl:app-client:x".into(),
            external_organization_id: "cradl:organization:y".into(),
        }
    }

    #[test]
    fn a_signed_token_verifies_until_it_expires() {
        let token = sign(&claims(1_000), b"key");
        assert_eq!(token.split('.').count(), 3);
        assert!(!token.contains('='), "no padding: {token}");
        assert_eq!(verify(&token, b"key", 999), Ok(claims(1_000)));
        assert_eq!(verify(&token, b"key", 1_000), Err(Refusal::Expired));
        assert_eq!(verify(&token, b"other", 999), Err(Refusal::BadSignature));
    }

    #[test]
    fn tampered_and_malformed_tokens_are_refused() {
        let token = sign(&claims(1_000), b"key");
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&Claims {
                exp: 9_999,
                ..claims(1_000)
            })
            .unwrap(),
        );
        parts[1] = &forged;
        assert_eq!(
            verify(&parts.join("."), b"key", 999),
            Err(Refusal::BadSignature)
        );
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#),
            forged
        );
        assert_eq!(verify(&none, b"key", 999), Err(Refusal::Malformed));
        for bad in ["", "a.b", "a.b.c.d", "!!.??.##", "made-up"] {
            assert_eq!(verify(bad, b"key", 0), Err(Refusal::Malformed), "{bad}");
        }
    }
}
