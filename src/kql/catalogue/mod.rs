//! One catalogue of the language: every tabular operator, scalar function, aggregate and
//! plug-in, with its signature, return type, the backends that have it and whether the demo
//! engine runs it. The editor's colours, completion, signature hints and diagnostics, and the
//! engine's function table, all read this one list; `tests/catalogue.rs` fails when they
//! disagree.
//!
//! The names, signatures and argument counts of functions, aggregates and plug-ins are those of
//! Microsoft's own analyzer (`tests/kql-oracle/`), which the same test checks them against.
//! Each entry is one line: `function(name, parameters, returns, fewest, most)`, then
//! `.runs()` when the demo engine runs it, `.hidden()` for a deprecated spelling the service
//! still accepts but completion does not offer, `.only(..)` when not every backend has it.
//!
//! To give the engine a new function: write it in a family file under
//! `src/engine/functions/` (its `lookup` maps the name to the code; a new family file is one
//! more `.or_else` in `functions::lookup`), and add `.runs()` to its line here. One the binder
//! handles itself (it needs the row, the clock or a subquery) goes in `SPECIAL_FORMS` there. An
//! operator: run it in `src/engine/operators/` and add `.runs()` to its line in `operators.rs`,
//! whose example the test runs; an aggregate: `AggKind` in `src/engine/aggregate.rs`.

mod aggregates;
mod dynamic;
mod network;
mod numbers;
mod operators;
mod plugins;
mod series;
mod text;
mod time;

/// What a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Written after `|` (`where`, `summarize`), or starting a query (`print`, `range`).
    Operator,
    Function,
    /// Valid only where rows are aggregated (`summarize`, `make-series`).
    Aggregate,
    /// Called by `evaluate`.
    Plugin,
}

/// The services that have a name: Defender advanced hunting, Log Analytics (and Sentinel),
/// Azure Data Explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backends {
    pub defender: bool,
    pub log_analytics: bool,
    pub adx: bool,
}

pub const ALL: Backends = Backends {
    defender: true,
    log_analytics: true,
    adx: true,
};
pub const ADX: Backends = Backends {
    defender: false,
    log_analytics: false,
    adx: true,
};
pub const DEFENDER: Backends = Backends {
    defender: true,
    log_analytics: false,
    adx: false,
};
pub const LOG_ANALYTICS: Backends = Backends {
    defender: false,
    log_analytics: true,
    adx: false,
};

/// Any number of arguments (the analyzer's bound is in the thousands).
pub const MANY: u16 = u16::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub kind: Kind,
    /// The parameters as Kusto's documentation writes them; overloads apart by ` | `. For an
    /// operator, its syntax after the name.
    pub params: &'static str,
    /// The return type, or how it follows from the arguments (`as arg 1`).
    pub returns: &'static str,
    pub min_args: u16,
    pub max_args: u16,
    pub backends: Backends,
    /// The demo tenant's engine runs it.
    pub runs: bool,
    /// A deprecated spelling: accepted, not offered.
    pub hidden: bool,
    /// For an operator: a query using it over `T` (columns `x:long, s:string`), which the
    /// catalogue test runs to check `runs`.
    pub example: &'static str,
}

const fn entry(
    name: &'static str,
    kind: Kind,
    params: &'static str,
    returns: &'static str,
    min: u16,
    max: u16,
) -> Entry {
    Entry {
        name,
        kind,
        params,
        returns,
        min_args: min,
        max_args: max,
        backends: ALL,
        runs: false,
        hidden: false,
        example: "",
    }
}

pub(crate) const fn function(
    name: &'static str,
    params: &'static str,
    returns: &'static str,
    min: u16,
    max: u16,
) -> Entry {
    entry(name, Kind::Function, params, returns, min, max)
}

pub(crate) const fn aggregate(
    name: &'static str,
    params: &'static str,
    returns: &'static str,
    min: u16,
    max: u16,
) -> Entry {
    entry(name, Kind::Aggregate, params, returns, min, max)
}

pub(crate) const fn plugin(
    name: &'static str,
    params: &'static str,
    returns: &'static str,
    min: u16,
    max: u16,
) -> Entry {
    entry(name, Kind::Plugin, params, returns, min, max)
}

pub(crate) const fn operator(
    name: &'static str,
    syntax: &'static str,
    example: &'static str,
) -> Entry {
    let mut e = entry(name, Kind::Operator, syntax, "table", 0, 0);
    e.example = example;
    e
}

impl Entry {
    pub(crate) const fn runs(mut self) -> Entry {
        self.runs = true;
        self
    }

    pub(crate) const fn hidden(mut self) -> Entry {
        self.hidden = true;
        self
    }

    pub(crate) const fn only(mut self, backends: Backends) -> Entry {
        self.backends = backends;
        self
    }

    /// `name(params) → returns`, as the signature hint and completion show it; an overload
    /// per line.
    pub fn signature(&self) -> String {
        if self.kind == Kind::Operator {
            return format!("{} {}", self.name, self.params)
                .trim_end()
                .to_owned();
        }
        self.params
            .split(" | ")
            .map(|params| match self.returns {
                "" => format!("{}({params})", self.name),
                returns => format!("{}({params}) → {returns}", self.name),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether `count` arguments fit.
    pub fn accepts(&self, count: usize) -> bool {
        count >= usize::from(self.min_args) && count <= usize::from(self.max_args)
    }
}

/// Every entry: operators first, in the order hunters use them most, then the rest by name
/// within their family.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    [
        operators::OPERATORS,
        aggregates::AGGREGATES,
        text::FUNCTIONS,
        time::FUNCTIONS,
        numbers::FUNCTIONS,
        dynamic::FUNCTIONS,
        network::FUNCTIONS,
        series::FUNCTIONS,
        plugins::PLUGINS,
    ]
    .into_iter()
    .flatten()
}

/// The entries of one kind.
pub fn of_kind(kind: Kind) -> impl Iterator<Item = &'static Entry> {
    all().filter(move |e| e.kind == kind)
}

/// The entry for `name` of `kind` (functions and aggregates ignore case, as Kusto does not
/// for user names but the hunting service accepts `Count()`; operators are lower case).
pub fn find(kind: Kind, name: &str) -> Option<&'static Entry> {
    of_kind(kind).find(|e| e.name.eq_ignore_ascii_case(name))
}

/// A scalar function or an aggregate called `name`: what a call `name(...)` may be.
pub fn callable(name: &str) -> Option<&'static Entry> {
    find(Kind::Function, name).or_else(|| find(Kind::Aggregate, name))
}

/// The message for a call of a name that is no function, as Microsoft's analyzer words it.
pub fn unknown_function(name: &str) -> String {
    format!("The name '{name}' does not refer to any known function.")
}

/// The hint for a valid name the demo engine does not run.
pub fn not_in_demo(name: &str) -> String {
    format!("'{name}': the demo tenant does not run this; the service does")
}
