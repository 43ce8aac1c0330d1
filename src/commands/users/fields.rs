//! Flags shared by `create` and `update`: vendor-only fields and secrets read safely.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// `KEY=VALUE` -> (key, JSON value). `true`/`false`/numbers/`null` keep their JSON type; quote
/// them (`KEY='"true"'`) to force a string.
pub fn parse_set(text: &str) -> std::result::Result<(String, Value), String> {
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
pub fn set_map(pairs: &[(String, Value)]) -> Result<BTreeMap<String, Value>> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        if map.insert(k.clone(), v.clone()).is_some() {
            return Err(Error::usage(format!("--set {k} is given twice")));
        }
    }
    Ok(map)
}

/// One line from stdin, for `--password-stdin`. Never echoed, never logged.
pub fn read_secret_line(what: &str) -> Result<Secret> {
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

/// A strong random password from the OS generator: 20 characters from letters, digits and
/// symbols, with at least one of each class.
pub fn generate_password() -> Result<Secret> {
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGIT: &[u8] = b"23456789";
    const SYMBOL: &[u8] = b"!#%+-=?@^_";
    let all: Vec<u8> = [LOWER, UPPER, DIGIT, SYMBOL].concat();
    // 256 is not a multiple of the alphabet: bytes in the biased top of the range are skipped.
    let limit = 256 / all.len() * all.len();
    loop {
        let mut pw = String::with_capacity(20);
        while pw.len() < 20 {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes)
                .map_err(|e| Error::failure(format!("no random source: {e}")))?;
            pw.extend(
                bytes
                    .iter()
                    .filter(|b| usize::from(**b) < limit)
                    .map(|b| all[usize::from(*b) % all.len()] as char)
                    .take(20 - pw.len()),
            );
        }
        let has = |set: &[u8]| pw.bytes().any(|c| set.contains(&c));
        if has(LOWER) && has(UPPER) && has(DIGIT) && has(SYMBOL) {
            return Ok(Secret::new(pw));
        }
    }
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

    #[test]
    fn generated_passwords_are_strong_and_differ() {
        let a = generate_password().unwrap();
        let b = generate_password().unwrap();
        assert_eq!(a.expose().len(), 20);
        assert_ne!(a.expose(), b.expose());
    }
}
