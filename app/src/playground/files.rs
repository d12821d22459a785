//! The files of a playground project, free of browser APIs: adding, renaming, deleting,
//! their order (`app.js` first), which one the editor shows, and which files of an opened
//! folder are taken and why the others are not.

pub use crate::lint_session::project::SourceFile;

/// The file a single-file playground's code is, and the one listed first in a project.
pub const ENTRY: &str = "app.js";

/// More files than this make the tabs unusable and the lint slow in a browser.
pub const MAX_FILES: usize = 60;
/// A file larger than this is generated or bundled code, not the app's own.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// All files together: what a browser tab lints and saves comfortably.
pub const MAX_PROJECT_BYTES: usize = 2 * 1024 * 1024;

/// The extensions the linter reads.
const EXTENSIONS: [&str; 4] = [".js", ".cjs", ".mjs", ".ts"];

/// Why a path cannot name a file of the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    Empty,
    /// Not a JavaScript or TypeScript file.
    Extension,
    /// `..`, an absolute path, a backslash or an empty segment.
    Shape,
    Taken,
    TooMany,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Empty => "Give the file a name, such as routes/cart.js.",
            Self::Extension => "Only .js, .cjs, .mjs and .ts files are checked.",
            Self::Shape => {
                "Use a path inside the project, with / between folders (no .. or leading /)."
            }
            Self::Taken => "Another file already has this name.",
            Self::TooMany => "A project holds at most 60 files.",
        })
    }
}

/// Whether the linter reads files with this name.
pub fn is_source_path(path: &str) -> bool {
    EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

/// `path` cleaned (spaces trimmed, a leading `./` dropped) if it can name a file.
pub fn check_path(path: &str) -> Result<String, PathError> {
    let path = path.trim();
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.is_empty() {
        return Err(PathError::Empty);
    }
    if path.starts_with('/')
        || path.contains('\\')
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err(PathError::Shape);
    }
    if !is_source_path(path) {
        return Err(PathError::Extension);
    }
    Ok(path.to_owned())
}

/// The files of a project and the one the editor shows. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    files: Vec<SourceFile>,
    active: usize,
}

impl Project {
    /// One file, `app.js`: today's single-file playground.
    pub fn single(source: impl Into<String>) -> Self {
        Self {
            files: vec![SourceFile::new(ENTRY, source)],
            active: 0,
        }
    }

    /// `files` in their order (see [`Project::order`]), the entry shown; `None` when empty.
    pub fn from_files(mut files: Vec<SourceFile>) -> Option<Self> {
        if files.is_empty() {
            return None;
        }
        order(&mut files);
        Some(Self { files, active: 0 })
    }

    /// The project saved by [`Project::to_saved`], if `saved` is one.
    pub fn from_saved(saved: &str) -> Option<Self> {
        let saved: Saved = serde_json::from_str(saved).ok()?;
        let mut project = Self::from_files(saved.files)?;
        let active = project.index_of(&saved.active)?;
        project.switch_to(active);
        Some(project)
    }

    /// The project as kept in the browser: its files and the one shown.
    pub fn to_saved(&self) -> String {
        serde_json::to_string(&SavedRef {
            files: &self.files,
            active: &self.active_file().path,
        })
        .expect("strings serialise")
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    pub fn into_files(self) -> Vec<SourceFile> {
        self.files
    }

    pub fn is_single(&self) -> bool {
        self.files.len() == 1
    }

    pub fn active(&self) -> usize {
        self.active
    }

    pub fn active_file(&self) -> &SourceFile {
        &self.files[self.active]
    }

    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.files.iter().position(|f| f.path == path)
    }

    /// Shows file `index` (ignored when out of range).
    pub fn switch_to(&mut self, index: usize) {
        if index < self.files.len() {
            self.active = index;
        }
    }

    /// The editor's text of the file it shows.
    pub fn set_active_source(&mut self, source: impl Into<String>) {
        self.files[self.active].source = source.into();
    }

