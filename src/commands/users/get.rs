//! `roster users get`: one user by id or email.

use crate::across::{self, FanOut, Order};
use crate::commands::resolve;
use crate::context::{Context, Pacing};
use crate::error::{Error, ErrorKind, Result};

/// Show one user, by id or email
///
/// With --profile all (or a,b) every profile is asked at once and the answer is a list, one
/// row per profile that has the user (exit 5 when none has; 7 when a profile cannot be read).
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users get ada@sandbox.example
  roster --sandbox --profile cradl users get grace@sandbox.example -o json
  roster --sandbox --profile all users get grace@sandbox.example")]
pub(crate) struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub(crate) user: String,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    if across::wants_many(&ctx.settings.profile) {
        return run_across(ctx, args).await;
    }
    let target = ctx.target()?;
    let user = resolve::user(&target, &args.user).await?;
    ctx.out.item(&user)
}

/// `users get` over several profiles: a profile without the user is no error.
async fn run_across(ctx: &mut Context, args: Args) -> Result<()> {
    let key = args.user.trim().to_string();
    if key.is_empty() {
        return Err(Error::usage("the user id or email is empty"));
    }
    let names = ctx.settings.profile.clone();
    let selected = across::select(ctx, &names, Pacing::IfConfigured).await?;
    let asked = selected.len();
    let wanted = key.clone();
    let fan = FanOut::start(
        selected,
        Order::for_output(&ctx.out, false),
        move |target, rows| {
            let key = wanted.clone();
            async move {
                match resolve::user(&target, &key).await {
                    Ok(user) => {
                        rows.send(vec![user]).await;
                        Ok(())
                    }
                    Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
                    // Refused before sending (an email this vendor cannot hold): not there either.
                    Err(e) if e.kind() == ErrorKind::Usage => {
                        rows.note(format!("{e}; no such user there")).await;
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
        },
    );
    match across::write_list(&ctx.out, fan, usize::MAX).await? {
        0 => Err(Error::not_found(format!(
            "no user `{key}` in any of the {asked} profiles"
        ))),
        _ => Ok(()),
    }
}
