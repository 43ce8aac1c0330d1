//! What roster knows about Cradl besides its client.

use crate::providers::descriptor::{Descriptor, FieldSpec, Question, SetupQuestion, ValueRules};

pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "cradl",
    default_base_url: Some("https://api.cradl.ai/v1"),
    base_url_example: "https://api.cradl.ai/v1",
    documented_rate: None,
    profile_keys: &[
        FieldSpec::secret("client_id"),
        FieldSpec::secret("client_secret"),
        FieldSpec::plain("auth_url", false).a_url(),
        FieldSpec::plain("audience", false),
    ],
    user_fields: &["name", "description"],
    needs_password: false,
    revokes_logins: false,
    rules: ValueRules {
        // The pattern Cradl publishes for emails (seed 003).
        email_pattern: Some(r"^[A-Za-z0-9][-+._A-Za-z0-9]*@([-_.A-Za-z0-9]+\.)+[A-Za-z]{2,}$"),
        max_text: 4096,
        ..ValueRules::NONE
    },
    invite: &[Question::DisplayName, Question::Description],
    setup_summary: "Cradl: OAuth2 client id and secret",
    // The token URL differs off the vendor's cloud, e.g. in the sandbox.
    setup_questions: &[
        SetupQuestion {
            key: "client_id",
            question: "Client id",
            default: None,
        },
        SetupQuestion {
            key: "auth_url",
            question: "Token URL",
            default: Some(super::DEFAULT_AUTH_URL),
        },
    ],
};
