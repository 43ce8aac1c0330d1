//! Dynamic completion: `--profile <Tab>` and `profiles show <Tab>` offer the config's profile
//! names in bash (run for real), zsh and fish (their protocol called as their scripts call it).

use std::process::Output;

use crate::common::{assert_success, stdout, Env};

/// The config's profiles, as the harness writes them.
const PROFILES: [&str; 5] = ["amani", "bleemeo", "cradl", "paradigm", "scim"];

/// `COMPLETE=SHELL roster -- WORDS...` with the extra variables its script sets.
fn complete(env: &Env, shell: &str, words: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut cmd = env.std_command();
    cmd.env("COMPLETE", shell).arg("--").args(words);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

/// The values offered, one a line (a fish line also has a tab and a description), without the
/// flags clap's engine offers beside a positional's values when the word is still empty.
fn offered(out: &Output) -> Vec<String> {
    let mut names: Vec<String> = stdout(out)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('-'))
        .collect();
    names.sort();
    names
}

#[test]
fn bash_completes_profile_names_through_its_registration_script() {
    let env = Env::new();
    let script = env
        .std_command()
        .env("COMPLETE", "bash")
        .output()
        .expect("runs");
    assert_success(&script, &["COMPLETE=bash roster"]);
    let path = env.home().join("roster.bash");
    std::fs::write(&path, &script.stdout).unwrap();
    // What bash does on <Tab>: COMP_WORDS and COMP_CWORD set, then the registered function.
    let tab = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let current = words.last().copied().unwrap_or_default();
        let previous = words.len().checked_sub(2).map_or("", |i| words[i]);
        let program = format!(
            "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n\
             _clap_complete_roster roster '{current}' '{previous}'\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            path.display(),
            quoted.join(" "),
            words.len() - 1
        );
        let out = bash(&env, &program);
        assert_success(&out, &["bash", &program]);
        offered(&out)
    };
    assert_eq!(tab(&["roster", "--profile", ""]), PROFILES);
    assert_eq!(tab(&["roster", "--profile", "b"]), ["bleemeo"]);
    assert_eq!(tab(&["roster", "profiles", "show", ""]), PROFILES);
    assert_eq!(tab(&["roster", "profiles", "logout", "c"]), ["cradl"]);
    assert_eq!(tab(&["roster", "users", "list", "--profile", ""]), PROFILES);
    // Commands complete as before.
    assert!(tab(&["roster", "pro"]).contains(&"profiles".to_string()));
}

#[test]
fn zsh_and_fish_get_the_same_names_and_a_broken_profile_too() {
    let env = Env::new();
    let text = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!(
        "{text}\n[profiles.old]\nprovider = \"bleemeo\"\nbase_url = \"http://example.com\"\n"
    ));
    let mut expected: Vec<String> = PROFILES.iter().map(|p| p.to_string()).collect();
    expected.push("old".into());
    expected.sort();
    for words in [
        &["roster", "--profile", ""][..],
        &["roster", "profiles", "remove", ""][..],
        &["roster", "profiles", "check", ""][..],
    ] {
        // zsh's script passes the index of the word under the cursor.
        let index = (words.len() - 1).to_string();
        let zsh = complete(
            &env,
            "zsh",
            words,
            &[("_CLAP_COMPLETE_INDEX", &index), ("_CLAP_IFS", "\n")],
        );
        assert_success(&zsh, words);
        // zsh lines are `value:description`.
        let names: Vec<String> = offered(&zsh)
            .iter()
            .map(|l| l.split(':').next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(names, expected, "zsh {words:?}");
        let fish = complete(&env, "fish", words, &[]);
        assert_success(&fish, words);
        assert_eq!(offered(&fish), expected, "fish {words:?}");
        assert!(
            stdout(&fish).contains("old\tbleemeo (broken)"),
            "{}",
            stdout(&fish)
        );
    }
    // After `--profile a,` the next name of a list.
    let fish = complete(&env, "fish", &["roster", "--profile", "amani,c"], &[]);
    assert_eq!(offered(&fish), ["amani,cradl"]);
    // The registration scripts call roster back with the variable set.
    for shell in ["zsh", "fish"] {
        let script = env.std_command().env("COMPLETE", shell).output().unwrap();
        assert_success(&script, &[shell]);
        let text = stdout(&script);
        assert!(
            text.contains(&format!("COMPLETE=\"{shell}\""))
                || text.contains(&format!("COMPLETE={shell}")),
            "{text}"
        );
    }
}

#[test]
fn without_the_variable_roster_runs_as_usual() {
    let env = Env::new();
    let out = env.std_command().arg("--version").output().unwrap();
    assert_success(&out, &["--version"]);
    assert!(stdout(&out).starts_with("roster "), "{}", stdout(&out));
    // `COMPLETE=0` (or empty) switches completion off.
    let out = env
        .std_command()
        .env("COMPLETE", "0")
        .arg("--version")
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("roster "), "{}", stdout(&out));
}

/// Run `program` with bash, in the harness's environment.
fn bash(env: &Env, program: &str) -> Output {
    let template = env.std_command();
    let mut bash = std::process::Command::new("bash");
    bash.env_clear();
    for (k, v) in template.get_envs() {
        if let Some(v) = v {
            bash.env(k, v);
        }
    }
    bash.args(["--norc", "--noprofile", "-c", program])
        .output()
        .expect("bash runs")
}
