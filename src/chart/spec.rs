//! What a `render` asks for: the visualization and its properties, as Kusto names them. Read
//! from the query text (`read_query.rs`) or from a service's own hint (`read_service.rs`);
//! properties left out are `None` here and inferred from the result (`infer.rs`).

/// Every visualization `render` names. The first ten are drawn; the rest are refused by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Visualization {
    TimeChart,
    LineChart,
    AreaChart,
    StackedAreaChart,
    ColumnChart,
    BarChart,
    PieChart,
    ScatterChart,
    Card,
    AnomalyChart,
    /// `table`: the grid is the visualization (what ADX reports when nothing was rendered).
    Table,
    /// A kind kqlhunt does not draw (ladderchart, pivotchart, treemap, timepivot, a
    /// dashboard-only visual, a name from a newer service), as written.
    Other(String),
}

/// Names of the drawable kinds, for the picker and the README.
pub const DRAWABLE: [Visualization; 10] = [
    Visualization::TimeChart,
    Visualization::LineChart,
    Visualization::AreaChart,
    Visualization::StackedAreaChart,
    Visualization::ColumnChart,
    Visualization::BarChart,
    Visualization::PieChart,
    Visualization::ScatterChart,
    Visualization::Card,
    Visualization::AnomalyChart,
];

impl Visualization {
    pub fn from_name(name: &str) -> Visualization {
        match name.trim().to_ascii_lowercase().as_str() {
            "timechart" => Visualization::TimeChart,
            "linechart" => Visualization::LineChart,
            "areachart" => Visualization::AreaChart,
            "stackedareachart" => Visualization::StackedAreaChart,
            "columnchart" => Visualization::ColumnChart,
            "barchart" => Visualization::BarChart,
            "piechart" => Visualization::PieChart,
            "scatterchart" => Visualization::ScatterChart,
            "card" => Visualization::Card,
            "anomalychart" => Visualization::AnomalyChart,
            "table" | "" => Visualization::Table,
            _ => Visualization::Other(name.trim().to_owned()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Visualization::TimeChart => "timechart",
            Visualization::LineChart => "linechart",
            Visualization::AreaChart => "areachart",
            Visualization::StackedAreaChart => "stackedareachart",
            Visualization::ColumnChart => "columnchart",
            Visualization::BarChart => "barchart",
            Visualization::PieChart => "piechart",
            Visualization::ScatterChart => "scatterchart",
            Visualization::Card => "card",
            Visualization::AnomalyChart => "anomalychart",
            Visualization::Table => "table",
            Visualization::Other(name) => name,
        }
    }

    pub fn is_drawable(&self) -> bool {
        DRAWABLE.contains(self)
    }

    /// Drawn as lines or points over an x axis (and so has a cursor along x).
    pub fn is_xy(&self) -> bool {
        matches!(
            self,
            Visualization::TimeChart
                | Visualization::LineChart
                | Visualization::AreaChart
                | Visualization::StackedAreaChart
                | Visualization::ScatterChart
                | Visualization::AnomalyChart
        )
    }
}

/// The `kind` property: how series share the space of one x value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stacking {
    #[default]
    Default,
    Unstacked,
    Stacked,
    /// Stacked and stretched so every x value reaches 100%.
    Stacked100,
    /// `kind=map` (pie and scatter on a map): a geospatial view kqlhunt does not draw.
    Map,
}

impl Stacking {
    pub fn from_name(name: &str) -> Option<Stacking> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "default" => Stacking::Default,
            "unstacked" => Stacking::Unstacked,
            "stacked" => Stacking::Stacked,
            "stacked100" => Stacking::Stacked100,
            "map" => Stacking::Map,
            _ => return None,
        })
    }

    pub fn stacks(self) -> bool {
        matches!(self, Stacking::Stacked | Stacking::Stacked100)
    }
}

/// The `ysplit` property: one y axis for every series, or a panel for each y column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum YSplit {
    #[default]
    None,
    /// One y axis per series: kqlhunt draws them on one axis and says so in the title.
    Axes,
    /// A chart per y column, at most five.
    Panels,
}

impl YSplit {
    pub fn from_name(name: &str) -> Option<YSplit> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "none" => YSplit::None,
            "axes" => YSplit::Axes,
            "panels" => YSplit::Panels,
            _ => return None,
        })
    }
}

/// One `render` as asked. Column names are as written; `None` means "infer it".
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub visualization: Visualization,
    pub stacking: Stacking,
    pub xcolumn: Option<String>,
    pub ycolumns: Vec<String>,
    pub series: Vec<String>,
    /// anomalychart's `anomalycolumns`: y columns drawn as points where they are not zero.
    pub anomaly_columns: Vec<String>,
    pub title: Option<String>,
    pub xtitle: Option<String>,
    pub ytitle: Option<String>,
    pub ymin: Option<f64>,
    pub ymax: Option<f64>,
    /// `legend=hidden` turns the legend off.
    pub legend: bool,
    pub ysplit: YSplit,
    pub accumulate: bool,
}

impl ChartSpec {
    /// A render of `visualization` with every property left to inference.
    pub fn of(visualization: Visualization) -> ChartSpec {
        ChartSpec {
            visualization,
            stacking: Stacking::Default,
            xcolumn: None,
            ycolumns: Vec::new(),
            series: Vec::new(),
            anomaly_columns: Vec::new(),
            title: None,
            xtitle: None,
            ytitle: None,
            ymin: None,
            ymax: None,
            legend: true,
            ysplit: YSplit::None,
            accumulate: false,
        }
    }

    /// Sets one property by its Kusto name (any case); `false` for a name Kusto does not
    /// have or a value it would not take, which the readers skip, as the service does.
    pub fn set(&mut self, name: &str, value: &str) -> bool {
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect()
        };
        let text = || (!value.is_empty()).then(|| value.to_owned());
        match name.to_ascii_lowercase().as_str() {
            "kind" => match Stacking::from_name(value) {
                Some(s) => self.stacking = s,
                None => return false,
            },
            "xcolumn" => self.xcolumn = text(),
            "ycolumns" => self.ycolumns = list(value),
            "series" => self.series = list(value),
            "anomalycolumns" => self.anomaly_columns = list(value),
            "title" => self.title = text(),
            "xtitle" => self.xtitle = text(),
            "ytitle" => self.ytitle = text(),
            "ymin" => self.ymin = value.trim().parse().ok().filter(|y: &f64| y.is_finite()),
            "ymax" => self.ymax = value.trim().parse().ok().filter(|y: &f64| y.is_finite()),
            "legend" => self.legend = !value.trim().eq_ignore_ascii_case("hidden"),
            "ysplit" => match YSplit::from_name(value) {
                Some(s) => self.ysplit = s,
                None => return false,
            },
            "accumulate" => self.accumulate = value.trim().eq_ignore_ascii_case("true"),
            // Known to Kusto and without effect on a terminal chart.
            "xaxis" | "yaxis" | "isquerysorted" | "xmin" | "xmax" => {}
            _ => return false,
        }
        true
    }
}
