//! The demo tenant's data: every table of the advanced hunting schema, the main ones filled
//! with a month of a small company's activity and one planted intrusion, made from a seed,
//! and Microsoft Sentinel's own tables written from them (`sentinel/`).

mod activity;
mod background;
mod boot_attestation;
mod browser_extensions;
mod builder;
mod cloud_apps;
mod data_security;
mod devices;
mod directory;
mod emulation;
mod emulation_host;
mod emulation_network;
mod emulation_traces;
mod exposure;
mod identity_changes;
mod mail_after_delivery;
mod people;
mod portal_audit;
mod removable_media;
mod rng;
mod sensors;
mod sentinel;
mod sign_in_changes;
mod signins;
mod smartscreen;
mod soc;
mod software;
pub mod story;
mod story_traces;
mod support_tools;
mod tvm_config;
mod tvm_machines;
mod tvm_software;
mod workloads;
mod world;

use std::collections::HashMap;

use background::{scaled, Background, Builders};
use builder::TableBuilder;
use rng::Rng;

use crate::engine::Database;
use crate::results::datetime::TICKS_PER_DAY;

pub use crate::kql::schema::catalog;

/// Generates the data set. `end` is the newest instant (ticks); the data covers the 30 days
/// before it. The same seed, scale and end give the same rows.
pub fn generate(seed: u64, scale: f64, end: i64) -> Database {
    let mut builders: Builders = catalog()
        .into_iter()
        .map(|(name, columns)| (name, TableBuilder::new(&columns)))
        .collect();
    let mut rng = Rng::new(seed);
    let people = scaled(300, scale.sqrt().clamp(0.2, 3.0)).max(20);
    let world = world::World::new(&mut rng, people);
    let mut bg = Background {
        world: &world,
        rng: Rng::new(seed.wrapping_add(1)),
        seed,
        start: end - 30 * TICKS_PER_DAY,
        end,
        report: 1000,
    };
    // Tables one generator fills alone are taken out of the set while it runs.
    let mut fill = |name: &str, generate: &mut dyn FnMut(&mut TableBuilder)| {
        if let Some(mut builder) = builders.remove(name) {
            generate(&mut builder);
            builders.insert(name.to_owned(), builder);
        }
    };
    fill("DeviceProcessEvents", &mut |b| {
        bg.processes(b, scaled(20_000, scale))
    });
    fill("DeviceNetworkEvents", &mut |b| {
        bg.network(b, scaled(15_000, scale))
    });
    fill("DeviceFileEvents", &mut |b| {
        bg.files(b, scaled(6_000, scale))
    });
    fill("DeviceRegistryEvents", &mut |b| {
        bg.registry(b, scaled(2_500, scale))
    });
    fill("DeviceLogonEvents", &mut |b| {
        bg.logons(b, scaled(4_000, scale))
    });
    fill("DeviceImageLoadEvents", &mut |b| {
        bg.image_loads(b, scaled(3_000, scale))
    });
    fill("DeviceEvents", &mut |b| {
        bg.device_events(b, scaled(2_500, scale))
    });
    fill("DeviceInfo", &mut |b| bg.device_info(b));
    fill("DeviceNetworkInfo", &mut |b| bg.network_adapters(b));
    fill("IdentityLogonEvents", &mut |b| {
        bg.identity_logons(b, scaled(2_500, scale))
    });
    fill("IdentityQueryEvents", &mut |b| {
        bg.directory_queries(b, scaled(2_000, scale))
    });
    fill("IdentityDirectoryEvents", &mut |b| {
        bg.directory_changes(b, scaled(400, scale))
    });
    let [mut mail, mut attachments, mut urls, mut alerts, mut evidence] = [
        "EmailEvents",
        "EmailAttachmentInfo",
        "EmailUrlInfo",
        "AlertInfo",
        "AlertEvidence",
    ]
    .map(|name| {
        builders
            .remove(name)
            .unwrap_or_else(|| TableBuilder::new(&[]))
    });
    bg.email(&mut mail, &mut attachments, &mut urls, scaled(3_000, scale));
    bg.alerts(&mut alerts, &mut evidence, scaled(30, scale).max(3));
    for (name, builder) in [
        ("EmailEvents", mail),
        ("EmailAttachmentInfo", attachments),
        ("EmailUrlInfo", urls),
        ("AlertInfo", alerts),
        ("AlertEvidence", evidence),
    ] {
        builders.insert(name.to_owned(), builder);
    }
    // Generators that fill several tables at once work on the whole set.
    bg.people(&mut builders);
    bg.sign_ins(&mut builders, scaled(3_000, scale));
    bg.app_sign_ins(&mut builders, scaled(600, scale));
    bg.partner_portal(&mut builders, scaled(300, scale));
    bg.cloud_activity(&mut builders, scaled(4_000, scale));
    bg.oauth_apps(&mut builders);
    bg.software(&mut builders);
    bg.browser_extensions(&mut builders);
    bg.configuration(&mut builders);
    bg.certificates(&mut builders, scaled(1_500, scale));
    bg.link_clicks(&mut builders, scaled(1_200, scale));
    bg.mail_follow_up(&mut builders, scaled(60, scale).max(3));
    bg.teams(&mut builders, scaled(2_000, scale));
    bg.behaviors(&mut builders, scaled(12, scale).max(2));
    bg.disruption(&mut builders);
    bg.exposure_graph(&mut builders);
    bg.cloud_workloads(&mut builders, scaled(1_500, scale));
    bg.data_security(&mut builders, scaled(200, scale).max(5));
    bg.agents(&mut builders);
    bg.emulation(&mut builders);
    bg.emulation_traces(&mut builders);
    bg.emulation_host(&mut builders);
    bg.emulation_network(&mut builders);
    bg.portal_audit(&mut builders);
    bg.identity_changes(&mut builders);
    bg.removable_media(&mut builders);
    bg.support_tools(&mut builders);
    bg.boot_attestation(&mut builders);
    bg.smartscreen(&mut builders);
    bg.sign_in_changes(&mut builders);
    bg.sensor_events(&mut builders, scaled(1_600, scale));
    bg.sensor_network(&mut builders, scaled(2_000, scale));
    bg.soc(&mut builders);
    story::plant(&mut builders, &world, &mut rng, seed, end);
    let mut database = Database::default();
    let mut names: Vec<String> = builders.keys().cloned().collect();
    names.sort();
    let mut builders: HashMap<String, TableBuilder> = builders;
    for name in names {
        if let Some(builder) = builders.remove(&name) {
            database.insert(&name, builder.finish());
        }
    }
    sentinel::add(&mut database);
    database
}

