//! What a local query may read from the workbench: the shown tab's result as `_result`, every
//! tab's by its name or label as `_tab("name")`, and the history for `_run(ID)`. A snapshot of
//! shared results (no rows copied), handed to the run layer with each run.

use super::app::App;
use crate::engine::ColumnDef;
use crate::results::ResultSet;
use crate::run::local::{Fetched, FetchedTab, Source, TabRef, ThisResult};

impl App {
    pub fn fetched(&self) -> Fetched {
        let this_result = match &self.view.result {
            Some(result) => ThisResult::Shown(result.clone()),
            None => ThisResult::NoneYet,
        };
        let tabs = (0..self.tab_count())
            .map(|i| {
                let (editor, view) = if i == self.active {
                    (&self.editor, &self.view)
                } else {
                    (&self.tabs[i].editor, &self.tabs[i].view)
                };
                let names = view
                    .name
                    .iter()
                    .cloned()
                    .chain(std::iter::once(super::tabs::first_word(editor)))
                    .collect();
                FetchedTab {
                    names,
                    result: view.result.clone(),
                }
            })
            .collect();
        Fetched {
            this_result,
            tabs,
            history: self.keep.history.as_ref().map(|h| h.place()),
        }
    }
}

impl App {
    /// The columns of each result a local query may read, under the names the engine gives
    /// them: what completion and diagnostics need to know of `_result` and `_tab(..)`.
    pub(super) fn fetched_columns(&self) -> Vec<(String, Vec<ColumnDef>)> {
        let schema = |result: &ResultSet| -> Vec<ColumnDef> {
            result
                .columns()
                .iter()
                .map(|c| ColumnDef {
                    name: c.name().to_owned(),
                    kind: c.kind(),
                })
                .collect()
        };
        let fetched = self.fetched();
        let mut known = Vec::new();
        if let ThisResult::Shown(result) = &fetched.this_result {
            known.push((Source::ThisResult.table_name(), schema(result)));
        }
        for (i, tab) in fetched.tabs.iter().enumerate() {
            let Some(result) = &tab.result else { continue };
            let refs = tab
                .names
                .iter()
                .map(|n| TabRef::Name(n.clone()))
                .chain(std::iter::once(TabRef::Number(i + 1)));
            for tab_ref in refs {
                known.push((Source::Tab(tab_ref).table_name(), schema(result)));
            }
        }
        known
    }
}
