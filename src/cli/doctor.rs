//! `kqlhunt doctor clipboard`: the chain between kqlhunt and the hunter's clipboard as kqlhunt
//! sees it, the route a copy takes and why, what the hunter may need to set, and a short test
//! text sent that way to paste back.

use std::io::Write;

use super::Exit;
use crate::clipboard::{deliver, Chain, Multiplexer, Route};
use crate::results::display::safe_text;

/// The width of the labels' column.
const LABEL: usize = 18;

pub fn clipboard() -> Exit {
    let chain = Chain::detect();
    let (route, why) = Route::choose(&chain);
    // Values wrap under themselves, at the terminal's width when there is one.
    let width = ratatui::crossterm::terminal::size()
        .map_or(100, |(w, _)| usize::from(w))
        .max(40);
    for (label, value) in report(&chain, &route, &why) {
        let mut lines = wrap(&safe_text(&value), width - LABEL - 1).into_iter();
        println!("{label:<LABEL$} {}", lines.next().unwrap_or_default());
        for more in lines {
            println!("{:LABEL$} {more}", "");
        }
    }
    let text = test_text();
    let delivered = deliver(&text, &chain);
    if let Some(escape) = &delivered.escape {
        // Not stdout: the report may be piped, the request must reach the terminal.
        let sent = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/tty")
            .and_then(|mut tty| tty.write_all(escape.as_bytes()).and_then(|_| tty.flush()));
        if let Err(e) = sent {
            println!(
                "{:<LABEL$} not sent: no terminal to send it to (/dev/tty: {e})",
                "test"
            );
            return Exit::Failed;
        }
    }
    let said = delivered.sentence(&format!("\"{text}\""));
    for (i, line) in wrap(&safe_text(&said), width - LABEL - 1)
        .iter()
        .enumerate()
    {
        println!("{:<LABEL$} {line}", if i == 0 { "test" } else { "" });
    }
    println!(
        "{:<LABEL$} paste now (Ctrl+Shift+V, Cmd+V): \"{text}\" means the route works",
        ""
    );
    Exit::Ok
}

/// Words into lines of at most `width` characters (a longer word gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// The lines of the report, label and value.
pub fn report(chain: &Chain, route: &Route, why: &str) -> Vec<(&'static str, String)> {
    let mut lines = vec![(
        "session",
        match (chain.remote, chain.display) {
            (true, _) => "over SSH: your clipboard is on your own machine".to_owned(),
            (false, true) => "local, with a display".to_owned(),
            (false, false) => "local, no display (DISPLAY and WAYLAND_DISPLAY unset)".to_owned(),
        },
    )];
    lines.push((
        "TERM",
        chain.term.clone().unwrap_or_else(|| "(not set)".into()),
    ));
    match &chain.multiplexer {
        Multiplexer::None => lines.push(("multiplexer", "none".into())),
        Multiplexer::Tmux(Ok(tmux)) => {
            lines.push(("multiplexer", format!("tmux {}", tmux.version)));
            lines.push(("  set-clipboard", tmux.set_clipboard.clone()));
            lines.push((
                "  allow-passthrough",
                if tmux.allow_passthrough { "on" } else { "off" }.into(),
            ));
            let says = if tmux.outer_type.is_empty() {
                String::new()
            } else {
                format!(", says it is {}", tmux.outer_type)
            };
            let takes = match &tmux.outer_features {
                Some(f) if tmux.outer_takes_clipboard() => format!("yes (features: {f})"),
                Some(f) => format!("no (features: {f})"),
                None => "tmux cannot tell before 3.2".into(),
            };
            lines.push((
                "  its terminal",
                format!("{}{says}; takes clipboard writes: {takes}", tmux.outer_term),
            ));
        }
        Multiplexer::Tmux(Err(e)) => {
            lines.push(("multiplexer", format!("tmux ($TMUX), not answering: {e}")))
        }
        Multiplexer::Screen => lines.push(("multiplexer", "GNU screen ($STY)".into())),
        Multiplexer::Zellij => lines.push(("multiplexer", "zellij ($ZELLIJ)".into())),
        Multiplexer::OutOfReach(term) => lines.push((
            "multiplexer",
            format!("TERM={term} names one, but no TMUX, STY or ZELLIJ is set here"),
        )),
    }
    lines.push(("route", route_name(route).into()));
    lines.push(("why", why.to_owned()));
    lines.push(("you may need", advice(chain, route)));
    lines
}

