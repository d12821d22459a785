//! Turning lint-core's rewrites into editor changes (UTF-16 positions). What "Apply all"
//! takes is lint-core's `plan_apply_all`, shared with the CLI's `--diff`.

pub use lint_core::plan_apply_all;

use lint_core::TextEdit;
use serde::{Deserialize, Serialize};

/// A change as CodeMirror counts positions: UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorEdit {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// The edits in editor positions; never the byte offsets, which only Rust slices with.
pub fn editor_edits<'e>(edits: impl IntoIterator<Item = &'e TextEdit>) -> Vec<EditorEdit> {
    edits
        .into_iter()
        .map(|edit| EditorEdit {
            from: edit.range.start_utf16,
            to: edit.range.end_utf16,
            insert: edit.text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::LineIndex;

    fn edit(source: &str, start: u32, end: u32, text: &str) -> TextEdit {
        TextEdit {
            range: LineIndex::new(source).range(start, end),
            text: text.to_owned(),
        }
    }

    #[test]
    fn editor_edits_use_utf16_offsets() {
        let source = "const s = '🔥'; let hits = 0;";
        let start = source.find("let").unwrap() as u32;
        let edits = editor_edits([&edit(source, start, start + 3, "var")]);
        // The emoji is 4 bytes but 2 UTF-16 units.
        assert_eq!(
            edits,
            [EditorEdit {
                from: start - 2,
                to: start + 1,
                insert: "var".into()
            }]
        );
    }
}
