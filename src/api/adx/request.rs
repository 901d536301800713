//! What kqlhunt sends to a cluster: the body of `/v2/rest/query` and `/v1/rest/mgmt`, and the
//! client request id that names each call in the cluster's own logs.

use serde_json::json;

/// The application name the cluster records (`x-ms-app`, `request_app_name`).
pub const APP_NAME: &str = "kqlhunt";

/// How long the cluster may run a query; the client waits a little longer than this.
pub const SERVER_TIMEOUT: &str = "4m";

/// A fresh `kqlhunt.Query;<uuid>`, as Kusto's own clients name their calls.
pub fn client_request_id(kind: &str) -> String {
    format!("kqlhunt.{kind};{}", uuid_v4())
}

/// A random (version 4) UUID; the id only has to be unique, so a failing random source falls
/// back to the clock.
fn uuid_v4() -> String {
    use ring::rand::SecureRandom;
    let mut b = [0u8; 16];
    if ring::rand::SystemRandom::new().fill(&mut b).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        b = nanos.to_le_bytes();
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The body of a query call. Progressive answers are asked for: the cluster then sends the
/// rows in fragments as it finds them, which the reader takes in one at a time.
pub fn query_body(database: &str, query: &str, request_id: &str, progressive: bool) -> String {
    json!({
        "db": database,
        "csl": query,
        "properties": {
            "Options": {
                "servertimeout": SERVER_TIMEOUT,
                "request_app_name": APP_NAME,
                "results_progressive_enabled": progressive,
            },
            "Parameters": {},
            "ClientRequestId": request_id,
        }
    })
    .to_string()
}

/// The management command that lists a database's tables and columns.
pub fn show_schema_command(database: &str) -> String {
    // A bracketed, quoted name accepts any database name; quotes inside are doubled.
    format!(
        ".show database ['{}'] schema as json",
        database.replace('\'', "\\'")
    )
}

pub fn mgmt_body(database: &str, command: &str, request_id: &str) -> String {
    json!({
        "db": database,
        "csl": command,
        "properties": {
            "Options": { "request_app_name": APP_NAME },
            "ClientRequestId": request_id,
        }
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_follows_the_documented_request() {
        let sample: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/data/adx/request.json")).unwrap();
        let id = "kqlhunt.Query;4d2f8a61-7c3e-4b9a-9e15-2a6b8c0d1e3f";
        let ours: serde_json::Value = serde_json::from_str(&query_body(
            sample["db"].as_str().unwrap(),
            sample["csl"].as_str().unwrap(),
            id,
            false,
        ))
        .unwrap();
        assert_eq!(ours, sample);
    }

    #[test]
    fn request_ids_are_fresh_uuids() {
        let (a, b) = (client_request_id("Query"), client_request_id("Query"));
        assert_ne!(a, b);
        let uuid = a.strip_prefix("kqlhunt.Query;").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.as_bytes()[14], b'4');
    }

    #[test]
    fn a_database_name_with_a_quote_stays_one_name() {
        assert_eq!(
            show_schema_command("Contoso's"),
            ".show database ['Contoso\\'s'] schema as json"
        );
    }
}
