//! System Guard's boot attestation: each Windows machine reports its security level after a
//! boot. The older Windows 10 laptops cannot reach the top level, and one laptop dropped a level
//! after a firmware update reset its virtualization setting: the drift a hunter watches for.

use serde_json::json;

use super::activity::set_device;
use super::background::{table, Background, Builders, DAY, HOUR};
use crate::results::datetime::format_ticks;

impl Background<'_> {
    pub fn boot_attestation(&mut self, tables: &mut Builders) {
        let devices = self.world.devices.clone();
        // The laptop whose level dropped: the first Windows 11 workstation.
        let dropped = devices
            .iter()
            .position(|d| !d.is_server && d.os == "Windows11");
        for (index, device) in devices.iter().enumerate() {
            let level = if device.os == "Windows10" { 550 } else { 700 };
            // Machines boot every few days; report the last week's boots.
            let mut boots = Vec::new();
            let mut at = self.end - 7 * DAY + self.rng.below(2 * DAY as u64) as i64;
            while at < self.end {
                boots.push((at, level));
                at += 2 * DAY + self.rng.below(2 * DAY as u64) as i64 + HOUR;
            }
            if Some(index) == dropped {
                let (a, b, c) = (self.end - 6 * DAY, self.end - 4 * DAY, self.end - DAY);
                boots = vec![(a, 700), (b, 700), (c + 3 * HOUR, 550)];
            }
            for (at, reported) in boots {
                let report = self.next_report();
                let b = table(tables, "DeviceEvents");
                b.row(at);
                set_device(b, device);
                b.text("ActionType", "DeviceBootAttestationInfo")
                    .json(
                        "AdditionalFields",
                        json!({
                            "SystemGuardSecurityLevel": reported,
                            "ReportValidityStartTime": format_ticks(at),
                            "ReportValidityEndTime": format_ticks(at + 3 * DAY),
                            "ReportValidityEndsIn": "3.00:00:00",
                            "SecureBootEnabled": true,
                            "VirtualizationBasedSecurityRunning": reported >= 700,
                        }),
                    )
                    .long("ReportId", report);
            }
        }
    }
}
