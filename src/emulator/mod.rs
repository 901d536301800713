//! The demo tenant: a local server that speaks the three hunting APIs and the identity
//! platform as Microsoft's do, over generated data, with quotas and faults on request. It
//! listens on 127.0.0.1 only.

mod adx;
pub mod data;
mod detection_rules;
pub mod faults;
mod hunting;
pub mod identity;
mod measured_run;
pub mod quota;
mod routes;
mod rule_book;
mod rule_runs;
mod server;
mod shape;
mod state;
pub mod statistics;
pub mod workspace;
mod workspace_shape;

/// How a `render` operator's text becomes the render hint a chart reads (also for local runs).
pub use workspace_shape::render_json;

use std::sync::atomic::Ordering;
use std::sync::Arc;

use hyper_util::rt::TokioIo;

pub use adx::DEMO_DATABASE;
pub use faults::Faults;
pub use quota::QuotaRules;

#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// 0 picks a free port.
    pub port: u16,
    pub seed: u64,
    pub rows_scale: f64,
    pub faults: Faults,
    pub quotas: QuotaRules,
    /// The files `externaldata` reads in place of URLs.
    pub local_copies: crate::engine::LocalCopies,
    /// Where the demo tenant keeps its custom detection rules between runs; in memory only
    /// when `None`.
    pub rules_file: Option<std::path::PathBuf>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            port: 0,
            seed: 1,
            rows_scale: 1.0,
            faults: Faults::default(),
            quotas: QuotaRules::default(),
            local_copies: crate::engine::LocalCopies::default(),
            rules_file: None,
        }
    }
}

/// How often the demo looks for detection rules due to run (near-real-time ones run then).
const RULE_TICK: std::time::Duration = std::time::Duration::from_secs(30);

const ACCEPT_PAUSE_FIRST: std::time::Duration = std::time::Duration::from_millis(10);
const ACCEPT_PAUSE_MOST: std::time::Duration = std::time::Duration::from_secs(1);

/// A running emulator; it stops when dropped.
pub struct Emulator {
    pub url: String,
    state: Arc<state::State>,
    task: tokio::task::JoinHandle<()>,
    /// Runs the demo tenant's detection rules when they fall due.
    scheduler: tokio::task::JoinHandle<()>,
}

impl Emulator {
    /// Generates the data set and starts serving on 127.0.0.1.
    pub async fn start(config: EmulatorConfig) -> Result<Emulator, String> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", config.port))?;
        let url = format!(
            "http://{}",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        // The data ends at the current hour, so restarts within it see the same rows.
        let now = crate::results::datetime::now_ticks();
        let hour = 36_000_000_000;
        let end = now - now.rem_euclid(hour) + hour;
        let (seed, scale) = (config.seed, config.rows_scale);
        let mut database = tokio::task::spawn_blocking(move || data::generate(seed, scale, end))
            .await
            .map_err(|e| e.to_string())?;
        database.set_local_copies(config.local_copies);
        let engine = crate::engine::Engine::new(Arc::new(database));
        let state = Arc::new(state::State::new(
            engine,
            config.quotas,
            config.faults,
            url.clone(),
        ));
        let (book, warning) = rule_book::RuleBook::open(config.rules_file);
        if let Some(warning) = warning {
            crate::console::errln!("kqlhunt: {warning}");
        }
        *state.rule_book() = book;
        // Rules kept from an earlier run of the demo run over this run's data before any call.
        let first = state.clone();
        let _ = tokio::task::spawn_blocking(move || {
            rule_runs::tick(&first, crate::results::datetime::now_ticks())
        })
        .await;
        let scheduled = state.clone();
        let scheduler = tokio::spawn(async move {
            let mut every = tokio::time::interval(RULE_TICK);
            loop {
                every.tick().await;
                let state = scheduled.clone();
                let _ = tokio::task::spawn_blocking(move || {
                    rule_runs::tick(&state, crate::results::datetime::now_ticks())
                })
                .await;
            }
        });
        let serving = state.clone();
        let task = tokio::spawn(async move {
            // A failed accept (out of file descriptors, a connection reset before it was taken)
            // is waited out, never the end of serving: the pause doubles up to a second.
            let mut pause = ACCEPT_PAUSE_FIRST;
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => {
                        pause = ACCEPT_PAUSE_FIRST;
                        stream
                    }
                    Err(_) => {
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(ACCEPT_PAUSE_MOST);
                        continue;
                    }
                };
                let state = serving.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        server::handle(state.clone(), request)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Emulator {
            url,
            state,
            task,
            scheduler,
        })
    }

    /// Hunting calls answered so far (what a test counts to prove a cache spent no quota).
    pub fn hunting_calls(&self) -> u64 {
        self.state.hunting_calls.load(Ordering::SeqCst)
    }

    pub fn tokens_issued(&self) -> u64 {
        self.state.identity().issued_count
    }

    pub fn rows(&self) -> usize {
        self.state.engine().database().total_rows()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.task.abort();
        self.scheduler.abort();
    }
}
