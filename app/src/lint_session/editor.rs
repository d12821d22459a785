//! The CodeMirror editor, reached through the thin glue in `app/js/editor.js`.
//!
//! Everything crossing the boundary is plain text, JSON or UTF-16 offsets; the glue
//! decides nothing.

use std::rc::Rc;

use lint_core::{Diagnostic, LintResult, Severity};
use wasm_bindgen::prelude::*;

use crate::lint_session::edits::EditorEdit;

#[wasm_bindgen]
extern "C" {
    /// The glue's handle on one CodeMirror view.
    #[derive(Clone)]
    pub type EditorHandle;

    #[wasm_bindgen(js_namespace = PhoenixEditor, js_name = createEditor)]
    fn create_editor(
        parent: &web_sys::Element,
        doc: &str,
        on_change: &js_sys::Function,
    ) -> EditorHandle;

    #[wasm_bindgen(method, js_name = getText)]
    fn get_text(this: &EditorHandle) -> String;

    /// The same text, left in JavaScript: a Rust `String` cannot hold a lone surrogate.
    #[wasm_bindgen(method, js_name = getText)]
    fn get_text_js(this: &EditorHandle) -> js_sys::JsString;

    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &EditorHandle, json: &str);

    #[wasm_bindgen(method, js_name = setSelection)]
    fn set_selection(this: &EditorHandle, from: u32, to: u32);

    #[wasm_bindgen(method, js_name = setSelection)]
    fn set_selection_focus(this: &EditorHandle, from: u32, to: u32, focus: bool);

    #[wasm_bindgen(method, js_name = applyEdits)]
    fn apply_edits(this: &EditorHandle, json: &str);

    #[wasm_bindgen(method, js_name = setDark)]
    fn set_dark(this: &EditorHandle, dark: bool);

    #[wasm_bindgen(method, js_name = setTypeScript)]
    fn set_typescript(this: &EditorHandle, typescript: bool);

    #[wasm_bindgen(method, js_name = setReadOnly)]
    fn set_read_only(this: &EditorHandle, read_only: bool);

    #[wasm_bindgen(method)]
    fn destroy(this: &EditorHandle);

    #[wasm_bindgen(method, js_name = showFile)]
    fn show_file(this: &EditorHandle, from_path: &str, to_path: &str, text: &str);

    #[wasm_bindgen(method, js_name = renameFile)]
    fn rename_file(this: &EditorHandle, from_path: &str, to_path: &str);

    #[wasm_bindgen(method, js_name = forgetFiles)]
    fn forget_files(this: &EditorHandle);
}

/// A live editor. Cloning shares it; equality is identity.
#[derive(Clone)]
pub struct Editor {
    handle: EditorHandle,
    // Dropping the closure would leave CodeMirror calling freed memory.
    _on_change: Rc<Closure<dyn FnMut()>>,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self._on_change, &other._on_change)
    }
}

impl Editor {
    /// Mounts CodeMirror inside `parent`; `on_change` runs after every change of the text.
    pub fn mount(parent: &web_sys::Element, doc: &str, on_change: impl FnMut() + 'static) -> Self {
        let on_change = Closure::<dyn FnMut()>::new(on_change);
        let handle = create_editor(parent, doc, on_change.as_ref().unchecked_ref());
        Self {
            handle,
            _on_change: Rc::new(on_change),
        }
    }

    pub fn text(&self) -> String {
        self.handle.get_text()
    }

    /// Whether the text holds a lone surrogate (half of a UTF-16 pair). [`Self::text`]
    /// gives it as U+FFFD, so what is saved or linted differs from what is shown there.
    pub fn has_lone_surrogate(&self) -> bool {
        !self.handle.get_text_js().is_valid_utf16()
    }

    /// Replaces the whole text; one undo brings the old text back.
    pub fn replace_text(&self, text: &str) {
        self.handle.set_text(text);
    }

    /// Shows another file of a project: the shown one's editor state (undo history and
    /// all) is kept under `from_path`, and `to_path`'s comes back if its text is `text`.
    pub fn show_file(&self, from_path: &str, to_path: &str, text: &str) {
        self.handle.show_file(from_path, to_path, text);
    }

    /// A file not shown was renamed: its kept state follows it.
    pub fn rename_file(&self, from_path: &str, to_path: &str) {
        self.handle.rename_file(from_path, to_path);
    }

    /// Forgets the kept states of files not shown (another project opened).
    pub fn forget_files(&self) {
        self.handle.forget_files();
    }

