//! Runs a query on the engine off the async workers, measuring it on the thread that runs it
//! (wall and CPU time): every API the emulator speaks runs queries through here, so all of
//! them report the same figures (see `statistics.rs`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::state::State;
use super::statistics::{Run, ThreadCpu};
use crate::api::ServerStats;
use crate::engine::{Answer, ErrorKind, Limits};

/// A run's answer and what it cost.
pub struct Measured {
    pub answer: Answer,
    pub wall: Duration,
    pub cpu: Option<ThreadCpu>,
    pub time_range: Option<(i64, i64)>,
}

/// Why a run gave no answer: the engine's refusal in its words, or a stop it did not expect.
pub enum RunFailure {
    Refused(Refusal),
    Stopped,
}

/// The engine's refusal: its kind, its words with and without the place, and the place.
pub struct Refusal {
    pub kind: ErrorKind,
    /// As the Defender APIs word it: `... [line 2, column 9]. Fix semantic errors ...`.
    pub described: String,
    pub message: String,
    /// (line from 1, column from 1).
    pub place: Option<(usize, usize)>,
}

pub async fn run(
    state: &Arc<State>,
    query: String,
    now: i64,
    limits: Limits,
) -> Result<Measured, RunFailure> {
    let engine = state.clone();
    let time_range = limits.time_range;
    let outcome = tokio::task::spawn_blocking(move || {
        let cpu_before = ThreadCpu::now();
        let started = Instant::now();
        let answer = engine
            .engine()
            .run(&query, now, &limits)
            .map_err(|e| Refusal {
                kind: e.kind,
                described: e.describe(&query),
                place: e.span.map(|s| s.line_column(&query)),
                message: e.message,
            });
        let wall = started.elapsed();
        let cpu = ThreadCpu::now()
            .zip(cpu_before)
            .map(|(after, before)| after.since(before));
        (answer, wall, cpu)
    })
    .await;
    match outcome {
        Ok((Ok(answer), wall, cpu)) => Ok(Measured {
            answer,
            wall,
            cpu,
            time_range,
        }),
        Ok((Err(refusal), _, _)) => Err(RunFailure::Refused(refusal)),
        Err(_) => Err(RunFailure::Stopped),
    }
}

impl Measured {
    /// The statistics of this run, its result `result_bytes` long.
    pub fn stats(&self, state: &State, result_bytes: usize) -> ServerStats {
        state.extents.measure(
            state.engine().database(),
            &Run {
                wall: self.wall,
                cpu: self.cpu,
                tables_read: &self.answer.tables_read,
                time_range: self.time_range,
                result_rows: self.answer.table.len(),
                result_bytes,
            },
            Instant::now(),
        )
    }
}
