//! Flags shared by `create` and `update`: vendor-only fields and secrets read safely.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// `KEY=VALUE` -> (key, JSON value). `true`/`false`/numbers/`null` keep their JSON type; quote
/// them (`KEY='"true"'`) to force a string.
pub(crate) fn parse_set(text: &str) -> std::result::Result<(String, Value), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not KEY=VALUE"))?;
    let key = key.trim();
    if key.is_empty() {
        return Err(format!("`{text}` has an empty key"));
    }
    let value = match serde_json::from_str::<Value>(value) {
        Ok(v @ (Value::Bool(_) | Value::Number(_) | Value::Null | Value::String(_))) => v,
        _ => Value::String(value.to_string()),
    };
    Ok((key.to_string(), value))
}

/// Collect `--set` pairs; a key given twice is a mistake worth stopping for.
pub(crate) fn set_map(pairs: &[(String, Value)]) -> Result<BTreeMap<String, Value>> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        if map.insert(k.clone(), v.clone()).is_some() {
            return Err(Error::usage(format!("--set {k} is given twice")));
        }
    }
    Ok(map)
}

/// One line from stdin, for `--password-stdin`. Never echoed, never logged.
pub(crate) fn read_secret_line(what: &str) -> Result<Secret> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::usage(format!("cannot read {what} from stdin")).with_source(e))?;
    let value = line.trim_end_matches(['\r', '\n']);
    if value.is_empty() {
        return Err(Error::usage(format!("{what} on stdin is empty")));
    }
    Ok(Secret::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_values_keep_json_types() {
        assert_eq!(
            parse_set("a=true").unwrap(),
            ("a".into(), Value::Bool(true))
        );
        assert_eq!(parse_set("tz=Europe/Paris").unwrap().1, "Europe/Paris");
        assert_eq!(parse_set("n=3").unwrap().1, 3);
        assert_eq!(parse_set("q=\"true\"").unwrap().1, "true");
        assert_eq!(
            parse_set("m.k=a=b").unwrap(),
            ("m.k".into(), Value::from("a=b"))
        );
        assert!(parse_set("novalue").is_err());
        assert!(set_map(&[("a".into(), Value::Null), ("a".into(), Value::Null)]).is_err());
    }
}
