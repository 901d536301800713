//! What the workbench tells the hunter in the hint bar: a bounded stack of notices, each with
//! its level and time. Warnings and errors that arrive together (at start, or a run's warnings)
//! wait their turn instead of overwriting each other; a key sets the shown one aside and the
//! next waiting one shows. A progress note gives way to the note that follows it.

use std::collections::VecDeque;
use std::time::SystemTime;

/// How much a notice matters; errors and warnings are drawn as such.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub level: Level,
    pub text: String,
    pub at: SystemTime,
}

/// The last notices, newest last; the unseen ones at the end wait to be shown.
#[derive(Clone, Debug, Default)]
pub struct Notices {
    items: VecDeque<Notice>,
    unseen: usize,
}

/// Notices kept, seen or not.
const KEEP: usize = 64;

impl Notices {
    /// Adds a notice. An informational one not yet set aside (`copying…`) gives way to the
    /// next informational one (`copied`); warnings and errors wait until the hunter saw them.
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let replaces = level == Level::Info
            && self.unseen > 0
            && self.items.back().is_some_and(|n| n.level == Level::Info);
        if replaces {
            self.items.pop_back();
            self.unseen -= 1;
        }
        if self.items.len() == KEEP {
            self.items.pop_front();
        }
        self.items.push_back(Notice {
            level,
            text: text.into(),
            at: SystemTime::now(),
        });
        self.unseen = (self.unseen + 1).min(self.items.len());
    }

    /// The notice on show: the oldest of those not yet set aside.
    pub fn current(&self) -> Option<&Notice> {
        (self.unseen > 0).then(|| &self.items[self.items.len() - self.unseen])
    }

    /// How many more wait behind the one on show.
    pub fn waiting(&self) -> usize {
        self.unseen.saturating_sub(1)
    }

    /// The hunter pressed a key: the notice on show is set aside.
    pub fn dismiss(&mut self) {
        self.unseen = self.unseen.saturating_sub(1);
    }

    /// Every notice is set aside (a crash report takes the screen).
    pub fn dismiss_all(&mut self) {
        self.unseen = 0;
    }

    /// Every notice kept, oldest first.
    pub fn all(&self) -> impl Iterator<Item = &Notice> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_that_arrive_together_show_one_after_another_each_with_its_level() {
        let mut notices = Notices::default();
        notices.push(Level::Error, "keymap.toml: line 3: no such key");
        notices.push(Level::Info, "2 rows in the grid");
        assert_eq!(notices.current().unwrap().level, Level::Error);
        assert_eq!(notices.waiting(), 1);
        notices.dismiss();
        let shown = notices.current().unwrap();
        assert_eq!(
            (shown.level, shown.text.as_str()),
            (Level::Info, "2 rows in the grid")
        );
        notices.dismiss();
        assert!(notices.current().is_none());
        assert_eq!(notices.all().count(), 2);
    }

    #[test]
    fn a_progress_note_gives_way_to_the_next_note_but_a_warning_stays() {
        let mut notices = Notices::default();
        notices.push(Level::Warning, "ledger set aside");
        notices.push(Level::Info, "copying 400 rows…");
        notices.push(Level::Info, "copied 400 rows");
        assert_eq!(notices.waiting(), 1);
        notices.dismiss();
        assert_eq!(notices.current().unwrap().text, "copied 400 rows");
    }

    #[test]
    fn the_stack_keeps_the_newest_and_never_grows_past_its_bound() {
        let mut notices = Notices::default();
        for i in 0..200 {
            notices.push(Level::Warning, format!("notice {i}"));
        }
        assert_eq!(notices.all().count(), KEEP);
        assert_eq!(notices.all().last().unwrap().text, "notice 199");
        assert_eq!(notices.waiting(), KEEP - 1);
    }
}
