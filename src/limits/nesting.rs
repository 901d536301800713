//! The nesting guard: a counter shared by one walk, entered once per level of recursion.

use std::cell::Cell;
use std::rc::Rc;

/// Levels of nesting a query may have: brackets, calls, dynamic values, subqueries, functions
/// calling functions. Hunting queries use a dozen. A level costs up to 30 KiB of stack in an
/// unoptimised build (6 KiB optimised), so this many fit half of a 2 MiB runtime worker; 64 did
/// not leave room. `tests/nesting.rs` runs every walk past this depth on such a thread.
pub const MAX_NESTING: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the query nests deeper than {limit} levels (brackets, calls, dynamic values, subqueries or \
     functions calling functions); kqlhunt stops there so that no query can exhaust its stack: \
     flatten it, or name the inner parts with let"
)]
pub struct TooDeep {
    pub limit: usize,
}

/// How deep one walk is. Clones share the count, so a walk that hands work to a helper (an
/// inner context for a function's body) keeps counting.
#[derive(Clone, Debug, Default)]
pub struct Nesting {
    level: Rc<Cell<usize>>,
    limit: Option<usize>,
}

impl Nesting {
    /// A guard with another limit than [`MAX_NESTING`] (tests use small ones).
    pub fn with_limit(limit: usize) -> Nesting {
        Nesting {
            level: Rc::default(),
            limit: Some(limit),
        }
    }

    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(MAX_NESTING)
    }

    /// One level deeper, until the returned [`Level`] is dropped; past the limit, [`TooDeep`].
    pub fn enter(&self) -> Result<Level, TooDeep> {
        let level = self.level.get();
        if level >= self.limit() {
            return Err(TooDeep {
                limit: self.limit(),
            });
        }
        self.level.set(level + 1);
        Ok(Level {
            level: self.level.clone(),
        })
    }

    pub fn depth(&self) -> usize {
        self.level.get()
    }
}

/// A level entered; leaving it (dropping it) goes back up.
#[derive(Debug)]
#[must_use = "the level is left as soon as this is dropped"]
pub struct Level {
    level: Rc<Cell<usize>>,
}

impl Drop for Level {
    fn drop(&mut self) {
        self.level.set(self.level.get().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_count_down_when_left_and_the_limit_is_named() {
        let nesting = Nesting::with_limit(2);
        let a = nesting.enter().unwrap();
        let shared = nesting.clone();
        let b = shared.enter().unwrap();
        let err = nesting.enter().unwrap_err();
        assert!(err.to_string().contains("deeper than 2 levels"), "{err}");
        drop(b);
        assert_eq!(nesting.depth(), 1);
        let _c = nesting.enter().unwrap();
        drop(a);
        assert_eq!(nesting.depth(), 1);
    }
}
