//! Which fetched results a query reads: `_result`, `_tab("name")` or `_tab(2)`, `_run(42)`.
//! Read from the tokens, so a name in a comment or a string is no source.

use crate::engine::fetched::{fetched_table, RUN, TAB, THIS_RESULT};
use crate::kql::{lex, string_value, TokenKind};

/// One fetched result a query reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// This tab's result.
    ThisResult,
    /// Another tab, by the name it shows or its number (1 is the first tab).
    Tab(TabRef),
    /// A run kept in the history.
    Run(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TabRef {
    Name(String),
    Number(usize),
}

impl Source {
    /// The name the engine's database holds it under (see `engine::fetched`).
    pub fn table_name(&self) -> String {
        match self {
            Source::ThisResult => THIS_RESULT.to_owned(),
            Source::Tab(TabRef::Name(name)) => fetched_table(TAB, &format!("{name:?}")),
            Source::Tab(TabRef::Number(n)) => fetched_table(TAB, &n.to_string()),
            Source::Run(id) => fetched_table(RUN, &id.to_string()),
        }
    }

    /// How the hunter wrote it, for messages and the history.
    pub fn written(&self) -> String {
        match self {
            Source::ThisResult => THIS_RESULT.to_owned(),
            Source::Tab(TabRef::Name(name)) => format!("{TAB}(\"{name}\")"),
            Source::Tab(TabRef::Number(n)) => format!("{TAB}({n})"),
            Source::Run(id) => format!("{RUN}({id})"),
        }
    }
}

/// A `_tab` or `_run` the query writes in a way that names nothing.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{written} names no fetched result: write _tab(\"name\") or _tab(2) for a tab, _run(42) for a run in the history")]
pub struct BadSource {
    pub written: String,
}

/// The fetched results `query` reads, each once, in the order it names them. Empty when it
/// reads none: the query is for the service.
pub fn sources(query: &str) -> Result<Vec<Source>, BadSource> {
    let tokens: Vec<_> = lex(query)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .collect();
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Ident {
            continue;
        }
        let word = token.text(query);
        // `x._result` is a member, not a source.
        if i > 0 && tokens[i - 1].text(query) == "." {
            continue;
        }
        let source = match word {
            THIS_RESULT => Source::ThisResult,
            TAB | RUN => {
                let texts: Vec<_> = tokens[i + 1..]
                    .iter()
                    .take(3)
                    .map(|t| (t.kind, t.text(query)))
                    .collect();
                let bad = || BadSource {
                    written: texts.iter().fold(word.to_owned(), |w, (_, t)| w + t),
                };
                let (kind, arg) = match texts.as_slice() {
                    [(_, "("), (kind, arg), (_, ")")] => (*kind, *arg),
                    _ => return Err(bad()),
                };
                match (word, kind) {
                    (TAB, TokenKind::String) => Source::Tab(TabRef::Name(string_value(arg))),
                    (TAB, TokenKind::Number) => {
                        Source::Tab(TabRef::Number(arg.parse().map_err(|_| bad())?))
                    }
                    (RUN, TokenKind::Number) => Source::Run(arg.parse().map_err(|_| bad())?),
                    _ => return Err(bad()),
                }
            }
            _ => continue,
        };
        if !found.contains(&source) {
            found.push(source);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_source_once_and_ignores_comments_and_strings() {
        let query = "// _run(1)\n_result | join (_tab(\"hosts\")) on DeviceName | union _run(42), _tab(2), _result | where x == \"_result\"";
        assert_eq!(
            sources(query).unwrap(),
            [
                Source::ThisResult,
                Source::Tab(TabRef::Name("hosts".into())),
                Source::Run(42),
                Source::Tab(TabRef::Number(2)),
            ]
        );
        assert_eq!(sources("DeviceEvents | take 1").unwrap(), []);
    }

    #[test]
    fn a_source_that_names_nothing_is_refused_with_the_way_to_write_it() {
        let e = sources("_run(\"latest\") | take 1").unwrap_err();
        assert_eq!(e.written, "_run(\"latest\")");
        assert!(e.to_string().contains("_run(42)"), "{e}");
        assert!(sources("_tab | take 1").is_err());
    }
}
