//! The run history: every query run, kept in SQLite in the data folder, with the result set of
//! each successful run stored compressed so that an old result opens without spending quota.
//!
//! One database serves every kqlhunt process: WAL mode and a busy timeout let two workbenches
//! and a headless `kqlhunt history` share it. What cannot be written (a full disk, a locked or
//! damaged file) is reported and never takes anything already stored with it.

mod cache;
mod record;
mod recorder;
mod search;
mod store;
#[cfg(test)]
mod tests;

pub use cache::{pack, CacheLimits, PackedResult};
pub use record::{ticks, Outcome, RunRecord};
pub use recorder::{Recorded, Recorder};
pub use search::Filter;
pub use store::{History, HistoryError, HistoryPlace};
