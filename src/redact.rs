//! Text roster prints, made safe: known secrets replaced, control characters escaped, huge values cut.
//!
//! Every message roster prints (errors, hints, warnings, notes, `-v` logs, result rows) passes
//! through here, so a vendor that echoes a request back (a login error quoting
//! `password=...`), a user name holding `ESC [31m`, or a 1 MB value in an error cannot reach
//! the terminal as is. The profile's secrets are registered once, when its client is built.

use std::sync::{PoisonError, RwLock};

use crate::secret::Secret;

/// What a secret becomes wherever it appears.
pub(crate) const REDACTED: &str = "[redacted]";

/// A secret shorter than this is not searched for in free text: it would replace ordinary words.
/// Such secrets are still hidden wherever roster knows a value is a secret (headers, keys, forms).
const MIN_SCRUBBED_LEN: usize = 4;

/// One word longer than this (in characters) in a message is cut.
const MAX_WORD_CHARS: usize = 200;
/// A line of a message longer than this (in characters) is cut.
const MAX_MESSAGE_CHARS: usize = 2000;

/// Every registered secret value, in each form it may take on the wire, longest first.
static KNOWN: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Remember `secret` so that it is replaced by `[redacted]` in everything printed from now on:
/// as is, form- or percent-encoded (a vendor echoing a form body), and JSON-escaped.
pub(crate) fn register(secret: &Secret) {
    let raw = secret.expose();
    if raw.chars().count() < MIN_SCRUBBED_LEN {
        return;
    }
    let mut forms = vec![raw.to_string()];
    let form: String = url::form_urlencoded::byte_serialize(raw.as_bytes()).collect();
    forms.push(form.replace('+', "%20"));
    forms.push(form);
    if let Ok(json) = serde_json::to_string(raw) {
        forms.push(json.trim_matches('"').to_string());
    }
    let mut known = KNOWN.write().unwrap_or_else(PoisonError::into_inner);
    for f in forms {
        if !known.contains(&f) {
            known.push(f);
        }
    }
    known.sort_by_key(|s| std::cmp::Reverse(s.len()));
}

/// `text` with every registered secret replaced by `[redacted]`.
pub(crate) fn scrub(text: &str) -> String {
    let known = KNOWN.read().unwrap_or_else(PoisonError::into_inner);
    let mut out = text.to_string();
    for secret in known.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), REDACTED);
        }
    }
    out
}

/// A message for a person: secrets scrubbed, huge values cut with their size stated, control
/// characters escaped (newlines and tabs kept: messages may span lines).
pub(crate) fn message(text: &str) -> String {
    escape_controls(&cut(&scrub(text)), true)
}

/// A table cell: secrets scrubbed and every control character escaped, newlines included, so a
/// vendor-controlled name cannot colour, retitle or redraw the terminal, nor fake a row.
pub(crate) fn cell(text: &str) -> String {
    escape_controls(&scrub(text), false)
}

/// `text` with each word longer than 200 characters, and each line past 2000 characters, cut
/// to a readable length: `abc... (1048576 bytes, cut)`. Lines are kept: a message listing a
/// thousand problems lists them all.
pub(crate) fn cut(text: &str) -> String {
    if text.len() <= MAX_WORD_CHARS {
        return text.to_string();
    }
    text.split('\n')
        .map(cut_line)
        .collect::<Vec<_>>()
        .join("\n")
}

fn cut_line(line: &str) -> String {
    let needs_word_cut = line
        .split_whitespace()
        .any(|w| w.len() > MAX_WORD_CHARS && w.chars().count() > MAX_WORD_CHARS);
    let line = if needs_word_cut {
        let mut out = String::with_capacity(MAX_MESSAGE_CHARS);
        let mut rest = line;
        while !rest.is_empty() {
            let start = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push_str(&cut_to(&rest[..end], MAX_WORD_CHARS / 2));
            rest = &rest[end..];
        }
        out
    } else {
        line.to_string()
    };
    if line.len() > MAX_MESSAGE_CHARS && line.chars().count() > MAX_MESSAGE_CHARS {
        cut_to(&line, MAX_MESSAGE_CHARS)
    } else {
        line
    }
}

/// At most `keep` characters of `text`, saying how big it was when it was cut.
pub(crate) fn cut_to(text: &str, keep: usize) -> String {
    match text.char_indices().nth(keep) {
        Some((end, _)) => format!("{}... ({} bytes, cut)", &text[..end], text.len()),
        None => text.to_string(),
    }
}

/// Control characters (C0, DEL, C1) and the bidirectional overrides that reorder what a
/// terminal shows, written as `\u{1b}`; `\n` and `\t` too unless `keep_lines`.
pub(crate) fn escape_controls(text: &str, keep_lines: bool) -> String {
    if !text.chars().any(|c| is_unsafe(c, keep_lines)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if !keep_lines => out.push_str("\\n"),
            '\t' if !keep_lines => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c, keep_lines) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn is_unsafe(c: char, keep_lines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_lines,
        c if c.is_control() => true,
        // LRE, RLE, PDF, LRO, RLO and the isolates: they make text read in another order.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_secrets_are_scrubbed_in_every_form() {
        register(&Secret::new("p@ss w0rd&more\"x"));
        let echoed = "bad: password=p%40ss+w0rd%26more%22x, json {\"password\":\"p@ss w0rd&more\\\"x\"}, raw p@ss w0rd&more\"x";
        let out = scrub(echoed);
        assert!(!out.contains("w0rd"), "{out}");
        assert_eq!(out.matches(REDACTED).count(), 3, "{out}");
    }

    #[test]
    fn short_secrets_are_not_searched_for() {
        register(&Secret::new("ab"));
        assert_eq!(scrub("about a tab"), "about a tab");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(cell("\u{1b}[31mred\u{7}"), "\\u{1b}[31mred\\u{7}");
        assert_eq!(cell("two\nlines\tand\r"), "two\\nlines\\tand\\r");
        assert_eq!(message("two\nlines\u{9b}"), "two\nlines\\u{9b}");
        assert_eq!(cell("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(cell("Zoë 日本"), "Zoë 日本");
    }

    #[test]
    fn huge_values_are_cut_with_their_size() {
        let big = "x".repeat(1 << 20);
        let out = message(&format!("line 2: language `{big}` is not one of en, fr"));
        assert!(out.len() < 400, "{}", out.len());
        assert!(out.contains("(1048578 bytes, cut)"), "{out}");
        assert!(out.ends_with("is not one of en, fr"), "{out}");
        let spaced = "word ".repeat(100_000);
        let out = message(&spaced);
        assert!(
            out.len() < 2100 && out.contains("(500000 bytes, cut)"),
            "{}",
            out.len()
        );
        assert_eq!(cut("short text"), "short text");
        let many = "line 9: email `x` is not an email address\n".repeat(1000);
        assert_eq!(cut(&many), many, "every line of a long list stays");
        assert_eq!(cut_to("日本語", 2), "日本... (9 bytes, cut)");
    }
}
