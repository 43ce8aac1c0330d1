//! One account found in one profile: the row `users find` prints.

use serde::Serialize;

use crate::model::{Status, User};
use crate::output::Row;

/// Where a person has an account, and in what state. Smaller than a [`User`]: what "where does
/// this person have an account?" needs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Account {
    pub(crate) profile: String,
    pub(crate) provider: String,
    pub(crate) id: String,
    pub(crate) email: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) status: Status,
    /// RFC 3339; `null` when the person never logged in or the vendor does not say.
    pub(crate) last_login: Option<String>,
}

impl Account {
    pub(crate) fn of(user: User) -> Account {
        let name = user
            .display_name
            .clone()
            .or_else(|| User::joined_name(user.first_name.as_deref(), user.last_name.as_deref()));
        Account {
            profile: user.profile,
            provider: user.provider,
            id: user.id,
            email: user.email,
            name,
            status: user.status,
            last_login: user.last_login,
        }
    }
}

impl Row for Account {
    fn headers() -> &'static [&'static str] {
        &[
            "PROFILE",
            "PROVIDER",
            "ID",
            "EMAIL",
            "NAME",
            "STATUS",
            "LAST LOGIN",
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.id.clone(),
            self.email.clone().unwrap_or_default(),
            self.name.clone().unwrap_or_default(),
            self.status.as_str().to_string(),
            self.last_login.clone().unwrap_or_default(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "profile",
            "provider",
            "id",
            "email",
            "name",
            "status",
            "last_login",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        self.cells()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_keeps_what_find_shows() {
        let mut u = User::blank("acme", "paradigm", "7".into());
        u.first_name = Some("Ada".into());
        u.last_name = Some("Lovelace".into());
        u.status = Status::Invited;
        let a = Account::of(u);
        assert_eq!(a.name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(a.status, Status::Invited);
        assert_eq!(Account::headers().len(), a.cells().len());
        assert_eq!(Account::csv_headers().len(), a.csv_cells().len());
    }
}
