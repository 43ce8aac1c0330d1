//! A person at a terminal (the binary on a pty, against the sandbox), and scripts never asked.

use std::process::Stdio;
use std::time::Duration;

use rexpect::process::WaitStatus;
use rexpect::session::PtySession;
use roster::sandbox::PARADIGM_TEST_KEY;

use crate::common::{code, stderr, Env};

mod apply;
mod colour;
mod verbs;

/// Every expected prompt gets this long: generous, as the machine may be busy.
const PROMPT_TIMEOUT_MS: u64 = 60_000;

const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

/// `roster ARGS` on a fresh pseudo-terminal (stdin, stdout and stderr), with the harness's
/// environment plus `vars`.
fn spawn(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> PtySession {
    let mut cmd = env.std_command();
    cmd.env("TERM", "xterm").args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    rexpect::session::spawn_command(cmd, Some(PROMPT_TIMEOUT_MS)).expect("spawns on a pty")
}

/// Wait for `prompt` on the screen, then type `keys`.
fn answer(p: &mut PtySession, prompt: &str, keys: &str) {
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("no prompt `{prompt}`: {e}"));
    p.send(keys).expect("types");
    p.flush().expect("flushes");
}

/// Read to the end and return the exit code and everything the screen showed.
fn finish(mut p: PtySession) -> (i32, String) {
    let screen = p.exp_eof().expect("the command ends");
    match p.process().wait() {
        Ok(WaitStatus::Exited(_, code)) => (code, screen),
        other => panic!("did not exit normally: {other:?}\n{screen}"),
    }
}

/// Ctrl-C reaches a prompt as a key only while it reads one; a Ctrl-C typed just before that
/// is a signal the runtime swallows, so it is sent again until the process ends. The assertion
/// is on how it ended, never on how long it took.
fn interrupt(mut p: PtySession) -> (i32, String) {
    for _ in 0..120 {
        p.send_control('c').expect("sends Ctrl-C");
        std::thread::sleep(Duration::from_millis(500));
        match p.process().status() {
            Some(WaitStatus::StillAlive) => continue,
            Some(WaitStatus::Exited(_, code)) => {
                let screen = p.exp_eof().unwrap_or_default();
                return (code, screen);
            }
            other => panic!("Ctrl-C ended the command abnormally: {other:?}"),
        }
    }
    panic!("Ctrl-C never ended the command");
}

