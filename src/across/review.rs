//! The access review behind `roster people`: who has an account where, one row per person.
//!
//! Memory stays bounded by the number of people, not of accounts or of fields: each profile's
//! users are folded, page by page, into one map from email (lower-cased) to a byte per profile.
//! No `User` record outlives its page.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::model::{Status, User};

/// What a person has in one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cell {
    /// No account (or none left after `--stale`).
    None,
    Inactive,
    Invited,
    Active,
    /// The profile could not be read (completely): it may hold an account.
    Unknown,
}

impl Cell {
    /// The word the review shows: `active`, `inactive`, `invited`, `-` (no account), `?`.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Cell::None => "-",
            Cell::Inactive => "inactive",
            Cell::Invited => "invited",
            Cell::Active => "active",
            Cell::Unknown => "?",
        }
    }

    pub(crate) fn of(status: Status) -> Cell {
        match status {
            Status::Active => Cell::Active,
            Status::Inactive => Cell::Inactive,
            Status::Invited => Cell::Invited,
        }
    }

    fn is_account(self) -> bool {
        matches!(self, Cell::Inactive | Cell::Invited | Cell::Active)
    }
}

/// One account, as small as the review needs it: its email, lower-cased, and its state.
pub(crate) type Seen = (Box<str>, Cell);

/// The account `user` is in the review, or `None` when `--stale` leaves it out (it logged in
/// after `stale_before`). An account with no email has an empty one: [`Review::add`] counts it
/// apart.
pub(crate) fn seen(user: User, stale_before: Option<DateTime<Utc>>) -> Option<Seen> {
    if let Some(cutoff) = stale_before {
        let recent = user
            .last_login
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .is_some_and(|t| t >= cutoff);
        if recent {
            return None;
        }
    }
    let email = user.email.unwrap_or_default().trim().to_lowercase();
    Some((email.into_boxed_str(), Cell::of(user.status)))
}

/// Which people the review keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    /// Only people with an account in this profile (by position) and in no other.
    pub(crate) only_in: Option<usize>,
    /// Only people with an account elsewhere and none in this profile.
    pub(crate) missing_in: Option<usize>,
}

/// Everyone seen so far, with a cell per profile.
#[derive(Debug)]
pub(crate) struct Review {
    profiles: usize,
    people: BTreeMap<Box<str>, Box<[Cell]>>,
    /// Profiles whose listing failed: where they show no account, nobody knows.
    failed: Vec<bool>,
    /// Accounts with no email, by profile: no person to put them on.
    no_email: Vec<usize>,
}

impl Review {
    pub(crate) fn new(profiles: usize) -> Review {
        Review {
            profiles,
            people: BTreeMap::new(),
            failed: vec![false; profiles],
            no_email: vec![0; profiles],
        }
    }

    /// An account of profile `slot`. Two accounts of one person in one profile (emails that
    /// differ only in case) show the more active one.
    pub(crate) fn add(&mut self, slot: usize, (email, cell): Seen) {
        if email.is_empty() {
            if let Some(n) = self.no_email.get_mut(slot) {
                *n += 1;
            }
            return;
        }
        let profiles = self.profiles;
        let cells = self
            .people
            .entry(email)
            .or_insert_with(|| vec![Cell::None; profiles].into_boxed_slice());
        if let Some(c) = cells.get_mut(slot) {
            *c = (*c).max(cell);
        }
    }

    /// Profile `slot` could not be read to the end.
    pub(crate) fn failed(&mut self, slot: usize) {
        if let Some(f) = self.failed.get_mut(slot) {
            *f = true;
        }
    }

    /// The people `filter` keeps, by email, each with a cell per profile. A filter that needs
    /// a cell nobody knows (`?`) leaves the person out: the report holds only what is certain.
    pub(crate) fn rows(&self, filter: Filter) -> impl Iterator<Item = (&str, Vec<Cell>)> + '_ {
        self.people.iter().filter_map(move |(email, cells)| {
            let cells: Vec<Cell> = cells
                .iter()
                .zip(&self.failed)
                .map(|(c, failed)| match c {
                    Cell::None if *failed => Cell::Unknown,
                    c => *c,
                })
                .collect();
            keeps(&cells, filter).then_some((&**email, cells))
        })
    }

    /// How many accounts of profile `slot` have no email (and are not in the rows).
    pub(crate) fn without_email(&self, slot: usize) -> usize {
        self.no_email.get(slot).copied().unwrap_or(0)
    }

    /// True when no one was seen, whatever the filter.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

