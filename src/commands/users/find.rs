//! `roster users find`: where does this person have an account? Every profile at once.

use crate::across::{self, Account, FanOut, Order};
use crate::context::{Context, Pacing};
use crate::error::{Error, Result};
use crate::model::{User, UserQuery};
use crate::providers::ProviderError;

/// Find a person's accounts in every profile at once, by email or by text
///
/// An email (name@domain) is looked up exactly, ignoring case, in each profile; any other text
/// matches part of an email, username or name (ignoring case) over each profile's listing. Reads
/// every profile of the config, or those --profile names, concurrently. One row per account.
/// Exit 5 when no profile has a match; 7 when a profile could not be read (its error is on
/// stderr), even if others matched: the answer may be incomplete.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users find grace@sandbox.example
  roster --sandbox users find lovelace -o json
  roster --sandbox --profile paradigm,cradl users find @sandbox.example -o csv")]
pub(crate) struct Args {
    /// An email for an exact lookup, or text to match in emails and names
    #[arg(value_name = "EMAIL|TEXT")]
    pub(crate) query: String,
}

/// What to look for, decided before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Wanted {
    /// Exact, case-insensitive, through the vendor's own lookup.
    Email(String),
    /// Lower-cased, matched as a substring.
    Text(String),
}

fn wanted(query: &str) -> Result<Wanted> {
    let query = query.trim();
    if query.is_empty() {
        return Err(Error::usage("the email or text to find is empty"));
    }
    let is_email = match query.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !query.chars().any(char::is_whitespace)
        }
        None => false,
    };
    Ok(if is_email {
        Wanted::Email(query.to_string())
    } else {
        Wanted::Text(query.to_lowercase())
    })
}

/// True when `text` (lower-case) is part of the user's email, username or name.
fn matches(user: &User, text: &str) -> bool {
    let joined = User::joined_name(user.first_name.as_deref(), user.last_name.as_deref());
    let fields: [Option<&str>; 6] = [
        user.email.as_deref(),
        user.username.as_deref(),
        user.display_name.as_deref(),
        user.first_name.as_deref(),
        user.last_name.as_deref(),
        joined.as_deref(),
    ];
    fields
        .iter()
        .flatten()
        .any(|v| v.to_lowercase().contains(text))
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let wanted = wanted(&args.query)?;
    let names = ctx.settings.profile.clone();
    let selected = across::select(ctx, &names, Pacing::IfConfigured).await?;
    let asked = selected.len();
    let looking_for = wanted.clone();
    let fan = FanOut::start(
        selected,
        Order::for_output(&ctx.out, false),
        move |target, rows| {
            let wanted = looking_for.clone();
            async move {
                match &wanted {
                    Wanted::Email(email) => match target.provider.find_user_by_email(email).await {
                        Ok(found) => {
                            rows.send(found.into_iter().map(Account::of).collect())
                                .await;
                            Ok(())
                        }
                        // Refused before sending: the vendor cannot hold such an account.
                        Err(ProviderError::BadInput { message }) => {
                            let name = &target.profile.name;
                            rows.note(format!("{name}: {message}; no account there"))
                                .await;
                            Ok(())
                        }
                        Err(e) => Err((target.err())(e)),
                    },
                    Wanted::Text(text) => {
                        across::walk_users(&target, &UserQuery::default(), &rows, |u| {
                            matches(&u, text).then(|| Account::of(u))
                        })
                        .await
                    }
                }
            }
        },
    );
    match across::write_list(&ctx.out, fan, usize::MAX).await? {
        0 => {
            let what = match &wanted {
                Wanted::Email(e) => format!("no account with email {e}"),
                Wanted::Text(t) => format!("no account matches `{t}`"),
            };
            Err(Error::not_found(format!(
                "{what} in any of the {asked} profiles"
            )))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_looked_up_and_anything_else_matched() {
        assert_eq!(
            wanted(" Ada@Example.com ").unwrap(),
            Wanted::Email("Ada@Example.com".into())
        );
        assert_eq!(
            wanted("@example.com").unwrap(),
            Wanted::Text("@example.com".into())
        );
        assert_eq!(wanted("ada@").unwrap(), Wanted::Text("ada@".into()));
        assert_eq!(wanted("Lovelace").unwrap(), Wanted::Text("lovelace".into()));
        assert_eq!(wanted("  ").unwrap_err().exit_code(), 2);
    }

    #[test]
    fn text_matches_email_username_and_names() {
        let mut u = User::blank("p", "paradigm", "1".into());
        u.email = Some("ada@example.com".into());
        u.first_name = Some("Ada".into());
        u.last_name = Some("Lovelace".into());
        assert!(matches(&u, "example"));
        assert!(matches(&u, "ada lovelace"));
        assert!(matches(&u, "love"));
        assert!(!matches(&u, "grace"));
    }
}
