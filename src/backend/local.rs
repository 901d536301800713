//! The local engine as a backend: a query over results already fetched runs in this process,
//! in the engine behind the demo tenant, with no API call and no quota spent. Built by the run
//! layer for one query (see `run::local`), over just the tables it reads.

use std::sync::Arc;
use std::time::Instant;

use tokio_util::sync::CancellationToken;

use super::{Backend, BackendInfo, Running, StatsSupport, TimeFilter};
use crate::api::{ApiError, ClientMeasure, QueryOutcome, QueryRequest, QuotaSnapshot};
use crate::engine::{Database, Engine, Limits};

pub struct Local {
    engine: Engine,
    info: BackendInfo,
    /// The session's quota as it was: a local run leaves it as it found it.
    quota: QuotaSnapshot,
}

impl Local {
    /// `read` says what the query reads (`_result (1,204 rows)`), for the statistics view and
    /// the history.
    pub fn new(database: Database, read: String, quota: QuotaSnapshot) -> Local {
        Local {
            engine: Engine::new(Arc::new(database)),
            info: Local::info(read),
            quota,
        }
    }

    pub fn info(read: String) -> BackendInfo {
        BackendInfo {
            name: "local".into(),
            stats: StatsSupport::Local,
            time_filter: TimeFilter::InQuery,
            quota: None,
            target: read,
        }
    }
}

impl Backend for Local {
    fn info(&self) -> &BackendInfo {
        &self.info
    }

    fn run<'a>(&'a self, request: &'a QueryRequest, cancel: &'a CancellationToken) -> Running<'a> {
        let engine = self.engine.clone();
        let query = request.query.clone();
        let quota = self.quota.clone();
        Box::pin(async move {
            let started = Instant::now();
            let now = crate::results::datetime::now_ticks();
            let running = tokio::task::spawn_blocking(move || {
                let answer = engine.run(&query, now, &Limits::default());
                answer
                    .map(|a| (a.table.to_result_set(), a.render))
                    .map_err(|e| local_words(e.describe(&query)))
            });
            let ran = tokio::select! {
                ran = running => ran,
                // The engine's thread finishes on its own; its answer is dropped.
                _ = cancel.cancelled() => return Err(ApiError::Cancelled),
            };
            let (result, render) = ran
                .map_err(|_| {
                    ApiError::InvalidRequest(
                        "the local query stopped with an internal error".into(),
                    )
                })?
                .map_err(ApiError::InvalidRequest)?;
            Ok(QueryOutcome {
                measure: ClientMeasure {
                    wall_time: started.elapsed(),
                    bytes: 0,
                    rows: result.row_count(),
                    columns: result.column_count(),
                },
                result,
                stats: None,
                quota,
                warnings: Vec::new(),
                render: render.as_deref().map(crate::emulator::render_json),
                request_id: None,
            })
        })
    }

    fn quota(&self) -> QuotaSnapshot {
        self.quota.clone()
    }

    fn schema(&self) -> Vec<(String, Vec<(String, String)>)> {
        Vec::new()
    }
}

/// A service's table named beside a fetched result is the likely mistake: say so.
fn local_words(message: String) -> String {
    if message.contains("Failed to resolve table") {
        format!("{message} A local query reads only results already fetched (_result, _tab(\"name\"), _run(ID)): query the service's tables in a query of their own.")
    } else {
        message
    }
}
