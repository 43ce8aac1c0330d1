//! Output shaping: `--fields` (which columns and keys, in which order), `--jq`, and the table
//! rules (columns empty in every row dropped; ids never wrapped).

use serde_json::{Map, Value};

use super::Row;
use crate::error::{Error, Result};

/// How results are cut down before they are written. Cheap to clone: the `--jq` filter is kept
/// as text (checked once at start) and compiled where it runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Shape {
    /// `--fields`: names in the JSON / CSV spelling, in the order asked.
    pub(crate) fields: Option<Vec<String>>,
    /// `--jq`: a jq filter over the JSON output.
    pub(crate) jq: Option<String>,
}

impl Shape {
    /// From the flags: `--fields` split on commas; `--jq` compiled once, so a bad filter is a
    /// usage error (exit 2) with jaq's message before anything runs.
    pub(crate) fn new(fields: Option<&str>, jq: Option<&str>) -> Result<Shape> {
        let fields = match fields {
            None => None,
            Some(text) => {
                let names: Vec<String> = text
                    .split(',')
                    .map(|f| f.trim().to_ascii_lowercase())
                    .filter(|f| !f.is_empty())
                    .collect();
                if names.is_empty() {
                    return Err(Error::usage("--fields needs at least one field name")
                        .with_hint("e.g. --fields id,email,status"));
                }
                Some(names)
            }
        };
        if let Some(code) = jq {
            super::jq::check(code).map_err(|why| {
                Error::usage(format!("--jq: {why}"))
                    .with_hint("see the jq manual; e.g. --jq '.[] | .email'")
            })?;
        }
        Ok(Shape {
            fields,
            jq: jq.map(str::to_string),
        })
    }
}

/// A field's name as `--fields` takes it: a table title lower-cased, spaces as `_`.
fn field_name(header: &str) -> String {
    header.to_ascii_lowercase().replace(' ', "_")
}

/// Every field `T` can show: its CSV / JSON names, then its table titles.
pub(crate) fn valid_fields<T: Row>(json_keys: &[String]) -> Vec<String> {
    let mut names: Vec<String> = T::csv_headers().iter().map(|h| field_name(h)).collect();
    for name in T::headers()
        .iter()
        .map(|h| field_name(h))
        .chain(T::json_only_fields().iter().map(|k| k.to_string()))
        .chain(json_keys.iter().cloned())
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `Ok` when every field asked for is one `T` has; else the usage error listing the valid ones.
pub(crate) fn check_fields<T: Row>(fields: &[String], json_keys: &[String]) -> Result<()> {
    let valid = valid_fields::<T>(json_keys);
    let unknown: Vec<&str> = fields
        .iter()
        .filter(|f| !valid.contains(f))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "unknown field(s) for --fields: {}; valid: {}",
        unknown.join(", "),
        valid.join(", ")
    )))
}

/// Where a chosen column's cells come from: the table's own cell (people's rendering, e.g.
/// group names) where the table has the field, else the CSV cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Table(usize),
    Csv(usize),
}

/// The table columns for `fields`: a title and where each cell comes from.
pub(crate) fn table_columns<T: Row>(fields: &[String]) -> Vec<(String, Source)> {
    fields
        .iter()
        .filter_map(|f| {
            if let Some(i) = T::headers().iter().position(|h| field_name(h) == *f) {
                return T::headers()
                    .get(i)
                    .map(|h| (h.to_string(), Source::Table(i)));
            }
            T::csv_headers()
                .iter()
                .position(|h| field_name(h) == *f)
                .map(|i| (f.to_ascii_uppercase().replace('_', " "), Source::Csv(i)))
        })
        .collect()
}

/// The CSV columns for `fields`: the CSV cell, or the table's where only the table has it.
pub(crate) fn csv_columns<T: Row>(fields: &[String]) -> Vec<(String, Source)> {
    fields
        .iter()
        .filter_map(|f| {
            if let Some(i) = T::csv_headers().iter().position(|h| field_name(h) == *f) {
                return Some((f.clone(), Source::Csv(i)));
            }
            T::headers()
                .iter()
                .position(|h| field_name(h) == *f)
                .map(|i| (f.clone(), Source::Table(i)))
        })
        .collect()
}

/// One row's cells for `columns`.
pub(crate) fn pick<T: Row>(item: &T, columns: &[(String, Source)]) -> Vec<String> {
    let (table, csv) = (item.cells(), item.csv_cells());
    columns
        .iter()
        .map(|(_, source)| {
            let cell = match source {
                Source::Table(i) => table.get(*i),
                Source::Csv(i) => csv.get(*i),
            };
            cell.cloned().unwrap_or_default()
        })
        .collect()
}

