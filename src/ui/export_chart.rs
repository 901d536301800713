//! The chart shown exported as an SVG image, as the portal exports its charts: the export key
//! with a file name ending in `.svg` while the results pane shows a chart. The picture is the
//! model the pane draws (the rows the grid shows), written off the UI loop like any export.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::app::{App, Command};
use super::export::Exported;
use crate::chart::{write_svg, ChartModel, SvgOptions};
use crate::files::Output;

#[derive(Clone, Debug)]
pub struct ChartExport {
    pub path: PathBuf,
    pub model: ChartModel,
    pub options: SvgOptions,
    /// The rows charted, for the words said when it is written.
    pub rows: usize,
}

/// A name that asks for the chart rather than the rows.
pub fn is_svg(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

impl App {
    /// Starts writing the chart shown to `path`, or says why there is none to write.
    pub(super) fn export_chart(&mut self, path: PathBuf) -> Option<Command> {
        let toggle = self.keymap.first_key(super::keymap::Action::ToggleChart);
        let (Some(chart), Some(result)) = (&self.view.chart, &self.view.result) else {
            self.say(
                &format!("SVG is a chart's format: {toggle} shows the chart first (the rows go to .csv, .tsv, .json, .jsonl, .md or .kql)"),
                true,
            );
            return None;
        };
        let model = match &chart.model {
            Ok(model) => model.clone(),
            Err(e) => {
                self.say(&format!("no chart to export: {e}"), true);
                return None;
            }
        };
        let rows = self.view.table.len(result);
        let options = SvgOptions {
            local_time: self.view.grid.local_time,
            ..SvgOptions::default()
        };
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        self.exporting = Some((cancel, 0));
        Some(Command::ExportChart(Box::new(ChartExport {
            path,
            model,
            options,
            rows,
        })))
    }
}

/// Writes the image through a temporary file renamed into place, as the rows' exports do.
pub fn run(job: &ChartExport) -> Result<Exported, String> {
    let svg = write_svg(&job.model, &job.options);
    let written = (|| {
        let mut out = Output::create(&job.path)?;
        out.write_all(svg.as_bytes())?;
        out.finish()
    })();
    match written {
        Ok(()) => Ok(Exported {
            path: job.path.clone(),
            format: "an SVG chart",
            rows: job.rows,
            bytes: svg.len() as u64,
        }),
        Err(e) => Err(format!("could not write {}: {e}", job.path.display())),
    }
}
