//! `phoenix-content <out dir>`: writes the content JSON the browser app fetches (trunk's
//! pre-build hook calls it; index.html copies the folder into `dist/content/`).

use std::{path::Path, process::ExitCode};

use phoenix_content::Render;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1) else {
        eprintln!("usage: phoenix-content <out dir>");
        return ExitCode::FAILURE;
    };
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    match phoenix_content::write_all(&content, Path::new(&out), Render::Html) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("phoenix-content: {e}");
            ExitCode::FAILURE
        }
    }
}
