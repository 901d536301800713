//! What Defender's sensors report besides processes, in the documented ActionType values:
//! plugged-in devices, SmartScreen, attack surface reduction, antivirus, AMSI, named pipes,
//! services and tasks, browser launches (DeviceEvents); listening ports, inbound connections,
//! SMB, RDP and HTTP inspection (DeviceNetworkEvents).

use serde_json::json;

use super::activity::{set_device, set_initiating};
use super::background::{table, Background, Builders};
use super::software::SITES;

impl Background<'_> {
    pub fn sensor_events(&mut self, tables: &mut Builders, count: usize) {
        for i in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let process = self.app(owner, at);
            let report = self.next_report();
            let (site, ip) = *self.rng.pick(SITES);
            let b = table(tables, "DeviceEvents");
            b.row(at);
            set_device(b, &device);
            set_initiating(b, self.seed, &process);
            b.long("ReportId", report);
            match i % 16 {
                0 | 1 => b.text("ActionType", "PnpDeviceConnected").json("AdditionalFields", json!({"ClassName": "DiskDrive", "DeviceDescription": "SanDisk Ultra USB Device", "VendorIds": "USBSTOR\\DiskSanDisk_Ultra", "DeviceId": format!("USBSTOR\\DISK&VEN_SANDISK&PROD_ULTRA\\{}", self.rng.hex(12))})),
                2 => b.text("ActionType", "PnpDeviceConnected").json("AdditionalFields", json!({"ClassName": "Bluetooth", "DeviceDescription": "Jabra Evolve2 65", "VendorIds": "BTHENUM\\{0000111e}", "DeviceId": "BTHENUM\\JABRA"})),
                3 => b.text("ActionType", "SmartScreenUrlWarning").text("RemoteUrl", "http://free-pdf-converter.example.net/setup").json("AdditionalFields", json!({"Experience": "Malicious"})),
                4 => b.text("ActionType", "SmartScreenUserOverride").text("RemoteUrl", "http://free-pdf-converter.example.net/setup").json("AdditionalFields", json!({"Experience": "Untrusted"})),
                5 => b.text("ActionType", "SmartScreenAppWarning").text("FileName", "PDFConverterSetup.exe").text("SHA1", &self.rng.hex(40)).json("AdditionalFields", json!({"Experience": "Untrusted", "ActivityId": self.rng.guid()})),
                6 => b.text("ActionType", "AntivirusDetection").text("FileName", "PDFConverterSetup.exe").text("FolderPath", &format!(r"C:\Users\{}\Downloads\PDFConverterSetup.exe", self.world.users[owner].name)).text("FileOriginUrl", "http://free-pdf-converter.example.net/setup/PDFConverterSetup.exe").json("AdditionalFields", json!({"ThreatName": "PUA:Win32/Presenoker", "WasRemediated": true})),
                7 => b.text("ActionType", "AsrOfficeChildProcessAudited").text("FileName", "cmd.exe").json("AdditionalFields", json!({"IsAudit": true, "RuleId": "d4f940ab-401b-4efc-aadc-ad5f3c50688a"})),
                8 => b.text("ActionType", "AsrRansomwareAudited").text("FileName", "budget.xlsx").text("SHA1", &self.rng.hex(40)).json("AdditionalFields", json!({"IsAudit": true})),
                9 => b.text("ActionType", "ExploitGuardNetworkProtectionBlocked").text("RemoteUrl", "malvertising.example.org").json("AdditionalFields", json!({"ResponseCategory": "CustomBlockList", "DisplayName": "Contoso block list"})),
                10 => b.text("ActionType", "AmsiScriptDetection").json("AdditionalFields", json!({"Description": "Behavior:Win32/AmsiTamper.A", "IsAudit": false})),
                11 => b.text("ActionType", "NamedPipeEvent").json("AdditionalFields", json!({"PipeName": r"\Device\NamedPipe\mojo.12044.7632", "FileOperation": "File created", "NamedPipeEnd": "Server"})),
                12 => b.text("ActionType", "ServiceInstalled").json("AdditionalFields", json!({"ServiceName": "GoogleUpdaterService", "ServiceAccount": "LocalSystem", "ServiceStartType": 2, "ServiceType": 16})),
                13 => b.text("ActionType", "ScheduledTaskCreated").json("AdditionalFields", json!({"TaskName": r"\OneDrive Standalone Update Task", "TaskContent": r#"<Exec><Command>%localappdata%\Microsoft\OneDrive\OneDriveStandaloneUpdater.exe</Command></Exec>"#})),
                14 => b.text("ActionType", "DnsQueryResponse").json("AdditionalFields", json!({"DnsQueryString": site, "DnsQueryResult": [{"DnsQueryType": 1, "Address": ip}]})),
                // Boot attestation is reported per boot, in boot_attestation.rs.
                _ => b.text("ActionType", "BrowserLaunchedToOpenUrl").text("RemoteUrl", &format!("https://{site}/")),
            };
        }
    }

    /// Ports the machines listen on, and the connections servers accept.
    pub fn sensor_network(&mut self, tables: &mut Builders, count: usize) {
        const LISTENING: &[(&str, i64, &str)] = &[
            ("dc-01", 88, "lsass.exe"),
            ("dc-01", 389, "lsass.exe"),
            ("dc-02", 88, "lsass.exe"),
            ("srv-fs01", 445, "System"),
            ("srv-sql01", 1433, "sqlservr.exe"),
            ("srv-web01", 443, "w3wp.exe"),
            ("srv-web01", 80, "w3wp.exe"),
            ("srv-app01", 3389, "svchost.exe"),
            ("srv-app01", 5985, "svchost.exe"),
        ];
        for (short, port, process) in LISTENING {
            let server = self.world.device(short).clone();
            let at = self.start + self.rng.below(3_600 * 10_000_000) as i64;
            let system = self.system(at);
            let report = self.next_report();
            let b = table(tables, "DeviceNetworkEvents");
            b.row(at);
            set_device(b, &server);
            set_initiating(b, self.seed, &system);
            b.text("ActionType", "ListeningConnectionCreated")
                .text("LocalIP", &server.ip)
                .long("LocalPort", *port)
                .text(
                    "LocalIPType",
                    if *port == 88 {
                        "FourToSixMapping"
                    } else {
                        "Private"
                    },
                )
                .text("Protocol", "Tcp")
                .text("InitiatingProcessFileName", process)
                .long("ReportId", report);
        }
        let servers: Vec<_> = self
            .world
            .devices
            .iter()
            .filter(|d| d.is_server)
            .cloned()
            .collect();
        for i in 0..count {
            let at = self.when();
            let (device, owner) = self.workstation();
            let server = servers[i % servers.len()].clone();
            let (port, process) = match i % 4 {
                0 | 1 => (445, self.system(at)),
                2 => (3389, self.app(owner, at)),
                _ => (80, self.app(owner, at)),
            };
            let report = self.next_report();
            let b = table(tables, "DeviceNetworkEvents");
            b.row(at);
            set_device(b, &device);
            set_initiating(b, self.seed, &process);
            b.text(
                "ActionType",
                if port == 80 {
                    "NetworkSignatureInspected"
                } else {
                    "ConnectionSuccess"
                },
            )
            .text("RemoteIP", &server.ip)
            .long("RemotePort", port)
            .text("RemoteUrl", &server.name)
            .text("LocalIP", &device.ip)
            .long("LocalPort", 49_152 + self.rng.below(16_000) as i64)
            .text("Protocol", "Tcp")
            .text("LocalIPType", "Private")
            .text("RemoteIPType", "Private")
            .long("ReportId", report);
            if port == 80 {
                b.json("AdditionalFields", json!({"SignatureName": "HTTP_Client", "SignatureMatchedContent": format!("GET /intranet/docs/handbook.pdf HTTP/1.1\r\nHost: {}", server.name), "SamplePacketContent": ""}));
            }
            let inbound = report + 1;
            let b = table(tables, "DeviceNetworkEvents");
            b.row(at);
            set_device(b, &server);
            b.text("ActionType", "InboundConnectionAccepted")
                .text("RemoteIP", &device.ip)
                .long("RemotePort", 49_152 + self.rng.below(16_000) as i64)
                .text("LocalIP", &server.ip)
                .long("LocalPort", port)
                .text("Protocol", "Tcp")
                .text("LocalIPType", "Private")
                .text("RemoteIPType", "Private")
                .text(
                    "InitiatingProcessFileName",
                    if port == 445 { "System" } else { "svchost.exe" },
                )
                .long("ReportId", inbound);
        }
    }
}
