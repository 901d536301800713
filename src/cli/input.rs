//! Reading a query or a response from wherever the hunter pointed.

use std::io::Read;
use std::path::Path;

use super::QueryArgs;

pub fn read_query(args: &QueryArgs) -> Result<String, String> {
    let text = match (&args.kql, &args.file) {
        (Some(dash), None) if dash == "-" => read_stdin()?,
        (Some(kql), None) => kql.clone(),
        (None, Some(path)) => read_text(path)?,
        (None, None) if !std::io::IsTerminal::is_terminal(&std::io::stdin()) => read_stdin()?,
        _ => return Err("give the query as an argument, with -f FILE, or on stdin with -".into()),
    };
    if text.trim().is_empty() {
        return Err("the query is empty".into());
    }
    Ok(text)
}

fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "stdin is not UTF-8 text (byte {} is not)",
            e.utf8_error().valid_up_to()
        )
    })
}

pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (invalid byte at offset {}): save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Columns for the table format: the terminal's width, or `COLUMNS`, or 120 in a pipe.
pub fn output_width() -> usize {
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        if let Ok((w, _)) = crossterm::terminal::size() {
            return usize::from(w).max(20);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120)
}

/// A saved API response, read and loaded; also its size in bytes.
pub fn read_response(path: &Path) -> Result<(crate::results::ResponseDocument, usize), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let size = bytes.len();
    match crate::results::load_response(bytes) {
        Ok(document) if document.has_table => Ok((document, size)),
        Ok(_) => Err(format!(
            "{} has no schema or results: is it a hunting API response?",
            path.display()
        )),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}
