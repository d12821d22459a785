//! `phoenix-content <content dir> <out dir>`: writes the content JSON the browser app
//! fetches (trunk's pre-build hook calls it; index.html copies the folder into
//! `dist/content/`). Both folders are arguments, not paths compiled in: the binary is
//! reused by every checkout that shares the target folder.

use std::{path::Path, process::ExitCode};

use phoenix_content::Render;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: phoenix-content <content dir> <out dir>");
        return ExitCode::FAILURE;
    };
    match phoenix_content::write_all(Path::new(content), Path::new(out), Render::Html) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("phoenix-content: {e}");
            ExitCode::FAILURE
        }
    }
}
