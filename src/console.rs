//! The one way headless output reaches stdout and stderr. Text from outside (cells, file names,
//! profile names, the service's words) could drive a terminal, so when a stream is a terminal
//! every character passes through the grid's filter ([`push_safe`]); only the line ends and
//! tabs that lay the output out stay. Into a file or a pipe the bytes stay exact, for the
//! machines that read them.

use std::io::{self, IsTerminal, Write};

use crate::results::display::push_safe;

/// A stream that filters when it is a terminal and passes bytes through when it is not.
pub enum Console<W: Write> {
    Exact(W),
    Terminal(Inert<W>),
}

impl<W: Write> Console<W> {
    pub fn new(inner: W, terminal: bool) -> Console<W> {
        if terminal {
            Console::Terminal(Inert::new(inner))
        } else {
            Console::Exact(inner)
        }
    }
}

/// Standard output, filtered when it is a terminal.
pub fn stdout() -> Console<io::StdoutLock<'static>> {
    let out = io::stdout();
    let terminal = out.is_terminal();
    Console::new(out.lock(), terminal)
}

/// Standard error, filtered when it is a terminal.
pub fn stderr() -> Console<io::StderrLock<'static>> {
    let err = io::stderr();
    let terminal = err.is_terminal();
    Console::new(err.lock(), terminal)
}

impl<W: Write> Write for Console<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Console::Exact(w) => w.write(buf),
            Console::Terminal(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Console::Exact(w) => w.flush(),
            Console::Terminal(w) => w.flush(),
        }
    }
}

/// Prints a line on stdout through [`stdout`]. A closed pipe is the reader's choice: ignored.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::console::stdout(), $($arg)*);
    }};
}

/// Prints a line on stderr through [`stderr`].
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::console::stderr(), $($arg)*);
    }};
}

pub(crate) use {errln, outln};

/// A writer that turns every character a terminal would obey into its visible symbol. Bytes
/// may arrive cut anywhere: an unfinished UTF-8 sequence waits for the next write, and a
/// carriage return waits to see whether a line feed follows (CSV's `\r\n` stays a line end; a
/// lone `\r`, which would let a cell overwrite its own line, shows as `␍`).
pub struct Inert<W: Write> {
    inner: W,
    unfinished: Vec<u8>,
    carriage_return: bool,
}

impl<W: Write> Inert<W> {
    pub fn new(inner: W) -> Inert<W> {
        Inert {
            inner,
            unfinished: Vec::new(),
            carriage_return: false,
        }
    }

    fn push_text(&mut self, text: &str, out: &mut String) {
        for c in text.chars() {
            if std::mem::take(&mut self.carriage_return) {
                if c == '\n' {
                    out.push_str("\r\n");
                    continue;
                }
                out.push('␍');
            }
            match c {
                '\r' => self.carriage_return = true,
                '\n' | '\t' => out.push(c),
                c => push_safe(out, c),
            }
        }
    }
}

impl<W: Write> Write for Inert<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.unfinished);
        bytes.extend_from_slice(buf);
        let mut out = String::with_capacity(bytes.len() + 16);
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.push_text(text, &mut out);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // `valid` is UTF-8 by the error's own account.
                    self.push_text(std::str::from_utf8(valid).unwrap_or_default(), &mut out);
                    match e.error_len() {
                        Some(bad) => {
                            out.push('\u{FFFD}');
                            rest = &after[bad..];
                        }
                        None => {
                            self.unfinished = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Inert<W> {
    fn drop(&mut self) {
        // What never finished still shows, inertly.
        let mut tail = String::new();
        if self.carriage_return {
            tail.push('␍');
        }
        if !self.unfinished.is_empty() {
            tail.push('\u{FFFD}');
        }
        if !tail.is_empty() {
            let _ = self.inner.write_all(tail.as_bytes());
        }
        let _ = self.inner.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inert(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Inert::new(&mut out);
            for chunk in chunks {
                w.write_all(chunk).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escape_sequences_reach_a_terminal_as_symbols() {
        assert_eq!(
            inert(&[b"a,\x1b]0;pwned\x07,\x1b]52;c;ZXZpbA==\x07\r\n"]),
            "a,␛]0;pwned␇,␛]52;c;ZXZpbA==␇\r\n"
        );
        assert_eq!(
            inert(&["\u{9b}31m\u{202e}x\u{2028}y\n".as_bytes()]),
            "⟨U+009B⟩31m⟨U+202E⟩x⟨U+2028⟩y\n"
        );
    }

    #[test]
    fn layout_stays_and_a_lone_carriage_return_shows() {
        assert_eq!(inert(&[b"a\tb\r", b"\nc\rd\r"]), "a\tb\r\nc␍d␍");
    }

    #[test]
    fn characters_cut_between_writes_arrive_whole() {
        let bytes = "日本\u{9b}".as_bytes();
        assert_eq!(
            inert(&[&bytes[..2], &bytes[2..5], &bytes[5..]]),
            "日本⟨U+009B⟩"
        );
        assert_eq!(inert(&[b"ok\xff\xe6"]), "ok\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn a_pipe_gets_the_bytes_exactly() {
        let mut out = Vec::new();
        Console::new(&mut out, false)
            .write_all(b"\x1b[31m\r")
            .unwrap();
        assert_eq!(out, b"\x1b[31m\r");
    }
}
