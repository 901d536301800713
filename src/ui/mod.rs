//! The workbench: a KQL editor, the results grid and a status bar in one terminal screen.
//!
//! One data flow (see the README's design notes): a key becomes an [`keymap::Action`],
//! [`app::App`] changes state and may start a query task; the task reports back on a channel;
//! the screen is drawn from the state, only when something changed.

pub mod app;
pub mod copy;
mod draw;
pub mod editor;
pub mod export;
pub mod grid;
pub mod keymap;
mod prompt;
mod runs;
pub mod side;
mod side_keys;
mod terminal;
pub mod theme;

use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEventKind};
use tokio::sync::mpsc;

use app::{App, Command};
use theme::Theme;

use crate::api::{ApiError, HuntingClient, QueryOutcome};

pub use draw::draw;

enum AppEvent {
    Terminal(Event),
    QueryDone(Box<Result<QueryOutcome, ApiError>>),
    ExportProgress(u64),
    ExportDone(Result<export::Exported, String>),
}

/// Runs the workbench until the hunter quits. The terminal is restored whatever happens.
/// Without a client the workbench browses a saved response; running a query then says why not.
pub async fn run(
    mut app: App,
    client: Option<Arc<HuntingClient>>,
    theme: Theme,
) -> Result<(), String> {
    let mut terminal = terminal::enter().map_err(|e| format!("cannot use this terminal: {e}"))?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let input = tx.clone();
    // crossterm's reader blocks: it gets a thread of its own.
    std::thread::spawn(move || {
        while let Ok(event) = ratatui::crossterm::event::read() {
            if input.send(AppEvent::Terminal(event)).is_err() {
                break;
            }
        }
    });
    if let Ok(size) = terminal.size() {
        app.screen = (size.width, size.height);
    }
    let mut dirty = true;
    let outcome = loop {
        if dirty {
            if let Err(e) =
                terminal::draw_synchronized(&mut terminal, |frame| draw(&app, frame, &theme))
            {
                break Err(format!("cannot draw: {e}"));
            }
            // A clipboard request goes out after a whole frame, never inside one.
            if let Some(escape) = app.pending_clipboard.take() {
                let _ = terminal::write_raw(&escape);
            }
            dirty = false;
        }
        // No timer while idle: an idle workbench uses no CPU.
        let event = if app.animating() {
            tokio::select! {
                event = rx.recv() => event,
                _ = tokio::time::sleep(Duration::from_millis(100)) => { app.tick(); dirty = true; continue; }
            }
        } else {
            rx.recv().await
        };
        let Some(event) = event else { break Ok(()) };
        // Take every event already waiting, then draw once.
        let mut pending = vec![event];
        while let Ok(more) = rx.try_recv() {
            pending.push(more);
        }
        for event in pending {
            dirty |= handle(&mut app, event, &client, &tx);
        }
        if app.quit {
            break Ok(());
        }
    };
    terminal::leave();
    outcome
}

fn handle(
    app: &mut App,
    event: AppEvent,
    client: &Option<Arc<HuntingClient>>,
    tx: &mpsc::UnboundedSender<AppEvent>,
) -> bool {
    match event {
        AppEvent::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            let command = app.on_key(key);
            if let Some(Command::Export(job)) = command {
                let tx = tx.clone();
                tokio::task::spawn_blocking(move || {
                    let progress = tx.clone();
                    let outcome = export::run(&job, |bytes| {
                        let _ = progress.send(AppEvent::ExportProgress(bytes));
                    });
                    let _ = tx.send(AppEvent::ExportDone(outcome));
                });
            } else if let Some(Command::Run(request, cancel)) = command {
                // Offline apps never ask to run (see `App::offline`).
                let Some(client) = client.clone() else {
                    return true;
                };
                let tx = tx.clone();
                tokio::spawn(async move {
                    let outcome = client.run(&request, &cancel).await;
                    let _ = tx.send(AppEvent::QueryDone(Box::new(outcome)));
                });
            }
            true
        }
        AppEvent::Terminal(Event::Resize(width, height)) => {
            app.screen = (width, height);
            true
        }
        AppEvent::Terminal(Event::Paste(text)) => {
            app.editor.area.insert_str(text);
            true
        }
        AppEvent::Terminal(_) => false,
        AppEvent::ExportProgress(bytes) => {
            app.export_progress(bytes);
            true
        }
        AppEvent::ExportDone(outcome) => {
            app.export_done(outcome);
            true
        }
        AppEvent::QueryDone(outcome) => {
            let quota = client
                .as_ref()
                .map_or_else(|| app.quota.clone(), |c| c.quota());
            app.finished(*outcome, quota);
            true
        }
    }
}
