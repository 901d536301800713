//! The syntax tree of a query: statements, tabular pipelines, operators and expressions.

use super::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    Let {
        name: String,
        value: LetValue,
        span: Span,
    },
    /// `set option = value;`: accepted and ignored, as the hunting service does for most.
    Set {
        name: String,
    },
    Tabular(Pipeline),
}

#[derive(Clone, Debug, PartialEq)]
pub enum LetValue {
    Expr(Expr),
    Function(Lambda),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lambda {
    pub params: Vec<Param>,
    /// `let`s inside the body, then its value.
    pub body: Vec<Statement>,
    pub result: Box<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    /// `string`, `datetime`, ..., or `*` for a tabular parameter.
    pub kind: String,
    pub default: Option<Expr>,
    pub tabular: bool,
}

/// A source followed by `| operator`s.
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub source: Box<Expr>,
    pub operators: Vec<Operator>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operator {
    pub kind: OperatorKind,
    pub span: Span,
}

/// `name = expr`, or an unnamed expression.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedExpr {
    pub names: Vec<String>,
    pub expr: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SortKey {
    pub expr: Expr,
    pub descending: bool,
    pub nulls_first: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JoinKey {
    /// `on Col`: the same column on both sides.
    Same(String),
    /// `on $left.A == $right.B`.
    Pair(String, String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum OperatorKind {
    Where(Expr),
    Project(Vec<NamedExpr>),
    ProjectAway(Vec<String>),
    ProjectKeep(Vec<String>),
    ProjectRename(Vec<(String, String)>),
    ProjectReorder(Vec<String>),
    Extend(Vec<NamedExpr>),
    Summarize {
        aggregates: Vec<NamedExpr>,
        by: Vec<NamedExpr>,
    },
    Sort(Vec<SortKey>),
    Top {
        count: Expr,
        by: SortKey,
    },
    Take(Expr),
    Distinct(Vec<Expr>),
    Count,
    Join {
        kind: String,
        right: Box<Expr>,
        on: Vec<JoinKey>,
    },
    Lookup {
        kind: String,
        right: Box<Expr>,
        on: Vec<JoinKey>,
    },
    Union {
        tables: Vec<Expr>,
        with_source: Option<String>,
    },
    MvExpand {
        columns: Vec<NamedExpr>,
        limit: Option<Expr>,
        /// `with_itemindex=I`: a column of each element's index in its array.
        item_index: Option<String>,
        /// `to typeof(T)` after each column, in the order of `columns`.
        types: Vec<Option<String>>,
        /// `bagexpansion=array`, which the engine refuses.
        bag_as_array: bool,
    },
    Parse {
        expr: Expr,
        pattern: Vec<ParsePart>,
        kind: String,
    },
    Render(String),
    Serialize(Vec<NamedExpr>),
    Invoke(Expr),
    As(String),
    Sample(Expr),
    GetSchema,
    /// `evaluate plugin(args) [: (schema)]`.
    Evaluate(Evaluate),
    MakeSeries(Box<MakeSeries>),
    MvApply(Box<MvApply>),
    TopNested(Vec<TopNestedLevel>),
    /// `partition by Column ( operators )`: the operators run on each partition.
    Partition {
        by: String,
        operators: Vec<Operator>,
    },
    /// An operator the parser understands in shape but the engine does not run.
    Other {
        name: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evaluate {
    pub plugin: String,
    pub args: Vec<Expr>,
    /// `: (Name:type, ...)`; a `*` first keeps the input's columns.
    pub schema: Option<Vec<(String, String)>>,
}

/// `make-series Name = agg() [default = v], ... on Axis [from a] [to b] step s [by ...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct MakeSeries {
    pub aggregates: Vec<(NamedExpr, Option<Expr>)>,
    pub axis: Expr,
    pub from: Option<Expr>,
    pub to: Option<Expr>,
    pub step: Expr,
    pub by: Vec<NamedExpr>,
    /// `kind=nonempty`.
    pub nonempty: bool,
}

/// `mv-apply [with_itemindex=I] Name = Array [to typeof(t)], ... [limit n] on ( operators )`.
#[derive(Clone, Debug, PartialEq)]
pub struct MvApply {
    pub item_index: Option<String>,
    /// Each expanded array with its name and the element type it is converted to.
    pub columns: Vec<(NamedExpr, Option<String>)>,
    pub limit: Option<Expr>,
    pub operators: Vec<Operator>,
}

/// One `top-nested [N] of Expr [with others = v] by Aggregate [asc|desc]` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct TopNestedLevel {
    pub count: Option<Expr>,
    pub of: NamedExpr,
    pub others: Option<Expr>,
    pub by: NamedExpr,
    pub ascending: bool,
}

/// `externaldata (Col:type, ...) [ "url", ... ] [with (name = value, ...)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExternalData {
    pub columns: Vec<(String, String)>,
    pub urls: Vec<String>,
    pub properties: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParsePart {
    Text(String),
    Column { name: String, kind: Option<String> },
    Wildcard,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Long(i64),
    Real(f64),
    String(String),
    /// 100 ns ticks.
    Timespan(i64),
    DateTime(i64),
    Dynamic(serde_json::Value),
    Guid(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Literal(Literal),
    Name(String),
    /// `*` in `count(*)`, `arg_max(T, *)`, `project-away A*`.
    Star,
    Call {
        name: String,
        args: Vec<Expr>,
    },
    /// Operands joined by operators of one precedence level, read left to right: `a or b or c`,
    /// `x + 1 - y`, `A == B`. Kept flat so that a chain of 100,000 terms is a list, not a tree
    /// that deep which every walk over it would have to recurse through.
    Chain {
        first: Box<Expr>,
        rest: Vec<(String, Expr)>,
    },
    Unary {
        op: String,
        operand: Box<Expr>,
    },
    Member {
        target: Box<Expr>,
        name: String,
    },
    Index {
        target: Box<Expr>,
        index: Box<Expr>,
    },
    /// `x in (..)`, `x !in~ (..)`, `x has_any (..)`; the list may be a tabular expression.
    InList {
        op: String,
        target: Box<Expr>,
        list: Vec<Expr>,
    },
    Between {
        negated: bool,
        target: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    /// `name = value` inside a call's argument list (`with_source=X`, `kind=inner`).
    Assign {
        name: String,
        value: Box<Expr>,
    },
    Pipeline(Pipeline),
    Datatable {
        columns: Vec<(String, String)>,
        values: Vec<Expr>,
    },
    Print(Vec<NamedExpr>),
    /// `T1, T2` after `union` as a source.
    Union {
        tables: Vec<Expr>,
        with_source: Option<String>,
    },
    Search {
        tables: Vec<String>,
        predicate: Box<Expr>,
    },
    Range {
        name: String,
        from: Box<Expr>,
        to: Box<Expr>,
        step: Box<Expr>,
    },
    /// `find [in (T, ...)] where predicate [project-smart | project a, b]`.
    Find {
        tables: Vec<Expr>,
        predicate: Box<Expr>,
        /// `None` for project-smart (the default).
        project: Option<Vec<String>>,
        /// The column naming each row's table (`withsource=`, `source_` by default).
        source: String,
    },
    ExternalData(ExternalData),
    /// A source kqlhunt parses but cannot run (`materialized_view`, ...).
    Unsupported(String),
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}
