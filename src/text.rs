//! Words for numbers, shared by every layer: "1 row", "2 rows", "1 query", "3 queries".

/// `count(1, "row", "rows")` is "1 row"; any other number takes the plural.
pub fn count(n: impl Into<u128>, one: &str, many: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "1 row", "2 rows".
pub fn rows(n: usize) -> String {
    count(n as u128, "row", "rows")
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::rows(1), "1 row");
        assert_eq!(super::rows(0), "0 rows");
        assert_eq!(super::count(2u32, "query", "queries"), "2 queries");
    }
}
