//! The built-in lessons, exercises, workshop pack and rule docs, read from the JSON that
//! `phoenix-content` writes (see build.rs). Native builds compile it in. The playground's
//! wasm does not: it fetches the same files when a view needs them and hands them to
//! [`install_learn`] and [`install_rule_docs`]; until then the lists are empty. The files
//! the app fetches (and native builds) carry the HTML of their markdown, rendered at build
//! time: see [`rendered`].

use std::{
    collections::{BTreeMap, HashMap},
    sync::OnceLock,
};

use serde::Deserialize;

use crate::{
    diagnostic::RuleId,
    exercise::{Exercise, FrontMatter, Lesson, WorkshopPack},
};

/// Whether this build has the content compiled in.
macro_rules! embedded {
    ($($item:item)*) => {
        $(#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-content"))] $item)*
    };
}

embedded! {
    const LEARN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/learn.json"));
    const RULE_DOCS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rule-docs.json"));
}

/// The name of the lessons', exercises' and pack's file, next to the app's index.html
/// under `content/`.
pub const LEARN_FILE: &str = "learn.json";
/// The name of the rule docs' file, next to [`LEARN_FILE`].
pub const RULE_DOCS_FILE: &str = "rule-docs.json";

/// Everything the tutorial and the workshop views read.
#[derive(Debug)]
pub(crate) struct Learn {
    pub exercises: Vec<Exercise>,
    pub lessons: Vec<Lesson>,
    pub pack: WorkshopPack,
    /// Markdown → its HTML.
    rendered: HashMap<String, String>,
}

/// The rule docs, markdown, and their HTML.
#[derive(Debug)]
struct RuleDocs {
    docs: BTreeMap<RuleId, String>,
    rendered: HashMap<String, String>,
}

/// A lesson as `phoenix-content` writes it: the front matter as JSON, then the markdown.
#[derive(Deserialize)]
struct BuiltLesson {
    front: FrontMatter,
    markdown: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnFile {
    lessons: Vec<BuiltLesson>,
    exercises: Vec<Exercise>,
    workshop: WorkshopPack,
    #[serde(default)]
    rendered: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDocsFile {
    docs: BTreeMap<RuleId, String>,
    #[serde(default)]
    rendered: HashMap<String, String>,
}

fn parse_learn(json: &str) -> Result<Learn, String> {
    let file: LearnFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let pack = file
        .workshop
        .validated_against(&file.exercises)
        .map_err(|e| format!("the default workshop pack: {e}"))?;
    Ok(Learn {
        lessons: file
            .lessons
            .into_iter()
            .map(|l| Lesson::new(l.front, &l.markdown))
            .collect(),
        exercises: file.exercises,
        pack,
        rendered: file.rendered,
    })
}

static LEARN: OnceLock<Learn> = OnceLock::new();
static RULE_DOCS: OnceLock<RuleDocs> = OnceLock::new();

/// Takes the text of [`LEARN_FILE`]. Once one has been taken, later calls change nothing.
pub fn install_learn(json: &str) -> Result<(), String> {
    if LEARN.get().is_none() {
        let learn = parse_learn(json)?;
        let _ = LEARN.set(learn);
    }
    Ok(())
}

/// Whether the lessons, exercises and pack are there to read.
pub fn learn_installed() -> bool {
    learn().is_some()
}

/// Takes the text of [`RULE_DOCS_FILE`]: one markdown doc per rule. Once one has been
/// taken, later calls change nothing.
pub fn install_rule_docs(json: &str) -> Result<(), String> {
    if RULE_DOCS.get().is_none() {
        let docs = parse_rule_docs(json)?;
        let _ = RULE_DOCS.set(docs);
    }
    Ok(())
}

fn parse_rule_docs(json: &str) -> Result<RuleDocs, String> {
    let file: RuleDocsFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
    match RuleId::ALL
        .iter()
        .find(|rule| !file.docs.contains_key(rule))
    {
        Some(missing) => Err(format!("no doc for {missing}")),
        None => Ok(RuleDocs {
            docs: file.docs,
            rendered: file.rendered,
        }),
    }
}

/// The markdown doc of `rule`, when the docs are there (always in native builds).
pub fn loaded_rule_doc(rule: RuleId) -> Option<&'static str> {
    rule_docs()
        .and_then(|docs| docs.docs.get(&rule))
        .map(String::as_str)
}

/// The HTML of a lesson's text, a hint or a rule doc, rendered at build time: the markdown
/// comes from this module's content, so its HTML is there once that content is.
pub fn rendered(markdown: &str) -> Option<&'static str> {
    let learn = learn().and_then(|learn| learn.rendered.get(markdown));
    let docs = || rule_docs().and_then(|docs| docs.rendered.get(markdown));
    learn.or_else(docs).map(String::as_str)
}

embedded! {
    pub(crate) fn learn() -> Option<&'static Learn> {
        // The content tests parse every file, so a broken one fails `cargo test` long
        // before it could reach this `expect`.
        Some(LEARN.get_or_init(|| parse_learn(LEARN_JSON).expect("content/: built-in content")))
    }

    fn rule_docs() -> Option<&'static RuleDocs> {
        Some(RULE_DOCS.get_or_init(|| {
            parse_rule_docs(RULE_DOCS_JSON).expect("content/rules/: built-in rule docs")
        }))
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "embedded-content")))]
pub(crate) fn learn() -> Option<&'static Learn> {
    LEARN.get()
}

#[cfg(all(target_arch = "wasm32", not(feature = "embedded-content")))]
fn rule_docs() -> Option<&'static RuleDocs> {
    RULE_DOCS.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_doc_compiled_in() {
        for rule in RuleId::ALL {
            let doc = loaded_rule_doc(rule).unwrap();
            assert!(doc.starts_with(&format!("# {rule}")), "{rule}");
        }
    }

    #[test]
    fn rule_docs_missing_a_rule_are_refused() {
        let err = parse_rule_docs(r##"{"docs": {"no-local-uploads": "# no-local-uploads"}}"##)
            .unwrap_err();
        assert!(err.contains("no-local-sessions"), "{err}");
    }

    #[test]
    fn a_pack_naming_an_unknown_exercise_is_refused() {
        let json = r#"{"lessons": [], "exercises": [],
            "workshop": {"id": "p", "title": "P", "steps": [{"exercise": "nope"}]}}"#;
        let err = parse_learn(json).unwrap_err();
        assert!(err.contains("nope"), "{err}");
    }

    #[test]
    fn every_lesson_hint_and_rule_doc_comes_rendered() {
        for lesson in crate::exercise::lessons() {
            let html = rendered(&lesson.markdown).unwrap_or_else(|| panic!("{}", lesson.id));
            assert!(
                html.contains(&format!("<h1>{}</h1>", lesson.title)),
                "{html}"
            );
        }
        for exercise in crate::exercise::exercises() {
            for hint in &exercise.hints {
                assert!(rendered(hint).is_some(), "{}: {hint}", exercise.id);
            }
        }
        for rule in RuleId::ALL {
            let html = rendered(loaded_rule_doc(rule).unwrap()).unwrap();
            assert!(html.starts_with(&format!("<h3>{rule}</h3>")), "{html}");
        }
        assert_eq!(rendered("not one of ours"), None);
    }

    #[test]
    fn the_compiled_in_content_is_read() {
        let learn = learn().unwrap();
        assert!(!learn.lessons.is_empty());
        assert!(!learn.exercises.is_empty());
        assert_eq!(learn.pack.id, "default");
    }
}
