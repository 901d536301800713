//! The bridge between the HTTP body, which arrives chunk by chunk on the async side, and the
//! frame reader, which reads bytes on a blocking thread. A bounded channel between them keeps
//! at most a few chunks in flight: a slow reader slows the download instead of buffering it.

use std::io::Read;

use bytes::Bytes;
use tokio::sync::mpsc;

/// Chunks waiting for the reader, at most.
pub const CHUNKS_IN_FLIGHT: usize = 8;

/// What the download side hands over: a chunk, or why the transfer broke.
pub type Chunk = Result<Bytes, String>;

pub fn channel() -> (mpsc::Sender<Chunk>, ChunkReader) {
    let (tx, rx) = mpsc::channel(CHUNKS_IN_FLIGHT);
    (
        tx,
        ChunkReader {
            rx,
            current: Bytes::new(),
        },
    )
}

/// A blocking [`Read`] over the chunks. The sender dropping is the end of the body.
pub struct ChunkReader {
    rx: mpsc::Receiver<Chunk>,
    current: Bytes,
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(chunk)) => self.current = chunk,
                Some(Err(reason)) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        reason,
                    ))
                }
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        let _ = self.current.split_to(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_read_in_order_then_the_end_or_the_break() {
        let (tx, mut reader) = channel();
        tx.try_send(Ok(Bytes::from_static(b"[1,"))).unwrap();
        tx.try_send(Ok(Bytes::from_static(b"2]"))).unwrap();
        drop(tx);
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(text, "[1,2]");
        let (tx, mut reader) = channel();
        tx.try_send(Err("connection reset".into())).unwrap();
        let err = reader.read(&mut [0; 4]).unwrap_err();
        assert!(err.to_string().contains("connection reset"));
    }
}
