//! Why a result cannot be charted as asked: each says what happened and what to do, and the
//! workbench shows it over the table, which stays as it was.

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    /// A visualization kqlhunt does not draw: the table shows the rows instead.
    #[error("kqlhunt does not draw a {kind}: the table shows the rows (drawn: timechart, linechart, areachart, stackedareachart, columnchart, barchart, piechart, scatterchart, card, anomalychart)")]
    Refused { kind: String },
    #[error("the render names the column {name}, which the result does not have; correct the render's properties or project the column")]
    NoColumn { name: String },
    #[error("a {kind} needs a datetime column for its x axis and the result has none; use a linechart, or bin a timestamp (summarize ... by bin(Timestamp, 1h))")]
    NeedsTime { kind: String },
    #[error("a {kind} needs a numeric column to draw and the result has none; count or sum something (summarize count() by ...)")]
    NoNumbers { kind: String },
    #[error("there are no rows to chart (the filter may hide them all)")]
    NoRows,
}
