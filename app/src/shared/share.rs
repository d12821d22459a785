//! Share links: the code travels in the URL fragment as `#v1.<base64url(deflate(code))>`.
//!
//! A fragment never reaches a server, so a shared snippet stays between the people who
//! hold the link. The `v1.` prefix versions the format so later links can change it
//! while old ones still open. A project of several files travels as
//! `#p1.<base64url(deflate(JSON [{path, source}, …]))>`; a single `app.js` still makes a
//! `v1.` link.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::lint_session::project::SourceFile;

const PREFIX: &str = "v1.";
const PROJECT_PREFIX: &str = "p1.";

/// Links longer than this are cut off by chat tools and some browsers, so none is made.
pub const MAX_FRAGMENT_CHARS: usize = 8 * 1024;

/// An inflated text larger than this is refused: lint-core would refuse it anyway, and
/// a tiny link must not be able to make the page allocate gigabytes.
pub const MAX_DECODED_BYTES: usize = lint_core::MAX_SOURCE_BYTES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The encoded code would make a link longer than [`MAX_FRAGMENT_CHARS`].
    TooLong { chars: usize },
    /// The encoded project of `files` files would make a link of `chars` characters.
    ProjectTooLong { chars: usize, files: usize },
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
            Self::ProjectTooLong { chars, files } => write!(
                f,
                "These {files} files would make a link of {chars} characters; links over {} KB \
                 get cut off, so no link was made. Delete the files the problem does not need, \
                 or shorten them, and share again.",
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

/// The fragment that carries a project's `files`: a single `app.js` as an old `v1.` link.
pub fn encode_project(files: &[SourceFile]) -> Result<String, ShareError> {
    if let [only] = files
        && only.path == crate::playground::files::ENTRY
    {
        return encode(&only.source);
    }
    let json = serde_json::to_string(files).map_err(|_| ShareError::Corrupt("not JSON"))?;
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let fragment = format!("{PROJECT_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed));
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::ProjectTooLong {
            chars: fragment.len(),
            files: files.len(),
        });
    }
    Ok(fragment)
}

/// The files a fragment carries: a `v1.` link's code is one file, `app.js`. `Ok(None)` for
/// no fragment.
pub fn decode_project(fragment: &str) -> Result<Option<Vec<SourceFile>>, ShareError> {
    let bare = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = bare.strip_prefix(PROJECT_PREFIX) else {
        return Ok(decode(fragment)?
            .map(|code| vec![SourceFile::new(crate::playground::files::ENTRY, code)]));
    };
    let text = inflate(payload)?;
    let files: Vec<SourceFile> =
        serde_json::from_str(&text).map_err(|_| ShareError::Corrupt("not a list of files"))?;
    let well_formed = !files.is_empty()
        && files.len() <= crate::playground::files::MAX_FILES
        && files
            .iter()
            .all(|f| crate::playground::files::check_path(&f.path).is_ok_and(|p| p == f.path));
    if !well_formed {
        return Err(ShareError::Corrupt("not a list of files"));
    }
    Ok(Some(files))
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
    inflate(payload).map(Some)
}

/// The UTF-8 text in a base64url deflate payload.
fn inflate(payload: &str) -> Result<String, ShareError> {
    // Tolerate padding some tools add back; the alphabet must still be URL-safe.
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ShareError::Corrupt("not base64url"))?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::Corrupt("too large"),
            _ => ShareError::Corrupt("not deflate data"),
        })?;
    String::from_utf8(inflated).map_err(|_| ShareError::Corrupt("not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_round_trips_and_a_single_app_js_stays_a_v1_link() {
        let files = vec![
            SourceFile::new("app.js", "require('./routes/cart');\n"),
            SourceFile::new(
                "routes/cart.js",
                "const cart = [];\nmodule.exports = cart;\n",
            ),
        ];
        let fragment = encode_project(&files).unwrap();
        assert!(fragment.starts_with("p1."), "{fragment}");
        assert_eq!(decode_project(&format!("#{fragment}")), Ok(Some(files)));
        // Old links open as one file; a project link is not code for an old reader.
        let single = encode_project(&[SourceFile::new("app.js", "let a;")]).unwrap();
        assert!(single.starts_with("v1."));
        assert_eq!(single, encode("let a;").unwrap());
        assert_eq!(
            decode_project(&single),
            Ok(Some(vec![SourceFile::new("app.js", "let a;")]))
        );
        assert_eq!(decode(&fragment), Err(ShareError::UnknownFormat));
        assert_eq!(decode_project("#/drill"), Ok(None));
    }

    #[test]
    fn a_project_link_with_bad_paths_or_too_many_files_is_refused() {
        let payload = |json: &str| {
            format!(
                "p1.{}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
            )
        };
        let bad = ShareError::Corrupt("not a list of files");
        assert_eq!(decode_project(&payload("[]")), Err(bad.clone()));
        assert_eq!(decode_project(&payload("{}")), Err(bad.clone()));
        assert_eq!(
            decode_project(&payload(r#"[{"path":"../etc/x.js","source":""}]"#)),
            Err(bad.clone())
        );
        assert_eq!(
            decode_project(&payload(r#"[{"path":"a.txt","source":""}]"#)),
            Err(bad)
        );
    }

    #[test]
    fn a_project_too_big_for_a_link_says_so_with_its_size() {
        // Text that does not compress: a simple generator's digits.
        let mut seed = 7u64;
        let mut noise = || {
            (0..6000)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from(b'a' + (seed >> 59) as u8 % 26)
                })
                .collect::<String>()
        };
        let files = vec![
            SourceFile::new("app.js", noise()),
            SourceFile::new("b.js", noise()),
        ];
        let error = encode_project(&files).unwrap_err();
        let ShareError::ProjectTooLong { chars, files: 2 } = error else {
            panic!("{error:?}");
        };
        assert!(chars > MAX_FRAGMENT_CHARS);
        assert!(error.to_string().contains("These 2 files"), "{error}");
    }

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
