//! The people file: who should have an account in which profile, parsed with the line of each
//! value and checked completely (keys, profiles, fields, duplicates) before any request.

use std::collections::{BTreeMap, HashMap};

use toml_edit::{ImDocument, Item, TableLike};

use crate::bulk::input::Problem;

/// What the file needs to know of a profile to check a person's table against it, offline.
#[derive(Debug, Clone)]
pub(crate) struct ProfileInfo {
    /// The user fields this profile's vendor has (the import columns).
    pub(crate) fields: &'static [&'static str],
    /// Users are put in groups here (`groups = [...]`).
    pub(crate) groups: bool,
    /// Users are given roles here (`roles = [...]`).
    pub(crate) roles: bool,
}

/// What the person's accounts should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Present,
    Inactive,
    Absent,
}

impl State {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            State::Present => "present",
            State::Inactive => "inactive",
            State::Absent => "absent",
        }
    }
}

/// A group or role name as written, with its line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Named {
    pub(crate) name: String,
    pub(crate) line: u64,
}

/// One person's account in one profile.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Account {
    pub(crate) profile: String,
    /// Vendor user fields the table sets (`language`, `phone`, `name`, ...).
    pub(crate) fields: BTreeMap<String, String>,
    /// The whole membership list, or `None` when the file leaves memberships alone.
    pub(crate) groups: Option<Vec<Named>>,
    pub(crate) roles: Option<Vec<Named>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Person {
    pub(crate) line: u64,
    pub(crate) email: String,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) state: State,
    pub(crate) accounts: Vec<Account>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PeopleFile {
    /// Where a person has an account unless they name their own `profiles`.
    pub(crate) defaults: Vec<String>,
    /// Profiles whose accounts not in the file are removed.
    pub(crate) prune: Vec<String>,
    pub(crate) people: Vec<Person>,
}

impl PeopleFile {
    /// Every profile the file manages, defaults first, each once.
    pub(crate) fn profiles(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let all = self.defaults.iter().chain(&self.prune).chain(
            self.people
                .iter()
                .flat_map(|p| p.accounts.iter().map(|a| &a.profile)),
        );
        for n in all {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        names
    }
}

const PERSON_KEYS: &[&str] = &["email", "first_name", "last_name", "state", "profiles"];

/// Parse and check the whole file against the configured profiles; every problem at once.
pub(crate) fn parse(
    text: &str,
    known: &BTreeMap<String, ProfileInfo>,
) -> Result<PeopleFile, Vec<Problem>> {
    match parse_all(text, known) {
        (file, problems) if problems.is_empty() => Ok(file),
        (_, problems) => Err(problems),
    }
}

/// What parsed, and every problem found, in line order.
pub(crate) fn parse_all(
    text: &str,
    known: &BTreeMap<String, ProfileInfo>,
) -> (PeopleFile, Vec<Problem>) {
    let doc = match ImDocument::parse(text) {
        Ok(d) => d,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let message = e.message().to_string();
            let problem = Problem::new(line, None, format!("not valid TOML: {message}"));
            return (PeopleFile::default(), vec![problem]);
        }
    };
    let mut p = Parser {
        text,
        known,
        problems: Vec::new(),
    };
    let file = p.file(doc.as_table());
    p.problems.sort_by_key(|p| p.line);
    (file, p.problems)
}

