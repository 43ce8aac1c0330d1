//! Paging arithmetic: index paging (RFC 7644 §3.4.2.4) that never trusts `count`, cursor paging
//! (RFC 9865), and the position a listing's `next` carries between calls.

/// How a listing pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `startIndex` and `count`.
    Index,
    /// `cursor` and `count`, following `nextCursor`.
    Cursor,
    /// No paging: every match in one answer.
    Single,
}

impl Mode {
    pub(crate) fn from_name(name: &str) -> Option<Mode> {
        match name.trim().to_ascii_lowercase().as_str() {
            "index" => Some(Mode::Index),
            "cursor" => Some(Mode::Cursor),
            _ => None,
        }
    }
}

/// Where a page starts, as carried in `Page::next` between calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Position {
    /// 1-based `startIndex`.
    Index(u64),
    /// An opaque `nextCursor`; empty for the first page.
    Cursor(String),
}

impl Position {
    pub(crate) fn encode(&self) -> String {
        match self {
            Position::Index(i) => format!("index:{i}"),
            Position::Cursor(c) => format!("cursor:{c}"),
        }
    }

    pub(crate) fn decode(text: &str) -> Option<Position> {
        if let Some(i) = text.strip_prefix("index:") {
            return i.parse().ok().filter(|i| *i >= 1).map(Position::Index);
        }
        text.strip_prefix("cursor:")
            .map(|c| Position::Cursor(c.to_string()))
    }
}

/// The start of the page after one that began at `start` and held `got` resources, or `None`
/// when the listing is done: an empty page ends it, and so does reaching `total`. A page
/// shorter than asked does not: servers cap `count` as they like (RFC 7644 §3.4.2.4).
pub(crate) fn next_index(start: u64, got: usize, total: Option<u64>) -> Option<u64> {
    if got == 0 {
        return None;
    }
    let seen = start.saturating_sub(1).saturating_add(got as u64);
    match total {
        Some(t) if seen >= t => None,
        _ => Some(seen + 1),
    }
}

/// The `startIndex` (1-based) of the page after the first `offset` resources.
pub(crate) fn start_after(offset: u64) -> u64 {
    offset.saturating_add(1)
}

/// The next cursor, if the answer gave one and the page was not empty.
pub(crate) fn next_cursor(next: Option<&str>, got: usize) -> Option<String> {
    next.map(str::trim)
        .filter(|c| !c.is_empty() && got > 0)
        .map(str::to_string)
}
