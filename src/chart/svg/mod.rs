//! A [`ChartModel`] as an SVG image, as the portal exports its charts: the same labels as the
//! terminal chart (`draw::labels`: timestamps in the grid's time zone, numbers with units), a
//! title, a legend and one colour per series. Pure: a model in, the document's text out, so
//! the workbench's export and `--chart=svg` write the same picture.
//!
//! Every text from data goes through [`text`]: made safe, cut short, XML-escaped.

mod bars;
mod frame;
mod lines;
mod pie;

use std::fmt::Write;

use super::model::ChartModel;
use super::spec::Visualization;
use crate::results::display::{fit_width, safe_text};

/// Size and time zone of an exported chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvgOptions {
    /// Pixels.
    pub width: u32,
    pub height: u32,
    /// Timestamps in local time, as the grid shows them.
    pub local_time: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 960,
            height: 540,
            local_time: false,
        }
    }
}

/// Colours that stay apart on white paper and for most colour-blind readers (Tableau 10).
const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

/// The colour of series `i`.
fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// The longest text from data an image shows, in columns (a name longer than that is cut).
const LONGEST: usize = 60;

/// Text from data, fit for an SVG text node or attribute: control characters shown as the
/// terminal shows them (then any left dropped), cut to `LONGEST` columns, markup escaped.
pub fn text(raw: &str) -> String {
    let safe = safe_text(raw);
    let cut = fit_width(&safe, LONGEST);
    let mut out = String::with_capacity(cut.len());
    for c in cut.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 at all.
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number as a coordinate: one decimal is finer than any screen.
fn px(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}", v)
    } else {
        "0".into()
    }
}

/// A box in pixels.
#[derive(Clone, Copy, Debug)]
struct Area {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Area {
    fn right(&self) -> f64 {
        self.x + self.width
    }
    fn bottom(&self) -> f64 {
        self.y + self.height
    }
}

const FONT: f64 = 12.0;
const LINE: f64 = 18.0;

/// The chart as an SVG document.
pub fn write_svg(model: &ChartModel, options: &SvgOptions) -> String {
    let (w, h) = (
        f64::from(options.width.clamp(200, 10_000)),
        f64::from(options.height.clamp(150, 10_000)),
    );
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"{FONT}\">"
    );
    let _ = writeln!(
        svg,
        "<title>{}</title>",
        text(model.title.as_deref().unwrap_or(model.visualization.name()))
    );
    let _ = writeln!(svg, "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");
    let mut area = Area {
        x: 12.0,
        y: 12.0,
        width: w - 24.0,
        height: h - 24.0,
    };
    if let Some(title) = &model.title {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{}</text>",
            px(w / 2.0),
            px(area.y + 14.0),
            text(title)
        );
        area.y += 28.0;
        area.height -= 28.0;
    }
    if model.visualization == Visualization::Card {
        card(&mut svg, model, area);
        svg.push_str("</svg>\n");
        return svg;
    }
    if model.legend {
        let used = legend(&mut svg, model, area);
        area.height -= used;
    }
    match model.visualization {
        Visualization::PieChart => pie::draw(&mut svg, model, area),
        Visualization::ColumnChart | Visualization::BarChart => {
            bars::draw(&mut svg, model, area, options)
        }
        _ => lines::draw(&mut svg, model, area, options),
    }
    svg.push_str("</svg>\n");
    svg
}

/// The legend at the bottom of `area`, wrapped over as many lines as it needs: a swatch and a
/// name per series, a pie's share, how many series "other" holds. Returns the height used.
fn legend(svg: &mut String, model: &ChartModel, area: Area) -> f64 {
    let shares = (model.visualization == Visualization::PieChart).then(|| pie::shares(model));
    let entries: Vec<String> = model
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut name = text(&s.name);
            if let Some(shares) = &shares {
                let _ = write!(name, " {:.0}%", shares[i] * 100.0);
            }
            if s.name == "other" && model.folded > 0 {
                let _ = write!(name, " ({} series)", model.folded);
            }
            name
        })
        .collect();
    // Rough widths: a sans-serif character is about 0.6 of the font size.
    let width_of = |name: &str| 22.0 + name.chars().count() as f64 * FONT * 0.6;
    let mut lines: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, name) in entries.iter().enumerate() {
        let wide = width_of(name);
        if used + wide > area.width && !lines.last().is_some_and(Vec::is_empty) {
            lines.push(Vec::new());
            used = 0.0;
        }
        lines.last_mut().expect("one line at least").push(i);
        used += wide;
    }
    // At most a third of the image; what does not fit is said.
    let room = ((area.height / 3.0) / LINE).floor().max(1.0) as usize;
    let hidden: usize = lines.iter().skip(room).map(Vec::len).sum();
    lines.truncate(room);
    let height = lines.len() as f64 * LINE + 6.0;
    let top = area.bottom() - height + 6.0;
    let _ = writeln!(svg, "<g class=\"legend\">");
    for (row, line) in lines.iter().enumerate() {
        let y = top + row as f64 * LINE;
        let mut x = area.x;
        for (n, &i) in line.iter().enumerate() {
            let _ = writeln!(
                svg,
                "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}{}</text>",
                px(x),
                px(y),
                colour(i),
                px(x + 16.0),
                px(y + 10.5),
                entries[i],
                if hidden > 0 && row + 1 == lines.len() && n + 1 == line.len() {
                    format!(" … and {hidden} more")
                } else {
                    String::new()
                }
            );
            x += width_of(&entries[i]);
        }
    }
    svg.push_str("</g>\n");
    height
}

/// A card: the first row's values, each under its column's name.
fn card(svg: &mut String, model: &ChartModel, area: Area) {
    let each = (area.height / model.card.len().max(1) as f64).min(80.0);
    let top = area.y + (area.height - each * model.card.len() as f64) / 2.0;
    for (i, (name, value)) in model.card.iter().enumerate() {
        let y = top + i as f64 * each;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555555\">{}</text>\n<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"32\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            px(area.x + area.width / 2.0),
            px(y + 16.0),
            text(name),
            px(area.x + area.width / 2.0),
            px(y + 52.0),
            colour(0),
            text(value)
        );
    }
}

#[cfg(test)]
mod tests;
