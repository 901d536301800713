//! The statistics view: everything the service said about the last run (`parts(false)`),
//! what kqlhunt measured itself, and which backend and workspace, cluster or host ran it.

use crate::text::{human_bytes, human_duration};
use crate::ui::app::App;

/// The view's lines, plain text (the overlay passes them through `safe_text`).
pub fn lines(app: &App) -> Vec<String> {
    let backend = &app.backend;
    let mut lines = vec![if backend.target.is_empty() {
        format!("backend: {}", backend.name)
    } else {
        format!("backend: {} · {}", backend.name, backend.target)
    }];
    let Some(last) = &app.view.last else {
        lines.push("No run has finished in this tab yet.".into());
        return lines;
    };
    lines.push(String::new());
    lines.push("server:".into());
    match &last.stats {
        Some(stats) => lines.extend(stats.parts(false).into_iter().map(|p| format!("  {p}"))),
        None => lines.push(format!("  {}", backend.no_stats_words())),
    }
    let m = &last.measure;
    lines.push(String::new());
    lines.push("kqlhunt measured:".into());
    lines.push(format!("  wall time {}", human_duration(m.wall_time)));
    lines.push(format!(
        "  {} × {}, {} received",
        crate::text::rows(m.rows),
        crate::text::count(m.columns as u128, "column", "columns"),
        human_bytes(m.bytes as u64)
    ));
    lines
}
