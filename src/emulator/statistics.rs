//! The demo tenant's query statistics, measured rather than invented, in the one shape every
//! API answer carries (`api::ServerStats`): the legacy Defender `Stats`, Log Analytics'
//! `statistics.query` and Azure Data Explorer's `QueryResourceConsumption` all write these
//! figures.
//!
//! - **Execution time**: the engine's wall time for the query.
//! - **CPU**: the engine thread's own user and kernel time (`getrusage(RUSAGE_THREAD)`), taken
//!   before and after the run on the thread that ran it. Where that is not available, no CPU
//!   figure is sent.
//! - **Peak memory per node**: the emulator is one node; its process's peak resident memory.
//! - **Rows and extents**: the data is held in extents, one per table and day (by the table's
//!   `Timestamp` or `TimeGenerated`). Total: the extents and rows of the tables the query read;
//!   scanned: those inside the query's time range (all of them without one).
//! - **Cache**: an extent read within the last 5 minutes is a memory-cache hit; otherwise the
//!   disk cache is asked, which holds what was read within the last hour (a hit) or fetches it
//!   from storage (a miss). Hits and misses count extents.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::{CacheStats, ScanStats, ServerStats};
use crate::engine::{Database, Scalar};

/// How long an extent stays in memory, and on the local disk, after a read.
pub const MEMORY_KEEPS: Duration = Duration::from_secs(5 * 60);
pub const DISK_KEEPS: Duration = Duration::from_secs(60 * 60);

const TICKS_PER_DAY: i64 = 864_000_000_000;

/// A table's extents: (day since the epoch, rows).
type Days = Arc<Vec<(i64, u64)>>;

/// The extents of each table, worked out once, and when each was last read.
#[derive(Default)]
pub struct Extents {
    by_table: Mutex<HashMap<String, Days>>,
    last_read: Mutex<HashMap<(String, i64), Instant>>,
}

/// What one run did, as the engine and the clock saw it.
pub struct Run<'a> {
    pub wall: Duration,
    pub cpu: Option<ThreadCpu>,
    pub tables_read: &'a [String],
    /// The range the query was limited to (ticks), if any.
    pub time_range: Option<(i64, i64)>,
    pub result_rows: usize,
    pub result_bytes: usize,
}

impl Extents {
    fn of(&self, db: &Database, table: &str) -> Days {
        let mut known = self.by_table.lock().unwrap_or_else(|p| p.into_inner());
        known
            .entry(table.to_owned())
            .or_insert_with(|| Arc::new(days_of(db, table)))
            .clone()
    }

    /// The statistics of `run`, which marks the extents it read as read at `now`.
    pub fn measure(&self, db: &Database, run: &Run<'_>, now: Instant) -> ServerStats {
        let mut rows = ScanStats {
            scanned: Some(0),
            total: Some(0),
        };
        let mut extents = rows;
        let (mut memory, mut disk) = (CacheStats::default(), CacheStats::default());
        let mut last_read = self.last_read.lock().unwrap_or_else(|p| p.into_inner());
        for table in run.tables_read {
            for &(day, count) in self.of(db, table).iter() {
                add(&mut rows.total, count);
                add(&mut extents.total, 1);
                let inside = run.time_range.is_none_or(|(from, to)| {
                    day * TICKS_PER_DAY <= to && (day + 1) * TICKS_PER_DAY > from
                });
                if !inside {
                    continue;
                }
                add(&mut rows.scanned, count);
                add(&mut extents.scanned, 1);
                let since = last_read
                    .insert((table.clone(), day), now)
                    .map(|then| now.saturating_duration_since(then));
                add(&mut memory.total, 1);
                if since.is_some_and(|s| s < MEMORY_KEEPS) {
                    add(&mut memory.hits, 1);
                    continue;
                }
                add(&mut memory.misses, 1);
                add(&mut disk.total, 1);
                if since.is_some_and(|s| s < DISK_KEEPS) {
                    add(&mut disk.hits, 1);
                } else {
                    add(&mut disk.misses, 1);
                }
            }
        }
        let cache = |c: CacheStats| CacheStats {
            hits: c.hits.or(Some(0)),
            misses: c.misses.or(Some(0)),
            total: c.total.or(Some(0)),
        };
        ServerStats {
            execution_time: Some(run.wall),
            cpu_user: run.cpu.map(|c| c.user),
            cpu_kernel: run.cpu.map(|c| c.kernel),
            cpu_total: run.cpu.map(|c| c.user + c.kernel),
            memory_cache: cache(memory),
            disk_cache: cache(disk),
            peak_memory_per_node: peak_resident_bytes(),
            rows,
            extents,
            datasets: vec![crate::api::DatasetStats {
                table_row_count: Some(run.result_rows as u64),
                table_size: Some(run.result_bytes as u64),
            }],
            ..ServerStats::default()
        }
    }
}

fn add(figure: &mut Option<u64>, n: u64) {
    *figure = Some(figure.unwrap_or(0).saturating_add(n));
}

/// The days a table's rows fall on, with the rows of each.
fn days_of(db: &Database, name: &str) -> Vec<(i64, u64)> {
    let Some(table) = db.table(name) else {
        return Vec::new();
    };
    let Some(time) = table
        .column_index("Timestamp")
        .or_else(|| table.column_index("TimeGenerated"))
    else {
        // A table with no time is one extent.
        return vec![(0, table.len() as u64)]
            .into_iter()
            .filter(|e| e.1 > 0)
            .collect();
    };
    let mut days: HashMap<i64, u64> = HashMap::new();
    for row in 0..table.len() {
        let day = match table.get(row, time) {
            Scalar::DateTime(t) => t.div_euclid(TICKS_PER_DAY),
            _ => 0,
        };
        *days.entry(day).or_default() += 1;
    }
    let mut days: Vec<_> = days.into_iter().collect();
    days.sort_unstable();
    days
}

/// The calling thread's own CPU time so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreadCpu {
    pub user: Duration,
    pub kernel: Duration,
}

impl ThreadCpu {
    /// `None` where the system does not count per thread.
    #[cfg(target_os = "linux")]
    pub fn now() -> Option<ThreadCpu> {
        // SAFETY: getrusage writes into the struct it is given and reads nothing else.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let done = unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
        let span = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec.max(0) as u64)
                + Duration::from_micros(t.tv_usec.max(0) as u64)
        };
        (done == 0).then(|| ThreadCpu {
            user: span(usage.ru_utime),
            kernel: span(usage.ru_stime),
        })
    }

    #[cfg(not(target_os = "linux"))]
    pub fn now() -> Option<ThreadCpu> {
        None
    }

    /// The time spent since `before`.
    pub fn since(self, before: ThreadCpu) -> ThreadCpu {
        ThreadCpu {
            user: self.user.saturating_sub(before.user),
            kernel: self.kernel.saturating_sub(before.kernel),
        }
    }
}

/// The process's peak resident memory (Linux reports it in KiB).
fn peak_resident_bytes() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: as above.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let done = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
        (done == 0 && usage.ru_maxrss > 0).then(|| usage.ru_maxrss as u64 * 1024)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

#[cfg(test)]
mod tests;
