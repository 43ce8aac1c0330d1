//! Questions for a person at the terminal: a `Prompter` trait, dialoguer behind it, a scripted
//! one for tests.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Every question roster asks goes through this, so flows can be tested without a terminal.
pub trait Prompter: Send + Sync {
    /// Yes or no.
    fn confirm(&self, question: &str, default: bool) -> Result<bool>;
    /// Free text; `validate` returns an error message to ask again.
    fn input(
        &self,
        question: &str,
        default: Option<&str>,
        validate: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String>;
}

/// True when a person can answer: stdin and stderr are terminals and prompts are not disabled.
pub fn can_prompt(no_input: bool) -> bool {
    !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Prompts on stderr with dialoguer. Esc and Ctrl-C cancel (exit 130).
pub struct TerminalPrompter;

fn dialoguer_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) => Error::from(io),
    }
}

impl Prompter for TerminalPrompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(default)
            .interact_opt()
            .map_err(dialoguer_error)?
            .ok_or_else(Error::cancelled)
    }

    fn input(
        &self,
        question: &str,
        default: Option<&str>,
        validate: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        let mut input = dialoguer::Input::<String>::new().with_prompt(question);
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        input
            .validate_with(|s: &String| validate(s))
            .interact_text()
            .map_err(dialoguer_error)
    }
}

/// Answers from a list, for tests. Running out of answers is a cancel, as Esc would be.
#[derive(Default)]
pub struct ScriptedPrompter {
    answers: Mutex<VecDeque<String>>,
    /// Every question asked, in order.
    pub asked: Mutex<Vec<String>>,
}

impl ScriptedPrompter {
    pub fn new(answers: &[&str]) -> Self {
        ScriptedPrompter {
            answers: Mutex::new(answers.iter().map(|s| s.to_string()).collect()),
            asked: Mutex::new(Vec::new()),
        }
    }

    fn next(&self, question: &str) -> Result<String> {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(question.to_string());
        }
        self.answers
            .lock()
            .ok()
            .and_then(|mut a| a.pop_front())
            .ok_or_else(Error::cancelled)
    }
}

impl Prompter for ScriptedPrompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        let a = self.next(question)?;
        Ok(match a.as_str() {
            "" => default,
            "y" | "yes" => true,
            _ => false,
        })
    }

    fn input(
        &self,
        question: &str,
        default: Option<&str>,
        validate: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        loop {
            let mut a = self.next(question)?;
            if a.is_empty() {
                if let Some(d) = default {
                    a = d.to_string();
                }
            }
            if validate(&a).is_ok() {
                return Ok(a);
            }
        }
    }
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
}
