//! Where the service says the mistake in a query is. Each backend reads it once from its own
//! answer (Defender's `[line 2, column 9]`, Log Analytics' `line`/`pos`, ADX's `@line`/`@pos`)
//! and the error carries it typed to the editor's error mark.

/// A place in the query that ran: `line` counts from 0 (the query's first line), `column`
/// from 1, as the services and the editor's cursor line write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryPosition {
    pub line: usize,
    pub column: usize,
}

impl QueryPosition {
    /// From a line and a column both counted from 1, as messages write them.
    pub fn from_one_based(line: usize, column: usize) -> Option<QueryPosition> {
        Some(QueryPosition {
            line: line.checked_sub(1)?,
            column,
        })
    }

    /// `[line 2, column 9]` in a service's message. The service puts the place last, after
    /// anything of the hunter's it quotes, so the last one found is the service's own.
    pub fn in_message(message: &str) -> Option<QueryPosition> {
        let at = message.rfind("[line ")?;
        let rest = &message[at + "[line ".len()..];
        let (line, rest) = rest.split_once(", column ")?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !rest[column.len()..].starts_with(']') {
            return None;
        }
        QueryPosition::from_one_based(line.trim().parse().ok()?, column.parse().ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::QueryPosition;

    #[test]
    fn the_place_is_the_last_one_the_message_names() {
        let message = "Failed to resolve scalar expression named '[line 7, column 1]' [line 2, column 9]. Fix semantic errors in your query.";
        assert_eq!(
            QueryPosition::in_message(message),
            Some(QueryPosition { line: 1, column: 9 })
        );
    }

    #[test]
    fn no_place_or_a_broken_one_is_none() {
        for message in [
            "Syntax error",
            "[line 0, column 3]",
            "[line 2, column ]",
            "[line x, column 3]",
            "[line 2, column 3",
            "[line 99999999999999999999999, column 3]",
        ] {
            assert_eq!(QueryPosition::in_message(message), None, "{message}");
        }
    }
}
