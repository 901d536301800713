//! The chain between kqlhunt and the hunter's clipboard, as seen from here: over SSH or local,
//! the multiplexer kqlhunt runs in (asked, for tmux), and the terminal's name.

use super::tmux::{self, TmuxInfo};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    /// `$TMUX` is set: what tmux answered, or why it did not.
    Tmux(Result<TmuxInfo, String>),
    /// `$STY` is set.
    Screen,
    /// `$ZELLIJ` is set.
    Zellij,
    /// TERM names a multiplexer that none of the above reaches: one on the hunter's side of
    /// SSH, or one whose variables were lost on the way (su, sudo).
    OutOfReach(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// `SSH_CONNECTION` or `SSH_TTY` is set.
    pub remote: bool,
    /// `DISPLAY` or `WAYLAND_DISPLAY` is set.
    pub display: bool,
    pub term: Option<String>,
    pub multiplexer: Multiplexer,
}

impl Chain {
    /// Looks around: reads the environment and asks tmux (bounded in time) when in tmux.
    pub fn detect() -> Chain {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Chain::from_parts(&env, |pane| tmux::ask(pane).map_err(|e| e.to_string()))
    }

    pub fn from_parts(
        env: &dyn Fn(&str) -> Option<String>,
        ask_tmux: impl FnOnce(Option<&str>) -> Result<TmuxInfo, String>,
    ) -> Chain {
        let term = env("TERM");
        // tmux started inside screen (or the other way round) inherits the outer's variables;
        // the innermost one is the one whose TERM this is.
        let term_says = |prefixes: &[&str]| {
            term.as_deref()
                .is_some_and(|t| prefixes.iter().any(|p| t.starts_with(p)))
        };
        let tmux = env("TMUX").is_some();
        let screen = env("STY").is_some();
        let multiplexer = if tmux && (!screen || term_says(&["tmux"])) {
            Multiplexer::Tmux(ask_tmux(env("TMUX_PANE").as_deref()))
        } else if screen {
            Multiplexer::Screen
        } else if env("ZELLIJ").is_some() {
            Multiplexer::Zellij
        } else if term_says(&["screen", "tmux"]) {
            Multiplexer::OutOfReach(term.clone().unwrap_or_default())
        } else {
            Multiplexer::None
        };
        Chain {
            remote: env("SSH_CONNECTION").is_some() || env("SSH_TTY").is_some(),
            display: env("DISPLAY").is_some() || env("WAYLAND_DISPLAY").is_some(),
            term,
            multiplexer,
        }
    }

    /// A terminal with nothing in between, on another machine: OSC 52 alone.
    pub fn plain_terminal() -> Chain {
        Chain {
            remote: true,
            display: false,
            term: Some("xterm-256color".into()),
            multiplexer: Multiplexer::None,
        }
    }

    /// This machine's own clipboard is the hunter's: a local session with a display.
    pub fn local_clipboard(&self) -> bool {
        self.display && !self.remote
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(vars: &[(&str, &str)]) -> Chain {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let env = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        Chain::from_parts(&env, |pane| {
            assert_eq!(pane, Some("%3"), "the pane's own options are asked for");
            Ok(tmux::info("3.3a", "external", false))
        })
    }

    #[test]
    fn tmux_over_ssh_is_asked() {
        let found = chain(&[
            ("TMUX", "/tmp/tmux-1000/default,42,0"),
            ("TMUX_PANE", "%3"),
            ("TERM", "tmux-256color"),
            ("SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22"),
            ("DISPLAY", ":0"),
        ]);
        assert!(matches!(found.multiplexer, Multiplexer::Tmux(Ok(_))));
        assert!(found.remote && !found.local_clipboard());
    }

    #[test]
    fn screen_zellij_and_a_multiplexer_out_of_reach() {
        let screen = chain(&[("STY", "123.pts-0.host"), ("TERM", "screen.xterm-256color")]);
        assert_eq!(screen.multiplexer, Multiplexer::Screen);
        let zellij = chain(&[("ZELLIJ", "0"), ("TERM", "xterm-256color")]);
        assert_eq!(zellij.multiplexer, Multiplexer::Zellij);
        let far = chain(&[("TERM", "tmux-256color"), ("SSH_TTY", "/dev/pts/1")]);
        assert_eq!(
            far.multiplexer,
            Multiplexer::OutOfReach("tmux-256color".into())
        );
        let local = chain(&[("TERM", "xterm-256color"), ("WAYLAND_DISPLAY", "wayland-0")]);
        assert_eq!(local.multiplexer, Multiplexer::None);
        assert!(local.local_clipboard());
    }

    #[test]
    fn screen_started_inside_tmux_is_the_inner_one() {
        let found = chain(&[
            ("TMUX", "/tmp/tmux-1000/default,42,0"),
            ("STY", "123.pts-0.host"),
            ("TERM", "screen"),
        ]);
        assert_eq!(found.multiplexer, Multiplexer::Screen);
    }
}
