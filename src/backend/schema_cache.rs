//! The schema a service gave, kept on disk per profile with the moment it was fetched, so
//! completion and diagnostics know the workspace's (or database's) own tables from the first
//! keystroke, and say how old that knowledge is. One store for every backend: whatever turns
//! a service's answer into (table, [(column, type)]) hands it to [`store`].

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// (table, [(column, KQL type)]).
pub type Tables = Vec<(String, Vec<(String, String)>)>;

/// A kept schema and when it was fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptSchema {
    pub tables: Tables,
    pub fetched: SystemTime,
    /// What answered (`log-analytics workspace 6f1c…`, `adx cluster/database`).
    pub source: String,
}

impl KeptSchema {
    pub fn age(&self, now: SystemTime) -> Duration {
        now.duration_since(self.fetched).unwrap_or_default()
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    /// Unix seconds.
    fetched: f64,
    source: String,
    tables: Tables,
}

/// Keeps `tables` as the profile's schema (0600, written atomically).
pub fn store(path: &Path, tables: &Tables, source: &str, now: SystemTime) -> Result<(), String> {
    let file = File {
        fetched: now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64(),
        source: source.to_owned(),
        tables: tables.clone(),
    };
    let json = serde_json::to_vec(&file).map_err(|e| e.to_string())?;
    crate::files::write_atomic(path, &json, true)
        .map_err(|e| format!("could not keep the schema in {}: {e}", path.display()))
}

/// The kept schema, if there is one. A file that cannot be read is reported, never trusted:
/// the built-in catalogue stands in until the next refresh.
pub fn load(path: &Path) -> Result<Option<KeptSchema>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "could not read the kept schema {}: {e}",
                path.display()
            ))
        }
    };
    let file: File = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "the kept schema {} is damaged ({e}); refresh it with `kqlhunt schema --refresh`",
            path.display()
        )
    })?;
    let fetched = crate::outside_time::unix_time(file.fetched).unwrap_or(UNIX_EPOCH);
    Ok(Some(KeptSchema {
        tables: file.tables,
        fetched,
        source: file.source,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_schema_comes_back_with_its_age() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schema").join("sentinel.json");
        assert_eq!(load(&path).unwrap(), None);
        let tables = vec![(
            "SigninLogs".to_owned(),
            vec![("TimeGenerated".to_owned(), "datetime".to_owned())],
        )];
        let then = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        store(&path, &tables, "log-analytics workspace x", then).unwrap();
        let kept = load(&path).unwrap().unwrap();
        assert_eq!(kept.tables, tables);
        assert_eq!(
            kept.age(then + Duration::from_secs(90)),
            Duration::from_secs(90)
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::write(&path, b"{").unwrap();
        assert!(load(&path).unwrap_err().contains("--refresh"));
    }
}
