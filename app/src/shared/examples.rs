//! Starter apps the learner can load, compiled in from `content/examples/`.

/// One starter app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id, used as the value of the menu option.
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "all-three",
        title: "Photo API: all three patterns",
        source: include_str!("../../../content/examples/all-three.js"),
    },
    Example {
        id: "local-uploads",
        title: "Avatars on local disk",
        source: include_str!("../../../content/examples/local-uploads.js"),
    },
    Example {
        id: "local-sessions",
        title: "Cart in file sessions",
        source: include_str!("../../../content/examples/local-sessions.js"),
    },
    Example {
        id: "global-state",
        title: "Link shortener in memory",
        source: include_str!("../../../content/examples/global-state.js"),
    },
    Example {
        id: "clean",
        title: "Clean: S3 + Redis",
        source: include_str!("../../../content/examples/clean.js"),
    },
    Example {
        id: "typescript",
        title: "TypeScript app",
        source: include_str!("../../../content/examples/typescript.ts"),
    },
];

/// What a first visit shows: the app with every anti-pattern.
pub const DEFAULT: &Example = &EXAMPLES[0];

pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The example whose text the editor holds unchanged, if any.
pub fn matching(source: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.source == source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::{LintOptions, lint};

    #[test]
    fn ids_are_unique_and_found() {
        for example in EXAMPLES {
            assert_eq!(by_id(example.id), Some(example));
            assert_eq!(matching(example.source).map(|e| e.id), Some(example.id));
        }
        assert_eq!(by_id("nope"), None);
    }

    #[test]
    fn every_example_parses() {
        for example in EXAMPLES {
            let result = lint(example.source, &LintOptions::default());
            assert!(
                !result.has_fatal(),
                "{} has a syntax error: {:?}",
                example.id,
                result
            );
        }
    }

    #[test]
    fn the_typescript_example_is_read_as_typescript() {
        let result = lint(by_id("typescript").unwrap().source, &LintOptions::default());
        assert_eq!(result.language, lint_core::Language::TypeScript);
    }
}
