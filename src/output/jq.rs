//! `--jq EXPR`: a jq filter over the JSON output, run in-process with the jaq crates, as `gh --jq`.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;
use serde::Deserialize;
use serde_json::Value;

/// Parse and compile `code`: the jaq message when it is not a valid filter.
pub(crate) fn check(code: &str) -> Result<(), String> {
    with_filter(code, |_| ())
}

/// Run `code` over `input`: each output as a line, strings raw (unquoted), other values as
/// compact JSON. A runtime error (`.[0]` of an object) is the jaq message.
pub(crate) fn run(code: &str, input: Value) -> Result<Vec<String>, String> {
    let input = Val::deserialize(input).map_err(|e| format!("cannot read the JSON: {e}"))?;
    with_filter(code, |filter| {
        let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
        let mut lines = Vec::new();
        for out in filter.id.run((ctx, input)).map(unwrap_valr) {
            match out {
                Ok(Val::TStr(s)) => lines.push(String::from_utf8_lossy(&s).into_owned()),
                Ok(v) => lines.push(v.to_string()),
                Err(e) => return Err(format!("jq: error: {e}")),
            }
        }
        Ok(lines)
    })?
}

/// Load and compile `code` with jaq's core, standard and JSON definitions, and hand the
/// filter to `f`.
fn with_filter<T>(
    code: &str,
    f: impl FnOnce(&jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>) -> T,
) -> Result<T, String> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let program = File { code, path: () };
    let modules = loader
        .load(&arena, program)
        .map_err(|errs| load_errors(code, errs))?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errs| {
            let names: Vec<String> = errs
                .into_iter()
                .flat_map(|(_, undefined)| undefined)
                .map(|(name, u)| format!("undefined {} `{name}`", u.as_str()))
                .collect();
            names.join("; ")
        })?;
    Ok(f(&filter))
}

/// Where in `code` a message points: the text from there (cut), or "the end".
fn at(code: &str, rest: &str) -> String {
    let shown: String = rest.chars().take(20).collect();
    if shown.is_empty() || !code.contains(rest) {
        "at the end".to_string()
    } else {
        format!("at `{shown}`")
    }
}

fn load_errors(code: &str, errs: jaq_core::load::Errors<&str, ()>) -> String {
    use jaq_core::load::Error;
    let mut messages = Vec::new();
    for (_, e) in errs {
        match e {
            Error::Io(items) => messages.extend(
                items
                    .into_iter()
                    .map(|(path, why)| format!("cannot load `{path}`: {why}")),
            ),
            Error::Lex(items) => {
                messages.extend(items.into_iter().map(|(expect, rest)| {
                    format!("expected {} {}", expect.as_str(), at(code, rest))
                }))
            }
            Error::Parse(items) => {
                messages.extend(items.into_iter().map(|(expect, rest)| {
                    format!("expected {} {}", expect.as_str(), at(code, rest))
                }))
            }
        }
    }
    messages.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_come_out_raw_and_values_as_json() {
        let users = json!([{"id": "1", "email": "a@example.com", "n": 2}, {"id": "2", "email": null, "n": 3}]);
        assert_eq!(run(".[].id", users.clone()).unwrap(), ["1", "2"]);
        assert_eq!(
            run(".[0]", users.clone()).unwrap(),
            [r#"{"email":"a@example.com","id":"1","n":2}"#]
        );
        assert_eq!(run("map(.n) | add", users.clone()).unwrap(), ["5"]);
        assert_eq!(
            run(
                r#"[.[] | select(.email == null) | .id] | length"#,
                users.clone()
            )
            .unwrap(),
            ["1"]
        );
        assert!(
            run(".[0] | keys | .[0] + 1", users).is_err(),
            "a runtime error"
        );
    }

    #[test]
    fn compile_errors_say_what_jaq_expected() {
        assert!(check(".[] | .id").is_ok());
        let e = check(".[] |").unwrap_err();
        assert!(e.contains("expected"), "{e}");
        let e = check("nosuchfilter").unwrap_err();
        assert!(e.contains("undefined filter `nosuchfilter`"), "{e}");
        let e = check("\"open").unwrap_err();
        assert!(!e.is_empty());
    }
}
