//! The output formats. Each turns the reports into text; none touches lint results.

pub mod diff;
pub mod eslint_json;
pub mod sarif;
pub mod stylish;

use std::{
    io::{self, Write},
    path::{Component, Path, PathBuf},
};

use crate::{args::Format, run::FileReport};

/// What the formats need besides the reports.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Paths are made absolute (json) or relative (sarif) against this folder.
    pub cwd: PathBuf,
    /// ANSI colors in the stylish output.
    pub color: bool,
}

pub fn write(
    format: Format,
    reports: &[FileReport],
    settings: &Settings,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Stylish => out.write_all(stylish::render(reports, settings.color).as_bytes()),
        Format::Json => {
            serde_json::to_writer(&mut *out, &eslint_json::results(reports, &settings.cwd))?;
            out.write_all(b"\n")
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif::log(reports, &settings.cwd))?;
            out.write_all(b"\n")
        }
        Format::Diff => out.write_all(diff::render(reports, &settings.cwd).as_bytes()),
    }
}

/// `cwd/path` with `.` and `..` resolved lexically, as Node's `path.resolve` does (no
/// symlinks followed, no file system access).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path relative to `cwd` with forward slashes, or `None` when it lies outside.
pub fn relative_slashed(cwd: &Path, path: &Path) -> Option<String> {
    let relative = absolute(cwd, path)
        .strip_prefix(absolute(cwd, Path::new("")))
        .ok()?
        .to_path_buf();
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_dots_lexically() {
        let cwd = Path::new("/work/app");
        assert_eq!(
            absolute(cwd, Path::new("./src/../lib/a.js")),
            Path::new("/work/app/lib/a.js")
        );
        assert_eq!(
            absolute(cwd, Path::new("/etc/x.js")),
            Path::new("/etc/x.js")
        );
    }

    #[test]
    fn relative_paths_use_forward_slashes_and_stay_inside() {
        let cwd = Path::new("/work/app");
        assert_eq!(
            relative_slashed(cwd, Path::new("src/routes/a.js")).unwrap(),
            "src/routes/a.js"
        );
        assert_eq!(
            relative_slashed(cwd, Path::new("/work/app/b.ts")).unwrap(),
            "b.ts"
        );
        assert_eq!(relative_slashed(cwd, Path::new("../other/c.js")), None);
    }
}
