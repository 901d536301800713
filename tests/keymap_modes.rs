//! Every mode follows the hunter's keymap: the side pane, the record view, the help palette, the
//! copy menu, the completion popup, the prompts and the questions. Each test rebinds a mode's
//! keys, drives the mode with the new keys, and reads the new keys in its footer and in F1.

mod support;

use kqlhunt::results::writers::Format;
use kqlhunt::ui::app::{App, Command, Focus, Overlay};
use kqlhunt::ui::keymap::Keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::screen::{ctrl, key, press, run_with, screen, type_text, workbench};

fn with_keys(text: &str, keymap: &str) -> App {
    let mut app = workbench(text);
    app.keymap = Keymap::from_toml(keymap).unwrap();
    assert_eq!(app.keymap.notices(), [] as [String; 0], "{keymap}");
    app
}

fn char_key(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

/// The help palette's line for a command, found by words of it.
fn help_line(app: &mut App, words: &str) -> String {
    app.on_key(key(KeyCode::F(1)));
    type_text(app, words);
    let shown = screen(app, 120, 30);
    app.on_key(key(KeyCode::Esc));
    shown
        .lines()
        .find(|l| l.contains(words) && !l.contains("filter:"))
        .unwrap_or_else(|| panic!("no help line for {words}: {shown}"))
        .to_owned()
}

#[test]
fn the_side_pane_moves_and_inserts_with_the_hunters_keys() {
    let mut app = with_keys("", "[side]\ndown = \"J\"\ninsert = \"i\"\n");
    app.on_key(key(KeyCode::F(4)));
    assert_eq!(app.focus, Focus::Side);
    app.on_key(char_key('j'));
    assert_eq!(app.side.selected, 0, "j is no longer the side pane's down");
    app.on_key(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT));
    assert_eq!(app.side.selected, 1);
    let hints = screen(&app, 200, 24);
    assert!(
        hints.contains(" i insert  ·  Right/Left columns  ·  Tab next list"),
        "{hints}"
    );
    app.on_key(char_key('i'));
    assert_eq!(app.focus, Focus::Editor, "the name went into the editor");
    assert!(!app.editor.text().is_empty());
    assert!(help_line(&mut app, "next entry").contains(" J "));
}

#[test]
fn the_record_view_walks_and_copies_with_the_hunters_keys() {
    let mut app = with_keys(
        "DeviceInfo | take 2",
        "[record]\nnext_record = \"J\"\ncopy_field = \"c\"\nhide_empty = \"z\"\n",
    );
    run_with(&mut app, include_bytes!("data/graph-ok.json"));
    app.on_key(key(KeyCode::F(3)));
    app.on_key(key(KeyCode::Enter));
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("record 1 of 2 · c field · Y record · J/p next/prev · z hides empty"),
        "{shown}"
    );
    app.on_key(char_key('n'));
    assert_eq!(app.view.grid.row, 0, "n no longer walks");
    app.on_key(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT));
    assert_eq!(app.view.grid.row, 1, "J walks to the next record");
    assert!(matches!(app.overlay, Overlay::Record { .. }), "kept open");
    assert!(matches!(app.on_key(char_key('c')), Some(Command::Copy(_))));
    app.on_key(char_key('z'));
    assert!(matches!(
        app.overlay,
        Overlay::Record {
            hide_empty: true,
            ..
        }
    ));
    app.on_key(key(KeyCode::Esc));
    assert!(help_line(&mut app, "previous record").contains(" p / [ "));
    assert!(help_line(&mut app, "next record").contains(" J "));
}

#[test]
fn the_help_palette_chooses_and_runs_with_the_hunters_keys() {
    let mut app = with_keys(
        "DeviceInfo",
        "[help]\ndown = \"Ctrl+N\"\nrun = \"Tab\"\nclose = \"Ctrl+G\"\n",
    );
    app.on_key(key(KeyCode::F(1)));
    let shown = screen(&app, 120, 30);
    assert!(
        shown.contains("Up/Ctrl+N choose · Tab runs · Ctrl+G closes"),
        "{shown}"
    );
    type_text(&mut app, "browse");
    assert!(
        matches!(&app.overlay, Overlay::Help { filter, .. } if filter == "browse"),
        "letters still filter"
    );
    app.on_key(ctrl('n'));
    assert!(
        matches!(app.overlay, Overlay::Help { selected: 0, .. }),
        "one entry: it stays"
    );
    app.on_key(key(KeyCode::Enter));
    assert!(
        matches!(app.overlay, Overlay::Help { .. }),
        "Enter no longer runs"
    );
    app.on_key(key(KeyCode::Tab));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.focus, Focus::Results, "Tab ran 'browse the results'");
    app.on_key(key(KeyCode::F(1)));
    app.on_key(ctrl('g'));
    assert_eq!(app.overlay, Overlay::None, "Ctrl+G closes it");
}

