//! How deep and how large outside input may go before kqlhunt refuses it. One guard for every
//! recursive walk (parser, binder, evaluator) so that all of them fail the same way, with the
//! same message naming the limit, instead of overflowing the stack: runtime workers have 2 MiB.

mod dynamic;
mod nesting;

pub use dynamic::{nests_deeper_than, MAX_DYNAMIC_DEPTH};
pub use nesting::{Level, Nesting, TooDeep, MAX_NESTING};
