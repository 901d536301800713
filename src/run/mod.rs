//! The run layer, between the commands (the workbench and every headless one) and the
//! backends: opening a session on a tenant or the demo, running one query with cancellation,
//! and packing its rows for the history off the caller's thread. Both the workbench and
//! `kqlhunt query` run queries only through here, so they cannot drift apart.

pub mod adx;
mod session;
mod workspace;

use tokio_util::sync::CancellationToken;

use crate::api::{ApiError, QueryOutcome, QueryRequest};
use crate::backend::Backend;
use crate::history::PackedResult;

pub use session::{open, Session, SessionError, Target};
pub use workspace::open_workspace;

/// How a run ended, with its rows packed for the history when they fit.
pub struct Finished {
    pub outcome: Result<QueryOutcome, ApiError>,
    pub packed: Option<PackedResult>,
}

/// Runs `request` on `backend`. When it succeeds and `cache_limit` (bytes) allows, its rows are
/// packed for the history on a blocking thread; whatever befalls the packing, the rows come
/// back. `None` only when the runtime is shutting down (the program is quitting).
pub async fn execute(
    backend: &dyn Backend,
    request: &QueryRequest,
    cancel: &CancellationToken,
    cache_limit: usize,
) -> Option<Finished> {
    let outcome = backend.run(request, cancel).await;
    match outcome {
        Ok(done) if cache_limit > 0 => {
            let (done, packed) = tokio::task::spawn_blocking(move || {
                let packed =
                    crate::guard::guarded(|| crate::history::pack(&done.result, cache_limit));
                (done, packed.flatten())
            })
            .await
            .ok()?;
            Some(Finished {
                outcome: Ok(done),
                packed,
            })
        }
        outcome => Some(Finished {
            outcome,
            packed: None,
        }),
    }
}
