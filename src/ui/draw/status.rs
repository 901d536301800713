//! The status bar (always visible) and the hint bar under it.

use std::time::SystemTime;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::api::QuotaRules;
use crate::assist::diagnose::Severity;
use crate::results::display::{display_width, fit_width, safe_text};
use crate::text::{human_bytes, human_duration};
use crate::ui::app::{App, Focus, PromptKind, RunState};
use crate::ui::keymap::Action;
use crate::ui::keymap::Scope;
use crate::ui::notices::Level;
use crate::ui::theme::Theme;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    // The server's figures take the room the rest leaves, whole figures only.
    let mut server = None;
    let mut measure: Option<(usize, String)> = None;
    let mut spans = vec![Span::raw(format!(
        " {} · {} │ ",
        safe_text(&app.profile),
        safe_text(&app.backend.name)
    ))];
    match &app.view.run {
        RunState::Idle => spans.push(Span::raw("idle")),
        RunState::Running { .. } => {
            let elapsed = app.elapsed().map(human_duration).unwrap_or_default();
            spans.push(Span::styled(
                format!(
                    "{} running {elapsed} ({} cancels)",
                    SPINNER[app.spinner % SPINNER.len()],
                    app.keymap.first_key(Action::Cancel)
                ),
                theme.ok(),
            ));
        }
        RunState::Cancelled => spans.push(Span::raw("cancelled")),
        RunState::Failed => {
            let summary = app
                .view
                .error
                .as_ref()
                .map_or(String::new(), |e| e.summary.clone());
            spans.push(Span::styled(
                format!("error: {}", safe_text(&summary)),
                theme.error(),
            ));
        }
        RunState::Done => {
            if let Some(started) = app.view.cached_from {
                let age = SystemTime::now()
                    .duration_since(started)
                    .unwrap_or_default();
                spans.push(Span::styled(
                    format!("cached, ran {} ago, no API call │ ", human_age(age)),
                    theme.ok(),
                ));
            }
            if let Some(last) = &app.view.last {
                let m = &last.measure;
                // At narrow widths the row count alone stays, so the server's figures fit.
                measure = Some((spans.len(), crate::text::rows(m.rows)));
                spans.push(Span::raw(format!(
                    "{} × {}, {} in {}",
                    crate::text::rows(m.rows),
                    crate::text::count(m.columns as u128, "col", "cols"),
                    human_bytes(m.bytes as u64),
                    human_duration(m.wall_time)
                )));
                if m.rows >= crate::api::ROW_CAP {
                    spans.push(Span::styled(" (row cap: may be cut)", theme.error()));
                }
                match &last.stats {
                    None => spans.push(Span::raw(format!(
                        " │ {}",
                        last.by.as_ref().unwrap_or(&app.backend).answer_words()
                    ))),
                    Some(s) => server = Some(s),
                }
            }
        }
    }
    // The quota never leaves the bar: the other parts shorten first.
    let (short, long) = quota_text(app);
    let style = if app
        .quota
        .wait_until()
        .is_some_and(|u| u > SystemTime::now())
    {
        theme.error()
    } else {
        theme.status()
    };
    let width = area.width as usize;
    let mut left: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    // The server's figures come before the quota's long form; the quota's short form always
    // stays.
    let room = width.saturating_sub(3 + display_width(&short) + left);
    let shown = |line: &Option<String>| line.as_ref().map_or(0, |l| l.split(" · ").count());
    let mut line = server.and_then(|s| super::stats_line::fit(s, room.saturating_sub(11)));
    if let (Some(stats), Some((at, brief))) = (server, measure) {
        let saved = display_width(&spans[at].content) - display_width(&brief);
        let shorter = super::stats_line::fit(stats, (room + saved).saturating_sub(11));
        if shown(&shorter) > shown(&line) {
            spans[at] = Span::raw(brief);
            left -= saved;
            line = shorter;
        }
    }
    if let Some(line) = line {
        let part = format!(" │ server: {line}");
        left += display_width(&part);
        spans.push(Span::raw(part));
    }
    let quota = if left + 3 + display_width(&long) <= width {
        long
    } else {
        let room = width.saturating_sub(3 + left);
        if room > display_width(&short) {
            fit_width(&long, room).into_owned()
        } else {
            short
        }
    };
    let mut spans = fit_spans(spans, width.saturating_sub(3 + display_width(&quota)));
    spans.push(Span::raw(" │ "));
    spans.push(Span::styled(quota, style));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status()),
        area,
    );
}

/// The quota part of the status bar: the least it may shrink to, and all of it.
pub fn quota_text(app: &App) -> (String, String) {
    let Some(limits) = app.backend.quota.as_ref().filter(|_| !app.offline) else {
        return ("offline".into(), "offline: no API calls".into());
    };
    let q = &app.quota;
    match q
        .wait_until()
        .and_then(|u| u.duration_since(SystemTime::now()).ok())
    {
        Some(wait) => {
            let short = format!("throttled {}s", wait.as_secs().saturating_add(1));
            let why = q
                .blocked_message
                .as_deref()
                .map(|m| format!(": {}", safe_text(m)))
                .unwrap_or_default();
            (short.clone(), format!("{short}{why}"))
        }
        None if limits.rules == QuotaRules::LogAnalytics => {
            let short = format!(
                "quota {}/{} per 30 s",
                q.calls_left_30_seconds,
                limits.calls_per_30_seconds.unwrap_or(0)
            );
            let long = format!(
                "{short}, {} at once, {} min a query (Log Analytics limits)",
                limits.concurrent_queries.unwrap_or(0),
                limits.longest_query_seconds.unwrap_or(0) / 60
            );
            (short, long)
        }
        // No quota to count down from: what this client measured, and that it is all.
        None if limits.rules == QuotaRules::Measured => {
            let short = format!("{} calls/min", q.calls_last_minute);
            let long = format!(
                "{short}, {}/h, exec {} this hour (no published quota)",
                q.calls_last_hour,
                human_duration(q.execution_last_hour)
            );
            (short, long)
        }
        None => {
            let short = format!(
                "quota {}/{} min",
                q.calls_left_minute, limits.calls_per_minute
            );
            let long = format!(
                "{short}, {}/{} h, exec {} left",
                q.calls_left_hour,
                limits.calls_per_hour,
                human_duration(q.execution_left_hour)
            );
            (short, long)
        }
    }
}

