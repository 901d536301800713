//! The run layer, between the commands (the workbench and every headless one) and the
//! backends: opening a session on a tenant or the demo, running one query with cancellation,
//! and packing its rows for the history off the caller's thread. Both the workbench and
//! `kqlhunt query` run queries only through here, so they cannot drift apart.

pub mod adx;
pub mod local;
mod session;
mod workspace;

use tokio_util::sync::CancellationToken;

use crate::api::{ApiError, QueryOutcome, QueryRequest};
use crate::backend::{Backend, BackendInfo};
use crate::history::{PackedResult, RunRecord};

pub use session::{open, Session, SessionError, Target};
pub use workspace::open_workspace;

/// How a run ended, with its rows packed for the history when they fit.
pub struct Finished {
    pub outcome: Result<QueryOutcome, ApiError>,
    pub packed: Option<PackedResult>,
    /// What answered: the session's backend, or the local engine (see [`local`]).
    pub by: BackendInfo,
}

/// Runs `request` where nothing has been fetched (no tab, no history): see [`execute_over`].
pub async fn execute(
    backend: &dyn Backend,
    request: &QueryRequest,
    cancel: &CancellationToken,
    cache_limit: usize,
) -> Option<Finished> {
    execute_over(
        backend,
        request,
        cancel,
        cache_limit,
        &local::Fetched::default(),
    )
    .await
}

/// Runs `request`: locally when it reads results already fetched (`_result`, `_tab`, `_run`;
/// `fetched` says which there are), else on `backend`. When it succeeds and `cache_limit`
/// (bytes) allows, its rows are packed for the history on a blocking thread; whatever befalls
/// the packing, the rows come back. `None` only when the runtime is shutting down (the program
/// is quitting).
pub async fn execute_over(
    backend: &dyn Backend,
    request: &QueryRequest,
    cancel: &CancellationToken,
    cache_limit: usize,
    fetched: &local::Fetched,
) -> Option<Finished> {
    // Planning may read the history (`_run`): off the caller's thread.
    let (query, wanted, quota) = (request.query.clone(), fetched.clone(), backend.quota());
    let planned = tokio::task::spawn_blocking(move || local::plan(&query, &wanted, quota))
        .await
        .ok()?;
    let (outcome, by) = match planned {
        Ok(None) => (backend.run(request, cancel).await, backend.info().clone()),
        Ok(Some(local)) => (local.run(request, cancel).await, local.info().clone()),
        Err(refused) => (
            Err(ApiError::InvalidRequest(refused.to_string())),
            crate::backend::Local::info(String::new()),
        ),
    };
    let finished = |outcome, packed| Finished {
        outcome,
        packed,
        by: by.clone(),
    };
    match outcome {
        Ok(done) if cache_limit > 0 => {
            let (done, packed) = tokio::task::spawn_blocking(move || {
                let packed =
                    crate::guard::guarded(|| crate::history::pack(&done.result, cache_limit));
                (done, packed.flatten())
            })
            .await
            .ok()?;
            Some(finished(Ok(done), packed))
        }
        outcome => Some(finished(outcome, None)),
    }
}

/// The history's record of a run that `by` answered: a local run's names what it read.
pub fn record(
    query: String,
    profile: &str,
    by: &BackendInfo,
    started: std::time::SystemTime,
    outcome: &Result<QueryOutcome, ApiError>,
    cancelled: bool,
) -> RunRecord {
    let mut run = RunRecord::finished(query, (profile, &by.name), started, outcome, cancelled);
    if by.stats == crate::backend::StatsSupport::Local && run.message.is_none() {
        run.message = Some(format!("read {}", by.target));
    }
    run
}
