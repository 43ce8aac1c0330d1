//! The questions `users create` asks a person, kept apart from HTTP so they can be tested.

use std::sync::LazyLock;

use super::create::{default_username, looks_like_email, Args};
use crate::config::ProviderKind;
use crate::context::pass_or_ask;
use crate::error::{Error, Result};
use crate::model::{Group, GroupKind};
use crate::prompt::Prompter;
use crate::secret::Secret;

/// Where the new user's password comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum PasswordChoice {
    /// None is sent (the vendor takes none, or the flags gave none).
    None,
    /// `--password-stdin`.
    Stdin,
    /// `--generate-password`, or "generate one for me" at the prompt.
    Generate,
    /// Typed at the hidden prompt.
    Typed(Secret),
}

/// What the questions need to know besides the flags.
pub struct Invite<'a> {
    pub kind: ProviderKind,
    /// The profile's name, shown in the summary.
    pub profile: &'a str,
    /// The groups or roles the vendor offers; listed by the caller only when
    /// [`asks_memberships`] says the question will be asked.
    pub offered: &'a [Group],
    /// A person can answer.
    pub interactive: bool,
    /// Why nobody can, when nobody can (`Context::why_no_prompt`), for the error.
    pub no_prompt: Option<&'a str>,
}

/// The flags, with the answers filled in.
#[derive(Debug)]
pub struct Completed {
    pub args: Args,
    pub password: PasswordChoice,
    /// The group and role ids came from the vendor's own list and need no resolving.
    pub memberships_are_ids: bool,
}

/// The pattern Cradl publishes for emails (seed 003), checked as the person types.
static CRADL_EMAIL: LazyLock<Option<regex_lite::Regex>> = LazyLock::new(|| {
    regex_lite::Regex::new(r"^[A-Za-z0-9][-+._A-Za-z0-9]*@([-_.A-Za-z0-9]+\.)+[A-Za-z]{2,}$").ok()
});

/// Paradigm's `language` enum, with names for the list.
const PARADIGM_LANGUAGES: [(&str, &str); 4] = [
    ("ar", "Arabic"),
    ("en", "English"),
    ("fr", "French"),
    ("de", "German"),
];

/// Amani's minimum password length (decided, see the vendors README).
const AMANI_MIN_PASSWORD: usize = 8;
/// Amani's longest phone number (what its API accepts).
const AMANI_MAX_PHONE: usize = 32;
/// Cradl's longest name and description.
const CRADL_MAX_TEXT: usize = 4096;

/// The required values the flags leave out, named as the flags that give them. A blank
/// Paradigm username is not one: it is made from the email (see `create::resolve_new_user`).
pub fn missing(args: &Args, kind: ProviderKind) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if args.email.is_none() {
        missing.push("--email");
    }
    if kind == ProviderKind::Amani && !args.password_stdin && !args.generate_password {
        missing.push("a password (--password-stdin or --generate-password)");
    }
    missing
}

/// A value a script may leave out but a person is asked for, offered what a script would get:
/// the Paradigm username, offered the email's local part.
fn offered_to_a_person(args: &Args, kind: ProviderKind) -> bool {
    kind == ProviderKind::Paradigm && args.username.is_none()
}

/// True when the questions run: a person can answer, and a value is missing.
pub fn will_ask(args: &Args, kind: ProviderKind, interactive: bool) -> bool {
    interactive && (!missing(args, kind).is_empty() || offered_to_a_person(args, kind))
}

/// True when groups or roles will be asked, so the caller lists them (and only then).
pub fn asks_memberships(args: &Args, kind: ProviderKind, interactive: bool) -> bool {
    will_ask(args, kind, interactive) && args.group.is_empty() && args.role.is_empty()
}

