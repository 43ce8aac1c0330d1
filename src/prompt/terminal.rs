//! The `Prompter` for a person: dialoguer's lists and a small line editor, all on stderr.

// Ctrl-C: console reads keys in raw mode, where Ctrl-C is a byte and not a signal. It then
// raises SIGINT itself and returns `Interrupted`, which becomes exit 130 here. The raised signal
// would kill the process if nothing caught it, so `roster::run` installs tokio's Ctrl-C handler
// before the command starts (a `biased` select); that handler only records the signal, and
// the command ends through the `Interrupted` error with the terminal restored. dialoguer's text
// and password prompts do not cancel on Esc and its password prompt reads in cooked mode (where
// Ctrl-C is a real signal that the handler swallows, leaving the read waiting), so text and
// hidden input use the line editor below instead.

use dialoguer::console::{Key, Term};

use super::{Prompter, Validate};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// Prompts on stderr. Esc and Ctrl-C cancel (exit 130).
pub(crate) struct TerminalPrompter;

fn cancelled_by(e: std::io::Error) -> Error {
    // Whatever went wrong, do not leave the cursor hidden in the person's shell.
    let _ = Term::stderr().show_cursor();
    Error::from(e)
}

fn dialoguer_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(io) => cancelled_by(io),
    }
}

/// Esc (`None` from dialoguer) is a cancel.
fn answered<T>(answer: dialoguer::Result<Option<T>>) -> Result<T> {
    answer.map_err(dialoguer_error)?.ok_or_else(|| {
        let _ = Term::stderr().show_cursor();
        Error::cancelled()
    })
}

/// Choices hold vendor names (groups, profiles): escaped so they cannot drive the terminal.
fn shown(items: &[String]) -> Vec<String> {
    items.iter().map(|i| crate::redact::cell(i)).collect()
}

impl Prompter for TerminalPrompter {
    fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        let term = Term::stderr();
        let question = crate::redact::message(question);
        let asked = last_line(&term, &question)?;
        answered(
            dialoguer::Confirm::new()
                .with_prompt(asked)
                .default(default)
                .interact_on_opt(&term),
        )
    }

    fn input(
        &self,
        question: &str,
        default: Option<&str>,
        validate: Validate<'_>,
    ) -> Result<String> {
        let term = Term::stderr();
        let question = crate::redact::message(question);
        let question = last_line(&term, &question)?;
        loop {
            let mut text = read_line(&term, question, default, false).map_err(cancelled_by)?;
            if text.is_empty() {
                if let Some(d) = default {
                    text = d.to_string();
                }
            }
            match validate(&text) {
                Ok(()) => return Ok(text),
                Err(message) => term
                    .write_line(&format!("  {message}"))
                    .map_err(cancelled_by)?,
            }
        }
    }

    fn select(&self, question: &str, items: &[String], default: usize) -> Result<usize> {
        answered(
            dialoguer::Select::new()
                .with_prompt(crate::redact::message(question))
                .items(&shown(items))
                .default(default)
                .interact_on_opt(&Term::stderr()),
        )
    }

    fn multi_select(
        &self,
        question: &str,
        items: &[String],
        defaults: &[bool],
    ) -> Result<Vec<usize>> {
        let prompt =
            crate::redact::message(&format!("{question} (space to tick, enter to accept)"));
        answered(
            dialoguer::MultiSelect::new()
                .with_prompt(prompt)
                .items(&shown(items))
                .defaults(defaults)
                .interact_on_opt(&Term::stderr()),
        )
    }

    fn password(&self, question: &str, confirm: bool) -> Result<Secret> {
        let term = Term::stderr();
        let question = last_line(&term, question)?;
        loop {
            let first = read_line(&term, question, None, true).map_err(cancelled_by)?;
            if first.is_empty() {
                term.write_line("  required").map_err(cancelled_by)?;
                continue;
            }
            if confirm {
                let again = read_line(&term, &format!("{question} (again)"), None, true)
                    .map_err(cancelled_by)?;
                if again != first {
                    term.write_line("  the two entries differ; try again")
                        .map_err(cancelled_by)?;
                    continue;
                }
            }
            return Ok(Secret::new(first));
        }
    }
}

/// Prints all but the last line of a question once and returns the last: prompts redraw
/// their own line only.
fn last_line<'q>(term: &Term, question: &'q str) -> Result<&'q str> {
    match question.rsplit_once('\n') {
        Some((above, asked)) => {
            term.write_line(above).map_err(cancelled_by)?;
            Ok(asked)
        }
        None => Ok(question),
    }
}

/// One line of text, edited in place: arrows, Home/End, Backspace/Delete, Ctrl-U. Enter ends it;
/// Esc cancels (an `Interrupted` error, as Ctrl-C is). Hidden input echoes nothing, as `sudo` does.
fn read_line(
    term: &Term,
    question: &str,
    default: Option<&str>,
    hidden: bool,
) -> std::io::Result<String> {
    let label = match default {
        Some(d) if !d.is_empty() => format!("{question} [{d}]: "),
        _ => format!("{question}: "),
    };
    let mut chars: Vec<char> = Vec::new();
    let mut pos = 0;
    loop {
        term.clear_line()?;
        term.write_str(&label)?;
        if !hidden {
            let shown: String = chars.iter().collect();
            term.write_str(&shown)?;
            if pos < chars.len() {
                term.move_cursor_left(chars.len() - pos)?;
            }
        }
        term.flush()?;
        let key = match term.read_key() {
            Ok(key) => key,
            Err(e) => {
                // Ctrl-C: end the line, so the error is not printed after the prompt.
                term.clear_line()?;
                term.write_line(&format!("{label}(cancelled)"))?;
                return Err(e);
            }
        };
        match key {
            Key::Enter => break,
            Key::Escape => {
                term.clear_line()?;
                term.write_line(&format!("{label}(cancelled)"))?;
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Interrupted,
                    "cancelled with Esc",
                ));
            }
            Key::Char('\u{15}') => {
                chars.clear();
                pos = 0;
            }
            Key::Char(c) if !c.is_control() => {
                chars.insert(pos, c);
                pos += 1;
            }
            Key::Backspace if pos > 0 => {
                pos -= 1;
                chars.remove(pos);
            }
            Key::Del if pos < chars.len() => {
                chars.remove(pos);
            }
            Key::ArrowLeft if pos > 0 => pos -= 1,
            Key::ArrowRight if pos < chars.len() => pos += 1,
            Key::Home => pos = 0,
            Key::End => pos = chars.len(),
            _ => {}
        }
    }
    let text: String = chars.into_iter().collect();
    term.clear_line()?;
    let shown = match (hidden, text.is_empty(), default) {
        (true, _, _) => "[hidden]".to_string(),
        (false, true, Some(d)) => d.to_string(),
        (false, _, _) => text.clone(),
    };
    term.write_line(&format!("{label}{shown}"))?;
    Ok(text)
}
