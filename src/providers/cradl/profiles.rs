//! Cradl users' emails: each user's `GET /profiles/{id}`, read once per process, bounded, patient.

// Cradl's user object has no email, so a listing of N users costs N profile reads. They go
// through the profile's own client (its `rate_limit` paces them, with the listing's requests)
// and are patient reads (see `Inner::request`). A profile read once is kept for the rest of
// the process; one read that still fails after its retries costs only its user's email (a
// warning names the user), never the listing.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::Method;
use tokio::sync::OnceCell;
use tokio::task::JoinSet;

use super::client::Inner;
use super::wire::WireProfile;
use crate::providers::ProviderError;

/// Profile reads in flight at once: enough to hide latency, few enough not to trip the
/// vendor's rate limit.
const PROFILE_LOOKUPS: usize = 8;
/// Users named one by one in the warning about unread profiles; the rest are counted.
const NAMED_IN_WARNING: usize = 5;

/// profileId -> its profile (`None` inside: the vendor has no such profile). A read in flight
/// is shared by every listing that needs it; a read that failed leaves its cell empty, so the
/// next listing that needs it tries again.
#[derive(Default)]
pub(super) struct ProfileCache {
    cells: Mutex<HashMap<String, Arc<OnceCell<Option<WireProfile>>>>>,
}

/// What became of one profile read.
pub(super) type Lookup = Result<Option<WireProfile>, ProviderError>;

impl ProfileCache {
    fn cell(&self, id: &str) -> Arc<OnceCell<Option<WireProfile>>> {
        let mut cells = self.cells.lock().unwrap_or_else(PoisonError::into_inner);
        cells.entry(id.to_string()).or_default().clone()
    }

    /// A profile known without asking the vendor (a user just created with this email).
    pub(crate) fn remember(&self, id: &str, profile: WireProfile) {
        // Already known: the vendor's own answer wins.
        let _ = self.cell(id).set(Some(profile));
    }
}

impl Inner {
    /// One profile, `None` if the vendor has none by that id.
    async fn fetch_profile(&self, id: &str) -> Lookup {
        let req = self.request(Method::GET, &format!("/profiles/{id}"));
        match self.send(req).await {
            Ok(resp) => resp.json("the profile").map(Some),
            Err(ProviderError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every profile in `ids`, from the cache or read from the vendor, at most
    /// `PROFILE_LOOKUPS` at a time. Ctrl-C (a read that comes back `Interrupted`) stops them
    /// all at once and is the listing's error: the reads left are not failures of their users.
    pub(crate) async fn profiles(
        self: &Arc<Self>,
        ids: BTreeSet<String>,
    ) -> Result<HashMap<String, Lookup>, ProviderError> {
        let mut found = HashMap::new();
        let mut queue = Vec::new();
        for id in ids {
            let cell = self.profile_cache.cell(&id);
            match cell.get() {
                Some(known) => {
                    found.insert(id, Ok(known.clone()));
                }
                None => queue.push((id, cell)),
            }
        }
        let mut queue = queue.into_iter();
        let mut running = JoinSet::new();
        loop {
            while running.len() < PROFILE_LOOKUPS {
                let Some((id, cell)) = queue.next() else {
                    break;
                };
                let inner = Arc::clone(self);
                running.spawn(async move {
                    let read = cell
                        .get_or_try_init(|| inner.fetch_profile(&id))
                        .await
                        .cloned();
                    (id, read)
                });
            }
            let Some(done) = running.join_next().await else {
                return Ok(found);
            };
            // A read that panicked stays out of `found`: its user is reported like any other
            // whose profile could not be read.
            if let Ok((id, read)) = done {
                if let Err(stop @ ProviderError::Interrupted { .. }) = read {
                    running.abort_all();
                    return Err(stop);
                }
                found.insert(id, read);
            }
        }
    }
}

/// The warning for users (id, why) whose profile could not be read, naming the first few.
pub(super) fn unread_warning(profile: &str, unread: &[(String, String)]) -> Option<String> {
    let (_, first_error) = unread.first()?;
    let named: Vec<&str> = unread
        .iter()
        .take(NAMED_IN_WARNING)
        .map(|(user, _)| user.as_str())
        .collect();
    let mut list = named.join(", ");
    let more = unread.len() - named.len();
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    Some(format!(
        "{profile}: {} user(s) shown without an email, their cradl profile could not be read: \
         {list} ({first_error}); run the command again to retry them",
        unread.len()
    ))
}
