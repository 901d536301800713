//! The KQL language: lexer, syntax tree and parser. The engine behind the demo tenant runs the
//! tree; the editor's highlighting and completion will read the same tokens and tree.

pub mod ast;
pub mod calls;
pub mod catalogue;
pub mod lexer;
mod parser;
pub mod schema;

pub use lexer::{lex, string_value, timespan_ticks, Token, TokenKind};
pub use parser::{parse, ParseError};

/// A byte range in the query text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// 1-based line and column of the start, as the service reports positions.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = &text[..self.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }
}
