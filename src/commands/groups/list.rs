//! `roster groups list`: the groups and roles users can be put in.

use crate::across::{self, FanOut, Order};
use crate::context::{Context, Pacing};
use crate::error::Result;
use crate::model::Group;

/// List the groups (and roles) of a profile
///
/// With --profile all (or a,b) every profile is read at once; a profile that cannot be read is
/// named on stderr and makes the exit code 7 without hiding the others' groups.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster --sandbox groups list
  roster --sandbox --profile cradl groups list -o json
  roster --sandbox --profile all groups list")]
pub(crate) struct Args {}

pub(crate) async fn run(ctx: &mut Context, _args: Args) -> Result<()> {
    if across::wants_many(&ctx.settings.profile) {
        let names = ctx.settings.profile.clone();
        let selected = across::select(ctx, &names, Pacing::IfConfigured).await?;
        let fan = FanOut::start(
            selected,
            Order::for_output(&ctx.out, false),
            |target, rows| async move {
                let groups = target.provider.list_groups().await.map_err(target.err())?;
                rows.send(groups).await;
                Ok(())
            },
        );
        return across::write_list(&ctx.out, fan, usize::MAX)
            .await
            .map(|_| ());
    }
    let target = ctx.target()?;
    let groups = target.provider.list_groups().await.map_err(target.err())?;
    let mut writer = ctx.out.list::<Group>();
    writer.push(&groups)?;
    writer.finish()
}