#[test]
fn the_copy_menu_chooses_with_the_hunters_keys() {
    let mut app = with_keys(
        "DeviceInfo | take 2",
        "[copy_menu]\ncsv = \"v\"\nrow = \"w\"\n",
    );
    run_with(&mut app, include_bytes!("data/graph-ok.json"));
    app.on_key(key(KeyCode::F(3)));
    app.on_key(char_key('c'));
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("[v] CSV"), "{shown}");
    assert!(shown.contains("[w] the row"), "{shown}");
    app.on_key(char_key('c'));
    assert_eq!(app.copy_format, Format::Tsv, "c no longer picks CSV");
    app.on_key(char_key('v'));
    assert_eq!(app.copy_format, Format::Csv);
    let Some(Command::Copy(job)) = app.on_key(char_key('w')) else {
        panic!("w copies the row")
    };
    assert!(job.what.contains("as CSV"), "{}", job.what);
    assert_eq!(app.overlay, Overlay::None);
    assert!(help_line(&mut app, "copies as CSV").contains(" v "));
}

#[test]
fn completion_accepts_and_closes_with_the_hunters_keys() {
    let mut app = with_keys(
        "",
        "[completion]\naccept = \"Ctrl+L\"\nclose = \"Ctrl+G\"\ndown = \"Ctrl+N\"\n",
    );
    type_text(&mut app, "DeviceProc");
    press(&mut app, key(KeyCode::Tab));
    assert!(app.assist.popup.is_some(), "Tab still opens completion");
    let shown = screen(&app, 100, 24);
    assert!(shown.contains("Ctrl+L inserts · Ctrl+G"), "{shown}");
    app.on_key(ctrl('n'));
    app.on_key(ctrl('g'));
    assert!(app.assist.popup.is_none(), "Ctrl+G closes it");
    press(&mut app, key(KeyCode::Tab));
    app.on_key(ctrl('l'));
    assert_eq!(app.editor.text(), "DeviceProcessEvents");
    assert!(help_line(&mut app, "inserts the chosen completion").contains(" Ctrl+L "));
}

#[test]
fn a_prompt_applies_and_cancels_with_the_hunters_keys_and_letters_stay_text() {
    let mut app = with_keys(
        "DeviceInfo | take 2",
        "[prompt]\napply = \"Ctrl+O\"\ncancel = \"Ctrl+G\"\n",
    );
    run_with(&mut app, include_bytes!("data/graph-ok.json"));
    app.on_key(key(KeyCode::F(3)));
    app.on_key(char_key('f'));
    type_text(&mut app, "nothing");
    let shown = screen(&app, 100, 24);
    assert!(
        shown.contains("(Ctrl+O applies, Ctrl+G cancels)"),
        "{shown}"
    );
    app.on_key(key(KeyCode::Enter));
    assert!(app.prompt.is_some(), "Enter no longer applies");
    app.on_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    assert!(app.prompt.is_none());
    app.settle();
    assert_eq!(app.view.table.filter(), Some("nothing"));
    app.on_key(char_key('f'));
    app.on_key(ctrl('g'));
    assert!(app.prompt.is_none(), "Ctrl+G cancels");
}

#[test]
fn a_question_takes_the_hunters_answers_and_names_them() {
    let mut app = with_keys("DeviceInfo", "[confirm]\nyes = \"j\"\nno = \"x\"\n");
    app.on_key(ctrl('t'));
    type_text(&mut app, "EmailEvents");
    app.on_key(ctrl('w'));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("close this buffer and its text? j / x"),
        "{shown}"
    );
    app.on_key(char_key('y'));
    assert!(app.prompt.is_some(), "y is no answer now");
    assert_eq!(app.note().as_deref(), Some("answer j / x"));
    app.on_key(char_key('j'));
    assert!(app.prompt.is_none());
    assert_eq!(app.tab_count(), 1, "j closed the tab");
}

#[test]
fn remapped_footers_read_as_the_hunter_set_them() {
    let mut app = with_keys(
        "DeviceInfo | take 2",
        "[record]\ncopy_field = \"c\"\nnext_record = \"J\"\nprevious_record = \"K\"\n\
         [side]\nnext_list = \"L\"\ninsert = \"i\"\n",
    );
    run_with(&mut app, include_bytes!("data/graph-ok.json"));
    app.on_key(key(KeyCode::F(3)));
    app.on_key(key(KeyCode::Enter));
    insta::assert_snapshot!("remapped_record_80x24", screen(&app, 80, 24));
    app.on_key(key(KeyCode::Esc));
    app.on_key(key(KeyCode::F(4)));
    insta::assert_snapshot!("remapped_side_schema_100x24", screen(&app, 100, 24));
}

#[test]
fn the_first_buffer_names_the_run_and_help_keys_in_force() {
    let keymap = Keymap::from_toml("[global]\nrun_query = \"F9\"\nhelp = \"F10\"\n").unwrap();
    let text = kqlhunt::ui::editor::welcome(&keymap);
    assert!(
        text.starts_with("// F9 runs the query under the cursor; queries are separated by blank lines. F10: help.\nDeviceProcessEvents"),
        "{text}"
    );
}
