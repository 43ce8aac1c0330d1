//! What roster knows about a vendor as data: one [`Descriptor`] per vendor, in its folder.
//! The config, `profiles add`, `users create`'s questions and bulk work read it; nothing
//! outside the vendor folders matches on the vendor.

/// Everything about one vendor that is not its HTTP client.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Descriptor {
    /// The `provider` key of a profile.
    pub(crate) name: &'static str,
    /// The vendor's public API root, or `None` where the profile must name one.
    pub(crate) default_base_url: Option<&'static str>,
    /// What a base URL looks like, for the `profiles add` question where there is no default.
    pub(crate) base_url_example: &'static str,
    /// The published request rate (requests a second) bulk work keeps to when the profile sets
    /// no `rate_limit`; `None` where the vendor publishes none.
    pub(crate) documented_rate: Option<f64>,
    /// The vendor-specific keys of a profile.
    pub(crate) profile_keys: &'static [FieldSpec],
    /// The import columns the vendor's users have; a bulk import drops the others for it.
    /// `groups` and `roles` are always kept.
    pub(crate) user_fields: &'static [&'static str],
    /// A new user needs a password (`--generate-password`, or asked).
    pub(crate) needs_password: bool,
    /// `roster profiles logout` revokes the login at the vendor.
    pub(crate) revokes_logins: bool,
    /// The rules a value is checked against as a person types it.
    pub(crate) rules: ValueRules,
    /// The questions `users create` asks a person, in order, for fields the flags left out.
    pub(crate) invite: &'static [Question],
    /// How `profiles add` lists the vendor: how it signs in.
    pub(crate) setup_summary: &'static str,
    /// The plain profile keys `profiles add` asks for; the others are flags only.
    pub(crate) setup_questions: &'static [SetupQuestion],
}

/// One key a provider's profile accepts besides the common ones.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldSpec {
    pub(crate) name: &'static str,
    /// Secret fields accept `NAME_env`, `NAME_command` or a literal `NAME`.
    pub(crate) secret: bool,
    pub(crate) required: bool,
    /// A URL roster sends credentials to: checked as `base_url` is.
    pub(crate) url: bool,
    /// Sent in an HTTP header: plain ASCII only.
    pub(crate) header: bool,
}

impl FieldSpec {
    /// A setting that is not a secret.
    pub(crate) const fn plain(name: &'static str, required: bool) -> FieldSpec {
        FieldSpec {
            name,
            secret: false,
            required,
            url: false,
            header: false,
        }
    }

    /// A required secret.
    pub(crate) const fn secret(name: &'static str) -> FieldSpec {
        FieldSpec {
            name,
            secret: true,
            required: true,
            url: false,
            header: false,
        }
    }

    pub(crate) const fn in_header(self) -> FieldSpec {
        FieldSpec {
            header: true,
            ..self
        }
    }

    pub(crate) const fn a_url(self) -> FieldSpec {
        FieldSpec { url: true, ..self }
    }
}

/// Value rules a vendor documents (or roster decided, see the vendors README).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ValueRules {
    /// The vendor's own email pattern, where it publishes one; else a shape check applies.
    pub(crate) email_pattern: Option<&'static str>,
    /// The username a blank one becomes, made from the email.
    pub(crate) default_username: Option<fn(&str) -> String>,
    /// Characters a username may hold besides ASCII letters and digits.
    pub(crate) username_symbols: &'static str,
    /// The `language` values, with names for the list.
    pub(crate) languages: &'static [(&'static str, &'static str)],
    /// The shortest password the vendor takes.
    pub(crate) min_password: usize,
    /// The longest phone number.
    pub(crate) max_phone: usize,
    /// The longest display name or description.
    pub(crate) max_text: usize,
}

impl ValueRules {
    /// No rules beyond the common ones.
    pub(crate) const NONE: ValueRules = ValueRules {
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
pub(crate) enum Question {
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
pub(crate) struct SetupQuestion {
    pub(crate) key: &'static str,
    pub(crate) question: &'static str,
    /// The default answer, left out of the file when kept.
    pub(crate) default: Option<&'static str>,
}

/// The question every vendor with a login name asks.
pub(crate) const USERNAME_QUESTION: SetupQuestion = SetupQuestion {
    key: "username",
    question: "Username (the login email)",
    default: None,
};
