//! Control characters in the editor and in the grid's type names show as the grid shows them in
//! cells, as visible symbols, instead of being drawn as nothing.

mod support;

use support::screen::{screen, workbench};

#[test]
fn the_editor_shows_control_characters_as_symbols() {
    let app = workbench("print x = \"\u{1b}]0;pwned\u{7}\u{202e}exe.txt\"\r\n| take 1");
    let shown = screen(&app, 100, 20);
    assert!(shown.contains("\"␛]0;pwned␇⟨U+202E⟩exe.txt\""), "{shown}");
    assert!(
        shown.contains("| take 1"),
        "CRLF stays a line break: {shown}"
    );
}

#[test]
fn type_names_show_control_characters_as_symbols() {
    let body = r#"{"schema":[{"name":"Cmd","type":"Str\u001b[31ming"}],"results":[{"Cmd":"a"}]}"#;
    let document = kqlhunt::results::load_response(body.as_bytes().to_vec()).unwrap();
    let mut app = workbench("");
    app.show(document.result, Default::default(), None);
    let shown = screen(&app, 100, 20);
    assert!(shown.contains("Str␛[31ming"), "{shown}");
}
