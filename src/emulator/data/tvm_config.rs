//! How the machines are configured, as vulnerability management assesses them: security
//! settings and baselines with their knowledge bases.

use serde_json::json;

use super::background::{table, Background, Builders, DAY};
use crate::engine::Scalar;

/// (id, name, category, subcategory, impact, compliant per mille).
const CONFIGURATIONS: &[(&str, &str, &str, &str, f64, u64)] = &[
    (
        "scid-2000",
        "Turn on Microsoft Defender for Endpoint sensor",
        "Security controls",
        "EDR",
        9.0,
        1000,
    ),
    (
        "scid-2001",
        "Fix Microsoft Defender for Endpoint sensor data collection",
        "Security controls",
        "EDR",
        9.0,
        990,
    ),
    (
        "scid-2003",
        "Turn on Tamper Protection",
        "Security controls",
        "Antivirus",
        8.0,
        970,
    ),
    (
        "scid-2010",
        "Turn on Microsoft Defender Antivirus",
        "Security controls",
        "Antivirus",
        9.0,
        1000,
    ),
    (
        "scid-2011",
        "Update Microsoft Defender Antivirus definitions",
        "Security controls",
        "Antivirus",
        6.0,
        940,
    ),
    (
        "scid-2012",
        "Turn on real-time protection",
        "Security controls",
        "Antivirus",
        9.0,
        1000,
    ),
    (
        "scid-91",
        "Turn on behavior monitoring",
        "Security controls",
        "Antivirus",
        7.0,
        1000,
    ),
    (
        "scid-2016",
        "Turn on cloud-delivered protection",
        "Security controls",
        "Antivirus",
        7.0,
        980,
    ),
    (
        "scid-96",
        "Block Office applications from creating child processes",
        "Security controls",
        "Attack Surface Reduction",
        5.0,
        300,
    ),
    (
        "scid-44",
        "Disable 'Anonymous enumeration of shares'",
        "OS",
        "Network",
        4.0,
        900,
    ),
    (
        "scid-65",
        "Turn on Credential Guard",
        "OS",
        "Accounts",
        6.0,
        200,
    ),
];

const KB_ARTICLES: &[(&str, &str, &str)] = &[
    (
        "IG-0012",
        "AvScanResults",
        "The results of the latest quick and full antivirus scans.",
    ),
    (
        "IG-0031",
        "TlsClient1_0",
        "Whether TLS 1.0 is enabled for clients.",
    ),
    (
        "IG-0045",
        "AsrConfigurationStates",
        "The state of each attack surface reduction rule.",
    ),
];

