//! `kqlhunt history`: past runs and their kept results, headless. `history show ID` prints a
//! run's cached rows with no API call.

use super::convert::write_rows;
use super::input::output_width;
use super::{fail, Exit, HistoryArgs, HistoryCommand};
use crate::config::Paths;
use crate::history::{CacheLimits, Filter, History, RunRecord};
use crate::results::{Column, ResultSet, Value};

pub fn run(args: HistoryArgs) -> Exit {
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    let path = paths.data_dir.join("history.db");
    if !path.exists() {
        return fail(
            Exit::Failed,
            format!(
                "no history yet at {}: runs are kept from the first query on",
                path.display()
            ),
        );
    }
    let history = match History::open(&path, CacheLimits::default()) {
        Ok((history, notice)) => {
            if let Some(notice) = notice {
                crate::console::errln!("kqlhunt: {notice}");
            }
            history
        }
        Err(e) => return fail(Exit::Failed, e),
    };
    match args.command {
        Some(HistoryCommand::Show { id, format, chart }) => show(&history, id, format, &chart),
        None => list(&history, &args),
    }
}

fn list(history: &History, args: &HistoryArgs) -> Exit {
    let mut filter = match Filter::parse(
        args.search.as_deref().unwrap_or(""),
        std::time::SystemTime::now(),
    ) {
        Ok(f) => f,
        Err(e) => return fail(Exit::Usage, e),
    };
    filter.limit = args.limit;
    let runs = match history.runs(&filter) {
        Ok(runs) => runs,
        Err(e) => return fail(Exit::Failed, e),
    };
    match write_rows(
        &as_rows(&runs, args.format),
        args.format,
        output_width(),
        None,
    ) {
        Ok(()) => Exit::Ok,
        Err(e) => fail(Exit::Failed, e),
    }
}

/// The runs as a result set, so every output format works on them. The table shows the
/// query's first line; the other formats carry the whole text and the server's Stats.
fn as_rows(runs: &[RunRecord], format: crate::results::writers::Format) -> ResultSet {
    let whole = format != crate::results::writers::Format::Table;
    let mut columns = vec![
        Column::new("Id", "Int64"),
        Column::new("Started", "DateTime"),
        Column::new("Profile", "String"),
        Column::new("Flavor", "String"),
        Column::new("Outcome", "String"),
        Column::new("Rows", "Int64"),
        Column::new("Seconds", "Double"),
        Column::new("Cached", "Boolean"),
        Column::new("Query", "String"),
    ];
    if whole {
        columns.push(Column::new("Message", "String"));
        columns.push(Column::new("Stats", "Dynamic"));
    }
    for run in runs {
        let headline = run.headline();
        let started = crate::history::ticks(run.started);
        let stats = run.stats.as_ref().map(|s| s.to_json().to_string());
        let mut values = vec![
            Value::Long(run.id),
            Value::DateTime(started),
            Value::Text(&run.profile),
            Value::Text(&run.flavor),
            Value::Text(run.outcome.name()),
            Value::Long(run.rows as i64),
            Value::Real(run.wall_time.as_secs_f64()),
            Value::Bool(run.cached),
            Value::Text(if whole { &run.query } else { &headline }),
        ];
        if whole {
            values.push(run.message.as_deref().map_or(Value::Null, Value::Text));
            values.push(stats.as_deref().map_or(Value::Null, Value::Dynamic));
        }
        for (column, value) in columns.iter_mut().zip(values) {
            column.push_value(value);
        }
    }
    ResultSet::from_columns(columns).unwrap_or_default()
}

fn show(
    history: &History,
    id: i64,
    format: crate::results::writers::Format,
    chart: &super::chart::ChartArgs,
) -> Exit {
    let run = match history.run(id) {
        Ok(Some(run)) => run,
        Ok(None) => {
            return fail(
                Exit::Failed,
                format!("no run {id} in the history: `kqlhunt history` lists them"),
            )
        }
        Err(e) => return fail(Exit::Failed, e),
    };
    crate::console::errln!(
        "kqlhunt: run {id}, {} on {}, {}:\n{}",
        crate::results::datetime::format_ticks(crate::history::ticks(run.started)),
        crate::results::display::safe_text(&run.profile),
        crate::results::display::safe_text(&run.summary()),
        crate::results::display::safe_text(&run.query)
    );
    match history.cached(id) {
        // The history keeps no service hint: the kept query's own render picks the chart.
        Ok(Some(result)) if chart.chart.is_some() => super::chart::print(
            chart.chart.unwrap_or(super::chart::ChartFormat::Text),
            chart,
            &super::chart::Charted {
                result: &result,
                query: &run.query,
                hint: None,
            },
            None,
        ),
        Ok(Some(result)) => match write_rows(&result, format, output_width(), None) {
            Ok(()) => Exit::Ok,
            Err(e) => fail(Exit::Failed, e),
        },
        Ok(None) => fail(
            Exit::Failed,
            format!("run {id} has no kept result (it failed, was over the size cap, or was evicted): run the query again"),
        ),
        Err(e) => fail(Exit::Failed, e),
    }
}
