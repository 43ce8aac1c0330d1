//! Which profiles a read across profiles acts on, each with its client or why there is none.

use std::sync::Arc;

use tokio::task::JoinSet;

use crate::config::Config;
use crate::context::{Context, Pacing, Target};
use crate::error::{Error, ErrorKind, Result};

/// The `--profile` value that means every profile in the config.
pub(crate) const ALL: &str = "all";

/// True when `--profile` names several profiles, or `all`: the read fans out.
pub(crate) fn wants_many(names: &[String]) -> bool {
    names.len() > 1 || names.iter().any(|n| n == ALL)
}

/// One profile to read: its name, and its client or the error that stops it.
pub(crate) struct Selected {
    pub(crate) name: String,
    pub(crate) target: Result<Arc<Target>, Error>,
}

/// The profiles `names` selects, in the order given: `all` stands for every profile of the
/// config (sorted by name), and no name at all means every profile too. A name the config does
/// not have stops the command (a typo, exit 3); a profile that is broken in the config, or
/// whose secret cannot be read, is selected with its error, so that the others are still read.
pub(crate) async fn select(
    ctx: &mut Context,
    names: &[String],
    pacing: Pacing,
) -> Result<Vec<Selected>> {
    let config = ctx.config()?.clone();
    let chosen = expand(&config, names)?;
    // Secrets are resolved at once: a `*_command` may take a while (a password manager).
    let mut resolving = JoinSet::new();
    for (slot, name) in chosen.iter().enumerate() {
        let spec = config.profile(name).cloned();
        let source = config.source.clone();
        resolving.spawn_blocking(move || (slot, spec.and_then(|s| s.resolve(&source))));
    }
    let mut resolved = Vec::new();
    while let Some(done) = resolving.join_next().await {
        resolved.push(done.map_err(|e| Error::failure("a profile stopped").with_source(e))?);
    }
    resolved.sort_by_key(|(slot, _)| *slot);
    let mut selected = Vec::new();
    for ((_, profile), name) in resolved.into_iter().zip(chosen) {
        let target = profile
            .map_err(Error::from)
            .and_then(|p| ctx.target_for(p, pacing))
            .map(Arc::new);
        selected.push(Selected { name, target });
    }
    Ok(selected)
}

/// The names `names` stands for, each once, in order.
fn expand(config: &Config, names: &[String]) -> Result<Vec<String>> {
    let mut chosen: Vec<String> = Vec::new();
    let every = config.names();
    let wanted: Vec<&String> = if names.is_empty() {
        every.iter().collect()
    } else {
        names
            .iter()
            .flat_map(|n| {
                if n == ALL {
                    every.iter().collect::<Vec<_>>()
                } else {
                    vec![n]
                }
            })
            .collect()
    };
    for name in wanted {
        if !config.contains(name) {
            return Err(config.not_found(name).into());
        }
        if !chosen.contains(name) {
            chosen.push(name.clone());
        }
    }
    if chosen.is_empty() {
        return Err(config.select(&[]).err().map_or_else(
            || Error::new(ErrorKind::Config, "no profile is defined"),
            Error::from,
        ));
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "default_profile = \"b\"\n\
        [profiles.b]\nprovider = \"paradigm\"\nbase_url = \"http://127.0.0.1:1\"\ntoken = \"k\"\n\
        [profiles.a]\nprovider = \"paradigm\"\nbase_url = \"http://127.0.0.1:1\"\ntoken = \"k\"\n";

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn all_is_every_profile_once_and_order_is_kept() {
        let config = Config::parse(TWO, "test").unwrap();
        assert_eq!(expand(&config, &names(&["all"])).unwrap(), ["a", "b"]);
        assert_eq!(expand(&config, &[]).unwrap(), ["a", "b"]);
        assert_eq!(
            expand(&config, &names(&["b", "a", "b"])).unwrap(),
            ["b", "a"]
        );
        assert_eq!(expand(&config, &names(&["b", "all"])).unwrap(), ["b", "a"]);
        let e = expand(&config, &names(&["a", "typo"])).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("`typo` not found"), "{e}");
        assert!(wants_many(&names(&["all"])));
        assert!(wants_many(&names(&["a", "b"])));
        assert!(!wants_many(&names(&["a"])));
        assert!(!wants_many(&[]));
    }
}
