//! What roster knows about Paradigm besides its client.

use crate::providers::descriptor::{Descriptor, FieldSpec, Question, ValueRules};

pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "paradigm",
    default_base_url: Some("https://paradigm.lighton.ai"),
    base_url_example: "https://paradigm.lighton.ai",
    // Paradigm documents 60 writes a minute.
    documented_rate: Some(1.0),
    profile_keys: &[FieldSpec::secret("token").in_header()],
    user_fields: &["username", "first_name", "last_name", "language"],
    needs_password: false,
    revokes_logins: false,
    rules: ValueRules {
        default_username: Some(super::username_from_email),
        username_symbols: "@.+-_",
        languages: &[
            ("ar", "Arabic"),
            ("en", "English"),
            ("fr", "French"),
            ("de", "German"),
        ],
        ..ValueRules::NONE
    },
    invite: &[Question::Username, Question::Names, Question::Language],
    setup_summary: "LightOn Paradigm: API key",
    setup_questions: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn username_default() {
        let default = DESCRIPTOR
            .rules
            .default_username
            .map(|f| f("jöhn.doe+x@example.com"));
        assert_eq!(default.as_deref(), Some("jhn.doe+x"));
    }
}
