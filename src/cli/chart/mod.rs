//! `--chart` on `query`, `convert`, `open` and `history show`: the chart the query's `render`
//! (or the service's hint) asks for, drawn to stdout for scripts and reports, as text at the
//! terminal's width or as an SVG image. Without a render the chart is inferred as the
//! workbench's picker infers it; a kind kqlhunt does not draw ends the command with its reason.

mod text;

use std::io::{IsTerminal, Write};
use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fail, Exit};
use crate::chart::{draw_chart, ChartError, ChartModel, ChartSpec, ChartStyle, SvgOptions};
use crate::results::ResultSet;

/// How `--chart` draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartFormat {
    /// Lines of text, in colour on a terminal (not with NO_COLOR).
    Text,
    /// An SVG image.
    Svg,
}

#[derive(Debug, Default, clap::Args)]
pub struct ChartArgs {
    /// Print the chart the query's `render` asks for instead of the rows: `--chart` as text,
    /// `--chart=svg` as an SVG image.
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "text")]
    pub chart: Option<ChartFormat>,
    /// The chart's width: characters for text (default: the terminal's, else COLUMNS, else
    /// 100), pixels for SVG (default 960).
    #[arg(long, requires = "chart")]
    pub width: Option<u16>,
    /// The chart's height: lines for text (default 25, at most the terminal's), pixels for
    /// SVG (default 540).
    #[arg(long, requires = "chart")]
    pub height: Option<u16>,
}

/// What to chart: the rows, the query they came from, the service's hint if it gave one.
pub struct Charted<'a> {
    pub result: &'a ResultSet,
    pub query: &'a str,
    pub hint: Option<&'a serde_json::Value>,
}

/// The render the run asked for, else the one the workbench's picker infers.
pub fn spec_of(charted: &Charted<'_>) -> ChartSpec {
    crate::chart::spec_for(charted.hint, charted.query).unwrap_or_else(|| {
        crate::ui::chart::picker::Picker::inferred(charted.result).spec(charted.result)
    })
}

/// Why a result cannot be charted, in words for a script's log.
fn refusal(error: &ChartError) -> String {
    match error {
        ChartError::Refused { kind } => {
            let drawn: Vec<&str> = crate::chart::DRAWABLE.iter().map(|k| k.name()).collect();
            format!(
                "kqlhunt does not draw a {kind} (it draws {}); leave out --chart to print the rows",
                drawn.join(", ")
            )
        }
        other => other.to_string(),
    }
}

/// Draws the chart of `charted` as `format` to `output` (stdout when `None`).
pub fn print(
    format: ChartFormat,
    args: &ChartArgs,
    charted: &Charted<'_>,
    output: Option<&Path>,
) -> Exit {
    let spec = spec_of(charted);
    let rows: Vec<usize> = (0..charted.result.row_count()).collect();
    let model = match ChartModel::build(&spec, charted.result, &rows, max_series()) {
        Ok(model) => model,
        Err(e) => return fail(Exit::Failed, refusal(&e)),
    };
    let terminal = output.is_none() && std::io::stdout().is_terminal();
    let bytes = match format {
        ChartFormat::Svg => {
            let options = SvgOptions {
                width: args.width.map_or(960, u32::from),
                height: args.height.map_or(540, u32::from),
                local_time: false,
            };
            crate::chart::write_svg(&model, &options).into_bytes()
        }
        ChartFormat::Text => {
            let (width, height) = text_size(args, terminal);
            let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
            draw_chart(&model, buf.area, &mut buf, &style(colour), None);
            text::buffer_text(&buf, colour)
        }
    };
    let written = match output {
        Some(path) => crate::files::write_output(path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            // Our own escapes only: every text in the chart was made safe when it was drawn.
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write the chart: {e}"))
                }
                _ => Ok(()),
            }
        }
    };
    match written {
        Ok(()) => Exit::Ok,
        Err(e) => fail(Exit::Failed, e),
    }
}

/// `--width`/`--height`, else the terminal's width (and at most its height), else COLUMNS,
/// else 100 x 25.
fn text_size(args: &ChartArgs, terminal: bool) -> (u16, u16) {
    let screen = terminal.then(|| crossterm::terminal::size().ok()).flatten();
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok());
    let width = args
        .width
        .or(screen.map(|s| s.0))
        .or(columns)
        .unwrap_or(100);
    let height = args
        .height
        .unwrap_or_else(|| screen.map_or(25, |s| s.1.saturating_sub(1).min(25)));
    (width.clamp(20, 1000), height.clamp(5, 500))
}

/// The hunter's theme on a terminal, as the workbench draws charts; markers, not colours, in
/// a pipe, a file or with NO_COLOR.
fn style(colour: bool) -> ChartStyle {
    if !colour {
        return ChartStyle::default();
    }
    let (name, dir) = crate::config::Paths::discover().ok().map_or(
        ("dark".to_owned(), std::path::PathBuf::new()),
        |p| {
            let config = crate::connect::load_config(&p).unwrap_or_default();
            (config.workbench.theme, p.config_dir.join("themes"))
        },
    );
    crate::ui::theme::Theme::load(&name, &dir)
        .0
        .chart_style(false)
}

/// `[chart] series` from config.toml.
fn max_series() -> usize {
    crate::config::Paths::discover()
        .ok()
        .and_then(|p| crate::connect::load_config(&p).ok())
        .map_or(crate::chart::DEFAULT_SERIES, |c| c.chart.series.max(1))
}