fn route_name(route: &Route) -> &'static str {
    match route {
        Route::System => "this machine's clipboard",
        Route::TmuxBuffer { forwards: true, .. } => {
            "tmux's buffer, sent on to its terminal by tmux (load-buffer -w)"
        }
        Route::TmuxBuffer {
            forwards: false, ..
        } => "tmux's buffer only (load-buffer -w)",
        Route::TmuxBufferAndPassthrough => {
            "tmux's buffer (load-buffer -w), and OSC 52 through tmux's passthrough"
        }
        Route::TmuxTakes => "OSC 52 to tmux, which keeps it and passes it on (set-clipboard on)",
        Route::TmuxPassthrough => "OSC 52 wrapped in tmux's passthrough",
        Route::ScreenPassthrough => "OSC 52 in pieces through screen's passthrough",
        Route::Zellij => "OSC 52 through zellij",
        Route::Terminal { .. } => "OSC 52 to the terminal",
    }
}

const TERMINAL: &str = "your terminal to allow clipboard writes (OSC 52): on by default in kitty, \
    WezTerm, Alacritty, foot and Windows Terminal; iTerm2 needs \"Applications in terminal may \
    access clipboard\", xterm allowWindowOps; GNOME Terminal and macOS Terminal take none";

fn advice(chain: &Chain, route: &Route) -> String {
    match (route, &chain.multiplexer) {
        (Route::System, _) => "nothing".into(),
        (
            Route::TmuxBuffer {
                forwards: false, ..
            }
            | Route::TmuxBufferAndPassthrough,
            Multiplexer::Tmux(Ok(tmux)),
        ) => format!(
            "to tell tmux its terminal takes clipboard writes: set -as terminal-features \
             ',{}:clipboard' in ~/.tmux.conf, then detach and attach again; and {TERMINAL}",
            tmux.outer_term
        ),
        (
            Route::TmuxBuffer {
                outer: Some(outer), ..
            },
            _,
        ) => format!(
            "the {outer} around this tmux to take it: set -g set-clipboard on there; and \
             {TERMINAL}"
        ),
        (Route::TmuxPassthrough, _) => format!(
            "nothing in this tmux (set -g set-clipboard on also keeps copies in its buffer); and \
             {TERMINAL}"
        ),
        (Route::Terminal { .. }, Multiplexer::Tmux(Err(_))) => format!(
            "tmux to answer: try tmux display-message -p '#{{version}}' from this shell; and \
             {TERMINAL}"
        ),
        (Route::Terminal { .. }, Multiplexer::OutOfReach(_)) => format!(
            "if it is tmux on your own machine: set -g set-clipboard on there; and {TERMINAL}"
        ),
        (Route::Zellij, _) => {
            format!("zellij's copy_clipboard option picks system or primary; and {TERMINAL}")
        }
        _ => TERMINAL.to_owned(),
    }
}

/// A text that says what it is and differs from run to run, so an old clipboard is not
/// mistaken for a working route.
fn test_text() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = seconds % 86_400;
    format!(
        "kqlhunt clipboard test {:02}:{:02}:{:02} UTC",
        day / 3600,
        day % 3600 / 60,
        day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clipboard::tmux::TmuxInfo;

    #[test]
    fn long_values_wrap_at_words() {
        assert_eq!(
            wrap("set -g set-clipboard on there", 12),
            ["set -g", "set-clipboard", "on there"]
        );
    }

    #[test]
    fn a_tmux_that_keeps_copies_is_told_what_to_set() {
        let chain = Chain {
            multiplexer: Multiplexer::Tmux(Ok(TmuxInfo {
                version: "3.4".into(),
                set_clipboard: "external".into(),
                allow_passthrough: false,
                outer_term: "foot".into(),
                outer_type: String::new(),
                outer_features: Some("256,title".into()),
            })),
            ..Chain::plain_terminal()
        };
        let (route, why) = Route::choose(&chain);
        let lines = report(&chain, &route, &why);
        let line = |label: &str| {
            lines
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(line("multiplexer"), "tmux 3.4");
        assert_eq!(line("route"), "tmux's buffer only (load-buffer -w)");
        assert!(line("  its terminal").contains("takes clipboard writes: no"));
        assert!(
            line("you may need").contains("set -as terminal-features ',foot:clipboard'"),
            "{}",
            line("you may need")
        );
    }
}
