//! One profile's service schema, in memory and on disk (`schema_cache`), shared by every
//! backend whose service has a schema call: opened from the file, replaced and written back
//! whenever the service is asked again. A file kept for another backend (the profile's
//! `backend` changed) is set aside rather than trusted.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use tokio_util::sync::CancellationToken;

use super::schema_cache::{self, KeptSchema, Tables};
use super::Backend;
use crate::api::ApiError;

/// Why a schema could not be refreshed.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The service's answer was an error.
    #[error(transparent)]
    Service(#[from] ApiError),
    /// The backend's service has no schema call (the Defender APIs): its tables are the
    /// built-in catalogue.
    #[error("the {0} backend has no schema call: its tables are the built-in catalogue")]
    NoSchemaCall(String),
    /// The answer came but could not be written down; it is used until the session ends.
    #[error("{0}")]
    NotKept(String),
}

/// Asks `backend`'s service for its schema and keeps the answer, in memory (completion and
/// diagnostics use it at once) and on disk with the moment it came. Every backend with a
/// schema call goes through here: `kqlhunt schema --refresh`, and the first session of a
/// profile that has none kept.
pub async fn refresh(
    backend: &dyn Backend,
    cancel: &CancellationToken,
) -> Result<Tables, SchemaError> {
    let info = backend.info();
    let (Some(keeper), Some(tables)) = (backend.kept_schema(), backend.fetch_schema(cancel).await?)
    else {
        return Err(SchemaError::NoSchemaCall(info.name.clone()));
    };
    keeper
        .keep(tables.clone(), &info.target)
        .map_err(SchemaError::NotKept)?;
    Ok(tables)
}

pub struct SchemaKeeper {
    path: PathBuf,
    /// The backend's name (`log-analytics`, `adx`): the first word of what a kept file names.
    backend: String,
    kept: Mutex<Option<KeptSchema>>,
}

impl SchemaKeeper {
    /// The schema kept at `path` for `backend`, and why none could be used (a damaged file).
    pub fn open(path: &Path, backend: &str) -> (SchemaKeeper, Option<String>) {
        let (kept, warning) = match schema_cache::load(path) {
            Ok(kept) => (kept.filter(|k| made_by(k, backend)), None),
            Err(e) => (None, Some(e)),
        };
        let keeper = SchemaKeeper {
            path: path.to_owned(),
            backend: backend.to_owned(),
            kept: Mutex::new(kept),
        };
        (keeper, warning)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The kept schema with when it was fetched, if any.
    pub fn kept(&self) -> Option<KeptSchema> {
        self.lock().clone()
    }

    /// The kept tables; empty when none are kept.
    pub fn tables(&self) -> Tables {
        self.lock()
            .as_ref()
            .map(|k| k.tables.clone())
            .unwrap_or_default()
    }

    /// Keeps what the service at `target` just answered, in memory and on disk (0600).
    pub fn keep(&self, tables: Tables, target: &str) -> Result<(), String> {
        let now = SystemTime::now();
        let source = format!("{} {target}", self.backend);
        let written = schema_cache::store(&self.path, &tables, &source, now);
        *self.lock() = Some(KeptSchema {
            tables,
            fetched: now,
            source,
        });
        written
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<KeptSchema>> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Whether `kept` came from a backend named `backend` (its source starts with the name).
fn made_by(kept: &KeptSchema, backend: &str) -> bool {
    kept.source.split(' ').next() == Some(backend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_is_kept_for_its_backend_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schema").join("p.json");
        let (keeper, warning) = SchemaKeeper::open(&path, "adx");
        assert!(warning.is_none() && keeper.kept().is_none());
        let tables = vec![("T".to_owned(), vec![("x".to_owned(), "long".to_owned())])];
        keeper.keep(tables.clone(), "https://c/Db").unwrap();
        assert_eq!(keeper.tables(), tables);
        let (again, _) = SchemaKeeper::open(&path, "adx");
        assert_eq!(again.kept().unwrap().source, "adx https://c/Db");
        let (other, _) = SchemaKeeper::open(&path, "log-analytics");
        assert!(other.kept().is_none(), "kept for another backend");
        std::fs::write(&path, b"{").unwrap();
        let (_, warning) = SchemaKeeper::open(&path, "adx");
        assert!(warning.unwrap().contains("--refresh"));
    }
}
