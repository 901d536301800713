//! Carrying a copy along its route, and saying truthfully where it went. Runs off the UI loop:
//! tmux and the system clipboard are asked here, each bounded in time.

use super::chain::{Chain, Multiplexer};
use super::osc52::{osc52, through_screen, through_tmux};
use super::route::Route;
use super::tmux;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivered {
    /// The route the copy took in the end.
    pub route: Route,
    /// The escape to write to the terminal after the next whole frame, when the route has one.
    pub escape: Option<String>,
    /// What failed on the way and made the copy take another route.
    pub detour: Option<String>,
}

/// Sends `text` the way the chain allows.
pub fn deliver(text: &str, chain: &Chain) -> Delivered {
    deliver_with(text, chain, system_clipboard)
}

/// [`deliver`], with the system clipboard given (tests give one that refuses).
fn deliver_with(
    text: &str,
    chain: &Chain,
    system: impl FnOnce(&str) -> Result<(), String>,
) -> Delivered {
    let (route, _) = Route::choose(chain);
    let mut detour = None;
    let route = match route {
        Route::System => match system(text) {
            Ok(()) => route,
            Err(why) => {
                detour = Some(format!("this machine's clipboard refused it ({why})"));
                let terminal = Chain {
                    display: false,
                    ..chain.clone()
                };
                Route::choose(&terminal).0
            }
        },
        _ => route,
    };
    let route = match (route, &chain.multiplexer) {
        (
            route @ (Route::TmuxBuffer { .. } | Route::TmuxBufferAndPassthrough),
            Multiplexer::Tmux(Ok(info)),
        ) => match tmux::load_buffer(text) {
            Ok(()) => route,
            Err(why) => {
                detour = Some(format!("tmux load-buffer failed ({why})"));
                if info.allow_passthrough {
                    Route::TmuxPassthrough
                } else if info.set_clipboard == "on" {
                    Route::TmuxTakes
                } else {
                    Route::Terminal {
                        limitation: Some(format!(
                            "tmux drops it with set-clipboard {}",
                            info.set_clipboard
                        )),
                    }
                }
            }
        },
        (route, _) => route,
    };
    let plain = osc52(text.as_bytes());
    let escape = match &route {
        Route::System | Route::TmuxBuffer { .. } => None,
        Route::TmuxPassthrough | Route::TmuxBufferAndPassthrough => Some(through_tmux(&plain)),
        Route::ScreenPassthrough => Some(through_screen(&plain)),
        // tmux did not say how it is set: both forms, so whichever it allows gets through.
        Route::Terminal { .. } if matches!(chain.multiplexer, Multiplexer::Tmux(Err(_))) => {
            Some(format!("{}{}", plain, through_tmux(&plain)))
        }
        Route::TmuxTakes | Route::Zellij | Route::Terminal { .. } => Some(plain),
    };
    Delivered {
        route,
        escape,
        detour,
    }
}

fn system_clipboard(text: &str) -> Result<(), String> {
    arboard::Clipboard::new()
        .and_then(|mut c| c.set_text(text.to_owned()))
        .map_err(|e| e.to_string())
}

