//! Asking the tmux kqlhunt runs in how it handles the clipboard, and handing it a copy.
//!
//! Facts this rests on (tmux 3.3a, checked by tests/clipboard_tmux.rs): with the defaults
//! (`set-clipboard external`, `allow-passthrough off`) tmux drops an OSC 52 written by a program
//! and drops a passthrough-wrapped one too; `load-buffer -w -` (3.2 and later) stores the text in
//! tmux's buffer and sends it on to tmux's own terminal as OSC 52, whatever `set-clipboard` says,
//! when tmux believes that terminal takes clipboard writes (its `clipboard` feature).

use std::time::Duration;

use super::bounded::{run, RunError};

/// How long tmux gets to answer a question or take a copy.
pub const ANSWER_LIMIT: Duration = Duration::from_millis(1500);

/// What tmux says about itself and the terminal its client runs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TmuxInfo {
    /// As tmux prints it, e.g. `3.3a`, `next-3.6`, `openbsd-7.5`.
    pub version: String,
    pub set_clipboard: String,
    pub allow_passthrough: bool,
    /// tmux's own terminal: its TERM (`client_termname`) and what it says it is
    /// (`client_termtype`, 3.3 and later), e.g. `xterm-256color`, `tmux 3.3a`.
    pub outer_term: String,
    pub outer_type: String,
    /// The features tmux found in its terminal (3.2 and later), e.g. `256,clipboard,title`.
    pub outer_features: Option<String>,
}

impl TmuxInfo {
    /// (major, minor) when the version says; `None` for builds that name no number
    /// (`master`, OpenBSD's own), which are recent.
    pub fn number(&self) -> Option<(u32, u32)> {
        let digits = self.version.rsplit('-').next().unwrap_or(&self.version);
        let mut parts = digits.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor: String = parts
            .next()
            .unwrap_or("0")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        Some((major, minor.parse().unwrap_or(0)))
    }

    /// `load-buffer -w` exists (tmux 3.2 and later).
    pub fn loads_to_terminal(&self) -> bool {
        self.number().is_none_or(|v| v >= (3, 2))
    }

    /// tmux before 3.3 passed every passthrough on; since, only with `allow-passthrough`.
    pub fn passes_through(&self) -> bool {
        self.allow_passthrough || self.number().is_some_and(|v| v < (3, 3))
    }

    /// tmux believes its terminal takes clipboard writes, or cannot say (before 3.2). Since 3.2
    /// no features at all means no client is attached: there is no terminal to send to.
    pub fn outer_takes_clipboard(&self) -> bool {
        match &self.outer_features {
            Some(f) => f.split(',').any(|f| f.trim() == "clipboard"),
            None => !self.loads_to_terminal(),
        }
    }

    /// tmux's own terminal is another multiplexer (tmux inside tmux, or inside screen).
    pub fn outer_multiplexer(&self) -> Option<&'static str> {
        let kind = format!("{} {}", self.outer_type, self.outer_term).to_ascii_lowercase();
        if kind.contains("tmux") {
            Some("tmux")
        } else if kind.contains("screen") {
            Some("screen")
        } else {
            None
        }
    }
}

const FORMAT: &str = "#{version}\t#{set-clipboard}\t#{allow-passthrough}\t#{client_termname}\t#{client_termtype}\t#{client_termfeatures}";

/// Asks the tmux server behind `$TMUX` (for the pane in `$TMUX_PANE`, whose options apply).
pub fn ask(pane: Option<&str>) -> Result<TmuxInfo, RunError> {
    let mut args = vec!["display-message", "-p"];
    if let Some(pane) = pane {
        args.extend(["-t", pane]);
    }
    args.push(FORMAT);
    let answer = run("tmux", &args, None, ANSWER_LIMIT)?;
    let mut info = parse(&answer);
    if info.version.is_empty() {
        // Before `#{version}` existed: the client's own version is the best there is.
        let said = run("tmux", &["-V"], None, ANSWER_LIMIT)?;
        info.version = said.trim().trim_start_matches("tmux ").to_owned();
    }
    Ok(info)
}

fn parse(answer: &str) -> TmuxInfo {
    let line = answer.lines().next().unwrap_or("");
    let mut fields = line.split('\t').map(|f| f.trim().to_owned());
    let mut next = || fields.next().unwrap_or_default();
    let version = next();
    let set_clipboard = next();
    let allow_passthrough = matches!(next().as_str(), "1" | "on" | "all");
    let outer_term = next();
    let outer_type = next();
    let features = next();
    TmuxInfo {
        version,
        set_clipboard,
        allow_passthrough,
        outer_term,
        outer_type,
        outer_features: (!features.is_empty()).then_some(features),
    }
}

/// Stores `text` in tmux's buffer and has tmux send it to its terminal (`load-buffer -w -`).
pub fn load_buffer(text: &str) -> Result<(), RunError> {
    run(
        "tmux",
        &["load-buffer", "-w", "-"],
        Some(text.as_bytes()),
        ANSWER_LIMIT,
    )
    .map(|_| ())
}

#[cfg(test)]
pub(crate) fn info(version: &str, set_clipboard: &str, passthrough: bool) -> TmuxInfo {
    TmuxInfo {
        version: version.into(),
        set_clipboard: set_clipboard.into(),
        allow_passthrough: passthrough,
        outer_term: "xterm-256color".into(),
        outer_type: String::new(),
        outer_features: Some("256,bpaste,clipboard,title".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_of_a_default_tmux_inside_another() {
        let info =
            parse("3.3a\texternal\t0\ttmux-256color\ttmux 3.3a\t256,bpaste,clipboard,title\n");
        assert_eq!(info.number(), Some((3, 3)));
        assert_eq!(info.set_clipboard, "external");
        assert!(!info.allow_passthrough && !info.passes_through());
        assert!(info.loads_to_terminal() && info.outer_takes_clipboard());
        assert_eq!(info.outer_multiplexer(), Some("tmux"));
    }

    #[test]
    fn versions_as_tmux_builds_print_them() {
        let number = |v: &str| info(v, "external", false).number();
        assert_eq!(number("3.1c"), Some((3, 1)));
        assert_eq!(number("next-3.6"), Some((3, 6)));
        assert_eq!(number("2.9"), Some((2, 9)));
        assert_eq!(number("master"), None);
        assert_eq!(number("openbsd-7.5"), Some((7, 5)));
        assert!(!info("3.1c", "on", false).loads_to_terminal());
        assert!(info("master", "on", false).loads_to_terminal());
        assert!(
            info("3.1c", "external", false).passes_through(),
            "before 3.3 passthrough needs no option"
        );
    }

    #[test]
    fn a_terminal_without_the_clipboard_feature_is_noticed() {
        let mut plain = info("3.3a", "external", false);
        plain.outer_features = Some("256,title".into());
        assert!(!plain.outer_takes_clipboard());
        assert_eq!(plain.outer_multiplexer(), None);
        let detached = parse("3.4\ton\ton\t\t\t\n");
        assert_eq!(detached.outer_features, None);
        assert!(!detached.outer_takes_clipboard(), "no client, no terminal");
        let old = info("3.1c", "on", false);
        assert!(
            TmuxInfo {
                outer_features: None,
                ..old
            }
            .outer_takes_clipboard(),
            "before 3.2 tmux cannot say"
        );
        assert!(parse("3.4\ton\ton\t\t\t\n").allow_passthrough);
    }
}
