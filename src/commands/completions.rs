//! `roster completions SHELL` (static scripts), and the profile names dynamic completion offers.

use std::ffi::OsString;

use clap_complete::engine::CompletionCandidate;

use crate::config::{config_path, Config};
use crate::error::Result;
use crate::providers::ProviderKind;

/// Print a shell completion script
///
/// The script completes commands and flags. For profile names too (bash, zsh, fish), source
/// what `COMPLETE=bash roster` prints instead; see the README.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  roster completions bash > ~/.local/share/bash-completion/completions/roster
  roster completions zsh > ~/.zfunc/_roster
  roster completions fish > ~/.config/fish/completions/roster.fish")]
pub(crate) struct Args {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub(crate) shell: clap_complete::Shell,
}

/// `tree` is the whole clap tree (`Cli::command()`), handed down by `lib::run` since nothing
/// below `cli` imports it.
pub(crate) fn run(args: Args, mut tree: clap::Command) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut tree, "roster", &mut out);
    crate::output::write_out(&String::from_utf8_lossy(&out))
}

/// What `--profile <Tab>` and `roster profiles show <Tab>` offer, when the shell asks through
/// `COMPLETE=SHELL roster -- WORDS...` (see `main`). Reads the words from the process's own
/// arguments, since clap's engine hands a candidate function none.
pub(crate) fn profile_candidates() -> Vec<CompletionCandidate> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let words = match args.iter().position(|a| a == "--") {
        Some(i) => &args[i + 1..],
        None => &args[..],
    };
    profile_names(words, std::env::var_os("ROSTER_CONFIG"))
        .into_iter()
        .map(|(name, about)| CompletionCandidate::new(name).help(Some(about.into())))
        .collect()
}

/// The profiles of the config the command line would use (its `--config`, else
/// `ROSTER_CONFIG`, else the default file), each with its provider; broken ones too, since
/// `profiles remove` and `logout` take them. After `--sandbox`, its built-in profiles. Only
/// the file is read: no secret is resolved and nothing is sent. A file that cannot be read
/// offers nothing rather than an error in the middle of the person's command line.
pub(crate) fn profile_names(
    words: &[OsString],
    env_config: Option<OsString>,
) -> Vec<(String, String)> {
    let words: Vec<String> = words
        .iter()
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    if words.iter().any(|w| w == "--sandbox") {
        return crate::sandbox::vendor_names()
            .into_iter()
            .filter(|v| ProviderKind::from_name(v).is_some())
            .map(|v| (v.to_string(), format!("{v} (sandbox)")))
            .collect();
    }
    let flag = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.as_str() {
            "--config" => words.get(i + 1).cloned(),
            w => w.strip_prefix("--config=").map(str::to_string),
        });
    let explicit = flag.map(OsString::from).or(env_config);
    let Some(path) = config_path(explicit.as_deref().map(std::path::Path::new)) else {
        return Vec::new();
    };
    let Ok(config) = Config::load(&path) else {
        return Vec::new();
    };
    config
        .names()
        .into_iter()
        .map(|name| {
            let about = match (config.profiles.get(&name), config.broken.get(&name)) {
                (Some(spec), _) => spec.kind.name().to_string(),
                (None, Some(b)) => format!("{} (broken)", b.provider.as_deref().unwrap_or("?")),
                (None, None) => String::new(),
            };
            (name, about)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn names_come_from_the_config_the_line_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "[profiles.acme]\nprovider = \"paradigm\"\ntoken_env = \"T\"\n\
             [profiles.old]\nprovider = \"bleemeo\"\nbase_url = \"http://example.com\"\n",
        )
        .unwrap();
        let shown = path.display().to_string();
        let expected = vec![
            ("acme".to_string(), "paradigm".to_string()),
            ("old".to_string(), "bleemeo (broken)".to_string()),
        ];
        let line = words(&format!("roster --config {shown} --profile "));
        assert_eq!(profile_names(&line, None), expected);
        let line = words(&format!("roster --config={shown} profiles show "));
        assert_eq!(profile_names(&line, None), expected);
        let line = words("roster profiles show ");
        assert_eq!(profile_names(&line, Some(path.into())), expected);
        let missing = dir.path().join("none.toml");
        assert!(profile_names(&line, Some(missing.into())).is_empty());
    }

    #[test]
    fn the_sandbox_offers_its_built_in_profiles() {
        let names: Vec<String> = profile_names(&words("roster --sandbox --profile "), None)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["paradigm", "bleemeo", "amani", "cradl", "scim"]);
    }
}
