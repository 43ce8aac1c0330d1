//! What a write changed, as the audit log shows it, and the command line: secrets `[redacted]`.

use serde_json::{Map, Value};

use crate::model::{NewUser, UserPatch};
use crate::redact::{scrub, REDACTED};

/// A key whose value is a credential whatever it holds.
fn secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    [
        "password",
        "passwd",
        "secret",
        "token",
        "api_key",
        "apikey",
        "credential",
        "private_key",
    ]
    .iter()
    .any(|s| key.contains(s))
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        map.insert(key.to_string(), Value::String(scrub(v)));
    }
}

fn put_list(map: &mut Map<String, Value>, key: &str, values: &[String]) {
    if !values.is_empty() {
        let items = values.iter().map(|v| Value::String(scrub(v))).collect();
        map.insert(key.to_string(), Value::Array(items));
    }
}

/// Vendor-only fields: a secret-looking key keeps its name, its value does not.
fn put_extra<'a>(
    map: &mut Map<String, Value>,
    extra: impl Iterator<Item = (&'a String, &'a Value)>,
) {
    for (k, v) in extra {
        let value = if secret_key(k) {
            Value::String(REDACTED.into())
        } else {
            scrub_json(v.clone())
        };
        map.insert(k.clone(), value);
    }
}

fn scrub_json(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(scrub(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(scrub_json).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if secret_key(&k) {
                        Value::String(REDACTED.into())
                    } else {
                        scrub_json(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

/// The fields a create sets. A password is only ever `[redacted]`.
pub(crate) fn of_new_user(user: &NewUser) -> Map<String, Value> {
    let mut m = Map::new();
    put(&mut m, "email", Some(&user.email));
    put(&mut m, "username", user.username.as_deref());
    put(&mut m, "first_name", user.first_name.as_deref());
    put(&mut m, "last_name", user.last_name.as_deref());
    put(&mut m, "name", user.name.as_deref());
    put(&mut m, "description", user.description.as_deref());
    put(&mut m, "phone", user.phone.as_deref());
    if user.password.is_some() {
        m.insert("password".into(), Value::String(REDACTED.into()));
    }
    put_list(&mut m, "groups", &user.groups);
    put_list(&mut m, "roles", &user.roles);
    put(&mut m, "language", user.language.as_deref());
    put(&mut m, "expires", user.expires.as_deref());
    if let Some(active) = user.active {
        m.insert("active".into(), Value::Bool(active));
    }
    put_extra(&mut m, user.extra.iter());
    m
}

/// The fields an update sets, and the memberships it adds and removes.
pub(crate) fn of_patch(patch: &UserPatch) -> Map<String, Value> {
    let mut m = Map::new();
    put(&mut m, "first_name", patch.first_name.as_deref());
    put(&mut m, "last_name", patch.last_name.as_deref());
    put(&mut m, "name", patch.name.as_deref());
    put(&mut m, "description", patch.description.as_deref());
    put(&mut m, "phone", patch.phone.as_deref());
    put(&mut m, "language", patch.language.as_deref());
    put(&mut m, "expires", patch.expires.as_deref());
    put_list(&mut m, "add_groups", &patch.add_groups);
    put_list(&mut m, "remove_groups", &patch.remove_groups);
    put_list(&mut m, "add_roles", &patch.add_roles);
    put_list(&mut m, "remove_roles", &patch.remove_roles);
    if let Some(active) = patch.active {
        m.insert("active".into(), Value::Bool(active));
    }
    put_extra(&mut m, patch.extra.iter());
    m
}

/// The command line with its secrets replaced: the value of any flag named like a credential
/// (`--password X`, `--token=X`; not `--password-stdin` or `--password-env NAME`), the value
/// of a `--set` whose key is one (`--set api_key=X`), and every registered secret anywhere.
pub(crate) fn redact_argv(argv: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(argv.len());
    let mut hide_next = false;
    for arg in argv {
        if hide_next {
            hide_next = false;
            out.push(REDACTED.to_string());
            continue;
        }
        if let Some(flag) = arg.strip_prefix("--") {
            let (name, value) = match flag.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (flag, None),
            };
            if secret_flag(name) {
                match value {
                    Some(_) => out.push(format!("--{name}={REDACTED}")),
                    None => {
                        hide_next = true;
                        out.push(arg.clone());
                    }
                }
                continue;
            }
        }
        out.push(redact_set(arg));
    }
    out
}

/// A flag whose value is a credential. Flags that name where a secret comes from (`*-env`,
/// `*-command`, `*-stdin`) or ask for one to be made (`--generate-password`) take no secret.
fn secret_flag(name: &str) -> bool {
    let harmless = ["-env", "-stdin", "-command", "-file"]
        .iter()
        .any(|s| name.ends_with(s))
        || name.starts_with("generate-");
    secret_key(name) && !harmless
}

/// `KEY=VALUE` (a `--set` value) with the value hidden when the key names a credential; any
/// other argument with registered secrets scrubbed.
fn redact_set(arg: &str) -> String {
    let bare = arg.strip_prefix("--set=").unwrap_or(arg);
    if let Some((key, _)) = bare.split_once('=') {
        if !key.starts_with('-') && secret_key(key) {
            let prefix = &arg[..arg.len() - bare.len()];
            return format!("{prefix}{key}={REDACTED}");
        }
    }
    scrub(arg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn credentials_on_the_command_line_are_redacted() {
        let argv = strings(&[
            "roster",
            "--password",
            "hunter2!",
            "--token=abc123",
            "users",
            "update",
            "--set",
            "api_key=k-1",
            "--set=client_secret=s-2",
            "--set",
            "timezone=Europe/Paris",
            "--password-stdin",
            "--password-env",
            "AMANI_PW",
            "--generate-password",
            "ada@example.com",
        ]);
        let out = redact_argv(&argv);
        let text = out.join(" ");
        for secret in ["hunter2!", "abc123", "k-1", "s-2"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(out[2], REDACTED);
        assert_eq!(out[3], "--token=[redacted]");
        assert_eq!(out[7], "api_key=[redacted]");
        assert_eq!(out[8], "--set=client_secret=[redacted]");
        assert_eq!(out[10], "timezone=Europe/Paris");
        assert_eq!(out[13], "AMANI_PW", "an env var's name is no secret");
        assert_eq!(out.last().map(String::as_str), Some("ada@example.com"));
    }

    #[test]
    fn a_password_is_never_a_value_in_the_changes() {
        let new = NewUser {
            email: "a@example.com".into(),
            password: Some(Secret::new("Gen3rated!pw")),
            groups: vec!["g1".into()],
            extra: [
                ("timezone".to_string(), Value::from("UTC")),
                ("access_token".to_string(), Value::from("tok-9")),
            ]
            .into_iter()
            .collect(),
            ..NewUser::default()
        };
        let m = of_new_user(&new);
        let text = Value::Object(m.clone()).to_string();
        assert!(
            !text.contains("Gen3rated") && !text.contains("tok-9"),
            "{text}"
        );
        assert_eq!(m["password"], REDACTED);
        assert_eq!(m["groups"], serde_json::json!(["g1"]));
        assert_eq!(m["timezone"], "UTC");
        assert!(!m.contains_key("username"), "unset fields are left out");
        let patch = UserPatch {
            add_roles: vec!["r".into()],
            active: Some(false),
            ..UserPatch::default()
        };
        let m = of_patch(&patch);
        assert_eq!(m["add_roles"], serde_json::json!(["r"]));
        assert_eq!(m["active"], false);
        assert_eq!(m.len(), 2);
    }
}
