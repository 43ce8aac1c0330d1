//! `roster users update`: change fields and memberships of one user.

use crate::commands::resolve;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::UserPatch;

/// Change a user's fields or group memberships
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub user: String,
    /// Given name
    #[arg(long, value_name = "NAME")]
    pub first_name: Option<String>,
    /// Family name
    #[arg(long, value_name = "NAME")]
    pub last_name: Option<String>,
    /// Preferred language (paradigm: ar, en, fr, de)
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// When the account expires (RFC 3339 with zone)
    #[arg(long, value_name = "TIME", value_parser = super::create::parse_rfc3339)]
    pub expires: Option<String>,
    /// Add the user to this group (name or id); repeatable
    #[arg(long, value_name = "GROUP")]
    pub add_group: Vec<String>,
    /// Remove the user from this group (name or id); repeatable
    #[arg(long, value_name = "GROUP")]
    pub remove_group: Vec<String>,
    /// Give the user this role (name or id); repeatable
    #[arg(long, value_name = "ROLE")]
    pub add_role: Vec<String>,
    /// Take this role from the user (name or id); repeatable
    #[arg(long, value_name = "ROLE")]
    pub remove_role: Vec<String>,
    /// Display name (cradl)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Free-text description (cradl)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Phone number (amani)
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = super::fields::parse_set)]
    pub set: Vec<(String, serde_json::Value)>,
}

pub async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    let target = ctx.target()?;
    let mut patch = UserPatch {
        first_name: args.first_name,
        last_name: args.last_name,
        name: args.name,
        description: args.description,
        phone: args.phone,
        language: args.language,
        expires: args.expires,
        extra: super::fields::set_map(&args.set)?,
        ..UserPatch::default()
    };
    let memberships = [
        &args.add_group,
        &args.remove_group,
        &args.add_role,
        &args.remove_role,
    ];
    if patch.is_empty() && memberships.iter().all(|m| m.is_empty()) {
        return Err(Error::usage("nothing to change").with_hint(
            "pass a field to change (see `roster users update --help`), or --add-group/--remove-group/--add-role/--remove-role",
        ));
    }
    let user = resolve::user(&target, &args.user).await?;
    let mut wanted = args.add_group.clone();
    wanted.extend(args.remove_group.iter().cloned());
    let ids = resolve::groups(&target, &wanted).await?;
    let (add, remove) = ids.split_at(args.add_group.len());
    patch.add_groups = add.to_vec();
    patch.remove_groups = remove.to_vec();
    let mut wanted = args.add_role.clone();
    wanted.extend(args.remove_role.iter().cloned());
    let ids = resolve::roles(&target, &wanted).await?;
    let (add, remove) = ids.split_at(args.add_role.len());
    patch.add_roles = add.to_vec();
    patch.remove_roles = remove.to_vec();
    let both = patch
        .add_groups
        .iter()
        .find(|g| patch.remove_groups.contains(g))
        .or_else(|| {
            patch
                .add_roles
                .iter()
                .find(|r| patch.remove_roles.contains(r))
        });
    if let Some(both) = both {
        return Err(Error::usage(format!("{both} is both added and removed")));
    }
    let updated = target.provider.update_user(&user.id, &patch).await;
    let Some(user) = super::sent(ctx, &target, updated)? else {
        return Ok(());
    };
    ctx.out.note(format!(
        "updated user {} in {}",
        user.id, target.profile.name
    ));
    ctx.out.item(&user)
}
