//! Runs that meet each other: concurrent `profiles add` to one file keep every profile.

use std::path::Path;
use std::process::Stdio;

use crate::common::{assert_success, stderr, Env};

/// `profiles add` of `count` profiles at once, as separate processes; each must say "saved".
fn add_at_once(env: &Env, count: usize) {
    let url = env.base_url("paradigm");
    let children: Vec<_> = (0..count)
        .map(|i| {
            env.std_command()
                .args([
                    "profiles",
                    "add",
                    &format!("p{i}"),
                    "--provider",
                    "paradigm",
                ])
                .args(["--base-url", &url, "--token-env", "KEY", "--skip-check"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("waits");
        assert_success(&out, &["profiles", "add"]);
        assert!(stderr(&out).contains("saved profile"), "{}", stderr(&out));
    }
}

fn names(env: &Env) -> Vec<String> {
    let list = env.json(&["profiles", "list"]);
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["name"].as_str().map(str::to_string))
        .collect()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn ten_simultaneous_adds_keep_all_ten_profiles() {
    let env = Env::new();
    let before = names(&env).len();
    add_at_once(&env, 10);
    let after = names(&env);
    assert_eq!(after.len(), before + 10, "{after:?}");
    for i in 0..10 {
        assert!(after.contains(&format!("p{i}")), "p{i} kept: {after:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_config_stays_a_symlink_and_keeps_a_narrow_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let target = env.home().join("dotfiles/roster.toml");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::rename(&env.config, &target).unwrap();
    std::os::unix::fs::symlink(&target, &env.config).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o400)).unwrap();

    add_at_once(&env, 3);
    let link = std::fs::symlink_metadata(&env.config).unwrap();
    assert!(link.file_type().is_symlink(), "still a symlink");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("[profiles.p0]") && text.contains("[profiles.p2]"));
    assert_eq!(mode(&target), 0o400, "a mode narrower than 0600 is kept");

    // Wider than 0600 (readable by the group): narrowed to 0600.
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = env.run(&["profiles", "remove", "p1", "--yes"]);
    assert_success(&out, &["profiles", "remove"]);
    assert_eq!(mode(&target), 0o600);
    assert!(std::fs::symlink_metadata(&env.config)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!std::fs::read_to_string(&target)
        .unwrap()
        .contains("[profiles.p1]"));
}
