//! What completion and diagnostics know: the hunting schema shipped in `assets/`, columns and
//! values seen in results, and an engine over empty tables of that schema, so that the columns
//! a pipeline produces (after `extend`, `project`, `summarize`, `let`) come from the same
//! interpreter that runs the demo tenant.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::engine::{ColumnDef, Database, Engine, EngineError, Limits, Table};
use crate::results::{ColumnKind, ResultSet};

/// Values of a column worth offering: at most this many distinct, each short.
const MAX_VALUES: usize = 64;
const MAX_VALUE_LEN: usize = 80;

#[derive(Clone)]
pub struct Knowledge {
    pub tables: Vec<(String, Vec<(String, String)>)>,
    engine: Engine,
    /// Columns seen in results that the schema does not list: name → type.
    pub seen_columns: BTreeMap<String, String>,
    /// Enum-like values seen in results, by column: `ActionType` → its values.
    pub values: BTreeMap<String, BTreeSet<String>>,
}

impl Default for Knowledge {
    fn default() -> Self {
        Knowledge::new(crate::kql::schema::catalog())
    }
}

impl Knowledge {
    pub fn new(tables: Vec<(String, Vec<(String, String)>)>) -> Knowledge {
        let mut database = Database::default();
        for (name, columns) in &tables {
            let defs = columns
                .iter()
                .map(|(name, kind)| ColumnDef {
                    name: name.clone(),
                    kind: ColumnKind::from_type_name(kind),
                })
                .collect();
            database.insert(name, Table::empty(defs));
        }
        Knowledge {
            tables,
            engine: Engine::new(Arc::new(database)),
            seen_columns: BTreeMap::new(),
            values: BTreeMap::new(),
        }
    }

    /// The same knowledge with the columns of results already fetched (`_result`, `_tab(..)`),
    /// named as the engine's database holds them, so a local query completes and checks like
    /// any other.
    pub fn with_fetched(
        self: &Arc<Knowledge>,
        fetched: &[(String, Vec<ColumnDef>)],
    ) -> Arc<Knowledge> {
        if fetched.is_empty() {
            return self.clone();
        }
        let mut database = self.engine.database().clone();
        for (name, columns) in fetched {
            database.insert(name, Table::empty(columns.clone()));
        }
        let mut knowledge = (**self).clone();
        knowledge.engine = Engine::new(Arc::new(database));
        Arc::new(knowledge)
    }

    pub fn table(&self, name: &str) -> Option<&[(String, String)]> {
        self.tables
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, c)| c.as_slice())
    }

    /// The columns `query` produces, by running it over the empty tables: the same binding
    /// rules as a real run, in microseconds.
    pub fn columns_of(&self, query: &str) -> Result<Vec<(String, String)>, EngineError> {
        let answer = self.engine.run(query, 0, &Limits::default())?;
        Ok(answer
            .table
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.kind.kql_name().to_owned()))
            .collect())
    }

    /// The columns `query` produces and the stored tables it reads (each once), from the
    /// same run over empty tables as [`Knowledge::columns_of`].
    pub fn shape_of(&self, query: &str) -> Result<(Vec<String>, Vec<String>), EngineError> {
        let answer = self.engine.run(query, 0, &Limits::default())?;
        let columns = answer
            .table
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect();
        let mut tables = answer.tables_read;
        tables.sort();
        tables.dedup();
        Ok((columns, tables))
    }

    /// Remembers what a result shows: columns the schema lacks, and the values of short text
    /// columns with few distinct values (`ActionType`, `LogonType`).
    pub fn learn(&mut self, result: &ResultSet) {
        for column in result.columns() {
            let known = self
                .tables
                .iter()
                .any(|(_, cs)| cs.iter().any(|(n, _)| n == column.name()));
            if !known {
                self.seen_columns.insert(
                    column.name().to_owned(),
                    column.kind().kql_name().to_owned(),
                );
            }
            if column.kind() != ColumnKind::Text {
                continue;
            }
            let mut distinct = BTreeSet::new();
            for row in 0..column.len().min(10_000) {
                let value = column.value(row).to_plain();
                if value.is_empty() || value.len() > MAX_VALUE_LEN || value.contains(['\n', '"']) {
                    continue;
                }
                distinct.insert(value);
                if distinct.len() > MAX_VALUES {
                    break;
                }
            }
            if !distinct.is_empty() && distinct.len() <= MAX_VALUES {
                let known = self.values.entry(column.name().to_owned()).or_default();
                known.extend(distinct);
                while known.len() > MAX_VALUES {
                    known.pop_last();
                }
            }
        }
    }
}