/// Run with stdin open and empty (a pipe nobody writes to): a prompt would wait forever, so the
/// test gives up (and fails) after a long while instead of hanging.
fn run_with_open_stdin(mut cmd: std::process::Command) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let stdin = child.stdin.take();
    for _ in 0..600 {
        if child.try_wait().expect("waits").is_some() {
            drop(stdin);
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("the command waited for input that never came");
}

#[test]
fn from_no_config_to_an_invited_user_with_prompts_only() {
    let env = Env::new();
    std::fs::remove_file(&env.config).unwrap();
    let token = [("ACME_TOKEN", PARADIGM_TEST_KEY)];
    let base_url = env.base_url("paradigm");

    let mut p = spawn(&env, &["profiles", "add"], &token);
    answer(&mut p, "cradl", ENTER);
    answer(&mut p, "Profile name [paradigm]", "acme\r");
    answer(
        &mut p,
        "Base URL [https://paradigm.lighton.ai]",
        &format!("{base_url}\r"),
    );
    answer(&mut p, "stored in the config file", ENTER);
    answer(&mut p, "Environment variable [ACME_TOKEN]", ENTER);
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");
    assert!(screen.contains("credentials accepted"), "{screen}");
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(text.contains("[profiles.acme]") && text.contains("token_env = \"ACME_TOKEN\""));
    assert!(
        !text.contains(PARADIGM_TEST_KEY),
        "the key stays in the environment"
    );

    let mut p = spawn(&env, &["users", "invite"], &token);
    answer(&mut p, "Email", "bad-address\r");
    answer(&mut p, "not an email address", "pty.user@example.com\r");
    answer(&mut p, "Username [pty.user]", ENTER);
    answer(&mut p, "First name", "Pty\r");
    answer(&mut p, "Last name", ENTER);
    answer(&mut p, "de (German)", &format!("{DOWN}{DOWN}{DOWN}{ENTER}"));
    answer(&mut p, "Support (id 3)", &format!("{DOWN} {ENTER}"));
    let summary = p
        .exp_string("Create this user in acme?")
        .expect("the summary");
    assert!(summary.contains("groups       Sales (id 2)"), "{summary}");
    assert!(summary.contains("language     fr"), "{summary}");
    p.send("y").expect("types");
    p.flush().expect("flushes");
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");

    env.sandbox.with_state(|s| {
        let user = s
            .paradigm
            .users
            .iter()
            .find(|u| u.email == "pty.user@example.com")
            .expect("the invited user exists");
        assert_eq!(user.username, "pty.user");
        assert_eq!(user.first_name, "Pty");
        assert_eq!(user.language, "fr");
        let sales = s
            .paradigm
            .groups
            .iter()
            .find(|g| g.name == "Sales")
            .unwrap();
        assert!(sales.user_ids.contains(&user.id), "put in Sales");
    });
}

#[test]
fn ctrl_c_at_the_groups_list_sends_nothing_and_exits_130() {
    let env = Env::new();
    let mut p = spawn(&env, &["users", "create"], &[]);
    answer(&mut p, "Email", "c@example.com\r");
    answer(&mut p, "Username", ENTER);
    answer(&mut p, "First name", ENTER);
    answer(&mut p, "Last name", ENTER);
    answer(&mut p, "de (German)", ENTER);
    p.exp_string("Support (id 3)").expect("the groups list");
    let (status, screen) = interrupt(p);
    assert_eq!(status, 130, "{screen}");
    assert!(screen.contains("cancelled; nothing was sent"), "{screen}");
    assert_eq!(env.sandbox.stats().writes, 0, "nothing was sent");
    assert!(env
        .sandbox
        .snapshot()
        .paradigm
        .users
        .iter()
        .all(|u| u.email != "c@example.com"));
}

#[test]
fn ctrl_c_at_the_first_question_of_profiles_add_writes_nothing() {
    // No request comes before this prompt: it is read before the command first waits on
    // anything, which is where an uncaught SIGINT would kill the process instead.
    let env = Env::new();
    let before = std::fs::read_to_string(&env.config).unwrap();
    let mut p = spawn(&env, &["profiles", "add"], &[]);
    p.exp_string("cradl").expect("the provider list");
    let (status, screen) = interrupt(p);
    assert_eq!(status, 130, "{screen}");
    assert_eq!(std::fs::read_to_string(&env.config).unwrap(), before);
}

#[test]
fn esc_at_the_first_question_sends_nothing_and_exits_130() {
    let env = Env::new();
    let mut p = spawn(&env, &["--profile", "cradl", "users", "create"], &[]);
    answer(&mut p, "Email", ESC);
    let (status, screen) = finish(p);
    assert_eq!(status, 130, "{screen}");
    // Listing the roles to offer took a token (a POST), but no user was sent.
    let stats = env.sandbox.stats();
    assert!(
        !stats
            .by_route
            .keys()
            .any(|r| r.starts_with("POST /cradl/users")),
        "{stats:?}"
    );
    assert_eq!(
        env.sandbox.snapshot().cradl.users.len(),
        roster::sandbox::SandboxState::seed().cradl.users.len()
    );
}

#[test]
fn delete_on_a_terminal_needs_the_user_typed() {
    let env = Env::new();
    let before = env.sandbox.snapshot().paradigm.users.len();
    let mut p = spawn(&env, &["users", "delete", "grace@sandbox.example"], &[]);
    answer(&mut p, "to confirm", "grace\r");
    let (status, screen) = finish(p);
    assert_eq!(status, 130, "{screen}");
    assert!(
        screen.contains("does not match; nothing was sent"),
        "{screen}"
    );
    assert_eq!(env.sandbox.stats().writes, 0);

    let mut p = spawn(&env, &["users", "delete", "grace@sandbox.example"], &[]);
    answer(
        &mut p,
        "Type `grace@sandbox.example` or `",
        "Grace@Sandbox.example\r",
    );
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");
    assert_eq!(env.sandbox.snapshot().paradigm.users.len(), before - 1);
}

#[test]
fn no_input_settings_never_prompt_even_on_a_terminal() {
    let env = Env::new();
    for (args, vars, why) in [
        (
            &["--no-input", "users", "create"][..],
            &[][..],
            "--no-input is set",
        ),
        (
            &["users", "create"][..],
            &[("ROSTER_NO_INPUT", "1")][..],
            "ROSTER_NO_INPUT is set",
        ),
    ] {
        let p = spawn(&env, args, vars);
        let (status, screen) = finish(p);
        assert_eq!(status, 2, "{screen}");
        // Says why nobody was asked, and never names --username: a blank one is made from the
        // email.
        let expected = format!("missing --email for paradigm; pass it ({why})");
        assert!(screen.contains(&expected), "{screen}");
        assert!(!screen.contains("--username"), "{screen}");
    }
}

#[test]
fn scripts_are_never_asked_anything() {
    let env = Env::new();
    let cases: [(&[&str], &str); 5] = [
        (
            &["users", "create"],
            "missing --email for paradigm; pass it or run on a terminal (stdin is not a terminal)",
        ),
        (
            &[
                "--profile",
                "amani",
                "users",
                "create",
                "--email",
                "a@example.com",
            ],
            "missing a password (--password-stdin or --generate-password) for amani",
        ),
        (
            &["--profile", "cradl", "users", "invite"],
            "missing --email for cradl",
        ),
        (
            &["users", "delete", "grace@sandbox.example"],
            "pass --yes to confirm in scripts",
        ),
        (
            &["profiles", "add"],
            "missing NAME and --provider; pass them or run on a terminal",
        ),
    ];
    for (args, message) in cases {
        // stdin closed, and stdin open but silent: neither may be waited on.
        let mut closed = env.std_command();
        closed.args(args).stdin(Stdio::null());
        let mut open = env.std_command();
        open.args(args);
        for out in [closed.output().expect("runs"), run_with_open_stdin(open)] {
            assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        }
    }
    assert_eq!(env.sandbox.stats().writes, 0);
}

#[test]
fn several_profiles_and_no_default_pick_one_on_a_terminal_only() {
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&text.replace("default_profile = \"paradigm\"\n", ""));
    let out = env.run(&["groups", "list"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("several profiles and no default_profile"));

    let mut p = spawn(&env, &["-o", "json", "groups", "list"], &[]);
    answer(&mut p, "Profile", "");
    p.exp_string("bleemeo").expect("lists provider");
    answer(&mut p, &env.base_url("paradigm"), &format!("{DOWN}{ENTER}"));
    let (status, screen) = finish(p);
    assert_eq!(status, 0, "{screen}");
    assert!(screen.contains("\"profile\": \"bleemeo\""), "{screen}");
}
