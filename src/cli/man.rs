//! The man pages, one per command: clap_mangen's sections, and the ones clap does not know.

use std::io;

use clap::{Command, CommandFactory};
use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use super::Cli;

/// Where roster keeps things on Linux (the platform's own directories elsewhere), and what.
const FILES: [(&str, &str); 4] = [
    (
        "$XDG_CONFIG_HOME/roster/config.toml (~/.config/roster/config.toml)",
        "The profiles: one [profiles.NAME] table per vendor tenant, and where each secret comes \
         from. --config or ROSTER_CONFIG name another file. roster writes it only for `profiles \
         add` and `profiles remove`, under a lock (config.toml.lock beside it).",
    ),
    (
        "$XDG_CACHE_HOME/roster/tokens/ (~/.cache/roster/tokens/)",
        "Login tokens, one file per profile (mode 0600, in a 0700 directory), never a password \
         or client secret. `roster profiles logout` removes them.",
    ),
    (
        "$XDG_DATA_HOME/roster/imports/ (~/.local/share/roster/imports/)",
        "Import journals, one per input and set of profiles, so that an interrupted `users \
         import` resumes; --journal names another file. Each is locked by one import at a time \
         (JOURNAL.lock).",
    ),
    (
        "$XDG_DATA_HOME/roster/sandbox-state.json (~/.local/share/roster/sandbox-state.json)",
        "The state of --sandbox (its users and groups), locked while a command uses it; \
         ROSTER_SANDBOX_STATE names another file, and `roster sandbox reset` restores the seed.",
    ),
];

/// Variables roster reads besides the ones clap documents with their flags.
const MORE_ENVIRONMENT: [(&str, &str); 6] = [
    (
        "ROSTER_SANDBOX_STATE",
        "The file --sandbox keeps its state in (see FILES).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour, as with --color never.",
    ),
    ("XDG_CONFIG_HOME", "Where the config file is looked for."),
    ("XDG_CACHE_HOME", "Where login tokens are cached."),
    (
        "XDG_DATA_HOME",
        "Where import journals and the sandbox state are kept.",
    ),
    (
        "COMPLETE",
        "Set by the completion scripts `COMPLETE=bash roster` prints (also zsh and fish): roster \
         then prints completion candidates, profile names included, and exits.",
    ),
];

/// More first steps for roster(1), after the sandbox ones `--help` shows.
const MORE_EXAMPLES: [&str; 3] = [
    "roster --sandbox users import examples/import/every-vendor.csv --generate-password",
    "roster profiles add acme --provider paradigm --token-env PARADIGM_API_KEY",
    "roster users offboard leaver@example.com --yes",
];

/// Every page: (file name, roff text), roster.1 first, then each command's, depth first.
pub fn pages() -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = Vec::new();
    collect(&root, None, &mut pages)?;
    Ok(pages)
}

fn collect(
    cmd: &Command,
    parent: Option<&str>,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> io::Result<()> {
    let name = page_name(cmd);
    pages.push((format!("{name}.1"), render(cmd, parent)?));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, Some(&name), pages)?;
    }
    Ok(())
}

/// `roster`, `roster-users`, `roster-users-create`: what clap names a built subcommand.
fn page_name(cmd: &Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

fn render(cmd: &Command, parent: Option<&str>) -> io::Result<Vec<u8>> {
    let man = Man::new(cmd.clone()).source(format!("roster {}", env!("CARGO_PKG_VERSION")));
    // Each of clap_mangen's section writers starts with the same preamble; keep the first only.
    let preamble = Roff::new().render();
    let mut text = preamble.clone();
    let mut add = |write: &dyn Fn(&mut Vec<u8>) -> io::Result<()>| -> io::Result<()> {
        let mut buf = Vec::new();
        write(&mut buf)?;
        let section = String::from_utf8_lossy(&buf);
        text.push_str(section.strip_prefix(&preamble).unwrap_or(&section));
        Ok(())
    };
    add(&|w| man.render_title(w))?;
    add(&|w| man.render_name_section(w))?;
    add(&|w| man.render_synopsis_section(w))?;
    add(&|w| man.render_description_section(w))?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        add(&|w| man.render_options_section(w))?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        add(&|w| man.render_subcommands_section(w))?;
    }
    let mut own = Roff::new();
    match parent {
        None => {
            environment(&mut own, cmd);
            files(&mut own);
            exit_status(&mut own);
            let mut lines: Vec<String> = super::FIRST_TRY.iter().map(|l| l.trim().into()).collect();
            lines.extend(MORE_EXAMPLES.iter().map(|l| l.to_string()));
            examples(&mut own, &lines);
        }
        Some(parent) => {
            let lines = example_lines(cmd);
            if !lines.is_empty() {
                examples(&mut own, &lines);
            }
            own.control("SH", ["SEE ALSO"]);
            own.text([roman(format!("{parent}(1)"))]);
        }
    }
    add(&|w| own.to_writer(w))?;
    add(&|w| man.render_version_section(w))?;
    Ok(text.into_bytes())
}

/// The lines of a command's `Examples:` block (its `after_long_help`), each one command.
pub fn example_lines(cmd: &Command) -> Vec<String> {
    let Some(help) = cmd.get_after_long_help() else {
        return Vec::new();
    };
    let help = help.to_string();
    let Some((_, block)) = help.split_once("Examples:\n") else {
        return Vec::new();
    };
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn examples(roff: &mut Roff, lines: &[String]) {
    roff.control("SH", ["EXAMPLES"]);
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(line.as_str())]);
    }
    roff.control("fi", []);
}

/// The variables behind flags (from the clap tree, with the flag's help), then the others.
fn environment(roff: &mut Roff, cmd: &Command) {
    roff.control("SH", ["ENVIRONMENT"]);
    for arg in cmd.get_arguments() {
        let Some(var) = arg.get_env() else { continue };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let flag = arg.get_long().unwrap_or_default();
        roff.control("TP", []);
        roff.text([bold(var.to_string_lossy().into_owned())]);
        roff.text([roman(format!("{help} (as --{flag})."))]);
    }
    for (var, about) in MORE_ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(var)]);
        roff.text([roman(about)]);
    }
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    for (path, about) in FILES {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(about)]);
    }
}

/// The one exit-code table of `crate::error`.
fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in crate::error::exit_statuses() {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(meaning)]);
    }
}
