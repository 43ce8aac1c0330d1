//! Lists whose columns are known only at run time (one per profile, for `roster people`).

use comfy_table::Cell;
use serde::Serialize;

use super::{csv_line, indent, to_json_line, to_json_pretty, write_out, Output, OutputFormat};
use crate::error::Result;
use crate::redact;

/// Bytes of CSV, JSON or NDJSON gathered before they are written: a long report goes out in
/// large writes, not one per row.
const FLUSH_AT: usize = 64 * 1024;

/// Streams rows with run-time columns; tables wait for the last row so columns line up.
pub(crate) struct GridWriter<'a> {
    out: &'a Output,
    headers: Vec<String>,
    csv_headers: Vec<String>,
    rows: Vec<Vec<String>>,
    pending: String,
    started: bool,
    count: usize,
}

impl Output {
    /// A list with these table titles and CSV header names (the same columns, in order).
    pub(crate) fn grid(&self, headers: Vec<String>, csv_headers: Vec<String>) -> GridWriter<'_> {
        GridWriter {
            out: self,
            headers,
            csv_headers,
            rows: Vec::new(),
            pending: String::new(),
            started: false,
            count: 0,
        }
    }
}

impl GridWriter<'_> {
    /// One row: `cells` in column order for tables and CSV, `json` for JSON and NDJSON.
    pub(crate) fn push(&mut self, cells: Vec<String>, json: &impl Serialize) -> Result<()> {
        match self.out.format {
            OutputFormat::Table => {
                self.rows
                    .push(cells.iter().map(|c| redact::cell(c)).collect());
            }
            OutputFormat::Ndjson => self.pending.push_str(&to_json_line(json)?),
            OutputFormat::Json => {
                self.pending
                    .push_str(if self.started { ",\n" } else { "[\n" });
                self.started = true;
                self.pending.push_str(&indent(&to_json_pretty(json)?));
            }
            OutputFormat::Csv => {
                if !self.started {
                    self.pending
                        .push_str(&csv_line(self.csv_headers.iter().cloned())?);
                    self.started = true;
                }
                self.pending
                    .push_str(&csv_line(cells.into_iter().map(|c| redact::scrub(&c)))?);
            }
        }
        self.count += 1;
        if self.pending.len() >= FLUSH_AT {
            write_out(&std::mem::take(&mut self.pending))?;
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<()> {
        match self.out.format {
            OutputFormat::Table => {
                if self.rows.is_empty() {
                    self.out.note("(none)");
                    return Ok(());
                }
                let mut table = self.out.table();
                let bold = self.out.color;
                table.set_header(self.headers.iter().map(|h| {
                    let cell = Cell::new(redact::cell(h));
                    if bold {
                        cell.add_attribute(comfy_table::Attribute::Bold)
                    } else {
                        cell
                    }
                }));
                for row in self.rows {
                    table.add_row(row);
                }
                write_out(&format!("{table}\n"))
            }
            OutputFormat::Json => {
                self.pending
                    .push_str(if self.started { "\n]\n" } else { "[]\n" });
                write_out(&self.pending)
            }
            OutputFormat::Csv if !self.started => {
                write_out(&csv_line(self.csv_headers.iter().cloned())?)
            }
            _ => write_out(&self.pending),
        }
    }
}
