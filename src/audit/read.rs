//! Reading the audit log back, one line at a time (bounded memory), through `roster log`'s filters.

use std::io::{BufRead, Read};

use chrono::{DateTime, Duration, Utc};

use super::Line;

/// A line longer than this is not an audit line roster wrote: it is skipped, not held.
const MAX_LINE_BYTES: u64 = 1 << 20;

/// The longest `--since` span: ten years.
pub(crate) const MAX_SINCE_DAYS: i64 = 3650;

/// Which lines `roster log` shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Filter {
    pub(crate) since: Option<DateTime<Utc>>,
    /// Any of these profiles (empty: all).
    pub(crate) profiles: Vec<String>,
    /// The target's email (any case) or id.
    pub(crate) user: Option<String>,
    /// A run id, or the start of one.
    pub(crate) run: Option<String>,
}

impl Filter {
    pub(crate) fn matches(&self, line: &Line) -> bool {
        let since = self
            .since
            .is_none_or(|since| line.parsed_time().is_some_and(|t| t >= since));
        let profile = self.profiles.is_empty() || self.profiles.contains(&line.profile);
        let user = self.user.as_deref().is_none_or(|u| {
            line.target
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(u))
                || line.target.id.as_deref() == Some(u)
        });
        let run = self
            .run
            .as_deref()
            .is_none_or(|r| line.run.starts_with(&r.to_ascii_lowercase()));
        since && profile && user && run
    }
}

/// `--since`: a span back from `now` (`90s`, `30m`, `12h`, `7d`, `2w`) or an RFC 3339 time.
pub(crate) fn parse_since(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let wrong = || {
        format!(
            "expected a span like 90s, 30m, 12h, 7d or 2w (at most {MAX_SINCE_DAYS}d), or an \
             RFC 3339 time like 2026-12-01T09:00:00Z"
        )
    };
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(wrong)?;
    let (number, unit) = text.split_at(split);
    // At most ten digits: anything longer is past the bound anyway, and cannot overflow.
    if number.is_empty() || number.len() > 10 {
        return Err(wrong());
    }
    let n: i64 = number.parse().map_err(|_| wrong())?;
    let seconds = match unit {
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        "w" => n * 7 * 86_400,
        _ => return Err(wrong()),
    };
    if seconds > MAX_SINCE_DAYS * 86_400 {
        return Err(wrong());
    }
    Ok(now - Duration::seconds(seconds))
}

/// What reading met besides lines: said on stderr by the caller.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Skipped {
    /// The last line has no newline and does not parse: a write cut short (a crash).
    TornLast,
    /// Line `n` (1-based) is not an audit line.
    Unreadable(u64),
}

/// Every line of `input` that `filter` keeps, in order, handed to `each` one at a time; lines
/// that are not audit lines to `skipped`. Holds one line in memory at a time.
pub(crate) fn each_line<R: Read, E>(
    input: R,
    filter: &Filter,
    mut each: impl FnMut(Line) -> Result<(), E>,
    mut skipped: impl FnMut(Skipped),
) -> Result<(), ReadError<E>> {
    let mut reader = std::io::BufReader::new(input);
    let mut buf = Vec::new();
    let mut number = 0u64;
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut buf)
            .map_err(ReadError::Io)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let complete = buf.last() == Some(&b'\n');
        if !complete && buf.len() as u64 > MAX_LINE_BYTES {
            // Skip the rest of an overlong line.
            loop {
                buf.clear();
                let n = (&mut reader)
                    .take(MAX_LINE_BYTES)
                    .read_until(b'\n', &mut buf)
                    .map_err(ReadError::Io)?;
                if n == 0 || buf.last() == Some(&b'\n') {
                    break;
                }
            }
            skipped(Skipped::Unreadable(number));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Line>(&buf) {
            Ok(line) => {
                if filter.matches(&line) {
                    each(line).map_err(ReadError::Output)?;
                }
            }
            Err(_) if !complete => skipped(Skipped::TornLast),
            Err(_) => skipped(Skipped::Unreadable(number)),
        }
    }
}

