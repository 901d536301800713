//! What the sensors report about the machines themselves: network adapters
//! (DeviceNetworkInfo) and who signed the files that run on them (DeviceFileCertificateInfo).

use serde_json::json;

use super::background::{table, Background, Builders, DAY, HOUR};
use super::world::{file_hashes, DOMAIN};
use crate::engine::Scalar;

/// (file, signer, issuer): the binaries that run every day, and who signed them.
const SIGNED: &[(&str, &str, &str)] = &[
    (
        "chrome.exe",
        "Google LLC",
        "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1",
    ),
    (
        "msedge.exe",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "OUTLOOK.EXE",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "WINWORD.EXE",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "EXCEL.EXE",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "OneDrive.exe",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "ms-teams.exe",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "Code.exe",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2011",
    ),
    (
        "git.exe",
        "Johannes Schindelin",
        "DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1",
    ),
    (
        "MsMpEng.exe",
        "Microsoft Corporation",
        "Microsoft Windows Production PCA 2011",
    ),
    (
        "powershell.exe",
        "Microsoft Windows",
        "Microsoft Windows Production PCA 2011",
    ),
    (
        "rundll32.exe",
        "Microsoft Windows",
        "Microsoft Windows Production PCA 2011",
    ),
    (
        "svchost.exe",
        "Microsoft Windows",
        "Microsoft Windows Production PCA 2011",
    ),
    (
        "PSEXESVC.exe",
        "Microsoft Corporation",
        "Microsoft Code Signing PCA 2010",
    ),
];

