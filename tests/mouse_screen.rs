//! The mouse on the whole screen: a click focuses a pane and selects what is under it, a
//! double click opens the row, the wheel scrolls what is under it.

mod support;

use kqlhunt::ui::app::{App, Focus, Overlay};
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use support::screen::{ctrl, screen, type_text, workbench};

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click(app: &mut App, column: u16, row: u16) {
    app.on_mouse(mouse(MouseEventKind::Down(MouseButton::Left), column, row));
}

fn with_rows() -> App {
    let mut app = workbench("DeviceProcessEvents\n| take 2\n\nDeviceInfo\n| take 1");
    app.screen = (80, 24);
    support::screen::run_with(&mut app, include_bytes!("data/graph-ok.json"));
    app
}

/// The screen line and column where `text` is first drawn.
fn find(app: &App, text: &str) -> (u16, u16) {
    let shown = screen(app, 80, 24);
    shown
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            line.find(text)
                .map(|x| (line[..x].chars().count() as u16, y as u16))
        })
        .unwrap_or_else(|| panic!("{text} is not on screen:\n{shown}"))
}

#[test]
fn a_click_on_a_cell_selects_it_and_a_double_click_opens_the_row() {
    let mut app = with_rows();
    assert_eq!(app.focus, Focus::Editor);
    let (x, y) = find(&app, "powershell.exe");
    let second_row = (
        y + 1,
        app.view
            .result
            .as_ref()
            .unwrap()
            .column(2)
            .value(1)
            .to_plain(),
    );
    click(&mut app, x + 1, second_row.0);
    assert_eq!(app.focus, Focus::Results);
    assert_eq!(
        (app.view.grid.row, app.view.grid.column),
        (1, 2),
        "{}",
        second_row.1
    );
    click(&mut app, x + 1, second_row.0);
    assert!(
        matches!(app.overlay, Overlay::Record { .. }),
        "a double click opens the row"
    );
    click(&mut app, 0, 0);
    assert_eq!(app.overlay, Overlay::None, "a click outside closes it");
}

#[test]
fn a_click_in_the_editor_puts_the_cursor_there_and_the_wheel_moves_the_rows() {
    let mut app = with_rows();
    app.focus = Focus::Results;
    let (x, y) = find(&app, "DeviceInfo");
    click(&mut app, x + 3, y);
    assert_eq!(app.focus, Focus::Editor);
    assert_eq!(app.editor.area.cursor(), ratatui_textarea::DataCursor(3, 3));
    let (x, y) = find(&app, "powershell.exe");
    app.on_mouse(mouse(MouseEventKind::ScrollDown, x, y));
    assert_eq!(
        app.view.grid.row, 1,
        "the wheel moves down the rows, as far as there are"
    );
    app.on_mouse(mouse(MouseEventKind::ScrollUp, x, y));
    assert_eq!(app.view.grid.row, 0);
}

#[test]
fn a_click_on_a_buffers_tab_shows_it() {
    let mut app = with_rows();
    app.on_key(ctrl('t'));
    type_text(&mut app, "EmailEvents | take 1");
    assert_eq!(app.active, 1);
    let (x, y) = find(&app, "[1 DeviceProcessEve");
    click(&mut app, x + 2, y);
    assert_eq!(app.active, 0);
    assert!(app.editor.text().starts_with("DeviceProcessEvents"));
}
