//! Exports run off the UI loop: they stream to the target ([`Output`]: a regular file through a
//! temporary one renamed into place when done, a device or a pipe as it is), report the bytes
//! written, and stop when cancelled, leaving nothing behind.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::files::Output;
use crate::results::writers::{write_selection, Format, Selection};
use crate::results::{ResultSet, TableView};

#[derive(Clone, Debug)]
pub struct ExportJob {
    pub path: PathBuf,
    pub format: Format,
    pub result: Arc<ResultSet>,
    /// The tab's view when the export started: its rows and columns are what is written.
    pub view: TableView,
    /// The marked view rows (V), from and to; every row shown when none are.
    pub marked: Option<(usize, usize)>,
    pub cancel: Arc<AtomicBool>,
}

/// What a finished export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    /// What was written, by name (`CSV`, `an SVG chart`).
    pub format: &'static str,
    pub rows: usize,
    pub bytes: u64,
}

/// Counts bytes, reports them now and then, and stops when cancelled.
struct Progress<W, F> {
    inner: W,
    written: u64,
    reported: u64,
    cancel: Arc<AtomicBool>,
    report: F,
}

impl<W: Write, F: FnMut(u64)> Write for Progress<W, F> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            // Not `Interrupted`: `write_all` retries that kind forever.
            return Err(io::Error::other("cancelled"));
        }
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        if self.written - self.reported >= 1 << 20 {
            self.reported = self.written;
            (self.report)(self.written);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

pub fn run(job: &ExportJob, report: impl FnMut(u64)) -> Result<Exported, String> {
    let selection = match job.marked {
        Some(marked) => Selection::view_rows(&job.result, &job.view, marked, true),
        None => Selection::shown(&job.result, &job.view),
    };
    let outcome = (|| {
        let mut out = Progress {
            inner: BufWriter::new(Output::create(&job.path)?),
            written: 0,
            reported: 0,
            cancel: job.cancel.clone(),
            report,
        };
        write_selection(&selection, job.format, &mut out)?;
        out.flush()?;
        let bytes = out.written;
        out.inner
            .into_inner()
            .map_err(|e| e.into_error())?
            .finish()?;
        Ok::<u64, io::Error>(bytes)
    })();
    match outcome {
        Ok(bytes) => Ok(Exported {
            path: job.path.clone(),
            format: job.format.name(),
            rows: selection.rows.len(),
            bytes,
        }),
        Err(e) => {
            if job.cancel.load(Ordering::Relaxed) {
                Err("export cancelled; nothing was written".into())
            } else {
                Err(format!("could not write {}: {e}", job.path.display()))
            }
        }
    }
}
