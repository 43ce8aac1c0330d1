//! Lists written as pages arrive, in the chosen format and shape (`--fields`, `--jq`).

use comfy_table::{Cell, ColumnConstraint, Table};
use serde::Serialize;
use serde_json::Value;

use super::shape::{self, check_fields, csv_columns, ordered_json, pick, project, table_columns};
use super::{csv_line, indent, jq, scrubbed_json, to_json_line, to_json_pretty, write_out};
use super::{Output, OutputFormat, Row};
use crate::error::{Error, Result};
use crate::redact;

impl Output {
    /// A list written as pages arrive: NDJSON and CSV stream, JSON streams one array, tables
    /// wait for the last page so columns line up.
    pub(crate) fn list<T: Row>(&self) -> ListWriter<'_, T> {
        ListWriter {
            out: self,
            rows: Vec::new(),
            started: false,
            csv_header_done: false,
            count: 0,
            checked: false,
            for_jq: Vec::new(),
            _rows: std::marker::PhantomData,
        }
    }

    /// Before a command sends anything: every `--fields` name is one its result rows (`T`)
    /// have, so a typo is a usage error before the change is made, not after it.
    pub(crate) fn check_fields_for<T: Row>(&self) -> Result<()> {
        match &self.shape.fields {
            Some(fields) => check_fields::<T>(fields, &[]),
            None => Ok(()),
        }
    }

    /// `--fields` checked against what `item` can show.
    pub(super) fn check_fields<T: Row>(&self, item: &T) -> Result<()> {
        match &self.shape.fields {
            Some(fields) => check_fields::<T>(fields, &json_keys(item)?),
            None => Ok(()),
        }
    }

    /// The JSON text of `item`, cut to `--fields` in their order when given.
    pub(super) fn json_text<T: Row>(&self, item: &T, pretty: bool) -> Result<String> {
        match &self.shape.fields {
            Some(fields) => ordered_json(&project(&scrubbed_json(item)?, fields), pretty),
            None if pretty => to_json_pretty(item),
            None => to_json_line(item).map(|l| l.trim_end().to_string()),
        }
    }

    /// The value `--jq` sees for `item`: its JSON, cut to `--fields` when given.
    pub(super) fn jq_value<T: Row>(&self, item: &T) -> Result<Value> {
        let value = scrubbed_json(item)?;
        Ok(match &self.shape.fields {
            Some(fields) => Value::Object(project(&value, fields).into_iter().collect()),
            None => value,
        })
    }

    /// Run `--jq` over `input` and print each result on a line (strings raw).
    pub(super) fn jq_out(&self, code: &str, input: Value) -> Result<()> {
        let lines = jq::run(code, input).map_err(Error::failure)?;
        let mut text = String::new();
        for line in lines {
            text.push_str(&redact::scrub(&line));
            text.push('\n');
        }
        write_out(&text)
    }
}

/// Streams a list in the chosen format. Call `push` per page and `finish` once.
pub(crate) struct ListWriter<'a, T: Row> {
    out: &'a Output,
    rows: Vec<Vec<String>>,
    started: bool,
    csv_header_done: bool,
    count: usize,
    /// `--fields` was checked against the first item.
    checked: bool,
    /// Under `--jq`: the items, for the filter to see as one array at the end.
    for_jq: Vec<Value>,
    _rows: std::marker::PhantomData<T>,
}

