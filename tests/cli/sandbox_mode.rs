//! `--sandbox`: zero-setup runs whose state persists between commands; `sandbox reset`.

use crate::common::{assert_success, code, Env};

#[test]
fn sandbox_commands_see_each_others_changes_and_reset_restores_the_seed() {
    let env = Env::new();
    // No config file at all: --sandbox needs none.
    std::fs::remove_file(&env.config).unwrap();
    let seed = env
        .json(&["--sandbox", "users", "list"])
        .as_array()
        .unwrap()
        .len();
    assert!(seed >= 3, "seeded with demo users");
    let created = env.json(&[
        "--sandbox",
        "users",
        "create",
        "--email",
        "zero@example.com",
        "--username",
        "zero",
    ]);
    assert_eq!(created["profile"], "paradigm");
    let after = env.json(&["--sandbox", "users", "list"]);
    assert_eq!(after.as_array().unwrap().len(), seed + 1);
    assert!(after.to_string().contains("zero@example.com"));

    let out = env.run(&["sandbox", "reset"]);
    assert_success(&out, &["sandbox reset"]);
    let reset = env.json(&["--sandbox", "users", "list"]);
    assert_eq!(reset.as_array().unwrap().len(), seed);

    // A damaged state file is reported with the way out, and reset repairs it.
    std::fs::write(env.home().join("sandbox-state.json"), "{not json").unwrap();
    let out = env.run(&["--sandbox", "users", "list"]);
    assert_eq!(code(&out), 1);
    assert!(crate::common::stderr(&out).contains("roster sandbox reset"));
    assert_success(&env.run(&["sandbox", "reset"]), &["reset a corrupt file"]);
    assert_eq!(
        env.json(&["--sandbox", "users", "list"])
            .as_array()
            .unwrap()
            .len(),
        seed
    );
}

#[test]
fn concurrent_sandbox_commands_lose_no_write() {
    let env = Env::new();
    let children: Vec<_> = (0..4)
        .map(|i| {
            env.std_command()
                .args([
                    "--sandbox",
                    "users",
                    "create",
                    "--email",
                    &format!("c{i}@example.com"),
                    "--username",
                    &format!("c{i}"),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut c in children {
        let status = c.wait().expect("waits");
        assert_eq!(status.code(), Some(0));
    }
    let list = env.json(&["--sandbox", "users", "list"]).to_string();
    for i in 0..4 {
        assert!(
            list.contains(&format!("c{i}@example.com")),
            "write {i} kept"
        );
    }
}

/// `roster sandbox serve ARGS` on a free port, and the config it printed (every vendor's block).
fn serve(env: &Env, args: &[&str]) -> (std::process::Child, String) {
    let mut child = env
        .std_command()
        .args(["sandbox", "serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut text = String::new();
    for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
        let line = line.expect("line");
        // Cradl's block is printed last and ends with its secret.
        let done = line.starts_with("client_secret");
        text.push_str(&line);
        text.push('\n');
        if done {
            break;
        }
    }
    (child, text)
}

#[test]
fn sandbox_serve_prints_ready_profiles() {
    let env = Env::new();
    let (mut child, text) = serve(&env, &[]);
    // The printed blocks are a working config, for every vendor.
    env.write_config(&text);
    for profile in ["paradigm", "bleemeo", "amani", "cradl"] {
        let users = env.json(&["--profile", profile, "users", "list"]);
        assert!(!users.as_array().unwrap().is_empty(), "{profile}");
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn sandbox_serve_can_seed_big_tenants_and_set_a_quota() {
    let env = Env::new();
    let (mut child, text) = serve(&env, &["--seed-users", "150", "--user-quota", "2"]);
    env.write_config(&text);
    let paradigm = env.json(&["--profile", "paradigm", "users", "list"]);
    assert_eq!(paradigm.as_array().unwrap().len(), 5 + 150);
    let over = env.run(&[
        "--profile",
        "cradl",
        "users",
        "create",
        "--email",
        "over@example.com",
    ]);
    assert_eq!(
        code(&over),
        1,
        "over the quota: {}",
        crate::common::stderr(&over)
    );
    let _ = child.kill();
    let _ = child.wait();
}