/// Cuts a line of spans to `width` columns, the cut marked with `…`.
fn fit_spans(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = display_width(&span.content);
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        let cut = fit_width(&span.content, width - used).into_owned();
        if !cut.is_empty() {
            out.push(Span::styled(cut, span.style));
        }
        break;
    }
    out
}

/// A note too long for the hint bar (where a copy went and what may stop it) borrows the
/// status bar above it until the next key.
pub fn note_needs_two_lines(app: &App, width: u16) -> bool {
    app.prompt.is_none()
        && app.exporting.is_none()
        && app.note().is_some_and(|note| {
            unicode_width::UnicodeWidthStr::width(safe_text(&note).as_ref()) + 1
                > usize::from(width)
        })
}

pub fn draw_hints(app: &App, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    if let Some(prompt) = &app.prompt {
        let question = |q: String| format!(" {q}? {}", app.keymap.answer_keys());
        let line = match prompt.kind {
            PromptKind::Overwrite => {
                question(format!("{} exists; replace it", safe_text(&prompt.text)))
            }
            PromptKind::SaveOverwrite => question(format!(
                "a saved query is named {}; replace it",
                safe_text(&prompt.text)
            )),
            PromptKind::ConfirmDelete => question(format!(
                "delete the saved query {}",
                safe_text(&prompt.subject)
            )),
            PromptKind::CloseTab => question("close this buffer and its text".into()),
            kind => {
                let label = match kind {
                    PromptKind::Filter => "keep rows containing",
                    PromptKind::Search => "find",
                    PromptKind::Export if app.view.chart.is_some() => {
                        "export the chart (.svg) or every row shown (.csv .tsv .json .jsonl .md .kql) to"
                    }
                    PromptKind::Export => {
                        "export every row shown to (.csv .tsv .json .jsonl .md .kql)"
                    }
                    PromptKind::HistorySearch => "search runs (words; profile: outcome: since:7d)",
                    PromptKind::SaveAs => "save the query as (folder/name)",
                    PromptKind::Duplicate => "duplicate as (folder/name)",
                    PromptKind::RenameTab => "name this tab (empty: after its query)",
                    PromptKind::DetectionName => "create detection: the rule's name",
                    _ => "rename to (folder/name)",
                };
                format!(
                    " {label}: {}▏  {}",
                    safe_text(&prompt.text),
                    app.keymap.prompt_keys()
                )
            }
        };
        frame.render_widget(Paragraph::new(line).style(theme.header()), area);
        return;
    }
    if let Some((_, bytes)) = &app.exporting {
        let line = format!(
            " exporting… {} written ({} cancels)",
            crate::clipboard::human(*bytes as usize),
            app.keymap.first_key(Action::Cancel)
        );
        frame.render_widget(Paragraph::new(line).style(theme.ok()), area);
        return;
    }
    if let (Some(note), Some(notice)) = (app.note(), app.notices.current()) {
        let style = match notice.level {
            Level::Error | Level::Warning => theme.error(),
            Level::Info => theme.ok(),
        };
        // The style fills the whole bar; the text, one column in, may wrap onto a second line.
        frame.render_widget(Paragraph::new("").style(style), area);
        let text = Rect {
            x: area.x + 1.min(area.width),
            width: area.width.saturating_sub(1),
            ..area
        };
        frame.render_widget(
            Paragraph::new(safe_text(&note).into_owned())
                .style(style)
                .wrap(Wrap { trim: true }),
            text,
        );
        return;
    }
    if app.focus == Focus::Editor {
        if let Some(d) = app.diagnostic_here() {
            let style = match d.severity {
                Severity::Error => theme.error(),
                _ => theme.ok(),
            };
            let line = format!(
                " {}: {} [{}]",
                d.severity.name(),
                safe_text(&d.message),
                d.code
            );
            frame.render_widget(Paragraph::new(line).style(style), area);
            return;
        }
        if let Some(signature) = app.signature_here() {
            let line = format!(" {}", safe_text(&signature));
            frame.render_widget(Paragraph::new(line).style(theme.ok()), area);
            return;
        }
    }
    let hints = match app.focus {
        Focus::Results if app.view.picker.is_some() => app.keymap.picker_title(),
        Focus::Results if app.view.chart.is_some() => app.keymap.hints(Scope::Chart),
        Focus::Results => app.keymap.hints(Scope::Results),
        Focus::Side => app.keymap.side_hints(app.side.tab),
        Focus::Editor => app.keymap.hints(Scope::Editor),
    };
    let text = format!(" {hints}");
    frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
}

/// `45 s`, `12 min`, `3 h`, `2 days`: how long ago, roughly.
fn human_age(age: std::time::Duration) -> String {
    let secs = age.as_secs();
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs / 60),
        3600..=172_799 => format!("{} h", secs / 3600),
        _ => format!("{} days", secs / 86_400),
    }
}
