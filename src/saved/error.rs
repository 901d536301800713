//! What can go wrong with a saved query on disk. The workbench branches on [`Exists`]
//! (it asks before replacing) and an import counts it; every other kind is only told.
//!
//! [`Exists`]: SavedQueryError::Exists

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SavedQueryError {
    #[error("'{0}' is not a name for a saved query: use words and folders, like lateral/psexec")]
    BadName(String),

    /// A saved query of that name is there already; nothing was replaced.
    #[error("{} exists already: choose another name", .0.display())]
    Exists(PathBuf),

    #[error("cannot save {}: {source}; the query is still in the editor", .file.display())]
    Write {
        file: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot create {}: {source}", .folder.display())]
    Folder {
        folder: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot rename {}: {source}", .file.display())]
    Rename {
        file: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot delete {}: {source}", .file.display())]
    Delete {
        file: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot read {}: {source}", .file.display())]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
}
