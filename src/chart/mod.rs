//! Charts from `render`: what a query asks to draw, turned into series a terminal (or an SVG
//! writer, or `--chart` on stdout) can draw.
//!
//! The flow, each step its own file:
//! 1. [`ChartSpec`] (`spec.rs`): the visualization and its properties. Read from the service's
//!    own hint when it gives one ([`spec_of_service`]: Log Analytics' `render`, Azure Data
//!    Explorer's `Visualization`), else from the query's last `render` ([`spec_of_query`],
//!    through our parser). [`spec_for`] picks between them.
//! 2. `infer.rs`: which columns are x, y and series, from the properties or as Kusto's
//!    documentation describes for each kind. Kinds kqlhunt does not draw are refused by name
//!    ([`ChartError::Refused`]).
//! 3. [`ChartModel::build`] (`model.rs`, `series.rs`, `fold.rs`): points from the rows the
//!    grid shows, in its order; the largest N series kept and the rest summed into "other";
//!    `accumulate` and stacking applied. Pure: no terminal, tested on its own.
//! 4. [`decimate`]: per screen column, the first, lowest, highest and last point, so drawing
//!    100,000 points costs what the screen can show and no spike is lost.
//! 5. `readout.rs`: the exact values at one x, and the row Enter jumps to.
//! 6. `draw/`: [`draw_chart`] paints a model onto any ratatui `Buffer` area with ratatui's own
//!    widgets, in a [`ChartStyle`] (series colours, or distinct markers without colour), with
//!    an optional [`Crosshair`]. Every text from data goes through `safe_text`.
//! 7. `svg/`: [`write_svg`] writes the same model as an SVG image (the workbench's export,
//!    `--chart=svg`); its text from data is XML-escaped and stripped of control characters.

mod decimate;
pub mod draw;
mod error;
mod fold;
mod infer;
mod model;
mod read_query;
mod read_service;
mod readout;
mod series;
mod spec;
pub mod svg;
#[cfg(test)]
mod test_data;
#[cfg(test)]
mod tests;

pub use decimate::decimate;
pub use draw::{draw_chart, ChartStyle, Crosshair};
pub use error::ChartError;
pub use infer::{roles, Roles};
pub use model::{ChartModel, Point, Series, XKind, DEFAULT_SERIES};
pub use read_query::{render_pipe, spec_of_query, spec_of_render};
pub use read_service::spec_of_service;
pub use readout::{points_at, readout, row_at};
pub use spec::{ChartSpec, Stacking, Visualization, YSplit, DRAWABLE};
pub use svg::{write_svg, SvgOptions};

/// The render a run asked for: the service's own hint first (it saw the query the service
/// ran), else the query text's last `render`. `None`: the query rendered nothing.
pub fn spec_for(hint: Option<&serde_json::Value>, query: &str) -> Option<ChartSpec> {
    match hint {
        Some(hint) => spec_of_service(hint).or_else(|| spec_of_query(query)),
        None => spec_of_query(query),
    }
}
