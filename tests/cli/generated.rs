//! completions/ and doc/roster.1 are generated from the clap tree; this keeps them in step.
//! `UPDATE_GENERATED=1 cargo test` rewrites them.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;
use roster::cli::Cli;

fn check(path: &str, fresh: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
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

#[test]
fn man_page_is_current() {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .expect("renders");
    check("doc/roster.1", &out);
}
