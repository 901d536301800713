//! Microsoft Sentinel's own tables in the demo workspace (`SigninLogs`, `SecurityEvent`,
//! `AuditLogs`, with the columns of the Azure Monitor table reference). They are written from
//! the hunting tables once those are generated, as Entra ID and the Windows security log would
//! have recorded the same events: the same people, devices, addresses and times, the planted
//! intrusion's sign-ins and logons included, so a hunt in either finds the other's traces.

mod audit_logs;
mod security_event;
mod signin_logs;

use super::builder::TableBuilder;
use crate::engine::{Database, Scalar, Table};

/// The workspace's id as its rows name it (`TenantId` in Sentinel's tables).
const WORKSPACE_ID: &str = crate::emulator::workspace::DEMO_WORKSPACE;

/// Adds Sentinel's tables to `database`, from the hunting tables already in it.
pub fn add(database: &mut Database) {
    let schema = crate::kql::schema::sentinel_catalog();
    for (name, columns) in schema {
        let mut builder = TableBuilder::new(&columns);
        let source = |table: &str| database.table(table).map(|t| Rows(t.as_ref()));
        match name.as_str() {
            "SigninLogs" => {
                if let Some(rows) = source("EntraIdSignInEvents") {
                    signin_logs::write(&rows, &mut builder);
                }
            }
            "SecurityEvent" => {
                if let Some(rows) = source("DeviceLogonEvents") {
                    security_event::logons(&rows, &mut builder);
                }
                if let Some(rows) = source("DeviceProcessEvents") {
                    security_event::processes(&rows, &mut builder);
                }
            }
            "AuditLogs" => {
                if let Some(rows) = source("IdentityDirectoryEvents") {
                    audit_logs::write(&rows, &mut builder);
                }
            }
            _ => {}
        }
        database.insert(&name, builder.finish());
    }
}

/// A generated hunting table read by column name.
struct Rows<'a>(&'a Table);

impl Rows<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, row: usize, column: &str) -> Scalar {
        self.0
            .column_index(column)
            .map_or(Scalar::Null, |c| self.0.get(row, c).clone())
    }

    fn text(&self, row: usize, column: &str) -> String {
        self.get(row, column)
            .to_text()
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    fn long(&self, row: usize, column: &str) -> i64 {
        match self.get(row, column) {
            Scalar::Long(n) => n,
            _ => 0,
        }
    }

    fn time(&self, row: usize) -> i64 {
        match self.get(row, "Timestamp") {
            Scalar::DateTime(t) => t,
            _ => 0,
        }
    }
}

/// `CONTOSO\megan.bowen`, as Windows writes an account.
fn windows_account(domain: &str, name: &str) -> String {
    let netbios = domain.split('.').next().unwrap_or(domain).to_uppercase();
    if netbios.is_empty() {
        name.to_owned()
    } else {
        format!("{netbios}\\{name}")
    }
}
