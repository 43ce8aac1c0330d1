//! Every verb's `--help` ends with examples that work as written: each parses as that verb,
//! and those for `--sandbox` run against it; `-h` stays short.

use clap::CommandFactory;
use roster::cli::man::example_lines;
use roster::cli::Cli;

use crate::common::Env;

/// Every verb (a command without subcommands) with the words that reach it.
fn verbs() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: &[String], out: &mut Vec<(Vec<String>, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut words = path.to_vec();
            words.push(sub.get_name().to_string());
            if sub.has_subcommands() {
                walk(sub, &words, out);
            } else {
                out.push((words, sub.clone()));
            }
        }
    }
    let mut root = Cli::command();
    root.build();
    let mut out = Vec::new();
    walk(&root, &[], &mut out);
    out
}

/// An example line split as a shell would (quotes), without `VAR=value` prefixes and without
/// a redirection and what follows it.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    let start = words.iter().position(|w| !w.contains('=')).unwrap_or(0);
    let end = words
        .iter()
        .position(|w| [">", ">>", "|", "&&", "#"].contains(&w.as_str()))
        .unwrap_or(words.len());
    words[start..end].to_vec()
}

/// The verb a command line reaches, by its canonical names.
fn reached(words: &[String]) -> Vec<String> {
    let matches = Cli::command()
        .try_get_matches_from(words)
        .unwrap_or_else(|e| panic!("{words:?} does not parse: {e}"));
    let mut path = Vec::new();
    let mut m = &matches;
    while let Some((name, sub)) = m.subcommand() {
        path.push(name.to_string());
        m = sub;
    }
    path
}

#[test]
fn every_verb_ends_its_long_help_with_examples_that_parse_as_that_verb() {
    let verbs = verbs();
    assert!(verbs.len() >= 19, "{}", verbs.len());
    for (path, mut cmd) in verbs {
        let long = cmd.render_long_help().to_string();
        let lines = example_lines(&cmd);
        assert!(
            (2..=4).contains(&lines.len()),
            "{path:?}: {} examples\n{long}",
            lines.len()
        );
        // The help ends with the block as written: a heading, then one command a line (a line
        // wrapped by clap would not run as written).
        let mut tail: Vec<&str> = long
            .trim_end()
            .lines()
            .rev()
            .take(lines.len() + 1)
            .collect();
        tail.reverse();
        let mut expected = vec!["Examples:".to_string()];
        expected.extend(lines.iter().map(|l| format!("  {l}")));
        assert_eq!(tail, expected, "{path:?} ends with them:\n{long}");
        let short = cmd.render_help().to_string();
        assert!(!short.contains("Examples:"), "{path:?}: -h stays short");
        for line in &lines {
            let w = words(line);
            assert_eq!(w.first().map(String::as_str), Some("roster"), "{line}");
            assert_eq!(reached(&w), path, "{line}");
        }
    }
}

#[test]
fn the_sandbox_examples_run_as_written() {
    let env = Env::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut ran = 0;
    for (path, cmd) in verbs() {
        let lines: Vec<String> = example_lines(&cmd)
            .into_iter()
            .filter(|l| l.starts_with("roster --sandbox "))
            .collect();
        if lines.is_empty() {
            continue;
        }
        // Each verb's examples start from the seed, and run in their order.
        let reset = env.run(&["sandbox", "reset"]);
        assert!(reset.status.success(), "{path:?}: reset");
        for line in lines {
            let args = words(&line);
            let out = env
                .roster()
                .current_dir(root)
                .args(&args[1..])
                .output()
                .expect("runs");
            assert!(
                out.status.success(),
                "`{line}` exited {:?}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 25, "{ran} examples ran");
}

#[test]
fn the_example_splitter_reads_quotes_and_stops_at_redirections() {
    assert_eq!(
        words("roster users create --name \"Docs Reviewer\" --role x"),
        [
            "roster",
            "users",
            "create",
            "--name",
            "Docs Reviewer",
            "--role",
            "x"
        ]
    );
    assert_eq!(
        words("ROSTER_SANDBOX_STATE=demo.json roster sandbox reset"),
        ["roster", "sandbox", "reset"]
    );
    assert_eq!(
        words("roster completions bash > ~/x"),
        ["roster", "completions", "bash"]
    );
}
