//! The `Provider` trait every vendor client implements, its error type, and `build(profile)`.

pub(crate) mod amani;
pub(crate) mod auth;
pub(crate) mod bleemeo;
pub(crate) mod cradl;
pub(crate) mod descriptor;
mod error;
pub(crate) mod http;
pub(crate) mod membership;
pub(crate) mod paradigm;
mod profile;
mod report;
pub(crate) mod scim;

use std::fmt;

use async_trait::async_trait;

use crate::model::{Group, Identity, NewUser, User, UserPatch, UserQuery};

pub(crate) use descriptor::{Descriptor, FieldSpec};
pub(crate) use error::ProviderError;
pub(crate) use http::HttpClient;
pub(crate) use membership::MemberOutcome;
pub(crate) use profile::Profile;
pub use profile::RateLimit;

/// The vendors roster's client knows: the one client-side vendor list. The `provider` key of
/// a profile names one; everything else about it is its [`Descriptor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ProviderKind {
    Paradigm,
    Bleemeo,
    Amani,
    Cradl,
    Scim,
}

impl ProviderKind {
    pub(crate) const ALL: [ProviderKind; 5] = [
        ProviderKind::Paradigm,
        ProviderKind::Bleemeo,
        ProviderKind::Amani,
        ProviderKind::Cradl,
        ProviderKind::Scim,
    ];

    /// What roster knows about the vendor, from its folder.
    pub(crate) fn descriptor(self) -> &'static Descriptor {
        match self {
            ProviderKind::Paradigm => &paradigm::descriptor::DESCRIPTOR,
            ProviderKind::Bleemeo => &bleemeo::descriptor::DESCRIPTOR,
            ProviderKind::Amani => &amani::descriptor::DESCRIPTOR,
            ProviderKind::Cradl => &cradl::descriptor::DESCRIPTOR,
            ProviderKind::Scim => &scim::descriptor::DESCRIPTOR,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        self.descriptor().name
    }

    pub(crate) fn from_name(name: &str) -> Option<ProviderKind> {
        ProviderKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The vendor's public API root, or `None` where the profile must name one.
    pub(crate) fn default_base_url(self) -> Option<&'static str> {
        self.descriptor().default_base_url
    }

    /// The vendor's published request rate, which bulk work keeps to when the profile sets no
    /// `rate_limit`.
    pub(crate) fn documented_rate(self) -> Option<RateLimit> {
        self.descriptor()
            .documented_rate
            .map(|per_second| RateLimit { per_second })
    }

    /// The import columns a vendor's users have (see [`Descriptor::user_fields`]).
    pub(crate) fn user_fields(self) -> &'static [&'static str] {
        self.descriptor().user_fields
    }

    /// Vendors that need a password for a new user (`--generate-password`).
    pub(crate) fn needs_password(self) -> bool {
        self.descriptor().needs_password
    }

    /// Vendors whose logins `roster profiles logout` revokes at the vendor, so only their
    /// profiles' secrets are resolved there.
    pub(crate) fn revokes_logins(self) -> bool {
        self.descriptor().revokes_logins
    }

    /// The provider-specific keys of a profile.
    pub(crate) fn fields(self) -> &'static [FieldSpec] {
        self.descriptor().profile_keys
    }

    /// A profile's settings as `profiles show` shows them, with what applies where a key is
    /// unset (the SCIM dialect its host picks).
    pub(crate) fn shown_settings(
        self,
        base_url: &str,
        settings: &std::collections::BTreeMap<String, String>,
    ) -> std::collections::BTreeMap<String, String> {
        let mut shown = settings.clone();
        if self == ProviderKind::Scim {
            let dialect = settings.get("dialect").map(String::as_str);
            shown.extend(scim::shown_settings(base_url, dialect));
        }
        shown
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One page of a listing, and where the next one starts (an absolute URL or a vendor token).
#[derive(Debug, Clone)]
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) next: Option<String>,
    /// The total the vendor reports, where it reports one.
    pub(crate) total: Option<u64>,
}

/// What a vendor can do, so commands can say "not supported" before sending anything.
/// `Default` is "nothing": a new provider can name what it has and end with
/// `..Capabilities::default()`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Capabilities {
    pub(crate) deactivate: bool,
    pub(crate) reactivate: bool,
    pub(crate) delete: bool,
    /// `groups list` returns groups (true) or roles (false) that users can be put in.
    pub(crate) groups: bool,
    pub(crate) roles: bool,
    /// A group's members can be listed, added and removed (`Provider::group_members`,
    /// `add_group_members`, `remove_group_members`).
    pub(crate) members: bool,
    /// `Provider::create_group`.
    pub(crate) create_groups: bool,
    /// `Provider::delete_group`.
    pub(crate) delete_groups: bool,
    /// Users carry the time of their last login (`User::last_login`), so `people --stale` can
    /// judge them: a `null` there means "never", not "not said".
    pub(crate) last_login: bool,
}

