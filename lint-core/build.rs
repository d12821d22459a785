//! Writes the built-in content (exercise and workshop TOML, lessons, rule docs) as JSON
//! into OUT_DIR, converted by `phoenix-content`, the same code that writes the files the
//! browser app fetches: `src/content.rs` reads them, compiled in for native builds.

use std::{env, path::Path};

use phoenix_content::Render;

fn main() {
    // Read when the script runs, not when it was compiled: a build script binary is
    // reused by every checkout that shares the target folder.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let content = Path::new(&manifest).join("../content");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for dir in ["exercises", "workshops", "lessons", "rules"] {
        println!("cargo::rerun-if-changed={}", content.join(dir).display());
    }
    // The wasm API's `ruleDoc` hands out markdown: a wasm build skips the HTML.
    let render = match env::var("CARGO_CFG_TARGET_ARCH").as_deref() {
        Ok("wasm32") => Render::MarkdownOnly,
        _ => Render::Html,
    };
    if let Err(e) = phoenix_content::write_all(&content, Path::new(&out), render) {
        panic!("{e}");
    }
}
