//! What roster knows about Amani besides its client.

use crate::providers::descriptor::{
    Descriptor, FieldSpec, Question, ValueRules, USERNAME_QUESTION,
};

pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "amani",
    // Each region has its own root: the profile names it.
    default_base_url: None,
    base_url_example: "https://eu.amani.ai",
    documented_rate: None,
    profile_keys: &[
        FieldSpec::plain("username", true),
        FieldSpec::secret("password"),
    ],
    user_fields: &["first_name", "last_name", "phone"],
    needs_password: true,
    revokes_logins: false,
    rules: ValueRules {
        // Decided, see the vendors README.
        min_password: 8,
        // What its API accepts.
        max_phone: 32,
        ..ValueRules::NONE
    },
    invite: &[Question::Names, Question::Phone, Question::Password],
    setup_summary: "Amani: login and password, your region's URL",
    setup_questions: &[USERNAME_QUESTION],
};
