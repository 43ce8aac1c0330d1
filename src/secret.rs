//! `Secret`: a string that never prints itself.

use std::fmt;

/// A credential (API key, password, client secret, token). `Debug` and `Display` print
/// `[redacted]`; the only way to the value is [`Secret::expose`], which names the intent at the
/// call site.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The raw value, for the one place that must send it (a header or a form body).
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// `Secret` has no `Serialize`: a struct holding one cannot reach JSON by accident. The one
/// place that stores a secret (the token cache) names it with `#[serde(serialize_with)]`.
pub(crate) fn serialize_exposed<S: serde::Serializer>(
    secret: &Secret,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&secret.0)
}

/// [`serialize_exposed`] for an optional secret.
pub(crate) fn serialize_exposed_opt<S: serde::Serializer>(
    secret: &Option<Secret>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match secret {
        Some(s) => serializer.serialize_some(&s.0),
        None => serializer.serialize_none(),
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("canary-1234");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{s}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&s)), "Some([redacted])");
        assert_eq!(s.expose(), "canary-1234");
    }

    #[test]
    fn only_a_named_field_serializes_the_value() {
        #[derive(serde::Serialize)]
        struct Stored {
            #[serde(serialize_with = "serialize_exposed")]
            access: Secret,
            #[serde(serialize_with = "serialize_exposed_opt")]
            refresh: Option<Secret>,
        }
        let stored = Stored {
            access: Secret::new("a-1"),
            refresh: None,
        };
        let json = serde_json::to_value(&stored).unwrap();
        assert_eq!(json, serde_json::json!({"access": "a-1", "refresh": null}));
        let back: Secret = serde_json::from_value(json["access"].clone()).unwrap();
        assert_eq!(back.expose(), "a-1");
    }
}
