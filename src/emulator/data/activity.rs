//! Shared shapes of device events: which device, which process did it, on whose behalf.

use super::builder::TableBuilder;
use super::world::{file_hashes, Device, User, NETBIOS};
use crate::engine::Scalar;

/// A running process as the events describe it.
#[derive(Clone, Debug)]
pub struct Proc {
    pub file: String,
    pub folder: String,
    pub command: String,
    pub pid: i64,
    pub created: i64,
    pub account: User,
    pub integrity: &'static str,
    pub parent_file: String,
    pub parent_pid: i64,
}

impl Proc {
    pub fn path(&self) -> String {
        format!("{}\\{}", self.folder, self.file)
    }
}

pub fn set_device(b: &mut TableBuilder, device: &Device) {
    b.text("DeviceId", &device.id)
        .text("DeviceName", &device.name);
}

pub fn set_report(b: &mut TableBuilder, report: i64) {
    b.long("ReportId", report);
}

/// The `InitiatingProcess*` columns.
pub fn set_initiating(b: &mut TableBuilder, seed: u64, p: &Proc) {
    let (sha1, sha256, md5) = file_hashes(seed, &p.file);
    b.text("InitiatingProcessFileName", &p.file)
        .text("InitiatingProcessFolderPath", &p.path())
        .long("InitiatingProcessId", p.pid)
        .text("InitiatingProcessCommandLine", &p.command)
        .set("InitiatingProcessCreationTime", Scalar::DateTime(p.created))
        .text("InitiatingProcessSHA1", &sha1)
        .text("InitiatingProcessSHA256", &sha256)
        .text("InitiatingProcessMD5", &md5)
        .text(
            "InitiatingProcessAccountDomain",
            &NETBIOS.to_ascii_lowercase(),
        )
        .text("InitiatingProcessAccountName", &p.account.name)
        .text("InitiatingProcessAccountSid", &p.account.sid)
        .text("InitiatingProcessAccountUpn", &p.account.upn)
        .text("InitiatingProcessAccountObjectId", &p.account.object_id)
        .text("InitiatingProcessIntegrityLevel", p.integrity)
        .text(
            "InitiatingProcessTokenElevation",
            if p.integrity == "High" || p.integrity == "System" {
                "TokenElevationTypeFull"
            } else {
                "TokenElevationTypeLimited"
            },
        )
        .text("InitiatingProcessParentFileName", &p.parent_file)
        .long("InitiatingProcessParentId", p.parent_pid)
        .flag("IsInitiatingProcessRemoteSession", false);
}

/// The created process's own columns in DeviceProcessEvents.
pub fn set_created(b: &mut TableBuilder, seed: u64, p: &Proc) {
    let (sha1, sha256, md5) = file_hashes(seed, &p.file);
    b.text("ActionType", "ProcessCreated")
        .text("FileName", &p.file)
        .text("FolderPath", &p.path())
        .text("SHA1", &sha1)
        .text("SHA256", &sha256)
        .text("MD5", &md5)
        .long("ProcessId", p.pid)
        .text("ProcessCommandLine", &p.command)
        .set("ProcessCreationTime", Scalar::DateTime(p.created))
        .text("ProcessIntegrityLevel", p.integrity)
        .text("AccountDomain", &NETBIOS.to_ascii_lowercase())
        .text("AccountName", &p.account.name)
        .text("AccountSid", &p.account.sid)
        .text("AccountUpn", &p.account.upn)
        .text("AccountObjectId", &p.account.object_id);
}

/// A file event's own columns.
pub fn set_file(
    b: &mut TableBuilder,
    seed: u64,
    action: &str,
    folder: &str,
    file: &str,
    size: i64,
) {
    let (sha1, sha256, md5) = file_hashes(seed, file);
    b.text("ActionType", action)
        .text("FileName", file)
        .text("FolderPath", &format!("{folder}\\{file}"))
        .text("SHA1", &sha1)
        .text("SHA256", &sha256)
        .text("MD5", &md5)
        .long("FileSize", size);
}
