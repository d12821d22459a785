//! Which texts to lint: the paths given, folders walked, standard input.

use std::{
    collections::HashSet,
    fs::{File, Metadata},
    io::Read,
    path::{Path, PathBuf},
};

use lint_core::MAX_SOURCE_BYTES;
use walkdir::WalkDir;

/// File extensions linted when a folder is searched. A file named explicitly is linted
/// whatever its extension, as ESLint does.
pub const EXTENSIONS: [&str; 8] = ["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"];

/// One text to lint, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// Standard input, standing for the file name given with `--stdin-filename`.
    Stdin(Option<PathBuf>),
    /// A path that could not be listed or does not exist: reported, never linted.
    Unreadable {
        path: PathBuf,
        error: String,
    },
}

/// Expands the command-line paths into targets, in a stable order: the paths in the order
/// given, each folder's files sorted by name. A file reached twice is linted once.
pub fn collect(paths: &[PathBuf], stdin_name: Option<&Path>) -> Vec<Target> {
    let mut seen = HashSet::new();
    let mut targets = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            targets.push(Target::Stdin(stdin_name.map(Path::to_path_buf)));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut seen, &mut targets),
            Ok(_) => {
                if first_time(&mut seen, path) {
                    targets.push(Target::File(path.clone()));
                }
            }
            Err(error) => targets.push(Target::Unreadable {
                path: path.clone(),
                error: error.to_string(),
            }),
        }
    }
    targets
}

/// Why a file's text was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The operating system's error.
    Io(String),
    /// A FIFO, a device or a socket: reading it may never end (`/dev/zero`) or never
    /// start (a FIFO without a writer).
    NotAFile(&'static str),
    /// Bigger than lint-core accepts: the size, or the bytes read before stopping.
    TooLarge(u64),
}

/// Reads a file to lint, refusing before reading anything what lint-core would refuse
/// after: only a regular file, and at most one byte more than lint-core accepts (the file
/// may grow between the size check and the read).
pub fn read_source(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    if meta.len() > MAX_SOURCE_BYTES as u64 {
        return Err(ReadError::TooLarge(meta.len()));
    }
    read_at_most(File::open(path).map_err(io)?, meta.len() as usize)
}

/// Reads at most one byte over lint-core's limit from `reader` (a file or standard input).
pub fn read_at_most(reader: impl Read, expected: usize) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(expected.min(MAX_SOURCE_BYTES) + 1);
    reader
        .take(MAX_SOURCE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn kind_of(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_of(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn walk(root: &Path, seen: &mut HashSet<PathBuf>, targets: &mut Vec<Target>) {
    // Links to folders are not followed (walkdir's default), so a link cycle cannot loop;
    // links to files are linted like the files.
    let entries = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped_dir(entry));
    for entry in entries {
        match entry {
            Ok(entry) if is_file(&entry) && has_lintable_extension(entry.path()) => {
                let path = entry.into_path();
                if first_time(seen, &path) {
                    targets.push(Target::File(path));
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let error = error
                    .io_error()
                    .map_or_else(|| error.to_string(), |e| e.to_string());
                targets.push(Target::Unreadable { path, error });
            }
        }
    }
}

fn is_file(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file())
}

/// Whether a file is met for the first time, however it was spelled (`a.js`, `./a.js`,
/// through a link).
fn first_time(seen: &mut HashSet<PathBuf>, path: &Path) -> bool {
    seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Dependencies and dot-folders (`.git`, `.next`, `.cache`, …) hold no code of the app's own.
fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && {
        let name = entry.file_name().to_string_lossy();
        name == "node_modules" || name.starts_with('.')
    }
}

fn has_lintable_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            EXTENSIONS
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder per test (tests run in parallel) holding the given files.
    fn tree(test: &str, files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("phoenix-lint-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        root
    }

    fn names(root: &Path, targets: &[Target]) -> Vec<String> {
        targets
            .iter()
            .map(|t| match t {
                Target::File(p) => p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn folders_are_walked_in_order_skipping_dependencies_and_dot_folders() {
        let root = tree(
            "walk",
            &[
                "b.ts",
                "a.js",
                "README.md",
                "src/x.MJS",
                "src/y.tsx",
                "node_modules/dep/index.js",
                ".git/hooks/pre-commit.js",
                "src/.cache/z.js",
                ".eslintrc.cjs",
            ],
        );
        let targets = collect(std::slice::from_ref(&root), None);
        assert_eq!(
            names(&root, &targets),
            [".eslintrc.cjs", "a.js", "b.ts", "src/x.MJS", "src/y.tsx"]
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn explicit_files_are_linted_whatever_their_extension_and_only_once() {
        let root = tree("explicit", &["notes.txt"]);
        let file = root.join("notes.txt");
        let spelled_otherwise = root.join(".").join("notes.txt");
        let targets = collect(&[file.clone(), spelled_otherwise], None);
        assert_eq!(targets, [Target::File(file)]);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn links_to_files_are_linted_and_links_to_folders_not_followed() {
        let root = tree("links", &["real/app.js"]);
        std::os::unix::fs::symlink(root.join("real/app.js"), root.join("link.js")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("real/loop")).unwrap();
        let targets = collect(std::slice::from_ref(&root), None);
        // `real/app.js` is the file `link.js` already named, so it is not linted twice.
        assert_eq!(names(&root, &targets), ["link.js"]);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn missing_paths_and_stdin_become_targets_of_their_own() {
        let targets = collect(
            &[PathBuf::from("/no/such/path.js"), PathBuf::from("-")],
            Some(Path::new("app.ts")),
        );
        assert!(
            matches!(&targets[0], Target::Unreadable { path, .. } if path.ends_with("path.js"))
        );
        assert_eq!(targets[1], Target::Stdin(Some(PathBuf::from("app.ts"))));
    }
}
