//! The workspace's schema from `GET /v1/workspaces/{id}/metadata` (REST reference "Metadata -
//! Get", `MetadataResults`): `tables[]` with `name` and `columns[]` of `name` and `type`
//! (the KQL types). Categories, solutions, functions and the rest are read past.

use serde::Deserialize;

use crate::api::ApiError;
use crate::text::first_bytes;

/// Tables and their columns: (table, [(column, type)]).
pub type Tables = Vec<(String, Vec<(String, String)>)>;

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    tables: Vec<Table>,
}

#[derive(Deserialize)]
struct Table {
    name: String,
    #[serde(default)]
    columns: Vec<Column>,
}

#[derive(Deserialize)]
struct Column {
    name: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

pub fn read_metadata(body: &[u8]) -> Result<Tables, ApiError> {
    let metadata: Metadata = serde_json::from_slice(body).map_err(|e| ApiError::BadBody {
        status: 200,
        detail: format!("the workspace's metadata is not what the API documents: {e}"),
        first_bytes: first_bytes(body),
    })?;
    Ok(metadata
        .tables
        .into_iter()
        .map(|t| {
            let columns = t
                .columns
                .into_iter()
                .map(|c| (c.name, c.kind.unwrap_or_else(|| "string".into())))
                .collect();
            (t.name, columns)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_columns_are_read_and_the_rest_passed_over() {
        let body = br#"{"categories":[{"id":"security","displayName":"Security"}],
            "tables":[{"id":"t_SigninLogs","name":"SigninLogs","timespanColumn":"TimeGenerated",
              "columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"LocationDetails","type":"dynamic","isPreferredFacet":false}]}],
            "functions":[],"workspaces":[{"id":"6f1c","resourceId":"/x","name":"law"}]}"#;
        let tables = read_metadata(body).unwrap();
        assert_eq!(tables[0].0, "SigninLogs");
        assert_eq!(
            tables[0].1,
            vec![
                ("TimeGenerated".to_owned(), "datetime".to_owned()),
                ("LocationDetails".to_owned(), "dynamic".to_owned())
            ]
        );
        assert!(matches!(
            read_metadata(b"<html>"),
            Err(ApiError::BadBody { .. })
        ));
    }
}
