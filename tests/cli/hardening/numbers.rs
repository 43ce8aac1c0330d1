//! No panic, ever: extreme values for every numeric config key and flag end in exit 2 or 3.

use std::io::BufRead;

use crate::common::{code, stderr, Env};

/// Values that break naive parsing: zero and negatives, the tiny and the huge, NaN, infinities,
/// integer edges and a huge string.
fn extremes() -> Vec<String> {
    let mut v: Vec<String> = [
        "-1",
        "1e-300",
        "1e300",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "0x10",
        "",
        "  ",
        "1,5",
    ]
    .map(str::to_string)
    .to_vec();
    v.push("9".repeat(100_000));
    v
}

/// Never a panic (101) or a signal; the code the caller expects.
fn assert_clean(out: &std::process::Output, expected: i32, what: &str) -> String {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{what}: {err}");
    let shown: String = err.chars().take(2000).collect();
    assert_eq!(code(out), expected, "{what}: {shown}");
    err
}

#[test]
fn every_numeric_config_key_refuses_extremes_with_exit_3() {
    let env = Env::new();
    let base = env.base_url("paradigm");
    let profile = |extra: &str| {
        format!(
            "[profiles.p]\nprovider = \"paradigm\"\nbase_url = \"{base}\"\ntoken = \"roster-sandbox-paradigm-key\"\n{extra}"
        )
    };
    let mut cases: Vec<String> = Vec::new();
    for v in extremes() {
        // As a rate, as a string that is not a number, and as a TOML number.
        for rate in [
            format!("{v}/s"),
            format!("{v}/min"),
            format!("1/{v}"),
            v.clone(),
        ] {
            cases.push(format!("rate_limit = {}\n", toml_string(&rate)));
        }
        cases.push(format!("timeout_secs = {}\n", toml_string(&v)));
    }
    for rate in ["0/s", "0.0001/h", "10001/s", "1e-300/s", "1e300/s"] {
        cases.push(format!("rate_limit = \"{rate}\"\n"));
    }
    for n in [
        "0",
        "-1",
        "3601",
        "9223372036854775807",
        "-9223372036854775808",
        "1.5",
        "1e300",
        "nan",
        "inf",
        "-inf",
        "true",
    ] {
        cases.push(format!("timeout_secs = {n}\n"));
    }
    // Beyond TOML's integers: the file does not parse, still a clean config error.
    cases.push("timeout_secs = 18446744073709551615\n".into());
    cases.push(format!("timeout_secs = {}\n", "9".repeat(100_000)));
    for extra in &cases {
        env.write_config(&profile(extra));
        let out = env.run(&["users", "list"]);
        let err = assert_clean(&out, 3, extra.get(..60).unwrap_or(extra));
        // Messages quote a huge value cut short.
        assert!(
            err.len() < 4000,
            "{}: {} bytes",
            extra.get(..20).unwrap_or(extra),
            err.len()
        );
    }
    assert_eq!(env.sandbox.stats().requests, 0);
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Run a command that must be refused. A `sandbox serve` that starts instead is stopped (on a
/// free port, so a regression fails here rather than hangs or meets another server).
fn refused(env: &Env, args: &[&str]) -> std::process::Output {
    let mut cmd = env.std_command();
    if args.first() == Some(&"sandbox") {
        cmd.args(["sandbox", "serve"]);
        if !args.contains(&"--listen") {
            cmd.args(["--listen", "127.0.0.1:0"]);
        }
        cmd.args(&args[2..]);
    } else {
        cmd.args(args);
    }
    // stderr to a file: a huge message must not fill a pipe nobody reads yet.
    let err_path = env.home().join("refused.stderr");
    let err_file = std::fs::File::create(&err_path).expect("stderr file");
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(err_file)
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    // A refused command ends with nothing on stdout; a started server prints its banner.
    if let Some(Ok(line)) = std::io::BufReader::new(stdout).lines().next() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("{args:?} was accepted: {line}");
    }
    let status = child.wait().expect("waits");
    std::process::Output {
        status,
        stdout: Vec::new(),
        stderr: std::fs::read(&err_path).expect("stderr"),
    }
}

/// Every integer flag, the command it belongs to, and values just past its bounds (besides
/// the extremes). `--fault-seed` and `--limit` take any u64.
const INTEGER_FLAGS: [(&[&str], &str, &[&str]); 13] = [
    (&["sandbox", "serve"], "--latency", &["60001"]),
    (&["sandbox", "serve"], "--seed-users", &["1000001"]),
    (&["sandbox", "serve"], "--user-quota", &["10000001"]),
    (&["sandbox", "serve"], "--stall-secs", &["3601"]),
    (&["sandbox", "serve"], "--fault-seed", &[]),
    (&["sandbox", "serve"], "--monthly-limit", &["1000000001"]),
    (&["sandbox", "serve"], "--max-connections", &["0", "65537"]),
    (&["sandbox", "serve"], "--read-timeout", &["0", "3601"]),
    // The last of the four vendor ports must stay a port.
    (
        &["sandbox", "serve", "--vendor-ports"],
        "--vendor-base-port",
        &["65536", "65533"],
    ),
    (&["users", "list"], "--limit", &[]),
    (&["people"], "--stale", &["0", "36501"]),
    (
        &["users", "import", "rows.csv"],
        "--concurrency",
        &["0", "257"],
    ),
    // A port is a number too.
    (&["sandbox", "serve"], "--listen", &[]),
];

/// Flags that take a number and are tested in their own loops below.
const SHARE_AND_RATE_FLAGS: [&str; 2] = ["--fault-rate", "--rate-limit"];

#[test]
fn every_numeric_flag_refuses_extremes_with_exit_2() {
    let env = Env::new();
    for (command, flag, too_big) in INTEGER_FLAGS {
        let any_u64 = flag == "--fault-seed" || flag == "--limit";
        let mut values = extremes();
        values.extend(too_big.iter().map(|s| s.to_string()));
        values.push("0.5".into());
        for v in values {
            if any_u64 && v == "18446744073709551615" {
                continue;
            }
            let v = if flag == "--listen" {
                format!("127.0.0.1:{v}")
            } else {
                v
            };
            let mut args: Vec<&str> = command.to_vec();
            args.extend([flag, &v]);
            let out = refused(&env, &args);
            let what = format!("{flag} {}", v.get(..40).unwrap_or(&v));
            let err = assert_clean(&out, 2, &what);
            // clap's message quotes the value; a huge one is cut like roster's own.
            assert!(err.len() < 4000, "{what}: {} bytes", err.len());
        }
    }
    let mut shares = extremes();
    shares.retain(|v| v != "1e-300");
    shares.extend(["1.0000001", "2", "-0.1"].map(str::to_string));
    for v in shares {
        let out = refused(&env, &["sandbox", "serve", "--fault-rate", &v]);
        assert_clean(
            &out,
            2,
            &format!("--fault-rate {}", v.get(..40).unwrap_or(&v)),
        );
    }
    for v in extremes() {
        for rate in [format!("{v}/s"), format!("1/{v}"), v.clone()] {
            let out = refused(&env, &["sandbox", "serve", "--rate-limit", &rate]);
            assert_clean(
                &out,
                2,
                &format!("--rate-limit {}", rate.get(..40).unwrap_or(&rate)),
            );
        }
    }
    for rate in ["0/s", "10001/s", "0.5/h"] {
        assert_clean(
            &refused(&env, &["sandbox", "serve", "--rate-limit", rate]),
            2,
            rate,
        );
    }
}

#[test]
fn the_largest_accepted_values_serve_without_a_panic() {
    let env = Env::new();
    for extremes in [
        &[
            "--latency",
            "60000",
            "--rate-limit",
            "10000/s",
            "--fault-rate",
            "1",
            "--fault-seed",
            "18446744073709551615",
            "--user-quota",
            "10000000",
            "--stall-secs",
            "3600",
        ][..],
        &[
            "--rate-limit",
            "1/h",
            "--fault-rate",
            "1e-300",
            "--seed-users",
            "0",
            "--monthly-limit",
            "1000000000",
            "--max-connections",
            "65536",
            "--read-timeout",
            "3600",
        ][..],
    ] {
        let mut child = env
            .std_command()
            .args(["sandbox", "serve", "--listen", "127.0.0.1:0"])
            .args(extremes)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout");
        let first = std::io::BufReader::new(stdout).lines().next();
        let _ = child.kill();
        let _ = child.wait();
        let first = first.and_then(Result::ok).unwrap_or_default();
        assert!(
            first.starts_with("# roster sandbox listening"),
            "{extremes:?}: {first}"
        );
    }
}

/// The tables above cover every flag that takes a number: a new one fails here until it is
/// bounded and added.
#[test]
fn the_tables_cover_every_numeric_flag() {
    use std::any::TypeId;

    use clap::CommandFactory;

    fn numeric(arg: &clap::Arg) -> bool {
        let id = arg.get_value_parser().type_id();
        let takes_a_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        takes_a_value
            && !matches!(arg.get_action(), clap::ArgAction::Count)
            && [
                TypeId::of::<u8>(),
                TypeId::of::<u16>(),
                TypeId::of::<u32>(),
                TypeId::of::<u64>(),
                TypeId::of::<usize>(),
                TypeId::of::<i64>(),
                TypeId::of::<f64>(),
                TypeId::of::<roster::config::RateLimit>(),
            ]
            .iter()
            .any(|t| id == *t)
    }
    fn walk(cmd: &clap::Command, found: &mut Vec<String>) {
        for arg in cmd.get_arguments().filter(|a| numeric(a)) {
            found.push(format!(
                "--{}",
                arg.get_long().unwrap_or(arg.get_id().as_str())
            ));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, found);
        }
    }
    let mut found = Vec::new();
    let mut cli = roster::cli::Cli::command();
    cli.build();
    walk(&cli, &mut found);
    found.sort();
    found.dedup();
    // `--delimiter` is one character, kept as its byte; the tests of `users import` cover it.
    found.retain(|f| f != "--delimiter");
    let covered: Vec<&str> = INTEGER_FLAGS
        .iter()
        .map(|(_, flag, _)| *flag)
        .chain(SHARE_AND_RATE_FLAGS)
        .collect();
    for flag in &found {
        assert!(
            covered.contains(&flag.as_str()),
            "{flag} is not in the tables"
        );
    }
    assert!(found.len() >= 12, "the walk found the flags: {found:?}");
    for flag in covered.iter().filter(|f| **f != "--listen") {
        assert!(
            found.contains(&flag.to_string()),
            "the walk missed {flag}: {found:?}"
        );
    }
}
