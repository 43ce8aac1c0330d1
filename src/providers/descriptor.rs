//! What roster knows about a vendor as data: one [`Descriptor`] per vendor, in its folder.
//! The config, `profiles add`, `users create`'s questions and bulk work read it; nothing
//! outside the vendor folders matches on the vendor.

/// Everything about one vendor that is not its HTTP client.
#[derive(Debug, Clone, Copy)]
pub struct Descriptor {
    /// The `provider` key of a profile.
    pub name: &'static str,
    /// The vendor's public API root, or `None` where the profile must name one.
    pub default_base_url: Option<&'static str>,
    /// What a base URL looks like, for the `profiles add` question where there is no default.
    pub base_url_example: &'static str,
    /// The published request rate (requests a second) bulk work keeps to when the profile sets
    /// no `rate_limit`; `None` where the vendor publishes none.
    pub documented_rate: Option<f64>,
    /// The vendor-specific keys of a profile.
    pub profile_keys: &'static [FieldSpec],
    /// The import columns the vendor's users have; a bulk import drops the others for it.
    /// `groups` and `roles` are always kept.
    pub user_fields: &'static [&'static str],
    /// A new user needs a password (`--generate-password`, or asked).
    pub needs_password: bool,
    /// `roster profiles logout` revokes the login at the vendor.
    pub revokes_logins: bool,
    /// The rules a value is checked against as a person types it.
    pub rules: ValueRules,
    /// The questions `users create` asks a person, in order, for fields the flags left out.
    pub invite: &'static [Question],
    /// How `profiles add` lists the vendor: how it signs in.
    pub setup_summary: &'static str,
    /// The plain profile keys `profiles add` asks for; the others are flags only.
    pub setup_questions: &'static [SetupQuestion],
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

impl FieldSpec {
    /// A setting that is not a secret.
    pub const fn plain(name: &'static str, required: bool) -> FieldSpec {
        FieldSpec {
            name,
            secret: false,
            required,
            url: false,
            header: false,
        }
    }

    /// A required secret.
    pub const fn secret(name: &'static str) -> FieldSpec {
        FieldSpec {
            name,
            secret: true,
            required: true,
            url: false,
            header: false,
        }
    }

    pub const fn in_header(self) -> FieldSpec {
        FieldSpec {
            header: true,
            ..self
        }
    }

    pub const fn a_url(self) -> FieldSpec {
        FieldSpec { url: true, ..self }
    }
}

/// Value rules a vendor documents (or roster decided, see the vendors README).
#[derive(Debug, Clone, Copy)]
pub struct ValueRules {
    /// The vendor's own email pattern, where it publishes one; else a shape check applies.
    pub email_pattern: Option<&'static str>,
    /// The username a blank one becomes, made from the email.
    pub default_username: Option<fn(&str) -> String>,
    /// Characters a username may hold besides ASCII letters and digits.
    pub username_symbols: &'static str,
    /// The `language` values, with names for the list.
    pub languages: &'static [(&'static str, &'static str)],
    /// The shortest password the vendor takes.
    pub min_password: usize,
    /// The longest phone number.
    pub max_phone: usize,
    /// The longest display name or description.
    pub max_text: usize,
}

impl ValueRules {
    /// No rules beyond the common ones.
    pub const NONE: ValueRules = ValueRules {
        email_pattern: None,
        default_username: None,
        username_symbols: "",
        languages: &[],
        min_password: 0,
        max_phone: 0,
        max_text: 0,
    };
}

/// One question `users create` asks a person, for a value the flags left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// The username, offered the default made from the email (asked even when not required).
    Username,
    /// First and last name (optional).
    Names,
    /// The language, from [`ValueRules::languages`].
    Language,
    /// A phone number (optional).
    Phone,
    /// The display name (optional).
    DisplayName,
    /// The description (optional).
    Description,
    /// The password, when no flag gave one.
    Password,
}

/// A plain profile key `profiles add` asks for, with the question and the default answer.
#[derive(Debug, Clone, Copy)]
pub struct SetupQuestion {
    pub key: &'static str,
    pub question: &'static str,
    /// The default answer, left out of the file when kept.
    pub default: Option<&'static str>,
}

/// The question every vendor with a login name asks.
pub const USERNAME_QUESTION: SetupQuestion = SetupQuestion {
    key: "username",
    question: "Username (the login email)",
    default: None,
};
