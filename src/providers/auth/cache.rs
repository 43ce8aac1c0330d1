//! The on-disk token cache: one private file per profile, used only by the same credentials.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::AccessToken;
use crate::fsutil::write_private;
use crate::providers::Profile;

/// Rounds of SHA-256 over the salted fingerprint: cheap once per command, costly to guess a
/// password from a cache file.
const FINGERPRINT_ROUNDS: u32 = 10_000;

/// Where a profile's token is cached between invocations.
#[derive(Clone)]
pub(crate) struct TokenCache {
    pub(super) path: Option<PathBuf>,
    /// SHA-256 of everything the token depends on: provider, URL, settings and every secret.
    /// A file is used only if its salted fingerprint matches, so a token from another tenant or
    /// from a secret since rotated (or mistyped) is never reused. Empty for `for_name`.
    pub(super) identity: [u8; 32],
    /// Never read the file, only replace it (`Profile::fresh_login`).
    pub(super) skip_load: bool,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("path", &self.path)
            .field("skip_load", &self.skip_load)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    /// Hex; new for every write.
    salt: String,
    /// Hex of `FINGERPRINT_ROUNDS` of SHA-256 over salt and identity.
    fingerprint: String,
    token: AccessToken,
}

impl TokenCache {
    pub(crate) fn for_profile(profile: &Profile) -> TokenCache {
        let mut h = Sha256::new();
        let mut field = |label: &str, value: &str| {
            // Length-prefixed, so no two different profiles hash the same bytes.
            for part in [label, value] {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
        };
        field("cache", "roster-token-cache-v2");
        field("profile", &profile.name);
        field("provider", profile.kind.name());
        field("base_url", &profile.base_url);
        for (k, v) in &profile.settings {
            field(&format!("setting {k}"), v);
        }
        for (k, v) in &profile.secrets {
            field(&format!("secret {k}"), v.expose());
        }
        TokenCache {
            identity: h.finalize().into(),
            skip_load: profile.fresh_login,
            ..TokenCache::for_name(&profile.name)
        }
    }

    /// The cache of the profile called `name`, for removing it without resolving secrets.
    pub(crate) fn for_name(name: &str) -> TokenCache {
        TokenCache {
            path: cache_dir().map(|d| d.join(format!("{}.json", file_name(name)))),
            identity: [0; 32],
            skip_load: false,
        }
    }

    /// A cache that never touches the disk (tests, or no home directory).
    #[cfg(test)]
    pub(crate) fn in_memory() -> TokenCache {
        TokenCache {
            path: None,
            identity: [0; 32],
            skip_load: false,
        }
    }

    pub(super) fn fingerprint(&self, salt: &str) -> String {
        let mut digest: [u8; 32] = Sha256::new()
            .chain_update(salt.as_bytes())
            .chain_update(self.identity)
            .finalize()
            .into();
        for _ in 1..FINGERPRINT_ROUNDS {
            digest = Sha256::digest(digest).into();
        }
        hex(&digest)
    }

    /// The cached token, if it was earned by exactly this profile's settings and secrets. A
    /// file that cannot be read back, or a token that could not be sent, is removed: the next
    /// login replaces it instead of the profile staying broken until `logout`.
    pub(crate) fn load(&self) -> Option<AccessToken> {
        if self.skip_load {
            return None;
        }
        let path = self.path.as_ref()?;
        let text = std::fs::read_to_string(path).ok()?;
        let file = match serde_json::from_str::<CacheFile>(&text) {
            Ok(f) if f.token.unsendable().is_none() => f,
            _ => {
                let _ = std::fs::remove_file(path);
                return None;
            }
        };
        (file.fingerprint == self.fingerprint(&file.salt)).then_some(file.token)
    }

    /// Best effort: a cache that cannot be written only costs a login next time.
    pub(crate) fn store(&self, token: &AccessToken) {
        let Some(path) = &self.path else { return };
        let mut salt = [0u8; 16];
        if getrandom::fill(&mut salt).is_err() {
            return;
        }
        let salt = hex(&salt);
        let file = CacheFile {
            fingerprint: self.fingerprint(&salt),
            salt,
            token: token.clone(),
        };
        let Ok(text) = serde_json::to_string(&file) else {
            return;
        };
        if let Some(dir) = path.parent() {
            if crate::fsutil::create_private_dir(dir).is_err() {
                return;
            }
            tighten(dir);
        }
        let _ = write_private(path, text.as_bytes());
    }

    /// Whether a cache file is there, whatever login it holds.
    pub(crate) fn exists(&self) -> bool {
        self.path.as_ref().is_some_and(|p| p.exists())
    }

    /// Forget the token (`roster profiles logout`). True if a file was removed.
    pub(crate) fn clear(&self) -> bool {
        self.path
            .as_ref()
            .is_some_and(|p| std::fs::remove_file(p).is_ok())
    }
}

/// The token directory is roster's own: one an older roster made 0755 becomes 0700.
fn tighten(dir: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if crate::fsutil::mode_of(dir).is_some_and(|m| m & 0o077 != 0) {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `<cache dir>/tokens`, e.g. `~/.cache/roster/tokens` on Linux.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "roster").map(|d| d.cache_dir().join("tokens"))
}

/// A profile name as a file name, injectively (two profiles never share a file, even on a
/// case-insensitive file system): lowercase letters, digits, `-` and `_` stay; every other
/// byte becomes `%XX` (uppercase hex). Names too long for a file name keep a prefix and a hash.
pub(super) fn file_name(profile: &str) -> String {
    const MAX: usize = 120;
    let mut encoded = String::new();
    for b in profile.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    if encoded.is_empty() {
        return "%".to_string();
    }
    if encoded.len() <= MAX {
        return encoded;
    }
    let mut cut = 80;
    while !encoded.is_char_boundary(cut) {
        cut -= 1;
    }
    // `~` never appears in a short name, so a long one never meets a short one.
    let digest = Sha256::digest(profile.as_bytes());
    format!("{}~{}", &encoded[..cut], hex(&digest[..12]))
}
