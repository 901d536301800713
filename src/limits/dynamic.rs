//! How deep a dynamic value the engine makes may nest. `pack_array(a)` in a pipe of many
//! `extend`s nests one level per operator, with no bracket in the query to count; every later
//! clone, comparison, write or drop of such a value recurses once per level.

use serde_json::Value as Json;

/// serde_json's own limit for reading a value back: anything deeper could not round-trip.
pub const MAX_DYNAMIC_DEPTH: usize = 128;

/// Whether `json` has arrays or property bags nested more than `limit` deep, found without
/// recursing (the value may be the very thing that is too deep).
pub fn nests_deeper_than(json: &Json, limit: usize) -> bool {
    let mut pending: Vec<(&Json, usize)> = vec![(json, 1)];
    while let Some((value, depth)) = pending.pop() {
        let inside: Vec<&Json> = match value {
            Json::Array(items) => items.iter().collect(),
            Json::Object(map) => map.values().collect(),
            _ => continue,
        };
        if depth > limit {
            return true;
        }
        pending.extend(inside.into_iter().map(|v| (v, depth + 1)));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_count_as_levels_and_values_do_not() {
        let json: Json = serde_json::from_str(r#"[{"a": [1, "x"]}, 2]"#).unwrap();
        assert!(!nests_deeper_than(&json, 3));
        assert!(nests_deeper_than(&json, 2));
        assert!(!nests_deeper_than(&Json::from(1), 0));
    }
}
