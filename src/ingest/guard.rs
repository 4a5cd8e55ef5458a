//! Readers of document formats from other crates may panic on a malformed file. Such a
//! panic is the file's problem, reported as such, never the run's.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a reader: a panic then is quiet (debug log only).
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Puts a panic hook before the one in place that keeps quiet about a reader's panic;
/// every other panic is reported as before.
fn quiet_reader_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if READING.with(Cell::get) {
                log::debug!("a document reader panicked: {info}");
            } else {
                before(info);
            }
        }));
    });
}

/// What `read` returns, or `None` if it panicked.
pub fn caught<T>(read: impl FnOnce() -> T) -> Option<T> {
    quiet_reader_panics();
    READING.with(|r| r.set(true));
    let result = catch_unwind(AssertUnwindSafe(read));
    READING.with(|r| r.set(false));
    result.ok()
}