struct Parser<'a> {
    text: &'a str,
    known: &'a BTreeMap<String, ProfileInfo>,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn line(&self, item: &Item) -> u64 {
        item.span().map_or(1, |s| line_of(self.text, s.start))
    }

    fn key_line(&self, table: &dyn TableLike, key: &str) -> u64 {
        let at = table
            .get_key_value(key)
            .and_then(|(k, v)| k.span().or_else(|| v.span()));
        at.map_or(1, |s| line_of(self.text, s.start))
    }

    fn problem(&mut self, line: u64, message: impl Into<String>) {
        self.problems.push(Problem::new(line, None, message));
    }

    fn known_list(&self) -> String {
        let names: Vec<&str> = self.known.keys().map(String::as_str).collect();
        names.join(", ")
    }

    fn file(&mut self, top: &toml_edit::Table) -> PeopleFile {
        let mut file = PeopleFile::default();
        for (key, item) in top.iter() {
            let line = self.key_line(top, key);
            match key {
                "defaults" => self.defaults(item, &mut file),
                "person" => {}
                other => self.problem(
                    line,
                    format!("unknown key `{other}`; a people file has [defaults] and [[person]]"),
                ),
            }
        }
        let mut seen: HashMap<String, u64> = HashMap::new();
        if let Some(item) = top.get("person") {
            match item.as_array_of_tables() {
                Some(people) => {
                    for t in people.iter() {
                        let line = t.span().map_or(1, |s| line_of(self.text, s.start));
                        if let Some(person) = self.person(t, line, &file.defaults) {
                            let key = person.email.to_ascii_lowercase();
                            if let Some(first) = seen.get(&key) {
                                let message =
                                    format!("{} is already on line {first}", person.email);
                                self.problem(person.line, message);
                                continue;
                            }
                            seen.insert(key, person.line);
                            file.people.push(person);
                        }
                    }
                }
                None => {
                    let line = self.line(item);
                    self.problem(line, "`person` must be [[person]] tables, one per person");
                }
            }
        }
        file
    }

    fn defaults(&mut self, item: &Item, file: &mut PeopleFile) {
        let Some(table) = item.as_table_like() else {
            let line = self.line(item);
            self.problem(line, "[defaults] must be a table");
            return;
        };
        for (key, value) in table.iter() {
            let line = self.key_line(table, key);
            match key {
                "profiles" => file.defaults = self.profile_list(value, "profiles"),
                "prune" => {
                    file.prune = match value.as_bool() {
                        Some(true) => file.defaults.clone(),
                        Some(false) => Vec::new(),
                        None => self.profile_list(value, "prune"),
                    }
                }
                other => self.problem(
                    line,
                    format!("unknown key `{other}` in [defaults]; it takes profiles and prune"),
                ),
            }
        }
        // `prune = true` read before `profiles` still means the default profiles.
        if table.get("prune").and_then(Item::as_bool) == Some(true) {
            file.prune = file.defaults.clone();
        }
    }

    /// An array of configured profile names.
    fn profile_list(&mut self, item: &Item, key: &str) -> Vec<String> {
        let line = self.line(item);
        let Some(array) = item.as_array() else {
            let message = format!("`{key}` must be an array of profile names");
            self.problem(line, message);
            return Vec::new();
        };
        let mut names = Vec::new();
        for v in array.iter() {
            let at = v.span().map_or(line, |s| line_of(self.text, s.start));
            match v.as_str() {
                Some(n) if self.known.contains_key(n) => names.push(n.to_string()),
                Some(n) => {
                    let message = format!(
                        "no profile `{n}` in the config; known: {}",
                        self.known_list()
                    );
                    self.problem(at, message);
                }
                None => self.problem(at, format!("`{key}` holds profile names (strings)")),
            }
        }
        names
    }

    fn string(&mut self, table: &dyn TableLike, key: &str) -> Option<String> {
        let item = table.get(key)?;
        match item.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                let line = self.line(item);
                self.problem(line, format!("`{key}` must be a string"));
                None
            }
        }
    }

    fn person(&mut self, t: &toml_edit::Table, line: u64, defaults: &[String]) -> Option<Person> {
        let mut tables = Vec::new();
        for (key, item) in t.iter() {
            let at = self.key_line(t, key);
            if PERSON_KEYS.contains(&key) {
                continue;
            }
            if self.known.contains_key(key) {
                tables.push((key.to_string(), item));
                continue;
            }
            let message = format!(
                "unknown key `{key}`; a person takes {}, or a table named after a profile \
                 (known: {})",
                PERSON_KEYS.join(", "),
                self.known_list()
            );
            self.problem(at, message);
        }
        let email = self.string(t, "email");
        let first_name = self.string(t, "first_name");
        let last_name = self.string(t, "last_name");
        let state = match self.string(t, "state").as_deref() {
            None | Some("present") => State::Present,
            Some("inactive") => State::Inactive,
            Some("absent") => State::Absent,
            Some(other) => {
                let at = self.key_line(t, "state");
                let message = format!("state `{other}` is not one of present, inactive, absent");
                self.problem(at, message);
                State::Present
            }
        };
        let mut profiles = match t.get("profiles") {
            Some(item) => self.profile_list(item, "profiles"),
            None => defaults.to_vec(),
        };
        let mut accounts = Vec::new();
        for (name, item) in tables {
            if let Some(a) = self.account(&name, item) {
                accounts.push(a);
            }
            if !profiles.contains(&name) {
                profiles.push(name);
            }
        }
        // A profile named without a table gets an account with nothing but the person's names.
        for name in profiles {
            if !accounts.iter().any(|a| a.profile == name) {
                accounts.push(Account {
                    profile: name,
                    fields: BTreeMap::new(),
                    groups: None,
                    roles: None,
                });
            }
        }
        let Some(email) = email else {
            if t.get("email").is_none() {
                self.problem(line, "a person needs an email");
            }
            return None;
        };
        let email = email.trim().to_string();
        if email.is_empty() || !email.contains('@') || email.contains(char::is_whitespace) {
            let at = self.key_line(t, "email");
            self.problem(at, format!("`{email}` is not an email address"));
            return None;
        }
        if accounts.is_empty() {
            self.problem(
                line,
                format!(
                    "{email} has no profile: set [defaults] profiles, or give the person \
                     `profiles` or a profile table"
                ),
            );
        }
        Some(Person {
            line,
            email,
            first_name,
            last_name,
            state,
            accounts,
        })
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    newlines as u64 + 1
}

mod account;
#[cfg(test)]
mod tests;
