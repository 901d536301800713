//! `kqlhunt convert`: a saved response to another format, with the same writers as `query`.
//! CSV, TSV, JSON and JSON Lines are written as the response is read (see `stream_out.rs`).

use std::path::Path;

use super::input::output_width;
use super::stream_out::{stream_rows, StreamFailure};
use super::{fail, ConvertArgs, Exit};
use crate::results::writers::{streams, write_result, Format};
use crate::results::ResultSet;

pub fn run(args: ConvertArgs) -> Exit {
    if args.chart.chart.is_none() && streams(args.format) {
        let what = args.response.display().to_string();
        let streamed = std::fs::File::open(&args.response)
            .map_err(|e| StreamFailure::Failed(format!("cannot read {what}: {e}")))
            .and_then(|file| stream_rows(file, &what, args.format, args.output.as_deref()));
        match streamed {
            Ok(_) => return Exit::Ok,
            // Rare and hostile: a file can be read again, whole.
            Err(StreamFailure::Unstreamable(_)) => {}
            Err(e) => return fail(Exit::Failed, e),
        }
    }
    let document = match super::input::read_response(&args.response) {
        Ok((document, _)) => document,
        Err(e) => return fail(Exit::Failed, e),
    };
    if let Some(format) = args.chart.chart {
        let query = match args.query_text.as_deref().map(super::input::read_text) {
            Some(Ok(query)) => query,
            Some(Err(e)) => return fail(Exit::Usage, e),
            None => String::new(),
        };
        let charted = super::chart::Charted {
            result: &document.result,
            query: &query,
            hint: document.render.as_ref(),
        };
        return super::chart::print(format, &args.chart, &charted, args.output.as_deref());
    }
    match write_rows(
        &document.result,
        args.format,
        output_width(),
        args.output.as_deref(),
    ) {
        Ok(()) => Exit::Ok,
        Err(e) => fail(Exit::Failed, e),
    }
}

/// Writes rows to stdout or to a file (whatever is at its path stays what it is).
pub fn write_rows(
    result: &ResultSet,
    format: Format,
    width: usize,
    output: Option<&Path>,
) -> Result<(), String> {
    match output {
        None => {
            // A terminal gets every cell inert; a pipe or a file gets the rows exactly.
            let mut stdout = crate::console::stdout();
            match write_result(result, format, width, &mut stdout) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("cannot write the rows: {e}")),
            }
        }
        Some(path) => {
            let mut buffer = Vec::new();
            write_result(result, format, width, &mut buffer).map_err(|e| e.to_string())?;
            crate::files::write_output(path, &buffer)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
    }
}
