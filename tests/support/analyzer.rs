//! Microsoft's KQL analyzer (`tests/kql-oracle/`), run with node from a copy under `target/`
//! with its npm package installed from the lock file, so the source tree stays clean. Its
//! scripts are copied once per test process, so a change to them is what runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn analyzer_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("target/kql-oracle");
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(root.join("tests/kql-oracle")).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            }
        }
        if !dir
            .join("node_modules/@kusto/language-service-next")
            .exists()
        {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--silent"])
                .current_dir(&dir)
                .status()
                .expect(
                    "npm is needed to install Microsoft's KQL analyzer (.ci/run installs node and npm)",
                );
            assert!(status.success(), "npm install of the KQL analyzer failed");
        }
        dir
    })
    .clone()
}
