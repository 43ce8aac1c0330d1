//! `roster profiles add [NAME]`: check a new profile's credentials, then write it to the config.

use super::draft::{self, Situation};
use super::file::ConfigFile;
use super::ProfileSummary;
use crate::config::Config;
use crate::context::Context;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Identity;
use crate::providers;
use crate::providers::ProviderKind;

/// Add a profile to the config file (asks on a terminal; flags in scripts)
///
/// On a terminal, whatever the flags leave out is asked: the provider, its fields, and where the
/// secret comes from. The credentials are then checked live, as `profiles check` does, and the
/// profile is written into the config file, keeping the other profiles and comments, readable by
/// its owner only. An existing profile is replaced only after a confirmation (--yes in scripts).
#[derive(Debug, Default, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster profiles add
  roster profiles add acme --provider paradigm --token-env PARADIGM_API_KEY
  roster profiles add docs --provider cradl --client-id ID --client-secret-env CRADL_SECRET
  roster profiles add okta --provider scim --base-url https://acme.okta.com/scim/v2 --token-env OKTA")]
pub(crate) struct Args {
    /// The new profile's name (letters, digits, - and _)
    #[arg(value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// The vendor
    #[arg(long, value_name = "PROVIDER", value_parser = provider_parser())]
    pub(crate) provider: Option<ProviderKind>,
    /// The API root [default: the vendor's; amani needs one, e.g. https://eu.amani.ai; scim its SCIM root]
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Login name (bleemeo, amani)
    #[arg(long, value_name = "NAME")]
    pub(crate) username: Option<String>,
    /// OAuth2 client id (cradl, scim; bleemeo to replace its public client)
    #[arg(long, value_name = "ID")]
    pub(crate) client_id: Option<String>,
    /// The account to act on when a login reaches several (bleemeo)
    #[arg(long, value_name = "UUID")]
    pub(crate) account_id: Option<String>,
    /// The OAuth2 token endpoint (cradl, scim) [default for cradl: https://auth.cradl.ai/oauth2/token]
    #[arg(long, value_name = "URL")]
    pub(crate) auth_url: Option<String>,
    /// The service's known quirks (scim): rfc, entra, aws, google, slack, github [default: from the host]
    #[arg(long, value_name = "NAME")]
    pub(crate) dialect: Option<String>,
    /// Read the API key from this environment variable (paradigm; scim's bearer token)
    #[arg(long, value_name = "VAR", conflicts_with = "token_command")]
    pub(crate) token_env: Option<String>,
    /// Run this command to print the API key, e.g. "pass show paradigm/acme" (paradigm, scim)
    #[arg(long, value_name = "COMMAND")]
    pub(crate) token_command: Option<String>,
    /// Read the login password from this environment variable (bleemeo, amani)
    #[arg(long, value_name = "VAR", conflicts_with = "password_command")]
    pub(crate) password_env: Option<String>,
    /// Run this command to print the login password (bleemeo, amani)
    #[arg(long, value_name = "COMMAND")]
    pub(crate) password_command: Option<String>,
    /// Read the client secret from this environment variable (cradl, scim)
    #[arg(long, value_name = "VAR", conflicts_with = "client_secret_command")]
    pub(crate) client_secret_env: Option<String>,
    /// Run this command to print the client secret (cradl, scim)
    #[arg(long, value_name = "COMMAND")]
    pub(crate) client_secret_command: Option<String>,
    /// Make it the default profile
    #[arg(long)]
    pub(crate) default: bool,
    /// Save without checking the credentials with the vendor
    #[arg(long)]
    pub(crate) skip_check: bool,
}

