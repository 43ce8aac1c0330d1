//! What group membership changes report, one user at a time, and the default "not supported".

use super::{Capabilities, Operation, ProviderError};
use crate::providers::ProviderKind;

/// How a membership change went for one user.
#[derive(Debug)]
pub(crate) struct MemberOutcome {
    pub(crate) user_id: String,
    /// `Ok` when the vendor shows the user in (or out of) the group; `Err(DryRun)` under
    /// `--dry-run`.
    pub(crate) result: Result<(), ProviderError>,
}

impl MemberOutcome {
    /// One outcome per user for a change sent as one request that succeeded.
    pub(crate) fn all_done(user_ids: &[String]) -> Vec<MemberOutcome> {
        user_ids
            .iter()
            .map(|id| MemberOutcome {
                user_id: id.clone(),
                result: Ok(()),
            })
            .collect()
    }
}

/// The error of a groups method the vendor lacks: `Capabilities::require`'s, or (for a
/// provider that claims the operation without implementing it) an internal error.
pub(super) fn unsupported<T>(
    capabilities: Capabilities,
    op: Operation,
    kind: ProviderKind,
) -> Result<T, ProviderError> {
    capabilities.require(op, kind)?;
    Err(ProviderError::protocol(format!(
        "internal: {kind} claims {op:?} but does not implement it"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_only_vendors_are_pointed_at_roles() {
        let kind = ProviderKind::ALL[0];
        let roles_only = Capabilities {
            roles: true,
            ..Capabilities::default()
        };
        for op in [
            Operation::GroupMembers,
            Operation::CreateGroup,
            Operation::DeleteGroup,
        ] {
            let e = roles_only.require(op, kind).expect_err("refused");
            assert!(matches!(e, ProviderError::Unsupported { .. }), "{e:?}");
            assert!(e.to_string().contains("--add-role"), "{e}");
        }
        let groups = Capabilities {
            groups: true,
            members: true,
            ..Capabilities::default()
        };
        assert!(groups.require(Operation::GroupMembers, kind).is_ok());
        let e = groups
            .require(Operation::CreateGroup, kind)
            .expect_err("refused");
        assert_eq!(
            e.to_string(),
            "creating groups is not supported by paradigm"
        );
    }

    #[test]
    fn a_provider_claiming_what_it_lacks_is_an_internal_error() {
        let claims = Capabilities {
            members: true,
            ..Capabilities::default()
        };
        let e = unsupported::<()>(claims, Operation::GroupMembers, ProviderKind::ALL[0])
            .expect_err("internal");
        assert!(e.to_string().contains("internal"), "{e}");
    }
}
