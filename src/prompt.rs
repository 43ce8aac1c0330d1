//! Questions for a person at the terminal: a `Prompter` trait, dialoguer behind it, a scripted one.

#[cfg(test)]
mod scripted;
mod terminal;

use crate::error::Result;
use crate::secret::Secret;

#[cfg(test)]
pub(crate) use scripted::ScriptedPrompter;
pub(crate) use terminal::TerminalPrompter;

/// A check on typed text: `Err(message)` shows the message and asks again.
pub(crate) type Validate<'a> = &'a dyn Fn(&str) -> std::result::Result<(), String>;

/// Every question roster asks goes through this, so flows can be tested without a terminal.
/// Every method returns `ErrorKind::Cancelled` when the person presses Esc or Ctrl-C.
pub(crate) trait Prompter: Send + Sync {
    /// Yes or no. A question of several lines shows the first ones as they are and asks the last.
    fn confirm(&self, question: &str, default: bool) -> Result<bool>;
    /// Free text; `validate` returns an error message to ask again. An empty answer takes
    /// `default` when there is one.
    fn input(
        &self,
        question: &str,
        default: Option<&str>,
        validate: Validate<'_>,
    ) -> Result<String>;
    /// One of `items`, by index.
    fn select(&self, question: &str, items: &[String], default: usize) -> Result<usize>;
    /// Any number of `items`, by index, in order; `defaults` says which start ticked.
    fn multi_select(
        &self,
        question: &str,
        items: &[String],
        defaults: &[bool],
    ) -> Result<Vec<usize>>;
    /// Hidden input; with `confirm`, typed twice and asked again until both match.
    fn password(&self, question: &str, confirm: bool) -> Result<Secret>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_answers_revalidate_and_cancel_when_exhausted() {
        let p = ScriptedPrompter::new(&["bad", "good@x.io"]);
        let v = p
            .input("Email", None, &|s| {
                if s.contains('@') {
                    Ok(())
                } else {
                    Err("not an email".into())
                }
            })
            .unwrap();
        assert_eq!(v, "good@x.io");
        assert_eq!(p.asked.lock().unwrap().len(), 2);
        let e = p.confirm("again?", false).unwrap_err();
        assert_eq!(e.exit_code(), 130);
    }

    #[test]
    fn scripted_selects_by_index_or_text() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let p = ScriptedPrompter::new(&["", "2", "b", "c,0", "", "x"]);
        assert_eq!(p.select("q", &items, 1).unwrap(), 1);
        assert_eq!(p.select("q", &items, 0).unwrap(), 2);
        assert_eq!(p.select("q", &items, 0).unwrap(), 1);
        assert_eq!(p.multi_select("q", &items, &[]).unwrap(), [0, 2]);
        assert_eq!(p.multi_select("q", &items, &[false, true]).unwrap(), [1]);
        assert_eq!(p.select("q", &items, 0).unwrap_err().exit_code(), 2);
        assert_eq!(p.password("pw", true).unwrap_err().exit_code(), 130);
        assert_eq!(p.questions().len(), 7);
    }
}
