//! Soft wrap in the editor, as a hunter uses it: Alt+z wraps a long line at the pane's width,
//! the line number shows on its first row only, colours and the error underline land on the
//! wrapped rows, the arrows walk the rows, a click finds its character, and the cursor stays in
//! view through resizes and toggles. Whole screens compared with `insta`.

mod support;

use kqlhunt::ui::app::App;
use kqlhunt::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::Modifier;
use support::screen::{key, screen, workbench};

/// 214 characters: three rows in an 80-column editor.
const LONG: &str = "DeviceProcessEvents | where FileName in~ (\"powershell.exe\", \"cmd.exe\", \"rundll32.exe\", \"regsvr32.exe\", \"mshta.exe\", \"wscript.exe\") | where ProcessCommandLine has \"-enc\" | project Timestamp, DeviceName";

fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

/// A workbench with `text`, the cursor at its start, wrap turned on with its key.
fn wrapped(text: &str) -> App {
    let mut app = workbench(text);
    app.on_key(alt('z'));
    screen(&app, 80, 24);
    app
}

/// The screen's rows of the editor pane, from the first text row down to the grid's title.
fn editor_rows(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .take_while(|l| !l.starts_with(" results"))
        .map(str::to_owned)
        .collect()
}

/// A row's text, without the gutter of a two-line buffer.
fn text_of(row: &str) -> String {
    row.chars().skip(3).collect()
}

/// The whole frame with its styles, in a coloured theme.
fn frame(app: &App, width: u16, height: u16) -> (Buffer, Theme) {
    let theme = Theme::load("dark", std::path::Path::new("/nonexistent")).0;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| kqlhunt::ui::draw(app, f, &theme))
        .unwrap();
    (terminal.backend().buffer().clone(), theme)
}

/// Where `word` is on screen: (column, row) of its first character.
fn find(buffer: &Buffer, word: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        let line = row.concat();
        if let Some(byte) = line.find(word) {
            let column = row
                .iter()
                .scan(0, |at, s| {
                    *at += s.len();
                    Some(*at)
                })
                .position(|end| end > byte)
                .unwrap();
            return Some((column as u16, y));
        }
    }
    None
}

#[test]
fn alt_z_wraps_a_long_line_and_numbers_only_its_first_row() {
    let app = wrapped(&format!("{LONG}\n| take 1"));
    let text = screen(&app, 80, 24);
    let rows = editor_rows(&text);
    assert!(text.lines().next().unwrap().ends_with("wrap"), "{text}");
    assert!(rows[0].starts_with(" 1 DeviceProcessEvents"), "{text}");
    assert!(rows[1].starts_with(" ↪ "), "a continuation row: {text}");
    assert!(rows[2].starts_with(" ↪ "), "{text}");
    assert_eq!(rows[3], " 2 | take 1", "line 2 is numbered 2: {text}");
    // Every character once, in order, and no row starts inside a word.
    let shown: String = rows[..3].iter().map(|r| text_of(r)).collect();
    let squeeze = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
    assert_eq!(squeeze(&shown), squeeze(LONG));
    for row in &rows[1..3] {
        let text = text_of(row);
        let start = text.trim_start();
        let at = LONG.find(start).unwrap();
        let before = LONG[..at].chars().last().unwrap();
        let after = start.chars().next().unwrap();
        assert!(
            !(before.is_alphanumeric() && after.is_alphanumeric()),
            "{row:?} starts inside a word"
        );
    }
    assert!(rows.iter().all(|r| r.chars().count() <= 80));
    insta::assert_snapshot!("wrapped_long_line_80x24", text);
}

#[test]
fn the_same_key_unwraps_and_the_line_scrolls_sideways_again() {
    let mut app = wrapped(&format!("{LONG}\n| take 1"));
    app.on_key(alt('z'));
    let text = screen(&app, 80, 24);
    let rows = editor_rows(&text);
    assert_eq!(rows[1], " 2 | take 1", "{text}");
    assert!(!text.lines().next().unwrap().ends_with("wrap"), "{text}");
    assert!(
        text.contains("soft wrap off"),
        "the hint bar says so: {text}"
    );
}

#[test]
fn up_and_down_walk_the_rows_of_a_wrapped_line_and_home_end_its_whole_line() {
    let mut app = wrapped(&format!("{LONG}\n| take 1"));
    app.on_key(key(KeyCode::Right));
    app.on_key(key(KeyCode::Right));
    app.on_key(key(KeyCode::Down));
    let (line, column) = (app.editor.area.cursor().0, app.editor.area.cursor().1);
    assert_eq!(line, 0, "still the long line, on its second row");
    assert!(column > 60, "{column}");
    app.on_key(key(KeyCode::Down));
    assert_eq!(app.editor.area.cursor().0, 0, "its third row");
    app.on_key(key(KeyCode::Down));
    assert_eq!(app.editor.area.cursor().0, 1, "then the next line");
    app.on_key(key(KeyCode::Up));
    let (line, column) = (app.editor.area.cursor().0, app.editor.area.cursor().1);
    assert_eq!(line, 0);
    assert!(column > 140, "back on the long line's last row: {column}");
    app.on_key(key(KeyCode::Home));
    assert_eq!(app.editor.area.cursor().1, 0, "Home: the line's start");
    app.on_key(key(KeyCode::End));
    assert_eq!(app.editor.area.cursor().1, LONG.chars().count());
}

/// The cursor's cell (the text area draws it reversed) is inside the editor's rows.
fn cursor_in_view(app: &App, width: u16, height: u16) -> bool {
    let (buffer, _) = frame(app, width, height);
    let rows = editor_rows(&screen(app, width, height)).len() as u16;
    (1..=rows).any(|y| (0..width).any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED)))
}

