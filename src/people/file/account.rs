//! A person's table for one profile: the vendor's fields, and group and role names.

use std::collections::BTreeMap;

use toml_edit::Item;

use super::{line_of, Account, Named, Parser};

impl Parser<'_> {
    pub(super) fn account(&mut self, profile: &str, item: &Item) -> Option<Account> {
        let info = self.known.get(profile)?.clone();
        let Some(table) = item.as_table_like() else {
            let line = self.line(item);
            let message = format!("`{profile}` must be a table, e.g. {profile} = {{ ... }}");
            self.problem(line, message);
            return None;
        };
        let mut account = Account {
            profile: profile.to_string(),
            fields: BTreeMap::new(),
            groups: None,
            roles: None,
        };
        for (key, value) in table.iter() {
            let line = self.key_line(table, key);
            match key {
                "groups" if info.groups => account.groups = Some(self.names(value, key)),
                "roles" if info.roles => account.roles = Some(self.names(value, key)),
                // A username only names a new account; it is not compared afterwards.
                k if info.fields.contains(&k) => {
                    if let Some(s) = self.string(table, k) {
                        account.fields.insert(k.to_string(), s);
                    }
                }
                other => {
                    let mut takes: Vec<&str> = info.fields.to_vec();
                    if info.groups {
                        takes.push("groups");
                    }
                    if info.roles {
                        takes.push("roles");
                    }
                    let message = format!(
                        "profile `{profile}` has no user field `{other}`; it takes {}",
                        takes.join(", ")
                    );
                    self.problem(line, message);
                }
            }
        }
        Some(account)
    }

    fn names(&mut self, item: &Item, key: &str) -> Vec<Named> {
        let line = self.line(item);
        let Some(array) = item.as_array() else {
            self.problem(line, format!("`{key}` must be an array of names"));
            return Vec::new();
        };
        let mut names = Vec::new();
        for v in array.iter() {
            let at = v.span().map_or(line, |s| line_of(self.text, s.start));
            match v.as_str() {
                Some(n) if !n.trim().is_empty() => names.push(Named {
                    name: n.trim().to_string(),
                    line: at,
                }),
                _ => self.problem(at, format!("`{key}` holds names (non-empty strings)")),
            }
        }
        names
    }
}
