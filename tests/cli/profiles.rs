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
