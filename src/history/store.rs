//! The history database: opening it (and setting a damaged one aside), recording runs, listing
//! and searching them, and reading a cached result back.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension};

use super::cache::{unpack, CacheLimits, PackedResult};
use super::record::{from_millis, to_millis, Outcome, RunRecord};
use super::search::Filter;
use crate::api::ServerStats;
use crate::results::ResultSet;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_ms INTEGER NOT NULL,
    query TEXT NOT NULL,
    profile TEXT NOT NULL,
    flavor TEXT NOT NULL,
    timespan TEXT,
    wall_ms INTEGER NOT NULL,
    stats TEXT,
    rows INTEGER NOT NULL,
    columns INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT,
    render TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_start ON runs(started_ms);
CREATE TABLE IF NOT EXISTS results (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    packed BLOB NOT NULL,
    size INTEGER NOT NULL
);
PRAGMA user_version = 2;
";

/// How long a writer waits for another process to finish before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("the history ({path}) is busy in another kqlhunt for over {secs} s; this run is not recorded, its results stay on screen", secs = BUSY_WAIT.as_secs())]
    Locked { path: String },
    #[error("cannot write the history ({reason}); is the disk full? This run is not recorded, its results stay on screen")]
    Write { reason: String },
    #[error("cannot read the history: {0}")]
    Read(String),
    #[error("cannot open the history database {path}: {reason}")]
    Open { path: String, reason: String },
}

pub struct History {
    conn: Connection,
    path: PathBuf,
    limits: CacheLimits,
}

