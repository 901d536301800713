//! Writing files so that a crash never leaves half of one, and secrets only in files that
//! nobody else can read.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

mod output;
mod walk;

pub use output::{write_output, Output};
pub use walk::{walk, KeepOut, Walk};

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it into place.
/// With `private`, the file is created with mode 0600 before any byte is written, and missing
/// folders 0700, whatever the umask; without, a file replaced keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if private {
        private_dir(dir)?;
    } else {
        fs::create_dir_all(dir)?;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    if private {
        options.mode(0o600);
    }
    let keep_mode = fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && !private)
        .map(|m| m.permissions().mode() & 0o7777);
    let result = (|| {
        let mut file = options.open(&temp)?;
        if private {
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        } else if let Some(mode) = keep_mode {
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Makes `dir` (and any missing parent) with mode 0700, and takes group and others' access
/// away from `dir` itself if it had any: it holds the hunter's queries, results or secrets.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let mode = fs::metadata(dir)?.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(mode & 0o700))?;
    }
    Ok(())
}

/// Creates `path` empty with mode 0600 if it is missing, and makes it 0600 if it is there:
/// for files another library creates with its own idea of permissions (SQLite).
pub fn private_file(path: &Path) -> io::Result<()> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?
        .set_permissions(fs::Permissions::from_mode(0o600))
}

/// Refuses a file holding a secret when group or others may read it, as ssh does with keys.
pub fn check_private(path: &Path) -> Result<(), String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "permissions {mode:04o} for '{}' are too open: it holds a secret, so only its owner may read it. Run: chmod 600 '{}'",
            path.display(),
            path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_files_are_0600_and_open_ones_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/secret.json");
        write_atomic(&path, b"{}", true).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(check_private(&path).is_ok());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let err = check_private(&path).unwrap_err();
        assert!(err.contains("0644") && err.contains("chmod 600"), "{err}");
    }

    #[test]
    fn an_atomic_write_replaces_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"first", false).unwrap();
        write_atomic(&path, b"second", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left behind"
        );
    }
}
