//! The workbench: a KQL editor, the results grid and a status bar in one terminal screen.
//!
//! One data flow (see the README's design notes): a key becomes an [`keymap::Action`],
//! [`app::App`] changes state and may start a query task; the task reports back on a channel;
//! the screen is drawn from the state, only when something changed.

mod actions;
mod answers;
pub mod app;
mod assist;
pub mod chart;
pub mod copy;
mod copy_menu;
mod crash;
mod detection;
mod draw;
pub mod editor;
pub mod export;
pub mod export_chart;
mod fetched;
pub mod grid;
pub mod help;
mod keeping;
pub mod keymap;
mod mouse;
pub mod notices;
mod paste;
pub mod pivot;
pub mod prompt;
mod prompt_answers;
mod record;
mod runs;
mod saving;
mod screen_rows;
pub mod side;
mod side_keys;
mod soft_wrap;
mod tabs;
mod terminal;
pub mod theme;
mod undo;
pub mod view;
pub mod work;

use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEventKind};
use tokio::sync::mpsc;

use app::{App, Command};
use notices::Level;
use theme::Theme;

use crate::api::{ApiError, QueryOutcome};
use crate::backend::Backend;
use crate::history::PackedResult;

pub use draw::draw;

enum AppEvent {
    Terminal(Event),
    /// A run ended: its id, how, its rows packed for the history, its columns' widths.
    QueryDone(
        view::RunId,
        Box<Result<QueryOutcome, ApiError>>,
        Option<PackedResult>,
        Option<Vec<usize>>,
        Box<crate::backend::BackendInfo>,
    ),
    /// SIGHUP or SIGTERM: the link dropped or the system is stopping the workbench.
    HangUp,
    ExportProgress(u64),
    ExportDone(Result<export::Exported, String>),
    /// Some thread panicked (see `crash.rs`).
    Crashed,
    /// The history recorder stored a run, or could not.
    Recorded(crate::history::Recorded),
    /// A copy reached its route: how the status line names it, and where it went.
    Copied(String, crate::clipboard::Delivered),
    /// Work off the UI loop (a sort, a lint, ...) has answers waiting (see `work.rs`).
    Worked,
}

/// Runs the workbench until the hunter quits. The terminal is restored whatever happens.
/// Without a backend the workbench browses a saved response; running a query then says why not.
pub async fn run(
    mut app: App,
    backend: Option<Arc<dyn Backend>>,
    theme: Theme,
) -> Result<(), String> {
    let mut terminal =
        terminal::enter(app.mouse).map_err(|e| format!("cannot use this terminal: {e}"))?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let wake = tx.clone();
    crash::listen(move || {
        let _ = wake.send(AppEvent::Crashed);
    });
    let input = tx.clone();
    // crossterm's reader blocks: it gets a thread of its own.
    std::thread::spawn(move || {
        while let Ok(event) = ratatui::crossterm::event::read() {
            if input.send(AppEvent::Terminal(event)).is_err() {
                break;
            }
        }
    });
    watch_hangups(tx.clone());
    start_recorder(&mut app, &tx);
    let worked = tx.clone();
    app.work.on_answer(move || {
        let _ = worked.send(AppEvent::Worked);
    });
    if let Ok(size) = terminal.size() {
        app.screen = (size.width, size.height);
    }
    let mut dirty = true;
    let outcome = loop {
        if dirty {
            let drawn = survive(|| {
                terminal::draw_synchronized(&mut terminal, |frame| draw(&app, frame, &theme))
            });
            match drawn {
                Some(Ok(())) => {}
                Some(Err(e)) => break Err(format!("cannot draw: {e}")),
                None => break Err(crashed(&mut app)),
            }
            // A clipboard request goes out after a whole frame, never inside one.
            if let Some(escape) = app.pending_clipboard.take() {
                let _ = terminal::write_raw(&escape);
            }
            dirty = false;
        }
        // No timer while idle: an idle workbench uses no CPU. Timers: the spinner or countdown,
        // and the drafts a moment after the last keystroke.
        let tick = app
            .animating()
            .then(|| tokio::time::Instant::now() + Duration::from_millis(100));
        let drafts = app.keep.draft_due().map(tokio::time::Instant::from_std);
        let lint = app.assist.lint_due().map(tokio::time::Instant::from_std);
        let wake = [tick, drafts, lint].into_iter().flatten().min();
        let event = match wake {
            Some(at) => tokio::select! {
                event = rx.recv() => event,
                _ = tokio::time::sleep_until(at) => {
                    let timers = survive(|| {
                        let mut changed = false;
                        app.save_drafts_if_due();
                        if app.assist.lint_due().is_some_and(|at| at <= std::time::Instant::now()) {
                            app.lint_if_due();
                            changed = true;
                        }
                        if app.animating() {
                            app.tick();
                            changed = true;
                        }
                        changed
                    });
                    match timers {
                        Some(changed) => dirty |= changed,
                        None => break Err(crashed(&mut app)),
                    }
                    continue;
                }
            },
            None => rx.recv().await,
        };
        let Some(event) = event else { break Ok(()) };
        // Take every event already waiting, then draw once.
        let mut pending = vec![event];
        while let Ok(more) = rx.try_recv() {
            pending.push(more);
        }
        if pending.iter().any(|e| matches!(e, AppEvent::Crashed)) {
            break Err(crashed(&mut app));
        }
        match survive(|| {
            pending.into_iter().fold(false, |changed, event| {
                handle(&mut app, event, &backend, &tx) | changed
            })
        }) {
            Some(changed) => dirty |= changed,
            None => break Err(crashed(&mut app)),
        }
        if app.quit {
            break Ok(());
        }
    };
    terminal::leave();
    crash::stop_listening();
    if app.quit && !app.hung_up {
        // A clean quit keeps the buffers for the next start too.
        app.save_drafts(true);
    }
    outcome
}

