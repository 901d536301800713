//! Any bytes as an API response: the loader gives rows or an error, never a panic, and every
//! cell it gives is drawn inert and written out in each format.
#![no_main]

use kqlhunt::results::display::safe_text;
use kqlhunt::results::writers::{to_text, Format, Selection};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = kqlhunt::results::load_response(data.to_vec()) else {
        return;
    };
    let result = &document.result;
    for row in 0..result.row_count().min(50) {
        for column in 0..result.column_count() {
            let plain = result.cell(row, column).to_plain();
            let shown = safe_text(&plain);
            assert!(!shown.chars().any(|c| c.is_control() && c != ' '));
        }
    }
    let selection = Selection::all(result);
    for format in [Format::Table, Format::Csv, Format::Json, Format::Datatable] {
        let _ = to_text(&selection, format);
    }
    if let Some(stats) = &document.stats {
        let _ = kqlhunt::api::ServerStats::from_json(stats);
    }
});
