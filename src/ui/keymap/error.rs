//! What is wrong in a `keymap.toml`, each kind naming the place so the hunter can fix it.

/// A key as the file writes it that kqlhunt cannot read (`Hyper+Y`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a key: use F5, Ctrl+J, Alt+x, Enter, PgDn, y, Y, / ...")]
pub struct NotAKey(pub String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    /// The TOML reader's own message (a keymap holds no secrets to keep out of it).
    #[error("{0}")]
    NotToml(String),

    #[error("unknown section [{section}]: use {known}")]
    UnknownSection { section: String, known: String },

    #[error("[{section}] {name}: no such action (see the help, F1, for the names)")]
    NoSuchAction { section: String, name: String },

    #[error("[{section}] {name}: give a key or a list of keys")]
    NotKeys { section: String, name: String },

    #[error("[{section}] {name}: {key}")]
    BadKey {
        section: String,
        name: String,
        key: NotAKey,
    },
}
