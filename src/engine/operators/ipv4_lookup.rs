//! `evaluate ipv4_lookup(Lookup, SourceIP, LookupKey [, return_unmatched])`: each row joined
//! with the lookup rows whose address or IP-prefix range holds the row's address.

use super::super::context::Ctx;
use super::super::scalar::Scalar;
use super::super::table::{ColumnDef, Table};
use super::super::EngineError;
use crate::kql::ast::{Expr, ExprKind};
use crate::kql::Span;
use crate::results::ColumnKind;

/// An address with its prefix length: `10.0.0.0/8` is (0x0a000000, 8); a plain address is /32.
fn range(text: &str) -> Option<(u32, u32)> {
    let (address, prefix) = match text.trim().split_once('/') {
        Some((a, p)) => (
            a,
            p.trim()
                .parse::<u32>()
                .ok()
                .filter(|p| (0..=32).contains(p))?,
        ),
        None => (text.trim(), 32),
    };
    let address: std::net::Ipv4Addr = address.trim().parse().ok()?;
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    Some((u32::from(address) & mask, prefix))
}

/// Whether the lookup range holds all of the source's.
fn holds(lookup: (u32, u32), source: (u32, u32)) -> bool {
    let mask = if lookup.1 == 0 {
        0
    } else {
        u32::MAX << (32 - lookup.1)
    };
    lookup.1 <= source.1 && source.0 & mask == lookup.0
}

impl Ctx<'_> {
    pub(super) fn ipv4_lookup(
        &self,
        table: &Table,
        args: &[Expr],
        span: Span,
    ) -> Result<Table, EngineError> {
        let mut positional = Vec::new();
        let mut unmatched = false;
        for arg in args {
            match &arg.kind {
                ExprKind::Assign { name, value }
                    if name.eq_ignore_ascii_case("return_unmatched") =>
                {
                    let empty = Table::default();
                    unmatched = self.bind(value, &empty)?.eval(&empty, 0).as_bool() == Some(true);
                }
                _ => positional.push(arg),
            }
        }
        if positional.len() == 4 {
            let empty = Table::default();
            unmatched = self.bind(positional[3], &empty)?.eval(&empty, 0).as_bool() == Some(true);
            positional.pop();
        }
        let [lookup, source_key, lookup_key] = positional[..] else {
            return Err(EngineError::unsupported(
                "ipv4_lookup is supported as ipv4_lookup(LookupTable, SourceIPv4Key, LookupKey [, return_unmatched]) by the kqlhunt demo tenant",
                span,
            ));
        };
        let lookup = self.tabular(lookup)?;
        let column = |t: &Table, e: &Expr| match &e.kind {
            ExprKind::Name(n) => t.column_index(n).ok_or_else(|| {
                EngineError::semantic(format!("Failed to resolve column named '{n}'"), e.span)
            }),
            _ => Err(EngineError::semantic(
                "ipv4_lookup takes column names",
                e.span,
            )),
        };
        let (source_at, lookup_at) = (column(table, source_key)?, column(&lookup, lookup_key)?);
        if let Some(clash) = lookup
            .columns
            .iter()
            .find(|c| table.column_index(&c.name).is_some())
        {
            return Err(EngineError::unsupported(
                format!("ipv4_lookup: the lookup table's column '{}' has the name of an input column; rename it first (this is not supported by the kqlhunt demo tenant)", clash.name),
                span,
            ));
        }
        let ranges: Vec<(usize, (u32, u32))> = (0..lookup.len())
            .filter_map(|r| {
                let text = lookup.get(r, lookup_at).to_text()?;
                range(&text).map(|range| (r, range))
            })
            .collect();
        let mut columns: Vec<ColumnDef> = table.columns.clone();
        columns.extend(lookup.columns.iter().cloned());
        let mut data: Vec<Vec<Scalar>> = vec![Vec::new(); columns.len()];
        let width = table.columns.len();
        for row in 0..table.len() {
            let source = table.get(row, source_at).to_text().and_then(|t| range(&t));
            let matches: Vec<usize> = source.map_or_else(Vec::new, |s| {
                ranges
                    .iter()
                    .filter(|(_, l)| holds(*l, s))
                    .map(|(r, _)| *r)
                    .collect()
            });
            let picks: Vec<Option<usize>> = if matches.is_empty() {
                if unmatched {
                    vec![None]
                } else {
                    Vec::new()
                }
            } else {
                matches.into_iter().map(Some).collect()
            };
            for pick in picks {
                for (c, values) in data.iter_mut().take(width).enumerate() {
                    values.push(table.get(row, c).clone());
                }
                for (c, def) in lookup.columns.iter().enumerate() {
                    data[width + c].push(match pick {
                        Some(r) => lookup.get(r, c).clone(),
                        None if def.kind == ColumnKind::Text => Scalar::str(""),
                        None => Scalar::Null,
                    });
                }
            }
            self.budget()
                .check("ipv4_lookup", data[0].len(), columns.len(), Some(span))?;
        }
        Ok(Table::new(columns, data))
    }
}
