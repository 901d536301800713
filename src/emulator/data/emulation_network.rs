//! The emulation run's noisier tests on the wire: a port scan of the lab's second virtual
//! machine on its host-only network (T1046, nmap), a sweep for SQL servers, and the named pipes that Cobalt Strike's
//! defaults create (T1559, the Atomic tests replay its documented pipe names).

use serde_json::json;

use super::activity::{set_device, set_initiating, Proc};
use super::background::{table, Background, Builders, HOUR, MINUTE};
use crate::results::datetime::TICKS_PER_SECOND;

/// The lab's second machine, reachable only from the lab host's virtual network.
const TARGET: &str = "192.168.56.101";

const PORTS: &[i64] = &[
    21, 22, 23, 25, 53, 80, 88, 135, 139, 389, 443, 445, 3389, 5985,
];

/// Cobalt Strike's default pipe names, as the Atomic tests create them.
const PIPES: &[&str] = &[
    r"\Device\NamedPipe\MSSE-1234-server",
    r"\Device\NamedPipe\status_1234",
    r"\Device\NamedPipe\postex_ssh_1234",
    r"\Device\NamedPipe\msagent_1234",
    r"\Device\NamedPipe\postex_1234",
];

impl Background<'_> {
    pub fn emulation_network(&mut self, tables: &mut Builders) {
        let lab = self.world.device("lab-emul01").clone();
        let admin = self.world.user("grady.vance").clone();
        let start = self.end - 20 * HOUR + 3 * HOUR;
        let tool = |file: &str, command: &str, at: i64, pid: i64| Proc {
            file: file.into(),
            folder: r"C:\AtomicRedTeam\ExternalPayloads".into(),
            command: command.into(),
            pid,
            created: at - 2 * TICKS_PER_SECOND,
            account: admin.clone(),
            integrity: "High",
            parent_file: "powershell.exe".into(),
            parent_pid: pid - 4,
        };
        let nmap = tool(
            "nmap.exe",
            &format!("nmap.exe -sT -p 1-5985 {TARGET}"),
            start,
            28_100,
        );
        for (i, port) in PORTS.iter().enumerate() {
            let open = [80, 135, 445, 3389].contains(port);
            let report = self.next_report();
            let b = table(tables, "DeviceNetworkEvents");
            b.row(start + i as i64 * TICKS_PER_SECOND / 4);
            set_device(b, &lab);
            set_initiating(b, self.seed, &nmap);
            b.text(
                "ActionType",
                if open {
                    "ConnectionSuccess"
                } else {
                    "ConnectionFailed"
                },
            )
            .text("RemoteIP", TARGET)
            .long("RemotePort", *port)
            .text("LocalIP", "192.168.56.1")
            .long("LocalPort", 52_000 + i as i64)
            .text("Protocol", "Tcp")
            .text("LocalIPType", "Private")
            .text("RemoteIPType", "Private")
            .long("ReportId", report);
        }
        // T1046 again, for databases: a PowerShell sweep of port 1433 across the servers and
        // the first workstations it finds.
        let sweep = tool(
            "powershell.exe",
            "powershell.exe -Command 1..254 | % { Test-NetConnection 10.1.$_ -Port 1433 }",
            start + 5 * MINUTE,
            28_150,
        );
        let hosts: Vec<_> = self
            .world
            .devices
            .iter()
            .filter(|d| d.name != lab.name)
            .take(14)
            .cloned()
            .collect();
        for (i, host) in hosts.iter().enumerate() {
            let listening = host.name.starts_with("srv-sql01");
            let report = self.next_report();
            let b = table(tables, "DeviceNetworkEvents");
            b.row(start + 5 * MINUTE + i as i64 * TICKS_PER_SECOND);
            set_device(b, &lab);
            set_initiating(b, self.seed, &sweep);
            b.text(
                "ActionType",
                if listening {
                    "ConnectionSuccess"
                } else {
                    "ConnectionFailed"
                },
            )
            .text("RemoteIP", &host.ip)
            .long("RemotePort", 1433)
            .text("LocalIP", &lab.ip)
            .text("Protocol", "Tcp")
            .text("LocalIPType", "Private")
            .text("RemoteIPType", "Private")
            .long("ReportId", report);
        }
        for (i, pipe) in PIPES.iter().enumerate() {
            let at = start + 10 * MINUTE + i as i64 * MINUTE;
            let executor = tool(
                "namedpipes_executor.exe",
                &format!(
                    "namedpipes_executor.exe --pipe {}",
                    pipe.rsplit('\\').next().unwrap_or_default()
                ),
                at,
                28_200 + i as i64 * 8,
            );
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(at);
            set_device(b, &lab);
            set_initiating(b, self.seed, &executor);
            b.text("ActionType", "NamedPipeEvent")
                .json(
                    "AdditionalFields",
                    json!({"PipeName": pipe, "FileOperation": "File created", "NamedPipeEnd": "Server"}),
                )
                .long("ReportId", report);
        }
    }
}