/// Fill in what the flags left out. Without a person to ask, a missing required value is a usage
/// error naming the flags; with everything required given, nothing is asked. Otherwise every
/// field the vendor takes that no flag gave is asked, then a summary is confirmed. Esc, Ctrl-C or
/// "no" return a cancel before anything is built or sent.
pub fn complete(mut args: Args, invite: &Invite<'_>, prompter: &dyn Prompter) -> Result<Completed> {
    let kind = invite.kind;
    let missing = missing(&args, kind);
    let from_flags = if args.password_stdin {
        PasswordChoice::Stdin
    } else if args.generate_password {
        PasswordChoice::Generate
    } else {
        PasswordChoice::None
    };
    if !invite.interactive && !missing.is_empty() {
        let pronoun = if missing.len() == 1 { "it" } else { "them" };
        return Err(Error::usage(format!(
            "missing {} for {kind}; {}",
            missing.join(" and "),
            pass_or_ask(pronoun, invite.no_prompt)
        )));
    }
    if !will_ask(&args, kind, invite.interactive) {
        return Ok(Completed {
            args,
            password: from_flags,
            memberships_are_ids: false,
        });
    }

    // A bad --email would otherwise be found only after every question was answered.
    if let Some(e) = &args.email {
        check_email(kind, e).map_err(|m| Error::usage(format!("--email `{e}`: {m}")))?;
    }
    let email = match args.email.take() {
        Some(e) => e,
        None => prompter.input("Email", None, &|s| check_email(kind, s))?,
    };
    let mut password = from_flags;
    match kind {
        ProviderKind::Paradigm => {
            if args.username.is_none() {
                let suggested = default_username(&email);
                args.username =
                    Some(prompter.input("Username", Some(&suggested), &check_username)?);
            }
            ask_names(&mut args, prompter)?;
            if args.language.is_none() {
                args.language = ask_language(prompter)?;
            }
        }
        ProviderKind::Bleemeo | ProviderKind::Scim => ask_names(&mut args, prompter)?,
        ProviderKind::Amani => {
            ask_names(&mut args, prompter)?;
            if args.phone.is_none() {
                args.phone = optional(prompter.input("Phone (optional)", None, &check_phone)?);
            }
            if password == PasswordChoice::None {
                password = ask_password(prompter)?;
            }
        }
        ProviderKind::Cradl => {
            let text = |s: &str| check_length(s, CRADL_MAX_TEXT);
            if args.name.is_none() {
                args.name = optional(prompter.input("Display name (optional)", None, &text)?);
            }
            if args.description.is_none() {
                args.description =
                    optional(prompter.input("Description (optional)", None, &text)?);
            }
        }
    }
    args.email = Some(email);

    let mut memberships_are_ids = false;
    if args.group.is_empty() && args.role.is_empty() && !invite.offered.is_empty() {
        memberships_are_ids = true;
        let items: Vec<String> = invite.offered.iter().map(group_label).collect();
        let question = match (
            invite.offered.iter().all(|g| g.kind == GroupKind::Group),
            invite.offered.iter().all(|g| g.kind == GroupKind::Role),
        ) {
            (true, _) => "Groups",
            (_, true) => "Roles",
            _ => "Groups and roles",
        };
        for i in prompter.multi_select(question, &items, &[])? {
            if let Some(g) = invite.offered.get(i) {
                match g.kind {
                    GroupKind::Group => args.group.push(g.id.clone()),
                    GroupKind::Role => args.role.push(g.id.clone()),
                }
            }
        }
    }

    let question = format!(
        "{}\nCreate this user in {}?",
        summary(&args, &password, invite),
        invite.profile
    );
    if !prompter.confirm(&question, true)? {
        return Err(Error::cancelled());
    }
    Ok(Completed {
        args,
        password,
        memberships_are_ids,
    })
}

