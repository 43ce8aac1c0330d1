//! Rendering of model types as tables for people or JSON / NDJSON / CSV for scripts.
//!
//! Everything printed passes through `crate::redact`: registered secrets become `[redacted]`
//! in every format. Tables, notes and warnings reach a terminal, so control characters in them
//! (a name holding `ESC [31m`) are escaped as `\u{1b}`. JSON escapes them as JSON does
//! (`\u001b`), and CSV keeps the raw value: it is data for programs, and a spreadsheet or a
//! re-import must see the name as the vendor holds it.

use std::io::Write;

use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{Group, Identity, PlannedRequest, User};
use crate::redact;

mod grid;
mod jq;
mod list;
pub(crate) mod shape;

#[cfg(test)]
pub(crate) use list::keys_unknown_before_rows;
pub(crate) use list::ListWriter;
use shape::pick;
use shape::table_columns;
pub(crate) use shape::Shape;

/// How results are written (`--output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    Table,
    Json,
    Ndjson,
    Csv,
}

pub(crate) use crate::terminal::ColorChoice;
use crate::terminal::Terminal;

/// How results are written, decided once per process.
#[derive(Debug, Clone)]
pub(crate) struct Output {
    pub(crate) format: OutputFormat,
    pub(crate) color: bool,
    pub(crate) quiet: bool,
    /// stdout is a terminal: tables fit its width.
    pub(crate) stdout_tty: bool,
    /// `--fields` and `--jq`.
    pub(crate) shape: Shape,
    /// Where notes and warnings go.
    pub(crate) terminal: Terminal,
}

impl Output {
    pub(crate) fn new(format: OutputFormat, terminal: &Terminal) -> Self {
        Output {
            format,
            color: terminal.stdout_color(),
            quiet: terminal.quiet,
            stdout_tty: terminal.stdout_tty,
            terminal: terminal.clone(),
            shape: Shape::default(),
        }
    }

    /// Results cut to `shape`; `--jq` implies JSON.
    pub(crate) fn with_shape(mut self, shape: Shape) -> Self {
        if shape.jq.is_some() {
            self.format = OutputFormat::Json;
        }
        self.shape = shape;
        self
    }

    /// A note for the person (stderr), silenced by `--quiet`.
    pub(crate) fn note(&self, message: impl AsRef<str>) {
        self.terminal.note(message);
    }

    /// A warning (stderr), silenced by `--quiet`.
    pub(crate) fn warn(&self, message: impl AsRef<str>) {
        self.terminal.warn(message);
    }

    /// One item: an object in JSON, a line in NDJSON, a header and a row in CSV, a two-column
    /// table for people.
    pub(crate) fn item<T: Row>(&self, item: &T) -> Result<()> {
        self.check_fields(item)?;
        if let Some(code) = &self.shape.jq {
            return self.jq_out(code, self.jq_value(item)?);
        }
        match self.format {
            OutputFormat::Table => {
                let mut table = self.table();
                let (titles, cells) = match &self.shape.fields {
                    Some(fields) => {
                        let columns = table_columns::<T>(fields);
                        let titles = columns.iter().map(|(t, _)| t.clone()).collect();
                        (titles, pick(item, &columns))
                    }
                    None => (
                        T::headers()
                            .iter()
                            .map(|h| h.to_string())
                            .collect::<Vec<_>>(),
                        item.cells(),
                    ),
                };
                for (h, v) in titles.iter().zip(cells) {
                    table.add_row(vec![Cell::new(h), Cell::new(redact::cell(&v))]);
                }
                write_out(&format!("{table}\n"))
            }
            OutputFormat::Json => write_out(&(self.json_text(item, true)? + "\n")),
            _ => {
                let mut list = self.list::<T>();
                list.push(std::slice::from_ref(item))?;
                list.finish()
            }
        }
    }

    /// The writes `--dry-run` held back.
    pub(crate) fn planned(&self, planned: &[PlannedRequest]) -> Result<()> {
        match self.format {
            OutputFormat::Json => write_out(&(to_json_pretty(&planned)? + "\n")),
            OutputFormat::Ndjson | OutputFormat::Csv => {
                let mut s = String::new();
                for p in planned {
                    s.push_str(&to_json_line(p)?);
                }
                write_out(&s)
            }
            OutputFormat::Table => {
                let mut s = String::new();
                for p in planned {
                    s.push_str(&format!("{} {}\n", p.method, p.url));
                    for (k, v) in &p.headers {
                        s.push_str(&format!("{k}: {v}\n"));
                    }
                    if let Some(body) = &p.body {
                        s.push('\n');
                        s.push_str(&to_json_pretty(body)?);
                        s.push('\n');
                    }
                    s.push('\n');
                }
                write_out(&redact::escape_controls(&redact::scrub(&s), true))
            }
        }
    }

