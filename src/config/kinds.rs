//! The vendors a profile can name, and the keys each vendor's profile takes.

use std::fmt;

use super::RateLimit;

/// The vendors roster knows. The `provider` key of a profile names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProviderKind {
    Paradigm,
    Bleemeo,
    Amani,
    Cradl,
    Scim,
}

/// One key a provider's profile accepts besides the common ones.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    /// Secret fields accept `NAME_env`, `NAME_command` or a literal `NAME`.
    pub secret: bool,
    pub required: bool,
    /// A URL roster sends credentials to: checked as `base_url` is.
    pub url: bool,
    /// Sent in an HTTP header: plain ASCII only.
    pub header: bool,
}

const fn plain(name: &'static str, required: bool) -> FieldSpec {
    FieldSpec {
        name,
        secret: false,
        required,
        url: false,
        header: false,
    }
}

const fn secret(name: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        secret: true,
        required: true,
        url: false,
        header: false,
    }
}

impl FieldSpec {
    const fn in_header(self) -> FieldSpec {
        FieldSpec {
            header: true,
            ..self
        }
    }

    const fn a_url(self) -> FieldSpec {
        FieldSpec { url: true, ..self }
    }
}

/// Keys every profile accepts.
pub(super) const COMMON_KEYS: &[&str] = &[
    "provider",
    "base_url",
    "timeout_secs",
    "allow_insecure_http",
    "rate_limit",
];

impl ProviderKind {
    pub const ALL: [ProviderKind; 5] = [
        ProviderKind::Paradigm,
        ProviderKind::Bleemeo,
        ProviderKind::Amani,
        ProviderKind::Cradl,
        ProviderKind::Scim,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ProviderKind::Paradigm => "paradigm",
            ProviderKind::Bleemeo => "bleemeo",
            ProviderKind::Amani => "amani",
            ProviderKind::Cradl => "cradl",
            ProviderKind::Scim => "scim",
        }
    }

    pub fn from_name(name: &str) -> Option<ProviderKind> {
        ProviderKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The vendor's public API root, or `None` where the profile must name one (Amani's region).
    pub fn default_base_url(self) -> Option<&'static str> {
        match self {
            ProviderKind::Paradigm => Some("https://paradigm.lighton.ai"),
            ProviderKind::Bleemeo => Some("https://api.bleemeo.com"),
            ProviderKind::Amani | ProviderKind::Scim => None,
            ProviderKind::Cradl => Some("https://api.cradl.ai/v1"),
        }
    }

    /// The vendor's published request rate, which bulk work keeps to when the profile sets no
    /// `rate_limit`. Paradigm documents 60 writes a minute; the others publish none.
    pub fn documented_rate(self) -> Option<RateLimit> {
        match self {
            ProviderKind::Paradigm => Some(RateLimit { per_second: 1.0 }),
            ProviderKind::Bleemeo
            | ProviderKind::Amani
            | ProviderKind::Cradl
            | ProviderKind::Scim => None,
        }
    }

    /// The import columns a vendor's users have. A bulk import drops the others for that
    /// vendor, so one file can feed profiles of different vendors. `groups` and `roles` are
    /// always kept: a name that does not resolve must stay an error.
    pub fn user_fields(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Paradigm => &["username", "first_name", "last_name", "language"],
            ProviderKind::Bleemeo => &["first_name", "last_name"],
            ProviderKind::Amani => &["first_name", "last_name", "phone"],
            ProviderKind::Cradl => &["name", "description"],
            ProviderKind::Scim => crate::providers::scim::USER_FIELDS,
        }
    }

    /// A profile's settings as `profiles show` shows them: with what applies unset (the SCIM
    /// dialect its host picks).
    pub fn shown_settings(
        self,
        base_url: &str,
        settings: &std::collections::BTreeMap<String, String>,
    ) -> std::collections::BTreeMap<String, String> {
        let mut shown = settings.clone();
        if self == ProviderKind::Scim {
            let dialect = settings.get("dialect").map(String::as_str);
            shown.extend(crate::providers::scim::shown_settings(base_url, dialect));
        }
        shown
    }

    /// Vendors that need a password for a new user (`--generate-password`).
    pub fn needs_password(self) -> bool {
        self == ProviderKind::Amani
    }

    /// Vendors whose logins `roster profiles logout` revokes at the vendor (Bleemeo's
    /// `/o/revoke_token/`), so only their profiles' secrets are resolved there.
    pub fn revokes_logins(self) -> bool {
        self == ProviderKind::Bleemeo
    }

    /// The provider-specific keys of a profile.
    pub fn fields(self) -> &'static [FieldSpec] {
        const PARADIGM: &[FieldSpec] = &[secret("token").in_header()];
        const BLEEMEO: &[FieldSpec] = &[
            plain("username", true),
            secret("password"),
            plain("client_id", false),
            plain("account_id", false).in_header(),
        ];
        const AMANI: &[FieldSpec] = &[plain("username", true), secret("password")];
        const CRADL: &[FieldSpec] = &[
            secret("client_id"),
            secret("client_secret"),
            plain("auth_url", false).a_url(),
            plain("audience", false),
        ];
        match self {
            ProviderKind::Paradigm => PARADIGM,
            ProviderKind::Bleemeo => BLEEMEO,
            ProviderKind::Amani => AMANI,
            ProviderKind::Cradl => CRADL,
            ProviderKind::Scim => crate::providers::scim::FIELDS,
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
