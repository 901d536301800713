//! A [`ChartModel`] painted onto any area of a ratatui `Buffer`: the workbench's results pane,
//! a snapshot, or a buffer `--chart` prints. Lines, areas and points go through ratatui's
//! `Chart`, columns and bars through `BarChart` (stacks through `Canvas`), pies through
//! `Canvas`. With no colour (NO_COLOR, a theme without series colours) each series gets its
//! own marker, and the legend shows it. Every text from data is made safe (`safe_text`).

mod axes;
mod bars;
mod card;
pub mod labels;
mod legend;
mod lines;
pub(crate) mod pie;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;

use super::model::ChartModel;
use super::spec::Visualization;
use crate::results::display::{fit_width, safe_text};

/// How a chart looks: series colours (none: markers tell series apart), the styles of its
/// text, and the time zone its timestamps are shown in.
#[derive(Clone, Debug, Default)]
pub struct ChartStyle {
    pub palette: Vec<Color>,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    /// The crosshair and the readout.
    pub cursor: Style,
    /// A marked end of a time range.
    pub mark: Style,
    /// Timestamps in local time, as the grid shows them.
    pub local_time: bool,
}

const MARKERS: [(Marker, &str); 6] = [
    (Marker::Braille, "⣿"),
    (Marker::Dot, "•"),
    (Marker::Block, "█"),
    (Marker::Bar, "▄"),
    (Marker::HalfBlock, "▀"),
    (Marker::Quadrant, "▚"),
];

impl ChartStyle {
    pub fn coloured(&self) -> bool {
        !self.palette.is_empty()
    }

    /// The style of series `i`.
    pub fn series(&self, i: usize) -> Style {
        match self.palette.get(i % self.palette.len().max(1)) {
            Some(c) => self.text.fg(*c),
            None => self.text,
        }
    }

    /// The marker of series `i`: braille when colours tell series apart, else one of its own.
    pub fn marker(&self, i: usize) -> Marker {
        if self.coloured() {
            Marker::Braille
        } else {
            MARKERS[i % MARKERS.len()].0
        }
    }

    /// What the legend shows beside series `i`.
    pub fn swatch(&self, i: usize) -> &'static str {
        if self.coloured() {
            "■"
        } else {
            MARKERS[i % MARKERS.len()].1
        }
    }
}

/// Where the cursor stands on x, the readout of the exact values there, and the marked ends
/// of a time range.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Crosshair {
    pub x: f64,
    pub readout: String,
    pub marks: Vec<f64>,
}

/// One line of text from data, made safe and cut to `width`.
fn put_line(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
    if y >= area.bottom() || area.width == 0 {
        return;
    }
    let safe = safe_text(text);
    let fitted = fit_width(&safe, usize::from(area.width));
    buf.set_stringn(area.x, y, fitted.as_ref(), usize::from(area.width), style);
}

/// Paints `model` onto `area` of `buf`.
pub fn draw_chart(
    model: &ChartModel,
    area: Rect,
    buf: &mut Buffer,
    style: &ChartStyle,
    crosshair: Option<&Crosshair>,
) {
    let mut rest = area.intersection(buf.area);
    if rest.is_empty() {
        return;
    }
    let mut top_line = |rest: &mut Rect, text: &str, line_style: Style| {
        if rest.height > 2 {
            put_line(buf, *rest, rest.y, text, line_style);
            rest.y += 1;
            rest.height -= 1;
        }
    };
    if let Some(title) = &model.title {
        top_line(&mut rest, title, style.title);
    }
    if let Some(c) = crosshair {
        top_line(&mut rest, &c.readout, style.cursor);
    }
    // The axes' titles (the columns' names unless `xtitle`/`ytitle` say otherwise).
    let axes = !matches!(
        model.visualization,
        Visualization::Card | Visualization::PieChart
    );
    if axes && rest.height >= 12 {
        let titles = format!("{} by {}", model.ytitle, model.xtitle);
        top_line(&mut rest, &titles, style.dim);
    }
    if model.visualization == Visualization::Card {
        card::draw(model, rest, buf, style);
        return;
    }
    if model.legend && rest.height > 3 {
        let line = Rect {
            y: rest.bottom() - 1,
            height: 1,
            ..rest
        };
        legend::draw(model, line, buf, style);
        rest.height -= 1;
    }
    match model.visualization {
        Visualization::PieChart => pie::draw(model, rest, buf, style, crosshair),
        Visualization::ColumnChart | Visualization::BarChart => {
            bars::draw(model, rest, buf, style, crosshair)
        }
        _ => lines::draw(model, rest, buf, style, crosshair),
    }
}
