//! The project's files as a file system for `oxc_resolver`: Node's resolution rules
//! (extensions, `index` files, `package.json` `main`/`exports`) run over the files given,
//! never over the disk — in the browser there is no disk to read.

use std::{
    collections::{HashMap, HashSet},
    io,
    path::{Component, Path, PathBuf},
};

use oxc_resolver::{FileMetadata, FileSystem, ResolveError, ResolveOptions, ResolverGeneric};

/// The folder every project path is placed under, so that resolution sees absolute paths.
const ROOT: &str = "/";

/// Extensions a relative `require`/`import` may leave out, in Node's order, then TypeScript's.
const EXTENSIONS: &[&str] = &[
    ".js", ".cjs", ".mjs", ".json", ".ts", ".cts", ".mts", ".jsx", ".tsx",
];

/// `a\b/./c/../d.js` → `a/b/d.js`: one spelling per file, with `/` separators and no
/// leading `./` or `/`.
pub fn normalise(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    for part in unified.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The project path a relative specifier names when it names a file directly: by its
/// full name, or with one of the extensions Node tries (in Node's order, as the full
/// resolution tries them). `None` when only the full resolution can tell: a folder (its
/// `package.json` or `index`), an extension TypeScript may alias (`./cart.js` for
/// `cart.ts`), a path above the project's root, a bare package name.
pub fn direct_target(
    from: &str,
    specifier: &str,
    is_file: impl Fn(&str) -> bool,
) -> Option<String> {
    let relative = specifier.starts_with("./") || specifier.starts_with("../");
    let names_a_folder = specifier.ends_with('/')
        || specifier.ends_with("/.")
        || specifier.ends_with("/..")
        || specifier.contains('\\');
    if !relative || names_a_folder {
        return None;
    }
    let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in specifier.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if is_file(&joined) {
        return Some(joined);
    }
    if specifier.ends_with(".js") {
        return None;
    }
    EXTENSIONS
        .iter()
        .map(|extension| format!("{joined}{extension}"))
        .find(|candidate| is_file(candidate))
}

/// The project's paths (and the text of its JSON files, which resolution reads).
pub struct ProjectFs {
    files: HashMap<PathBuf, Option<String>>,
    dirs: HashSet<PathBuf>,
}

impl ProjectFs {
    /// `files`: each normalised path with its text.
    pub fn new<'t>(files: impl IntoIterator<Item = (&'t str, &'t str)>) -> Self {
        let mut fs = Self {
            files: HashMap::new(),
            dirs: HashSet::new(),
        };
        fs.dirs.insert(PathBuf::from(ROOT));
        for (path, text) in files {
            let full = absolute(path);
            for dir in full.ancestors().skip(1) {
                if !fs.dirs.insert(dir.to_path_buf()) {
                    break;
                }
            }
            let keep = path.ends_with(".json").then(|| text.to_string());
            fs.files.insert(full, keep);
        }
        fs
    }
}

fn absolute(path: &str) -> PathBuf {
    Path::new(ROOT).join(path)
}

/// The project path of a resolved absolute path.
fn relative(path: &Path) -> Option<String> {
    let rest = path.strip_prefix(ROOT).ok()?;
    let parts: Vec<&str> = rest
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    Some(parts.join("/"))
}

fn not_found() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "not in the project")
}

impl FileSystem for ProjectFs {
    fn new() -> Self {
        Self {
            files: HashMap::new(),
            dirs: HashSet::new(),
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.read_to_string(path).map(String::into_bytes)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        match self.files.get(path) {
            Some(Some(text)) => Ok(text.clone()),
            // Only JSON is read during resolution; a module's text is never needed.
            Some(None) => Ok(String::new()),
            None => Err(not_found()),
        }
    }

    fn metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        if self.files.contains_key(path) {
            Ok(FileMetadata::new(true, false, false))
        } else if self.dirs.contains(path) {
            Ok(FileMetadata::new(false, true, false))
        } else {
            Err(not_found())
        }
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        self.metadata(path)
    }

    fn read_link(&self, _path: &Path) -> Result<PathBuf, ResolveError> {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a project has no symbolic links",
        )
        .into())
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.metadata(path).map(|_| path.to_path_buf())
    }
}

/// Resolves the relative specifiers of a project's files to other files of the project.
pub struct ModuleResolver {
    inner: ResolverGeneric<ProjectFs>,
}