/// Runs a piece of the UI loop; `None` when it panicked (the hook has the message).
fn survive<T>(work: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
}

/// After a panic anywhere: the drafts are saved, and the hunter is told what happened.
fn crashed(app: &mut App) -> String {
    let what = crash::message().unwrap_or_else(|| "an internal error".into());
    app.notices.dismiss_all();
    let keeps_drafts = app.keep.drafts.is_some();
    let saved = keeps_drafts && crash::guarded(|| app.save_drafts(false)).is_some();
    let failed = app
        .notices
        .current()
        .is_some_and(|n| n.level == notices::Level::Error);
    let drafts = match (keeps_drafts, saved && !failed) {
        (false, _) => "This workbench keeps no drafts.",
        (true, true) => "Your buffers are saved as drafts and open again at the next start.",
        (true, false) => "The drafts could not be saved now; the last ones written (at most a second old) open again at the next start.",
    };
    format!("kqlhunt stopped after an internal error: {what}. {drafts} Please report this message.")
}

/// SIGHUP (the SSH link dropped) and SIGTERM end the workbench after its drafts are written.
/// Runs are written into the history by a thread of its own: a database another kqlhunt holds
/// makes that thread wait, never the screen.
fn start_recorder(app: &mut App, tx: &mpsc::UnboundedSender<AppEvent>) {
    let Some(history) = &app.keep.history else {
        return;
    };
    let tx = tx.clone();
    match crate::history::Recorder::start(history, move |outcome| {
        let _ = tx.send(AppEvent::Recorded(outcome));
    }) {
        Ok(recorder) => app.keep.recorder = Some(recorder),
        Err(e) => {
            app.notify(
                Level::Error,
                format!("{e}; runs are written as they finish"),
            );
        }
    }
}

fn watch_hangups(tx: mpsc::UnboundedSender<AppEvent>) {
    use tokio::signal::unix::{signal, SignalKind};
    for kind in [SignalKind::hangup(), SignalKind::terminate()] {
        let Ok(mut signals) = signal(kind) else {
            continue;
        };
        let tx = tx.clone();
        tokio::spawn(async move {
            if signals.recv().await.is_some() {
                let _ = tx.send(AppEvent::HangUp);
            }
        });
    }
}

