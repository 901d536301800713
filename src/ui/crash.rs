//! A panic that still slips through, on any thread: the UI loop, a tokio task, a blocking
//! task, the key reader. The workbench is told (it saves the drafts, leaves the full screen and
//! exits with the message); nothing is printed over the screen. Without a workbench running,
//! the terminal is restored and the panic reported as usual.

use std::sync::{Mutex, Once};

pub use crate::guard::guarded;

/// Called with the panic's message from the thread that panicked: wakes the UI loop.
type Listener = Box<dyn Fn() + Send + Sync>;

static LISTENER: Mutex<Option<Listener>> = Mutex::new(None);
/// The first panic's message and place, for the hunter.
static MESSAGE: Mutex<Option<String>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Sets the process's panic hook once; `leave` restores the terminal.
pub fn install_hook(leave: fn()) {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if crate::guard::inside() {
                return;
            }
            let message = describe(info);
            lock(&MESSAGE).get_or_insert(message);
            match lock(&LISTENER).as_ref() {
                Some(wake) => wake(),
                None => {
                    leave();
                    previous(info);
                }
            }
        }));
    });
}

/// While a workbench runs: `wake` tells its loop that some thread panicked.
pub fn listen(wake: impl Fn() + Send + Sync + 'static) {
    *lock(&LISTENER) = Some(Box::new(wake));
}

/// The workbench stopped: panics are reported as usual again.
pub fn stop_listening() {
    *lock(&LISTENER) = None;
}

/// The first panic's message, once one happened.
pub fn message() -> Option<String> {
    lock(&MESSAGE).clone()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn describe(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".into());
    let thread = std::thread::current()
        .name()
        .unwrap_or("a background task")
        .to_owned();
    match info.location() {
        Some(at) => format!("{what} (in {thread}, at {}:{})", at.file(), at.line()),
        None => format!("{what} (in {thread})"),
    }
}

/// A panic on purpose, for the end-to-end test of this file, in debug builds only: with
/// `KQLHUNT_TEST_PANIC` set to `loop`, `task` or `blocking`, F12 panics there. Release builds
/// do not read the variable.
#[cfg(debug_assertions)]
pub fn test_panic(key: &ratatui::crossterm::event::KeyEvent) {
    use ratatui::crossterm::event::KeyCode;
    if key.code != KeyCode::F(12) {
        return;
    }
    match std::env::var("KQLHUNT_TEST_PANIC").as_deref() {
        Ok("loop") => panic!("a test panic in the UI loop"),
        Ok("task") => {
            tokio::spawn(async { panic!("a test panic in a tokio task") });
        }
        Ok("blocking") => {
            tokio::task::spawn_blocking(|| panic!("a test panic in a blocking task"));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guarded_panic_is_caught_and_reported_nowhere() {
        install_hook(|| {});
        assert_eq!(guarded(|| 7), Some(7));
        let caught: Option<()> = guarded(|| panic!("inside guarded"));
        assert_eq!(caught, None);
        assert!(message().is_none_or(|m| !m.contains("inside guarded")));
    }
}