#[cfg(test)]
mod tests {
    use super::*;

    const END: i64 = 20_000 * TICKS_PER_DAY;

    #[test]
    fn the_same_seed_gives_the_same_rows() {
        let a = generate(7, 0.05, END);
        let b = generate(7, 0.05, END);
        let c = generate(8, 0.05, END);
        let rows = |db: &Database| {
            let t = db.table("DeviceProcessEvents").unwrap();
            (0..t.len())
                .map(|r| {
                    format!(
                        "{:?}",
                        (0..t.columns.len())
                            .map(|c| t.get(r, c).clone())
                            .collect::<Vec<_>>()
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(&a), rows(&b));
        assert_ne!(rows(&a), rows(&c));
    }

    #[test]
    fn every_schema_table_exists_and_the_main_ones_are_full() {
        let db = generate(7, 1.0, END);
        // The hunting tables and Sentinel's own, each filled from the same month.
        assert_eq!(
            db.names().count(),
            crate::kql::schema::workspace_catalog().len()
        );
        assert!(!db.table("SigninLogs").unwrap().is_empty());
        assert!(!db.table("SecurityEvent").unwrap().is_empty());
        assert!(!db.table("AuditLogs").unwrap().is_empty());
        assert!(db.table("DeviceProcessEvents").unwrap().len() >= 20_000);
        assert!(db.total_rows() >= 60_000, "{}", db.total_rows());
        assert!(!db.table("CloudAppEvents").unwrap().is_empty());
    }

    #[test]
    fn every_value_has_its_column_type() {
        use crate::results::ColumnKind;
        let db = generate(7, 0.1, END);
        let mut wrong = std::collections::BTreeSet::<String>::new();
        for name in db.names() {
            let table = db.table(name).unwrap();
            for (c, column) in table.columns.iter().enumerate() {
                for row in 0..table.len() {
                    let kind = table.get(row, c).kind();
                    let fits = kind == ColumnKind::Unknown
                        || kind == column.kind
                        || column.kind == ColumnKind::Dynamic
                        || (column.kind == ColumnKind::Guid && kind == ColumnKind::Text)
                        // An int column's values are held as longs in range.
                        || (column.kind == ColumnKind::Int && kind == ColumnKind::Long);
                    if !fits {
                        wrong.insert(format!(
                            "{name}.{}: {kind:?} in {:?}",
                            column.name, column.kind
                        ));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
