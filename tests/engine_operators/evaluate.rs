//! `evaluate` plugins: bag_unpack, pivot and narrow, from the documentation's examples.

use super::{expect, fails, rows, run, schema};

const PEOPLE: &str = r#"datatable(d:dynamic)
    [
        dynamic({"Name": "John", "Age":20}),
        dynamic({"Name": "Dave", "Age":40}),
        dynamic({"Name": "Jasmine", "Age":30}),
    ]"#;

#[test]
fn bag_unpack_makes_a_column_of_each_slot_typed_by_its_values() {
    let t = run(&format!("{PEOPLE} | evaluate bag_unpack(d)"));
    assert_eq!(schema(&t), ["Age:long", "Name:string"]);
    assert_eq!(rows(&t), expect(&["20|John", "40|Dave", "30|Jasmine"]));
    let t = run(&format!("{PEOPLE} | evaluate bag_unpack(d, 'Property_')"));
    assert_eq!(schema(&t), ["Property_Age:long", "Property_Name:string"]);
    // A slot missing from a row is empty there.
    let t = run(r#"datatable(d:dynamic)
        [dynamic({"Name": "John", "Age":20}), dynamic({ "Name": "Dave", "Height": 170, "Age":40}), dynamic({"Name": "Jasmine", "Age":30})]
        | evaluate bag_unpack(d)"#);
    assert_eq!(schema(&t), ["Age:long", "Height:long", "Name:string"]);
    assert_eq!(
        rows(&t),
        expect(&["20|null|John", "40|170|Dave", "30|null|Jasmine"])
    );
    // Values of different types make a dynamic column.
    let t = run(
        r#"datatable(d:dynamic)[dynamic({"a": 1}), dynamic({"a": "x"})] | evaluate bag_unpack(d)"#,
    );
    assert_eq!(schema(&t), ["a:dynamic"]);
}

#[test]
fn bag_unpack_counts_its_columns_against_the_budget_before_building_them() {
    let engine = kqlhunt::engine::Engine::new(std::sync::Arc::new(Default::default()));
    let limits = kqlhunt::engine::Limits {
        max_cells: 10,
        ..Default::default()
    };
    let e = engine
        .run(
            r#"datatable(d:dynamic)[dynamic({"a":1,"b":2,"c":3}), dynamic({"d":1,"e":2,"f":3})] | evaluate bag_unpack(d)"#,
            0,
            &limits,
        )
        .unwrap_err();
    assert_eq!(e.kind, kqlhunt::engine::ErrorKind::Limits);
    assert!(e.message.contains("bag_unpack operator"), "{}", e.message);
}

#[test]
fn bag_unpack_resolves_a_clash_with_a_column_only_when_told_how() {
    let clash = r#"datatable(Name:string, d:dynamic)
        ['Old_name', dynamic({"Name": "John", "Age":20}), 'Old_name', dynamic({"Name": "Dave", "Age":40})]"#;
    let e = fails(&format!("{clash} | evaluate bag_unpack(d)"));
    assert!(e.message.contains("'Name'"), "{}", e.message);
    let t = run(&format!(
        "{clash} | evaluate bag_unpack(d, columnsConflict='replace_source')"
    ));
    assert_eq!(rows(&t), expect(&["20|John", "40|Dave"]));
    let t = run(&format!(
        "{clash} | evaluate bag_unpack(d, columnsConflict='keep_source')"
    ));
    assert_eq!(schema(&t), ["Age:long", "Name:string"]);
    assert_eq!(rows(&t), expect(&["20|Old_name", "40|Old_name"]));
}

#[test]
fn bag_unpack_ignores_properties_and_follows_an_output_schema() {
    let t = run(r#"datatable(d:dynamic)
        [dynamic({"Name": "John", "Age":20, "Address": "Address-1" }), dynamic({"Name": "Dave", "Age":40, "Address": "Address-2"})]
        | evaluate bag_unpack(d, ignoredProperties=dynamic(['Address', 'Age']))"#);
    assert_eq!(schema(&t), ["Name:string"]);
    assert_eq!(rows(&t), expect(&["John", "Dave"]));
    let t = run(r#"datatable(d:dynamic, Description: string)
        [dynamic({"Name": "John", "Age":20, "height":180}), "Student", dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher"]
        | evaluate bag_unpack(d) : (*, Name:string, Age:long)"#);
    assert_eq!(
        schema(&t),
        ["Description:string", "Name:string", "Age:long"]
    );
    assert_eq!(rows(&t), expect(&["Student|John|20", "Teacher|Dave|40"]));
}

const STORMS: &str = r#"datatable(State:string, EventType:string, DeathsDirect:long)
    ["ARKANSAS", "Heat", 2, "ARIZONA", "Flash Flood", 4, "ARKANSAS", "Heat", 1, "ARIZONA", "Flash Flood", 2, "ARIZONA", "Lightning", 1]"#;

#[test]
fn pivot_turns_values_into_columns_with_zero_where_nothing_falls() {
    let t = run(&format!(
        "{STORMS} | project State, EventType | evaluate pivot(State)"
    ));
    assert_eq!(
        schema(&t),
        ["EventType:string", "ARKANSAS:long", "ARIZONA:long"]
    );
    assert_eq!(
        rows(&t),
        expect(&["Heat|2|0", "Flash Flood|0|2", "Lightning|0|1"])
    );
    let t = run(&format!(
        "{STORMS} | evaluate pivot(State, sum(DeathsDirect))"
    ));
    assert_eq!(
        rows(&t),
        expect(&["Heat|3|0", "Flash Flood|0|6", "Lightning|0|1"])
    );
    let t = run(&format!(
        "{STORMS} | evaluate pivot(State, sum(DeathsDirect), EventType)"
    ));
    assert_eq!(
        schema(&t),
        ["EventType:string", "ARKANSAS:long", "ARIZONA:long"]
    );
    // Aggregates whose empty cells the documentation does not show are refused by name.
    let e = fails(&format!(
        "{STORMS} | evaluate pivot(State, avg(DeathsDirect))"
    ));
    assert!(e.message.contains("pivot with avg()"), "{}", e.message);
}

#[test]
fn narrow_lists_every_cell_as_row_column_and_text() {
    let t = run("datatable(IsHealthy:bool, Built:datetime, Count:long)[true, datetime(2017-03-14 10:59:18.9263023), 2] | evaluate narrow()");
    assert_eq!(schema(&t), ["Row:long", "Column:string", "Value:string"]);
    assert_eq!(
        rows(&t),
        expect(&[
            "0|IsHealthy|True",
            "0|Built|2017-03-14 10:59:18.9263023",
            "0|Count|2"
        ])
    );
}

#[test]
fn ipv4_lookup_joins_rows_to_the_ranges_holding_their_address() {
    // The documentation's examples of ipv4_lookup.
    let lookup = r#"let IP_Data = datatable(network:string, continent_code:string ,continent_name:string, country_iso_code:string, country_name:string)
        ["111.68.128.0/17","AS","Asia","JP","Japan", "5.8.0.0/19","EU","Europe","RU","Russia",
         "223.255.254.0/24","AS","Asia","SG","Singapore", "46.36.200.51/32","OC","Oceania","CK","Cook Islands",
         "2.20.183.0/24","EU","Europe","GB","United Kingdom"];
        let IPs = datatable(ip:string) ['2.20.183.12', '5.8.1.2', '192.165.12.17'];
        IPs"#;
    let t = run(&format!(
        "{lookup} | evaluate ipv4_lookup(IP_Data, ip, network)"
    ));
    assert_eq!(
        schema(&t),
        [
            "ip:string",
            "network:string",
            "continent_code:string",
            "continent_name:string",
            "country_iso_code:string",
            "country_name:string"
        ]
    );
    assert_eq!(
        rows(&t),
        expect(&[
            "2.20.183.12|2.20.183.0/24|EU|Europe|GB|United Kingdom",
            "5.8.1.2|5.8.0.0/19|EU|Europe|RU|Russia",
        ])
    );
    let t = run(&format!(
        "{lookup} | evaluate ipv4_lookup(IP_Data, ip, network, return_unmatched = true)"
    ));
    assert_eq!(rows(&t).len(), 3);
    assert_eq!(rows(&t)[2], expect(&["192.165.12.17|||||"])[0]);
}

#[test]
fn other_plugins_are_refused_by_name() {
    let e = fails("datatable(a:long)[1] | evaluate autocluster()");
    assert!(
        e.message
            .contains("'evaluate autocluster' plugin is not supported"),
        "{}",
        e.message
    );
}
