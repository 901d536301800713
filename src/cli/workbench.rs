//! `kqlhunt` and `kqlhunt --demo`: the interactive workbench.

use super::{fail, Exit};
use crate::api::Flavor;
use crate::config::Paths;
use crate::connect::load_config;
use crate::drafts::Drafts;
use crate::history::History;
use crate::ui::app::App;
use crate::ui::notices::Level;

pub async fn run(
    demo: bool,
    flavor: Option<Flavor>,
    backend: Option<crate::config::BackendKind>,
    profile: Option<String>,
) -> Exit {
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let headless = if demo {
            "kqlhunt query --demo 'DeviceInfo | take 5'"
        } else {
            "kqlhunt query 'DeviceInfo | take 5'"
        };
        return fail(
            Exit::Usage,
            format!(
                "the workbench needs a terminal; in a script, run queries headless: {headless}"
            ),
        );
    }
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    if demo {
        crate::console::errln!("kqlhunt: starting the demo tenant...");
    }
    let target = crate::run::Target {
        demo,
        flavor,
        backend,
        profile,
        verbose: false,
    };
    let session = match crate::run::open(&paths, &target).await {
        Ok(session) => session,
        Err(e @ crate::run::SessionError::Demo(_)) => return fail(Exit::Failed, e),
        Err(e) => return fail(Exit::Usage, e),
    };
    let backend = session.backend.clone();
    let (keymap, warning) = crate::ui::keymap::Keymap::load(&paths.config_dir.join("keymap.toml"));
    let mut app = App::new(
        &session.profile_name,
        backend.info().clone(),
        backend.quota(),
        &crate::ui::editor::welcome(&keymap),
    );
    let schema = backend.schema();
    app.side.schema = schema.clone();
    app.assist.knowledge = std::sync::Arc::new(crate::assist::knowledge::Knowledge::new(schema));
    for warning in &session.warnings {
        app.notify(Level::Warning, warning.clone());
    }
    app.keymap = keymap;
    if let Some(warning) = warning {
        app.notify(Level::Warning, warning);
    }
    let settings = match load_config(&paths) {
        Ok(config) => {
            app.assist.advice = config.advice;
            app.set_wrap(config.editor.wrap);
            app.chart_series = config.chart.series.max(1);
            config.workbench
        }
        Err(e) => {
            app.notify(Level::Warning, format!("{e}; using the defaults"));
            crate::config::WorkbenchSettings::default()
        }
    };
    app.copy_limit = settings.copy_limit_kb.max(1) * 1024;
    app.focus_results_on_run = settings.focus_results_on_run;
    app.mouse = settings.mouse;
    match crate::ui::pivot::window(&settings.pivot_window) {
        Ok(window) => app.pivot_window = window,
        Err(e) => {
            app.notify(Level::Warning, e);
        }
    }
    let (theme, warning) =
        crate::ui::theme::Theme::load(&settings.theme, &paths.config_dir.join("themes"));
    if let Some(warning) = warning {
        app.notify(Level::Warning, warning);
    }
    let preferences = paths.data_dir.join("workbench.json");
    if let Some(format) = crate::ui::copy::load_format(&preferences) {
        app.copy_format = format;
    }
    app.preferences = Some(preferences);
    app.keep.saved = Some(paths.data_dir.join("saved"));
    app.keep.rules = crate::config::RulesSettings::discover(&paths).ok();
    app.reload_saved();
    open_history(&mut app, &paths, &settings);
    open_drafts(&mut app, &paths);
    // The session (and the demo tenant in it) lives as long as the workbench.
    let outcome = crate::ui::run(app, Some(backend), theme).await;
    drop(session);
    match outcome {
        Ok(()) => Exit::Ok,
        Err(e) => fail(Exit::Failed, e),
    }
}