/// The operations not every vendor has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Delete,
    Deactivate,
    Reactivate,
    /// Listing, adding and removing a group's members.
    GroupMembers,
    CreateGroup,
    DeleteGroup,
}

impl Capabilities {
    /// A vendor with roles and no group membership (Bleemeo, Cradl): what to use instead of
    /// a groups verb.
    pub(crate) fn roles_only(&self) -> bool {
        self.roles && !self.members
    }

    fn roles_instead(&self) -> Option<&'static str> {
        self.roles_only()
            .then_some("roster users update USER --add-role ROLE")
    }

    /// `Ok` if the vendor can do `op`; else the error to show, before anything is sent, naming
    /// the nearest command that works.
    pub(crate) fn require(
        &self,
        op: Operation,
        provider: ProviderKind,
    ) -> Result<(), ProviderError> {
        let (supported, name, alternative) = match op {
            Operation::Delete => (
                self.delete,
                "delete",
                self.deactivate.then_some("roster users deactivate"),
            ),
            Operation::Deactivate => (
                self.deactivate,
                "deactivate",
                self.delete.then_some("roster users delete"),
            ),
            Operation::Reactivate => (self.reactivate, "reactivate", None),
            Operation::GroupMembers => (self.members, "group membership", self.roles_instead()),
            Operation::CreateGroup => (self.create_groups, "creating groups", self.roles_instead()),
            Operation::DeleteGroup => (self.delete_groups, "deleting groups", self.roles_instead()),
        };
        if supported {
            Ok(())
        } else {
            Err(ProviderError::unsupported(
                provider.name(),
                name,
                alternative,
            ))
        }
    }
}

/// A vendor's user API, in vendor-neutral terms. One implementation per file in this folder.
#[async_trait]
pub(crate) trait Provider: Send + Sync {
    fn kind(&self) -> ProviderKind;

    fn capabilities(&self) -> Capabilities;

    /// Authenticate and say who the credentials belong to (`profiles check`).
    async fn whoami(&self) -> Result<Identity, ProviderError>;

    /// One page of users. `cursor` is `None` for the first page and then the previous page's
    /// `next`. Filters the vendor cannot apply are left to the caller.
    async fn list_users(
        &self,
        query: &UserQuery,
        cursor: Option<&str>,
    ) -> Result<Page<User>, ProviderError>;

    /// For page-numbered lists: the cursor of page `page` (1-based) of the listing `query`
    /// starts, so a caller that knows the count can fetch later pages concurrently. `None`
    /// (the default) for vendors whose pages can only be walked in order.
    fn page_cursor(&self, _query: &UserQuery, _page: u64) -> Option<String> {
        None
    }

    /// For lists paged by offset (SCIM's `startIndex`): the cursor of the page that starts after
    /// the first `offset` users of `query`. Pages may hold fewer users than asked, so a caller
    /// places each page by what the earlier ones held. `None` (the default) for other vendors.
    fn offset_cursor(&self, _query: &UserQuery, _offset: u64) -> Option<String> {
        None
    }

    /// One user by the vendor's id.
    async fn get_user(&self, id: &str) -> Result<User, ProviderError>;

    /// One user by exact email (case-insensitive), or `None`.
    async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, ProviderError>;

    /// Check a user to create against the vendor's rules without sending anything, so a bulk
    /// import can refuse bad rows before it writes. `create_user` checks the same.
    fn validate_new_user(&self, _user: &NewUser) -> Result<(), ProviderError> {
        Ok(())
    }

