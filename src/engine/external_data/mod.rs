//! `externaldata`: rows from a list named by URL, read from the local copy the hunter mapped
//! it to (the demo tenant never goes to the network). An unmapped URL is refused by name.

mod local_copies;
mod records;

pub use local_copies::LocalCopies;
use records::{records, Format};

use super::context::Ctx;
use super::scalar::Scalar;
use super::sources::coerce;
use super::table::{ColumnDef, Table};
use super::EngineError;
use crate::kql::ast::ExternalData;
use crate::kql::Span;
use crate::results::ColumnKind;

/// The largest local copy read: a list bigger than this is not a watch list.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

impl Ctx<'_> {
    pub fn external_data(&self, source: &ExternalData, span: Span) -> Result<Table, EngineError> {
        let mut format = Format::Delimited(',');
        let mut skip_first = false;
        for (name, value) in &source.properties {
            match name.as_str() {
                "format" => {
                    format = Format::named(value).ok_or_else(|| {
                        EngineError::unsupported(
                            format!("externaldata format '{value}' is not supported by the kqlhunt demo tenant (csv, tsv, psv, scsv and txt are)"),
                            span,
                        )
                    })?
                }
                "ignorefirstrecord" => skip_first = value.eq_ignore_ascii_case("true"),
                other => {
                    return Err(EngineError::unsupported(
                        format!("externaldata property '{other}' is not supported by the kqlhunt demo tenant (format and ignoreFirstRecord are)"),
                        span,
                    ))
                }
            }
        }
        let columns: Vec<ColumnDef> = source
            .columns
            .iter()
            .map(|(name, kind)| ColumnDef {
                name: name.clone(),
                kind: ColumnKind::from_type_name(kind),
            })
            .collect();
        if let Some((name, kind)) = source
            .columns
            .iter()
            .zip(&columns)
            .find_map(|((n, k), def)| {
                matches!(def.kind, ColumnKind::TimeSpan | ColumnKind::Unknown).then_some((n, k))
            })
        {
            return Err(EngineError::unsupported(
                format!("externaldata column '{name}' of type {kind} is not supported by the kqlhunt demo tenant"),
                span,
            ));
        }
        let mut data: Vec<Vec<Scalar>> = vec![Vec::new(); columns.len()];
        for url in &source.urls {
            let text = self.local_copy(url, span)?;
            let found = records(&text, format);
            let found = found.into_iter().skip(usize::from(skip_first));
            for record in found {
                for (c, def) in columns.iter().enumerate() {
                    let field = record.get(c).map_or("", String::as_str);
                    data[c].push(typed(field, def.kind));
                }
            }
            self.budget().check(
                "externaldata",
                data.first().map_or(0, Vec::len),
                columns.len(),
                Some(span),
            )?;
        }
        Ok(Table::new(columns, data))
    }

    /// The text of the file `url` is mapped to.
    fn local_copy(&self, url: &str, span: Span) -> Result<String, EngineError> {
        let copies = self.db.local_copies();
        let map = copies.map_file().map_or_else(
            || LocalCopies::FILE_NAME.to_owned(),
            |p| p.display().to_string(),
        );
        let Some(path) = copies.file_for(url) else {
            return Err(EngineError::unsupported(
                format!("externaldata without a local copy is not supported by the kqlhunt demo tenant: the URL '{url}' is not mapped to a file. Download it, then add to {map}:\n[urls]\n\"{url}\" = \"file name\""),
                span,
            ));
        };
        let unreadable = |why: String| {
            EngineError::semantic(
                format!(
                    "externaldata: cannot read {} (the local copy of '{url}' in {map}): {why}",
                    path.display()
                ),
                span,
            )
        };
        let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
        if !meta.is_file() {
            return Err(unreadable("it is not a regular file".into()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(unreadable(format!(
                "it is {} bytes, over the {MAX_FILE_BYTES} bytes a local copy may have",
                meta.len()
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A field as a value of its column's type: an empty field is null, except for strings.
fn typed(field: &str, kind: ColumnKind) -> Scalar {
    match kind {
        ColumnKind::Text | ColumnKind::Guid => Scalar::str(field),
        _ if field.trim().is_empty() => Scalar::Null,
        ColumnKind::Dynamic => serde_json::from_str(field)
            .map_or_else(|_| Scalar::from_json(field.into()), Scalar::from_json),
        ColumnKind::Bool => match field.trim() {
            "1" => Scalar::Bool(true),
            "0" => Scalar::Bool(false),
            other => Scalar::str(other)
                .as_bool()
                .map_or(Scalar::Null, Scalar::Bool),
        },
        kind => coerce(Scalar::str(field), kind),
    }
}
