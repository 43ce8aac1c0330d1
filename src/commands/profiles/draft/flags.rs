//! Which `profiles add` flags fill which profile keys, which are missing, which do not fit.

use super::Args;
use crate::error::{Error, Result};
use crate::providers::ProviderKind;

/// How a secret field is found, with the flags that say so.
pub(super) struct SecretField {
    pub(crate) field: &'static str,
    pub(crate) label: &'static str,
    pub(crate) env: Option<String>,
    pub(crate) command: Option<String>,
    pub(crate) env_flag: &'static str,
    pub(crate) command_flag: &'static str,
}

pub(super) fn secret_fields(args: &Args) -> [SecretField; 3] {
    [
        SecretField {
            field: "token",
            label: "API key",
            env: args.token_env.clone(),
            command: args.token_command.clone(),
            env_flag: "--token-env",
            command_flag: "--token-command",
        },
        SecretField {
            field: "password",
            label: "password",
            env: args.password_env.clone(),
            command: args.password_command.clone(),
            env_flag: "--password-env",
            command_flag: "--password-command",
        },
        SecretField {
            field: "client_secret",
            label: "client secret",
            env: args.client_secret_env.clone(),
            command: args.client_secret_command.clone(),
            env_flag: "--client-secret-env",
            command_flag: "--client-secret-command",
        },
    ]
}

/// The plain flags and the profile key each sets.
pub(super) fn plain_flags(args: &Args) -> [(&'static str, &'static str, Option<String>); 5] {
    [
        ("--dialect", "dialect", args.dialect.clone()),
        ("--username", "username", args.username.clone()),
        ("--client-id", "client_id", args.client_id.clone()),
        ("--account-id", "account_id", args.account_id.clone()),
        ("--auth-url", "auth_url", args.auth_url.clone()),
    ]
}

/// The flags a provider takes, for messages.
fn flags_for(kind: ProviderKind, args: &Args) -> Vec<String> {
    let mut flags = vec!["--base-url".to_string()];
    for f in kind.fields() {
        if let Some((flag, _, _)) = plain_flags(args).into_iter().find(|(_, k, _)| *k == f.name) {
            flags.push(flag.to_string());
        }
        if let Some(s) = secret_fields(args).into_iter().find(|s| s.field == f.name) {
            flags.push(format!("{}|{}", s.env_flag, s.command_flag));
        }
    }
    flags
}

/// The required values the flags leave out, named as the flags that give them.
pub(super) fn missing(args: &Args) -> Vec<String> {
    let mut missing = Vec::new();
    if args.name.is_none() {
        missing.push("NAME".to_string());
    }
    let Some(kind) = args.provider else {
        missing.push("--provider".into());
        return missing;
    };
    if args.base_url.is_none() && kind.default_base_url().is_none() {
        missing.push("--base-url".into());
    }
    for f in kind.fields().iter().filter(|f| f.required) {
        if let Some((flag, _, given)) = plain_flags(args).into_iter().find(|(_, k, _)| *k == f.name)
        {
            if given.is_none() {
                missing.push(flag.to_string());
            }
        } else if let Some(s) = secret_fields(args).into_iter().find(|s| s.field == f.name) {
            if s.env.is_none() && s.command.is_none() {
                missing.push(format!("{} or {}", s.env_flag, s.command_flag));
            }
        }
    }
    missing
}

/// A flag for another vendor's field is a mistake worth stopping for.
pub(super) fn refuse_foreign_flags(kind: ProviderKind, args: &Args) -> Result<()> {
    let takes = |field: &str| kind.fields().iter().any(|f| f.name == field);
    let mut given: Vec<&str> = Vec::new();
    for (flag, key, value) in plain_flags(args) {
        if value.is_some() && !takes(key) {
            given.push(flag);
        }
    }
    for s in secret_fields(args) {
        if s.env.is_some() && !takes(s.field) {
            given.push(s.env_flag);
        }
        if s.command.is_some() && !takes(s.field) {
            given.push(s.command_flag);
        }
    }
    match given.first() {
        None => Ok(()),
        Some(flag) => Err(
            Error::usage(format!("{flag} does not apply to {kind} profiles")).with_hint(format!(
                "{kind} profiles take {}",
                flags_for(kind, args).join(", ")
            )),
        ),
    }
}
