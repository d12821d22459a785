//! Starter apps the learner can load, compiled in from `content/examples/`.

use crate::lint_session::project::SourceFile;

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
        id: "scans",
        title: "Scans parked on disk",
        source: include_str!("../../../content/examples/scans.js"),
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
        id: "shop",
        title: "Shop in several files",
        source: include_str!("../../../content/examples/shop/app.js"),
    },
    Example {
        id: "typescript",
        title: "TypeScript app",
        source: include_str!("../../../content/examples/typescript.ts"),
    },
];

/// The files of the multi-file shop, `app.js` first, as the examples folder holds them.
const SHOP: &[(&str, &str)] = &[
    (
        "app.js",
        include_str!("../../../content/examples/shop/app.js"),
    ),
    (
        "config/session.js",
        include_str!("../../../content/examples/shop/config/session.js"),
    ),
    (
        "controllers/cart.js",
        include_str!("../../../content/examples/shop/controllers/cart.js"),
    ),
    (
        "models/cart.js",
        include_str!("../../../content/examples/shop/models/cart.js"),
    ),
    (
        "routes/cart.js",
        include_str!("../../../content/examples/shop/routes/cart.js"),
    ),
    (
        "routes/uploads.js",
        include_str!("../../../content/examples/shop/routes/uploads.js"),
    ),
];

/// The files of an example that is a project of several files.
pub fn project_files(example: &Example) -> Option<Vec<SourceFile>> {
    (example.id == "shop").then(|| {
        SHOP.iter()
            .map(|(path, source)| SourceFile::new(*path, *source))
            .collect()
    })
}

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
    fn the_shop_is_its_folder_with_app_js_first_and_findings_in_several_files() {
        let shop = by_id("shop").unwrap();
        let files = project_files(shop).unwrap();
        assert_eq!(files[0].path, "app.js");
        assert_eq!(files[0].source, shop.source);
        let linted = crate::lint_session::project::lint_files(&files);
        assert!(linted.iter().all(|f| !f.result.has_fatal()));
        let with_findings = linted.iter().filter(|f| f.result.findings().count() > 0);
        assert!(with_findings.count() >= 2, "{linted:?}");
        assert_eq!(project_files(by_id("clean").unwrap()), None);
    }

    #[test]
    fn the_typescript_example_is_read_as_typescript() {
        let result = lint(by_id("typescript").unwrap().source, &LintOptions::default());
        assert_eq!(result.language, lint_core::Language::TypeScript);
    }
}
