//! What the workbench does with a prompt's answer: export, save, rename, duplicate, delete,
//! close the tab, name it, filter or search the grid.

use super::app::{App, Command};
use super::prompt::Answer;

impl App {
    pub fn on_answer(&mut self, answer: Answer) -> Option<Command> {
        match answer {
            Answer::ExportTo { path, replace } => return self.export(&path, replace),
            Answer::SaveAs { name, replace } => self.save_query(&name, replace),
            Answer::CreateDetection(name) => self.create_detection(&name),
            Answer::RenameSaved { from, to } => self.rename_saved(&from, &to),
            Answer::DuplicateSaved { from, to } => self.duplicate_saved(&from, &to),
            Answer::DeleteSaved(name) => self.delete_saved(&name),
            Answer::CloseTab => self.close_tab(true),
            Answer::NameTab(name) => self.view.name = (!name.is_empty()).then_some(name),
            Answer::Filter(text) => {
                self.view.result.as_ref()?;
                let request = self.view.table.filter_by(Some(text));
                self.ask_rows(request);
            }
            Answer::Search(text) => {
                self.view.result.as_ref()?;
                self.view.search = Some(text).filter(|t| !t.is_empty());
                self.find(true);
            }
            Answer::SearchHistory(_) => {}
        }
        None
    }
}
