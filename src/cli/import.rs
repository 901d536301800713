//! `kqlhunt import FOLDER`: a collection of hunting queries into the saved queries.

use super::{fail, Exit, ImportArgs};
use crate::config::Paths;

pub fn run(args: ImportArgs) -> Exit {
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    if !args.folder.is_dir() {
        return fail(
            Exit::Usage,
            format!("{} is not a folder", args.folder.display()),
        );
    }
    let into = args.into.unwrap_or_else(|| {
        args.folder
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "imported".into())
    });
    let saved = paths.data_dir.join("saved");
    match crate::saved::import_folder(
        &args.folder,
        &saved,
        &into,
        &crate::files::KeepOut::own_folders(&paths),
    ) {
        Ok(report) => {
            crate::console::errln!(
                "kqlhunt: imported {} into {}; {} already there (left as they were), {} skipped",
                crate::text::count(report.imported as u128, "query", "queries"),
                saved.join(&into).display(),
                report.existing,
                crate::text::count(report.skipped.len() as u128, "file", "files")
            );
            for (file, why) in &report.skipped {
                crate::console::errln!(
                    "  skipped {}: {why}",
                    crate::results::display::safe_text(file)
                );
            }
            Exit::Ok
        }
        Err(e) => fail(Exit::Failed, e),
    }
}
