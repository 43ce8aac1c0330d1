//! A `Prompter` that answers from a list, for the unit tests of the interactive flows.

use std::collections::VecDeque;
use std::sync::Mutex;

use super::{Prompter, Validate};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// Answers from a list, for tests. Running out of answers is a cancel, as Esc would be.
///
/// Answers: `confirm` takes `y`/`yes` (anything else is no, empty is the default); `input`
/// takes the text (empty is the default) and moves on to the next answer while `validate`
/// refuses; `select` takes an index, an item's text or its first word (empty is the default); `multi_select`
/// takes comma-separated indices or item texts (empty is the defaults); `password` takes the
/// text as it is.
#[derive(Default)]
pub(crate) struct ScriptedPrompter {
    answers: Mutex<VecDeque<String>>,
    /// Every question asked, in order.
    pub(crate) asked: Mutex<Vec<String>>,
}

impl ScriptedPrompter {
    pub(crate) fn new(answers: &[&str]) -> Self {
        ScriptedPrompter {
            answers: Mutex::new(answers.iter().map(|s| s.to_string()).collect()),
            asked: Mutex::new(Vec::new()),
        }
    }

    /// The questions asked so far.
    pub(crate) fn questions(&self) -> Vec<String> {
        self.asked.lock().map(|a| a.clone()).unwrap_or_default()
    }

    /// How many answers were not used.
    pub(crate) fn left(&self) -> usize {
        self.answers.lock().map(|a| a.len()).unwrap_or_default()
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

/// An item by index, by its exact text, or by its first word.
fn pick(items: &[String], answer: &str) -> Result<usize> {
    let answer = answer.trim();
    answer
        .parse::<usize>()
        .ok()
        .filter(|i| *i < items.len())
        .or_else(|| items.iter().position(|i| i == answer))
        .or_else(|| {
            items
                .iter()
                .position(|i| i.split_whitespace().next() == Some(answer))
        })
        .ok_or_else(|| {
            Error::usage(format!(
                "scripted answer `{answer}` is not one of {items:?}"
            ))
        })
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
        validate: Validate<'_>,
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

    fn select(&self, question: &str, items: &[String], default: usize) -> Result<usize> {
        let a = self.next(question)?;
        if a.is_empty() {
            return Ok(default);
        }
        pick(items, &a)
    }

    fn multi_select(
        &self,
        question: &str,
        items: &[String],
        defaults: &[bool],
    ) -> Result<Vec<usize>> {
        let a = self.next(question)?;
        if a.trim().is_empty() {
            return Ok((0..items.len())
                .filter(|i| defaults.get(*i).copied().unwrap_or(false))
                .collect());
        }
        let mut picked = a
            .split(',')
            .map(|part| pick(items, part))
            .collect::<Result<Vec<usize>>>()?;
        picked.sort_unstable();
        picked.dedup();
        Ok(picked)
    }

    fn password(&self, question: &str, _confirm: bool) -> Result<Secret> {
        self.next(question).map(Secret::new)
    }
}
