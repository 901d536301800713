//! Which way a copy goes, chosen from the chain, and why: in the words `kqlhunt doctor
//! clipboard` prints and the status line uses.

use super::chain::{Chain, Multiplexer};
use super::tmux::TmuxInfo;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// This machine's clipboard (arboard): a local session with a display.
    System,
    /// `tmux load-buffer -w -`: tmux keeps it and, when `forwards`, sends it to its terminal.
    /// `outer` names a multiplexer around tmux, which must take it in turn.
    TmuxBuffer {
        forwards: bool,
        outer: Option<&'static str>,
    },
    /// tmux keeps it (`load-buffer -w`) but does not think its terminal takes clipboard
    /// writes; `allow-passthrough` is on, so a wrapped OSC 52 goes to the terminal directly.
    TmuxBufferAndPassthrough,
    /// An older tmux with `set-clipboard on` takes a plain OSC 52 and passes it on.
    TmuxTakes,
    /// Wrapped in tmux's passthrough, straight to the terminal outside.
    TmuxPassthrough,
    /// Cut into DCS pieces that GNU screen hands to the terminal.
    ScreenPassthrough,
    /// zellij passes a program's OSC 52 on to the terminal (its `copy_clipboard` option picks
    /// the selection; it has no passthrough of its own).
    Zellij,
    /// OSC 52 written plainly; `limitation` says what may stop it on the way.
    Terminal { limitation: Option<String> },
}

impl Route {
    /// The route for this chain and the reason for it.
    pub fn choose(chain: &Chain) -> (Route, String) {
        if chain.local_clipboard() {
            return (
                Route::System,
                "a local session with a display: this machine's clipboard is yours".into(),
            );
        }
        match &chain.multiplexer {
            Multiplexer::None => (
                Route::Terminal { limitation: None },
                "no multiplexer between kqlhunt and your terminal: OSC 52 goes straight to it"
                    .into(),
            ),
            Multiplexer::Tmux(Ok(tmux)) => in_tmux(tmux),
            Multiplexer::Tmux(Err(why)) => (
                // Both forms: one of them gets through whatever tmux's settings are.
                Route::Terminal {
                    limitation: Some(format!(
                        "tmux did not answer ({why}), and with its defaults it drops OSC 52"
                    )),
                },
                format!("in tmux, but tmux did not answer ({why})"),
            ),
            Multiplexer::Screen => (
                Route::ScreenPassthrough,
                "in GNU screen, which passes a DCS on to your terminal: OSC 52 goes in pieces \
                 of at most 256 bytes"
                    .into(),
            ),
            Multiplexer::Zellij => (
                Route::Zellij,
                "in zellij, which passes a program's OSC 52 on to your terminal".into(),
            ),
            Multiplexer::OutOfReach(term) => (
                Route::Terminal {
                    limitation: Some(format!(
                        "a tmux on your side (TERM={term}) passes it on only with set-clipboard on"
                    )),
                },
                format!(
                    "TERM={term} names a multiplexer, but no TMUX, STY or ZELLIJ is set here: \
                     it is out of reach (on your side of SSH, or lost to su or sudo)"
                ),
            ),
        }
    }
}

fn in_tmux(tmux: &TmuxInfo) -> (Route, String) {
    let version = &tmux.version;
    if tmux.loads_to_terminal() {
        let forwards = tmux.outer_takes_clipboard();
        let why = if forwards {
            format!(
                "tmux {version} stores it with load-buffer -w and sends it to its terminal \
                 itself, whatever set-clipboard and allow-passthrough say"
            )
        } else {
            format!(
                "tmux {version} stores it with load-buffer -w, but does not think its terminal \
                 ({}) takes clipboard writes, so it keeps it",
                tmux.outer_term
            )
        };
        if !forwards && tmux.passes_through() {
            return (
                Route::TmuxBufferAndPassthrough,
                format!("{why}; allow-passthrough is on, so OSC 52 also goes through to it"),
            );
        }
        return (
            Route::TmuxBuffer {
                forwards,
                outer: tmux.outer_multiplexer(),
            },
            why,
        );
    }
    if tmux.set_clipboard == "on" {
        return (
            Route::TmuxTakes,
            format!("tmux {version} has no load-buffer -w; with set-clipboard on it takes OSC 52"),
        );
    }
    // Before 3.2 there was no allow-passthrough either: tmux passed every wrapped request on.
    (
        Route::TmuxPassthrough,
        format!("tmux {version} has no load-buffer -w and passes a wrapped OSC 52 through"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clipboard::tmux::info;

    fn route(multiplexer: Multiplexer) -> Route {
        let chain = Chain {
            multiplexer,
            ..Chain::plain_terminal()
        };
        Route::choose(&chain).0
    }

    #[test]
    fn tmux_routes_follow_its_version_and_options() {
        let tmux = |i: TmuxInfo| route(Multiplexer::Tmux(Ok(i)));
        assert_eq!(
            tmux(info("3.3a", "external", false)),
            Route::TmuxBuffer {
                forwards: true,
                outer: None
            }
        );
        assert_eq!(tmux(info("3.1c", "on", false)), Route::TmuxTakes);
        assert_eq!(
            tmux(info("3.1c", "external", false)),
            Route::TmuxPassthrough
        );
        assert!(matches!(
            tmux(info("2.9", "off", false)),
            Route::TmuxPassthrough
        ));
        let mut nested = info("3.3a", "external", false);
        nested.outer_type = "tmux 3.3a".into();
        assert_eq!(
            tmux(nested),
            Route::TmuxBuffer {
                forwards: true,
                outer: Some("tmux")
            }
        );
        let mut mute = info("3.4", "external", false);
        mute.outer_features = Some("256,title".into());
        assert_eq!(
            tmux(mute.clone()),
            Route::TmuxBuffer {
                forwards: false,
                outer: None
            }
        );
        mute.allow_passthrough = true;
        assert_eq!(tmux(mute), Route::TmuxBufferAndPassthrough);
    }

    #[test]
    fn elsewhere_the_route_names_its_limits() {
        assert_eq!(route(Multiplexer::Screen), Route::ScreenPassthrough);
        assert_eq!(route(Multiplexer::Zellij), Route::Zellij);
        assert_eq!(
            route(Multiplexer::None),
            Route::Terminal { limitation: None }
        );
        let Route::Terminal {
            limitation: Some(limit),
        } = route(Multiplexer::Tmux(Err("no server running".into())))
        else {
            panic!("a tmux that does not answer gets OSC 52 with its limitation named")
        };
        assert!(limit.contains("no server running"), "{limit}");
        let local = Chain {
            remote: false,
            display: true,
            ..Chain::plain_terminal()
        };
        assert_eq!(Route::choose(&local).0, Route::System);
    }
}
