//! `roster users create` (alias `invite`): resolve the new user's fields, then create it.

use std::sync::LazyLock;

use serde::Serialize;

use super::invite::{self, PasswordChoice};
use super::outcome::{self, Settled};
use crate::commands::resolve;
use crate::context::{Context, Target};
use crate::error::{Error, Result};
use crate::model::{NewUser, Status, User};
use crate::output::Row;
use crate::rules::looks_like_email;

/// Create (invite) a user
///
/// On a terminal, missing required fields are asked for; in scripts they must be flags.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users create --email new.hire@example.com --first-name New --last-name Hire
  roster --sandbox --profile amani users create --email kyc@example.com --generate-password
  roster --sandbox --profile cradl users invite --email d@example.com --name \"Doc Team\"
  roster --sandbox --profile cradl users invite --email e@example.com --role Viewer")]
pub(crate) struct Args {
    /// The new user's email
    #[arg(long, value_name = "EMAIL")]
    pub(crate) email: Option<String>,
    /// Login name (paradigm: letters, digits and @ . + - _; default: the email's local part)
    #[arg(long, value_name = "NAME")]
    pub(crate) username: Option<String>,
    /// Given name
    #[arg(long, value_name = "NAME")]
    pub(crate) first_name: Option<String>,
    /// Family name
    #[arg(long, value_name = "NAME")]
    pub(crate) last_name: Option<String>,
    /// Put the user in this group (name or id); repeatable
    #[arg(long, value_name = "GROUP")]
    pub(crate) group: Vec<String>,
    /// Give the user this role (id, or name where the vendor lists roles); repeatable
    #[arg(long, value_name = "ROLE")]
    pub(crate) role: Vec<String>,
    /// Preferred language (paradigm: ar, en, fr, de)
    #[arg(long, value_name = "LANG")]
    pub(crate) language: Option<String>,
    /// When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub(crate) expires: Option<String>,
    /// Create the account active (the vendor's default otherwise)
    #[arg(long)]
    pub(crate) active: bool,
    /// Display name (cradl)
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Free-text description (cradl)
    #[arg(long, value_name = "TEXT")]
    pub(crate) description: Option<String>,
    /// Phone number (amani)
    #[arg(long, value_name = "PHONE")]
    pub(crate) phone: Option<String>,
    /// Read the new user's password from the first line of stdin (amani)
    #[arg(long, conflicts_with = "generate_password")]
    pub(crate) password_stdin: bool,
    /// Generate a strong password for the new user, shown once in the result (amani)
    #[arg(long)]
    pub(crate) generate_password: bool,
    /// A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = super::fields::parse_set)]
    pub(crate) set: Vec<(String, serde_json::Value)>,
}

/// An RFC 3339 time with a zone, as vendors require.
pub(crate) fn parse_rfc3339(text: &str) -> std::result::Result<String, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|_| text.to_string())
        .map_err(|_| "expected RFC 3339 with a zone, e.g. 2027-01-31T18:00:00Z".to_string())
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    // A typo in --fields stops the command before any question, and again (once it is known
    // whether a password is generated, which adds a field) before the user is created.
    ctx.out.check_fields_for::<WithPassword>()?;
    let target = ctx.target()?;
    let Resolved {
        user: new,
        generated,
    } = resolve_new_user(ctx, &target, args).await?;
    if !generated {
        ctx.out.check_fields_for::<User>()?;
    }
    // Shown once, to the person who asked for it, in every format; never logged or stored.
    let password = new
        .password
        .as_ref()
        .filter(|_| generated)
        .map(|p| p.expose().to_string());
    let user = match outcome::create(&target, &new).await {
        Ok(Settled::DryRun) => {
            ctx.show_planned()?;
            return Ok(());
        }
        Ok(Settled::Done(user)) => user,
        Ok(Settled::Confirmed { value, lost }) => {
            ctx.out.warn(format!(
                "the answer to the create was lost ({lost}); it may have been applied: \
                 looked {} up and found it",
                new.email
            ));
            value
        }
        Err(failed) => {
            if let (true, Some(pw)) = (failed.unknown, &password) {
                // The account may exist: its password must not be lost with the answer.
                eprintln!(
                    "if {} was created after all, its generated password is: {pw}",
                    new.email
                );
            }
            return Err(failed.into_error(&target));
        }
    };
    if new.active == Some(true) && user.status != Status::Active {
        ctx.out.note(format!(
            "{} created the user as `{}`, not active: the person must accept the \
             invitation before they can sign in",
            target.profile.kind,
            user.status.as_str()
        ));
    }
    ctx.out.note(format!(
        "created user {} ({}) in {}",
        user.id,
        user.email.as_deref().unwrap_or(&new.email),
        target.profile.name
    ));
    match password {
        Some(password) => {
            ctx.out
                .note("the generated password is shown once, below: store it now");
            ctx.out.item(&WithPassword::new(user, password))
        }
        None => ctx.out.item(&user),
    }
}

