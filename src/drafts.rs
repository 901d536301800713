//! Crash-safe drafts: the open editor buffers of each workbench, written to disk soon after
//! every change and taken up again by the next workbench to start.
//!
//! Each workbench owns one draft file in `drafts/`, and holds a lock on a file beside it for as
//! long as it runs. A draft whose lock nobody holds belongs to a workbench that is gone (it
//! quit, its SSH link dropped, it was killed): the next workbench adopts its buffers, saves
//! them as its own, and only then removes the old files. Two workbenches at once each keep
//! their own buffers.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One editor buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buffer {
    pub text: String,
    /// (line, column), 0-based.
    pub cursor: (usize, usize),
    /// The name the hunter gave its tab.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What a workbench had open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub buffers: Vec<Buffer>,
    pub active: usize,
    /// True once the workbench quit normally.
    pub clean: bool,
}

/// The buffers of workbenches that are gone, ready to be opened again.
#[derive(Debug, Default)]
pub struct Adopted {
    pub buffers: Vec<Buffer>,
    /// Some of them did not quit normally (killed, hung up, crashed).
    pub unclean: bool,
    files: Vec<PathBuf>,
}

/// This workbench's draft file, and the lock that says it is alive.
pub struct Drafts {
    file: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

impl Drafts {
    /// Claims a draft file in `dir` and gathers the buffers of every workbench that is gone.
    pub fn start(dir: &Path) -> io::Result<(Drafts, Adopted)> {
        crate::files::private_dir(dir)?;
        let mut adopted = Adopted::default();
        let mut found: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for entry in fs::read_dir(dir)?.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                found.push((modified.unwrap_or(std::time::UNIX_EPOCH), path));
            }
        }
        // Oldest first, so the newest buffers end up last, nearest the hunter.
        found.sort();
        for (_, path) in found {
            let lock_path = path.with_extension("lock");
            let lock = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .mode(0o600)
                .open(&lock_path)?;
            if lock.try_lock().is_err() {
                continue; // a live workbench's
            }
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            // A draft that cannot be read is left where it is, for the hunter to look at.
            let Ok(session) = serde_json::from_str::<Session>(&text) else {
                continue;
            };
            adopted.unclean |= !session.clean;
            adopted.buffers.extend(
                session
                    .buffers
                    .into_iter()
                    .filter(|b| !b.text.trim().is_empty()),
            );
            adopted.files.push(path);
            adopted.files.push(lock_path);
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis();
        static STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("{}-{stamp}-{n}", std::process::id());
        let lock_path = dir.join(format!("{name}.lock"));
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)?;
        lock.try_lock()
            .map_err(|e| io::Error::other(e.to_string()))?;
        let drafts = Drafts {
            file: dir.join(format!("{name}.json")),
            lock_path,
            _lock: lock,
        };
        Ok((drafts, adopted))
    }

    /// Writes the session atomically (a temporary file renamed into place), readable by the
    /// hunter only: queries often hold indicators from an investigation.
    pub fn save(&self, session: &Session) -> io::Result<()> {
        let json = serde_json::to_vec(session).map_err(io::Error::other)?;
        crate::files::write_atomic(&self.file, &json, true)
    }

    /// Removes the files of adopted drafts, once their buffers are saved here.
    pub fn retire(&self, adopted: &Adopted) {
        for file in &adopted.files {
            if *file != self.file && *file != self.lock_path {
                let _ = fs::remove_file(file);
            }
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer(text: &str) -> Buffer {
        Buffer {
            text: text.into(),
            cursor: (0, 3),
            name: None,
        }
    }

    #[test]
    fn buffers_of_a_workbench_that_is_gone_are_adopted_once() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (first, adopted) = Drafts::start(dir.path()).unwrap();
            assert!(adopted.buffers.is_empty());
            first
                .save(&Session {
                    buffers: vec![buffer("DeviceInfo | take 1"), buffer("  ")],
                    active: 0,
                    clean: false,
                })
                .unwrap();
        } // the lock goes with the process
        let (second, adopted) = Drafts::start(dir.path()).unwrap();
        assert_eq!(adopted.buffers, vec![buffer("DeviceInfo | take 1")]);
        assert!(adopted.unclean);
        second
            .save(&Session {
                buffers: adopted.buffers.clone(),
                active: 0,
                clean: false,
            })
            .unwrap();
        second.retire(&adopted);
        let files = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(
            files, 2,
            "only the second workbench's draft and lock remain"
        );
    }

    #[test]
    fn a_live_workbench_keeps_its_own_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = Drafts::start(dir.path()).unwrap();
        first
            .save(&Session {
                buffers: vec![buffer("EmailEvents")],
                active: 0,
                clean: false,
            })
            .unwrap();
        // std's file locks are per open file, so a second open in this process is refused too.
        let (_second, adopted) = Drafts::start(dir.path()).unwrap();
        assert!(adopted.buffers.is_empty());
    }

    #[test]
    fn drafts_are_private_to_the_hunter() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (drafts, _) = Drafts::start(dir.path()).unwrap();
        drafts.save(&Session::default()).unwrap();
        let mode = fs::metadata(drafts.file()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
