//! A database's tables and columns from `.show database <db> schema as json`: a v1 answer
//! whose one cell holds the schema as a JSON string.

use serde_json::Value as Json;

use crate::results::ColumnKind;

/// (table, [(column, KQL type)]), tables and materialized views in name order.
pub type Schema = Vec<(String, Vec<(String, String)>)>;

/// Reads the v1 answer. `Err` says what was missing, for the hunter.
pub fn read_schema(answer: &Json, database: &str) -> Result<Schema, String> {
    let tables = answer
        .get("Tables")
        .and_then(Json::as_array)
        .ok_or("the answer has no Tables")?;
    let cell = tables
        .iter()
        .filter_map(|t| t.get("Rows")?.as_array()?.first()?.as_array()?.first())
        .find_map(Json::as_str)
        .ok_or("the answer has no schema cell")?;
    let schema: Json =
        serde_json::from_str(cell).map_err(|e| format!("the schema cell is not JSON: {e}"))?;
    let databases = schema
        .get("Databases")
        .and_then(Json::as_object)
        .ok_or("the schema names no databases")?;
    // Database names are case-insensitive in Kusto.
    let db = databases
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(database))
        .or_else(|| databases.iter().next())
        .map(|(_, db)| db)
        .ok_or_else(|| format!("the schema has no database {database}"))?;
    let mut out = Schema::new();
    for group in ["Tables", "MaterializedViews", "ExternalTables"] {
        for (name, table) in db
            .get(group)
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            let columns = table
                .get("OrderedColumns")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| {
                    let name = c.get("Name")?.as_str()?;
                    Some((name.to_owned(), kql_type(c)))
                })
                .collect();
            out.push((name.clone(), columns));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The KQL type name the catalogue uses: `CslType` when given, else from the .NET `Type`.
fn kql_type(column: &Json) -> String {
    if let Some(csl) = column.get("CslType").and_then(Json::as_str) {
        let csl = csl.to_ascii_lowercase();
        return match csl.as_str() {
            // Aliases Kusto accepts, written as the catalogue writes them.
            "double" => "real".into(),
            "boolean" => "bool".into(),
            "date" => "datetime".into(),
            "time" => "timespan".into(),
            "uniqueid" => "guid".into(),
            "int64" => "long".into(),
            "int32" => "int".into(),
            _ => csl,
        };
    }
    let dotnet = column.get("Type").and_then(Json::as_str).unwrap_or("");
    if dotnet.eq_ignore_ascii_case("System.Data.SqlTypes.SqlDecimal") {
        return "decimal".into();
    }
    ColumnKind::from_type_name(dotnet).kql_name().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_answer_gives_tables_and_kql_types() {
        let answer: Json = serde_json::from_str(include_str!(
            "../../../tests/data/adx/v1-mgmt-show-schema.json"
        ))
        .unwrap();
        let schema = read_schema(&answer, "contososecurity").unwrap();
        let names: Vec<&str> = schema.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["SecurityEvents", "SigninEvents"]);
        let (_, columns) = &schema[0];
        assert_eq!(columns[0], ("TimeGenerated".into(), "datetime".into()));
        assert_eq!(columns[3], ("EventID".into(), "int".into()));
        assert_eq!(columns[6], ("RiskScore".into(), "real".into()));
        assert_eq!(columns[7], ("AdditionalFields".into(), "dynamic".into()));
    }

    #[test]
    fn types_without_csl_names_come_from_dotnet() {
        let c = serde_json::json!({"Name": "x", "Type": "System.Int64"});
        assert_eq!(kql_type(&c), "long");
        let d = serde_json::json!({"Name": "x", "Type": "System.Data.SqlTypes.SqlDecimal"});
        assert_eq!(kql_type(&d), "decimal");
    }

    #[test]
    fn a_broken_answer_says_what_is_missing() {
        let err = read_schema(&serde_json::json!({"Tables": []}), "db").unwrap_err();
        assert!(err.contains("no schema cell"), "{err}");
        let bad = serde_json::json!({"Tables": [{"Rows": [["{not json"]]}]});
        assert!(read_schema(&bad, "db").unwrap_err().contains("not JSON"));
    }
}