/// `kqlhunt open RESPONSE.json`: a saved API response in the workbench, offline; with
/// `--query-text FILE` the query it answered is in the editor and its `render` draws the
/// chart; with `--chart`, the chart is printed instead, headless.
pub async fn open(args: super::OpenArgs) -> Exit {
    let path = args.response.as_path();
    if args.chart.chart.is_none() && !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return fail(
            Exit::Usage,
            "the workbench needs a terminal; to turn a response into rows, use `kqlhunt convert`; to chart it, add --chart",
        );
    }
    let query = match args.query_text.as_deref().map(super::input::read_text) {
        Some(Ok(query)) => Some(query),
        Some(Err(e)) => return fail(Exit::Usage, e),
        None => None,
    };
    let (document, size) = match super::input::read_response(path) {
        Ok(found) => found,
        Err(e) => return fail(Exit::Failed, e),
    };
    if let Some(format) = args.chart.chart {
        let charted = super::chart::Charted {
            result: &document.result,
            query: query.as_deref().unwrap_or(""),
            hint: document.render.as_ref(),
        };
        return super::chart::print(format, &args.chart, &charted, args.output.as_deref());
    }
    let render = crate::chart::spec_for(document.render.as_ref(), query.as_deref().unwrap_or(""));
    let stats = document
        .stats
        .as_ref()
        .map(crate::api::ServerStats::from_json);
    let name = path
        .file_name()
        .map_or("response".into(), |n| n.to_string_lossy().into_owned());
    let backend = crate::backend::BackendInfo::saved_response(stats.is_some());
    let mut text = format!("// {name}, opened offline: the results below are from the file.");
    if let Some(query) = &query {
        text.push('\n');
        text.push_str(query);
    }
    let mut app = App::new(&name, backend, crate::api::QuotaSnapshot::default(), &text);
    app.offline = true;
    app.show(
        document.result,
        crate::api::ClientMeasure {
            bytes: size,
            ..Default::default()
        },
        stats,
    );
    app.focus = crate::ui::app::Focus::Results;
    // The hunter's theme, as in the online workbench.
    let settings = Paths::discover().ok().map(|p| {
        let config = load_config(&p).unwrap_or_default();
        app.set_wrap(config.editor.wrap);
        app.chart_series = config.chart.series.max(1);
        (config.workbench, p.config_dir.join("themes"))
    });
    let (name, dir) = settings.map_or(("dark".to_owned(), std::path::PathBuf::new()), |(s, d)| {
        app.mouse = s.mouse;
        (s.theme, d)
    });
    let (theme, _) = crate::ui::theme::Theme::load(&name, &dir);
    // The query's render (or the file's own hint) draws its chart, as after a run.
    app.show_render(render);
    match crate::ui::run(app, None, theme).await {
        Ok(()) => Exit::Ok,
        Err(e) => fail(Exit::Failed, e),
    }
}

/// The run history; without it the workbench still runs and says why nothing is kept.
fn open_history(app: &mut App, paths: &Paths, settings: &crate::config::WorkbenchSettings) {
    match History::open(
        &paths.data_dir.join("history.db"),
        crate::history::CacheLimits::of(settings),
    ) {
        Ok((history, notice)) => {
            app.keep.history = Some(history);
            app.refresh_history();
            if let Some(notice) = notice {
                app.notify(Level::Warning, notice);
            }
        }
        Err(e) => {
            app.notify(
                Level::Warning,
                format!("{e}; runs of this session are listed but not kept"),
            );
        }
    }
}

/// Takes up the buffers of workbenches that are gone, and starts this one's drafts.
fn open_drafts(app: &mut App, paths: &Paths) {
    match Drafts::start(&paths.data_dir.join("drafts")) {
        Ok((drafts, adopted)) => {
            let count = adopted.buffers.len();
            if count > 0 {
                app.restore(adopted.buffers.clone(), Some(count - 1));
                if adopted.unclean {
                    app.notify(
                        Level::Info,
                        format!(
                        "restored {count} buffer{} from a workbench that ended without quitting",
                        if count == 1 { "" } else { "s" }
                    ),
                    );
                }
            }
            app.keep.drafts = Some(drafts);
            // The adopted buffers are safe here before their old files go.
            app.save_drafts(false);
            if let Some(drafts) = &app.keep.drafts {
                drafts.retire(&adopted);
            }
        }
        Err(e) => {
            app.notify(
                Level::Warning,
                format!(
                    "cannot keep drafts in {} ({e}): buffers are not saved as you type",
                    paths.data_dir.join("drafts").display()
                ),
            );
        }
    }
}