/// Exactly what will be sent, one field a line; a password is described, never shown.
pub fn summary(args: &Args, password: &PasswordChoice, invite: &Invite<'_>) -> String {
    let vendor = invite.kind.name();
    let article = if vendor.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let mut lines = vec![format!(
        "About to create {article} {vendor} user in profile {}:",
        invite.profile
    )];
    let mut field = |name: &str, value: &str| lines.push(format!("  {name:<12} {value}"));
    let texts = [
        ("email", &args.email),
        ("username", &args.username),
        ("first name", &args.first_name),
        ("last name", &args.last_name),
        ("name", &args.name),
        ("description", &args.description),
        ("phone", &args.phone),
        ("language", &args.language),
        ("expires", &args.expires),
    ];
    for (name, value) in texts {
        if let Some(v) = value {
            field(name, v);
        }
    }
    match password {
        PasswordChoice::None => {}
        PasswordChoice::Stdin => field("password", "(read from stdin, hidden)"),
        PasswordChoice::Generate => field("password", "(generated, shown once after creation)"),
        PasswordChoice::Typed(_) => field("password", "(as typed, hidden)"),
    }
    let named = |ids: &[String]| {
        ids.iter()
            .map(|id| match invite.offered.iter().find(|g| &g.id == id) {
                Some(g) => group_label(g),
                None => id.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !args.group.is_empty() {
        field("groups", &named(&args.group));
    }
    if !args.role.is_empty() {
        field("roles", &named(&args.role));
    }
    if args.active {
        field("active", "yes");
    }
    for (k, v) in &args.set {
        field(k, &v.to_string());
    }
    lines.join("\n")
}

/// A group as the lists show it: its name, and its id where that says something more.
fn group_label(g: &Group) -> String {
    if g.id == g.name {
        g.name.clone()
    } else {
        format!("{} (id {})", g.name, g.id)
    }
}

fn ask_names(args: &mut Args, prompter: &dyn Prompter) -> Result<()> {
    let any = |_: &str| Ok(());
    if args.first_name.is_none() {
        args.first_name = optional(prompter.input("First name (optional)", None, &any)?);
    }
    if args.last_name.is_none() {
        args.last_name = optional(prompter.input("Last name (optional)", None, &any)?);
    }
    Ok(())
}

fn ask_language(prompter: &dyn Prompter) -> Result<Option<String>> {
    let mut items = vec!["vendor default".to_string()];
    items.extend(
        PARADIGM_LANGUAGES
            .iter()
            .map(|(code, name)| format!("{code} ({name})")),
    );
    let picked = prompter.select("Language", &items, 0)?;
    Ok(picked
        .checked_sub(1)
        .and_then(|i| PARADIGM_LANGUAGES.get(i))
        .map(|(code, _)| code.to_string()))
}

fn ask_password(prompter: &dyn Prompter) -> Result<PasswordChoice> {
    let items = [
        "generate one for me (shown once after creation)".to_string(),
        "type one (hidden)".to_string(),
    ];
    if prompter.select("Password for the new user", &items, 0)? == 0 {
        return Ok(PasswordChoice::Generate);
    }
    let mut question = format!("Password (at least {AMANI_MIN_PASSWORD} characters)");
    loop {
        // The length is checked before the second entry: typing a too-short password twice
        // only to hear it is too short wastes both.
        let typed = prompter.password(&question, false)?;
        if typed.expose().chars().count() < AMANI_MIN_PASSWORD {
            question = format!("Too short; password (at least {AMANI_MIN_PASSWORD} characters)");
            continue;
        }
        if prompter.password("Password (again)", false)? == typed {
            return Ok(PasswordChoice::Typed(typed));
        }
        question =
            format!("The two entries differ; password (at least {AMANI_MIN_PASSWORD} characters)");
    }
}

/// An empty answer to an optional question sends nothing.
fn optional(answer: String) -> Option<String> {
    let trimmed = answer.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The vendor's own email rule where it publishes one, else a shape check.
pub fn check_email(kind: ProviderKind, email: &str) -> std::result::Result<(), String> {
    let email = email.trim();
    if kind == ProviderKind::Cradl {
        return match CRADL_EMAIL.as_ref() {
            Some(re) if re.is_match(email) => Ok(()),
            _ => Err("not an email address cradl accepts".into()),
        };
    }
    if looks_like_email(email) {
        Ok(())
    } else {
        Err("not an email address".into())
    }
}

/// Paradigm usernames: letters, digits and `@ . + - _`.
fn check_username(name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        Err("required".into())
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "@.+-_".contains(c))
    {
        Err("only letters, digits and @ . + - _".into())
    } else {
        Ok(())
    }
}

fn check_phone(phone: &str) -> std::result::Result<(), String> {
    let phone = phone.trim();
    if phone.chars().count() > AMANI_MAX_PHONE {
        Err(format!("at most {AMANI_MAX_PHONE} characters"))
    } else if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Err("digits, spaces and + - ( ) . only".into())
    } else {
        Ok(())
    }
}

fn check_length(text: &str, max: usize) -> std::result::Result<(), String> {
    if text.chars().count() > max {
        Err(format!("at most {max} characters"))
    } else {
        Ok(())
    }
}

pub mod spinner;

#[cfg(test)]
mod tests;
