//! Unit tests of the config file editor: what it keeps, writes and refuses.

use super::*;

const KEPT: &str = "# my profiles\ndefault_profile = \"old\"\n\n# the old tenant\n[profiles.old]\nprovider = \"paradigm\" # inline note\ntoken_env = \"OLD\"\n";

fn file(text: &str) -> (tempfile::TempDir, ConfigFile) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/config.toml");
    if !text.is_empty() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let f = ConfigFile::open_locked(Some(&path)).unwrap();
    (dir, f)
}

fn entries(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn adding_keeps_comments_and_other_profiles() {
    let (_d, mut f) = file(KEPT);
    assert!(f.existed && f.profile_names() == ["old"]);
    f.set_profile(
        "new",
        &entries(&[("provider", "paradigm"), ("token_env", "NEW")]),
    )
    .unwrap();
    let text = f.doc.to_string();
    assert!(text.starts_with(KEPT), "{text}");
    assert!(text.ends_with("[profiles.new]\nprovider = \"paradigm\"\ntoken_env = \"NEW\"\n"));
    let c = f.save(Some("new")).unwrap();
    assert_eq!(c.profiles.len(), 2);
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), text);
}

#[test]
fn replacing_keeps_the_comment_above_and_removing_clears_the_default() {
    let (_d, mut f) = file(KEPT);
    f.set_profile(
        "old",
        &entries(&[("provider", "paradigm"), ("token_env", "X")]),
    )
    .unwrap();
    let text = f.doc.to_string();
    assert!(
        text.contains("# the old tenant\n[profiles.old]\nprovider"),
        "{text}"
    );
    assert!(!text.contains("OLD"));
    assert!(f.remove_profile("old"));
    assert!(!f.remove_profile("old"));
    assert_eq!(f.default_profile(), Some("old"));
    assert!(f.config().is_err(), "a default naming nothing is invalid");
    f.set_default(None);
    assert!(f.config().unwrap().profiles.is_empty());
}

#[test]
fn removing_keeps_comments_about_the_file_but_not_about_the_profile() {
    let text = "# roster profiles\n# (work)\n\n# acme's tenant\n[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"A\"\n\n[profiles.b]\nprovider = \"paradigm\"\ntoken_env = \"B\"\n";
    let (_d, mut f) = file(text);
    assert!(f.remove_profile("a"));
    let left = f.doc.to_string();
    assert!(
        left.starts_with("# roster profiles\n# (work)\n\n"),
        "{left}"
    );
    assert!(!left.contains("acme's tenant"), "{left}");
    assert!(left.contains("[profiles.b]"));
    assert_eq!(f.config().unwrap().profiles.len(), 1);

    let text = "# header\n\ndefault_profile = \"a\"\n\n[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"A\"\n";
    let (_d, mut f) = file(text);
    f.set_default(None);
    assert!(f.remove_profile("a"));
    let left = f.doc.to_string();
    assert!(left.contains("# header"), "{left}");
    assert!(f.config().unwrap().profiles.is_empty());
}

#[test]
fn a_missing_file_and_directory_are_created_private() {
    let (_d, mut f) = file("");
    assert!(!f.existed && f.profile_names().is_empty());
    f.set_profile(
        "a",
        &entries(&[("provider", "paradigm"), ("token_env", "A")]),
    )
    .unwrap();
    f.set_default(Some("a"));
    f.save(Some("a")).unwrap();
    let text = std::fs::read_to_string(&f.path).unwrap();
    assert_eq!(
        text,
        "default_profile = \"a\"\n\n[profiles.a]\nprovider = \"paradigm\"\ntoken_env = \"A\"\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn an_invalid_result_is_not_written() {
    let (_d, mut f) = file(KEPT);
    f.set_profile("bad", &entries(&[("provider", "okta")]))
        .unwrap();
    assert_eq!(f.save(Some("bad")).unwrap_err().exit_code(), 3);
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), KEPT);
}

#[test]
fn only_a_locked_file_is_saved() {
    let (d, _locked) = file(KEPT);
    let unlocked = ConfigFile::open(Some(&d.path().join("sub/config.toml"))).unwrap();
    assert_eq!(unlocked.save(None).unwrap_err().exit_code(), 1);
}

#[cfg(unix)]
#[test]
fn a_symlink_stays_a_symlink_and_a_narrow_mode_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("dotfiles/roster.toml");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, KEPT).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o400)).unwrap();
    let link = dir.path().join("config.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut f = ConfigFile::open_locked(Some(&link)).unwrap();
    assert_eq!(f.shown, link.display().to_string());
    f.set_profile(
        "new",
        &entries(&[("provider", "paradigm"), ("token_env", "N")]),
    )
    .unwrap();
    f.save(Some("new")).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("[profiles.new]"));
    assert_eq!(fsutil::mode_of(&target), Some(0o400));
    drop(f);
    // Wider than 0600: narrowed.
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o664)).unwrap();
    let f = ConfigFile::open_locked(Some(&link)).unwrap();
    f.save(None).unwrap();
    assert_eq!(fsutil::mode_of(&target), Some(0o600));
}
