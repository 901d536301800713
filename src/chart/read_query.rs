//! The render of a query's own text: the hunting APIs (Graph, XDR, MDE) return no hint, so the
//! last `render` of the query's last tabular statement is read with our parser, and its
//! `with (...)` properties with our lexer. A query our parser cannot read still has its last
//! `| render` found token by token, so a chart never depends on the engine knowing every
//! operator.

use super::spec::{ChartSpec, Visualization};
use crate::kql::ast::{OperatorKind, Statement};
use crate::kql::{lex, string_value, TokenKind};

/// The spec of the query's last `render`, or `None` when it renders nothing.
pub fn spec_of_query(query: &str) -> Option<ChartSpec> {
    render_text(query).map(|text| spec_of_render(&text))
}

/// The text after `render` (`timechart with (title="x")`).
fn render_text(query: &str) -> Option<String> {
    match crate::kql::parse(query) {
        Ok(parsed) => parsed.statements.iter().rev().find_map(|s| match s {
            Statement::Tabular(p) => p.operators.iter().rev().find_map(|o| match &o.kind {
                OperatorKind::Render(text) => Some(text.clone()),
                _ => None,
            }),
            _ => None,
        }),
        Err(_) => render_text_by_tokens(query),
    }
}

/// The last `| render ...` up to the next `|` or `;` at the top level.
fn render_text_by_tokens(query: &str) -> Option<String> {
    let tokens: Vec<_> = lex(query)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    let at = tokens.windows(2).rposition(|w| {
        w[0].text(query) == "|"
            && w[1].kind == TokenKind::Ident
            && w[1].text(query).eq_ignore_ascii_case("render")
    })?;
    let rest = &tokens[at + 2..];
    let mut depth = 0usize;
    let end = rest
        .iter()
        .position(|t| match t.text(query) {
            "(" => {
                depth += 1;
                false
            }
            ")" => {
                depth = depth.saturating_sub(1);
                false
            }
            "|" | ";" => depth == 0,
            _ => false,
        })
        .unwrap_or(rest.len());
    let (first, last) = (rest.first()?, rest[..end].last()?);
    Some(query[first.span.start..last.span.end].to_owned())
}

/// Where the query's closing `| render ...` starts (the byte of its `|`), when `render` is its
/// last operator: a clause added to the query goes before it, since the service takes
/// `render` only at the end.
pub fn render_pipe(query: &str) -> Option<usize> {
    let tokens: Vec<_> = lex(query)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    let at = tokens.windows(2).rposition(|w| {
        w[0].text(query) == "|"
            && w[1].kind == TokenKind::Ident
            && w[1].text(query).eq_ignore_ascii_case("render")
    })?;
    let mut depth = 0usize;
    for t in &tokens[at + 2..] {
        match t.text(query) {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            "|" | ";" if depth == 0 => return None,
            _ => {}
        }
    }
    Some(tokens[at].span.start)
}