#[derive(Debug)]
pub(crate) enum ReadError<E> {
    Io(std::io::Error),
    Output(E),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Run;

    fn line(profile: &str, email: &str, run: &str, time: &str) -> String {
        let r = Run {
            id: run.into(),
            user: "u".into(),
            host: "h".into(),
            version: "0".into(),
            command: "users create".into(),
            argv: Vec::new(),
        };
        let mut l = Line::new(&r, profile, "paradigm", "create");
        l.time = time.into();
        l.target.email = Some(email.into());
        l.target.id = Some(format!("id-{email}"));
        serde_json::to_string(&l).unwrap() + "\n"
    }

    fn kept(text: &str, filter: &Filter) -> (Vec<Line>, Vec<Skipped>) {
        let (mut lines, mut skipped) = (Vec::new(), Vec::new());
        each_line::<_, ()>(
            text.as_bytes(),
            filter,
            |l| {
                lines.push(l);
                Ok(())
            },
            |s| skipped.push(s),
        )
        .unwrap();
        (lines, skipped)
    }

    #[test]
    fn filters_combine_and_a_torn_last_line_is_skipped() {
        let text = [
            line("a", "x@example.com", "aaaa1111", "2026-11-01T10:00:00.000Z"),
            line("b", "X@example.com", "bbbb2222", "2026-12-01T10:00:00.000Z"),
            "not json\n".to_string(),
            line("a", "y@example.com", "aaaa1111", "2026-12-02T10:00:00.000Z"),
            "{\"time\":\"2026-12-02T1".to_string(),
        ]
        .concat();
        let (all, skipped) = kept(&text, &Filter::default());
        assert_eq!(all.len(), 3);
        assert_eq!(skipped, [Skipped::Unreadable(3), Skipped::TornLast]);
        let since = parse_since("2026-11-15T00:00:00Z", Utc::now()).unwrap();
        let f = Filter {
            since: Some(since),
            ..Filter::default()
        };
        assert_eq!(kept(&text, &f).0.len(), 2);
        let f = Filter {
            profiles: vec!["a".into()],
            user: Some("x@EXAMPLE.com".into()),
            ..Filter::default()
        };
        assert_eq!(kept(&text, &f).0.len(), 1);
        let f = Filter {
            run: Some("AAAA".into()),
            ..Filter::default()
        };
        assert_eq!(kept(&text, &f).0.len(), 2);
        let f = Filter {
            user: Some("id-y@example.com".into()),
            ..Filter::default()
        };
        assert_eq!(kept(&text, &f).0.len(), 1);
    }

    #[test]
    fn since_is_a_bounded_span_or_a_time() {
        let now = Utc::now();
        assert_eq!(parse_since("7d", now).unwrap(), now - Duration::days(7));
        assert_eq!(
            parse_since("90s", now).unwrap(),
            now - Duration::seconds(90)
        );
        assert_eq!(parse_since("2w", now).unwrap(), now - Duration::days(14));
        for bad in [
            "",
            "d",
            "7",
            "7y",
            "-7d",
            "3651d",
            "99999999999999999999d",
            "1.5h",
        ] {
            assert!(parse_since(bad, now).is_err(), "{bad}");
        }
        assert!(parse_since("3650d", now).is_ok());
    }

    #[test]
    fn an_overlong_line_is_skipped_not_held() {
        let huge = format!("{}\n", "x".repeat((MAX_LINE_BYTES + 10) as usize));
        let text = [
            huge,
            line("a", "x@example.com", "r", "2026-12-01T10:00:00.000Z"),
        ]
        .concat();
        let (lines, skipped) = kept(&text, &Filter::default());
        assert_eq!(lines.len(), 1);
        assert_eq!(skipped, [Skipped::Unreadable(1)]);
    }
}
