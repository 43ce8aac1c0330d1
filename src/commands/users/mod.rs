//! `roster users ...`: one file per verb.

pub mod create;
pub mod deactivate;
pub mod delete;
pub mod fields;
pub mod get;
pub mod import;
pub mod invite;
pub mod list;
pub mod reactivate;
pub mod update;

use crate::context::{Context, Target};
use crate::error::Result;
use crate::providers::ProviderError;

/// A write's outcome: the value, or `None` after `--dry-run` showed the requests instead.
pub(crate) fn sent<T>(
    ctx: &Context,
    target: &Target,
    result: std::result::Result<T, ProviderError>,
) -> Result<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(ProviderError::DryRun) => {
            ctx.show_planned()?;
            Ok(None)
        }
        Err(e) => Err((target.err())(e)),
    }
}
