//! Local emulator of the vendors' user APIs, for tests and `roster --sandbox`.

// Every vendor lives in its own file and implements `Vendor`; registering one takes an entry in
// `VENDORS` and a field in `SandboxState`. The shared plumbing (faults, latency, stats, rate-limit
// windows, absolute links) is in app.rs, faults.rs, limits.rs and request.rs, so that a vendor's
// file only describes its own API.

pub mod amani;
mod app;
pub(crate) mod bleemeo;
pub mod cradl;
mod drf;
mod faults;
mod limits;
pub(crate) mod paradigm;
mod request;
pub mod scim;
mod server;
pub(crate) mod store;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};

pub use faults::{Fault, FaultRule};
pub(crate) use limits::{retry_after_secs, Limit};
pub(crate) use request::{ApiRequest, BodyError, NumberedPage};
pub(crate) use scim::Dialect as ScimDialect;
pub use server::{Layout, RunningSandbox};

/// The API key the sandbox's Paradigm accepts; it belongs to the seeded admin user (id 1).
pub const PARADIGM_TEST_KEY: &str = "roster-sandbox-paradigm-key";

/// The login the sandbox's Amani accepts: its seeded admin, who may administer users.
pub const AMANI_TEST_USERNAME: &str = "admin@amani.sandbox.example";
pub const AMANI_TEST_PASSWORD: &str = "roster-sandbox-amani-password";

/// The login (password grant) the sandbox's Bleemeo accepts: the seeded account admin.
pub const BLEEMEO_TEST_USERNAME: &str = "admin@sandbox.example";
pub const BLEEMEO_TEST_PASSWORD: &str = "roster-sandbox-bleemeo-password";
/// The one account that login reaches, sent as `X-Bleemeo-Account`.
pub(crate) const BLEEMEO_TEST_ACCOUNT: &str = "9b3f2f6e-7d1a-4c8e-a0b5-2c4d6e8f1a3b";

/// The OAuth2 client (client credentials grant) the sandbox's Cradl accepts.
pub const CRADL_TEST_CLIENT_ID: &str = "roster-sandbox-cradl-client";
pub const CRADL_TEST_CLIENT_SECRET: &str = "roster-sandbox-cradl-secret";

/// Everything the emulated vendors hold. Persisted as JSON by [`store::StateFile`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SandboxState {
    // A state file written before a vendor was added still loads: that vendor starts from its seed.
    #[serde(default = "paradigm::State::seed")]
    pub paradigm: paradigm::State,
    #[serde(default = "amani::State::seed")]
    pub amani: amani::State,
    #[serde(default = "bleemeo::State::seed")]
    pub bleemeo: bleemeo::State,
    #[serde(default = "cradl::State::seed")]
    pub cradl: cradl::State,
    #[serde(default = "scim::State::seed")]
    pub scim: scim::State,
}

impl SandboxState {
    /// A few demo users and groups per vendor.
    pub fn seed() -> SandboxState {
        SandboxState {
            paradigm: paradigm::State::seed(),
            amani: amani::State::seed(),
            bleemeo: bleemeo::State::seed(),
            cradl: cradl::State::seed(),
            scim: scim::State::seed(),
        }
    }

    /// The seed plus `extra` users in every vendor (`user{i}@bench.example`), for load tests.
    pub(crate) fn add_bench_users(&mut self, extra: u32) {
        for i in 0..extra {
            let email = format!("user{i}@bench.example");
            self.paradigm.add_user(&email, &format!("user{i}"));
            self.bleemeo.add_user(&email);
            self.amani.add_user(&email);
            self.cradl.add_user(&email);
            self.scim.add_user(&email);
        }
    }

    /// Limits of the vendors that have them: the most users an account holds (`None` keeps
    /// the vendor's own), and the requests a month (`None`: unlimited). Only Cradl has both.
    pub(crate) fn set_quotas(&mut self, max_users: Option<usize>, monthly_limit: Option<u64>) {
        if let Some(quota) = max_users {
            self.cradl.max_users = quota;
        }
        self.cradl.monthly_limit = monthly_limit;
    }
}

