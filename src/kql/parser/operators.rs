//! The tabular operators after `|`.

use super::{Parsed, Parser};
use crate::kql::ast::*;
use crate::kql::lexer::{string_value, TokenKind};
use crate::kql::Span;

/// Operators whose shape is skipped: the engine refuses them by name.
const SHAPE_ONLY: &[&str] = &[
    "top-hitters",
    "reduce",
    "fork",
    "facet",
    "scan",
    "sample-distinct",
    "parse-where",
    "parse-kv",
    "find",
    "project-smart",
    "consume",
    "externaldata",
    "lookup-fuzzy",
    "range",
    "make-graph",
    "graph-match",
    "graph-merge",
    "assert-schema",
    "execute-show-command",
];

impl Parser<'_> {
    pub(super) fn operator(&mut self) -> Parsed<Operator> {
        let start = self.here().start;
        let name = self.hyphenated_word()?.to_ascii_lowercase();
        let kind = match name.as_str() {
            "where" | "filter" => OperatorKind::Where(self.expr()?),
            "project" => OperatorKind::Project(self.named_list()?),
            "extend" => OperatorKind::Extend(self.named_list()?),
            "project-away" => OperatorKind::ProjectAway(self.name_patterns()?),
            "project-keep" => OperatorKind::ProjectKeep(self.name_patterns()?),
            "project-reorder" => OperatorKind::ProjectReorder(self.name_patterns()?),
            "project-rename" => {
                let mut pairs = Vec::new();
                loop {
                    let new = self.name()?;
                    self.expect("=")?;
                    pairs.push((new, self.name()?));
                    if !self.eat(",") {
                        break;
                    }
                }
                OperatorKind::ProjectRename(pairs)
            }
            "summarize" => {
                self.operator_params();
                let aggregates = if self.at("by") {
                    Vec::new()
                } else {
                    self.named_list()?
                };
                let by = if self.eat("by") {
                    self.named_list()?
                } else {
                    Vec::new()
                };
                OperatorKind::Summarize { aggregates, by }
            }
            "sort" | "order" => {
                self.operator_params();
                self.expect("by")?;
                OperatorKind::Sort(self.sort_keys()?)
            }
            "top" => {
                let count = self.expr()?;
                self.expect("by")?;
                let mut keys = self.sort_keys()?;
                OperatorKind::Top {
                    count,
                    by: keys.remove(0),
                }
            }
            "take" | "limit" => {
                self.operator_params();
                OperatorKind::Take(self.expr()?)
            }
            "sample" => OperatorKind::Sample(self.expr()?),
            "distinct" => {
                let mut columns = Vec::new();
                loop {
                    columns.push(self.expr()?);
                    if !self.eat(",") {
                        break;
                    }
                }
                OperatorKind::Distinct(columns)
            }
            "count" => OperatorKind::Count,
            "getschema" => OperatorKind::GetSchema,
            "join" | "lookup" => {
                let params = self.operator_params();
                let default = if name == "join" {
                    "innerunique"
                } else {
                    "leftouter"
                };
                let kind = params
                    .iter()
                    .find(|(k, _)| k == "kind")
                    .map_or(default.to_owned(), |(_, v)| v.to_ascii_lowercase());
                let right = Box::new(self.union_table()?);
                let on = self.join_keys()?;
                if name == "join" {
                    OperatorKind::Join { kind, right, on }
                } else {
                    OperatorKind::Lookup { kind, right, on }
                }
            }
            "union" => {
                let params = self.operator_params();
                let mut tables = vec![self.union_table()?];
                while self.eat(",") {
                    tables.push(self.union_table()?);
                }
                match union_params(params) {
                    Ok(with_source) => OperatorKind::Union {
                        tables,
                        with_source,
                    },
                    Err(name) => OperatorKind::Other { name },
                }
            }
            "mv-expand" | "mvexpand" => {
                let params = self.operator_params();
                let param = |name: &str| {
                    params
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, v)| v.clone())
                };
                let item_index = param("with_itemindex");
                let bag_as_array = param("bagexpansion").is_some_and(|v| v == "array");
                let mut columns = Vec::new();
                let mut types = Vec::new();
                loop {
                    let item = self.named_expr()?;
                    let mut kind = None;
                    if self.eat("to") {
                        self.expect("typeof")?;
                        self.expect("(")?;
                        kind = Some(self.peek_text().to_owned());
                        self.pos += 1;
                        self.expect(")")?;
                    }
                    columns.push(item);
                    types.push(kind);
                    if !self.eat(",") {
                        break;
                    }
                }
                let limit = if self.eat("limit") {
                    Some(self.expr()?)
                } else if name == "mvexpand" {
                    // The legacy form's documented default: 128 rows from each row.
                    Some(Expr::new(
                        ExprKind::Literal(Literal::Long(128)),
                        Span::new(start, start),
                    ))
                } else {
                    None
                };
                OperatorKind::MvExpand {
                    columns,
                    limit,
                    item_index,
                    types,
                    bag_as_array,
                }
            }
            "parse" => {
                let params = self.operator_params();
                let kind = params
                    .into_iter()
                    .find(|(k, _)| k == "kind")
                    .map_or("simple".into(), |(_, v)| v);
                let expr = self.expr()?;
                self.expect("with")?;
                OperatorKind::Parse {
                    expr,
                    pattern: self.parse_pattern()?,
                    kind,
                }
            }
            "render" => {
                let from = self.here().start;
                self.skip_operator_rest()?;
                OperatorKind::Render(
                    self.text[from..self.end_of_previous().max(from)]
                        .trim()
                        .to_owned(),
                )
            }
            "serialize" => {
                let columns = if self.at("|") || self.at_end() || self.at(";") || self.at(")") {
                    Vec::new()
                } else {
                    self.named_list()?
                };
                OperatorKind::Serialize(columns)
            }
            "invoke" => OperatorKind::Invoke(self.expr()?),
            "evaluate" => self.evaluate()?,
            "make-series" => self.make_series()?,
            "mv-apply" => self.mv_apply()?,
            "top-nested" => self.top_nested()?,
            "partition" => self.partition()?,
            "as" => {
                self.operator_params();
                OperatorKind::As(self.name()?)
            }
            "search" => {
                let search = self.search()?;
                let span = Span::new(start, self.end_of_previous());
                let ExprKind::Search { predicate, .. } = search else {
                    unreachable!("search() builds a search")
                };
                OperatorKind::Where(Expr::new(
                    ExprKind::Call {
                        name: "__search_all".into(),
                        args: vec![*predicate],
                    },
                    span,
                ))
            }
            other if SHAPE_ONLY.contains(&other) => {
                self.skip_operator_rest()?;
                OperatorKind::Other {
                    name: other.to_owned(),
                }
            }
            other => {
                return Err(crate::kql::ParseError {
                    message: format!("'{other}' is not a tabular operator"),
                    span: Span::new(start, self.end_of_previous()),
                })
            }
        };
        Ok(Operator {
            kind,
            span: Span::new(start, self.end_of_previous()),
        })
    }

    fn sort_keys(&mut self) -> Parsed<Vec<SortKey>> {
        let mut keys = Vec::new();
        loop {
            let expr = self.expr()?;
            // Kusto sorts descending unless told otherwise.
            let descending = if self.eat("asc") {
                false
            } else {
                self.eat("desc");
                true
            };
            let nulls_first = if self.eat("nulls") {
                if self.eat("first") {
                    Some(true)
                } else {
                    self.expect("last")?;
                    Some(false)
                }
            } else {
                None
            };
            keys.push(SortKey {
                expr,
                descending,
                nulls_first,
            });
            if !self.eat(",") {
                return Ok(keys);
            }
        }
    }

    /// Column names, possibly with `*` wildcards, and `asc`/`desc` after each (reorder).
    fn name_patterns(&mut self) -> Parsed<Vec<String>> {
        let mut names = Vec::new();
        loop {
            let mut pattern = String::new();
            let mut last_end = None;
            while let Some(t) = self.peek() {
                let adjacent = last_end.is_none_or(|end| t.span.start == end);
                let piece = match t.kind {
                    TokenKind::Ident | TokenKind::BracketIdent if adjacent => self.name()?,
                    TokenKind::Symbol if t.text(self.text) == "*" && adjacent => {
                        self.pos += 1;
                        "*".into()
                    }
                    _ => break,
                };
                pattern.push_str(&piece);
                last_end = Some(t.span.end);
            }
            if pattern.is_empty() {
                return Err(self.error("expected a column name"));
            }
            let _ = self.eat("asc")
                || self.eat("desc")
                || self.eat("granny-asc")
                || self.eat("granny-desc");
            names.push(pattern);
            if !self.eat(",") {
                return Ok(names);
            }
        }
    }

    fn join_keys(&mut self) -> Parsed<Vec<JoinKey>> {
        let mut keys = Vec::new();
        if !self.eat("on") {
            return Ok(keys);
        }
        let mut conditions = Vec::new();
        loop {
            let condition = self.expr()?;
            flatten_and(condition, &mut conditions);
            if !self.eat(",") {
                break;
            }
        }
        for left in conditions {
            let key = match left.kind {
                ExprKind::Name(name) => JoinKey::Same(name),
                ExprKind::Chain { first, mut rest } if rest.len() == 1 && rest[0].0 == "==" => {
                    let (left, right) = (first, rest.remove(0).1);
                    let side = |e: &Expr| match &e.kind {
                        ExprKind::Member { target, name } => match &target.kind {
                            ExprKind::Name(side) => Some((side.to_ascii_lowercase(), name.clone())),
                            _ => None,
                        },
                        ExprKind::Name(name) => Some((String::new(), name.clone())),
                        _ => None,
                    };
                    match (side(&left), side(&right)) {
                        (Some((l, a)), Some((_, b))) if l != "$right" => JoinKey::Pair(a, b),
                        (Some((_, a)), Some((_, b))) => JoinKey::Pair(b, a),
                        _ => {
                            return Err(crate::kql::ParseError {
                                message: "join keys are columns: on A or on $left.A == $right.B"
                                    .into(),
                                span: left.span,
                            })
                        }
                    }
                }
                _ => {
                    return Err(crate::kql::ParseError {
                        message: "join keys are columns: on A or on $left.A == $right.B".into(),
                        span: left.span,
                    })
                }
            };
            keys.push(key);
        }
        Ok(keys)
    }

    /// `parse` patterns: strings, `*`, and `Column[:type]`, until the operator ends.
    fn parse_pattern(&mut self) -> Parsed<Vec<ParsePart>> {
        let mut parts = Vec::new();
        while let Some(t) = self.peek() {
            match t.kind {
                TokenKind::String => {
                    self.pos += 1;
                    parts.push(ParsePart::Text(string_value(t.text(self.text))));
                }
                TokenKind::Symbol if t.text(self.text) == "*" => {
                    self.pos += 1;
                    parts.push(ParsePart::Wildcard);
                }
                TokenKind::Ident | TokenKind::BracketIdent => {
                    let name = self.name()?;
                    let kind = if self.eat(":") {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    parts.push(ParsePart::Column { name, kind });
                }
                _ => break,
            }
        }
        Ok(parts)
    }
}

/// `a == b and c == d` as two join conditions (bracketed groups of `and` included).
fn flatten_and(expr: Expr, out: &mut Vec<Expr>) {
    let mut pending = vec![expr];
    while let Some(expr) = pending.pop() {
        match expr.kind {
            ExprKind::Chain { first, rest } if rest.iter().all(|(op, _)| op == "and") => {
                pending.extend(rest.into_iter().rev().map(|(_, e)| e));
                pending.push(*first);
            }
            kind => out.push(Expr {
                kind,
                span: expr.span,
            }),
        }
    }
}

/// The parameters of `union`: the `withsource` column's name, or the form the engine refuses
/// (by the name its message gives).
pub(super) fn union_params(params: Vec<(String, String)>) -> Result<Option<String>, String> {
    let mut with_source = None;
    for (name, value) in params {
        match name.as_str() {
            "withsource" | "with_source" => with_source = Some(value),
            "kind" if !value.eq_ignore_ascii_case("outer") => {
                return Err(format!("union kind={value}"))
            }
            "isfuzzy" | "kind" => {}
            hint if hint.starts_with("hint.") => {}
            other => return Err(format!("union {other}={value}")),
        }
    }
    Ok(with_source)
}
