//! completions/ and doc/*.1 are generated from the clap tree; this keeps them in step.
//! `UPDATE_GENERATED=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use roster::cli::Cli;

fn updating() -> bool {
    std::env::var_os("UPDATE_GENERATED").is_some()
}

fn check(path: &str, fresh: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date; run `UPDATE_GENERATED=1 cargo test --test cli generated`",
        path.display()
    );
}

#[test]
fn completions_are_current() {
    for (shell, file) in [
        (Shell::Bash, "completions/roster.bash"),
        (Shell::Zsh, "completions/_roster"),
        (Shell::Fish, "completions/roster.fish"),
        (Shell::PowerShell, "completions/_roster.ps1"),
        (Shell::Elvish, "completions/roster.elv"),
    ] {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "roster", &mut out);
        check(file, &out);
    }
}

fn doc_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("doc")
}

/// The pages in doc/ now.
fn shipped() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(doc_dir())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".1"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn man_pages_are_current() {
    let pages = roster::cli::man::pages().expect("renders");
    for (file, text) in &pages {
        check(&format!("doc/{file}"), text);
    }
    let mut expected: Vec<String> = pages.iter().map(|(f, _)| f.clone()).collect();
    expected.sort();
    if updating() {
        for stale in shipped().iter().filter(|f| !expected.contains(f)) {
            std::fs::remove_file(doc_dir().join(stale)).unwrap();
        }
    }
    assert_eq!(
        shipped(),
        expected,
        "doc/ holds exactly the generated pages"
    );
}

/// `roster\-users(1)` in roff -> `roster-users.1`.
fn named_pages(roff: &str) -> Vec<String> {
    let text = roff.replace("\\-", "-");
    let mut names = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("(1)") {
        let before = &rest[..at];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        let name = &before[start..];
        if name.starts_with("roster") {
            names.push(format!("{name}.1"));
        }
        rest = &rest[at + 3..];
    }
    names
}

#[test]
fn the_man_pages_stand_alone() {
    let pages = roster::cli::man::pages().expect("renders");
    let files: Vec<&str> = pages.iter().map(|(f, _)| f.as_str()).collect();
    for (file, text) in &pages {
        let text = String::from_utf8_lossy(text);
        for named in named_pages(&text) {
            assert!(
                files.contains(&named.as_str()),
                "{file} names {named}, which does not ship"
            );
        }
    }
    let (_, main) = &pages[0];
    let main = String::from_utf8_lossy(main);
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "FILES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
        "EXAMPLES",
    ] {
        assert!(
            main.contains(&format!("\n.SH {section}\n")),
            "roster.1 lacks {section}"
        );
    }
    for var in [
        "ROSTER_CONFIG",
        "ROSTER_PROFILE",
        "ROSTER_NO_INPUT",
        "ROSTER_SANDBOX_STATE",
        "NO_COLOR",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
    ] {
        assert!(
            main.contains(&format!(".B {var}\n")) || main.contains(&format!("\\fB{var}\\fR")),
            "ENVIRONMENT lacks {var}"
        );
    }
    // EXIT STATUS is the one table of src/error.rs, in order.
    let status = main
        .split("\n.SH \"EXIT STATUS\"\n")
        .nth(1)
        .and_then(|s| s.split("\n.SH ").next())
        .unwrap_or_default();
    let mut last = 0;
    for (code, _) in roster::error::exit_statuses() {
        let at = status
            .find(&format!("\\fB{code}\\fR"))
            .unwrap_or_else(|| panic!("EXIT STATUS lacks {code}:\n{status}"));
        assert!(at >= last, "{code} out of order");
        last = at;
    }
    // Each verb's page has its examples.
    let create = pages
        .iter()
        .find(|(f, _)| f == "roster-users-create.1")
        .map(|(_, t)| String::from_utf8_lossy(t).into_owned())
        .expect("roster-users-create.1");
    assert!(create.contains("\n.SH EXAMPLES\n"), "{create}");
}

#[test]
fn the_readme_exit_code_table_is_the_one_in_src_error() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (code, meaning) in roster::error::exit_statuses() {
        let row = format!("| {code} | {meaning} |");
        assert!(readme.contains(&row), "README lacks `{row}`");
    }
}
