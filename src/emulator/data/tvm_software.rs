//! What is installed where and what is vulnerable, as vulnerability management sees it:
//! software inventory and evidence, vulnerabilities and their knowledge base.

use serde_json::json;

use super::background::{table, Background, Builders, DAY};
use super::world::Device;
use crate::engine::Scalar;

/// (vendor, name, version, on servers, on workstations (per mille), end of support).
const SOFTWARE: &[(&str, &str, &str, bool, u64, &str)] = &[
    ("microsoft", "windows_11", "10.0.22631.4460", false, 800, ""),
    ("microsoft", "windows_10", "10.0.19045.5131", false, 200, ""),
    (
        "microsoft",
        "windows_server_2022",
        "10.0.20348.2849",
        true,
        0,
        "",
    ),
    ("microsoft", "office", "16.0.17928.20156", false, 1000, ""),
    (
        "microsoft",
        "edge_chromium-based",
        "131.0.2903.51",
        true,
        1000,
        "",
    ),
    ("google", "chrome", "130.0.6723.92", false, 600, ""),
    ("videolan", "vlc_media_player", "3.0.18.0", false, 120, ""),
    ("7-zip", "7-zip", "23.01", true, 300, ""),
    ("zoom", "zoom", "5.16.10.26186", false, 250, ""),
    ("adobe", "acrobat_reader_dc", "24.004.20220", false, 500, ""),
    (
        "microsoft",
        "sql_server_2016",
        "13.0.6300.2",
        true,
        0,
        "EOS Version",
    ),
    ("openssl", "openssl", "3.0.5", true, 0, ""),
    ("oracle", "jre", "8.0.3810.9", false, 40, "EOS Software"),
];

/// (CVE, software name, severity, CVSS, exploit available, days since publication, what it is).
const VULNERABILITIES: &[(&str, &str, &str, f64, bool, i64, &str)] = &[
    (
        "CVE-2023-21716",
        "office",
        "Critical",
        9.8,
        true,
        700,
        "Microsoft Word remote code execution through a crafted RTF file.",
    ),
    (
        "CVE-2024-7971",
        "chrome",
        "High",
        8.8,
        true,
        460,
        "Type confusion in V8 in Google Chrome allows heap corruption.",
    ),
    (
        "CVE-2023-47359",
        "vlc_media_player",
        "High",
        7.8,
        false,
        380,
        "Heap overflow in VLC's MMS stream handling.",
    ),
    (
        "CVE-2025-0411",
        "7-zip",
        "High",
        7.0,
        true,
        320,
        "7-Zip Mark-of-the-Web bypass when extracting nested archives.",
    ),
    (
        "CVE-2022-3602",
        "openssl",
        "High",
        7.5,
        false,
        1_100,
        "X.509 email address buffer overflow in OpenSSL 3.0.",
    ),
    (
        "CVE-2024-38063",
        "windows_11",
        "Critical",
        9.8,
        false,
        480,
        "Windows TCP/IP remote code execution through IPv6 packets.",
    ),
    (
        "CVE-2024-38063",
        "windows_10",
        "Critical",
        9.8,
        false,
        480,
        "Windows TCP/IP remote code execution through IPv6 packets.",
    ),
    (
        "CVE-2023-28597",
        "zoom",
        "High",
        8.3,
        false,
        650,
        "Zoom client improper trust boundary in SMB handling.",
    ),
    (
        "TVM-2026-0007",
        "acrobat_reader_dc",
        "Critical",
        8.8,
        true,
        9,
        "Use-after-free in Acrobat Reader's form handling, exploited in the wild.",
    ),
];

fn installs(device: &Device, software: &(&str, &str, &str, bool, u64, &str), pick: u64) -> bool {
    if device.is_server {
        software.3
    } else {
        pick < software.4
    }
}