    fn table(&self) -> Table {
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        // A terminal that reports no usable width (some pseudo-terminals say 0) is treated as a
        // pipe rather than squeezing every column to one character.
        let usable_width = table.width().is_some_and(|w| w >= 40);
        if self.stdout_tty && usable_width {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            // Piped: no wrapping, no truncation, plain ASCII.
            table.load_preset(presets::ASCII_MARKDOWN);
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
        if !self.color {
            table.force_no_tty();
        } else {
            table.enforce_styling();
        }
        table
    }
}

/// A model type that can be shown as a table row and a CSV record.
pub(crate) trait Row: Serialize {
    /// Table column titles, in `cells` order.
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
    /// CSV keeps every field with the JSON names.
    fn csv_headers() -> &'static [&'static str];
    fn csv_cells(&self) -> Vec<String>;
    /// Top-level JSON keys that are neither a CSV header nor a table title (`extra`): names
    /// `--fields` takes too, known before any row exists.
    fn json_only_fields() -> &'static [&'static str] {
        &[]
    }
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn names(refs: &[crate::model::Ref]) -> String {
    refs.iter()
        .map(|r| r.name.clone().unwrap_or_else(|| r.id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ids_and_names(refs: &[crate::model::Ref]) -> String {
    refs.iter()
        .map(|r| match &r.name {
            Some(n) => format!("{}:{n}", r.id),
            None => r.id.clone(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

impl Row for User {
    fn headers() -> &'static [&'static str] {
        &[
            "ID", "EMAIL", "USERNAME", "NAME", "STATUS", "GROUPS", "ROLES", "PROFILE",
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            opt(&self.email),
            opt(&self.username),
            opt(&self.display_name),
            self.status.as_str().to_string(),
            names(&self.groups),
            names(&self.roles),
            self.profile.clone(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &[
            "profile",
            "provider",
            "id",
            "email",
            "username",
            "first_name",
            "last_name",
            "display_name",
            "status",
            "groups",
            "roles",
            "created_at",
            "last_login",
        ]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.id.clone(),
            opt(&self.email),
            opt(&self.username),
            opt(&self.first_name),
            opt(&self.last_name),
            opt(&self.display_name),
            self.status.as_str().to_string(),
            ids_and_names(&self.groups),
            ids_and_names(&self.roles),
            opt(&self.created_at),
            opt(&self.last_login),
        ]
    }

    fn json_only_fields() -> &'static [&'static str] {
        &["extra"]
    }
}

impl Row for Group {
    fn headers() -> &'static [&'static str] {
        &["ID", "NAME", "KIND", "DESCRIPTION", "PROFILE"]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.kind.as_str().to_string(),
            opt(&self.description),
            self.profile.clone(),
        ]
    }

    fn csv_headers() -> &'static [&'static str] {
        &["profile", "provider", "id", "name", "kind", "description"]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.id.clone(),
            self.name.clone(),
            self.kind.as_str().to_string(),
            opt(&self.description),
        ]
    }
}

impl Row for Identity {
    fn headers() -> &'static [&'static str] {
        &["PROFILE", "PROVIDER", "BASE URL", "PRINCIPAL", "DETAIL"]
    }

    fn cells(&self) -> Vec<String> {
        self.csv_cells()
    }

    fn csv_headers() -> &'static [&'static str] {
        &["profile", "provider", "base_url", "principal", "detail"]
    }

    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.provider.clone(),
            self.base_url.clone(),
            opt(&self.principal),
            opt(&self.detail),
        ]
    }
}

fn to_json_pretty<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string_pretty(&scrubbed_json(v)?)
        .map_err(|e| Error::failure("cannot encode JSON").with_source(e))
}

fn to_json_line<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string(&scrubbed_json(v)?)
        .map(|s| s + "\n")
        .map_err(|e| Error::failure("cannot encode JSON").with_source(e))
}

/// `v` as a JSON tree with every registered secret scrubbed from its strings. Done on the
/// tree, not the text: a secret holding `"` is escaped in the text and would slip through.
fn scrubbed_json<T: Serialize + ?Sized>(v: &T) -> Result<Value> {
    fn walk(v: Value) -> Value {
        match v {
            Value::String(s) => Value::String(redact::scrub(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(walk).collect()),
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (redact::scrub(&k), walk(v)))
                    .collect(),
            ),
            other => other,
        }
    }
    serde_json::to_value(v)
        .map(walk)
        .map_err(|e| Error::failure("cannot encode JSON").with_source(e))
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn csv_line(cells: impl Iterator<Item = String>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cells)
        .map_err(|e| Error::failure("cannot encode CSV").with_source(e))?;
    let bytes = w
        .into_inner()
        .map_err(|e| Error::failure("cannot encode CSV").with_source(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Write to stdout and flush, so NDJSON reaches a pipe as each page arrives.
pub(crate) fn write_out(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Error::from_stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let line = csv_line(["a,b".to_string(), "say \"hi\"".to_string()].into_iter()).unwrap();
        assert_eq!(line, "\"a,b\",\"say \"\"hi\"\"\"\n");
    }

    #[test]
    fn every_json_key_of_users_groups_and_identities_is_known_before_a_row() {
        let mut user = User::blank("p", "paradigm", "1".into());
        user.extra.insert("anything".into(), "x".into());
        assert_eq!(keys_unknown_before_rows(&user), Vec::<String>::new());
        let group = Group {
            profile: "p".into(),
            provider: "paradigm".into(),
            id: "1".into(),
            name: "g".into(),
            kind: crate::model::GroupKind::Group,
            description: None,
        };
        assert_eq!(keys_unknown_before_rows(&group), Vec::<String>::new());
        let identity = Identity {
            profile: "p".into(),
            provider: "paradigm".into(),
            base_url: "http://127.0.0.1:1".into(),
            principal: None,
            detail: None,
        };
        assert_eq!(keys_unknown_before_rows(&identity), Vec::<String>::new());
    }

    #[test]
    fn user_rows_line_up_with_headers() {
        let u = User::blank("p", "paradigm", "1".into());
        assert_eq!(User::headers().len(), u.cells().len());
        assert_eq!(User::csv_headers().len(), u.csv_cells().len());
    }
}