/// How the sandbox behaves beyond the vendors' own rules.
#[derive(Clone, Debug)]
pub struct SandboxOptions {
    /// Added to every answer.
    pub latency: Duration,
    /// When set, replaces every vendor's documented limits: this many requests per second for each
    /// limit class. A value that is not a positive finite number turns rate limiting off.
    pub rate_limit_per_sec: Option<f64>,
    /// The share of vendor requests (0 to 1) that meet a random fault (see `Fault`), drawn from
    /// a generator seeded with `fault_seed` so a run can be repeated.
    pub fault_rate: f64,
    pub fault_seed: u64,
    /// How long the random "timeout" fault holds a request; 0 leaves it out of the mix.
    pub stall_secs: u64,
    /// Which service's deviations the SCIM server reproduces (`sandbox serve --scim-dialect`).
    pub scim_dialect: scim::Dialect,
    /// How long a client may take to send a request's head (also between requests on a kept-alive
    /// connection), and then its body, before the sandbox closes the connection.
    pub read_timeout: Duration,
    /// Connections open at once; beyond it new ones wait (in the kernel's backlog) for a free slot.
    pub max_connections: usize,
}

impl Default for SandboxOptions {
    fn default() -> SandboxOptions {
        SandboxOptions {
            latency: Duration::ZERO,
            rate_limit_per_sec: None,
            fault_rate: 0.0,
            fault_seed: 0,
            stall_secs: 0,
            read_timeout: DEFAULT_READ_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            scim_dialect: scim::Dialect::default(),
        }
    }
}

/// `SandboxOptions::read_timeout` unless set: long enough for any honest client on loopback.
pub(crate) const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// `SandboxOptions::max_connections` unless set: a little under the 1,024 file descriptors a
/// process may open on most systems, so that the listeners and state files always have theirs.
pub(crate) const DEFAULT_MAX_CONNECTIONS: usize = 1_000;

/// What the sandbox counted since it was created.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    /// Requests to a vendor, under its prefix or on its own port (control routes are not counted).
    pub requests: u64,
    /// POST/PUT/PATCH/DELETE to a vendor, including rejected ones.
    pub writes: u64,
    /// Faults applied, injected or random.
    pub faults: u64,
    /// Answers with status 429, whether from a rate limit or an injected fault.
    pub rate_limited: u64,
    /// Keyed by route template, like `POST /paradigm/api/v3/users/{id}`; requests that match
    /// no route of their vendor (or use an unusual method) count under `other`, so the map stays
    /// as small as the vendors' APIs whatever paths clients send.
    pub by_route: BTreeMap<String, u64>,
    /// Connections open now, and the most open at once (never above `max_connections`).
    pub(crate) open_connections: u64,
    pub(crate) peak_connections: u64,
}

/// One emulated vendor. Each lives in its own file and is listed in [`VENDORS`].
pub(crate) trait Vendor: Sync {
    /// URL prefix and profile name: `/paradigm/...`, `[profiles.paradigm]`.
    fn name(&self) -> &'static str;
    /// Answer one request; `req.path` has the vendor prefix removed.
    fn handle(&self, ctx: &VendorCtx<'_>, req: &ApiRequest) -> Response;
    /// The vendor's own "too many requests" answer; `retry_after_secs` goes in `Retry-After` if
    /// the vendor sends one.
    fn throttled(&self, retry_after_secs: u64) -> Response;
    /// The vendor's own answer to a server-side failure with this status.
    fn server_error(&self, status: StatusCode) -> Response;
    /// The lines of `[profiles.<name>]` that point roster at `base_url` with the test credentials.
    fn profile_toml(&self, base_url: &str) -> String;
    /// Whether [`profiles_toml`] includes this vendor: not until roster has a client for it.
    fn in_profiles(&self) -> bool {
        true
    }

    /// The vendor's paths (below its prefix) as templates for `Stats::by_route`: `{id}` stands
    /// for any one segment, and the first match wins. A path matching none counts as `other`.
    fn routes(&self) -> &'static [&'static str] {
        &[]
    }
}

/// The emulated vendors; the first one is the default profile.
static VENDORS: &[&dyn Vendor] = &[
    &paradigm::Paradigm,
    &bleemeo::Bleemeo,
    &amani::Amani,
    &cradl::Cradl,
    &scim::Scim,
];