impl Background<'_> {
    pub fn software(&mut self, tables: &mut Builders) {
        let devices = self.world.devices.clone();
        for device in &devices {
            let os = if device.is_server {
                "WindowsServer2022"
            } else {
                device.os
            };
            for software in SOFTWARE {
                let pick = self.rng.below(1000);
                let is_os = software.1.starts_with("windows");
                let fits_os = !is_os
                    || (device.is_server && software.1 == "windows_server_2022")
                    || (!device.is_server
                        && software.1
                            == if device.os == "Windows10" {
                                "windows_10"
                            } else {
                                "windows_11"
                            });
                if !fits_os || (!is_os && !installs(device, software, pick)) {
                    continue;
                }
                let (vendor, name, version, _, _, eos) = *software;
                let inventory = table(tables, "DeviceTvmSoftwareInventory");
                inventory.row(self.end);
                inventory
                    .text("DeviceId", &device.id)
                    .text("DeviceName", &device.name)
                    .text("OSPlatform", os)
                    .text("OSVersion", "10.0")
                    .text("OSArchitecture", "x64")
                    .text("SoftwareVendor", vendor)
                    .text("SoftwareName", name)
                    .text("SoftwareVersion", version)
                    .text("EndOfSupportStatus", eos)
                    .text(
                        "ProductCodeCpe",
                        &format!("cpe:2.3:a:{vendor}:{name}:{version}:*:*:*:*:*:*:*"),
                    );
                if !eos.is_empty() {
                    inventory.set("EndOfSupportDate", Scalar::DateTime(self.end - 200 * DAY));
                }
                let evidence = table(tables, "DeviceTvmSoftwareEvidenceBeta");
                evidence.row(self.end);
                evidence
                    .text("DeviceId", &device.id)
                    .text("SoftwareVendor", vendor)
                    .text("SoftwareName", name)
                    .text("SoftwareVersion", version)
                    .json("RegistryPaths", json!([format!(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{name}")]))
                    .json("DiskPaths", json!([format!(r"C:\Program Files\{vendor}\{name}")]))
                    .text("LastSeenTime", "");
                for (cve, _, severity, _, _, _, _) in VULNERABILITIES.iter().filter(|v| v.1 == name)
                {
                    let vulnerable = table(tables, "DeviceTvmSoftwareVulnerabilities");
                    vulnerable.row(self.end);
                    vulnerable
                        .text("DeviceId", &device.id)
                        .text("DeviceName", &device.name)
                        .text("OSPlatform", os)
                        .text("OSVersion", "10.0")
                        .text("OSArchitecture", "x64")
                        .text("SoftwareVendor", vendor)
                        .text("SoftwareName", name)
                        .text("SoftwareVersion", version)
                        .text("CveId", cve)
                        .text("VulnerabilitySeverityLevel", severity)
                        .text(
                            "RecommendedSecurityUpdate",
                            &format!("Update {name} to the latest version"),
                        )
                        .text("RecommendedSecurityUpdateId", "")
                        .json("CveTags", json!([]));
                }
            }
        }
        self.software_knowledge(tables);
    }

    fn software_knowledge(&mut self, tables: &mut Builders) {
        let mut seen = Vec::new();
        for (cve, name, severity, cvss, exploit, age, description) in VULNERABILITIES {
            if seen.contains(cve) {
                continue;
            }
            seen.push(*cve);
            let b = table(tables, "DeviceTvmSoftwareVulnerabilitiesKB");
            b.row(self.end);
            b.text("CveId", cve)
                .text("CvssScore", &cvss.to_string())
                .flag("IsExploitAvailable", *exploit)
                .text("VulnerabilitySeverityLevel", severity)
                .set(
                    "LastModifiedTime",
                    Scalar::DateTime(self.end - (age / 2).max(1) * DAY),
                )
                .set("PublishedDate", Scalar::DateTime(self.end - age * DAY))
                .text("VulnerabilityDescription", description)
                .json("AffectedSoftware", json!([name]));
        }
    }
}