impl Delivered {
    /// The status line: `what` is e.g. "1 row as TSV, 14 B".
    pub fn sentence(&self, what: &str) -> String {
        const MAYBE_BLOCKED: &str =
            "if it did not arrive, your terminal may block clipboard writes";
        let said = match &self.route {
            Route::System => format!("copied {what} to this machine's clipboard"),
            Route::TmuxBuffer {
                forwards: true,
                outer: None,
            } => format!("copied {what} to tmux's buffer and sent to your terminal"),
            Route::TmuxBuffer {
                forwards: true,
                outer: Some(outer),
            } => format!(
                "copied {what} to tmux's buffer and sent to the {outer} around it, which keeps \
                 it only with set-clipboard on"
            ),
            Route::TmuxBuffer {
                forwards: false, ..
            } => format!(
                "copied {what} to tmux's buffer only: tmux does not send it to your terminal \
                 (kqlhunt doctor clipboard says why)"
            ),
            Route::TmuxBufferAndPassthrough => format!(
                "copied {what} to tmux's buffer and sent to your terminal through tmux's \
                 passthrough: {MAYBE_BLOCKED}"
            ),
            Route::TmuxTakes => format!(
                "sent {what} to tmux (set-clipboard on), which keeps it and sends it to your \
                 terminal"
            ),
            Route::TmuxPassthrough => {
                format!("sent {what} through tmux to your terminal (OSC 52): {MAYBE_BLOCKED}")
            }
            Route::ScreenPassthrough => {
                format!("sent {what} through screen to your terminal (OSC 52): {MAYBE_BLOCKED}")
            }
            Route::Zellij => {
                format!("sent {what} through zellij to your terminal (OSC 52): {MAYBE_BLOCKED}")
            }
            Route::Terminal { limitation: None } => {
                format!("sent {what} to your terminal through OSC 52: {MAYBE_BLOCKED}")
            }
            Route::Terminal {
                limitation: Some(limitation),
            } => format!("sent {what} through OSC 52; {limitation}"),
        };
        match &self.detour {
            Some(detour) => format!("{said}; {detour}"),
            None => said,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clipboard::tmux::info;

    fn through(multiplexer: Multiplexer) -> Delivered {
        deliver(
            "hello",
            &Chain {
                multiplexer,
                ..Chain::plain_terminal()
            },
        )
    }

    #[test]
    fn each_terminal_route_writes_its_own_escape() {
        assert_eq!(
            through(Multiplexer::None).escape.as_deref(),
            Some("\x1b]52;c;aGVsbG8=\x07")
        );
        assert_eq!(
            through(Multiplexer::Tmux(Ok(info("3.1c", "external", false))))
                .escape
                .as_deref(),
            Some("\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\")
        );
        assert_eq!(
            through(Multiplexer::Screen).escape.as_deref(),
            Some("\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\")
        );
        let unknown = through(Multiplexer::Tmux(Err("no server running".into())));
        assert_eq!(
            unknown.escape.as_deref(),
            Some("\x1b]52;c;aGVsbG8=\x07\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\")
        );
        assert!(unknown
            .sentence("1 row as TSV, 6 B")
            .contains("through OSC 52; tmux did not answer (no server running)"));
    }

    #[test]
    fn the_system_clipboard_locally_and_the_terminal_when_it_refuses() {
        let local = Chain {
            remote: false,
            display: true,
            ..Chain::plain_terminal()
        };
        let mut given = None;
        let kept = deliver_with("hello", &local, |t| {
            given = Some(t.to_owned());
            Ok(())
        });
        assert_eq!(given.as_deref(), Some("hello"));
        assert_eq!(kept.escape, None, "nothing for the terminal");
        assert_eq!(kept.sentence("x"), "copied x to this machine's clipboard");
        let refused = deliver_with("hello", &local, |_| Err("no X server".into()));
        assert_eq!(refused.escape.as_deref(), Some("\x1b]52;c;aGVsbG8=\x07"));
        assert!(
            refused
                .sentence("x")
                .ends_with("; this machine's clipboard refused it (no X server)"),
            "{}",
            refused.sentence("x")
        );
    }

    #[test]
    fn the_sentence_names_the_route_and_claims_no_more() {
        let plain = through(Multiplexer::None).sentence("1 row as TSV, 6 B");
        assert_eq!(
            plain,
            "sent 1 row as TSV, 6 B to your terminal through OSC 52: if it did not arrive, \
             your terminal may block clipboard writes"
        );
        let kept = Delivered {
            route: Route::TmuxBuffer {
                forwards: false,
                outer: None,
            },
            escape: None,
            detour: None,
        };
        assert!(kept
            .sentence("x")
            .starts_with("copied x to tmux's buffer only"));
    }
}