    /// Fill in what this vendor derives from a new user's other fields, one rule for `users
    /// create` and `users import` (Paradigm: a blank username from the email; Cradl: a blank
    /// name from the first and last names). Returns what was derived, for a note on stderr.
    fn complete_new_user(&self, _user: &mut NewUser) -> Vec<Derived> {
        Vec::new()
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, ProviderError>;

    async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ProviderError>;

    async fn delete_user(&self, id: &str) -> Result<(), ProviderError>;

    /// Deactivate (`false`) or reactivate (`true`). The default is for vendors without either:
    /// the error `Capabilities::require` gives, naming the nearest command that works.
    async fn set_active(&self, _id: &str, active: bool) -> Result<User, ProviderError> {
        let op = if active {
            Operation::Reactivate
        } else {
            Operation::Deactivate
        };
        self.capabilities().require(op, self.kind())?;
        Err(ProviderError::protocol(format!(
            "internal: {} claims {op:?} but does not implement it",
            self.kind()
        )))
    }

    /// Every group or role a user can be put in.
    async fn list_groups(&self) -> Result<Vec<Group>, ProviderError>;

    /// Every member of the group `group_id` (an id from `list_groups`). The default is for
    /// vendors without group membership (`Capabilities::members` false): the "not supported"
    /// error, naming what to use instead.
    async fn group_members(&self, _group_id: &str) -> Result<Vec<User>, ProviderError> {
        membership::unsupported(self.capabilities(), Operation::GroupMembers, self.kind())
    }

    /// Put the users `user_ids` in the group `group_id`; a user already in it is left alone
    /// (`Ok`). One outcome per user, in order. `Err` when the change failed as a whole (one
    /// request for every user, or the group itself refused); `--dry-run` is `Err(DryRun)`
    /// there or per user.
    async fn add_group_members(
        &self,
        _group_id: &str,
        _user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        membership::unsupported(self.capabilities(), Operation::GroupMembers, self.kind())
    }

    /// Take the users `user_ids` out of the group `group_id`; a user not in it is left alone.
    /// Outcomes as for `add_group_members`.
    async fn remove_group_members(
        &self,
        _group_id: &str,
        _user_ids: &[String],
    ) -> Result<Vec<MemberOutcome>, ProviderError> {
        membership::unsupported(self.capabilities(), Operation::GroupMembers, self.kind())
    }

    /// Create a group named `name`, where the vendor allows it (`Capabilities::create_groups`).
    async fn create_group(
        &self,
        _name: &str,
        _description: Option<&str>,
    ) -> Result<Group, ProviderError> {
        membership::unsupported(self.capabilities(), Operation::CreateGroup, self.kind())
    }

    /// Delete the group `group_id` (its members stay users), where the vendor allows it
    /// (`Capabilities::delete_groups`).
    async fn delete_group(&self, _group_id: &str) -> Result<(), ProviderError> {
        membership::unsupported(self.capabilities(), Operation::DeleteGroup, self.kind())
    }

    /// The user this profile's credentials sign in as, so deactivating or deleting it (which
    /// would lock the profile out) can be refused before sending. `None` (the default) where
    /// the credentials are no user of the tenant or the vendor offers no way to tell.
    async fn own_account(&self) -> Result<Option<OwnAccount>, ProviderError> {
        Ok(None)
    }

    /// Revoke the cached login at the vendor (`roster profiles logout`, before it forgets the
    /// token), where the vendor offers revocation. The default: it does not.
    async fn revoke_login(&self) -> Result<Revocation, ProviderError> {
        Ok(Revocation::NotOffered)
    }
}

/// Who a profile signs in as: an id, an email, or both, whichever the vendor tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OwnAccount {
    pub(crate) id: Option<String>,
    pub(crate) email: Option<String>,
}

impl OwnAccount {
    /// True when `user` is this account: the same id, or the same email (any case).
    pub(crate) fn is(&self, user: &User) -> bool {
        let same_id = self.id.as_deref().is_some_and(|id| id == user.id);
        let same_email = self.email.as_deref().is_some_and(|own| {
            [&user.email, &user.username]
                .into_iter()
                .flatten()
                .any(|e| e.eq_ignore_ascii_case(own))
        });
        same_id || same_email
    }
}

/// A write's answer must at least be readable (empty, or JSON): a body garbled on the way means
/// the write's outcome is unknown, never that it succeeded.
pub(crate) fn readable_answer(resp: &http::Response, what: &str) -> Result<(), ProviderError> {
    resp.json::<serde::de::IgnoredAny>(what)
        .map(|_| ())
        .or_else(|e| {
            if resp.body.iter().all(u8::is_ascii_whitespace) {
                Ok(())
            } else {
                Err(e)
            }
        })
}

/// What `revoke_login` did at the vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Revocation {
    /// The vendor has no revocation endpoint.
    NotOffered,
    /// No cached login to revoke.
    NothingCached,
    /// The vendor took the revocation: the cached refresh token no longer works.
    Revoked,
}

/// A value `Provider::complete_new_user` filled in: `field` set to `value`, made from `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Derived {
    pub(crate) field: &'static str,
    pub(crate) value: String,
    pub(crate) from: &'static str,
}

impl std::fmt::Display for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}` made from {}", self.field, self.value, self.from)
    }
}

/// The client for `profile`, sharing the process's one HTTP client.
pub(crate) fn build(
    profile: &Profile,
    http: &HttpClient,
) -> Result<Box<dyn Provider>, ProviderError> {
    // From here on, nothing roster prints can show this profile's secrets, even echoed back.
    // An id (Cradl's `client_id`) names a credential and is shown on purpose.
    for (key, secret) in &profile.secrets {
        if !key.ends_with("_id") {
            crate::redact::register(secret);
        }
    }
    match profile.kind {
        ProviderKind::Paradigm => Ok(Box::new(paradigm::Paradigm::new(profile, http.clone())?)),
        ProviderKind::Bleemeo => Ok(Box::new(bleemeo::Bleemeo::new(profile, http.clone())?)),
        ProviderKind::Cradl => Ok(Box::new(cradl::Cradl::new(profile, http.clone())?)),
        ProviderKind::Amani => Ok(Box::new(amani::Amani::new(profile, http.clone())?)),
        ProviderKind::Scim => Ok(Box::new(scim::Scim::new(profile, http.clone())?)),
    }
}
