//! The demo tenant: a local server that speaks the three hunting APIs and the identity
//! platform as Microsoft's do, over generated data, with quotas and faults on request.

pub mod data;
