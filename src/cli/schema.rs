//! `kqlhunt schema [--refresh]`: the schema the profile's service gave, kept per profile with
//! its age; `--refresh` asks the service again (Log Analytics' metadata) and keeps the answer,
//! which completion and diagnostics then use.

use std::time::SystemTime;

use tokio_util::sync::CancellationToken;

use super::{fail, Exit, SchemaArgs};
use crate::backend::schema_cache;
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
    let kept_at = paths.schema_cache(&session.profile_name);
    if args.refresh {
        let backend = session.backend.as_ref();
        match backend.fetch_schema(&CancellationToken::new()).await {
            Ok(Some(tables)) => {
                let source = format!("{} {}", backend.info().name, backend.info().target);
                if let Err(e) = schema_cache::store(&kept_at, &tables, &source, SystemTime::now()) {
                    return fail(Exit::Failed, e);
                }
            }
            Ok(None) => {
                return fail(
                    Exit::Usage,
                    format!(
                        "the {} backend has no schema call: its tables are the built-in catalogue",
                        backend.info().name
                    ),
                )
            }
            Err(e) => return fail(Exit::Failed, e),
        }
    }
    match schema_cache::load(&kept_at) {
        Ok(Some(kept)) => {
            let columns: usize = kept.tables.iter().map(|(_, c)| c.len()).sum();
            crate::console::outln!(
                "{} tables, {columns} columns from {}, fetched {} ago ({})",
                kept.tables.len(),
                kept.source,
                crate::text::human_duration(kept.age(SystemTime::now())),
                kept_at.display()
            );
            Exit::Ok
        }
        Ok(None) => {
            crate::console::outln!(
                "no schema kept for profile '{}': `kqlhunt schema --refresh` asks the service",
                session.profile_name
            );
            Exit::Ok
        }
        Err(e) => fail(Exit::Failed, e),
    }
}
