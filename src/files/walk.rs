//! Walking a folder of queries (the saved list, `import`, `check`) when the folder may be
//! hostile: a symbolic link may point anywhere (the app's secret file, `/`), may loop (`a -> .`),
//! and a named pipe blocks whoever reads it. The walk follows links only to places inside the
//! folder it was given, enters each real folder once, reads only regular files, keeps out of
//! the places it is told to, and says what it passed over and why.

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files to read, sorted, as reached from the folder given (links keep their own name).
    pub files: Vec<PathBuf>,
    /// (path, why) of what was passed over: links out of the folder, private places, loops,
    /// things that are not regular files, folders that cannot be read.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Places a walk never reads, however it is led there: kqlhunt's config folder and its data
/// folder (sign-ins, the history, drafts), but the saved queries, which are the hunter's own.
#[derive(Clone, Debug, Default)]
pub struct KeepOut {
    places: Vec<PathBuf>,
    except: Vec<PathBuf>,
}

impl KeepOut {
    pub fn none() -> KeepOut {
        KeepOut::default()
    }

    /// kqlhunt's own folders.
    pub fn own_folders(paths: &crate::config::Paths) -> KeepOut {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
        KeepOut {
            places: vec![real(&paths.config_dir), real(&paths.data_dir)],
            except: vec![real(&paths.data_dir.join("saved"))],
        }
    }

    /// Whether the real (canonical) path lies in a place kept out of.
    pub fn holds(&self, real: &Path) -> bool {
        self.places.iter().any(|p| real.starts_with(p))
            && !self.except.iter().any(|e| real.starts_with(e))
    }
}

/// The files below `root` whose extension is one of `extensions`. Hidden files and folders
/// (`.git`) are passed over silently; everything else passed over is in `skipped`.
pub fn walk(root: &Path, extensions: &[&str], keep_out: &KeepOut) -> Walk {
    let mut walk = Walk::default();
    let Ok(real_root) = root.canonicalize() else {
        walk.skipped
            .push((root.to_owned(), "cannot be read".into()));
        return walk;
    };
    if keep_out.holds(&real_root) {
        walk.skipped.push((
            root.to_owned(),
            "it is inside kqlhunt's own config or data folder, which holds secrets".into(),
        ));
        return walk;
    }
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entered = fs::metadata(&dir).map(|m| seen.insert((m.dev(), m.ino())));
        match entered {
            Ok(true) => {}
            // The same real folder again: a link loop, or two links to one folder.
            Ok(false) => {
                walk.skipped
                    .push((dir, "already walked (a link loops back to it)".into()));
                continue;
            }
            Err(e) => {
                walk.skipped.push((dir, format!("cannot be read: {e}")));
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                walk.skipped.push((dir, format!("cannot be read: {e}")));
                continue;
            }
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let wanted = |p: &Path| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.contains(&e))
            };
            let Ok(own) = fs::symlink_metadata(&path) else {
                continue;
            };
            if own.file_type().is_symlink() {
                let Ok(real) = path.canonicalize() else {
                    walk.skipped.push((path, "a link to nothing".into()));
                    continue;
                };
                if !real.starts_with(&real_root) {
                    walk.skipped
                        .push((path, "a link out of the folder, not followed".into()));
                    continue;
                }
                if keep_out.holds(&real) {
                    walk.skipped.push((
                        path,
                        "a link into kqlhunt's own config or data folder, not followed".into(),
                    ));
                    continue;
                }
            }
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if wanted(&path) {
                if meta.is_file() {
                    walk.files.push(path);
                } else {
                    walk.skipped
                        .push((path, "not a regular file (a pipe or a device)".into()));
                }
            }
        }
    }
    walk.files.sort();
    walk.skipped.sort();
    walk
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_loops_and_pipes_are_passed_over_and_said() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "Zx8Q~secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub/a.kql"), "DeviceInfo").unwrap();
        symlink(outside.path().join("secret"), root.join("steal.kql")).unwrap();
        symlink(".", root.join("loop")).unwrap();
        symlink(root.join("sub"), root.join("again")).unwrap();
        symlink("../..", root.join("sub/up")).unwrap();
        let fifo = root.join("pipe.kql");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let found = walk(root, &["kql"], &KeepOut::none());
        assert_eq!(found.files.len(), 1, "{found:?}");
        assert!(found.files[0].ends_with("a.kql"), "{found:?}");
        let why = |name: &str| {
            found
                .skipped
                .iter()
                .find(|(p, _)| p.ends_with(name))
                .map(|(_, w)| w.clone())
                .unwrap_or_default()
        };
        assert!(why("steal.kql").contains("out of the folder"), "{found:?}");
        assert!(why("pipe.kql").contains("not a regular file"), "{found:?}");
        assert!(why("up").contains("out of the folder"), "{found:?}");
        assert!(
            found
                .skipped
                .iter()
                .any(|(_, w)| w.contains("already walked")),
            "{found:?}"
        );
    }

    #[test]
    fn kqlhunts_own_folders_are_kept_out_but_saved_queries_are_not() {
        let home = tempfile::tempdir().unwrap();
        let paths = crate::config::Paths {
            config_dir: home.path().join("config"),
            data_dir: home.path().join("data"),
        };
        fs::create_dir_all(paths.data_dir.join("saved")).unwrap();
        fs::create_dir_all(&paths.config_dir).unwrap();
        fs::write(paths.data_dir.join("saved/mine.kql"), "DeviceInfo").unwrap();
        let keep_out = KeepOut::own_folders(&paths);
        assert!(walk(&paths.config_dir, &["kql"], &keep_out)
            .files
            .is_empty());
        assert!(!walk(&paths.config_dir, &["kql"], &keep_out)
            .skipped
            .is_empty());
        assert_eq!(
            walk(&paths.data_dir.join("saved"), &["kql"], &keep_out)
                .files
                .len(),
            1
        );
    }
}
