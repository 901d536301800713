//! `kqlhunt rules new NAME -f hunt.kql`: a hunt becomes a rule file in the rules folder, its
//! entities guessed from the columns the query returns, checked at once.

use std::io::Read as _;
use std::path::Path;

use super::{fail, Exit};
use crate::assist::knowledge::Knowledge;

pub fn run(name: &str, query_file: &Path, folder: &Path) -> Exit {
    let query = if query_file == Path::new("-") {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            return fail(
                Exit::Usage,
                format!("cannot read the query from stdin: {e}"),
            );
        }
        text
    } else {
        match super::check::read(query_file) {
            Ok(t) => t,
            Err(e) => return fail(Exit::Usage, e),
        }
    };
    if name.trim().is_empty() || crate::rules::draft::id_from(name).is_empty() {
        return fail(
            Exit::Usage,
            "the rule's name needs a letter or a digit: it makes the rule's id",
        );
    }
    let knowledge = Knowledge::default();
    let columns = match knowledge.shape_of(&query) {
        Ok((columns, _)) => columns,
        Err(e) => {
            return fail(
                Exit::Failed,
                format!(
                    "the hunt does not run, so no rule was drafted: {}",
                    e.describe(&query)
                ),
            )
        }
    };
    let rule = crate::rules::draft::from_query(name, &query, &columns);
    let path = folder.join(crate::rules::file::file_name(&rule));
    if path.exists() {
        return fail(
            Exit::Failed,
            format!(
                "{} exists: pick another name, or edit that rule",
                path.display()
            ),
        );
    }
    if let Err(e) = super::rules::save(&path, &rule) {
        return fail(Exit::Failed, e);
    }
    crate::console::outln!("{}", path.display());
    for finding in crate::rules::check_rule(&knowledge, &rule) {
        crate::console::errln!(
            "kqlhunt: {}: {} [{}]",
            finding.severity.name(),
            crate::results::display::safe_text(&finding.message),
            finding.code
        );
    }
    Exit::Ok
}
