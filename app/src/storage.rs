//! What the browser keeps between visits: the code, the theme and tutorial progress.
//! Only this module touches local storage.

use gloo::storage::{LocalStorage, Storage};

use crate::theme::ThemePref;

const CODE: &str = "phoenix-playground.code";
/// The learner's code that a shared link replaced, kept until they restore it.
const DISPLACED: &str = "phoenix-playground.code-before-link";
const THEME: &str = "phoenix-playground.theme";

pub fn load_code() -> Option<String> {
    LocalStorage::get(CODE).ok()
}

/// Saving is best effort: a full or disabled storage must not break the editor.
pub fn save_code(code: &str) {
    let _ = LocalStorage::set(CODE, code);
}

pub fn keep_displaced(code: &str) {
    let _ = LocalStorage::set(DISPLACED, code);
}

pub fn load_displaced() -> Option<String> {
    LocalStorage::get(DISPLACED).ok()
}

pub fn load_theme() -> ThemePref {
    LocalStorage::get::<String>(THEME)
        .map(|t| ThemePref::parse(&t))
        .unwrap_or_default()
}

pub fn save_theme(theme: ThemePref) {
    let _ = LocalStorage::set(THEME, theme.as_str());
}

/// Tutorial and workshop progress, as one JSON value (see `progress.rs`).
const PROGRESS: &str = "phoenix-playground.progress";

pub fn load_progress() -> crate::progress::Progress {
    LocalStorage::get::<String>(PROGRESS)
        .map(|text| crate::progress::Progress::from_json(&text))
        .unwrap_or_default()
}

pub fn save_progress(progress: &crate::progress::Progress) {
    let _ = LocalStorage::set(PROGRESS, progress.to_json());
}
