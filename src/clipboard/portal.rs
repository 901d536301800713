//! A link that opens a query in the Defender portal's advanced hunting page, for colleagues who
//! hunt there: base64url of the gzipped UTF-16LE query text.

use std::io::Write;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;

pub fn portal_link(query: &str) -> String {
    let utf16: Vec<u8> = query.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to memory cannot fail.
    let _ = gzip.write_all(&utf16);
    let compressed = gzip.finish().unwrap_or_default();
    format!(
        "https://security.microsoft.com/hunting?query={}&runQuery=true&timeRangeId=week",
        B64.encode(compressed)
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_link_decodes_back_to_the_query() {
        let query = "DeviceProcessEvents | where FileName =~ \"rclone.exe\" // ünïcode";
        let link = portal_link(query);
        let encoded = link
            .split("query=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap();
        let compressed = B64.decode(encoded).unwrap();
        let mut utf16 = Vec::new();
        flate2::read::GzDecoder::new(&compressed[..])
            .read_to_end(&mut utf16)
            .unwrap();
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        assert_eq!(String::from_utf16(&units).unwrap(), query);
        assert!(link.ends_with("&runQuery=true&timeRangeId=week"));
    }
}
