//! The deviations of known SCIM services from the RFCs, one switch per service (`--scim-dialect`).

use super::filter::{CompareOp, Filter};
use super::schema::ResourceType;

/// Which service's known deviations the sandbox's SCIM server reproduces. The table in
/// `scim.rs` lists what each one changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 7643, RFC 7644 and RFC 9865 as written.
    #[default]
    Rfc,
    Entra,
    Aws,
    Google,
    Slack,
    Github,
}

/// How a list pages (RFC 7644 §3.4.2.4, RFC 9865).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Paging {
    pub(crate) index: bool,
    pub(crate) cursor: bool,
    /// `defaultPaginationMethod`: cursor when the request names neither.
    pub(crate) cursor_by_default: bool,
    pub(crate) default_page_size: usize,
    pub(crate) max_page_size: usize,
    /// Cursor pages carry `totalResults` (RFC 9865 §2 lets a server leave it out).
    pub(crate) total_in_cursor_pages: bool,
}

/// What a successful PATCH (or DELETE) answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// 200 with the resource (PATCH) or 204 (DELETE).
    Standard,
    /// 204 without a body.
    NoContent,
    /// 200 with `{}`.
    EmptyObject,
}

impl Dialect {
    pub const NAMES: &'static [&'static str] =
        &["rfc", "entra", "aws", "google", "slack", "github"];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Dialect::Rfc => "rfc",
            Dialect::Entra => "entra",
            Dialect::Aws => "aws",
            Dialect::Google => "google",
            Dialect::Slack => "slack",
            Dialect::Github => "github",
        }
    }

    pub fn from_name(name: &str) -> Option<Dialect> {
        let all = [
            Dialect::Rfc,
            Dialect::Entra,
            Dialect::Aws,
            Dialect::Google,
            Dialect::Slack,
            Dialect::Github,
        ];
        all.into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name))
    }

    pub(crate) fn paging(self) -> Option<Paging> {
        let rfc = Paging {
            index: true,
            cursor: true,
            cursor_by_default: false,
            default_page_size: 100,
            max_page_size: 200,
            total_in_cursor_pages: true,
        };
        match self {
            Dialect::Rfc | Dialect::Github => Some(rfc),
            Dialect::Entra => Some(Paging {
                index: false,
                cursor_by_default: true,
                max_page_size: 100,
                ..rfc
            }),
            Dialect::Aws => Some(Paging {
                index: false,
                cursor_by_default: true,
                max_page_size: 100,
                total_in_cursor_pages: false,
                ..rfc
            }),
            Dialect::Slack => Some(Paging {
                cursor: false,
                default_page_size: 10,
                max_page_size: 1000,
                ..rfc
            }),
            // Google pages neither way: every match comes in one answer.
            Dialect::Google => None,
        }
    }

    /// The ListResponse key of the resources; RFC 7644 §3.4.2 spells it `Resources`.
    pub(crate) fn resources_key(self) -> &'static str {
        match self {
            Dialect::Entra | Dialect::Google => "resources",
            _ => "Resources",
        }
    }

    pub(crate) fn patch_answer(self) -> Answer {
        match self {
            Dialect::Entra => Answer::NoContent,
            Dialect::Google => Answer::EmptyObject,
            _ => Answer::Standard,
        }
    }

    pub(crate) fn delete_answer(self) -> Answer {
        match self {
            Dialect::Google => Answer::EmptyObject,
            _ => Answer::Standard,
        }
    }

    /// Slack: DELETE /Users/{id} deactivates instead of deleting.
    pub(crate) fn delete_deactivates(self) -> bool {
        self == Dialect::Slack
    }

    pub(crate) fn etags(self) -> bool {
        self != Dialect::Google
    }

    pub(crate) fn sorting(self) -> bool {
        !matches!(self, Dialect::Google | Dialect::Aws)
    }

    /// GitHub refuses requests without a `User-Agent` with a plain-text 403.
    pub(crate) fn requires_user_agent(self) -> bool {
        self == Dialect::Github
    }

    /// AWS answers groups with an empty member list; membership is found with
    /// `filter=members eq "<user id>"`.
    pub(crate) fn shows_members(self) -> bool {
        self != Dialect::Aws
    }

    pub(crate) fn max_patch_operations(self) -> Option<usize> {
        match self {
            Dialect::Google => Some(20),
            _ => None,
        }
    }

    /// Limits on the membership changes of one PATCH of a group.
    pub(crate) fn member_limits(self) -> MemberLimits {
        match self {
            Dialect::Entra => MemberLimits {
                adds: Some(20),
                removes: Some(1),
                changes: None,
            },
            Dialect::Aws => MemberLimits {
                adds: None,
                removes: None,
                changes: Some(100),
            },
            _ => MemberLimits::default(),
        }
    }

    /// Entra removes the members a `remove` of `members` lists in its value; RFC 7644
    /// §3.5.2.2 removes every member when no filter selects some.
    pub(crate) fn removes_listed_members(self) -> bool {
        self == Dialect::Entra
    }

    /// Google refuses a list of users without a filter (`tooMany`).
    pub(crate) fn requires_user_filter(self) -> bool {
        self == Dialect::Google
    }

    /// The service's own limits on filters, past the RFC's grammar.
    pub(crate) fn check_filter(self, filter: &Filter, rt: ResourceType) -> Result<(), String> {
        match self {
            Dialect::Entra => walk(filter, &|f| match f {
                Filter::Present(p) | Filter::Compare(p, ..) | Filter::ValuePath(p, _)
                    if p.urn.is_none() && p.name.eq_ignore_ascii_case("emails") =>
                {
                    Err("this service cannot filter on emails; filter on userName".into())
                }
                _ => Ok(()),
            }),
            Dialect::Aws => walk(filter, &|f| match f {
                Filter::Or(..) => Err("this service does not support `or` in filters".into()),
                Filter::Compare(_, CompareOp::Ne, _) => {
                    Err("this service does not support `ne` in filters".into())
                }
                _ => Ok(()),
            }),
            Dialect::Google => {
                let wanted = match rt {
                    ResourceType::User => "userName",
                    ResourceType::Group => "displayName",
                };
                match filter {
                    Filter::Compare(p, CompareOp::Eq, _)
                        if p.urn.is_none()
                            && p.sub.is_none()
                            && p.name.eq_ignore_ascii_case(wanted) =>
                    {
                        Ok(())
                    }
                    _ => Err(format!("this service only supports `{wanted} eq \"...\"`")),
                }
            }
            _ => Ok(()),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MemberLimits {
    pub(crate) adds: Option<usize>,
    pub(crate) removes: Option<usize>,
    /// Adds and removes together.
    pub(crate) changes: Option<usize>,
}

fn walk(filter: &Filter, rule: &dyn Fn(&Filter) -> Result<(), String>) -> Result<(), String> {
    rule(filter)?;
    match filter {
        Filter::And(a, b) | Filter::Or(a, b) => {
            walk(a, rule)?;
            walk(b, rule)
        }
        Filter::Not(inner) | Filter::ValuePath(_, inner) => walk(inner, rule),
        _ => Ok(()),
    }
}
