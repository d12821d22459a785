//! Which dialect to parse a text as.

use oxc_span::SourceType;
use serde::{Deserialize, Serialize};

/// The language of a text. `Auto` suits pasted code: JavaScript first, TypeScript when
/// only TypeScript parses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Auto,
    JavaScript,
    TypeScript,
}

impl Language {
    /// The language a file name implies, `Auto` for an unknown extension.
    pub fn from_file_name(name: &str) -> Self {
        let ext = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase());
        match ext.as_deref() {
            Some("js" | "mjs" | "cjs" | "jsx") => Self::JavaScript,
            Some("ts" | "mts" | "cts" | "tsx") => Self::TypeScript,
            _ => Self::Auto,
        }
    }
}

/// The oxc source types to try, in order, for a language and an optional file name.
pub(crate) fn candidates(language: Language, file_name: Option<&str>) -> Vec<SourceType> {
    if let Some(name) = file_name
        && let Ok(from_path) = SourceType::from_path(name)
    {
        let explicit = matches!(language, Language::Auto)
            || from_path.is_typescript() == matches!(language, Language::TypeScript);
        if explicit {
            return vec![with_unambiguous_js(from_path, name)];
        }
    }
    // JSX is allowed in plain JavaScript: Express apps sometimes render with it.
    let js = SourceType::unambiguous().with_jsx(true);
    let ts = SourceType::ts().with_module(true);
    match language {
        Language::Auto => vec![js, ts],
        Language::JavaScript => vec![js],
        Language::TypeScript => vec![ts],
    }
}

/// `.js` files may be CommonJS scripts or ES modules; let the parser decide, and allow
/// JSX as many Node projects do.
fn with_unambiguous_js(source_type: SourceType, name: &str) -> SourceType {
    if name.to_ascii_lowercase().ends_with(".js") {
        SourceType::unambiguous().with_jsx(true)
    } else {
        source_type
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_file_name() {
        assert_eq!(Language::from_file_name("app.cts"), Language::TypeScript);
        assert_eq!(
            Language::from_file_name("src/server.MJS"),
            Language::JavaScript
        );
        assert_eq!(Language::from_file_name("README"), Language::Auto);
    }

    #[test]
    fn auto_tries_javascript_then_typescript() {
        let c = candidates(Language::Auto, None);
        assert_eq!(c.len(), 2);
        assert!(c[0].is_javascript() && c[1].is_typescript());
    }

    #[test]
    fn file_name_decides_dialect() {
        let c = candidates(Language::Auto, Some("x.tsx"));
        assert!(c[0].is_typescript() && c[0].is_jsx());
    }
}
