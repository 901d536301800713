//! Work whose panic only loses something optional (a result packed for the history, drafts
//! written after a crash): the panic is caught where it happens, and the workbench's panic hook
//! (`ui/crash.rs`) leaves it alone instead of stopping the workbench.

use std::cell::Cell;

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`, catching a panic in it (`None`).
pub fn guarded<T>(work: impl FnOnce() -> T) -> Option<T> {
    let before = GUARDED.with(|g| g.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(before));
    outcome.ok()
}

/// Whether this thread is inside [`guarded`].
pub fn inside() -> bool {
    GUARDED.with(Cell::get)
}