/// The vendors, as `--provider` takes them: the names of [`ProviderKind::ALL`].
fn provider_parser() -> impl clap::builder::TypedValueParser<Value = ProviderKind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(ProviderKind::ALL.map(ProviderKind::name))
        .try_map(|name: String| ProviderKind::from_name(&name).ok_or("unknown provider"))
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<ProfileSummary>()?;
    if ctx.settings.sandbox {
        return Err(Error::usage(
            "`profiles add` writes the config file; --sandbox has built-in profiles only",
        ));
    }
    // Drafted and checked without the lock: a person may take their time answering.
    let mut file = ConfigFile::open(ctx.settings.config.as_deref())?;
    let names = file.profile_names();
    let situation = Situation {
        file: &file.shown,
        existing: &names,
        has_default: file.default_profile().is_some(),
        interactive: ctx.interactive,
        no_prompt: ctx.why_no_prompt(),
        yes: ctx.settings.yes,
    };
    let draft = draft::draft(&args, &situation, ctx.prompter.as_ref())?;
    for w in &draft.warnings {
        ctx.out.warn(w);
    }
    file.set_profile(&draft.name, &draft.entries)?;
    if draft.make_default {
        file.set_default(Some(&draft.name));
    }
    // Validated before anything is checked or written: a profile roster could not read back is
    // never saved.
    let config = file.config()?;
    let spec = config.profile(&draft.name)?;
    if !args.skip_check {
        check_or_ask(ctx, &config, &draft.name).await?;
    }
    if ctx.settings.dry_run {
        ctx.out.note(format!(
            "dry run: profile `{}` not written to {}",
            draft.name, file.shown
        ));
        return ctx.out.item(&ProfileSummary::new(&config, spec));
    }
    // Read again under the lock and apply the same edit, so that profiles other commands
    // added meanwhile are kept.
    let mut file = ConfigFile::open_locked(ctx.settings.config.as_deref())?;
    let appeared = !names.contains(&draft.name) && file.profile_names().contains(&draft.name);
    if appeared && !ctx.settings.yes {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "profile `{}` was added to {} by another command meanwhile; nothing was written",
                draft.name, file.shown
            ),
        )
        .with_hint("pass --yes to replace it"));
    }
    file.set_profile(&draft.name, &draft.entries)?;
    if draft.make_default {
        file.set_default(Some(&draft.name));
    }
    let saved = file.save(Some(&draft.name))?;
    ctx.out.note(format!(
        "saved profile `{}`{} to {}{}",
        draft.name,
        if draft.make_default {
            " as the default"
        } else {
            ""
        },
        file.shown,
        if file.existed { "" } else { " (a new file)" }
    ));
    let spec = saved.profile(&draft.name)?;
    ctx.out.item(&ProfileSummary::new(&saved, spec))
}

/// Check the credentials live; when that fails, a person may save anyway, a script may not.
async fn check_or_ask(ctx: &Context, config: &Config, name: &str) -> Result<()> {
    match check(ctx, config, name).await {
        Ok(identity) => {
            ctx.out.note(format!(
                "{name}: credentials accepted by {}{}",
                identity.base_url,
                identity
                    .principal
                    .map(|p| format!(" (as {p})"))
                    .unwrap_or_default()
            ));
            Ok(())
        }
        Err(e) => {
            let failed = Error::new(
                ErrorKind::Auth,
                format!("checking profile `{name}` failed: {e}"),
            )
            .with_hint(
                "nothing was written; fix the answers or the secret, or pass --skip-check to \
                 save without checking",
            );
            if !ctx.interactive {
                return Err(failed);
            }
            ctx.out
                .warn(format!("checking profile `{name}` failed: {e}"));
            if ctx.prompter.confirm("Save it anyway?", false)? {
                Ok(())
            } else {
                Err(failed)
            }
        }
    }
}

/// `profiles check` for a profile that is not saved yet.
async fn check(ctx: &Context, config: &Config, name: &str) -> Result<Identity> {
    let mut profile = config.profile(name)?.resolve(&config.source)?;
    // A token cached for an earlier profile of this name would prove nothing about these
    // credentials.
    profile.fresh_login = true;
    let provider =
        providers::build(&profile, &ctx.http).map_err(|e| Error::from_provider(e, name))?;
    provider
        .whoami()
        .await
        .map_err(|e| Error::from_provider(e, name))
}
