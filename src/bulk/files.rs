//! Files bulk work writes beside the vendor calls: private directories, and reports that never
//! silently replace an earlier one (it may hold the only copy of generated passwords).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::error::{Error, Result};
use crate::output::Row;

/// Create `dir` and any missing parents readable by the owner only (0700): journals and
/// reports name the users imported, and reports can hold passwords.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// The directory a file at `path` lives in (`.` for a bare file name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Before anything is sent: the report can be written at the end. An existing file is refused
/// unless `replace` (`--force`); a path that cannot be written is a usage error naming it.
pub(crate) fn check_report(path: &Path, replace: bool) -> Result<()> {
    let shown = path.display();
    let cannot = |e: std::io::Error| {
        Error::usage(format!("cannot write the report {shown}: {e}"))
            .with_hint("choose a --report path in a directory you can write")
    };
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.is_dir() {
            return Err(Error::usage(format!("the report {shown} is a directory"))
                .with_hint("pass a file path to --report"));
        }
        if !replace {
            return Err(Error::usage(format!(
                "the report {shown} already exists; it may hold the generated passwords of an \
                 earlier run"
            ))
            .with_hint("choose another --report path, or pass --force to replace it"));
        }
        // Opening to append changes nothing, and proves the file can be replaced.
        std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(cannot)?;
        return Ok(());
    }
    let dir = parent_of(path);
    create_private_dir(&dir).map_err(cannot)?;
    tempfile::NamedTempFile::new_in(&dir)
        .map(drop)
        .map_err(cannot)
}

/// Write the report readable by its owner only (0600), atomically. Without `replace` an
/// existing file (one that appeared since the check) is left alone and the write fails.
pub(crate) fn write_report(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = parent_of(path);
    create_private_dir(&dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Write `outcomes` as the report at `path` (`--report`), saying which file could not be written.
pub(crate) fn save_report(path: &Path, outcomes: &[Outcome], replace: bool) -> Result<()> {
    report_csv(outcomes)
        .and_then(|bytes| write_report(path, &bytes, replace))
        .map_err(|e| {
            Error::failure(format!("cannot write the report {}", path.display())).with_source(e)
        })
}

/// The results as CSV: the report's content.
pub(crate) fn report_csv(outcomes: &[Outcome]) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(Outcome::csv_headers())
        .map_err(std::io::Error::other)?;
    for o in outcomes {
        w.write_record(o.csv_cells())
            .map_err(std::io::Error::other)?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_never_replaces_a_file_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/deeper/report.csv");
        check_report(&path, false).unwrap();
        write_report(&path, b"first", false).unwrap();
        let e = check_report(&path, false).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("already exists"), "{e}");
        assert!(e.hint().unwrap().contains("--force"));
        assert!(write_report(&path, b"second", false).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        check_report(&path, true).unwrap();
        write_report(&path, b"second", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("new")), 0o700);
            assert_eq!(mode(&dir.path().join("new/deeper")), 0o700);
        }
    }

    #[test]
    fn an_unwritable_report_path_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, b"x").unwrap();
        let e = check_report(&file.join("report.csv"), false).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("plain-file/report.csv"), "{e}");
    }
}
