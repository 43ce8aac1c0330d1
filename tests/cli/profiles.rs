//! `roster profiles ...`: listing, showing and checking profiles.

use crate::common::{assert_success, code, stderr, stdout, Env};

#[test]
fn list_show_and_check() {
    let env = Env::new();
    let list = env.json(&["profiles", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"paradigm"));
    let shown = env.json(&["profiles", "show", "paradigm"]);
    assert_eq!(shown["provider"], "paradigm");
    assert_eq!(shown["secrets"]["token"], "literal (in the file)");
    assert!(
        !shown.to_string().contains("roster-sandbox-paradigm-key"),
        "no secret value"
    );

    let checked = env.json(&["profiles", "check", "paradigm"]);
    assert_eq!(checked["profile"], "paradigm");
    assert!(checked["detail"].as_str().unwrap().contains("accepted"));
}

#[test]
fn check_with_a_bad_key_is_exit_4_naming_the_profile() {
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.acme]\nprovider = \"paradigm\"\nbase_url = \"{}\"\ntoken_env = \"ACME_KEY\"\n",
        env.base_url("paradigm")
    ));
    let out = env
        .roster()
        .env("ACME_KEY", "wrong")
        .args(["profiles", "check"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("profile `acme`"), "{}", stderr(&out));
    let out = env
        .roster()
        .env("ACME_KEY", "wrong")
        .args(["users", "list"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4);
    assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
}

#[test]
fn completions_need_no_config() {
    let env = Env::new();
    std::fs::remove_file(&env.config).unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.run(&["completions", shell]);
        assert_success(&out, &["completions", shell]);
        assert!(stdout(&out).contains("roster"));
    }
}

#[test]
fn list_shows_a_broken_profile_with_its_problem_and_remove_takes_it_out() {
    let env = Env::new();
    crate::config::half_broken(&env);
    let out = env.run(&["profiles", "list", "-o", "json"]);
    assert_success(&out, &["profiles", "list"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_name = |n: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == n)
            .cloned()
            .unwrap_or_else(|| panic!("{n} listed: {list}"))
    };
    assert!(by_name("good")["problem"].is_null());
    let insecure = by_name("insecure");
    assert_eq!(insecure["provider"], "paradigm");
    assert_eq!(insecure["default"], true);
    assert!(
        insecure["problem"].as_str().unwrap().contains("base_url"),
        "{insecure}"
    );
    assert!(by_name("typo")["problem"]
        .as_str()
        .unwrap()
        .contains("tokn"));
    assert!(
        stderr(&out).contains("cannot be used until fixed"),
        "{}",
        stderr(&out)
    );

    // The broken default can be removed, which is often the fix.
    let out = env.run(&["profiles", "remove", "insecure", "--yes"]);
    assert_success(&out, &["profiles", "remove", "insecure"]);
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(
        !text.contains("insecure") && text.contains("[profiles.typo]"),
        "{text}"
    );
}

/// `profiles check` of every profile: one row each, parsed back from JSON.
fn check_all(env: &Env, extra: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let out = env
        .roster()
        .args(["-o", "json", "profiles", "check"])
        .args(extra)
        .output()
        .unwrap();
    let rows: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    (code(&out), rows.as_array().unwrap().clone(), stderr(&out))
}

#[test]
fn check_without_a_name_checks_every_profile() {
    let env = Env::new();
    let (status, rows, err) = check_all(&env, &[]);
    assert_eq!(status, 0, "{err}");
    let names: Vec<&str> = rows.iter().filter_map(|r| r["profile"].as_str()).collect();
    assert_eq!(names, ["amani", "bleemeo", "cradl", "paradigm", "scim"]);
    for r in &rows {
        assert_eq!(r["ok"], true, "{r}");
        assert!(r["who"].is_string() || r["detail"].is_string(), "{r}");
        assert_eq!(r["exit_code"], 0);
    }
    // The table says the same for people.
    let out = env.run(&["profiles", "check"]);
    assert_success(&out, &["profiles", "check"]);
    for header in ["PROFILE", "PROVIDER", "RESULT", "WHO"] {
        assert!(stdout(&out).contains(header), "{}", stdout(&out));
    }
}

#[test]
fn check_of_every_profile_is_exit_0_only_when_all_pass() {
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config).unwrap();
    let paradigm = env.base_url("paradigm");
    // One refused key: its own exit code, 4.
    env.write_config(&format!(
        "{text}\n[profiles.wrong]\nprovider = \"paradigm\"\nbase_url = \"{paradigm}\"\ntoken = \"wrong-key\"\n"
    ));
    let (status, rows, err) = check_all(&env, &[]);
    assert_eq!(status, 4, "{err}");
    assert!(err.contains("profile `wrong`"), "{err}");
    let wrong = rows.iter().find(|r| r["profile"] == "wrong").unwrap();
    assert_eq!(
        (wrong["ok"].clone(), wrong["exit_code"].clone()),
        (false.into(), 4.into())
    );
    assert_eq!(rows.iter().filter(|r| r["ok"] == true).count(), 5);

    // Failures of different kinds (a refused key, a broken profile): 7.
    env.write_config(&format!(
        "{text}\n[profiles.wrong]\nprovider = \"paradigm\"\nbase_url = \"{paradigm}\"\ntoken = \"wrong-key\"\n\
         [profiles.typo]\nprovider = \"paradigm\"\ntokn = \"x\"\n"
    ));
    let (status, rows, err) = check_all(&env, &[]);
    assert_eq!(status, 7, "{err}");
    assert!(err.contains("2 of 7 profiles failed"), "{err}");
    let typo = rows.iter().find(|r| r["profile"] == "typo").unwrap();
    assert_eq!(typo["exit_code"], 3);
    assert!(typo["error"].as_str().unwrap().contains("tokn"), "{typo}");

    // --profile narrows it, and says so.
    let (status, rows, err) = check_all(&env, &["--profile", "paradigm,bleemeo"]);
    assert_eq!(status, 0, "{err}");
    assert_eq!(rows.len(), 2);
    assert!(err.contains("checking only"), "{err}");
}
