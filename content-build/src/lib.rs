//! The built-in content as JSON, written once for both readers: lint-core's build script
//! compiles it into native tools and tests, and trunk's pre-build hook (`src/main.rs`)
//! puts the same files into `dist/content/`, which the browser app fetches when a view
//! needs them. The wasm then carries neither the content nor a TOML parser, and, as the
//! markdown the app shows comes rendered (`rendered`: markdown → HTML), no markdown
//! renderer either.

pub mod markdown;

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use serde_json::{Value, json};

/// The lessons, exercises and default workshop pack: what the tutorial and workshop views
/// need, fetched together because every one of those views shows exercise titles.
pub const LEARN_FILE: &str = "learn.json";

/// The rule docs, by rule id: what the explanation panel needs.
pub const RULE_DOCS_FILE: &str = "rule-docs.json";

/// Heading levels the app puts above each kind of markdown (see [`markdown::to_html`]).
const LESSON_SHIFT: u8 = 0;
/// Hints have no headings (a test checks), so this one rendering serves both the hint
/// ladder and the facilitator's notes.
const HINT_SHIFT: u8 = 3;
const RULE_DOC_SHIFT: u8 = 2;

/// Whether the files carry the HTML of their markdown: the app's do; a wasm that only
/// hands out the markdown (the wasm API's `ruleDoc`) is smaller without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    Html,
    MarkdownOnly,
}