impl Background<'_> {
    pub fn configuration(&mut self, tables: &mut Builders) {
        let devices = self.world.devices.clone();
        let megan = self
            .world
            .workstation_of(
                self.world
                    .users
                    .iter()
                    .position(|u| u.name == "megan.bowen")
                    .unwrap_or(0),
            )
            .id
            .clone();
        for device in &devices {
            let os = if device.is_server {
                "WindowsServer2022"
            } else {
                device.os
            };
            for (id, _, category, subcategory, impact, compliant) in CONFIGURATIONS {
                // Her machine still allows Office to start child processes: the macro's way in.
                let ok =
                    self.rng.below(1000) < *compliant && !(device.id == megan && *id == "scid-96");
                let context = match *id {
                    "scid-2010" => json!([["0", "", "", ""]]),
                    "scid-2011" => json!([[
                        "1.421.1450.0",
                        "1.1.24090.11",
                        format!("{}", self.end / 10_000_000),
                        "4.18.24090.11"
                    ]]),
                    _ => json!([]),
                };
                let b = table(tables, "DeviceTvmSecureConfigurationAssessment");
                b.row(self.end - self.rng.below(DAY as u64) as i64);
                b.text("DeviceId", &device.id)
                    .text("DeviceName", &device.name)
                    .text("OSPlatform", os)
                    .text("ConfigurationId", id)
                    .text("ConfigurationCategory", category)
                    .text("ConfigurationSubcategory", subcategory)
                    .set("ConfigurationImpact", Scalar::Real(*impact))
                    .flag("IsCompliant", ok)
                    .flag("IsApplicable", true)
                    .json("Context", context)
                    .flag("IsExpectedUserImpact", *id == "scid-96");
                let baseline = table(tables, "DeviceBaselineComplianceAssessment");
                baseline.row(self.end);
                baseline
                    .text("DeviceId", &device.id)
                    .text("DeviceName", &device.name)
                    .text("OSPlatform", os)
                    .text("OSVersion", "10.0")
                    .text("ConfigurationId", id)
                    .text(
                        "ProfileId",
                        if device.is_server {
                            "contoso-servers-cis-l1"
                        } else {
                            "contoso-workstations-cis-l1"
                        },
                    )
                    .flag("IsCompliant", ok)
                    .flag("IsApplicable", true)
                    .json("Source", json!(["Registry"]))
                    .json("RecommendedValue", json!(["1"]))
                    .json("CurrentValue", json!([if ok { "1" } else { "0" }]))
                    .flag("IsExempt", false);
            }
            self.machine_inventory(tables, device, os);
        }
        self.configuration_knowledge(tables);
    }

    fn configuration_knowledge(&mut self, tables: &mut Builders) {
        for (id, name, category, subcategory, impact, _) in CONFIGURATIONS {
            let b = table(tables, "DeviceTvmSecureConfigurationAssessmentKB");
            b.row(self.end);
            b.text("ConfigurationId", id)
                .set("ConfigurationImpact", Scalar::Real(*impact))
                .text("ConfigurationName", name)
                .text("ConfigurationDescription", name)
                .text(
                    "RiskDescription",
                    "Attackers use machines without this setting to get in and stay.",
                )
                .text("ConfigurationCategory", category)
                .text("ConfigurationSubcategory", subcategory)
                .json(
                    "ConfigurationBenchmarks",
                    json!([{"BenchmarkName": "CIS", "Version": "3.0.0"}]),
                )
                .json("Tags", json!([subcategory]))
                .text(
                    "RemediationOptions",
                    &format!("Set '{name}' through Intune or Group Policy."),
                );
            let kb = table(tables, "DeviceBaselineComplianceAssessmentKB");
            kb.row(self.end);
            kb.text("ConfigurationId", id)
                .text("ConfigurationName", name)
                .text("ConfigurationDescription", name)
                .text("ConfigurationRationale", "Reduces the attack surface.")
                .text("ConfigurationCategory", category)
                .json("BenchmarkProfileLevels", json!(["Level 1"]))
                .text(
                    "ConfigurationBenchmark",
                    "CIS Microsoft Windows 11 Enterprise",
                )
                .text("ConfigurationBenchmarkVersion", "3.0.0")
                .json("Source", json!(["Registry"]))
                .json("RecommendedValue", json!(["1"]));
        }
        for (profile, os) in [
            ("contoso-workstations-cis-l1", "Windows11"),
            ("contoso-servers-cis-l1", "WindowsServer2022"),
        ] {
            let b = table(tables, "DeviceBaselineComplianceProfiles");
            b.row(self.end);
            b.text("ProfileId", profile)
                .text("ProfileName", profile)
                .text("ProfileDescription", "Contoso's CIS level 1 baseline")
                .json("OSPlatform", json!([os]))
                .text("OSVersion", "10.0")
                .text("BaseBenchmark", "CIS")
                .text("BenchmarkVersion", "3.0.0")
                .text("BenchmarkProfileLevel", "Level 1")
                .flag("Status", true)
                .text("CreatedBy", "grady.vance@contoso.com")
                .set("CreatedOn", Scalar::DateTime(self.start - 90 * DAY))
                .text("LastUpdatedBy", "grady.vance@contoso.com")
                .set("LastUpdatedOn", Scalar::DateTime(self.start - 10 * DAY));
        }
        for (id, field, description) in KB_ARTICLES {
            let b = table(tables, "DeviceTvmInfoGatheringKB");
            b.row(self.end);
            b.text("IgId", id)
                .text("FieldName", field)
                .text("Description", description)
                .json("Categories", json!(["Security controls"]))
                .text("DataStructure", "String");
        }
    }
}
