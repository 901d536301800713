//! What changed in the last days of sign-ins, as "new since" hunts see it: Edge updated itself
//! to version 132 (a new user agent for everyone), a pilot group started using Microsoft Loop
//! (a new application), and a salesperson at a trade fair in Berlin signs in from the hotel
//! on her managed laptop (a new country, with a device id, unlike the intrusion's).

use super::background::{Background, Builders, DAY, HOUR};
use super::signins::{write_sign_in, SignIn, APPS, OFFICE_IP};

const EDGE_132: (&str, &str, &str) = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36 Edg/132.0.0.0",
    "Edge 132.0.0",
    "Windows 10",
);

const LOOP: (&str, &str, &str) = (
    "Microsoft Loop",
    "0ec893e0-5785-4de6-99da-4ed124e5296c",
    "Microsoft Loop",
);

impl Background<'_> {
    pub fn sign_in_changes(&mut self, tables: &mut Builders) {
        let since = self.end - 2 * DAY;
        for i in 0..60 {
            let at = since + self.rng.below((2 * DAY - HOUR) as u64) as i64;
            let (device, owner) = self.workstation();
            let user = self.world.users[owner].clone();
            // A third of them are the Loop pilot; the rest use the apps they always use.
            let app = if i % 3 == 0 {
                LOOP
            } else {
                *self.rng.pick(APPS)
            };
            let (session, correlation) = (self.rng.guid(), self.rng.guid());
            let device_id = device.id[..36].to_owned();
            let report = self.next_report();
            let sign_in = SignIn {
                at,
                user: &user,
                app,
                error: 0,
                ip: OFFICE_IP,
                country: "US",
                city: "Redmond",
                device: &device.name,
                device_id: &device_id,
                agent: EDGE_132,
                risk: "none",
                session: &session,
            };
            write_sign_in(tables, &sign_in, report, &correlation);
        }
        let traveller = self.world.users[self.world.users.len() / 4].clone();
        let laptop = self
            .world
            .workstation_of(self.world.users.len() / 4)
            .clone();
        let device_id = laptop.id[..36].to_owned();
        for day in 0..2 {
            for hour in [8, 13, 19] {
                let at = self.end - (day + 1) * DAY + hour * HOUR;
                let (session, correlation) = (self.rng.guid(), self.rng.guid());
                let report = self.next_report();
                let app = *self.rng.pick(APPS);
                let sign_in = SignIn {
                    at,
                    user: &traveller,
                    app,
                    error: 0,
                    ip: "85.214.132.117",
                    country: "DE",
                    city: "Berlin",
                    device: &laptop.name,
                    device_id: &device_id,
                    agent: EDGE_132,
                    risk: "none",
                    session: &session,
                };
                write_sign_in(tables, &sign_in, report, &correlation);
            }
        }
    }
}
