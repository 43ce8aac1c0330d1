//! The questions `users create` asks a person, kept apart from HTTP so they can be tested.

use super::create::Args;
use crate::context::pass_or_ask;
use crate::error::{Error, Result};
use crate::model::{Group, GroupKind};
use crate::prompt::Prompter;
use crate::providers::descriptor::{Question, ValueRules};
use crate::providers::ProviderKind;
use crate::rules::looks_like_email;
use crate::secret::Secret;

/// Where the new user's password comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PasswordChoice {
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
pub(crate) struct Invite<'a> {
    pub(crate) kind: ProviderKind,
    /// The profile's name, shown in the summary.
    pub(crate) profile: &'a str,
    /// The groups or roles the vendor offers; listed by the caller only when
    /// [`asks_memberships`] says the question will be asked.
    pub(crate) offered: &'a [Group],
    /// A person can answer.
    pub(crate) interactive: bool,
    /// Why nobody can, when nobody can (`Context::why_no_prompt`), for the error.
    pub(crate) no_prompt: Option<&'a str>,
}

/// The flags, with the answers filled in.
#[derive(Debug)]
pub(crate) struct Completed {
    pub(crate) args: Args,
    pub(crate) password: PasswordChoice,
    /// The group and role ids came from the vendor's own list and need no resolving.
    pub(crate) memberships_are_ids: bool,
}

/// The required values the flags leave out, named as the flags that give them. A blank
/// username is not one where the vendor makes it from the email (see `create::resolve_new_user`).
pub(crate) fn missing(args: &Args, kind: ProviderKind) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if args.email.is_none() {
        missing.push("--email");
    }
    if kind.needs_password() && !args.password_stdin && !args.generate_password {
        missing.push("a password (--password-stdin or --generate-password)");
    }
    missing
}

/// A value a script may leave out but a person is asked for, offered what a script would get:
/// the username, offered the one made from the email.
fn offered_to_a_person(args: &Args, kind: ProviderKind) -> bool {
    kind.descriptor().invite.contains(&Question::Username) && args.username.is_none()
}

/// True when the questions run: a person can answer, and a value is missing.
pub(crate) fn will_ask(args: &Args, kind: ProviderKind, interactive: bool) -> bool {
    interactive && (!missing(args, kind).is_empty() || offered_to_a_person(args, kind))
}

/// True when groups or roles will be asked, so the caller lists them (and only then).
pub(crate) fn asks_memberships(args: &Args, kind: ProviderKind, interactive: bool) -> bool {
    will_ask(args, kind, interactive) && args.group.is_empty() && args.role.is_empty()
}

/// Fill in what the flags left out. Without a person to ask, a missing required value is a usage
/// error naming the flags; with everything required given, nothing is asked. Otherwise every
/// field the vendor takes that no flag gave is asked, then a summary is confirmed. Esc, Ctrl-C or
/// "no" return a cancel before anything is built or sent.
pub(crate) fn complete(
    mut args: Args,
    invite: &Invite<'_>,
    prompter: &dyn Prompter,
) -> Result<Completed> {
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
    let rules = &kind.descriptor().rules;
    for question in kind.descriptor().invite {
        match question {
            Question::Username => {
                if args.username.is_none() {
                    let suggested = rules.default_username.map(|f| f(&email));
                    let check = |s: &str| check_username(rules, s);
                    args.username =
                        Some(prompter.input("Username", suggested.as_deref(), &check)?);
                }
            }
            Question::Names => ask_names(&mut args, prompter)?,
            Question::Language => {
                if args.language.is_none() {
                    args.language = ask_language(rules, prompter)?;
                }
            }
            Question::Phone => {
                if args.phone.is_none() {
                    let check = |s: &str| check_phone(rules, s);
                    args.phone = optional(prompter.input("Phone (optional)", None, &check)?);
                }
            }
            Question::DisplayName => {
                if args.name.is_none() {
                    let text = |s: &str| check_length(s, rules.max_text);
                    args.name = optional(prompter.input("Display name (optional)", None, &text)?);
                }
            }
            Question::Description => {
                if args.description.is_none() {
                    let text = |s: &str| check_length(s, rules.max_text);
                    args.description =
                        optional(prompter.input("Description (optional)", None, &text)?);
                }
            }
            Question::Password => {
                if password == PasswordChoice::None {
                    password = ask_password(rules, prompter)?;
                }
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
pub(crate) fn summary(args: &Args, password: &PasswordChoice, invite: &Invite<'_>) -> String {
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

fn ask_language(rules: &ValueRules, prompter: &dyn Prompter) -> Result<Option<String>> {
    let mut items = vec!["vendor default".to_string()];
    items.extend(
        rules
            .languages
            .iter()
            .map(|(code, name)| format!("{code} ({name})")),
    );
    let picked = prompter.select("Language", &items, 0)?;
    Ok(picked
        .checked_sub(1)
        .and_then(|i| rules.languages.get(i))
        .map(|(code, _)| code.to_string()))
}

fn ask_password(rules: &ValueRules, prompter: &dyn Prompter) -> Result<PasswordChoice> {
    let min = rules.min_password;
    let items = [
        "generate one for me (shown once after creation)".to_string(),
        "type one (hidden)".to_string(),
    ];
    if prompter.select("Password for the new user", &items, 0)? == 0 {
        return Ok(PasswordChoice::Generate);
    }
    let mut question = format!("Password (at least {min} characters)");
    loop {
        // The length is checked before the second entry: typing a too-short password twice
        // only to hear it is too short wastes both.
        let typed = prompter.password(&question, false)?;
        if typed.expose().chars().count() < min {
            question = format!("Too short; password (at least {min} characters)");
            continue;
        }
        if prompter.password("Password (again)", false)? == typed {
            return Ok(PasswordChoice::Typed(typed));
        }
        question = format!("The two entries differ; password (at least {min} characters)");
    }
}

/// An empty answer to an optional question sends nothing.
fn optional(answer: String) -> Option<String> {
    let trimmed = answer.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The vendor's own email rule where it publishes one, else a shape check.
pub(crate) fn check_email(kind: ProviderKind, email: &str) -> std::result::Result<(), String> {
    let email = email.trim();
    if let Some(pattern) = kind.descriptor().rules.email_pattern {
        return match regex_lite::Regex::new(pattern) {
            Ok(re) if re.is_match(email) => Ok(()),
            _ => Err(format!("not an email address {kind} accepts")),
        };
    }
    if looks_like_email(email) {
        Ok(())
    } else {
        Err("not an email address".into())
    }
}

/// Usernames: letters, digits and the vendor's symbols (Paradigm's `@ . + - _`).
fn check_username(rules: &ValueRules, name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        Err("required".into())
    } else if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || rules.username_symbols.contains(c))
    {
        let symbols: Vec<String> = rules.username_symbols.chars().map(String::from).collect();
        Err(format!("only letters, digits and {}", symbols.join(" ")))
    } else {
        Ok(())
    }
}

fn check_phone(rules: &ValueRules, phone: &str) -> std::result::Result<(), String> {
    let phone = phone.trim();
    let max = rules.max_phone;
    if phone.chars().count() > max {
        Err(format!("at most {max} characters"))
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

pub(crate) mod spinner;

#[cfg(test)]
mod tests;
