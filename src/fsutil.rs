//! Private files and directories: what roster writes is readable by its owner only.

use std::io::{self, Write};
use std::path::Path;

/// Create `dir` and any missing parent, each new one with mode 0700. Directories that already
/// exist are left as they are: they may be the user's own (`~/.config`).
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Write a file readable by its owner only, atomically (temp file + rename), creating its
/// directory (0700) if needed.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with_mode(path, bytes, 0o600)
}

/// Write a file atomically with `mode` (unix permission bits; ignored elsewhere), creating its
/// directory (0700) if needed. A symlink at `path` is replaced; resolve it first to write
/// through it.
pub(crate) fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        Some(_) => Path::new("."),
        None => return Err(io::Error::other("no parent directory")),
    };
    create_private_dir(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The file a symlink chain at `path` ends at (even a target that does not exist yet), or
/// `path` itself when it is not a symlink. Bounded, so a loop is an error and not a hang.
pub(crate) fn resolve_symlinks(path: &Path) -> io::Result<std::path::PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// The permission bits of an existing file (`None` if it does not exist or off unix).
pub(crate) fn mode_of(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_directories_are_private_and_existing_ones_untouched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let deep = dir.path().join("a/b/c");
        create_private_dir(&deep).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        assert_eq!(mode(&deep), 0o700);
        assert_eq!(mode(dir.path()), 0o755);
        write_private(&dir.path().join("x/y/f"), b"hi").unwrap();
        assert_eq!(mode(&dir.path().join("x/y")), 0o700);
        assert_eq!(mode(&dir.path().join("x/y/f")), 0o600);
    }

    #[test]
    fn symlinks_resolve_to_their_final_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.toml");
        std::fs::write(&target, "x").unwrap();
        std::os::unix::fs::symlink("real.toml", dir.path().join("one")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("one"), dir.path().join("two")).unwrap();
        assert_eq!(resolve_symlinks(&dir.path().join("two")).unwrap(), target);
        // A dangling link names the file to create.
        std::os::unix::fs::symlink("later.toml", dir.path().join("dangling")).unwrap();
        assert_eq!(
            resolve_symlinks(&dir.path().join("dangling")).unwrap(),
            dir.path().join("later.toml")
        );
        std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
        assert!(resolve_symlinks(&dir.path().join("loop")).is_err());
    }
}
