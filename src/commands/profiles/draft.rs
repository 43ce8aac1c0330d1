//! What `profiles add` will write: the flags, and questions for what they leave out; no I/O.

use self::flags::{missing, plain_flags, refuse_foreign_flags, secret_fields, SecretField};
use super::add::Args;
use crate::context::pass_or_ask;
use crate::error::{Error, Result};
use crate::prompt::Prompter;
use crate::providers::ProviderKind;

/// The config file as the questions need to know it.
pub(crate) struct Situation<'a> {
    /// The file's path, for messages.
    pub(crate) file: &'a str,
    /// The profiles already in it.
    pub(crate) existing: &'a [String],
    pub(crate) has_default: bool,
    /// A person can answer.
    pub(crate) interactive: bool,
    /// Why nobody can, when nobody can (`Context::why_no_prompt`).
    pub(crate) no_prompt: Option<&'static str>,
    /// `--yes`: replace an existing profile without asking.
    pub(crate) yes: bool,
}

/// A profile ready to be written.
#[derive(Debug, PartialEq)]
pub(crate) struct Draft {
    pub(crate) name: String,
    pub(crate) kind: ProviderKind,
    /// The keys of `[profiles.NAME]`, in order.
    pub(crate) entries: Vec<(String, String)>,
    pub(crate) make_default: bool,
    /// Things to tell the person before the check (a literal secret, an unset variable).
    pub(crate) warnings: Vec<String>,
}

/// Fill in the profile from the flags, asking a person for what they leave out.
pub(crate) fn draft(args: &Args, s: &Situation<'_>, prompter: &dyn Prompter) -> Result<Draft> {
    if let Some(kind) = args.provider {
        refuse_foreign_flags(kind, args)?;
    }
    if let Some(name) = &args.name {
        check_name(name).map_err(|m| Error::usage(format!("profile name `{name}`: {m}")))?;
    }
    let missing = missing(args);
    if !missing.is_empty() && !s.interactive {
        let pronoun = if missing.len() == 1 { "it" } else { "them" };
        let kind = args
            .provider
            .map(|v| format!(" for {v}"))
            .unwrap_or_default();
        return Err(Error::usage(format!(
            "missing {}{kind}; {}",
            missing.join(" and "),
            pass_or_ask(pronoun, s.no_prompt)
        )));
    }

    let kind = match args.provider {
        Some(v) => v,
        None => {
            let items: Vec<String> = ProviderKind::ALL.iter().map(|k| describe(*k)).collect();
            let picked = prompter.select("Provider", &items, 0)?;
            *ProviderKind::ALL
                .get(picked)
                .ok_or_else(|| Error::failure("internal: no provider at that position"))?
        }
    };
    refuse_foreign_flags(kind, args)?;
    let name = match &args.name {
        Some(n) => n.clone(),
        None => {
            let suggested = (!s.existing.iter().any(|e| e == kind.name())).then(|| kind.name());
            prompter.input("Profile name", suggested, &check_name)?
        }
    };
    if s.existing.contains(&name) && !s.yes {
        if !s.interactive {
            return Err(Error::usage(format!(
                "profile `{name}` already exists in {}; pass --yes to replace it",
                s.file
            )));
        }
        let question = format!("Profile `{name}` already exists in {}. Replace it?", s.file);
        if !prompter.confirm(&question, false)? {
            return Err(Error::cancelled());
        }
    }

    let mut entries = vec![("provider".to_string(), kind.name().to_string())];
    let mut warnings = Vec::new();
    // With something required missing, a person is walked through every field (the base URL
    // with the vendor's default offered); otherwise nothing is asked.
    let asking = s.interactive && !missing.is_empty();
    let base_url = match &args.base_url {
        Some(u) => Some(u.trim().to_string()),
        None if asking => {
            let default = kind.default_base_url();
            let question = match default {
                Some(_) => "Base URL".to_string(),
                None => format!(
                    "Base URL ({kind} has no default; e.g. {})",
                    kind.descriptor().base_url_example
                ),
            };
            Some(
                prompter
                    .input(&question, default, &check_url)?
                    .trim()
                    .to_string(),
            )
        }
        None => None,
    };
    // The vendor's default is left out of the file, so the profile follows it.
    if let Some(u) = base_url.filter(|u| Some(u.trim_end_matches('/')) != kind.default_base_url()) {
        entries.push(("base_url".into(), u));
    }

    for f in kind.fields() {
        if let Some((_, key, given)) = plain_flags(args).into_iter().find(|(_, k, _)| *k == f.name)
        {
            let value = match given {
                Some(v) => Some(v),
                None if asking => ask_plain(kind, key, f.required, prompter)?,
                None => None,
            };
            if let Some(v) = value {
                entries.push((key.to_string(), v));
            }
        }
        if let Some(secret) = secret_fields(args).into_iter().find(|x| x.field == f.name) {
            let (key, value) = match (secret.env.clone(), secret.command.clone()) {
                (Some(var), _) => (format!("{}_env", secret.field), var),
                (_, Some(cmd)) => (format!("{}_command", secret.field), cmd),
                // An optional secret (scim's token or client secret) is asked once, if at all.
                _ if !f.required && (!asking || has_secret(&entries)) => continue,
                _ => ask_secret(&name, &secret, s.file, prompter, &mut warnings)?,
            };
            if key.ends_with("_env") && std::env::var_os(&value).is_none() {
                warnings.push(format!(
                    "{value} is not set in this shell; export it before using profile `{name}`"
                ));
            }
            entries.push((key, value));
        }
    }

    let others = s.existing.iter().any(|e| *e != name);
    let make_default = if args.default {
        true
    } else if asking && others {
        prompter.confirm(
            &format!("Make `{name}` the default profile?"),
            !s.has_default,
        )?
    } else {
        false
    };
    Ok(Draft {
        name,
        kind,
        entries,
        make_default,
        warnings,
    })
}

