//! `roster users update`: change fields and memberships of one user.

use crate::commands::resolve;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{rfc3339, User, UserPatch};
use serde_json::Value;

/// Change a user's fields or group memberships
///
/// Only what differs is sent; when nothing differs, the user is reported `unchanged` and no
/// request is made.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox users update ada@sandbox.example --language fr --add-group Sales
  roster --sandbox --profile bleemeo users update grace@sandbox.example --add-role manager
  roster --sandbox --profile bleemeo users update grace@sandbox.example --set timezone=UTC
  roster --sandbox --profile cradl users update ada@sandbox.example --set metadata.team=ops")]
pub(crate) struct Args {
    /// The user's id, or their email
    #[arg(value_name = "ID|EMAIL")]
    pub(crate) user: String,
    /// Given name
    #[arg(long, value_name = "NAME")]
    pub(crate) first_name: Option<String>,
    /// Family name
    #[arg(long, value_name = "NAME")]
    pub(crate) last_name: Option<String>,
    /// Preferred language (paradigm: ar, en, fr, de)
    #[arg(long, value_name = "LANG")]
    pub(crate) language: Option<String>,
    /// When the account expires (RFC 3339 with zone)
    #[arg(long, value_name = "TIME", value_parser = super::create::parse_rfc3339)]
    pub(crate) expires: Option<String>,
    /// Add the user to this group (name or id); repeatable
    #[arg(long, value_name = "GROUP")]
    pub(crate) add_group: Vec<String>,
    /// Remove the user from this group (name or id); repeatable
    #[arg(long, value_name = "GROUP")]
    pub(crate) remove_group: Vec<String>,
    /// Give the user this role (name or id); repeatable
    #[arg(long, value_name = "ROLE")]
    pub(crate) add_role: Vec<String>,
    /// Take this role from the user (name or id); repeatable
    #[arg(long, value_name = "ROLE")]
    pub(crate) remove_role: Vec<String>,
    /// Display name (cradl)
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Free-text description (cradl)
    #[arg(long, value_name = "TEXT")]
    pub(crate) description: Option<String>,
    /// Phone number (amani)
    #[arg(long, value_name = "PHONE")]
    pub(crate) phone: Option<String>,
    /// A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = super::fields::parse_set)]
    pub(crate) set: Vec<(String, serde_json::Value)>,
}

pub(crate) async fn run(ctx: &mut Context, args: Args) -> Result<()> {
    ctx.out.check_fields_for::<User>()?;
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
    if unchanged(&user, &patch) {
        ctx.out.note(format!(
            "unchanged: user {} in {} already has these values; nothing was sent",
            user.id, target.profile.name
        ));
        return ctx.out.item(&user);
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

/// True when every change `patch` asks for is already how the vendor shows `user`, so nothing
/// needs sending. Vendor-neutral and cautious: a field whose current value the user record does
/// not show plainly counts as a change, and the vendor decides.
pub(crate) fn unchanged(user: &User, patch: &UserPatch) -> bool {
    let text = |key: &str| user.extra.get(key).and_then(Value::as_str);
    let same = |wanted: &Option<String>, current: Option<&str>| {
        wanted.as_deref().is_none_or(|w| Some(w) == current)
    };
    // A display name made of the first and last names says nothing about a `name` field.
    let own_name = user.display_name.as_deref().filter(|d| {
        Some(*d)
            != User::joined_name(user.first_name.as_deref(), user.last_name.as_deref()).as_deref()
    });
    let expires_same = patch
        .expires
        .as_deref()
        .is_none_or(|w| text("account_expiration_date").is_some_and(|c| rfc3339(c) == rfc3339(w)));
    let member = |refs: &[crate::model::Ref], id: &String| refs.iter().any(|r| &r.id == id);
    patch.active.is_none()
        && same(&patch.first_name, user.first_name.as_deref())
        && same(&patch.last_name, user.last_name.as_deref())
        && same(&patch.name, own_name)
        && same(&patch.description, text("description"))
        && same(&patch.phone, text("phone"))
        && same(&patch.language, text("language"))
        && expires_same
        && patch.add_groups.iter().all(|g| member(&user.groups, g))
        && !patch.remove_groups.iter().any(|g| member(&user.groups, g))
        && patch.add_roles.iter().all(|r| member(&user.roles, r))
        && !patch.remove_roles.iter().any(|r| member(&user.roles, r))
        && patch
            .extra
            .iter()
            .all(|(key, value)| set_already(user, key, value))
}

/// `--set metadata.KEY=VALUE` already holds: the key has that value, or is absent for `=null`.
/// A plain `--set KEY` always counts as a change: only the vendor knows which fields it takes
/// (a read-only field must still be refused, even when it shows that value).
fn set_already(user: &User, key: &str, value: &Value) -> bool {
    let Some((outer, inner)) = key.split_once('.') else {
        return false;
    };
    match (user.extra.get(outer).and_then(|o| o.get(inner)), value) {
        (None | Some(Value::Null), Value::Null) => true,
        (Some(c), v) => c == v,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ref;
    use serde_json::json;

    fn ada() -> User {
        let mut u = User::blank("p", "paradigm", "2".into());
        u.first_name = Some("Ada".into());
        u.last_name = Some("Lovelace".into());
        u.display_name = Some("Ada Lovelace".into());
        u.groups = vec![Ref {
            id: "1".into(),
            name: Some("Engineering".into()),
        }];
        u.extra.insert("language".into(), json!("en"));
        u.extra.insert("metadata".into(), json!({"team": "ops"}));
        u.extra.insert(
            "account_expiration_date".into(),
            json!("2027-01-31T19:00:00+01:00"),
        );
        u
    }

    fn patch(f: impl FnOnce(&mut UserPatch)) -> UserPatch {
        let mut p = UserPatch::default();
        f(&mut p);
        p
    }

    #[test]
    fn what_the_user_already_has_is_unchanged() {
        let u = ada();
        for p in [
            patch(|p| p.first_name = Some("Ada".into())),
            patch(|p| p.language = Some("en".into())),
            patch(|p| p.expires = Some("2027-01-31T18:00:00Z".into())),
            patch(|p| p.add_groups = vec!["1".into()]),
            patch(|p| p.remove_groups = vec!["2".into()]),
            patch(|p| {
                p.extra.insert("metadata.team".into(), json!("ops"));
                p.extra.insert("metadata.gone".into(), Value::Null);
            }),
        ] {
            assert!(unchanged(&u, &p), "{p:?}");
        }
    }

    #[test]
    fn anything_different_or_not_shown_is_a_change() {
        let u = ada();
        for p in [
            patch(|p| p.last_name = Some("Byron".into())),
            patch(|p| p.add_groups = vec!["2".into()]),
            patch(|p| p.remove_groups = vec!["1".into()]),
            patch(|p| p.add_roles = vec!["1".into()]),
            patch(|p| p.phone = Some("+33".into())),
            // Made of the first and last names: not a `name` field the vendor has.
            patch(|p| p.name = Some("Ada Lovelace".into())),
            patch(|p| {
                p.extra.insert("metadata.team".into(), json!("dev"));
            }),
            patch(|p| {
                p.extra.insert("timezone".into(), json!("Europe/Paris"));
            }),
            // Shown as it is asked, but only the vendor can say whether it may be written.
            patch(|p| {
                p.extra.insert("language".into(), json!("en"));
            }),
        ] {
            assert!(!unchanged(&u, &p), "{p:?}");
        }
    }
}
