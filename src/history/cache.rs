//! Result sets stored with their run: written as a response document, gzip-compressed, and
//! read back through the same loader as a live answer.

use std::io::{self, Read, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::results::{load_response, writers::write_response, ResultSet};

/// How much room cached results may take, compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheLimits {
    /// A result larger than this is not cached (its run is still recorded).
    pub per_entry: usize,
    /// When all cached results together pass this, the oldest are dropped first.
    pub total: usize,
}

impl Default for CacheLimits {
    fn default() -> Self {
        CacheLimits {
            per_entry: 16 << 20,
            total: 256 << 20,
        }
    }
}

impl CacheLimits {
    /// The room `[workbench]` in config.toml gives, in megabytes.
    pub fn of(settings: &crate::config::WorkbenchSettings) -> CacheLimits {
        CacheLimits {
            per_entry: settings.history_result_mb << 20,
            total: settings.history_cache_mb << 20,
        }
    }
}

/// A result set, compressed and ready to store.
#[derive(Clone, Debug)]
pub struct PackedResult {
    pub bytes: Vec<u8>,
}

/// Compresses `result`, giving up as soon as it passes `limit` bytes: a result too large to
/// cache costs no more than `limit` of work and memory. Meant for a blocking thread.
pub fn pack(result: &ResultSet, limit: usize) -> Option<PackedResult> {
    let mut encoder = GzEncoder::new(
        Capped {
            out: Vec::new(),
            limit,
        },
        Compression::fast(),
    );
    write_response(result, &mut encoder).ok()?;
    let capped = encoder.finish().ok()?;
    Some(PackedResult { bytes: capped.out })
}

/// Reads a packed result back.
pub(super) fn unpack(bytes: &[u8]) -> Result<ResultSet, String> {
    let mut text = Vec::new();
    GzDecoder::new(bytes)
        .read_to_end(&mut text)
        .map_err(|e| format!("the cached result cannot be decompressed: {e}"))?;
    load_response(text)
        .map(|document| document.result)
        .map_err(|e| format!("the cached result cannot be read: {e}"))
}

/// A writer that refuses to grow past its limit.
struct Capped {
    out: Vec<u8>,
    limit: usize,
}

impl Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.out.len() + bytes.len() > self.limit {
            return Err(io::Error::other("over the cache limit"));
        }
        self.out.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