/// What a vendor's handler may touch.
pub(crate) struct VendorCtx<'a> {
    inner: &'a Inner,
    vendor: &'static str,
}

impl VendorCtx<'_> {
    pub(crate) fn state(&self) -> MutexGuard<'_, SandboxState> {
        lock(&self.inner.state)
    }

    pub(crate) fn options(&self) -> &SandboxOptions {
        &self.inner.options
    }

    /// Take a slot in the `class` window of `key`, or learn how long until one frees.
    /// `documented` is the vendor's own limit; `SandboxOptions::rate_limit_per_sec` overrides it.
    pub(crate) fn throttle(
        &self,
        key: &str,
        class: &'static str,
        documented: Limit,
    ) -> Result<(), Duration> {
        lock(&self.inner.limiter).check(self.vendor, key, class, documented, Instant::now())
    }
}

struct Inner {
    state: Mutex<SandboxState>,
    options: SandboxOptions,
    faults: Mutex<Vec<FaultRule>>,
    stats: Mutex<Stats>,
    limiter: Mutex<limits::RateLimiter>,
    rng: Mutex<fastrand::Rng>,
}

/// A sandbox: vendors' state plus options. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

impl Sandbox {
    pub fn new(state: SandboxState, options: SandboxOptions) -> Sandbox {
        let limiter = limits::RateLimiter::new(options.rate_limit_per_sec);
        Sandbox {
            inner: Arc::new(Inner {
                state: Mutex::new(state),
                faults: Mutex::new(Vec::new()),
                stats: Mutex::new(Stats::default()),
                limiter: Mutex::new(limiter),
                rng: Mutex::new(fastrand::Rng::with_seed(options.fault_seed)),
                options,
            }),
        }
    }

    /// Bind `addr` (e.g. `127.0.0.1:0`) and serve every vendor under its prefix, in a spawned
    /// task until the handle is dropped or shut down. Works on a current-thread runtime as well as
    /// a multi-thread one.
    pub async fn start(&self, addr: SocketAddr) -> std::io::Result<RunningSandbox> {
        let layout = Layout {
            listen: addr,
            vendor_base_port: None,
        };
        server::start(self.clone(), layout).await
    }

    /// As `start`, and also each vendor at the root of its own port when the layout asks.
    pub(crate) async fn start_layout(&self, layout: Layout) -> std::io::Result<RunningSandbox> {
        server::start(self.clone(), layout).await
    }

    /// A copy of the current state.
    pub fn snapshot(&self) -> SandboxState {
        lock(&self.inner.state).clone()
    }

    /// Read or change the state directly (tests add data or inspect it).
    pub fn with_state<R>(&self, f: impl FnOnce(&mut SandboxState) -> R) -> R {
        f(&mut lock(&self.inner.state))
    }

    /// Queue a fault; the first queued rule that matches a request applies to it. `false` (and
    /// nothing queued) when 1,000 rules already wait.
    pub fn inject(&self, rule: FaultRule) -> bool {
        faults::queue(&mut lock(&self.inner.faults), rule)
    }

    pub fn stats(&self) -> Stats {
        lock(&self.inner.stats).clone()
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("options", &self.inner.options)
            .finish_non_exhaustive()
    }
}

/// A panic while a lock was held already failed its own request; the data stays usable, so later
/// requests go on rather than failing forever.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The emulated vendors' names, in the order their profiles are printed and their ports given.
pub(crate) fn vendor_names() -> Vec<&'static str> {
    VENDORS.iter().map(|v| v.name()).collect()
}

fn find_vendor(name: &str) -> Option<&'static dyn Vendor> {
    VENDORS.iter().copied().find(|v| v.name() == name)
}

/// A roster config file with one profile per emulated vendor, each at `base_url(vendor)`.
fn profiles_toml(base_url: impl Fn(&str) -> String) -> String {
    let default = VENDORS.first().map_or("paradigm", |v| v.name());
    let mut text = format!("default_profile = \"{default}\"\n");
    for vendor in VENDORS.iter().filter(|v| v.in_profiles()) {
        let name = vendor.name();
        let body = vendor.profile_toml(&base_url(name));
        text.push_str(&format!("\n[profiles.{name}]\n{body}"));
    }
    text
}
