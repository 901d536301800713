//! The OSC 52 escape (`ESC ] 52 ; c ; <base64> BEL`) that asks a terminal to set its clipboard,
//! and the wrappings that carry it through a multiplexer to the terminal outside.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

/// The plain request. Base64 carries every byte of the payload inertly.
pub fn osc52(payload: &[u8]) -> String {
    format!("\x1b]52;c;{}\x07", B64.encode(payload))
}

/// tmux's passthrough: a DCS `tmux;` with every ESC inside doubled. tmux 3.3 and later pass it
/// on only with `allow-passthrough on`; older ones always do.
pub fn through_tmux(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

/// GNU screen hands the inside of a DCS to the terminal, but keeps only so many bytes of one
/// (256 before 4.2, 512 in 4.2.0, 768 since 4.2.1): the request is cut into pieces that fit
/// the smallest, each in a DCS of its own, which the terminal sees joined again.
pub fn through_screen(sequence: &str) -> String {
    const PIECE: usize = 256 - 4;
    sequence
        .as_bytes()
        .chunks(PIECE)
        .map(|piece| format!("\x1bP{}\x1b\\", String::from_utf8_lossy(piece)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_bytes_plain_and_wrapped() {
        assert_eq!(osc52(b"hello"), "\x1b]52;c;aGVsbG8=\x07");
        assert_eq!(
            through_tmux(&osc52(b"hello")),
            "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
        );
        assert_eq!(
            through_screen(&osc52(b"hello")),
            "\x1bP\x1b]52;c;aGVsbG8=\x07\x1b\\"
        );
    }

    #[test]
    fn screen_gets_pieces_it_keeps_whole_that_join_back_into_the_request() {
        let request = osc52(&[b'x'; 1000]);
        let wrapped = through_screen(&request);
        let pieces: Vec<&str> = wrapped.split("\x1b\\").filter(|p| !p.is_empty()).collect();
        assert_eq!(pieces.len(), request.len().div_ceil(252));
        assert!(
            pieces.iter().all(|p| p.len() + 2 <= 256),
            "every DCS fits the oldest screen's 256 bytes"
        );
        let joined: String = pieces
            .iter()
            .map(|p| p.strip_prefix("\x1bP").unwrap())
            .collect();
        assert_eq!(joined, request);
    }

    #[test]
    fn control_characters_in_the_payload_cannot_escape_it() {
        let sequence = osc52(b"\x1b]0;evil\x07\n");
        assert_eq!(
            sequence.matches('\x1b').count(),
            1,
            "base64 carries every byte inertly"
        );
    }
}
