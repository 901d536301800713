//! The OSC 52 escape: `ESC ] 52 ; c ; <base64> BEL`, wrapped for terminal multiplexers.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    /// tmux: the plain request (tmux takes it into its buffer and on to the outer terminal
    /// when `set-clipboard` is on), then the same in a DCS `tmux;` passthrough with every ESC
    /// doubled (for `allow-passthrough` setups).
    Tmux,
    /// GNU screen passes DCS sequences through, but only short ones: the request is cut into
    /// pieces of at most 768 bytes, each in its own DCS.
    Screen,
}

pub fn osc52(payload: &[u8], multiplexer: Multiplexer) -> String {
    let sequence = format!("\x1b]52;c;{}\x07", B64.encode(payload));
    match multiplexer {
        Multiplexer::None => sequence,
        Multiplexer::Tmux => format!(
            "{sequence}\x1bPtmux;{}\x1b\\",
            sequence.replace('\x1b', "\x1b\x1b")
        ),
        Multiplexer::Screen => {
            let bytes = sequence.as_bytes();
            bytes
                .chunks(768)
                .map(|chunk| format!("\x1bP{}\x1b\\", String::from_utf8_lossy(chunk)))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_bytes_plain_and_wrapped() {
        assert_eq!(osc52(b"hello", Multiplexer::None), "\x1b]52;c;aGVsbG8=\x07");
        assert_eq!(
            osc52(b"hello", Multiplexer::Tmux),
            "\x1b]52;c;aGVsbG8=\x07\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
        );
        assert_eq!(
            osc52(b"hello", Multiplexer::Screen),
            "\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\"
        );
        let long = osc52(&[b'x'; 1000], Multiplexer::Screen);
        assert_eq!(
            long.matches("\x1bP").count(),
            2,
            "cut into pieces screen accepts"
        );
    }

    #[test]
    fn control_characters_in_the_payload_cannot_escape_it() {
        let sequence = osc52(b"\x1b]0;evil\x07\n", Multiplexer::None);
        assert_eq!(
            sequence.matches('\x1b').count(),
            1,
            "base64 carries every byte inertly"
        );
    }
}
