//! What roster knows about Bleemeo besides its client.

use crate::providers::descriptor::{
    Descriptor, FieldSpec, Question, SetupQuestion, ValueRules, USERNAME_QUESTION,
};

pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "bleemeo",
    default_base_url: Some("https://api.bleemeo.com"),
    base_url_example: "https://api.bleemeo.com",
    documented_rate: None,
    profile_keys: &[
        FieldSpec::plain("username", true),
        FieldSpec::secret("password"),
        FieldSpec::plain("client_id", false),
        FieldSpec::plain("account_id", false).in_header(),
    ],
    user_fields: &["first_name", "last_name"],
    needs_password: false,
    // Its `/o/revoke_token/`.
    revokes_logins: true,
    rules: ValueRules::NONE,
    invite: &[Question::Names],
    setup_summary: "Bleemeo: login and password",
    // The account: a login reaching several accounts needs it.
    setup_questions: &[
        USERNAME_QUESTION,
        SetupQuestion {
            key: "account_id",
            question: "Account id (optional; when your login reaches several accounts)",
            default: None,
        },
    ],
};