impl<T: Row> ListWriter<'_, T> {
    pub(crate) fn push(&mut self, items: &[T]) -> Result<()> {
        let mut chunk = String::new();
        let fields = self.out.shape.fields.as_deref();
        for item in items {
            if !self.checked {
                self.out.check_fields(item)?;
                self.checked = true;
            }
            if self.out.shape.jq.is_some() {
                self.for_jq.push(self.out.jq_value(item)?);
                self.count += 1;
                continue;
            }
            match self.out.format {
                OutputFormat::Table => {
                    let cells = match fields {
                        Some(f) => pick(item, &table_columns::<T>(f)),
                        None => item.cells(),
                    };
                    self.rows
                        .push(cells.iter().map(|c| redact::cell(c)).collect());
                }
                OutputFormat::Ndjson => {
                    chunk.push_str(&self.out.json_text(item, false)?);
                    chunk.push('\n');
                }
                OutputFormat::Json => {
                    chunk.push_str(if self.started { ",\n" } else { "[\n" });
                    self.started = true;
                    chunk.push_str(&indent(&self.out.json_text(item, true)?));
                }
                OutputFormat::Csv => {
                    if !self.csv_header_done {
                        chunk.push_str(&csv_line(csv_titles::<T>(fields).into_iter())?);
                        self.csv_header_done = true;
                    }
                    let cells = match fields {
                        Some(f) => pick(item, &csv_columns::<T>(f)),
                        None => item.csv_cells(),
                    };
                    let cells = cells.into_iter().map(|c| redact::scrub(&c));
                    chunk.push_str(&csv_line(cells)?);
                }
            }
            self.count += 1;
        }
        if !chunk.is_empty() {
            write_out(&chunk)?;
        }
        Ok(())
    }

    pub(crate) fn count(&self) -> usize {
        self.count
    }

    pub(crate) fn finish(self) -> Result<()> {
        let fields = self.out.shape.fields.as_deref();
        // No item came to check `--fields` against: check what the type always has.
        if let (false, Some(f)) = (self.checked, fields) {
            check_fields::<T>(f, &[])?;
        }
        if let Some(code) = &self.out.shape.jq {
            return self.out.jq_out(code, Value::Array(self.for_jq));
        }
        match self.out.format {
            OutputFormat::Table => {
                if self.rows.is_empty() {
                    self.out.note("(none)");
                    return Ok(());
                }
                let titles: Vec<String> = match fields {
                    Some(f) => table_columns::<T>(f).into_iter().map(|(t, _)| t).collect(),
                    None => T::headers().iter().map(|h| h.to_string()).collect(),
                };
                // Columns asked for by name stay, even empty; otherwise empty ones go.
                let keep = match fields {
                    Some(_) => (0..titles.len()).collect(),
                    None => shape::non_empty_columns(titles.len(), &self.rows),
                };
                let pick_kept = |row: &[String]| -> Vec<String> {
                    keep.iter()
                        .map(|&i| row.get(i).cloned().unwrap_or_default())
                        .collect()
                };
                let titles = pick_kept(&titles);
                let mut table = self.out.table();
                let bold = self.out.color;
                table.set_header(titles.iter().map(|h| {
                    let cell = Cell::new(h);
                    if bold {
                        cell.add_attribute(comfy_table::Attribute::Bold)
                    } else {
                        cell
                    }
                }));
                for row in &self.rows {
                    table.add_row(pick_kept(row));
                }
                keep_ids_whole(&mut table, &titles);
                write_out(&format!("{table}\n"))
            }
            OutputFormat::Json => write_out(if self.started { "\n]\n" } else { "[]\n" }),
            OutputFormat::Csv if !self.csv_header_done => {
                write_out(&csv_line(csv_titles::<T>(fields).into_iter())?)
            }
            _ => Ok(()),
        }
    }
}

/// The CSV header: `--fields` as asked, else every field.
fn csv_titles<T: Row>(fields: Option<&[String]>) -> Vec<String> {
    match fields {
        Some(f) => csv_columns::<T>(f).into_iter().map(|(t, _)| t).collect(),
        None => T::csv_headers().iter().map(|s| s.to_string()).collect(),
    }
}

/// On a narrow terminal the other columns wrap, never an id: it stays whole, to copy.
fn keep_ids_whole(table: &mut Table, titles: &[String]) {
    for (i, title) in titles.iter().enumerate() {
        if shape::is_id_column(title) {
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }
}

/// The top-level keys of `item`'s JSON, which `--fields` may also name.
/// The JSON keys of `sample` that `--fields` would not know before a row exists: a test of
/// each row type asserts there are none (`Row::json_only_fields` names them).
#[cfg(test)]
pub(crate) fn keys_unknown_before_rows<T: Row>(sample: &T) -> Vec<String> {
    let known = shape::valid_fields::<T>(&[]);
    json_keys(sample)
        .unwrap_or_default()
        .into_iter()
        .filter(|k| !known.contains(k))
        .collect()
}

fn json_keys<T: Serialize>(item: &T) -> Result<Vec<String>> {
    Ok(match serde_json::to_value(item) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        Ok(_) => Vec::new(),
        Err(e) => return Err(Error::failure("cannot encode JSON").with_source(e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use comfy_table::{presets, ContentArrangement};

    #[test]
    fn on_a_narrow_terminal_ids_stay_whole_and_the_rest_wraps() {
        let id = "6b1f9e2c-3d4a-4f5e-9a8b-7c6d5e4f3a2b";
        let titles: Vec<String> = ["ID", "NAME", "DESCRIPTION"].map(String::from).to_vec();
        let mut table = Table::new();
        table.load_preset(presets::ASCII_FULL);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(50);
        table.set_header(titles.clone());
        table.add_row(vec![
            id.to_string(),
            "Ada Lovelace the First of Her Name".to_string(),
            "a long description that has to wrap on a narrow screen".to_string(),
        ]);
        keep_ids_whole(&mut table, &titles);
        let text = table.to_string();
        assert!(text.lines().any(|l| l.contains(id)), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 50), "{text}");
    }
}