/// `timechart with (ycolumns=a, b, series=c, title="t")`: a property runs until the next
/// `name =`, so list values keep their commas as Kusto reads them.
pub fn spec_of_render(text: &str) -> ChartSpec {
    let tokens: Vec<_> = lex(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    let Some(first) = tokens.first() else {
        return ChartSpec::of(Visualization::Table);
    };
    let mut spec = ChartSpec::of(Visualization::from_name(first.text(text)));
    let open = tokens
        .iter()
        .position(|t| t.text(text) == "(")
        .map_or(tokens.len(), |i| i + 1);
    let inside = &tokens[open.min(tokens.len())..];
    let inside = match inside.iter().rposition(|t| t.text(text) == ")") {
        Some(close) => &inside[..close],
        None => inside,
    };
    let starts: Vec<usize> = (0..inside.len())
        .filter(|&i| {
            matches!(inside[i].kind, TokenKind::Ident)
                && inside.get(i + 1).is_some_and(|t| t.text(text) == "=")
                && (i == 0 || inside[i - 1].text(text) == ",")
        })
        .collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(inside.len(), |next| next - 1);
        let value: Vec<String> = inside[(start + 2).min(end)..end]
            .iter()
            .map(|t| match t.kind {
                TokenKind::String => string_value(t.text(text)),
                TokenKind::BracketIdent => {
                    let inner = t.text(text);
                    let inner = inner.get(1..inner.len().saturating_sub(1)).unwrap_or("");
                    string_value(inner)
                }
                _ => t.text(text).to_owned(),
            })
            .collect();
        // Lists are joined back with their commas; a minus sign stays with its number.
        let joined = value.iter().fold(String::new(), |mut out, piece| {
            if piece == "," {
                out.push(',');
            } else {
                out.push_str(piece);
            }
            out
        });
        spec.set(inside[start].text(text), &joined);
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::spec::{Stacking, YSplit};

    #[test]
    fn the_documentations_examples_read_as_written() {
        // visualization-timechart.md
        let spec = spec_of_query(
            "let min_t = toscalar(demo_make_series1 | summarize min(TimeStamp));\n\
             demo_make_series1\n| make-series num=count() default=0 on TimeStamp from min_t to max_t step 1h by OsVer\n\
             | render timechart with(title=\"Web app. traffic over a month, decomposition\")",
        )
        .unwrap();
        assert_eq!(spec.visualization, Visualization::TimeChart);
        assert_eq!(
            spec.title.as_deref(),
            Some("Web app. traffic over a month, decomposition")
        );
        // visualization-columnchart.md
        let spec = spec_of_query(
            "StormEvents\n| summarize count() by State, EventType\n\
             | render columnchart with (kind=stacked, xcolumn=State, ycolumns=count_, series=EventType, ysplit=panels)",
        )
        .unwrap();
        assert_eq!(spec.stacking, Stacking::Stacked);
        assert_eq!(spec.xcolumn.as_deref(), Some("State"));
        assert_eq!(spec.ycolumns, ["count_"]);
        assert_eq!(spec.series, ["EventType"]);
        assert_eq!(spec.ysplit, YSplit::Panels);
        // visualization-linechart.md
        let spec = spec_of_query(
            "StormEvents\n| where State == \"TEXAS\"\n| summarize Min=min(DamageProperty), Max=max(DamageProperty) by bin(StartTime, 1d)\n\
             | render linechart with (ycolumns=Min, Max, ymin=-1, ymax=1e6, legend=hidden, xtitle='Day', ytitle=\"Damage\", accumulate=true)",
        )
        .unwrap();
        assert_eq!(spec.ycolumns, ["Min", "Max"]);
        assert_eq!((spec.ymin, spec.ymax), (Some(-1.0), Some(1e6)));
        assert!(!spec.legend && spec.accumulate);
        assert_eq!(spec.xtitle.as_deref(), Some("Day"));
        assert_eq!(spec.ytitle.as_deref(), Some("Damage"));
    }

    #[test]
    fn only_the_last_render_counts_and_a_query_without_one_has_none() {
        assert!(spec_of_query("DeviceEvents | take 10").is_none());
        let spec = spec_of_query("T | render piechart;\nT | render barchart").unwrap();
        assert_eq!(spec.visualization, Visualization::BarChart);
    }

    #[test]
    fn a_query_our_parser_cannot_read_still_has_its_render() {
        let spec = spec_of_query(
            "T | some-new-operator ((( | render areachart with (series=['Device Name'], kind=unstacked)",
        )
        .unwrap();
        assert_eq!(spec.visualization, Visualization::AreaChart);
        assert_eq!(spec.series, ["Device Name"]);
        assert_eq!(spec.stacking, Stacking::Unstacked);
    }

    #[test]
    fn a_closing_render_is_found_so_clauses_go_before_it() {
        let query = "T\n| summarize count() by bin(Timestamp, 1h)\n| render timechart";
        assert_eq!(render_pipe(query), query.find("| render"));
        assert_eq!(render_pipe("T | render timechart | take 3"), None);
        assert_eq!(render_pipe("T | take 3"), None);
    }

    #[test]
    fn kinds_we_do_not_draw_keep_their_name() {
        for name in ["ladderchart", "pivotchart", "treemap", "timepivot"] {
            let spec = spec_of_query(&format!("T | render {name}")).unwrap();
            assert_eq!(spec.visualization.name(), name);
            assert!(!spec.visualization.is_drawable());
        }
    }
}
