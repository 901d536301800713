//! What each action does to the workbench: the one place a key's intention becomes a change
//! of state, or a command for the event loop (a run, an export, a copy).

use super::app::{App, Command, Focus, Overlay, Prompt, PromptKind};
use super::keymap::Action;
use super::notices::Level;

impl App {
    pub fn apply(&mut self, action: Action) -> Option<Command> {
        // A mode's command acts on that mode, and only while it is open.
        match action {
            Action::Side(side) => {
                if self.focus == Focus::Side {
                    self.side_action(side);
                }
                return None;
            }
            Action::Record(record) => return self.record_action(record),
            Action::Palette(palette) => return self.palette_action(palette),
            Action::CopyMenuChoice(choice) => return self.copy_choice(choice),
            Action::Completion(completion) => {
                self.completion_action(completion);
                return None;
            }
            Action::Prompt(_) | Action::Answer(_) => return self.prompt_action(action),
            Action::Chart(chart) => return self.chart_action(chart),
            Action::ChartPicker(picker) => {
                self.picker_action(picker);
                return None;
            }
            _ => {}
        }
        if self.overlay != Overlay::None
            && !matches!(action, Action::Cancel | Action::Quit | Action::Help)
        {
            return None;
        }
        let size = self.grid_size();
        let rows = size.0;
        let (row, column) = (self.view.grid.row, self.view.grid.column);
        let go = |app: &mut App, r: usize, c: usize| app.view.select(r, c, size);
        match action {
            Action::RunQuery => return self.start_run(),
            Action::Cancel if self.overlay == Overlay::None && self.exporting.is_some() => {
                if let Some((cancel, _)) = &self.exporting {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Action::Cancel if self.overlay == Overlay::None && self.is_running() => {
                self.cancel_shown_run();
            }
            Action::Cancel => self.overlay = Overlay::None,
            Action::Quit => {
                self.cancel_every_run();
                self.quit = true;
            }
            Action::Help => {
                self.overlay = if matches!(self.overlay, Overlay::Help { .. }) {
                    Overlay::None
                } else {
                    Overlay::Help {
                        selected: 0,
                        filter: String::new(),
                    }
                }
            }
            Action::ShowStatistics => self.overlay = Overlay::Statistics,
            Action::FocusEditor => self.focus = Focus::Editor,
            Action::FocusResults => self.focus = Focus::Results,
            Action::FocusSide => self.toggle_side(),
            Action::Up => go(self, row.saturating_sub(1), column),
            Action::Down => go(self, row + 1, column),
            Action::Left => go(self, row, column.saturating_sub(1)),
            Action::Right => go(self, row, column + 1),
            Action::PageUp => go(self, row.saturating_sub(rows), column),
            Action::PageDown => go(self, row + rows, column),
            Action::FirstRow => go(self, 0, column),
            Action::LastRow => go(self, usize::MAX, column),
            Action::FirstColumn => go(self, row, 0),
            Action::LastColumn => go(self, row, usize::MAX),
            Action::Wider | Action::Narrower => {
                self.view.table.resize(column, action == Action::Wider);
            }
            Action::HideColumn => {
                if let Some(count) = self.view.result.as_ref().map(|r| r.column_count()) {
                    if self.view.table.hide(column, count) {
                        go(self, row, column);
                    }
                }
            }
            Action::ShowColumns => self.view.table.show_all_columns(),
            Action::HideEmptyColumns => {
                if let Some(result) = self.view.result.clone() {
                    let hidden = self.view.table.toggle_empty_columns(&result);
                    let note = if self.view.table.empty_hidden {
                        format!(
                            "hid {} empty in every row ({} shows them)",
                            crate::text::count(hidden as u128, "column", "columns"),
                            self.keymap.first_key(Action::HideEmptyColumns)
                        )
                    } else {
                        "every column shown".into()
                    };
                    self.notify(Level::Info, note);
                    go(self, row, column);
                }
            }
            Action::FreezeColumns => {
                self.view.table.toggle_frozen(column);
                go(self, row, column);
            }
            Action::LocalTime => {
                self.view.grid.local_time = !self.view.grid.local_time;
                self.notify(
                    Level::Info,
                    if self.view.grid.local_time {
                        let back = self.keymap.first_key(Action::LocalTime);
                        format!("timestamps in local time ({back}: back to UTC)")
                    } else {
                        "timestamps in UTC".into()
                    },
                );
            }
            Action::CopyCell => {
                let target = if self.view.visual.is_some() {
                    super::copy::CopyTarget::Rows
                } else {
                    super::copy::CopyTarget::Cell
                };
                return self.copy(target);
            }
            Action::CopyRow => return self.copy(super::copy::CopyTarget::Rows),
            Action::MarkRows => {
                self.view.visual = if self.view.visual.is_some() {
                    None
                } else {
                    Some(self.view.grid.row)
                }
            }
            Action::CopyMenu => {
                if self.view.result.is_some() {
                    self.overlay = Overlay::CopyMenu;
                }
            }
            Action::Export => {
                if self.view.result.is_some() {
                    self.prompt = Some(Prompt {
                        kind: PromptKind::Export,
                        text: String::new(),
                        subject: String::new(),
                    });
                }
            }
            Action::SortAscending => self.sort(false),
            Action::SortDescending => self.sort(true),
            Action::Filter => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Filter,
                    text: self.view.table.filter().unwrap_or_default().to_owned(),
                    subject: String::new(),
                })
            }
            Action::Search => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Search,
                    text: String::new(),
                    subject: String::new(),
                })
            }
            Action::NextMatch => self.find(true),
            Action::PreviousMatch => self.find(false),
            Action::NewTab => self.new_tab(),
            Action::CloseTab => self.close_tab(false),
            Action::NextTab => self.cycle_tab(1),
            Action::PreviousTab => self.cycle_tab(-1),
            Action::RenameTab => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::RenameTab,
                    text: self.view.name.clone().unwrap_or_default(),
                    subject: String::new(),
                })
            }
            Action::SaveQuery => self.ask_save_name(),
            Action::CreateDetection => self.ask_detection_name(),
            Action::ToggleComment => {
                self.editor.toggle_comment();
                self.edited();
            }
            Action::Indent => {
                self.editor.indent(true);
                self.edited();
            }
            Action::Complete => self.complete_or_indent(),
            Action::FormatQuery => self.format_query(),
            Action::Dedent => {
                self.editor.indent(false);
                self.edited();
            }
            Action::Undo | Action::Redo => {
                let changed = if action == Action::Undo {
                    self.editor.undo_step()
                } else {
                    self.editor.redo_step()
                };
                if changed {
                    self.assist.popup = None;
                    self.edited();
                } else {
                    self.notify(
                        Level::Info,
                        if action == Action::Undo {
                            "nothing to undo".into()
                        } else {
                            "nothing to redo".into()
                        },
                    );
                }
            }
            Action::PivotEquals => return self.pivot(super::pivot::Pivot::Equals),
            Action::PivotNotEquals => return self.pivot(super::pivot::Pivot::NotEquals),
            Action::PivotHas => return self.pivot(super::pivot::Pivot::Has),
            Action::PivotNotHas => return self.pivot(super::pivot::Pivot::NotHas),
            Action::PivotAround => return self.pivot(super::pivot::Pivot::Around),
            Action::BufferStart => self.editor.to_start(),
            Action::BufferEnd => self.editor.to_end(),
            Action::ToggleWrap => self.toggle_wrap(),
            Action::ToggleChart => self.toggle_chart(),
            Action::ShowCell => {
                if self.view.result.as_ref().is_some_and(|r| !r.is_empty()) {
                    self.overlay = Overlay::Cell;
                }
            }
            Action::OpenRecord => {
                if self.view.result.as_ref().is_some_and(|r| !r.is_empty()) {
                    self.overlay = Overlay::Record {
                        scroll: 0,
                        hide_empty: false,
                    };
                }
            }
            // Handled above, by the mode they belong to.
            Action::Side(_)
            | Action::Record(_)
            | Action::Palette(_)
            | Action::CopyMenuChoice(_)
            | Action::Completion(_)
            | Action::Prompt(_)
            | Action::Chart(_)
            | Action::ChartPicker(_)
            | Action::Answer(_) => {}
        }
        None
    }
}