/// Writes [`LEARN_FILE`] and [`RULE_DOCS_FILE`] into `out` and returns the content files
/// read, for a build script's `rerun-if-changed`.
pub fn write_all(content: &Path, out: &Path, render: Render) -> Result<Vec<PathBuf>, String> {
    let (mut learn, mut read) = learn(content)?;
    let (mut docs, docs_read) = rule_docs(content)?;
    if render == Render::Html {
        learn["rendered"] = rendered_learn(&learn);
        docs["rendered"] = rendered_docs(&docs);
    }
    read.extend(docs_read);
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (name, value) in [(LEARN_FILE, learn), (RULE_DOCS_FILE, docs)] {
        let path = out.join(name);
        fs::write(&path, value.to_string()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(read)
}

/// `{"lessons": [{"front": …, "markdown": …}], "exercises": […], "workshop": …}`.
/// Lessons in file-name order; exercises in the order the lessons list them (the order a
/// tutorial meets them), then any other exercise by file name.
pub fn learn(content: &Path) -> Result<(Value, Vec<PathBuf>), String> {
    let mut read = Vec::new();
    let mut lessons = Vec::new();
    for path in files(&content.join("lessons"), "md")? {
        let text = read_text(&path)?;
        let (front, markdown) = text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .ok_or_else(|| {
                format!(
                    "{}: a lesson starts with front matter between `+++` lines",
                    path.display()
                )
            })?;
        lessons.push(json!({ "front": toml_to_json(front, &path)?, "markdown": markdown }));
        read.push(path);
    }
    let mut by_file = Vec::new();
    for path in files(&content.join("exercises"), "toml")? {
        by_file.push(toml_to_json(&read_text(&path)?, &path)?);
        read.push(path);
    }
    let lesson_order: Vec<&str> = lessons
        .iter()
        .filter_map(|l| l["front"]["exercises"].as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let rank = |exercise: &Value| {
        let id = exercise["id"].as_str().unwrap_or_default();
        lesson_order
            .iter()
            .position(|listed| *listed == id)
            .unwrap_or(usize::MAX)
    };
    // A stable sort keeps the file-name order among exercises no lesson lists.
    by_file.sort_by_key(|exercise| rank(exercise));
    let pack_path = content.join("workshops/default.toml");
    let workshop = toml_to_json(&read_text(&pack_path)?, &pack_path)?;
    read.push(pack_path);
    Ok((
        json!({ "lessons": lessons, "exercises": by_file, "workshop": workshop }),
        read,
    ))
}

/// `{"docs": {"no-local-uploads": "# no-local-uploads\n…", …}}`: each
/// `content/rules/<id>.md`.
pub fn rule_docs(content: &Path) -> Result<(Value, Vec<PathBuf>), String> {
    let mut docs = BTreeMap::new();
    let mut read = Vec::new();
    for path in files(&content.join("rules"), "md")? {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: no rule id in the name", path.display()))?
            .to_owned();
        docs.insert(id, Value::String(read_text(&path)?));
        read.push(path);
    }
    Ok((json!({ "docs": docs }), read))
}

/// The HTML of each lesson (its text as lint-core keeps it: without the blank lines
/// after the front matter) and each hint, keyed by its markdown.
fn rendered_learn(learn: &Value) -> Value {
    let mut rendered = serde_json::Map::new();
    let lessons = learn["lessons"].as_array().into_iter().flatten();
    for markdown in lessons.filter_map(|l| l["markdown"].as_str()) {
        let markdown = markdown.trim_start_matches('\n');
        rendered.insert(
            markdown.to_owned(),
            markdown::to_html(markdown, LESSON_SHIFT).into(),
        );
    }
    let exercises = learn["exercises"].as_array().into_iter().flatten();
    for hint in exercises.flat_map(hints) {
        rendered.insert(hint.to_owned(), markdown::to_html(hint, HINT_SHIFT).into());
    }
    Value::Object(rendered)
}

fn hints(exercise: &Value) -> impl Iterator<Item = &str> {
    exercise["hints"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// The HTML of each rule doc, keyed by its markdown.
fn rendered_docs(docs: &Value) -> Value {
    let docs = docs["docs"].as_object().into_iter().flatten();
    docs.filter_map(|(_, doc)| doc.as_str())
        .map(|doc| {
            (
                doc.to_owned(),
                markdown::to_html(doc, RULE_DOC_SHIFT).into(),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The files in `dir` ending in `.ext`, by name.
fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    out.sort();
    Ok(out)
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The same data as JSON; a file that is no TOML fails with its error.
fn toml_to_json(text: &str, path: &Path) -> Result<Value, String> {
    let value: toml::Value =
        toml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::to_value(value).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
    }

    #[test]
    fn exercises_follow_the_lessons_that_list_them() {
        let (learn, _) = learn(&content()).unwrap();
        let ids: Vec<&str> = learn["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.first(), Some(&"phoenix-1-guestbook"));
        assert_eq!(ids.last(), Some(&"wrap-up-3-receipts"));
        let uploads = ids.iter().position(|id| *id == "uploads-1-dest").unwrap();
        let sessions = ids
            .iter()
            .position(|id| *id == "sessions-1-memory")
            .unwrap();
        assert!(uploads < sessions, "{ids:?}");
    }

    #[test]
    fn rule_docs_are_keyed_by_their_file_name() {
        let (docs, read) = rule_docs(&content()).unwrap();
        assert_eq!(read.len(), docs["docs"].as_object().unwrap().len());
        for (id, doc) in docs["docs"].as_object().unwrap() {
            assert!(
                doc.as_str().unwrap().starts_with(&format!("# {id}")),
                "{id}"
            );
        }
    }

    #[test]
    fn hints_have_no_headings_so_one_rendering_fits_every_view() {
        let (learn, _) = learn(&content()).unwrap();
        for exercise in learn["exercises"].as_array().unwrap() {
            for hint in hints(exercise) {
                assert!(!markdown::has_heading(hint), "{}: {hint}", exercise["id"]);
            }
        }
    }

    #[test]
    fn rendered_html_is_keyed_by_the_markdown_the_app_holds() {
        let (learn, _) = learn(&content()).unwrap();
        let rendered = rendered_learn(&learn);
        let lesson = learn["lessons"][0]["markdown"].as_str().unwrap();
        assert!(
            lesson.starts_with('\n'),
            "the lesson keeps the blank line after `+++`"
        );
        let html = rendered[lesson.trim_start_matches('\n')].as_str().unwrap();
        assert!(html.starts_with("<h1>"), "{html}");
        let (docs, _) = rule_docs(&content()).unwrap();
        let html = rendered_docs(&docs)[docs["docs"]["no-local-uploads"].as_str().unwrap()]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(html.starts_with("<h3>no-local-uploads</h3>"), "{html}");
    }

    #[test]
    fn a_lesson_without_front_matter_is_an_error_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("phoenix-content-{}", std::process::id()));
        fs::create_dir_all(dir.join("lessons")).unwrap();
        fs::write(dir.join("lessons/x.md"), "# no front matter\n").unwrap();
        let err = learn(&dir).unwrap_err();
        fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains("x.md"), "{err}");
    }
}
