//! What roster knows about SCIM services besides the client: the profile keys, user fields and
//! setup questions.

use crate::providers::descriptor::{Descriptor, FieldSpec, Question, SetupQuestion, ValueRules};

/// A secret no profile must have: a scim profile takes a bearer token or client credentials.
const fn optional_secret(name: &'static str) -> FieldSpec {
    FieldSpec {
        required: false,
        ..FieldSpec::secret(name)
    }
}

pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "scim",
    // The SCIM root is the tenant's own: `base_url` is required.
    default_base_url: None,
    base_url_example: "https://api.example.com/scim/v2",
    documented_rate: None,
    profile_keys: &[
        optional_secret("token").in_header(),
        optional_secret("client_id"),
        optional_secret("client_secret"),
        FieldSpec::plain("auth_url", false).a_url(),
        FieldSpec::plain("scope", false),
        FieldSpec::plain("dialect", false),
        FieldSpec::plain("pagination", false),
        FieldSpec::plain("page_size", false),
    ],
    user_fields: &[
        "username",
        "first_name",
        "last_name",
        "name",
        "phone",
        "language",
    ],
    needs_password: false,
    revokes_logins: false,
    rules: ValueRules::NONE,
    invite: &[Question::Names, Question::DisplayName],
    setup_summary: "any SCIM 2.0 service: its SCIM root URL, a bearer token",
    setup_questions: &[SetupQuestion {
        key: "dialect",
        question: "Dialect (rfc, entra, aws, google, slack, github; empty: from the host)",
        default: None,
    }],
};
