//! The demo tenant's data: every table of the advanced hunting schema, the main ones filled
//! with a month of a small company's activity and one planted intrusion, made from a seed.

mod activity;
mod background;
mod builder;
mod people;
mod rng;
mod software;
pub mod story;
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
    let mut take = |name: &str| {
        builders
            .remove(name)
            .unwrap_or_else(|| TableBuilder::new(&[]))
    };
    let mut processes = take("DeviceProcessEvents");
    let mut network = take("DeviceNetworkEvents");
    let mut files = take("DeviceFileEvents");
    let mut registry = take("DeviceRegistryEvents");
    let mut logons = take("DeviceLogonEvents");
    let mut images = take("DeviceImageLoadEvents");
    let mut events = take("DeviceEvents");
    let mut info = take("DeviceInfo");
    let mut mail = take("EmailEvents");
    let mut attachments = take("EmailAttachmentInfo");
    let mut urls = take("EmailUrlInfo");
    let mut identity = take("IdentityLogonEvents");
    let mut alerts = take("AlertInfo");
    let mut evidence = take("AlertEvidence");
    bg.processes(&mut processes, scaled(20_000, scale));
    bg.network(&mut network, scaled(15_000, scale));
    bg.files(&mut files, scaled(6_000, scale));
    bg.registry(&mut registry, scaled(2_500, scale));
    bg.logons(&mut logons, scaled(4_000, scale));
    bg.image_loads(&mut images, scaled(3_000, scale));
    bg.device_events(&mut events, scaled(2_500, scale));
    bg.device_info(&mut info);
    bg.email(&mut mail, &mut attachments, &mut urls, scaled(3_000, scale));
    bg.identity_logons(&mut identity, scaled(2_500, scale));
    bg.alerts(&mut alerts, &mut evidence, scaled(30, scale).max(3));
    let filled = [
        ("DeviceProcessEvents", processes),
        ("DeviceNetworkEvents", network),
        ("DeviceFileEvents", files),
        ("DeviceRegistryEvents", registry),
        ("DeviceLogonEvents", logons),
        ("DeviceImageLoadEvents", images),
        ("DeviceEvents", events),
        ("DeviceInfo", info),
        ("EmailEvents", mail),
        ("EmailAttachmentInfo", attachments),
        ("EmailUrlInfo", urls),
        ("IdentityLogonEvents", identity),
        ("AlertInfo", alerts),
        ("AlertEvidence", evidence),
    ];
    builders.extend(filled.into_iter().map(|(n, b)| (n.to_owned(), b)));
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
        assert_eq!(db.names().count(), catalog().len());
        assert!(db.table("DeviceProcessEvents").unwrap().len() >= 20_000);
        assert!(db.total_rows() >= 60_000, "{}", db.total_rows());
        assert_eq!(db.table("CloudAppEvents").unwrap().len(), 0);
    }
}