/// A JSON object cut to `fields`, in their order (`null` for a field this object lacks).
pub(crate) fn project(value: &Value, fields: &[String]) -> Vec<(String, Value)> {
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    fields
        .iter()
        .map(|f| (f.clone(), object.get(f).cloned().unwrap_or(Value::Null)))
        .collect()
}

/// An object written with its keys in the given order (serde_json's own maps sort them).
pub(crate) fn ordered_json(pairs: &[(String, Value)], pretty: bool) -> Result<String> {
    let encode = |v: &Value| {
        if pretty {
            serde_json::to_string_pretty(v)
        } else {
            serde_json::to_string(v)
        }
        .map_err(|e| Error::failure("cannot encode JSON").with_source(e))
    };
    let mut parts = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let key = encode(&Value::String(k.clone()))?;
        let value = encode(v)?;
        if pretty {
            parts.push(format!("  {key}: {}", value.replace('\n', "\n  ")));
        } else {
            parts.push(format!("{key}:{value}"));
        }
    }
    Ok(match (pretty, parts.is_empty()) {
        (_, true) => "{}".to_string(),
        (true, false) => format!("{{\n{}\n}}", parts.join(",\n")),
        (false, false) => format!("{{{}}}", parts.join(",")),
    })
}

/// The columns of `rows` that hold something in at least one row (all of them when there is
/// no row, so an empty table still says what it would show).
pub(crate) fn non_empty_columns(width: usize, rows: &[Vec<String>]) -> Vec<usize> {
    (0..width)
        .filter(|&i| {
            rows.is_empty()
                || rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
        })
        .collect()
}

/// A column whose cells are ids: never wrapped or cut, so they can be copied whole.
pub(crate) fn is_id_column(title: &str) -> bool {
    let t = title.to_ascii_uppercase();
    t == "ID" || t.ends_with(" ID") || t == "RUN"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::User;
    use serde_json::json;

    #[test]
    fn fields_are_checked_and_keep_their_order() {
        let shape = Shape::new(Some("Email, id ,status"), None).unwrap();
        let fields = shape.fields.unwrap();
        assert_eq!(fields, ["email", "id", "status"]);
        assert!(check_fields::<User>(&fields, &[]).is_ok());
        // Known before any user exists: a JSON key that is no column.
        assert!(check_fields::<User>(&["extra".into()], &[]).is_ok());
        let e = check_fields::<User>(&["mail".into()], &[]).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Usage);
        assert!(e.to_string().contains("mail") && e.to_string().contains("valid: profile"));
        assert!(Shape::new(Some(" , "), None).is_err());
        assert_eq!(
            Shape::new(Some("x"), Some(".[] |")).unwrap_err().kind(),
            crate::error::ErrorKind::Usage
        );
    }

    #[test]
    fn columns_come_from_the_table_where_it_has_them() {
        let mut u = User::blank("p", "paradigm", "42".into());
        u.email = Some("a@example.com".into());
        u.display_name = Some("Ada L".into());
        let fields: Vec<String> = ["name", "id", "created_at"].map(String::from).to_vec();
        let cols = table_columns::<User>(&fields);
        assert_eq!(cols[0].0, "NAME");
        assert_eq!(cols[2].0, "CREATED AT");
        assert_eq!(pick(&u, &cols), ["Ada L", "42", ""]);
        let csv = csv_columns::<User>(&fields);
        assert_eq!(csv.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), fields);
        assert_eq!(pick(&u, &csv), ["Ada L", "42", ""]);
    }

    #[test]
    fn json_keeps_the_asked_order() {
        let v = json!({"a": 1, "b": {"c": [1, 2]}, "z": "x"});
        let fields: Vec<String> = ["z", "b", "missing"].map(String::from).to_vec();
        let pairs = project(&v, &fields);
        let compact = ordered_json(&pairs, false).unwrap();
        assert_eq!(compact, r#"{"z":"x","b":{"c":[1,2]},"missing":null}"#);
        let pretty = ordered_json(&pairs, true).unwrap();
        assert!(
            pretty.starts_with("{\n  \"z\": \"x\",\n  \"b\": {"),
            "{pretty}"
        );
        let back: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(back["b"]["c"][1], 2);
        assert_eq!(ordered_json(&[], true).unwrap(), "{}");
    }

    #[test]
    fn empty_columns_are_found_and_ids_known() {
        let rows = vec![
            vec!["1".into(), "".into(), "x".into()],
            vec!["2".into(), " ".into(), "".into()],
        ];
        assert_eq!(non_empty_columns(3, &rows), [0, 2]);
        assert_eq!(non_empty_columns(2, &[]), [0, 1]);
        assert!(is_id_column("ID") && is_id_column("CLIENT ID") && !is_id_column("IDLE"));
    }
}
