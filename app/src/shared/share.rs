//! Share links: the code travels in the URL fragment as `#v1.<base64url(deflate(code))>`.
//!
//! A fragment never reaches a server, so a shared snippet stays between the people who
//! hold the link. The `v1.` prefix versions the format so later links can change it
//! while old ones still open.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const PREFIX: &str = "v1.";

/// Links longer than this are cut off by chat tools and some browsers, so none is made.
pub const MAX_FRAGMENT_CHARS: usize = 8 * 1024;

/// An inflated text larger than this is refused: lint-core would refuse it anyway, and
/// a tiny link must not be able to make the page allocate gigabytes.
pub const MAX_DECODED_BYTES: usize = lint_core::MAX_SOURCE_BYTES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The encoded code would make a link longer than [`MAX_FRAGMENT_CHARS`].
    TooLong { chars: usize },
    /// The fragment is not a format this version knows.
    UnknownFormat,
    /// The fragment is damaged: bad base64, bad deflate data, too large or not UTF-8.
    Corrupt(&'static str),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { chars } => write!(
                f,
                "This code would make a link of {chars} characters; links over {} KB get cut \
                 off, so no link was made. Share a shorter piece of code.",
                MAX_FRAGMENT_CHARS / 1024
            ),
            Self::UnknownFormat => {
                f.write_str("This link's code is in a format this playground does not know.")
            }
            Self::Corrupt(why) => write!(f, "This link's code could not be read ({why})."),
        }
    }
}

/// The fragment (without `#`) that carries `code`.
pub fn encode(code: &str) -> Result<String, ShareError> {
    let compressed = miniz_oxide::deflate::compress_to_vec(code.as_bytes(), 9);
    let fragment = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed));
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLong {
            chars: fragment.len(),
        });
    }
    Ok(fragment)
}

/// The code a fragment (with or without its `#`) carries; `Ok(None)` for no fragment.
pub fn decode(fragment: &str) -> Result<Option<String>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    // `#/…` addresses another view (see route.rs), not shared code.
    if fragment.is_empty() || fragment.starts_with('/') {
        return Ok(None);
    }
    let payload = fragment
        .strip_prefix(PREFIX)
        .ok_or(ShareError::UnknownFormat)?;
    // Tolerate padding some tools add back; the alphabet must still be URL-safe.
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ShareError::Corrupt("not base64url"))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::Corrupt("too large"),
            _ => ShareError::Corrupt("not deflate data"),
        })?;
    String::from_utf8(inflated)
        .map(Some)
        .map_err(|_| ShareError::Corrupt("not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(code: &str) {
        let fragment = encode(code).expect("short code encodes");
        assert!(fragment.starts_with("v1."));
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "fragment needs no escaping: {fragment}"
        );
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(code.to_owned())));
        assert_eq!(decode(&fragment), Ok(Some(code.to_owned())));
    }

    #[test]
    fn round_trips_byte_exact() {
        round_trip("");
        round_trip("const hits = 0;\n");
        round_trip("// 🔥 phoenix 🐦‍🔥 — ünïcödé, 中文, עברית\nlet x = '\u{2028}';\n");
        round_trip("a\r\nb\nc\rd\r\n\r\n");
        round_trip("\r\n");
        round_trip("\u{feff}starts with a BOM\t\0 and a NUL");
        round_trip(include_str!("../../../content/examples/all-three.js"));
    }

    #[test]
    fn no_fragment_is_not_an_error() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#"), Ok(None));
    }

    #[test]
    fn malformed_fragments_are_errors() {
        assert_eq!(decode("#hello"), Err(ShareError::UnknownFormat));
        assert_eq!(decode("#v2.AAAA"), Err(ShareError::UnknownFormat));
        assert_eq!(
            decode("#v1.@@@@"),
            Err(ShareError::Corrupt("not base64url"))
        );
        assert_eq!(
            decode("#v1.aGVsbG8"),
            Err(ShareError::Corrupt("not deflate data"))
        );
        let valid = encode("const sessions = {};").unwrap();
        let truncated = &valid[..valid.len() - 4];
        assert!(
            decode(truncated).is_err(),
            "a truncated link must not decode"
        );
        let not_utf8 = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe, 0x00], 9);
        assert_eq!(
            decode(&format!("v1.{}", URL_SAFE_NO_PAD.encode(not_utf8))),
            Err(ShareError::Corrupt("not UTF-8 text"))
        );
    }

    #[test]
    fn a_bomb_is_refused() {
        // Zeros compress about 1000:1, so this link is short but inflates past the cap.
        let zeros = vec![0u8; MAX_DECODED_BYTES + 1];
        let bomb = miniz_oxide::deflate::compress_to_vec(&zeros, 9);
        let fragment = format!("v1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert!(fragment.len() < 4 * MAX_FRAGMENT_CHARS);
        assert_eq!(decode(&fragment), Err(ShareError::Corrupt("too large")));
    }

    #[test]
    fn too_long_code_is_refused_not_truncated() {
        // Pseudo-random text does not compress, so it overflows the cap.
        let mut seed = 0x2545_f491_u32;
        let noisy: String = (0..12_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                char::from(b'!' + (seed % 90) as u8)
            })
            .collect();
        match encode(&noisy) {
            Err(ShareError::TooLong { chars }) => assert!(chars > MAX_FRAGMENT_CHARS),
            other => panic!("expected TooLong, got {other:?}"),
        }
        assert!(
            ShareError::TooLong { chars: 9000 }
                .to_string()
                .contains("8 KB")
        );
    }
}
