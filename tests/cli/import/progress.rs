//! The progress bars a person sees on a terminal (the binary on a pty): a listing phase before
//! the writes, and rates in whole numbers.

use std::time::Duration;

use rexpect::process::WaitStatus;
use roster::sandbox::SandboxOptions;

use super::{hires, pace_every_profile, write};
use crate::common::Env;

#[test]
fn the_bar_shows_the_listing_then_whole_number_rates() {
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(300),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, "50/s");
    let file = write(&env, "bar.csv", &hires(30, 1000));
    let mut cmd = env.std_command();
    cmd.env("TERM", "xterm")
        .args(["-o", "json", "users", "import", &file, "--concurrency", "8"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).expect("spawns on a pty");
    p.exp_string("listing existing users")
        .expect("the listing phase is on the bar");
    let screen = p.exp_eof().expect("the import ends");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, 0)) => {}
        other => panic!("import did not succeed: {other:?}\n{screen}"),
    }
    let rate = regex_lite::Regex::new(r"(\d+)(\.\d+)?/(s|min)").unwrap();
    let rates: Vec<_> = rate.captures_iter(&screen).collect();
    assert!(!rates.is_empty(), "the bar shows a rate: {screen}");
    for c in rates {
        assert!(c.get(2).is_none(), "a rate with decimals: {}", &c[0]);
    }
    assert!(screen.contains("30/30"), "{screen}");
}

#[test]
fn on_ctrl_c_the_bar_says_stopped_instead_of_done() {
    let env = Env::with_options(SandboxOptions {
        latency: Duration::from_millis(300),
        ..SandboxOptions::default()
    });
    pace_every_profile(&env, "5/s");
    let file = write(&env, "stop-bar.csv", &hires(40, 1100));
    let mut cmd = env.std_command();
    cmd.env("TERM", "xterm")
        .args(["-o", "json", "users", "import", &file, "--concurrency", "4"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).expect("spawns on a pty");
    p.exp_regex(r" [1-9]/40 ").expect("the writes started");
    p.send_control('c').expect("sends Ctrl-C");
    let screen = p.exp_eof().expect("the import ends");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, 130)) => {}
        other => panic!("Ctrl-C did not end it with 130: {other:?}\n{screen}"),
    }
    assert!(screen.contains("stopped"), "{screen}");
    assert!(
        !screen.contains("40/40"),
        "the bar jumped to done: {screen}"
    );
}
