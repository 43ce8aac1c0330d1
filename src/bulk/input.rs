//! Import input: CSV with a header, or JSON Lines, from a file or stdin; UTF-8 with or without BOM.

use std::collections::BTreeMap;

use serde_json::Value;

/// The columns an import understands. `groups` and `roles` hold `;`-separated names or ids.
pub(crate) const COLUMNS: &[&str] = &[
    "email",
    "username",
    "first_name",
    "last_name",
    "groups",
    "roles",
    "language",
    "phone",
    "name",
    "description",
    "profile",
];

/// One input row, with the line it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct InputRow {
    pub(crate) line: u64,
    pub(crate) email: String,
    pub(crate) username: Option<String>,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) groups: Vec<String>,
    pub(crate) roles: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) profile: Option<String>,
}

/// A problem with the input, located by line and column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub(crate) line: u64,
    pub(crate) column: Option<String>,
    pub(crate) profile: Option<String>,
    pub(crate) message: String,
}

impl Problem {
    pub(crate) fn new(line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            line,
            column: column.map(str::to_string),
            profile: None,
            message: message.into(),
        }
    }

    /// `column `C`: message`, without the place: the reason in a result row.
    pub(crate) fn reason(&self) -> String {
        match &self.column {
            Some(c) => format!("column `{c}`: {}", self.message),
            None => self.message.clone(),
        }
    }

    /// `FILE:LINE: column `C`: [profile P:] message`
    pub(crate) fn render(&self, file: &str) -> String {
        let mut s = format!("{file}:{}:", self.line);
        if let Some(c) = &self.column {
            s.push_str(&format!(" column `{c}`:"));
        }
        if let Some(p) = &self.profile {
            s.push_str(&format!(" profile `{p}`:"));
        }
        s.push(' ');
        s.push_str(&self.message);
        s
    }
}

/// What the input held: the rows that parsed, the problems of single rows (which
/// `--skip-invalid` can skip), and the columns it had that an import does not take.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) rows: Vec<InputRow>,
    pub(crate) problems: Vec<Problem>,
    /// Ignored, with one warning: e.g. `id` and `status` in a `users list -o csv` export.
    pub(crate) ignored: Vec<String>,
}

/// The field separator of a CSV input: `,`, `;` or `tab` (also written `\t`).
pub(crate) fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => Err("expected `,`, `;` or `tab`".into()),
    }
}

/// Parse the whole input. `Err` holds the problems no row can be imported past (a header that
/// cannot be read, a duplicate or password column, no email column).
pub(crate) fn parse(text: &str, delimiter: u8) -> Result<Parsed, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.trim_start().chars().next();
    if first == Some('{') {
        Ok(parse_jsonl(text))
    } else {
        parse_csv(text, delimiter)
    }
}

fn parse_csv(text: &str, delimiter: u8) -> Result<Parsed, Vec<Problem>> {
    let mut parsed = Parsed::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return Err(vec![Problem::new(
                1,
                None,
                format!("cannot read the header: {e}"),
            )])
        }
    };
    let problems = header_problems(&headers);
    if !problems.is_empty() {
        return Err(problems);
    }
    parsed.ignored = unknown(&headers);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p.byte())).unwrap_or(0);
                parsed.problems.push(Problem::new(
                    line,
                    None,
                    format!("cannot read the row: {e}"),
                ));
                continue;
            }
        };
        // The csv crate does not count blank lines; the byte offset gives the editor's line.
        let line = record
            .position()
            .map(|p| line_at(text, p.byte()))
            .unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let fields: BTreeMap<String, String> = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        let row = row_from(line, |k| fields.get(k).cloned(), &mut parsed.problems);
        parsed.rows.push(row);
    }
    Ok(parsed)
}

/// The 1-based line where the record at a byte offset starts. A record's offset can point at
/// blank lines the reader skipped before it; they are not its line.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while end < bytes.len() && matches!(bytes[end], b'\n' | b'\r') {
        end += 1;
    }
    bytes[..end].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// A header no row can be imported past: every problem found in it.
fn header_problems(headers: &[String]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if h == "password" {
            problems.push(password_refused(1));
        } else if headers[..i].contains(h) {
            // Which of two cells would win is a guess; the file must say.
            let shown = if h.is_empty() { "(blank)" } else { h };
            problems.push(Problem::new(
                1,
                Some(shown),
                "the column appears twice in the header; keep one",
            ));
        }
    }
    if !headers.iter().any(|h| h == "email") {
        problems.push(Problem::new(
            1,
            Some("email"),
            "the header has no email column",
        ));
    }
    problems
}

fn password_refused(line: u64) -> Problem {
    Problem::new(
        line,
        Some("password"),
        "a password column is refused (it would sit in a file in clear); \
         use --generate-password",
    )
}

