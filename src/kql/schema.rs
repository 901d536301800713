//! The advanced hunting schema: table and column names and types, shipped in
//! `assets/schema.json`. The demo tenant builds its tables from it; the workbench lists it.

/// (table, [(column, KQL type)]) for every table, in the catalog's order.
pub fn catalog() -> Vec<(String, Vec<(String, String)>)> {
    read(include_str!("../../assets/schema.json"))
}

/// Microsoft Sentinel's own tables a hunter expects in a Log Analytics workspace
/// (`SigninLogs`, `SecurityEvent`, `AuditLogs`), from the Azure Monitor table reference, shipped
/// in `assets/sentinel_schema.json`.
pub fn sentinel_catalog() -> Vec<(String, Vec<(String, String)>)> {
    read(include_str!("../../assets/sentinel_schema.json"))
}

/// What a Sentinel workspace holds: the hunting tables the Defender XDR connector streams in,
/// and Sentinel's own.
pub fn workspace_catalog() -> Vec<(String, Vec<(String, String)>)> {
    let mut tables = catalog();
    tables.extend(sentinel_catalog());
    tables
}

fn read(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    #[derive(serde::Deserialize)]
    struct Catalog {
        tables: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        name: String,
        columns: Vec<(String, String)>,
    }
    // The files are part of the build; a damaged one is a build defect the tests catch.
    let catalog: Catalog = serde_json::from_str(text).unwrap_or(Catalog { tables: Vec::new() });
    catalog
        .tables
        .into_iter()
        .map(|t| (t.name, t.columns))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_catalog_has_the_hunting_tables() {
        let catalog = super::catalog();
        assert_eq!(catalog.len(), 66);
        let (_, columns) = catalog
            .iter()
            .find(|(t, _)| t == "DeviceProcessEvents")
            .unwrap();
        assert!(columns
            .iter()
            .any(|(c, t)| c == "ProcessCommandLine" && t == "string"));
    }

    #[test]
    fn the_shipped_sentinel_catalog_has_its_tables_with_their_documented_columns() {
        let sentinel = super::sentinel_catalog();
        let names: Vec<&str> = sentinel.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["SigninLogs", "SecurityEvent", "AuditLogs"]);
        let columns = |table: &str| &sentinel.iter().find(|(t, _)| t == table).unwrap().1;
        assert!(columns("SigninLogs").contains(&("ResultType".into(), "string".into())));
        assert!(columns("SecurityEvent").contains(&("EventID".into(), "int".into())));
        assert!(columns("AuditLogs").contains(&("TargetResources".into(), "dynamic".into())));
        assert_eq!(super::workspace_catalog().len(), super::catalog().len() + 3);
    }
}