/// A provider as the list shows it: name and how it signs in.
fn describe(kind: ProviderKind) -> String {
    format!("{:9} {}", kind.name(), kind.descriptor().setup_summary)
}

/// A plain field: required ones are asked, and the optional ones the vendor's descriptor lists
/// (e.g. Bleemeo's account, Cradl's token URL). The rest are flags only. A default answer is
/// left out of the file.
fn ask_plain(
    kind: ProviderKind,
    key: &str,
    required: bool,
    prompter: &dyn Prompter,
) -> Result<Option<String>> {
    let Some(asked) = kind
        .descriptor()
        .setup_questions
        .iter()
        .find(|q| q.key == key)
    else {
        return Ok(None);
    };
    let (question, default) = (asked.question, asked.default);
    let answer = prompter.input(question, default, &|s: &str| {
        if s.trim().is_empty() {
            return if required {
                Err("required".into())
            } else {
                Ok(())
            };
        }
        if key.ends_with("_url") {
            check_url(s)
        } else {
            Ok(())
        }
    })?;
    let answer = answer.trim();
    Ok((!answer.is_empty() && Some(answer) != default).then(|| answer.to_string()))
}

/// True once a secret's source is among the entries.
fn has_secret(entries: &[(String, String)]) -> bool {
    entries
        .iter()
        .any(|(k, _)| k.starts_with("token") || k.starts_with("client_secret"))
}

/// Where the secret comes from: a variable (suggested), a command, or, discouraged, the file.
fn ask_secret(
    profile: &str,
    secret: &SecretField,
    file: &str,
    prompter: &dyn Prompter,
    warnings: &mut Vec<String>,
) -> Result<(String, String)> {
    let items = [
        "an environment variable (recommended)".to_string(),
        "a command that prints it, e.g. `pass show ...`".to_string(),
        "stored in the config file (discouraged)".to_string(),
    ];
    let question = format!("Where roster reads the {} from", secret.label);
    match prompter.select(&question, &items, 0)? {
        0 => {
            let suggested: String = format!("{profile}_{}", secret.field)
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            let var = prompter.input("Environment variable", Some(&suggested), &check_var)?;
            Ok((format!("{}_env", secret.field), var))
        }
        1 => {
            let cmd = prompter.input("Command", None, &|s: &str| {
                if s.trim().is_empty() {
                    Err("required".into())
                } else {
                    Ok(())
                }
            })?;
            Ok((format!("{}_command", secret.field), cmd.trim().to_string()))
        }
        _ => {
            let value = prompter.password(&format!("The {} (hidden)", secret.label), true)?;
            warnings.push(format!(
                "the {} is stored in clear in {file} (readable by you only); an environment \
                 variable or a command keeps it out of the file",
                secret.label
            ));
            Ok((secret.field.to_string(), value.expose().to_string()))
        }
    }
}

/// Profile names are used in `--profile a,b` and file names: keep them plain.
fn check_name(name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        Err("required".into())
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Err("letters, digits, - and _ only".into())
    } else {
        Ok(())
    }
}

fn check_var(var: &str) -> std::result::Result<(), String> {
    let mut chars = var.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return Err("a variable name starts with a letter or _".into()),
    }
    if chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(())
    } else {
        Err("letters, digits and _ only".into())
    }
}

/// https, or http to this machine (as the config accepts without `allow_insecure_http`).
fn check_url(text: &str) -> std::result::Result<(), String> {
    let url = url::Url::parse(text.trim()).map_err(|e| format!("not a URL: {e}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("no user or password in the URL; the secret is asked next".into());
    }
    let local = matches!(url.host_str(), Some("localhost" | "[::1]"))
        || url.host_str().is_some_and(|h| h.starts_with("127."));
    match url.scheme() {
        "https" => Ok(()),
        "http" if local => Ok(()),
        _ => Err("use https:// (http:// only to this machine)".into()),
    }
}

mod flags;
#[cfg(test)]
mod tests;
