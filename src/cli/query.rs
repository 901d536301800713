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
        Err(e) => return fail(Exit::Usage, e),
        Ok(paths) => {
            let target = crate::run::Target {
                demo,
                flavor,
                backend,
                profile: args.profile.profile.clone(),
                verbose: args.verbose,
            };
            match crate::run::open(paths, &target).await {
                Ok(s) => s,
                Err(e) => return fail(Exit::Usage, e),
            }
        }
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
                .map(|c| crate::history::CacheLimits::of(&c.workbench))
                .unwrap_or_default()
                .per_entry
        }
        _ => 0,
    };
    // Headless, a local query reads runs kept in the history (`_run(ID)`), never a tab.
    let fetched = crate::run::local::Fetched {
        history: match &paths {
            Ok(paths) if !args.no_history => open_history(paths).map(|h| h.place()).ok(),
            _ => None,
        },
        ..Default::default()
    };
    let Some(finished) =
        crate::run::execute_over(backend, &request, &cancel, cache_limit, &fetched).await
    else {
        return fail(Exit::Failed, "kqlhunt is shutting down");
    };
    let outcome = finished.outcome;
    let by = finished.by;
    if let (false, Ok(paths)) = (args.no_history, &paths) {
        let run = (session.profile_name.as_str(), &by, started);
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
        match &outcome.stats {
            None if by.stats == crate::backend::StatsSupport::Local => {
                crate::console::errln!("{}", by.answer_words())
            }
            stats => crate::console::errln!("{}", stats_line(stats.as_ref())),
        }
        crate::console::errln!("{}", quota_line(&outcome.quota, &limits));
    }
    Exit::Ok
}

/// Keeps the run in the history as the workbench does, with its rows when they were small
/// enough to pack. A call the local quota held back never ran; a history that cannot be written
/// costs the run nothing but a warning.
fn keep(
    paths: &Paths,
    (profile, by, started): (&str, &crate::backend::BackendInfo, std::time::SystemTime),
    query: &str,
    outcome: &Result<crate::api::QueryOutcome, ApiError>,
    packed: Option<crate::history::PackedResult>,
) {
    if matches!(outcome, Err(ApiError::Throttled { local: true, .. })) {
        return;
    }
    let run = crate::run::record(query.to_owned(), profile, by, started, outcome, false);
    let written = open_history(paths)
        .map_err(|e| e.to_string())
        .and_then(|mut history| {
            history
                .record(&run, packed.as_ref())
                .map_err(|e| e.to_string())
        });
    if let Err(e) = written {
        crate::console::errln!("kqlhunt: warning: the run is not in the history: {e}");
    }
}

/// The history database the headless commands share with the workbench.
fn open_history(paths: &Paths) -> Result<crate::history::History, crate::history::HistoryError> {
    let limits = load_config(paths)
        .map(|c| crate::history::CacheLimits::of(&c.workbench))
        .unwrap_or_default();
    crate::history::History::open(&paths.data_dir.join("history.db"), limits).map(|(h, _)| h)
}