#[test]
fn the_cursor_stays_in_view_through_resizes_and_toggles() {
    let many: Vec<String> = (0..30).map(|i| format!("// note {i}")).collect();
    let tail = format!("{LONG} {LONG} | extend EndMark = 1");
    let mut app = workbench(&format!("{}\n{tail}", many.join("\n")));
    app.editor.to_end();
    app.on_key(alt('z'));
    for (width, height) in [(80, 24), (40, 24), (120, 30), (30, 14), (200, 50), (80, 24)] {
        let text = screen(&app, width, height);
        assert!(text.contains("EndMark"), "{width}x{height}: {text}");
        assert!(
            cursor_in_view(&app, width, height),
            "{width}x{height}: {text}"
        );
    }
    // Off and on again, deep in the long line: still in view, and wrapped rows never scroll
    // sideways.
    app.on_key(key(KeyCode::Home));
    for _ in 0..250 {
        app.on_key(key(KeyCode::Right));
    }
    for _ in 0..2 {
        app.on_key(alt('z'));
        let text = screen(&app, 80, 24);
        assert!(cursor_in_view(&app, 80, 24), "{text}");
    }
    let text = screen(&app, 80, 24);
    assert!(
        editor_rows(&text)
            .iter()
            .any(|r| r.trim_start().starts_with("31 DeviceProcessEvents")),
        "the long line's first row, from its first column: {text}"
    );
}

#[test]
fn colours_and_the_error_underline_land_on_the_wrapped_rows() {
    let typo = LONG.replace("ProcessCommandLine", "ProcessCommandLin");
    let mut app = wrapped(&format!("{typo}\n| take 1"));
    app.lint();
    app.settle();
    let (buffer, theme) = frame(&app, 80, 24);
    let (x, y) = find(&buffer, "\"mshta.exe\"").expect("the string is on screen");
    assert!(y > 1, "on a continuation row");
    for dx in 0.."\"mshta.exe\"".len() as u16 {
        assert_eq!(
            buffer[(x + dx, y)].fg,
            theme.string().fg.unwrap(),
            "string colour"
        );
    }
    let (x, y) = find(&buffer, "ProcessCommandLin ").expect("the typo is on screen");
    assert!(y > 1, "on a continuation row");
    for dx in 0.."ProcessCommandLin".len() as u16 {
        assert!(
            buffer[(x + dx, y)].modifier.contains(Modifier::UNDERLINED),
            "underlined at {}",
            x + dx
        );
    }
    assert!(!buffer[(x - 1, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = find(&buffer, "where").unwrap();
    assert_eq!(buffer[(x, y)].fg, theme.keyword().fg.unwrap());
}

#[test]
fn a_click_on_a_wrapped_row_puts_the_cursor_on_that_character() {
    let line = format!("{LONG} | where DeviceName has \"犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬犬\" and AccountName == \"svc\"");
    let mut app = wrapped(&line);
    let (buffer, _) = frame(&app, 80, 24);
    for word in ["\"mshta.exe\"", "AccountName"] {
        let (x, y) = find(&buffer, word).unwrap();
        assert!(y > 1, "{word} is on a continuation row");
        app.on_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        });
        let column = app.editor.area.cursor().1;
        let expected = line[..line.find(word).unwrap()].chars().count();
        assert_eq!(
            (app.editor.area.cursor().0, column),
            (0, expected),
            "{word}"
        );
        // Past the click's time window, so the next one is not a double click.
        app.last_click = None;
    }
}

#[test]
fn tabs_wide_characters_and_invisible_characters_wrap_safely() {
    let piece = "a\tb\u{200B}c\u{7}犬e\u{301} ";
    let line = format!("DeviceInfo | where DeviceName == \"{}\"", piece.repeat(30));
    let app = wrapped(&line);
    let (buffer, _) = frame(&app, 80, 24);
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "a control character reached the terminal: {:?}",
            cell.symbol()
        );
    }
    let text = screen(&app, 80, 24);
    let rows = editor_rows(&text);
    let shown: String = rows.iter().map(|r| text_of(r)).collect();
    assert_eq!(
        shown.matches('犬').count(),
        30,
        "no wide character is cut: {text}"
    );
    assert_eq!(
        shown.matches("e\u{301}").count(),
        30,
        "no accent is parted from its letter: {text}"
    );
    assert!(rows.len() > 3 && rows[1].starts_with(" ↪ "), "{text}");
}

#[test]
fn a_megabyte_pasted_on_one_line_shows_its_end_wrapped() {
    let mut app = wrapped("");
    let line = "DeviceProcessEvents | where ProcessCommandLine has \"x\" and ".repeat(18_000);
    app.paste(&format!("{line}EndMark"));
    let text = screen(&app, 80, 24);
    let rows = editor_rows(&text);
    assert!(text.contains("EndMark"), "{text}");
    assert!(rows.iter().all(|r| r.starts_with(" ↪ ")), "{text}");
    app.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    let text = screen(&app, 80, 24);
    assert!(
        editor_rows(&text)[0].starts_with(" 1 DeviceProcessEvents"),
        "{text}"
    );
}

#[test]
fn completion_opens_under_the_cursor_on_a_wrapped_row() {
    let mut app = wrapped(LONG);
    app.editor.to_end();
    screen(&app, 80, 24);
    support::screen::type_text(&mut app, " | ");
    let text = screen(&app, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    let popup = lines
        .iter()
        .position(|l| l.contains("Tab/Enter inserts"))
        .expect("the popup is open");
    let cursor = lines
        .iter()
        .position(|l| l.contains("DeviceName |"))
        .expect("the cursor's row");
    assert!(cursor > 1, "the cursor is on a continuation row: {text}");
    assert_eq!(popup, cursor + 1, "just under the cursor: {text}");
}
