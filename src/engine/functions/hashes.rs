//! Digests and identifiers: `hash` (xxHash64, as Kusto), `hash_sha256`, `hash_sha1`, `hash_md5` (lower-case hex of the
//! value's text, as Kusto writes them) and `new_guid`. The digests come from `ring` and the
//! `md-5` crate: nothing cryptographic is written here.

use super::{arg, ScalarFn};
use crate::engine::scalar::Scalar;

pub fn lookup(name: &str) -> Option<(ScalarFn, usize, usize)> {
    Some(match name {
        "hash" => (hash, 1, 2),
        "hash_sha256" => (|a| digest(a, &ring::digest::SHA256), 1, 1),
        "hash_sha1" => (|a| digest(a, &ring::digest::SHA1_FOR_LEGACY_USE_ONLY), 1, 1),
        "hash_md5" => (hash_md5, 1, 1),
        "new_guid" => (new_guid, 0, 0),
        _ => return None,
    })
}

/// `hash(value [, mod])`: xxHash64 of the value's text, as a long (its remainder by `mod`,
/// when given, which is never negative).
fn hash(a: &[Scalar]) -> Scalar {
    let Some(text) = arg(a, 0).to_text() else {
        return Scalar::Null;
    };
    let n = xxhash_rust::xxh64::xxh64(text.as_bytes(), 0) as i64;
    match a.get(1) {
        None => Scalar::Long(n),
        Some(m) => match m.as_i64() {
            Some(m) if m > 0 => Scalar::Long(n.rem_euclid(m)),
            _ => Scalar::Null,
        },
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn digest(a: &[Scalar], algorithm: &'static ring::digest::Algorithm) -> Scalar {
    arg(a, 0).to_text().map_or(Scalar::Null, |text| {
        Scalar::str(&hex(
            ring::digest::digest(algorithm, text.as_bytes()).as_ref()
        ))
    })
}

fn hash_md5(a: &[Scalar]) -> Scalar {
    use md5::Digest;
    arg(a, 0).to_text().map_or(Scalar::Null, |text| {
        Scalar::str(&hex(&md5::Md5::digest(text.as_bytes())))
    })
}

/// A random (version 4) GUID, as `8-4-4-4-12` lower-case hex.
fn new_guid(_: &[Scalar]) -> Scalar {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 16];
    if ring::rand::SystemRandom::new().fill(&mut bytes).is_err() {
        return Scalar::Null;
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex(&bytes);
    Scalar::str(&format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}
