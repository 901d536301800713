//! `.show database <db> schema as json` on the demo cluster: the tables the engine runs on,
//! with their columns and types, in the v1 answer shape.

use serde_json::{json, Map, Value as Json};

use super::DEMO_DATABASE;
use crate::emulator::state::State;
use crate::results::ColumnKind;

/// The .NET type Kusto names beside each KQL type.
fn dotnet_type(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::DateTime => "System.DateTime",
        ColumnKind::Text | ColumnKind::Unknown => "System.String",
        ColumnKind::Int => "System.Int32",
        ColumnKind::Long => "System.Int64",
        ColumnKind::Real => "System.Double",
        ColumnKind::Bool => "System.SByte",
        ColumnKind::Dynamic => "System.Object",
        ColumnKind::Guid => "System.Guid",
        ColumnKind::TimeSpan => "System.TimeSpan",
    }
}

/// Whether `command` is `.show database <name> schema as json` (the name bare, bracketed or
/// quoted), for this cluster's database.
fn is_show_schema(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    let [show, database, name, schema, as_, json] = words.as_slice() else {
        return false;
    };
    let name = name
        .trim_start_matches("['")
        .trim_end_matches("']")
        .trim_matches(['"', '\'', '[', ']']);
    show.eq_ignore_ascii_case(".show")
        && database.eq_ignore_ascii_case("database")
        && name.eq_ignore_ascii_case(DEMO_DATABASE)
        && schema.eq_ignore_ascii_case("schema")
        && as_.eq_ignore_ascii_case("as")
        && json.eq_ignore_ascii_case("json")
}

/// The v1 answer, or why the command is not one this cluster runs.
pub fn answer(state: &State, command: &str) -> Result<String, String> {
    if !is_show_schema(command) {
        return Err(format!(
            "The demo cluster runs one management command: .show database {DEMO_DATABASE} schema as json"
        ));
    }
    let engine = state.engine();
    let database = engine.database();
    let mut names: Vec<&String> = database.names().collect();
    names.sort();
    let mut tables = Map::new();
    for name in names {
        let Some(table) = database.table(name) else {
            continue;
        };
        let columns: Vec<Json> = table
            .schema()
            .into_iter()
            .map(|(column, kind)| {
                json!({"Name": column, "Type": dotnet_type(kind), "CslType": kind.kql_name()})
            })
            .collect();
        tables.insert(
            name.clone(),
            json!({"Name": name, "DefaultColumn": null, "OrderedColumns": columns, "Folder": null, "DocString": null}),
        );
    }
    let schema = json!({"Databases": {DEMO_DATABASE: {
        "Name": DEMO_DATABASE, "Tables": tables, "ExternalTables": {}, "MaterializedViews": {},
        "Functions": {}, "DatabaseAccessMode": "ReadOnly",
    }}});
    Ok(json!({"Tables": [{
        "TableName": "Table_0",
        "Columns": [{"ColumnName": "DatabaseSchema", "DataType": "String", "ColumnType": "string"}],
        "Rows": [[schema.to_string()]],
    }]})
    .to_string())
}

#[cfg(test)]
mod tests {
    use super::is_show_schema;

    #[test]
    fn the_command_in_its_usual_spellings() {
        assert!(is_show_schema(".show database Hunting schema as json"));
        assert!(is_show_schema(".show database ['Hunting'] schema as json"));
        assert!(is_show_schema(".SHOW DATABASE hunting SCHEMA AS JSON"));
        assert!(!is_show_schema(".show database Other schema as json"));
        assert!(!is_show_schema(".drop table X"));
    }
}
