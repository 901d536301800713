//! The cache model and the measures, on a table of three rows over two days.
use super::*;
use crate::engine::{ColumnDef, Table};
use crate::results::ColumnKind;

const DAY: i64 = TICKS_PER_DAY;

fn database() -> Database {
    let mut db = Database::default();
    let def = |name: &str, kind| ColumnDef {
        name: name.into(),
        kind,
    };
    let t = |d: i64| Scalar::DateTime(20_000 * DAY + d);
    db.insert(
        "SigninLogs",
        Table::new(
            vec![def("TimeGenerated", ColumnKind::DateTime)],
            vec![vec![t(1), t(2), t(DAY + 5)]],
        ),
    );
    db
}

fn run<'a>(tables: &'a [String], range: Option<(i64, i64)>) -> Run<'a> {
    Run {
        wall: Duration::from_millis(3),
        cpu: None,
        tables_read: tables,
        time_range: range,
        result_rows: 1,
        result_bytes: 10,
    }
}

#[test]
fn an_extent_misses_first_then_hits_in_memory_then_on_disk() {
    let db = database();
    let extents = Extents::default();
    let tables = vec!["SigninLogs".to_owned()];
    let start = Instant::now();
    let first = extents.measure(&db, &run(&tables, None), start);
    assert_eq!(first.extents.scanned, Some(2), "one extent per day");
    assert_eq!(first.rows.scanned, Some(3));
    assert_eq!(
        (first.memory_cache.hits, first.memory_cache.misses),
        (Some(0), Some(2))
    );
    assert_eq!(
        first.disk_cache.misses,
        Some(2),
        "never read: fetched from storage"
    );
    let soon = extents.measure(&db, &run(&tables, None), start + Duration::from_secs(60));
    assert_eq!(soon.memory_cache.hit_ratio(), Some(1.0));
    let later = extents.measure(
        &db,
        &run(&tables, None),
        start + Duration::from_secs(20 * 60),
    );
    assert_eq!(later.memory_cache.misses, Some(2));
    assert_eq!(
        later.disk_cache.hits,
        Some(2),
        "read within the hour: on disk"
    );
}

#[test]
fn a_time_range_scans_only_its_days() {
    let db = database();
    let tables = vec!["SigninLogs".to_owned()];
    let second_day = Some(((20_000 + 1) * DAY, (20_000 + 2) * DAY - 1));
    let stats = Extents::default().measure(&db, &run(&tables, second_day), Instant::now());
    assert_eq!(
        (stats.extents.scanned, stats.extents.total),
        (Some(1), Some(2))
    );
    assert_eq!((stats.rows.scanned, stats.rows.total), (Some(1), Some(3)));
}

#[test]
fn thread_cpu_counts_the_work_done_on_this_thread() {
    let Some(before) = ThreadCpu::now() else {
        return;
    };
    // Work until the thread's own clock shows 20 ms: on a loaded machine that takes longer in
    // wall time, never forever; a clock that does not count this thread's work never gets there.
    let mut x = 0u64;
    let busy = Instant::now();
    let mut spent = Duration::ZERO;
    while spent < Duration::from_millis(20) && busy.elapsed() < Duration::from_secs(20) {
        for _ in 0..100_000 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let used = ThreadCpu::now().unwrap().since(before);
        spent = used.user + used.kernel;
    }
    assert!(
        spent >= Duration::from_millis(20),
        "{spent:?} after {:?}",
        busy.elapsed()
    );
    // Sleeping spends no CPU.
    let before = ThreadCpu::now().unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let idle = ThreadCpu::now().unwrap().since(before);
    assert!(
        idle.user + idle.kernel < Duration::from_millis(20),
        "{idle:?}"
    );
}
