//! Listing, saving, renaming, deleting and duplicating saved queries on disk.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::SavedQueryError;
use super::header::SavedQuery;

/// The saved queries below `folder`, by path. A file that is not UTF-8 is listed with a note
/// in place of its query, so nothing is silently missing.
pub fn list(folder: &Path) -> Vec<SavedQuery> {
    let mut found: Vec<SavedQuery> =
        crate::files::walk(folder, &["kql"], &crate::files::KeepOut::none())
            .files
            .into_iter()
            .map(|path| {
                let name = relative_name(folder, &path);
                match fs::read(&path).map(String::from_utf8) {
                    Ok(Ok(text)) => SavedQuery::parse(&name, &text),
                    Ok(Err(_)) => SavedQuery::parse(
                        &name,
                        &format!(
                            "// {} is not UTF-8 text: save it as UTF-8 to use it here",
                            path.display()
                        ),
                    ),
                    Err(e) => {
                        SavedQuery::parse(&name, &format!("// cannot read {}: {e}", path.display()))
                    }
                }
            })
            .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

fn relative_name(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A name for a saved query: folders separated by `/`, no `..`, nothing hidden, not absolute.
pub fn valid_name(name: &str) -> Result<String, SavedQueryError> {
    let name = name.trim().trim_end_matches(".kql");
    let parts: Vec<&str> = name.split('/').collect();
    if name.is_empty()
        || parts
            .iter()
            .any(|p| p.is_empty() || p.starts_with('.') || p.contains(['\\', '\0']))
    {
        return Err(SavedQueryError::BadName(name.to_owned()));
    }
    Ok(parts.join("/"))
}

fn file_of(folder: &Path, name: &str) -> Result<PathBuf, SavedQueryError> {
    Ok(folder.join(format!("{}.kql", valid_name(name)?)))
}

/// Writes `query` to its file (atomically). With `replace` false, an existing file is left
/// alone and the error says so.
pub fn save(folder: &Path, query: &SavedQuery, replace: bool) -> Result<PathBuf, SavedQueryError> {
    let file = file_of(folder, &query.path)?;
    if !replace && file.exists() {
        return Err(SavedQueryError::Exists(file));
    }
    match crate::files::write_atomic(&file, query.render().as_bytes(), true) {
        Ok(()) => Ok(file),
        Err(source) => Err(SavedQueryError::Write { file, source }),
    }
}

pub fn rename(folder: &Path, from: &str, to: &str) -> Result<(), SavedQueryError> {
    let (old, new) = (file_of(folder, from)?, file_of(folder, to)?);
    if new.exists() {
        return Err(SavedQueryError::Exists(new));
    }
    if let Some(parent) = new.parent() {
        crate::files::private_dir(parent).map_err(|source| SavedQueryError::Folder {
            folder: parent.to_owned(),
            source,
        })?;
    }
    fs::rename(&old, &new).map_err(|source| SavedQueryError::Rename { file: old, source })
}

pub fn delete(folder: &Path, name: &str) -> Result<(), SavedQueryError> {
    let file = file_of(folder, name)?;
    fs::remove_file(&file).map_err(|source| SavedQueryError::Delete { file, source })
}

/// Copies a saved query to a new name the hunter chose; never replaces one.
pub fn duplicate(folder: &Path, from: &str, to: &str) -> Result<(), SavedQueryError> {
    let file = file_of(folder, from)?;
    let text = match fs::read_to_string(&file) {
        Ok(text) => text,
        Err(source) => return Err(SavedQueryError::Read { file, source }),
    };
    let mut copy = SavedQuery::parse(from, &text);
    copy.path = valid_name(to)?;
    copy.name = format!("{} (copy)", copy.name);
    save(folder, &copy, false).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_queries_are_read_from_a_folder_tree() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("lateral")).unwrap();
        fs::write(
            dir.path().join("lateral/psexec.kql"),
            "DeviceProcessEvents | where FileName =~ 'PSEXESVC.exe'",
        )
        .unwrap();
        fs::write(dir.path().join("latin1.kql"), b"// caf\xe9").unwrap();
        fs::write(dir.path().join("notes.txt"), "not a query").unwrap();
        let saved = list(dir.path());
        assert_eq!(
            saved.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(),
            ["lateral/psexec", "latin1"]
        );
        assert!(saved[1].query.contains("not UTF-8"));
    }

    #[test]
    fn save_rename_duplicate_and_delete_keep_files_and_names_apart() {
        let dir = tempfile::tempdir().unwrap();
        let query = SavedQuery {
            path: "lateral/psexec".into(),
            name: "PsExec service".into(),
            query: "DeviceProcessEvents".into(),
            ..SavedQuery::default()
        };
        save(dir.path(), &query, false).unwrap();
        assert!(matches!(
            save(dir.path(), &query, false),
            Err(SavedQueryError::Exists(_))
        ));
        rename(dir.path(), "lateral/psexec", "lateral/psexec-service").unwrap();
        duplicate(
            dir.path(),
            "lateral/psexec-service",
            "lateral/psexec-service copy",
        )
        .unwrap();
        assert!(
            duplicate(
                dir.path(),
                "lateral/psexec-service",
                "lateral/psexec-service copy"
            )
            .unwrap_err()
            .to_string()
            .contains("choose another name"),
            "a duplicate never replaces a saved query"
        );
        let names: Vec<String> = list(dir.path()).into_iter().map(|s| s.path).collect();
        assert_eq!(
            names,
            ["lateral/psexec-service", "lateral/psexec-service copy"]
        );
        delete(dir.path(), "lateral/psexec-service").unwrap();
        assert_eq!(list(dir.path()).len(), 1);
    }

    #[test]
    fn names_cannot_leave_the_saved_folder() {
        for bad in ["../escape", "/etc/passwd", "a//b", ".hidden", ""] {
            assert!(valid_name(bad).is_err(), "{bad}");
        }
        assert_eq!(valid_name("lateral/psexec.kql").unwrap(), "lateral/psexec");
    }
}
