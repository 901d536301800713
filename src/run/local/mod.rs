//! Local queries: KQL over results already fetched (`_result`, `_tab("name")`, `_run(ID)`), run
//! by the engine behind the demo tenant, with no API call and no quota spent. The run layer
//! plans every run here first: a query that reads a fetched result gets a [`Local`] backend
//! over exactly the tables it reads; any other goes to the session's backend.

mod sources;
mod tables;

use std::sync::Arc;

use crate::api::QuotaSnapshot;
use crate::backend::Local;
use crate::engine::Database;
use crate::history::{HistoryError, HistoryPlace};
use crate::results::ResultSet;

pub use sources::{sources, BadSource, Source, TabRef};
pub use tables::table_of;

/// What a local query may read where it runs: the workbench offers its tabs, a headless
/// command only the history.
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    pub this_result: ThisResult,
    /// Every tab, in order.
    pub tabs: Vec<FetchedTab>,
    /// The history, for `_run(ID)`; `None` when it is off.
    pub history: Option<HistoryPlace>,
}

#[derive(Clone, Debug, Default)]
pub enum ThisResult {
    Shown(Arc<ResultSet>),
    /// The tab has run nothing yet, or its run failed.
    NoneYet,
    /// A headless command: there is no tab.
    #[default]
    Headless,
}

#[derive(Clone, Debug)]
pub struct FetchedTab {
    /// The names it answers to: the one the hunter gave it, its label in the tab bar.
    pub names: Vec<String>,
    pub result: Option<Arc<ResultSet>>,
}

/// Why a local query cannot start; each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error(transparent)]
    BadSource(#[from] BadSource),
    #[error("_result is this tab's result, and this tab has none yet: run a query here first, or read another tab with _tab(\"name\")")]
    NoResultYet,
    #[error("_result and _tab read the workbench's tabs, which a headless command does not have: read a run kept in the history with _run(ID) (`kqlhunt history` lists the ids)")]
    NoTabs,
    #[error("no tab is {wanted} (the tabs: {known}): name a tab in the workbench, or use its number, _tab(2)")]
    UnknownTab { wanted: String, known: String },
    #[error("tab {0} has no result yet: run its query first")]
    TabWithoutResult(String),
    #[error(
        "_run({0}) reads the history, which is off here (--no-history, or no history database)"
    )]
    NoHistory(i64),
    #[error("no run {0} in the history: `kqlhunt history` (or the history pane) lists the runs and their ids")]
    UnknownRun(i64),
    #[error("run {0} is in the history but its rows are not kept (too big for the cache, evicted, or it failed): run its query again")]
    RunNotKept(i64),
    #[error("_run({id}) could not be read: {error}")]
    History { id: i64, error: HistoryError },
}

/// The local backend for `query`, or `None` when it reads no fetched result. Reads the history
/// for `_run`: call it off the UI loop.
pub fn plan(
    query: &str,
    fetched: &Fetched,
    quota: QuotaSnapshot,
) -> Result<Option<Local>, LocalError> {
    let wanted = sources(query)?;
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut database = Database::default();
    let mut read = Vec::new();
    for source in &wanted {
        let result = fetch(source, fetched)?;
        read.push(format!(
            "{} ({})",
            source.written(),
            crate::text::rows(result.row_count())
        ));
        database.insert_shared(&source.table_name(), table_of(&result));
    }
    Ok(Some(Local::new(database, read.join(", "), quota)))
}

fn fetch(source: &Source, fetched: &Fetched) -> Result<Arc<ResultSet>, LocalError> {
    match source {
        Source::ThisResult => match &fetched.this_result {
            ThisResult::Shown(result) => Ok(result.clone()),
            ThisResult::NoneYet => Err(LocalError::NoResultYet),
            ThisResult::Headless => Err(LocalError::NoTabs),
        },
        Source::Tab(wanted) => {
            if matches!(fetched.this_result, ThisResult::Headless) {
                return Err(LocalError::NoTabs);
            }
            let found = match wanted {
                TabRef::Number(n) => n.checked_sub(1).and_then(|i| fetched.tabs.get(i)),
                TabRef::Name(name) => fetched
                    .tabs
                    .iter()
                    .find(|t| t.names.iter().any(|n| n == name))
                    .or_else(|| {
                        fetched
                            .tabs
                            .iter()
                            .find(|t| t.names.iter().any(|n| n.eq_ignore_ascii_case(name)))
                    }),
            };
            let said = source.written();
            let Some(tab) = found else {
                let known = fetched
                    .tabs
                    .iter()
                    .enumerate()
                    .map(|(i, t)| match t.names.first() {
                        Some(name) => format!("{} \"{name}\"", i + 1),
                        None => (i + 1).to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(LocalError::UnknownTab {
                    wanted: match wanted {
                        TabRef::Name(name) => format!("named \"{name}\""),
                        TabRef::Number(n) => format!("number {n}"),
                    },
                    known,
                });
            };
            tab.result.clone().ok_or(LocalError::TabWithoutResult(said))
        }
        Source::Run(id) => {
            let id = *id;
            let place = fetched.history.as_ref().ok_or(LocalError::NoHistory(id))?;
            let history_error = |error| LocalError::History { id, error };
            let history = place.open().map_err(history_error)?;
            if history.run(id).map_err(history_error)?.is_none() {
                return Err(LocalError::UnknownRun(id));
            }
            history
                .cached(id)
                .map_err(history_error)?
                .map(Arc::new)
                .ok_or(LocalError::RunNotKept(id))
        }
    }
}