    /// Sets the text of the file at `path`, if the project has it.
    pub fn set_source(&mut self, path: &str, source: impl Into<String>) -> bool {
        match self.index_of(path) {
            Some(i) => {
                self.files[i].source = source.into();
                true
            }
            None => false,
        }
    }

    /// Adds an empty file and shows it.
    pub fn add(&mut self, path: &str) -> Result<usize, PathError> {
        if self.files.len() >= MAX_FILES {
            return Err(PathError::TooMany);
        }
        let path = check_path(path)?;
        if self.index_of(&path).is_some() {
            return Err(PathError::Taken);
        }
        self.files
            .push(SourceFile::new(path.clone(), String::new()));
        self.reorder(&path);
        Ok(self.active)
    }

    /// Renames file `index`, which stays shown if it was; the name it now has.
    pub fn rename(&mut self, index: usize, path: &str) -> Result<String, PathError> {
        let path = check_path(path)?;
        if self.files[index].path == path {
            return Ok(path);
        }
        if self.index_of(&path).is_some() {
            return Err(PathError::Taken);
        }
        let shown = self.files[self.active].path.clone();
        let renamed = self.files[index].path == shown;
        self.files[index].path = path.clone();
        self.reorder(if renamed { &path } else { &shown });
        Ok(path)
    }

    /// Deletes file `index`; the last file cannot be deleted. The neighbour is shown if the
    /// deleted file was.
    pub fn delete(&mut self, index: usize) -> Option<SourceFile> {
        if self.files.len() <= 1 || index >= self.files.len() {
            return None;
        }
        let removed = self.files.remove(index);
        if self.active > index || self.active >= self.files.len() {
            self.active = self.active.saturating_sub(1);
        }
        Some(removed)
    }

    /// A name for a new file that no file has yet.
    pub fn free_name(&self) -> String {
        (1..)
            .map(|n| {
                if n == 1 {
                    "untitled.js".to_owned()
                } else {
                    format!("untitled-{n}.js")
                }
            })
            .find(|name| self.index_of(name).is_none())
            .expect("some name is free")
    }

    fn reorder(&mut self, shown: &str) {
        order(&mut self.files);
        self.active = self.index_of(shown).unwrap_or(0);
    }
}

#[derive(serde::Deserialize)]
struct Saved {
    files: Vec<SourceFile>,
    active: String,
}

#[derive(serde::Serialize)]
struct SavedRef<'a> {
    files: &'a [SourceFile],
    active: &'a str,
}

/// `app.js` at the root first (the app the others are mounted in), then the rest by path.
pub fn order(files: &mut [SourceFile]) {
    files.sort_by(|a, b| (a.path != ENTRY, &a.path).cmp(&(b.path != ENTRY, &b.path)));
}

/// A file of an opened folder, before it is read: its path in the folder and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: String,
    pub bytes: usize,
}

/// Which files of an opened folder are read, and what was left out and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderPlan {
    /// Paths (relative to the folder) to read.
    pub take: Vec<String>,
    /// Files under `node_modules` or a dot-folder.
    pub skipped_dependencies: usize,
    /// Files that are not JavaScript or TypeScript.
    pub skipped_kind: usize,
    /// Files too large on their own, or past the project's limits.
    pub skipped_size: usize,
    pub skipped_bytes: usize,
}

/// Whether a folder's walk should go into `name` at all.
pub fn is_skipped_folder(name: &str) -> bool {
    name == "node_modules" || name.starts_with('.')
}