impl History {
    /// Opens (or creates) the database at `path`. A file that is not a database, or is damaged,
    /// is moved aside whole (never deleted) and a new one started; the notice says where it went.
    pub fn open(
        path: &Path,
        limits: CacheLimits,
    ) -> Result<(History, Option<String>), HistoryError> {
        let open_error = |reason: String| HistoryError::Open {
            path: path.display().to_string(),
            reason,
        };
        // Queries carry an investigation's indicators: the hunter's eyes only. SQLite gives its
        // journal files the database's mode, so the database is made 0600 before it opens.
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::files::private_dir(parent).map_err(|e| open_error(e.to_string()))?;
        }
        let private = |path: &Path| {
            let _ = crate::files::private_file(path);
            for suffix in ["-wal", "-shm"] {
                let journal = PathBuf::from(format!("{}{suffix}", path.display()));
                if journal.exists() {
                    let _ = crate::files::private_file(&journal);
                }
            }
        };
        private(path);
        let opened = match connect(path) {
            Ok(conn) => Ok((
                History {
                    conn,
                    path: path.into(),
                    limits,
                },
                None,
            )),
            Err(e) if damaged(&e) => {
                let aside = set_aside(path).map_err(|e| {
                    open_error(format!("it is damaged, and moving it aside failed: {e}"))
                })?;
                private(path);
                let conn = connect(path).map_err(|e| open_error(e.to_string()))?;
                let notice = format!(
                    "the history database was damaged ({e}); it was moved to {} and a new one started",
                    aside.display()
                );
                Ok((
                    History {
                        conn,
                        path: path.into(),
                        limits,
                    },
                    Some(notice),
                ))
            }
            Err(e) => Err(open_error(e.to_string())),
        };
        private(path);
        opened
    }

    /// A second connection to the same database, for a writer thread: the file was checked
    /// when this one opened.
    pub fn another(&self) -> Result<History, HistoryError> {
        self.place().open()
    }

    /// Where this database is, to open another connection on another thread.
    pub fn place(&self) -> HistoryPlace {
        HistoryPlace {
            path: self.path.clone(),
            limits: self.limits,
        }
    }

    pub fn limits(&self) -> CacheLimits {
        self.limits
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores a run and, when given and small enough, its packed result; then drops the oldest
    /// cached results until the cache fits its total. One transaction: all or nothing.
    pub fn record(
        &mut self,
        run: &RunRecord,
        result: Option<&PackedResult>,
    ) -> Result<i64, HistoryError> {
        let path = self.path.display().to_string();
        let limits = self.limits;
        let write = |e: rusqlite::Error| write_error(e, &path);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(write)?;
        tx.execute(
            "INSERT INTO runs (started_ms, query, profile, flavor, timespan, wall_ms, stats, rows, columns, bytes, outcome, message, render)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                to_millis(run.started),
                run.query,
                run.profile,
                run.flavor,
                run.timespan,
                run.wall_time.as_millis() as i64,
                run.stats.as_ref().map(|s| s.to_json().to_string()),
                run.rows as i64,
                run.columns as i64,
                run.bytes as i64,
                run.outcome.name(),
                run.message,
                kept_render(run.render.as_ref()),
            ],
        )
        .map_err(write)?;
        let id = tx.last_insert_rowid();
        if let Some(packed) = result.filter(|p| p.bytes.len() <= limits.per_entry) {
            tx.execute(
                "INSERT INTO results (run_id, packed, size) VALUES (?1, ?2, ?3)",
                params![id, packed.bytes, packed.bytes.len() as i64],
            )
            .map_err(write)?;
        }
        evict(&tx, limits.total).map_err(write)?;
        tx.commit().map_err(write)?;
        Ok(id)
    }

    /// Runs matching `filter`, newest first; with fuzzy text, closer matches first.
    pub fn runs(&self, filter: &Filter) -> Result<Vec<RunRecord>, HistoryError> {
        let mut sql = String::from(
            "SELECT id, started_ms, query, profile, flavor, timespan, wall_ms, stats, rows, columns, bytes, outcome, message,
                    EXISTS(SELECT 1 FROM results WHERE run_id = runs.id), render
             FROM runs WHERE 1 = 1",
        );
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(profile) = &filter.profile {
            sql.push_str(" AND profile = ?");
            values.push(profile.clone().into());
        }
        if let Some(outcome) = filter.outcome {
            sql.push_str(" AND outcome = ?");
            values.push(outcome.name().to_owned().into());
        }
        if let Some(since) = filter.since {
            sql.push_str(" AND started_ms >= ?");
            values.push(to_millis(since).into());
        }
        sql.push_str(" ORDER BY id DESC");
        // Without fuzzy text the database can stop early.
        if filter.text.is_empty() && filter.limit > 0 {
            sql.push_str(&format!(" LIMIT {}", filter.limit));
        }
        let read = |e: rusqlite::Error| HistoryError::Read(e.to_string());
        let mut statement = self.conn.prepare(&sql).map_err(read)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(values), row_to_record)
            .map_err(read)?;
        let mut runs = rows.collect::<Result<Vec<_>, _>>().map_err(read)?;
        if !filter.text.is_empty() {
            // Whole-word and inside matches (newest first) before scattered letters.
            let tier = |run: &RunRecord| {
                crate::fuzzy::score_words(&filter.text, &run.query).map(|s| s / 1_000_000)
            };
            let mut tiered: Vec<(u32, RunRecord)> = runs
                .into_iter()
                .filter_map(|r| tier(&r).map(|t| (t.min(2), r)))
                .collect();
            tiered.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
            runs = tiered.into_iter().map(|(_, r)| r).collect();
            if filter.limit > 0 {
                runs.truncate(filter.limit);
            }
        }
        Ok(runs)
    }

    pub fn run(&self, id: i64) -> Result<Option<RunRecord>, HistoryError> {
        self.conn
            .query_row(
                "SELECT id, started_ms, query, profile, flavor, timespan, wall_ms, stats, rows, columns, bytes, outcome, message,
                        EXISTS(SELECT 1 FROM results WHERE run_id = runs.id), render
                 FROM runs WHERE id = ?1",
                [id],
                row_to_record,
            )
            .optional()
            .map_err(|e| HistoryError::Read(e.to_string()))
    }

    /// The cached result of run `id`, or `None` when it was never cached or has been evicted.
    pub fn cached(&self, id: i64) -> Result<Option<ResultSet>, HistoryError> {
        self.packed(id)?
            .map(|packed| unpack(&packed.bytes).map_err(HistoryError::Read))
            .transpose()
    }

    /// The cached result of run `id` as stored, compressed (see [`super::unpack`]).
    pub fn packed(&self, id: i64) -> Result<Option<PackedResult>, HistoryError> {
        let packed: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT packed FROM results WHERE run_id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| HistoryError::Read(e.to_string()))?;
        Ok(packed.map(|bytes| PackedResult { bytes }))
    }

    /// Bytes the cached results take, compressed.
    pub fn cache_size(&self) -> Result<u64, HistoryError> {
        self.conn
            .query_row("SELECT COALESCE(SUM(size), 0) FROM results", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| HistoryError::Read(e.to_string()))
    }
}