fn keeps(cells: &[Cell], filter: Filter) -> bool {
    let elsewhere = |slot: usize| {
        cells
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != slot)
            .map(|(_, c)| *c)
    };
    let only = filter.only_in.is_none_or(|slot| {
        cells.get(slot).is_some_and(|c| c.is_account()) && elsewhere(slot).all(|c| c == Cell::None)
    });
    let missing = filter.missing_in.is_none_or(|slot| {
        cells.get(slot) == Some(&Cell::None) && elsewhere(slot).any(Cell::is_account)
    });
    only && missing && cells.iter().any(|c| c.is_account())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: Option<&str>, status: Status, login: Option<&str>) -> User {
        let mut u = User::blank("p", "paradigm", "1".into());
        u.email = email.map(str::to_string);
        u.status = status;
        u.last_login = login.map(str::to_string);
        u
    }

    fn review() -> Review {
        let mut r = Review::new(3);
        let add = |r: &mut Review, slot, email: &str, status| {
            r.add(slot, seen(user(Some(email), status, None), None).unwrap());
        };
        add(&mut r, 0, "Ada@Example.com", Status::Active);
        add(&mut r, 1, "ada@example.com", Status::Invited);
        add(&mut r, 0, "bob@example.com", Status::Inactive);
        add(&mut r, 0, "BOB@example.com", Status::Active);
        add(&mut r, 2, "cy@example.com", Status::Inactive);
        r
    }

    fn words(r: &Review, filter: Filter) -> Vec<String> {
        r.rows(filter)
            .map(|(email, cells)| {
                let cells: Vec<&str> = cells.iter().map(|c| c.word()).collect();
                format!("{email} {}", cells.join(" "))
            })
            .collect()
    }

    #[test]
    fn one_row_per_person_whatever_the_case_of_the_email() {
        let r = review();
        assert_eq!(
            words(&r, Filter::default()),
            [
                "ada@example.com active invited -",
                "bob@example.com active - -",
                "cy@example.com - - inactive"
            ]
        );
    }

    #[test]
    fn only_in_and_missing_in_pick_people_by_profile() {
        let r = review();
        let only0 = Filter {
            only_in: Some(0),
            ..Filter::default()
        };
        assert_eq!(words(&r, only0), ["bob@example.com active - -"]);
        let missing1 = Filter {
            missing_in: Some(1),
            ..Filter::default()
        };
        assert_eq!(
            words(&r, missing1),
            ["bob@example.com active - -", "cy@example.com - - inactive"]
        );
    }

    #[test]
    fn a_failed_profile_is_unknown_never_missing() {
        let mut r = review();
        r.failed(2);
        assert_eq!(
            words(&r, Filter::default())[0],
            "ada@example.com active invited ?"
        );
        let missing2 = Filter {
            missing_in: Some(2),
            ..Filter::default()
        };
        assert!(words(&r, missing2).is_empty());
        let only0 = Filter {
            only_in: Some(0),
            ..Filter::default()
        };
        assert!(words(&r, only0).is_empty());
    }

    #[test]
    fn stale_keeps_old_and_never_logged_in_and_no_email_is_counted_apart() {
        let cutoff = DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |login| user(Some("a@x"), Status::Active, login);
        assert!(seen(at(Some("2024-07-01T00:00:00Z")), Some(cutoff)).is_none());
        assert!(seen(at(Some("2024-05-01T00:00:00Z")), Some(cutoff)).is_some());
        assert!(seen(at(None), Some(cutoff)).is_some());
        assert!(seen(at(Some("2024-07-01T00:00:00Z")), None).is_some());
        let mut r = Review::new(1);
        r.add(0, seen(user(None, Status::Active, None), None).unwrap());
        assert!(r.is_empty());
        assert_eq!(r.without_email(0), 1);
    }
}
