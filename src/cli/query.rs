//! `kqlhunt query`: one query, headless.

use tokio_util::sync::CancellationToken;

use super::input::{output_width, read_query};
use super::report::{measure_line, quota_line, stats_line};
use super::{fail, Exit, QueryArgs};
use crate::api::{ApiError, Flavor, QueryRequest};
use crate::config::Paths;
use crate::connect::load_config;

pub async fn run(
    args: QueryArgs,
    demo: bool,
    flavor: Option<Flavor>,
    backend: Option<crate::config::BackendKind>,
) -> Exit {
    let query = match read_query(&args) {
        Ok(q) => q,
        Err(e) => return fail(Exit::Usage, e),
    };
    let paths = Paths::discover();
    let session = match &paths {
        Err(e) => Err(e.clone()),
        Ok(paths) => {
            let target = crate::run::Target {
                demo,
                flavor,
                backend,
                profile: args.profile.profile.clone(),
                verbose: args.verbose,
            };
            crate::run::open(paths, &target)
                .await
                .map_err(|e| e.to_string())
        }
    };
    let session = match session {
        Ok(s) => s,
        Err(e) => return fail(Exit::Usage, e),
    };
    let backend = session.backend.as_ref();
    let limits = backend.info().quota.clone().unwrap_or_default();
    for warning in &session.warnings {
        crate::console::errln!("kqlhunt: warning: {warning}");
    }
    let cancel = CancellationToken::new();
    let on_interrupt = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let request = QueryRequest {
        query,
        timespan: args.timespan.clone(),
    };
    let started = std::time::SystemTime::now();
    let cache_limit = match &paths {
        Ok(paths) if !args.no_history => {
            load_config(paths)
                .map(|c| c.workbench.cache_limits())
                .unwrap_or_default()
                .per_entry
        }
        _ => 0,
    };
    let Some(finished) = crate::run::execute(backend, &request, &cancel, cache_limit).await else {
        return fail(Exit::Failed, "kqlhunt is shutting down");
    };
    let outcome = finished.outcome;
    if let (false, Ok(paths)) = (args.no_history, &paths) {
        let run = (
            session.profile_name.as_str(),
            backend.info().name.as_str(),
            started,
        );
        keep(paths, run, &request.query, &outcome, finished.packed);
    }
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(ApiError::Cancelled) => return fail(Exit::Cancelled, "cancelled; nothing was printed"),
        Err(e) => {
            if !args.quiet {
                crate::console::errln!("{}", quota_line(&backend.quota(), &limits));
            }
            return fail(Exit::Failed, e);
        }
    };
    for warning in &outcome.warnings {
        crate::console::errln!("kqlhunt: warning: {warning}");
    }
    if let Some(format) = args.chart.chart {
        let charted = super::chart::Charted {
            result: &outcome.result,
            query: &request.query,
            hint: outcome.render.as_ref(),
        };
        let drawn = super::chart::print(format, &args.chart, &charted, args.output.as_deref());
        if drawn != Exit::Ok {
            return drawn;
        }
    } else {
        let written = super::convert::write_rows(
            &outcome.result,
            args.format,
            output_width(),
            args.output.as_deref(),
        );
        if let Err(e) = written {
            return fail(Exit::Failed, e);
        }
    }
    if !args.quiet {
        crate::console::errln!("{}", measure_line(&outcome.measure));
        crate::console::errln!("{}", stats_line(outcome.stats.as_ref()));
        crate::console::errln!("{}", quota_line(&outcome.quota, &limits));
    }
    Exit::Ok
}

/// Keeps the run in the history as the workbench does, with its rows when they were small
/// enough to pack. A call the local quota held back never ran; a history that cannot be written
/// costs the run nothing but a warning.
fn keep(
    paths: &Paths,
    (profile, backend, started): (&str, &str, std::time::SystemTime),
    query: &str,
    outcome: &Result<crate::api::QueryOutcome, ApiError>,
    packed: Option<crate::history::PackedResult>,
) {
    if matches!(outcome, Err(ApiError::Throttled { local: true, .. })) {
        return;
    }
    let limits = load_config(paths)
        .map(|c| c.workbench.cache_limits())
        .unwrap_or_default();
    let run = crate::history::RunRecord::finished(
        query.to_owned(),
        (profile, backend),
        started,
        outcome,
        false,
    );
    let written = crate::history::History::open(&paths.data_dir.join("history.db"), limits)
        .map_err(|e| e.to_string())
        .and_then(|(mut history, _)| {
            history
                .record(&run, packed.as_ref())
                .map_err(|e| e.to_string())
        });
    if let Err(e) = written {
        crate::console::errln!("kqlhunt: warning: the run is not in the history: {e}");
    }
}
