//! USB sticks: a few people a week plug one in and copy a file to it, as Defender records it
//! (the device connected, the disk, the mounted drive, the file written). One stick brought back
//! from a trade show carries an old autorun worm that antivirus removes.

use serde_json::json;

use super::activity::{set_device, set_file, set_initiating, Proc};
use super::background::{table, Background, Builders, DAY, HOUR, MINUTE};
use super::world::Device;

/// (vendor id, product id, product, manufacturer).
const STICKS: &[(&str, &str, &str, &str)] = &[
    ("0781", "5581", "Ultra", "SanDisk"),
    ("0951", "1666", "DataTraveler 3.0", "Kingston"),
    ("090C", "1000", "Flash Drive", "Samsung"),
];

const COPIED: &[&str] = &[
    "Q3-forecast.xlsx",
    "presentation-final.pptx",
    "photos.zip",
    "contract-signed.pdf",
];

impl Background<'_> {
    pub fn removable_media(&mut self, tables: &mut Builders) {
        let weeks = ((self.end - self.start) / (7 * DAY)).max(1);
        for session in 0..weeks * 3 {
            let (device, owner) = self.workstation();
            let at = self.end - session * 2 * DAY - 9 * HOUR - self.rng.below(HOUR as u64) as i64;
            let stick = *self.rng.pick(STICKS);
            let serial = self.rng.hex(20).to_uppercase();
            let copied = *self.rng.pick(COPIED);
            self.plug_in(tables, &device, owner, at, stick, &serial, copied);
        }
        // The trade-show stick: plugged in on two days, the worm caught on the first.
        let (device, owner) = self.workstation();
        let stick = STICKS[1];
        let first = self.end - 5 * DAY - 11 * HOUR;
        self.plug_in(
            tables,
            &device,
            owner,
            first,
            stick,
            "E0D55E6C2F1BF4A1",
            "brochure.pdf",
        );
        let explorer = self.explorer(owner, first);
        let report = self.next_report();
        let b = table(tables, "DeviceEvents");
        b.row(first + 2 * MINUTE);
        set_device(b, &device);
        set_file(b, self.seed, "AntivirusDetection", "E:", "autorun.inf", 212);
        set_initiating(b, self.seed, &explorer);
        b.json("AdditionalFields", json!({"ThreatName": "Worm:Win32/Autorun!inf", "WasRemediated": true, "WasExecutingWhileDetected": false, "Action": "remove"}))
            .long("ReportId", report);
        let second = self.end - 2 * DAY - 14 * HOUR;
        self.plug_in(
            tables,
            &device,
            owner,
            second,
            stick,
            "E0D55E6C2F1BF4A1",
            "brochure.pdf",
        );
    }

    fn explorer(&self, owner: usize, at: i64) -> Proc {
        Proc {
            file: "explorer.exe".into(),
            folder: r"C:\Windows".into(),
            command: r"C:\Windows\Explorer.EXE".into(),
            pid: 4_000 + (at % 3_000),
            created: at - 6 * HOUR,
            account: self.world.users[owner].clone(),
            integrity: "Medium",
            parent_file: "userinit.exe".into(),
            parent_pid: 3_880,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn plug_in(
        &mut self,
        tables: &mut Builders,
        device: &Device,
        owner: usize,
        at: i64,
        (vendor, product_id, product, maker): (&str, &str, &str, &str),
        serial: &str,
        copied: &str,
    ) {
        let explorer = self.explorer(owner, at);
        let usb_id = format!(r"USB\VID_{vendor}&PID_{product_id}\{serial}");
        let disk_id = format!(
            r"USBSTOR\DISK&VEN_{}&PROD_{}&REV_1.00\{serial}&0",
            maker.to_uppercase(),
            product.to_uppercase().replace(' ', "_")
        );
        let vendor_ids = format!(r"USB\VID_{vendor}&PID_{product_id}");
        for (offset, fields) in [
            (
                0,
                json!({"ClassName": "USB", "DeviceDescription": "USB Mass Storage Device", "DeviceId": usb_id, "VendorIds": vendor_ids}),
            ),
            (
                1,
                json!({"ClassName": "DiskDrive", "DeviceDescription": "Disk drive", "DeviceId": disk_id, "VendorIds": vendor_ids}),
            ),
        ] {
            let report = self.next_report();
            let b = table(tables, "DeviceEvents");
            b.row(at + offset * 10_000_000);
            set_device(b, device);
            b.text("ActionType", "PnpDeviceConnected")
                .json("AdditionalFields", fields)
                .long("ReportId", report);
        }
        let report = self.next_report();
        let b = table(tables, "DeviceEvents");
        b.row(at + 3 * 10_000_000);
        set_device(b, device);
        b.text("ActionType", "UsbDriveMounted")
            .json("AdditionalFields", json!({"DriveLetter": "E:", "BusType": 7, "ProductName": product, "SerialNumber": serial, "Manufacturer": maker, "Volume": "USB DISK"}))
            .long("ReportId", report);
        let report = self.next_report();
        let b = table(tables, "DeviceFileEvents");
        b.row(at + 2 * MINUTE);
        set_device(b, device);
        let size = 200_000 + self.rng.below(8_000_000) as i64;
        set_file(b, self.seed, "FileCreated", "E:", copied, size);
        set_initiating(b, self.seed, &explorer);
        b.long("ReportId", report);
    }
}
