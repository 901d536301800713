//! The advanced hunting schema: table and column names and types, shipped in
//! `assets/schema.json`. The demo tenant builds its tables from it; the workbench lists it.

/// (table, [(column, KQL type)]) for every table, in the catalog's order.
pub fn catalog() -> Vec<(String, Vec<(String, String)>)> {
    #[derive(serde::Deserialize)]
    struct Catalog {
        tables: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        name: String,
        columns: Vec<(String, String)>,
    }
    // The file is part of the build; a damaged one is a build defect the tests catch.
    let catalog: Catalog = serde_json::from_str(include_str!("../../assets/schema.json"))
        .unwrap_or(Catalog { tables: Vec::new() });
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
}
