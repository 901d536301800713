//! An HTTP body fed chunk by chunk from a channel, so an answer goes on the wire as it is
//! written instead of after.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use tokio::sync::mpsc;

pub struct ChannelBody {
    pub rx: mpsc::Receiver<Bytes>,
}

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Bytes>, std::io::Error>>> {
        match self.rx.poll_recv(context) {
            Poll::Ready(Some(chunk)) => Poll::Ready(Some(Ok(hyper::body::Frame::data(chunk)))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Collects written text and hands it to the channel in chunks of about `CHUNK` bytes.
pub struct ChunkWriter {
    tx: mpsc::Sender<Bytes>,
    buffer: String,
    /// False once the client went away: the rest of the answer is not written.
    pub open: bool,
}

/// Bytes per chunk sent: large enough to be cheap, small enough that the first rows leave early.
const CHUNK: usize = 32 << 10;

impl ChunkWriter {
    pub fn new(tx: mpsc::Sender<Bytes>) -> ChunkWriter {
        ChunkWriter {
            tx,
            buffer: String::with_capacity(CHUNK * 2),
            open: true,
        }
    }

    pub fn text(&mut self) -> &mut String {
        &mut self.buffer
    }

    /// Sends what was written once it is a chunk's worth; blocks while the client is behind.
    pub fn flush_if_full(&mut self) {
        if self.buffer.len() >= CHUNK {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if self.buffer.is_empty() || !self.open {
            self.buffer.clear();
            return;
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buffer).into_bytes());
        self.buffer.reserve(CHUNK * 2);
        self.open = self.tx.blocking_send(chunk).is_ok();
    }
}
