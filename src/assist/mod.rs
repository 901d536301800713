//! What helps a hunter write correct KQL before a run spends quota: colours, completion,
//! diagnostics with best-practice advice, and a formatter. All offline, all from the same
//! lexer, parser and engine that run the demo tenant.

pub mod complete;
pub mod diagnose;
pub mod format;
pub mod highlight;
pub mod knowledge;
pub mod signature;