impl ModuleResolver {
    pub fn new(fs: ProjectFs) -> Self {
        let options = ResolveOptions {
            extensions: EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            main_files: vec!["index".to_string()],
            main_fields: vec!["main".to_string()],
            condition_names: ["node", "require", "import", "default"]
                .map(String::from)
                .to_vec(),
            symlinks: false,
            // A TypeScript file may import `./cart.js` meaning `./cart.ts`.
            extension_alias: vec![(
                ".js".to_string(),
                vec![".js".to_string(), ".ts".to_string(), ".tsx".to_string()],
            )],
            ..ResolveOptions::default()
        };
        Self {
            inner: ResolverGeneric::new_with_file_system(fs, options),
        }
    }

    /// The project path `specifier` names when required from the file at `from`; `None`
    /// when it names no file of the project (a package that is not vendored in it).
    pub fn resolve(&self, from: &str, specifier: &str) -> Option<String> {
        let dir = absolute(from).parent()?.to_path_buf();
        let resolution = self.inner.resolve(dir, specifier).ok()?;
        relative(resolution.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver(files: &[(&str, &str)]) -> ModuleResolver {
        ModuleResolver::new(ProjectFs::new(files.iter().copied()))
    }

    #[test]
    fn relative_requires_follow_node_rules() {
        let r = resolver(&[
            ("app.js", ""),
            ("routes/cart.js", ""),
            ("models/index.ts", ""),
            ("config/session.cjs", ""),
            ("data/products.json", "[]"),
            ("lib/store/package.json", r#"{ "main": "./main.js" }"#),
            ("lib/store/main.js", ""),
            // `exports` applies to packages (Node ignores it for a relative folder).
            (
                "node_modules/pkg/package.json",
                r#"{ "exports": { ".": "./src/entry.mjs" } }"#,
            ),
            ("node_modules/pkg/src/entry.mjs", ""),
        ]);
        let at = |from, spec| r.resolve(from, spec);
        assert_eq!(
            at("app.js", "./routes/cart").as_deref(),
            Some("routes/cart.js")
        );
        assert_eq!(
            at("routes/cart.js", "../models").as_deref(),
            Some("models/index.ts")
        );
        assert_eq!(
            at("app.js", "./config/session").as_deref(),
            Some("config/session.cjs")
        );
        assert_eq!(
            at("routes/cart.js", "../data/products").as_deref(),
            Some("data/products.json")
        );
        assert_eq!(
            at("app.js", "./lib/store").as_deref(),
            Some("lib/store/main.js")
        );
        assert_eq!(
            at("routes/cart.js", "pkg").as_deref(),
            Some("node_modules/pkg/src/entry.mjs")
        );
        assert_eq!(at("app.js", "./missing"), None);
        assert_eq!(at("app.js", "express"), None);
    }

    #[test]
    fn a_file_named_directly_resolves_as_the_full_resolution_does() {
        let files = [
            ("app.js", ""),
            ("routes/cart.js", ""),
            ("routes/cart.json", "{}"),
            ("routes/cart/index.js", ""),
            ("models/index.ts", ""),
            ("models/user.ts", ""),
            ("config/session.cjs", ""),
            ("lib/store/package.json", r#"{ "main": "./main.js" }"#),
            ("lib/store/main.js", ""),
            ("lib/store.mjs", ""),
        ];
        let r = resolver(&files);
        let is_file = |p: &str| files.iter().any(|(f, _)| *f == p);
        let mut direct = 0;
        for from in ["app.js", "routes/cart.js", "lib/store/main.js"] {
            for specifier in [
                "./routes/cart",
                "../routes/cart",
                "./cart",
                "./cart.json",
                "./cart/",
                "../models",
                "../models/user",
                "../models/user.js",
                "./config/session",
                "../config/session.cjs",
                "./lib/store",
                "../store",
                "../../app",
                "../../../app",
                "./missing",
                ".",
                "..",
            ] {
                let full = r.resolve(from, specifier);
                if let Some(target) = direct_target(from, specifier, is_file) {
                    assert_eq!(Some(&target), full.as_ref(), "{from} {specifier}");
                    direct += 1;
                }
            }
        }
        // Most relative requires name a file: the full resolution is rarely needed.
        assert!(direct >= 10, "{direct}");
    }

    #[test]
    fn paths_have_one_spelling() {
        assert_eq!(
            normalise("./src\\routes/../models/cart.js"),
            "src/models/cart.js"
        );
        assert_eq!(normalise("/abs/app.js"), "abs/app.js");
    }
}
