//! `roster users create` (alias `invite`): resolve the new user's fields, then create it.

use super::invite::{self, PasswordChoice};
use crate::commands::resolve;
use crate::context::{Context, Target};
use crate::error::{Error, Result};
use crate::model::NewUser;

/// Create (invite) a user
///
/// On a terminal, missing required fields are asked for; in scripts they must be flags.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Args {
    /// The new user's email
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Login name (paradigm: letters, digits and @ . + - _; default: the email's local part)
    #[arg(long, value_name = "NAME")]
    pub username: Option<String>,
    /// Given name
    #[arg(long, value_name = "NAME")]
    pub first_name: Option<String>,
    /// Family name
    #[arg(long, value_name = "NAME")]
    pub last_name: Option<String>,
    /// Put the user in this group (name or id); repeatable
    #[arg(long, value_name = "GROUP")]
    pub group: Vec<String>,
    /// Give the user this role (id, or name where the vendor lists roles); repeatable
    #[arg(long, value_name = "ROLE")]
    pub role: Vec<String>,
    /// Preferred language (paradigm: ar, en, fr, de)
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub expires: Option<String>,
    /// Create the account active (the vendor's default otherwise)
    #[arg(long)]
    pub active: bool,
    /// Display name (cradl)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Free-text description (cradl)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Phone number (amani)
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Read the new user's password from the first line of stdin (amani)
    #[arg(long, conflicts_with = "generate_password")]
    pub password_stdin: bool,
    /// Generate a strong password for the new user, shown once in the result (amani)
    #[arg(long)]
    pub generate_password: bool,
    /// A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = super::fields::parse_set)]
    pub set: Vec<(String, serde_json::Value)>,
}

/// An RFC 3339 time with a zone, as vendors require.
pub fn parse_rfc3339(text: &str) -> std::result::Result<String, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|_| text.to_string())
        .map_err(|_| "expected RFC 3339 with a zone, e.g. 2027-01-31T18:00:00Z".to_string())
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let target = ctx.target()?;
    let Resolved {
        user: new,
        generated,
    } = resolve_new_user(ctx, &target, args).await?;
    let created = target.provider.create_user(&new).await;
    let Some(mut user) = super::sent(ctx, &target, created)? else {
        return Ok(());
    };
    if generated {
        // Shown once, here, to the person who asked for it; never logged or stored.
        if let Some(pw) = &new.password {
            user.extra.insert(
                "generated_password".into(),
                serde_json::Value::String(pw.expose().to_string()),
            );
        }
    }
    ctx.out.note(format!(
        "created user {} ({}) in {}",
        user.id,
        user.email.as_deref().unwrap_or(&new.email),
        target.profile.name
    ));
    ctx.out.item(&user)
}

/// The request to send, and whether its password was generated (to show it once).
pub struct Resolved {
    pub user: NewUser,
    pub generated: bool,
}

/// Arguments -> the request to send: asks for what is missing where a person can answer (see
/// `invite`), resolves group and role names to ids.
pub async fn resolve_new_user(ctx: &Context, target: &Target, args: Args) -> Result<Resolved> {
    let kind = target.profile.kind;
    let mut args = args;
    // Where nobody is asked, a blank username the vendor needs is derived from the email, the
    // same way `users import` derives it, and said so.
    if !ctx.interactive && args.username.is_none() {
        if let Some(email) = &args.email {
            let mut probe = NewUser {
                email: email.clone(),
                ..NewUser::default()
            };
            for d in target.provider.complete_new_user(&mut probe) {
                ctx.out.note(format!("{d} (pass --{} to choose)", d.field));
            }
            args.username = probe.username;
        }
    }
    // Listed only when the person will be asked to pick from them.
    let offered = if invite::asks_memberships(&args, kind, ctx.interactive) {
        target.provider.list_groups().await.map_err(target.err())?
    } else {
        Vec::new()
    };
    let done = invite::complete(
        args,
        &invite::Invite {
            kind,
            profile: &target.profile.name,
            offered: &offered,
            interactive: ctx.interactive,
        },
        ctx.prompter.as_ref(),
    )?;
    let args = done.args;
    let email = args
        .email
        .ok_or_else(|| Error::usage(format!("missing --email for {kind}")))?;
    if !looks_like_email(&email) {
        return Err(Error::usage(format!("`{email}` is not an email address")));
    }
    let generated = done.password == PasswordChoice::Generate;
    let password = match done.password {
        PasswordChoice::None => None,
        PasswordChoice::Stdin => Some(super::fields::read_secret_line("the password")?),
        PasswordChoice::Generate => Some(super::fields::generate_password()?),
        PasswordChoice::Typed(secret) => Some(secret),
    };
    let (groups, roles) = if done.memberships_are_ids {
        (args.group, args.role)
    } else {
        (
            resolve::groups(target, &args.group).await?,
            resolve::roles(target, &args.role).await?,
        )
    };
    let mut user = NewUser {
        email,
        username: args.username,
        first_name: args.first_name,
        last_name: args.last_name,
        name: args.name,
        description: args.description,
        phone: args.phone,
        password,
        groups,
        roles,
        language: args.language,
        expires: args.expires,
        active: args.active.then_some(true),
        extra: super::fields::set_map(&args.set)?,
    };
    // What the vendor derives from other fields (Cradl's name from first and last), as import.
    for d in target.provider.complete_new_user(&mut user) {
        ctx.out.note(d.to_string());
    }
    Ok(Resolved { user, generated })
}

/// A cheap shape check; the vendor has the last word.
pub fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The email's local part, cleaned to the characters usernames allow (Paradigm's rule).
pub fn default_username(email: &str) -> String {
    crate::providers::paradigm::username_from_email(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shape_and_username_default() {
        assert!(looks_like_email("a.b@example.com"));
        assert!(!looks_like_email("a b@example.com"));
        assert!(!looks_like_email("example.com"));
        assert!(!looks_like_email("a@localhost"));
        assert_eq!(default_username("jöhn.doe+x@example.com"), "jhn.doe+x");
    }

    #[test]
    fn expiry_needs_a_zone() {
        assert!(parse_rfc3339("2027-01-31T18:00:00Z").is_ok());
        assert!(parse_rfc3339("2027-01-31T18:00:00").is_err());
    }
}