/// A database already opened (and checked) once, for a thread that reads or writes it with a
/// connection of its own.
#[derive(Clone, Debug)]
pub struct HistoryPlace {
    path: PathBuf,
    limits: CacheLimits,
}

impl HistoryPlace {
    pub fn open(&self) -> Result<History, HistoryError> {
        let conn = connect_checked(&self.path, false).map_err(|e| HistoryError::Open {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(History {
            conn,
            path: self.path.clone(),
            limits: self.limits,
        })
    }
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = connect_checked(path, true)?;
    Ok(conn)
}

/// `check`: read the whole file for damage first (once per process is enough).
fn connect_checked(path: &Path, check: bool) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    // Reading the journal mode is the first read of the file: a damaged head fails here.
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // Damage further in would only show when a run touches it, and then every run after it
    // would be lost: the whole file is checked on open (pages, not indexes against tables).
    let verdict: String = if check {
        conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?
    } else {
        "ok".into()
    };
    if verdict != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(format!("the integrity check says: {verdict}")),
        ));
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
    conn.execute_batch(SCHEMA)?;
    add_render_column(&conn)?;
    Ok(conn)
}

/// A database made before runs kept their render hint gains the column; its old runs have none.
fn add_render_column(conn: &Connection) -> rusqlite::Result<()> {
    let has = conn
        .prepare("SELECT 1 FROM pragma_table_info('runs') WHERE name = 'render'")?
        .exists([])?;
    if !has {
        conn.execute_batch("ALTER TABLE runs ADD COLUMN render TEXT")?;
    }
    Ok(())
}

/// The render hint as kept: its JSON, unless a hostile service made it larger than any real one.
fn kept_render(render: Option<&serde_json::Value>) -> Option<String> {
    const LONGEST: usize = 64 << 10;
    render
        .map(serde_json::Value::to_string)
        .filter(|text| text.len() <= LONGEST)
}

fn damaged(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Moves a damaged database and its journal files to `<name>.damaged-<time>`.
fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = to_millis(std::time::SystemTime::now());
    let aside = PathBuf::from(format!("{}.damaged-{stamp}", path.display()));
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let journal = PathBuf::from(format!("{}{suffix}", path.display()));
        if journal.exists() {
            std::fs::rename(&journal, format!("{}{suffix}", aside.display()))?;
        }
    }
    Ok(aside)
}

fn write_error(e: rusqlite::Error, path: &str) -> HistoryError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => HistoryError::Locked {
            path: path.to_owned(),
        },
        _ => HistoryError::Write {
            reason: e.to_string(),
        },
    }
}

/// Drops the oldest cached results until all of them fit in `total` bytes.
fn evict(tx: &rusqlite::Transaction<'_>, total: usize) -> rusqlite::Result<()> {
    let mut size: i64 = tx.query_row("SELECT COALESCE(SUM(size), 0) FROM results", [], |r| {
        r.get(0)
    })?;
    if size as usize <= total {
        return Ok(());
    }
    let oldest: Vec<(i64, i64)> = {
        let mut statement = tx.prepare("SELECT run_id, size FROM results ORDER BY run_id")?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (id, bytes) in oldest {
        if size as usize <= total {
            break;
        }
        tx.execute("DELETE FROM results WHERE run_id = ?1", [id])?;
        size -= bytes;
    }
    Ok(())
}

fn row_to_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<RunRecord> {
    let stats: Option<String> = row.get(7)?;
    let outcome: String = row.get(11)?;
    Ok(RunRecord {
        id: row.get(0)?,
        started: from_millis(row.get(1)?),
        query: row.get(2)?,
        profile: row.get(3)?,
        flavor: row.get(4)?,
        timespan: row.get(5)?,
        wall_time: Duration::from_millis(row.get::<_, i64>(6)?.max(0) as u64),
        stats: stats
            .and_then(|s| serde_json::from_str(&s).ok())
            .map(|json| ServerStats::from_json(&json)),
        rows: row.get::<_, i64>(8)?.max(0) as u64,
        columns: row.get::<_, i64>(9)?.max(0) as u64,
        bytes: row.get::<_, i64>(10)?.max(0) as u64,
        outcome: Outcome::from_name(&outcome).unwrap_or(Outcome::Error),
        message: row.get(12)?,
        cached: row.get(13)?,
        render: row
            .get::<_, Option<String>>(14)?
            .and_then(|text| serde_json::from_str(&text).ok()),
    })
}
