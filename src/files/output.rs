//! Where a hunter sends rows (`-o FILE`, an export): whatever is at the path stays what it is.
//! A regular file, or nothing yet, is written beside and renamed into place when complete, so
//! a failure never leaves half a file; a device (`/dev/null`), a named pipe or a terminal is
//! written into as it is, never replaced by a regular file; a symbolic link is followed and its
//! target written the same way, the link left in place.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// An output being written. Nothing is in place until [`Output::finish`]; dropped before, it
/// leaves nothing behind (for a device or a pipe, what was written is gone already).
pub struct Output {
    file: File,
    /// The temporary file and the path it becomes, for a regular file.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Output {
    pub fn create(path: &Path) -> io::Result<Output> {
        let target = resolve(path);
        match fs::metadata(&target) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                // A device, a FIFO, a socket: write into it, never truncate or replace it.
                let file = OpenOptions::new().write(true).open(&target)?;
                Ok(Output { file, rename: None })
            }
            Ok(meta) if meta.is_dir() => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder: give a file name",
            )),
            existing => {
                let dir = target
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let name = target
                    .file_name()
                    .map_or("output".into(), |n| n.to_string_lossy().into_owned());
                fs::create_dir_all(dir)?;
                let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
                let file = File::create(&temp)?;
                // A file replaced keeps its permissions.
                if let Ok(meta) = existing {
                    let _ = file.set_permissions(fs::Permissions::from_mode(
                        meta.permissions().mode() & 0o7777,
                    ));
                }
                Ok(Output {
                    file,
                    rename: Some((temp, target)),
                })
            }
        }
    }

    /// Syncs and puts a regular file in place.
    pub fn finish(mut self) -> io::Result<()> {
        self.file.flush()?;
        if let Some((temp, target)) = self.rename.take() {
            let synced = self
                .file
                .sync_all()
                .and_then(|()| fs::rename(&temp, &target));
            if synced.is_err() {
                let _ = fs::remove_file(&temp);
            }
            synced?;
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some((temp, _)) = &self.rename {
            let _ = fs::remove_file(temp);
        }
    }
}

/// The path a link leads to (through any number of links), or `path` itself. A link to nothing
/// yet leads to the place it names, so the file is made there.
fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    // Linux gives up after 40 links: so does this.
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Err(_) => return current,
        }
    }
    current
}

/// Writes `bytes` to `path` as [`Output`] does.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut out = Output::create(path)?;
    out.write_all(bytes)?;
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, FileTypeExt};

    #[test]
    fn a_link_keeps_its_place_and_its_target_gets_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.csv");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.csv");
        symlink("real.csv", &link).unwrap();
        write_output(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temp file left"
        );
    }

    #[test]
    fn a_named_pipe_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("rows.fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_output(&fifo, b"a,b\r\n").unwrap();
        assert_eq!(reader.join().unwrap(), b"a,b\r\n");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_device_stays_a_device() {
        write_output(Path::new("/dev/null"), b"rows").unwrap();
        assert!(fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
    }
}