/// A created user and the password roster generated for it: `extra.generated_password` in
/// JSON, a `generated_password` column in CSV, a PASSWORD row in the table.
#[derive(Serialize)]
#[serde(transparent)]
struct WithPassword {
    user: User,
    #[serde(skip)]
    password: String,
}

impl WithPassword {
    fn new(mut user: User, password: String) -> Self {
        user.extra.insert(
            "generated_password".into(),
            serde_json::Value::String(password.clone()),
        );
        WithPassword { user, password }
    }
}

static HEADERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| [User::headers(), &["PASSWORD"]].concat());
static CSV_HEADERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| [User::csv_headers(), &["generated_password"]].concat());

impl Row for WithPassword {
    fn headers() -> &'static [&'static str] {
        &HEADERS
    }

    fn cells(&self) -> Vec<String> {
        let mut cells = self.user.cells();
        cells.push(self.password.clone());
        cells
    }

    fn csv_headers() -> &'static [&'static str] {
        &CSV_HEADERS
    }

    fn csv_cells(&self) -> Vec<String> {
        let mut cells = self.user.csv_cells();
        cells.push(self.password.clone());
        cells
    }

    fn json_only_fields() -> &'static [&'static str] {
        User::json_only_fields()
    }
}

/// The request to send, and whether its password was generated (to show it once).
pub(crate) struct Resolved {
    pub(crate) user: NewUser,
    pub(crate) generated: bool,
}

/// Arguments -> the request to send: asks for what is missing where a person can answer (see
/// `invite`), resolves group and role names to ids.
pub(crate) async fn resolve_new_user(
    ctx: &Context,
    target: &Target,
    args: Args,
) -> Result<Resolved> {
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
        let listing = target.provider.list_groups();
        let message = format!("listing the groups and roles of {}", target.profile.name);
        invite::spinner::while_waiting(&ctx.terminal, &message, listing)
            .await
            .map_err(target.err())?
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
            no_prompt: ctx.why_no_prompt(),
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
        PasswordChoice::Generate => Some(crate::rules::generate_password()?),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_a_last_column_in_every_format() {
        let row = WithPassword::new(User::blank("p", "amani", "u1".into()), "s3cret!".into());
        assert_eq!(WithPassword::headers().len(), row.cells().len());
        assert_eq!(WithPassword::csv_headers().len(), row.csv_cells().len());
        assert_eq!(WithPassword::headers().last(), Some(&"PASSWORD"));
        assert_eq!(row.csv_cells().last().map(String::as_str), Some("s3cret!"));
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json["extra"]["generated_password"], "s3cret!");
        assert_eq!(json["id"], "u1", "the user's own shape");
        assert_eq!(
            crate::output::keys_unknown_before_rows(&row),
            Vec::<String>::new()
        );
    }

    #[test]
    fn expiry_needs_a_zone() {
        assert!(parse_rfc3339("2027-01-31T18:00:00Z").is_ok());
        assert!(parse_rfc3339("2027-01-31T18:00:00").is_err());
    }
}
