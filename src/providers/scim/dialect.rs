//! The known deviations of SCIM services from the RFCs, as data the client reads: which host
//! means which service, how it pages, how many member changes one PATCH may carry, what DELETE
//! really does, and which email filter it understands.

use super::paging::Mode;

/// A service's known quirks. `rfc` is RFC 7643/7644/9865 as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Rfc,
    Entra,
    Aws,
    Google,
    Slack,
    Github,
}

/// Limits on the member changes of one PATCH of a group; `None` is no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MemberLimits {
    pub(crate) adds: Option<usize>,
    pub(crate) removes: Option<usize>,
    /// Adds and removes together.
    pub(crate) changes: Option<usize>,
}

impl Dialect {
    pub(crate) const ALL: [Dialect; 6] = [
        Dialect::Rfc,
        Dialect::Entra,
        Dialect::Aws,
        Dialect::Google,
        Dialect::Slack,
        Dialect::Github,
    ];

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

    pub(crate) fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The names, for messages: "rfc, entra, aws, google, slack, github".
    pub(crate) fn names() -> String {
        let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
        names.join(", ")
    }

    /// The dialect a known host implies; `rfc` for any other host.
    pub(crate) fn for_host(host: &str) -> Dialect {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        match host.as_str() {
            "api.slack.com" => Dialect::Slack,
            "api.github.com" => Dialect::Github,
            "graph.microsoft.com" => Dialect::Entra,
            "cloudidentityscim.googleapis.com" => Dialect::Google,
            h if h.starts_with("scim.") && h.ends_with(".amazonaws.com") => Dialect::Aws,
            _ => Dialect::Rfc,
        }
    }

    /// The dialect for a profile: its `dialect` key, else the base URL's host. The second value
    /// says where it came from, for `profiles show`.
    pub(crate) fn for_profile(
        setting: Option<&str>,
        base_url: &str,
    ) -> Result<(Dialect, &'static str), String> {
        if let Some(name) = setting {
            return Dialect::from_name(name)
                .map(|d| (d, "the profile's dialect key"))
                .ok_or_else(|| {
                    format!("unknown SCIM dialect `{name}`; known: {}", Dialect::names())
                });
        }
        let host = url::Url::parse(base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        Ok((Dialect::for_host(&host), "the base URL's host"))
    }

    /// The paging the service is known to use, overriding what it announces. Google pages
    /// neither way: every match comes in one answer.
    pub(crate) fn paging(self) -> Option<Mode> {
        match self {
            Dialect::Entra | Dialect::Aws => Some(Mode::Cursor),
            Dialect::Slack => Some(Mode::Index),
            Dialect::Google => Some(Mode::Single),
            Dialect::Rfc | Dialect::Github => None,
        }
    }

    /// The largest page the service serves, where known.
    pub(crate) fn max_page_size(self) -> Option<u32> {
        match self {
            Dialect::Entra | Dialect::Aws => Some(100),
            _ => None,
        }
    }

    pub(crate) fn member_limits(self) -> MemberLimits {
        match self {
            Dialect::Entra => MemberLimits {
                adds: Some(20),
                removes: Some(1),
                changes: None,
            },
            Dialect::Aws => MemberLimits {
                changes: Some(100),
                ..MemberLimits::default()
            },
            _ => MemberLimits::default(),
        }
    }

    /// The first email filter form worth trying (see `filter::EMAIL_FORMS`): services known to
    /// refuse filters on `emails` start at `userName`.
    pub(crate) fn first_email_form(self) -> usize {
        match self {
            Dialect::Entra | Dialect::Google => 2,
            _ => 0,
        }
    }

    /// Whether `active eq true` may be asked of the server.
    pub(crate) fn filters_status(self) -> bool {
        self != Dialect::Google
    }

    /// Said before a DELETE, where DELETE is not what the word says.
    pub(crate) fn delete_warning(self) -> Option<&'static str> {
        match self {
            Dialect::Slack => Some(
                "on Slack, DELETE /Users deactivates the user (it stays, with active: false); \
                 `roster users reactivate` brings it back",
            ),
            Dialect::Github => Some(
                "on GitHub Enterprise, deleting a SCIM user is irreversible: the account and its \
                 link to the identity provider are gone; `roster users deactivate` suspends instead",
            ),
            _ => None,
        }
    }

    /// ETags the service is known not to give, whatever it announces.
    pub(crate) fn etags(self) -> Option<bool> {
        (self == Dialect::Google).then_some(false)
    }
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
