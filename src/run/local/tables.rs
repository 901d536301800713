//! A fetched result as the engine's table. The conversion runs once per result: the table is
//! kept while the result lives, so a second, third, ... local query over the same result starts
//! at once, and each query reads the table's columns in place (shared, never copied).

use std::sync::{Arc, Mutex, Weak};

use crate::engine::Table;
use crate::results::ResultSet;

/// Results converted lately: a tab or two being summarised over and over.
const KEPT: usize = 8;

type Converted = Vec<(Weak<ResultSet>, Arc<Table>)>;

static CONVERTED: Mutex<Converted> = Mutex::new(Vec::new());

/// The engine's table of `result`, converted now or taken from an earlier conversion.
pub fn table_of(result: &Arc<ResultSet>) -> Arc<Table> {
    let weak = Arc::downgrade(result);
    if let Some(table) = lock()
        .iter()
        .find(|(r, _)| r.ptr_eq(&weak))
        .map(|(_, t)| t.clone())
    {
        return table;
    }
    // Converted outside the lock: another tab's query need not wait for this one.
    let table = Arc::new(Table::from_result_set(result));
    let mut kept = lock();
    // A result no tab holds any more frees its table.
    kept.retain(|(r, _)| r.strong_count() > 0);
    if kept.len() >= KEPT {
        kept.remove(0);
    }
    kept.push((weak, table.clone()));
    table
}

fn lock() -> std::sync::MutexGuard<'static, Converted> {
    CONVERTED.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_converted_once_and_its_table_freed_with_it() {
        let result = Arc::new(ResultSet::default());
        let first = table_of(&result);
        assert!(Arc::ptr_eq(&first, &table_of(&result)));
        let weak = Arc::downgrade(&first);
        drop(first);
        drop(result);
        // The next conversion sweeps the dead entry.
        let _other = table_of(&Arc::new(ResultSet::default()));
        assert!(weak.upgrade().is_none());
    }
}