/// Delivers a copy on a blocking thread: tmux is asked and given the text there, each step
/// bounded in time, so the screen never waits on it. Copies go one at a time, in order.
fn copy_off_the_loop(job: copy::CopyJob, tx: mpsc::UnboundedSender<AppEvent>) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    tokio::task::spawn_blocking(move || {
        let _turn = ONE_AT_A_TIME.lock();
        let chain = crate::clipboard::Chain::detect();
        let delivered = crate::clipboard::deliver(&job.text, &chain);
        let _ = tx.send(AppEvent::Copied(job.what, delivered));
    });
}

fn handle(
    app: &mut App,
    event: AppEvent,
    backend: &Option<Arc<dyn Backend>>,
    tx: &mpsc::UnboundedSender<AppEvent>,
) -> bool {
    match event {
        AppEvent::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            #[cfg(debug_assertions)]
            crash::test_panic(&key);
            let command = app.on_key(key);
            if let Some(Command::Copy(job)) = command {
                copy_off_the_loop(job, tx.clone());
            } else if let Some(Command::Export(job)) = command {
                let tx = tx.clone();
                tokio::task::spawn_blocking(move || {
                    let progress = tx.clone();
                    let outcome = export::run(&job, |bytes| {
                        let _ = progress.send(AppEvent::ExportProgress(bytes));
                    });
                    let _ = tx.send(AppEvent::ExportDone(outcome));
                });
            } else if let Some(Command::ExportChart(job)) = command {
                let tx = tx.clone();
                tokio::task::spawn_blocking(move || {
                    let _ = tx.send(AppEvent::ExportDone(export_chart::run(&job)));
                });
            } else if let Some(Command::Run(id, request, cancel)) = command {
                // Offline apps never ask to run (see `App::offline`).
                let Some(backend) = backend.clone() else {
                    return true;
                };
                let tx = tx.clone();
                let cache_limit = app.cache_limit();
                let fetched = app.fetched();
                tokio::spawn(async move {
                    let Some(finished) = crate::run::execute_over(
                        backend.as_ref(),
                        &request,
                        &cancel,
                        cache_limit,
                        &fetched,
                    )
                    .await
                    else {
                        return;
                    };
                    // Every cell is measured for the columns' widths, here rather than on the
                    // UI loop.
                    let (outcome, widths) = match finished.outcome {
                        Ok(done) => {
                            let Ok((done, widths)) = tokio::task::spawn_blocking(move || {
                                let widths = crash::guarded(|| {
                                    crate::results::view::measure_widths(&done.result)
                                });
                                (done, widths)
                            })
                            .await
                            else {
                                return;
                            };
                            (Ok(done), widths)
                        }
                        failed => (failed, None),
                    };
                    let _ = tx.send(AppEvent::QueryDone(
                        id,
                        Box::new(outcome),
                        finished.packed,
                        widths,
                        Box::new(finished.by),
                    ));
                });
            }
            true
        }
        AppEvent::Terminal(Event::Resize(width, height)) => {
            app.screen = (width, height);
            true
        }
        AppEvent::Terminal(Event::Mouse(mouse)) => {
            // A click never starts a query: whatever it returns, nothing runs from here.
            let _ = app.on_mouse(mouse);
            true
        }
        AppEvent::Terminal(Event::Paste(text)) => {
            app.paste(&text);
            true
        }
        AppEvent::Terminal(_) => false,
        AppEvent::ExportProgress(bytes) => {
            app.export_progress(bytes);
            true
        }
        AppEvent::Copied(what, delivered) => {
            app.copied(&what, delivered);
            true
        }
        AppEvent::ExportDone(outcome) => {
            app.export_done(outcome);
            true
        }
        AppEvent::QueryDone(id, outcome, packed, widths, by) => {
            let quota = backend
                .as_ref()
                .map_or_else(|| app.quota.clone(), |b| b.quota());
            app.answered(id, *outcome, quota, packed, widths, Some(*by));
            true
        }
        // Handled by the loop before any other event.
        AppEvent::Crashed => false,
        AppEvent::Recorded(outcome) => {
            app.recorded(outcome);
            true
        }
        AppEvent::Worked => app.take_answers(),
        AppEvent::HangUp => {
            app.save_drafts(false);
            app.hung_up = true;
            app.quit = true;
            false
        }
    }
}