/// The columns an import does not take, in the order first seen.
fn unknown(headers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in headers {
        if !COLUMNS.contains(&h.as_str()) && h != "password" && !out.contains(h) {
            out.push(h.clone());
        }
    }
    out
}

fn parse_jsonl(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i as u64 + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let obj = match serde_json::from_str::<Value>(raw) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                parsed
                    .problems
                    .push(Problem::new(line, None, "expected a JSON object"));
                continue;
            }
            Err(e) => {
                parsed
                    .problems
                    .push(Problem::new(line, None, format!("invalid JSON: {e}")));
                continue;
            }
        };
        let obj: BTreeMap<String, Value> = obj
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        let keys: Vec<String> = obj.keys().cloned().collect();
        for k in unknown(&keys) {
            if !parsed.ignored.contains(&k) {
                parsed.ignored.push(k);
            }
        }
        if obj.contains_key("password") {
            parsed.problems.push(password_refused(line));
        }
        let get = |k: &str| match obj.get(k) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            Some(other) => Some(other.to_string()),
        };
        let row = row_from(line, get, &mut parsed.problems);
        parsed.rows.push(row);
    }
    parsed
}

fn row_from(
    line: u64,
    get: impl Fn(&str) -> Option<String>,
    problems: &mut Vec<Problem>,
) -> InputRow {
    let text = |k: &str| {
        get(k)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let list = |k: &str| -> Vec<String> {
        text(k)
            .map(|s| {
                s.split(';')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let email = text("email").unwrap_or_default();
    if email.is_empty() {
        problems.push(Problem::new(line, Some("email"), "missing"));
    } else if !crate::rules::looks_like_email(&email) {
        problems.push(Problem::new(
            line,
            Some("email"),
            format!("`{email}` is not an email address"),
        ));
    }
    InputRow {
        line,
        email,
        username: text("username"),
        first_name: text("first_name"),
        last_name: text("last_name"),
        groups: list("groups"),
        roles: list("roles"),
        language: text("language"),
        phone: text("phone"),
        name: text("name"),
        description: text("description"),
        profile: text("profile"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Parsed {
        parse(text, b',').unwrap()
    }

    #[test]
    fn csv_with_bom_and_lists() {
        let parsed = csv(
            "\u{feff}email,username,groups\na@example.com,a,Engineering; Sales\n\nb@example.com,b,\n",
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let rows = parsed.rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].groups, ["Engineering", "Sales"]);
        assert_eq!(rows[1].line, 4);
        assert!(rows[1].groups.is_empty());
    }

    #[test]
    fn jsonl_accepts_arrays_and_strings() {
        let parsed =
            csv("{\"Email\":\"a@example.com\",\"roles\":[\"admin\",\"manager\"],\"id\":3}\n");
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.rows[0].email, "a@example.com");
        assert_eq!(parsed.rows[0].roles, ["admin", "manager"]);
        assert_eq!(parsed.ignored, ["id"]);
    }

    #[test]
    fn header_problems_stop_everything_and_name_the_column() {
        let problems = parse("email,password,Email\nx,y,z\n", b',').unwrap_err();
        let rendered: Vec<String> = problems.iter().map(|p| p.render("f.csv")).collect();
        assert!(
            rendered[0].starts_with("f.csv:1: column `password`"),
            "{rendered:?}"
        );
        assert_eq!(
            rendered[1],
            "f.csv:1: column `email`: the column appears twice in the header; keep one"
        );
        let problems = parse("name\nx\n", b',').unwrap_err();
        assert!(problems[0].message.contains("no email column"));
    }

    #[test]
    fn unknown_columns_are_ignored_once() {
        let parsed = csv("profile,provider,id,email,status,ID2\n");
        assert_eq!(parsed.ignored, ["provider", "id", "status", "id2"]);
    }

    #[test]
    fn row_problems_are_reported_with_their_place() {
        let parsed = csv("email\nnot-an-email\n\"unterminated\n");
        assert_eq!(
            parsed.problems[0].render("f.csv"),
            "f.csv:2: column `email`: `not-an-email` is not an email address"
        );
        let parsed = csv("{\"email\": 1\nnot json\n");
        assert_eq!(parsed.problems.len(), 2);
        assert_eq!(parsed.problems[1].line, 2);
    }

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter("\\t"), Ok(b'\t'));
        assert_eq!(parse_delimiter("\t"), Ok(b'\t'));
        assert!(parse_delimiter("|").is_err());
        let parsed = parse("email\tgroups\na@example.com\tA;B\n", b'\t').unwrap();
        assert_eq!(parsed.rows[0].groups, ["A", "B"]);
        let parsed = parse("email;groups\na@example.com;\"A;B\"\n", b';').unwrap();
        assert_eq!(parsed.rows[0].groups, ["A", "B"]);
    }
}