/// Picks the files of an opened folder. `candidates`' paths may start with the folder's
/// own name (as `webkitRelativePath` gives them): a first segment every path shares is
/// dropped.
pub fn plan_folder(candidates: &[Candidate]) -> FolderPlan {
    let shared_root = common_root(candidates);
    let mut plan = FolderPlan::default();
    let mut total = 0;
    let mut sorted: Vec<(String, usize)> = candidates
        .iter()
        .map(|c| {
            let path = match &shared_root {
                Some(root) => c.path[root.len() + 1..].to_owned(),
                None => c.path.clone(),
            };
            (path, c.bytes)
        })
        .collect();
    // app.js and the shallow files first, so the limits cut off the deepest ones.
    sorted.sort_by_key(|(p, _)| (p != ENTRY, p.matches('/').count(), p.clone()));
    for (path, bytes) in sorted {
        let mut folders = path.split('/').rev().skip(1);
        if folders.any(is_skipped_folder) {
            plan.skipped_dependencies += 1;
        } else if !is_source_path(&path) {
            plan.skipped_kind += 1;
        } else if bytes > MAX_FILE_BYTES
            || total + bytes > MAX_PROJECT_BYTES
            || plan.take.len() >= MAX_FILES
        {
            plan.skipped_size += 1;
            plan.skipped_bytes += bytes;
        } else {
            total += bytes;
            plan.take.push(path);
        }
    }
    plan
}

fn common_root(candidates: &[Candidate]) -> Option<String> {
    let first = candidates.first()?.path.split_once('/')?.0;
    candidates
        .iter()
        .all(|c| {
            c.path
                .split_once('/')
                .is_some_and(|(root, _)| root == first)
        })
        .then(|| first.to_owned())
}

impl FolderPlan {
    /// What was left out, in a sentence; `None` when nothing was.
    pub fn skipped_message(&self) -> Option<String> {
        let mut parts = vec![];
        if self.skipped_dependencies > 0 {
            parts.push(format!(
                "{} in node_modules or hidden folders",
                files(self.skipped_dependencies)
            ));
        }
        if self.skipped_kind > 0 {
            parts.push(format!(
                "{} that {} not .js, .cjs, .mjs or .ts",
                files(self.skipped_kind),
                if self.skipped_kind == 1 { "is" } else { "are" }
            ));
        }
        if self.skipped_size > 0 {
            parts.push(format!(
                "{} ({} KB) over the limits (a file up to {} KB, {} files and {} MB in all)",
                files(self.skipped_size),
                self.skipped_bytes.div_ceil(1024),
                MAX_FILE_BYTES / 1024,
                MAX_FILES,
                MAX_PROJECT_BYTES / (1024 * 1024)
            ));
        }
        (!parts.is_empty()).then(|| format!("Left out: {}.", parts.join("; ")))
    }
}

fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(paths: &[&str]) -> Project {
        Project::from_files(paths.iter().map(|p| SourceFile::new(*p, *p)).collect()).unwrap()
    }

    fn paths(p: &Project) -> Vec<&str> {
        p.files().iter().map(|f| f.path.as_str()).collect()
    }

    #[test]
    fn app_js_comes_first_then_the_rest_by_path() {
        let p = project(&[
            "routes/cart.js",
            "models/cart.js",
            "app.js",
            "config/session.js",
        ]);
        assert_eq!(
            paths(&p),
            [
                "app.js",
                "config/session.js",
                "models/cart.js",
                "routes/cart.js"
            ]
        );
        assert_eq!(p.active_file().path, "app.js");
    }

    #[test]
    fn adding_shows_the_new_file_in_its_place() {
        let mut p = Project::single("let x;");
        assert!(p.is_single());
        assert_eq!(p.add("./models/cart.js"), Ok(1));
        assert_eq!(p.active_file().path, "models/cart.js");
        assert_eq!(p.add("models/cart.js"), Err(PathError::Taken));
        assert_eq!(p.add("notes.txt"), Err(PathError::Extension));
        assert_eq!(p.add("../x.js"), Err(PathError::Shape));
        assert_eq!(p.add("/x.js"), Err(PathError::Shape));
        assert_eq!(p.add("  "), Err(PathError::Empty));
        assert_eq!(p.add("a.js"), Ok(1));
        assert_eq!(paths(&p), ["app.js", "a.js", "models/cart.js"]);
    }

    #[test]
    fn renaming_keeps_the_shown_file_shown() {
        let mut p = project(&["app.js", "b.js", "c.js"]);
        p.switch_to(2);
        p.rename(1, "z.js").unwrap();
        assert_eq!(paths(&p), ["app.js", "c.js", "z.js"]);
        assert_eq!(p.active_file().path, "c.js");
        p.rename(1, "a.js").unwrap();
        assert_eq!(p.active_file().path, "a.js");
        assert_eq!(p.rename(1, "app.js"), Err(PathError::Taken));
        // Renaming another file to app.js puts it first.
        p.rename(0, "server.js").unwrap();
        assert_eq!(paths(&p), ["a.js", "server.js", "z.js"]);
        p.rename(0, "app.js").unwrap();
        assert_eq!(paths(&p), ["app.js", "server.js", "z.js"]);
    }

    #[test]
    fn deleting_shows_a_neighbour_and_keeps_one_file() {
        let mut p = project(&["app.js", "b.js", "c.js"]);
        p.switch_to(2);
        assert_eq!(p.delete(2).map(|f| f.path), Some("c.js".into()));
        assert_eq!(p.active_file().path, "b.js");
        p.switch_to(1);
        p.delete(0);
        assert_eq!(p.active_file().path, "b.js");
        assert_eq!(p.delete(0), None, "the last file stays");
    }

    #[test]
    fn a_saved_project_comes_back_with_the_same_file_shown() {
        let mut p = project(&["app.js", "models/cart.js"]);
        p.switch_to(1);
        let back = Project::from_saved(&p.to_saved()).unwrap();
        assert_eq!(back, p);
        assert_eq!(Project::from_saved("{}"), None);
        assert_eq!(Project::from_saved(r#"{"files":[],"active":"a.js"}"#), None);
    }

    #[test]
    fn at_most_max_files() {
        let mut p = Project::single("");
        for n in 1..MAX_FILES {
            p.add(&format!("f{n}.js")).unwrap();
        }
        assert_eq!(p.add("one-more.js"), Err(PathError::TooMany));
        assert_eq!(p.free_name(), "untitled.js");
    }

    #[test]
    fn a_folder_leaves_out_dependencies_other_files_and_the_too_large() {
        let c = |path: &str, bytes| Candidate {
            path: path.into(),
            bytes,
        };
        let plan = plan_folder(&[
            c("shop/routes/cart.js", 100),
            c("shop/app.js", 100),
            c("shop/node_modules/express/index.js", 100),
            c("shop/.git/hooks/x.js", 10),
            c("shop/README.md", 10),
            c("shop/dist/bundle.js", MAX_FILE_BYTES + 1),
            c("shop/models/cart.mjs", 100),
        ]);
        assert_eq!(plan.take, ["app.js", "models/cart.mjs", "routes/cart.js"]);
        assert_eq!(
            (
                plan.skipped_dependencies,
                plan.skipped_kind,
                plan.skipped_size
            ),
            (2, 1, 1)
        );
        let message = plan.skipped_message().unwrap();
        assert!(message.contains("2 files in node_modules"), "{message}");
        assert!(message.contains("1 file that"), "{message}");
        assert!(message.contains("257 KB"), "{message}");
        assert_eq!(plan_folder(&[c("app.js", 1)]).skipped_message(), None);
    }

    #[test]
    fn a_folder_past_the_project_limits_keeps_the_shallow_files() {
        let many: Vec<Candidate> = (0..MAX_FILES + 5)
            .map(|n| Candidate {
                path: format!("deep/f{n:03}.js"),
                bytes: 10,
            })
            .chain([Candidate {
                path: "app.js".into(),
                bytes: 10,
            }])
            .collect();
        let plan = plan_folder(&many);
        assert_eq!(plan.take.len(), MAX_FILES);
        assert_eq!(plan.take[0], "app.js");
        assert_eq!(plan.skipped_size, 6);
    }
}
