//! The browser extensions on the workstations and the permissions each asks for, as
//! vulnerability management lists them (DeviceTvmBrowserExtensions and its knowledge base).

use super::background::{table, Background, Builders, DAY};
use crate::engine::Scalar;

/// (id, name, risk, permissions the extension asks for).
const EXTENSIONS: &[(&str, &str, &str, &[&str])] = &[
    (
        "ghbmnnjooekpmoecnnnilnnbdlolhkhi",
        "Google Docs Offline",
        "Low",
        &["storage", "unlimitedStorage"],
    ),
    (
        "efaidnbmnnnibpcajpcglclefindmkaj",
        "Adobe Acrobat: PDF edit, convert, sign tools",
        "Medium",
        &[
            "contextMenus",
            "tabs",
            "downloads",
            "storage",
            "nativeMessaging",
        ],
    ),
    (
        "cjpalhdlnbpafiamejdnhcphjbkeiagm",
        "uBlock Origin",
        "High",
        &[
            "webRequest",
            "webRequestBlocking",
            "<all_urls>",
            "tabs",
            "storage",
        ],
    ),
    (
        "bkdgflcldnnnapblkhphbgpggdiikppg",
        "PDF Converter Pro Toolbar",
        "Critical",
        &[
            "<all_urls>",
            "cookies",
            "history",
            "webRequest",
            "management",
            "tabs",
        ],
    ),
];

impl Background<'_> {
    pub fn browser_extensions(&mut self, tables: &mut Builders) {
        let devices = self.world.devices.clone();
        for device in &devices {
            if !device.is_server {
                for (id, name, risk, _) in EXTENSIONS {
                    if self.rng.chance(0.5) {
                        let b = table(tables, "DeviceTvmBrowserExtensions");
                        b.row(self.end);
                        b.text("DeviceId", &device.id)
                            .text("BrowserName", "chrome")
                            .text("ExtensionId", id)
                            .text("ExtensionName", name)
                            .text("ExtensionVersion", "1.4.2")
                            .text("ExtensionRisk", risk)
                            .text("ExtensionVendor", "")
                            .text("IsActivated", "true")
                            .set("InstallationTime", Scalar::DateTime(self.start - 40 * DAY));
                    }
                }
            }
        }
        for (id, name, risk, permissions) in EXTENSIONS {
            for permission in *permissions {
                let b = table(tables, "DeviceTvmBrowserExtensionsKB");
                b.row(self.end);
                b.text("BrowserName", "chrome")
                    .text("ExtensionId", id)
                    .text("ExtensionName", name)
                    .text("ExtensionDescription", name)
                    .text("ExtensionVersion", "1.4.2")
                    .text("ExtensionRisk", risk)
                    .text("PermissionId", permission)
                    .text("PermissionName", permission)
                    .text("PermissionDescription", &format!("Can use {permission}"))
                    .text(
                        "PermissionRisk",
                        if permission.contains("all_urls") || *permission == "cookies" {
                            "High"
                        } else {
                            "Low"
                        },
                    )
                    .text("IsPermissionRequired", "true");
            }
        }
    }
}
