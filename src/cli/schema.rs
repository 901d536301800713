//! `kqlhunt schema [--refresh]`: the schema the profile's service gave, kept per profile with
//! its age; `--refresh` asks the service again (Log Analytics' metadata, Azure Data Explorer's
//! `.show database schema as json`) and keeps the answer, which completion and diagnostics use.

use std::time::SystemTime;

use tokio_util::sync::CancellationToken;

use super::{fail, Exit, SchemaArgs};
use crate::backend::kept_schema;
use crate::config::Paths;

pub async fn run(args: SchemaArgs, target: crate::run::Target) -> Exit {
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    let session = match crate::run::open(&paths, &target).await {
        Ok(s) => s,
        Err(e) => return fail(Exit::Usage, e),
    };
    for warning in &session.warnings {
        crate::console::errln!(
            "kqlhunt: warning: {}",
            crate::results::display::safe_text(warning)
        );
    }
    let backend = session.backend.as_ref();
    let Some(keeper) = backend.kept_schema() else {
        return fail(
            Exit::Usage,
            kept_schema::SchemaError::NoSchemaCall(backend.info().name.clone()),
        );
    };
    if args.refresh {
        if let Err(e) = kept_schema::refresh(backend, &CancellationToken::new()).await {
            return fail(Exit::Failed, e);
        }
    }
    match keeper.kept() {
        Some(kept) => {
            let columns: usize = kept.tables.iter().map(|(_, c)| c.len()).sum();
            crate::console::outln!(
                "{} tables, {columns} columns from {}, fetched {} ago ({})",
                kept.tables.len(),
                kept.source,
                crate::text::human_duration(kept.age(SystemTime::now())),
                keeper.path().display()
            );
            Exit::Ok
        }
        None => {
            crate::console::outln!(
                "no schema kept for profile '{}': `kqlhunt schema --refresh` asks the service",
                session.profile_name
            );
            Exit::Ok
        }
    }
}