    pub fn show_diagnostics(&self, result: &LintResult) {
        self.show_diagnostics_json(&diagnostics_json(&result.diagnostics));
    }

    /// Shows diagnostics already in the glue's format (see [`diagnostics_json`]).
    pub fn show_diagnostics_json(&self, json: &str) {
        self.handle.set_diagnostics(json);
    }

    /// Selects a UTF-16 range, scrolls it into view and focuses the editor.
    pub fn select(&self, from: u32, to: u32) {
        self.handle.set_selection(from, to);
    }

    /// Selects a UTF-16 range without focusing the editor or scrolling: on a phone, focus
    /// would open the keyboard over what the learner asked to read.
    pub fn select_quietly(&self, from: u32, to: u32) {
        self.handle.set_selection_focus(from, to, false);
    }

    /// Applies edits as one transaction, so one undo reverts them all.
    pub fn apply(&self, edits: &[EditorEdit]) {
        let json = serde_json::to_string(edits).expect("edits serialise");
        self.handle.apply_edits(&json);
    }

    pub fn set_dark(&self, dark: bool) {
        self.handle.set_dark(dark);
    }

    pub fn set_typescript(&self, typescript: bool) {
        self.handle.set_typescript(typescript);
    }

    pub fn set_read_only(&self, read_only: bool) {
        self.handle.set_read_only(read_only);
    }

    pub fn destroy(&self) {
        self.handle.destroy();
    }
}

/// The editor's diagnostics as one compact JSON document:
/// `{"helps": [help, …], "items": [[from, to, severity, rule, message, help], …]}` with
/// UTF-16 offsets, CodeMirror's severity names, `rule` null for a syntax error, and `help`
/// an index into `helps` or -1 (the same few help texts recur across thousands of items).
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> String {
    /// `[from, to, severity, rule, message, help]`.
    type Item<'a> = (u32, u32, &'static str, Option<&'static str>, &'a str, i64);
    let mut helps: Vec<&str> = vec![];
    let items: Vec<Item<'_>> = diagnostics
        .iter()
        .map(|d| {
            let help = match d.help.as_deref() {
                None => -1,
                Some(help) => match helps.iter().position(|h| *h == help) {
                    Some(i) => i as i64,
                    None => {
                        helps.push(help);
                        helps.len() as i64 - 1
                    }
                },
            };
            let severity = match d.severity {
                Severity::Info => "info",
                Severity::Warning => "warning",
                Severity::Error => "error",
            };
            (
                d.range.start_utf16,
                d.range.end_utf16,
                severity,
                d.rule.map(|r| r.as_str()),
                d.message.as_str(),
                help,
            )
        })
        .collect();
    serde_json::to_string(&serde_json::json!({ "helps": helps, "items": items }))
        .expect("diagnostics serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::{LintOptions, lint};

    #[test]
    fn syntax_errors_are_sent_with_utf16_offsets() {
        // The emoji is 4 bytes in UTF-8 and 2 units in UTF-16.
        let source = "const s = '🔥';\nlet = ;";
        let result = lint(source, &LintOptions::default());
        let json: serde_json::Value =
            serde_json::from_str(&diagnostics_json(&result.diagnostics)).unwrap();
        let first = &json["items"][0];
        assert_eq!(first[2], "error");
        assert_eq!(first[3], serde_json::Value::Null);
        assert_eq!(first[5], -1);
        let d = &result.diagnostics[0];
        assert_eq!(first[0], d.range.start_utf16);
        assert!(
            d.range.start > d.range.start_utf16,
            "the test needs a non-ASCII prefix"
        );
    }

    #[test]
    fn each_help_text_is_sent_once() {
        let source = "const express = require('express');\nconst app = express();\n\
            let a = 0;\nlet b = 0;\napp.get('/', (req, res) => { a++; b++; res.end(); });\n";
        let result = lint(source, &LintOptions::default());
        let json: serde_json::Value =
            serde_json::from_str(&diagnostics_json(&result.diagnostics)).unwrap();
        let items = json["items"].as_array().unwrap();
        assert_eq!(items.len(), result.diagnostics.len());
        assert!(items.len() >= 2, "{result:#?}");
        assert_eq!(json["helps"].as_array().unwrap().len(), 1);
        for (item, d) in items.iter().zip(&result.diagnostics) {
            assert_eq!(item[4], d.message.as_str());
            assert_eq!(
                json["helps"][item[5].as_u64().unwrap() as usize],
                d.help.as_deref().unwrap()
            );
            assert_eq!(item[3], d.rule.unwrap().as_str());
        }
    }
}
