//! What vulnerability management inventories on each machine: certificates in the stores,
//! hardware and firmware, and the state it gathers (antivirus scans, TLS settings).

use serde_json::json;

use super::background::{table, Background, Builders, DAY};
use crate::engine::Scalar;

impl Background<'_> {
    pub(super) fn machine_inventory(
        &mut self,
        tables: &mut Builders,
        device: &super::world::Device,
        os: &str,
    ) {
        let b = table(tables, "DeviceTvmCertificateInfo");
        b.row(self.end);
        b.text("DeviceId", &device.id)
            .text("Thumbprint", &self.rng.hex(40).to_uppercase())
            .text("Path", r"LocalMachine\My")
            .text("SerialNumber", &self.rng.hex(32))
            .json("IssuedTo", json!({"CommonName": device.name}))
            .json(
                "IssuedBy",
                json!({"CommonName": "Contoso Issuing CA 01", "Organization": "Contoso"}),
            )
            .text("FriendlyName", "Machine authentication")
            .text("SignatureAlgorithm", "sha256RSA")
            .text("KeySize", "2048")
            .text("ExpirationDate", "")
            .text("IssueDate", "")
            .text("SubjectType", "End entity")
            .text("KeyUsage", "DigitalSignature, KeyEncipherment")
            .text("ExtendedKeyUsage", "Client Authentication");
        for (kind, maker, name, family, version) in [
            ("Bios", "Dell Inc.", "BIOS", "UEFI", "1.19.0"),
            (
                "Processor",
                "Intel",
                "Intel(R) Core(TM) i7-1265U",
                "Core i7",
                "12th Gen",
            ),
        ] {
            let b = table(tables, "DeviceTvmHardwareFirmware");
            b.row(self.end);
            b.text("DeviceId", &device.id)
                .text("DeviceName", &device.name)
                .text("ComponentType", kind)
                .text("Manufacturer", maker)
                .text("ComponentName", name)
                .text("ComponentFamily", family)
                .text("ComponentVersion", version)
                .json("AdditionalFields", json!({}));
        }
        let scanned = (self.end - self.rng.below(3 * DAY as u64) as i64) / 10_000_000;
        let b = table(tables, "DeviceTvmInfoGathering");
        b.row(self.end - self.rng.below(DAY as u64) as i64);
        b.set("LastSeenTime", Scalar::DateTime(self.end))
            .text("DeviceId", &device.id)
            .text("DeviceName", &device.name)
            .text("OSPlatform", os)
            .json("AdditionalFields", json!({
                "AvScanResults": json!({"Quick": {"ScanStatus": "Completed", "ErrorCode": "0", "Timestamp": scanned.to_string()},
                                        "Full": {"ScanStatus": "Completed", "ErrorCode": "0", "Timestamp": scanned.to_string()}}).to_string(),
                "TlsClient1_0": "Disabled",
                "AsrConfigurationStates": {"BlockOfficeChildProcess": "Audit"},
            }));
    }
}
