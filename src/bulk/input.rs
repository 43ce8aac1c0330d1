//! Import input: CSV with a header, or JSON Lines, from a file or stdin; UTF-8 with or without BOM.

use std::collections::BTreeMap;

use serde_json::Value;

/// The columns an import understands. `groups` and `roles` hold `;`-separated names or ids.
pub const COLUMNS: &[&str] = &[
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
pub struct InputRow {
    pub line: u64,
    pub email: String,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub groups: Vec<String>,
    pub roles: Vec<String>,
    pub language: Option<String>,
    pub phone: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub profile: Option<String>,
}

/// A problem with the input, located by line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: u64,
    pub column: Option<String>,
    pub profile: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            line,
            column: column.map(str::to_string),
            profile: None,
            message: message.into(),
        }
    }

    /// `FILE:LINE: column `C`: [profile P:] message`
    pub fn render(&self, file: &str) -> String {
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

/// Parse the whole input. Returns every row that parsed and every problem found.
pub fn parse(text: &str) -> (Vec<InputRow>, Vec<Problem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.trim_start().chars().next();
    if first == Some('{') {
        parse_jsonl(text)
    } else {
        parse_csv(text)
    }
}

fn parse_csv(text: &str) -> (Vec<InputRow>, Vec<Problem>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            problems.push(Problem::new(
                1,
                None,
                format!("cannot read the header: {e}"),
            ));
            return (rows, problems);
        }
    };
    if let Some(p) = header_problems(&headers) {
        problems.extend(p);
        return (rows, problems);
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p.byte())).unwrap_or(0);
                problems.push(Problem::new(
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
        rows.push(row_from(line, |k| fields.get(k).cloned(), &mut problems));
    }
    (rows, problems)
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

fn header_problems(headers: &[String]) -> Option<Vec<Problem>> {
    let mut problems = Vec::new();
    for h in headers {
        if h == "password" {
            problems.push(Problem::new(
                1,
                Some(h),
                "a password column is refused (it would sit in a file in clear); \
                 use --generate-password",
            ));
        } else if !COLUMNS.contains(&h.as_str()) {
            problems.push(Problem::new(
                1,
                Some(h),
                format!("unknown column; known: {}", COLUMNS.join(", ")),
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
    (!problems.is_empty()).then_some(problems)
}

fn parse_jsonl(text: &str) -> (Vec<InputRow>, Vec<Problem>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i as u64 + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let obj = match serde_json::from_str::<Value>(raw) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                problems.push(Problem::new(line, None, "expected a JSON object"));
                continue;
            }
            Err(e) => {
                problems.push(Problem::new(line, None, format!("invalid JSON: {e}")));
                continue;
            }
        };
        let keys: Vec<String> = obj.keys().map(|k| k.to_ascii_lowercase()).collect();
        if let Some(mut p) = header_problems(&keys) {
            for x in &mut p {
                x.line = line;
            }
            problems.extend(p);
            continue;
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
        rows.push(row_from(line, get, &mut problems));
    }
    (rows, problems)
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
    } else if !crate::commands::users::create::looks_like_email(&email) {
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

    #[test]
    fn csv_with_bom_and_lists() {
        let (rows, problems) = parse(
            "\u{feff}email,username,groups\na@example.com,a,Engineering; Sales\n\nb@example.com,b,\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].groups, ["Engineering", "Sales"]);
        assert_eq!(rows[1].line, 4);
        assert!(rows[1].groups.is_empty());
    }

    #[test]
    fn jsonl_accepts_arrays_and_strings() {
        let (rows, problems) =
            parse("{\"email\":\"a@example.com\",\"roles\":[\"admin\",\"manager\"]}\n");
        assert!(problems.is_empty());
        assert_eq!(rows[0].roles, ["admin", "manager"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let (_, problems) = parse("email,password,colour\nx,y,z\n");
        let rendered: Vec<String> = problems.iter().map(|p| p.render("f.csv")).collect();
        assert!(rendered[0].starts_with("f.csv:1: column `password`"));
        assert!(rendered[1].contains("column `colour`: unknown column"));
        let (_, problems) = parse("email\nnot-an-email\n\"unterminated\n");
        assert_eq!(
            problems[0].render("f.csv"),
            "f.csv:2: column `email`: `not-an-email` is not an email address"
        );
        let (_, problems) = parse("{\"email\": 1\nnot json\n");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[1].line, 2);
    }
}
