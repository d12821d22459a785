//! Turns the built-in exercise, workshop and lesson TOML into JSON at build time: the
//! browser's wasm then reads its content with serde_json, which it carries anyway, and
//! needs no TOML parser (about 30 KB gzipped). `src/exercise.rs` names the files.

use std::{env, fs, path::Path};

fn main() {
    // Read when the script runs, not when it was compiled: a build script binary is
    // reused by every checkout that shares the target folder.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let content = Path::new(&manifest).join("../content");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    for dir in ["exercises", "workshops", "lessons"] {
        let from = content.join(dir);
        println!("cargo::rerun-if-changed={}", from.display());
        fs::create_dir_all(out.join(dir)).expect("OUT_DIR is writable");
        for entry in fs::read_dir(&from).expect("content folder") {
            let path = entry.expect("content entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let text = fs::read_to_string(&path).expect("content file is UTF-8");
            let json = match path.extension().and_then(|e| e.to_str()) {
                Some("toml") => toml_to_json(&text, &path),
                // A lesson: TOML front matter between `+++` lines (see `Lesson::parse`),
                // then markdown. A malformed one is left for `Lesson::parse`'s error.
                Some("md") => match text
                    .strip_prefix("+++\n")
                    .and_then(|rest| rest.split_once("\n+++\n"))
                {
                    Some((front, markdown)) => serde_json::json!({
                        "front": toml_to_json(front, &path),
                        "markdown": markdown,
                    }),
                    None => continue,
                },
                _ => continue,
            };
            fs::write(out.join(dir).join(format!("{name}.json")), json.to_string())
                .expect("OUT_DIR is writable");
        }
    }
}

/// The same data as JSON; a file that is no TOML fails the build with its error.
fn toml_to_json(text: &str, path: &Path) -> serde_json::Value {
    let value: toml::Value =
        toml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(value).expect("TOML values are JSON values")
}
