//! One HTTP call to a cluster and its answer: a 200 streamed through the frame reader chunk by
//! chunk, anything else read (up to a bound) and worded.

use std::time::{Duration, SystemTime};

use tokio_util::sync::CancellationToken;

use super::failure::http_failure;
use super::stream;
use crate::api::error::ApiError;
use crate::results::display::safe_text;
use crate::results::frames::{read_frames, FrameDocument, FrameProgress};
use crate::results::LoadError;
use crate::text::first_bytes;

/// The most of a failed answer's body that is read: error envelopes are a few KB.
const MAX_ERROR_BODY: usize = 1 << 20;

/// A 200's frames, and the bytes they took.
pub struct Streamed {
    pub doc: FrameDocument,
    pub bytes: usize,
}

/// Reads a 200 as it streams: chunks go to the frame reader on a blocking thread while the
/// next ones download. `verbose` describes each table's progress on stderr.
pub async fn read_streamed(
    mut response: reqwest::Response,
    timeout: Duration,
    verbose: bool,
    cancel: &CancellationToken,
) -> Result<Streamed, ApiError> {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (tx, reader) = stream::channel();
    let parser = tokio::task::spawn_blocking(move || {
        let mut report = |p: FrameProgress| {
            if verbose {
                match p {
                    FrameProgress::Rows { table, rows } => {
                        eprintln!("kqlhunt: ← table {table}: {rows} rows so far")
                    }
                    FrameProgress::Percent { table, percent } => {
                        eprintln!("kqlhunt: ← table {table}: {percent:.0}% done")
                    }
                }
            }
        };
        read_frames(reader, &mut report)
    });
    let mut head: Vec<u8> = Vec::new();
    let mut bytes = 0usize;
    let mut broke: Option<String> = None;
    let pump = async {
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if head.len() < 480 {
                        head.extend_from_slice(&chunk[..chunk.len().min(480 - head.len())]);
                    }
                    if bytes == 0 && !looks_like_frames(&content_type, &chunk) {
                        return Err(ApiError::NotJson {
                            status,
                            content_type: safe_text(&content_type).into_owned(),
                            first_bytes: first_bytes(&chunk),
                        });
                    }
                    bytes += chunk.len();
                    if tx.send(Ok(chunk)).await.is_err() {
                        // The reader stopped early (a syntax error): its error says why.
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => return Err(ApiError::Timeout(timeout)),
                Err(e) => {
                    let reason = std::error::Error::source(&e)
                        .map_or_else(|| e.to_string(), |s| s.to_string());
                    broke = Some(reason.clone());
                    let _ = tx.send(Err(reason)).await;
                    break;
                }
            }
        }
        drop(tx);
        Ok(())
    };
    tokio::select! {
        _ = cancel.cancelled() => return Err(ApiError::Cancelled),
        pumped = pump => pumped?,
    }
    let parsed = tokio::select! {
        _ = cancel.cancelled() => return Err(ApiError::Cancelled),
        parsed = parser => parsed.map_err(|e| ApiError::InvalidRequest(format!("reading the answer failed: {e}")))?,
    };
    match parsed {
        Ok(doc) => Ok(Streamed { doc, bytes }),
        Err(LoadError::Truncated { len }) => Err(ApiError::BadBody {
            status,
            detail: match broke {
                Some(reason) => format!("the connection broke after {len} bytes: {reason}"),
                None => {
                    format!("the answer ends early, after {len} bytes: it was cut off in transfer")
                }
            },
            first_bytes: first_bytes(&head),
        }),
        Err(e) => Err(ApiError::BadBody {
            status,
            detail: e.to_string(),
            first_bytes: first_bytes(&head),
        }),
    }
}

/// JSON by its content type, or a body that starts as an array does.
fn looks_like_frames(content_type: &str, first: &[u8]) -> bool {
    content_type.to_ascii_lowercase().contains("json")
        || first
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'[')
}

/// A failed status: its body read up to [`MAX_ERROR_BODY`] and worded.
pub async fn read_failure(
    mut response: reqwest::Response,
    request_id: &str,
    cancel: &CancellationToken,
) -> ApiError {
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut body = Vec::new();
    let read = async {
        while let Ok(Some(chunk)) = response.chunk().await {
            body.extend_from_slice(&chunk[..chunk.len().min(MAX_ERROR_BODY - body.len())]);
            if body.len() >= MAX_ERROR_BODY {
                break;
            }
        }
    };
    tokio::select! {
        _ = cancel.cancelled() => return ApiError::Cancelled,
        () = read => {}
    }
    let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
    http_failure(
        status,
        json.as_ref(),
        first_bytes(&body),
        retry_after.as_deref(),
        request_id,
        SystemTime::now(),
    )
}
