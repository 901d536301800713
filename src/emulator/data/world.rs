//! The demo tenant's people and machines: a few hundred users, each with a workstation,
//! some servers and two domain controllers, in a company called Contoso.

use super::rng::Rng;

pub const DOMAIN: &str = "contoso.com";
pub const NETBIOS: &str = "CONTOSO";

#[derive(Clone, Debug)]
pub struct User {
    pub name: String,
    pub display: String,
    pub upn: String,
    pub sid: String,
    pub object_id: String,
}

#[derive(Clone, Debug)]
pub struct Device {
    pub name: String,
    pub id: String,
    pub ip: String,
    pub os: &'static str,
    pub is_server: bool,
    /// Index of the user who works on it (workstations).
    pub owner: Option<usize>,
}

pub struct World {
    pub users: Vec<User>,
    pub devices: Vec<Device>,
}

const FIRST: &[&str] = &[
    "adele",
    "alex",
    "allan",
    "bianca",
    "brian",
    "cameron",
    "christie",
    "debra",
    "diego",
    "emily",
    "enrico",
    "grady",
    "henrietta",
    "irvin",
    "isaiah",
    "johanna",
    "joni",
    "lee",
    "lidia",
    "lynne",
    "megan",
    "miriam",
    "nestor",
    "patti",
    "pradeep",
    "raul",
    "sofia",
    "tomas",
    "wanda",
    "yusuf",
];
const LAST: &[&str] = &[
    "vance", "wilber", "brown", "towner", "yu", "gray", "jamison", "berg", "zeng", "taylor",
    "archie", "sherman",
];

fn sid(rid: u64) -> String {
    format!("S-1-5-21-1004336348-1177238915-682003330-{rid}")
}

fn user(rng: &mut Rng, name: &str, display: &str, rid: u64) -> User {
    User {
        name: name.to_owned(),
        display: display.to_owned(),
        upn: format!("{name}@{DOMAIN}"),
        sid: sid(rid),
        object_id: rng.guid(),
    }
}

impl World {
    pub fn new(rng: &mut Rng, people: usize) -> World {
        let mut users = Vec::new();
        'outer: for last in LAST {
            for first in FIRST {
                if users.len() >= people {
                    break 'outer;
                }
                let name = format!("{first}.{last}");
                let display = format!("{} {}", capital(first), capital(last));
                users.push(user(rng, &name, &display, 1100 + users.len() as u64));
            }
        }
        // The story's victim and the admin account it steals are always there.
        for (name, display) in [
            ("megan.bowen", "Megan Bowen"),
            ("svc_backup", "Backup Service"),
        ] {
            if !users.iter().any(|u| u.name == name) {
                users.push(user(rng, name, display, 1100 + users.len() as u64));
            }
        }
        let mut devices = Vec::new();
        for (i, _) in users
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.name.starts_with("svc_"))
        {
            devices.push(Device {
                name: format!("ws-{:04}.{DOMAIN}", 100 + i),
                id: rng.hex(40),
                ip: format!("10.1.{}.{}", (i / 200) + 4, i % 200 + 20),
                os: if rng.chance(0.8) {
                    "Windows11"
                } else {
                    "Windows10"
                },
                is_server: false,
                owner: Some(i),
            });
        }
        for (i, name) in [
            "dc-01",
            "dc-02",
            "srv-fs01",
            "srv-sql01",
            "srv-app01",
            "srv-web01",
            "srv-print01",
            "srv-backup01",
        ]
        .iter()
        .enumerate()
        {
            devices.push(Device {
                name: format!("{name}.{DOMAIN}"),
                id: rng.hex(40),
                ip: format!("10.1.0.{}", 10 + i),
                os: "WindowsServer2022",
                is_server: true,
                owner: None,
            });
        }
        // The IT team's detection lab, where adversary-emulation runs are played.
        devices.push(Device {
            name: format!("lab-emul01.{DOMAIN}"),
            id: rng.hex(40),
            ip: "10.1.9.21".into(),
            os: "Windows11",
            is_server: false,
            owner: users.iter().position(|u| u.name == "grady.vance"),
        });
        World { users, devices }
    }

    pub fn user(&self, name: &str) -> &User {
        self.users
            .iter()
            .find(|u| u.name == name)
            .unwrap_or(&self.users[0])
    }

    pub fn device(&self, short_name: &str) -> &Device {
        self.devices
            .iter()
            .find(|d| d.name.starts_with(short_name))
            .unwrap_or(&self.devices[0])
    }

    /// The workstation of a user.
    pub fn workstation_of(&self, user: usize) -> &Device {
        self.devices
            .iter()
            .find(|d| d.owner == Some(user))
            .unwrap_or(&self.devices[0])
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Stable hashes for a file: the same file name always has the same SHA-1, SHA-256 and MD5.
pub fn file_hashes(seed: u64, file: &str) -> (String, String, String) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in file.to_ascii_lowercase().bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let mut rng = Rng::new(seed ^ h);
    (rng.hex(40), rng.hex(64), rng.hex(32))
}
