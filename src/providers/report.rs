//! From a vendor's error to the user-facing one: the kind, and a hint naming the profile.
//! It lives with the vendors so that `crate::error` knows no vendor type.

use super::ProviderError;
use crate::error::Error;

impl Error {
    /// Wrap a vendor error with the profile it came from, so the hint can name it. The text
    /// is scrubbed of every registered secret: vendors echo requests back.
    pub(crate) fn from_provider(err: ProviderError, profile: &str) -> Self {
        let kind = err.kind();
        let hint = match &err {
            ProviderError::WrongUrl { .. } | ProviderError::Network { .. } => {
                where_hint(&err, profile)
            }
            ProviderError::Unauthorized { .. } => Some(format!(
                "the credentials of profile `{profile}` were refused; check where its secret \
                 comes from (its *_env, *_command or literal key) and run \
                 `roster profiles check {profile}`"
            )),
            ProviderError::OwnAccount { .. } => Some(format!(
                "this is the user profile `{profile}` signs in as, and the vendor does not let \
                 credentials remove their own user; use another admin's credentials for it"
            )),
            ProviderError::Forbidden { .. } => Some(format!(
                "the credentials of profile `{profile}` lack the permission for this; \
                 an admin key is needed"
            )),
            ProviderError::RateLimited { .. } | ProviderError::Unavailable { .. } => Some(
                "the vendor is busy or down; try again later (exit 75 is safe to retry)".into(),
            ),
            _ => None,
        };
        let e = Error::new(kind, crate::redact::scrub(&format!("{profile}: {err}")));
        match hint {
            Some(h) => e.with_hint(h),
            None => e,
        }
    }
}

/// What to check when the profile's URL did not reach the vendor's API.
fn where_hint(err: &ProviderError, profile: &str) -> Option<String> {
    match err {
        ProviderError::WrongUrl {
            setting, certain, ..
        } => {
            let unless = if *certain {
                ""
            } else {
                "if this is not a missing item, "
            };
            Some(format!(
                "{unless}check `{setting}` of profile `{profile}` (`roster profiles show \
                 {profile}`): it must be the API root the vendor documents"
            ))
        }
        ProviderError::Network { hint: Some(h), .. } => Some(format!("{h} (profile `{profile}`)")),
        _ => None,
    }
}

impl From<ProviderError> for Error {
    fn from(err: ProviderError) -> Self {
        Error::new(err.kind(), crate::redact::scrub(&err.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_errors_name_the_profile_in_the_hint() {
        let e = Error::from_provider(
            ProviderError::Unauthorized {
                message: "bad key".into(),
            },
            "acme",
        );
        assert_eq!(e.exit_code(), 4);
        assert!(e.hint().unwrap_or_default().contains("`acme`"));
        assert!(e.to_string().starts_with("acme: "));
    }
}
