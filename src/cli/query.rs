//! `kqlhunt query`: one query, headless.

use tokio_util::sync::CancellationToken;

use super::input::{output_width, read_query};
use super::report::{measure_line, quota_line, stats_line};
use super::{fail, Exit, QueryArgs};
use crate::api::{ApiError, Flavor, QueryRequest};
use crate::config::Paths;
use crate::connect::{connect, load_config};

pub async fn run(args: QueryArgs, demo: bool, flavor: Option<Flavor>) -> Exit {
    let query = match read_query(&args) {
        Ok(q) => q,
        Err(e) => return fail(Exit::Usage, e),
    };
    // Keeps the demo tenant alive for the run.
    let mut _emulator = None;
    let paths = Paths::discover();
    let setup = match paths.clone() {
        Err(e) => Err(e),
        Ok(paths) if demo => {
            match crate::connect::demo(&paths, flavor.unwrap_or(Flavor::Graph)).await {
                Ok((connection, emulator)) => {
                    _emulator = Some(emulator);
                    Ok(connection)
                }
                Err(e) => Err(e),
            }
        }
        Ok(paths) => load_config(&paths).and_then(|mut config| {
            if let Some(flavor) = flavor {
                let (name, _) = config.profile(args.profile.profile.as_deref())?;
                if let Some(p) = config.profiles.get_mut(&name) {
                    p.flavor = flavor;
                }
            }
            connect(&paths, &config, args.profile.profile.as_deref())
        }),
    };
    let mut connection = match setup {
        Ok(c) => c,
        Err(e) => return fail(Exit::Usage, e),
    };
    connection.client = connection.client.with_verbose(args.verbose);
    for warning in &connection.warnings {
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
    let outcome = connection.client.run(&request, &cancel).await;
    if let (false, Ok(paths)) = (args.no_history, &paths) {
        keep(paths, &connection, &request.query, started, &outcome);
    }
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(ApiError::Cancelled) => return fail(Exit::Cancelled, "cancelled; nothing was printed"),
        Err(e) => {
            if !args.quiet {
                crate::console::errln!(
                    "{}",
                    quota_line(&connection.client.quota(), &connection.profile.quota)
                );
            }
            return fail(Exit::Failed, e);
        }
    };
    for warning in &outcome.warnings {
        crate::console::errln!("kqlhunt: warning: {warning}");
    }
    let written = super::convert::write_rows(
        &outcome.result,
        args.format,
        output_width(),
        args.output.as_deref(),
    );
    if let Err(e) = written {
        return fail(Exit::Failed, e);
    }
    if !args.quiet {
        crate::console::errln!("{}", measure_line(&outcome.measure));
        crate::console::errln!("{}", stats_line(outcome.stats.as_ref()));
        crate::console::errln!("{}", quota_line(&outcome.quota, &connection.profile.quota));
    }
    Exit::Ok
}

/// Keeps the run in the history as the workbench does, with its rows when they are small enough.
/// A call the local quota held back never ran; a history that cannot be written costs the run
/// nothing but a warning.
fn keep(
    paths: &Paths,
    connection: &crate::connect::Connection,
    query: &str,
    started: std::time::SystemTime,
    outcome: &Result<crate::api::QueryOutcome, ApiError>,
) {
    if matches!(outcome, Err(ApiError::Throttled { local: true, .. })) {
        return;
    }
    let limits = load_config(paths)
        .map(|c| c.workbench.cache_limits())
        .unwrap_or_default();
    let run = crate::history::RunRecord::finished(
        query.to_owned(),
        (
            &connection.profile_name,
            connection.client.endpoint().flavor.name(),
        ),
        started,
        outcome,
        false,
    );
    let packed = match outcome {
        Ok(done) if limits.per_entry > 0 => crate::history::pack(&done.result, limits.per_entry),
        _ => None,
    };
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