impl Background<'_> {
    pub fn device_info(&mut self, b: &mut super::builder::TableBuilder) {
        let devices = self.world.devices.clone();
        let mut day = self.start - self.start.rem_euclid(DAY);
        while day < self.end {
            for device in &devices {
                let report = self.next_report();
                b.row(day + self.rng.below(HOUR as u64) as i64);
                super::activity::set_device(b, device);
                let users: Vec<serde_json::Value> = device
                    .owner
                    .map(|o| vec![serde_json::json!({"UserName": self.world.users[o].name, "DomainName": "CONTOSO", "Sid": self.world.users[o].sid})])
                    .unwrap_or_default();
                b.text("OSPlatform", device.os)
                    .text("OSArchitecture", "64-bit")
                    .long("OSBuild", if device.is_server { 20348 } else { 22631 })
                    .text("OSVersion", "10.0")
                    .text("ClientVersion", "10.8760.25932.1000")
                    .text("PublicIP", super::signins::OFFICE_IP)
                    .flag("IsAzureADJoined", !device.is_server)
                    .text(
                        "JoinType",
                        if device.is_server {
                            "Domain Joined"
                        } else {
                            "Hybrid Azure AD Join"
                        },
                    )
                    .text(
                        "MachineGroup",
                        if device.is_server {
                            "Servers"
                        } else {
                            "Workstations"
                        },
                    )
                    .text("OnboardingStatus", "Onboarded")
                    .text("DeviceCategory", "Endpoint")
                    .text(
                        "DeviceType",
                        if device.is_server {
                            "Server"
                        } else {
                            "Workstation"
                        },
                    )
                    .text("SensorHealthState", "Active")
                    .text(
                        "ExposureLevel",
                        self.rng.pick::<&str>(&["Low", "Medium", "Medium", "High"]),
                    )
                    .json("LoggedOnUsers", serde_json::Value::Array(users));
                b.long("ReportId", report);
            }
            day += 3 * DAY;
        }
    }

    /// Each machine's adapters, reported every few days.
    pub fn network_adapters(&mut self, b: &mut super::builder::TableBuilder) {
        let devices = self.world.devices.clone();
        let mut day = self.start - self.start.rem_euclid(DAY);
        while day < self.end {
            for device in &devices {
                let mac = self.rng.hex(12).to_uppercase();
                let mac: Vec<&str> = (0..6).map(|i| &mac[i * 2..i * 2 + 2]).collect();
                let gateway = format!(
                    "{}.1",
                    device.ip.rsplit_once('.').map_or("10.1.0", |(net, _)| net)
                );
                let report = self.next_report();
                b.row(day + self.rng.below(HOUR as u64) as i64);
                super::activity::set_device(b, device);
                b.long("ReportId", report)
                    .text("NetworkAdapterName", if device.is_server { "Ethernet0" } else { "Wi-Fi" })
                    .text("MacAddress", &mac.join("-"))
                    .text("NetworkAdapterType", if device.is_server { "Ethernet" } else { "Wireless80211" })
                    .text("NetworkAdapterStatus", "Up")
                    .text("TunnelType", "None")
                    .text("ConnectedNetworks", &json!([{"Name": DOMAIN, "Category": "Domain", "Description": DOMAIN, "IsConnectedToInternet": true}]).to_string())
                    .text("DnsAddresses", &json!(["10.1.0.10", "10.1.0.11"]).to_string())
                    .text("IPv4Dhcp", if device.is_server { "" } else { "10.1.0.10" })
                    .text("DefaultGateways", &json!([gateway]).to_string())
                    .text("IPAddresses", &json!([{"IPAddress": device.ip, "SubnetPrefix": 24, "AddressType": "Private"}]).to_string())
                    .text("NetworkAdapterVendor", if device.is_server { "VMware" } else { "Intel Corporation" })
                    .text("OnboardingStatus", "Onboarded")
                    .text("NetworkAdapterDnsSuffix", DOMAIN);
            }
            day += 3 * DAY;
        }
    }

    /// Signatures of the files that run, seen once per machine where they ran.
    pub fn certificates(&mut self, tables: &mut Builders, count: usize) {
        for _ in 0..count {
            let at = self.when();
            let (device, _) = self.workstation();
            let (file, signer, issuer) = *self.rng.pick(SIGNED);
            let report = self.next_report();
            let (sha1, _, _) = file_hashes(self.seed, file);
            let (signer_hash, _, _) = file_hashes(self.seed, signer);
            let (issuer_hash, _, _) = file_hashes(self.seed, issuer);
            let b = table(tables, "DeviceFileCertificateInfo");
            b.row(at);
            super::activity::set_device(b, &device);
            b.text("SHA1", &sha1)
                .flag("IsSigned", true)
                .text("SignatureType", "Embedded")
                .text("Signer", signer)
                .text("SignerHash", &signer_hash)
                .text("Issuer", issuer)
                .text("IssuerHash", &issuer_hash)
                .text("CertificateSerialNumber", &signer_hash[..32])
                .text(
                    "CrlDistributionPointUrls",
                    "[\"http://crl.microsoft.com/pki/crl/products/MicCodSigPCA2011.crl\"]",
                )
                .set(
                    "CertificateCreationTime",
                    Scalar::DateTime(self.start - 200 * DAY),
                )
                .set(
                    "CertificateExpirationTime",
                    Scalar::DateTime(self.end + 165 * DAY),
                )
                .set(
                    "CertificateCountersignatureTime",
                    Scalar::DateTime(self.start - 100 * DAY),
                )
                .flag("IsTrusted", true)
                .flag("IsRootSignerMicrosoft", signer.starts_with("Microsoft"))
                .long("ReportId", report);
        }
    }
}

/// The certificate row of an unsigned file: how a hunter tells the beacon from Windows.
pub fn unsigned(
    tables: &mut Builders,
    at: i64,
    device: &super::world::Device,
    seed: u64,
    file: &str,
    report: i64,
) {
    let (sha1, _, _) = file_hashes(seed, file);
    let b = table(tables, "DeviceFileCertificateInfo");
    b.row(at);
    super::activity::set_device(b, device);
    b.text("SHA1", &sha1)
        .flag("IsSigned", false)
        .text("SignatureType", "None")
        .flag("IsTrusted", false)
        .flag("IsRootSignerMicrosoft", false)
        .long("ReportId", report);
}
