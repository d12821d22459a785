//! What the browser keeps between visits: the code, code put aside (`kept`), the theme
//! and tutorial progress. Only this module touches local storage.
//!
//! Another tab of the playground shares this storage, so a write never drops what another
//! tab saved: the code another tab saved is put aside before this tab saves over it, and
//! progress is merged per exercise. A write that fails (storage full or switched off)
//! is reported to the caller, which tells the learner: the text stays in the editor.

use std::cell::Cell;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use gloo::storage::{LocalStorage, Storage};

use crate::learn::progress::Progress;
use crate::playground::kept::{self, Kept, Why};
use crate::shell::theme::ThemePref;

pub const CODE: &str = "phoenix-playground.code";
/// The files of a project (see `playground::files`); the shown one's text is [`CODE`].
pub const PROJECT: &str = "phoenix-playground.project";
/// Code put aside instead of lost, newest first (see `kept.rs`).
pub const KEPT: &str = "phoenix-playground.kept";
/// The one slot earlier versions kept displaced code in; read once into [`KEPT`].
const OLD_DISPLACED: &str = "phoenix-playground.code-before-link";
const THEME: &str = "phoenix-playground.theme";
/// Tutorial and workshop progress, as one JSON value (see `progress.rs`).
pub const PROGRESS: &str = "phoenix-playground.progress";

/// A write the browser refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError;

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("this browser's storage for the playground is full or switched off")
    }
}

thread_local! {
    /// A fingerprint of the code this tab last read from or wrote to storage: stored
    /// code that differs from it was written by another tab.
    static SEEN: Cell<Option<u64>> = const { Cell::new(None) };
}

fn fingerprint(code: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    code.hash(&mut hasher);
    hasher.finish()
}

fn seen(code: &str) {
    SEEN.with(|s| s.set(Some(fingerprint(code))));
}

/// The saved code; this tab now counts as having seen it.
pub fn load_code() -> Option<String> {
    let code: Option<String> = LocalStorage::get(CODE).ok();
    if let Some(code) = &code {
        seen(code);
    }
    code
}

/// The saved code, without counting it as seen (see [`load_code`]).
pub fn saved_code() -> Option<String> {
    LocalStorage::get(CODE).ok()
}

/// Whether `code` is what this tab last read from or wrote to storage.
pub fn is_seen(code: &str) -> bool {
    SEEN.with(|s| s.get()) == Some(fingerprint(code))
}

/// Saves the learner's code. Code another tab saved since this tab last looked is put
/// aside first; if that fails, nothing is overwritten. `Ok(true)` when code was put aside.
pub fn save_code(code: &str) -> Result<bool, SaveError> {
    write_code(code, None)
}

/// Saves `code` over the saved code, putting that aside first as `why`; if that fails,
/// nothing is overwritten. `Ok(true)` when code was put aside.
pub fn replace_code(code: &str, why: Why) -> Result<bool, SaveError> {
    write_code(code, Some(why))
}

fn write_code(code: &str, why: Option<Why>) -> Result<bool, SaveError> {
    let stored: Option<String> = LocalStorage::get(CODE).ok();
    match stored {
        // Already saved: nothing to write, even when storage is full.
        Some(stored) if stored == code => {
            seen(code);
            Ok(false)
        }
        Some(stored) => {
            let why = why.or_else(|| (!is_seen(&stored)).then_some(Why::AnotherTab));
            if let Some(why) = why {
                keep(&stored, why)?;
            }
            LocalStorage::set(CODE, code).map_err(|_| SaveError)?;
            seen(code);
            Ok(why.is_some())
        }
        None => {
            LocalStorage::set(CODE, code).map_err(|_| SaveError)?;
            seen(code);
            Ok(false)
        }
    }
}

/// The project as `Project::to_saved` wrote it.
pub fn load_project() -> Option<String> {
    LocalStorage::raw().get_item(PROJECT).ok().flatten()
}

/// Saves a project's files; `None` forgets them (a single file is just [`CODE`]).
pub fn save_project(saved: Option<&str>) -> Result<(), SaveError> {
    match saved {
        Some(saved) => LocalStorage::raw()
            .set_item(PROJECT, saved)
            .map_err(|_| SaveError),
        None => {
            LocalStorage::delete(PROJECT);
            Ok(())
        }
    }
}

/// Forgets the saved code (it stopped the linter: see `kept::Why::StoppedLinter`), so
/// the views that open it (the playground, the drill) start from the example instead.
pub fn forget_code() {
    LocalStorage::delete(CODE);
}

/// Puts `code` aside as `why`.
pub fn keep(code: &str, why: Why) -> Result<(), SaveError> {
    let entry = Kept {
        code: code.to_owned(),
        why,
        at: js_sys::Date::now() as u64,
    };
    let list = kept::with(load_kept(), entry);
    write_kept(&list)
}

/// The list as plain JSON (not wrapped in a JSON string, as `LocalStorage::set` would).
fn write_kept(list: &[Kept]) -> Result<(), SaveError> {
    LocalStorage::raw()
        .set_item(KEPT, &kept::to_json(list))
        .map_err(|_| SaveError)
}

/// The code put aside, newest first.
pub fn load_kept() -> Vec<Kept> {
    let mut list = LocalStorage::raw()
        .get_item(KEPT)
        .ok()
        .flatten()
        .map(|text| kept::parse(&text))
        .unwrap_or_default();
    // The single slot of earlier versions joins the list once.
    if let Ok(old) = LocalStorage::get::<String>(OLD_DISPLACED) {
        list = kept::with(
            list,
            Kept {
                code: old,
                why: Why::SharedLink,
                at: 0,
            },
        );
        if write_kept(&list).is_ok() {
            LocalStorage::delete(OLD_DISPLACED);
        }
    }
    list
}

pub fn load_theme() -> ThemePref {
    LocalStorage::get::<String>(THEME)
        .map(|t| ThemePref::parse(&t))
        .unwrap_or_default()
}

pub fn save_theme(theme: ThemePref) {
    // Best effort: a theme that does not stick is a small loss, and says so by itself.
    let _ = LocalStorage::set(THEME, theme.as_str());
}

pub fn load_progress() -> Progress {
    LocalStorage::get::<String>(PROGRESS)
        .map(|text| Progress::from_json(&text))
        .unwrap_or_default()
}

/// Saves what changed in this tab between `before` and `now`, merged per exercise into
/// what is stored now, so an exercise another tab saved meanwhile is kept. A reset is
/// written as it is. Returns the progress now stored.
pub fn save_progress(before: &Progress, now: &Progress) -> Result<Progress, SaveError> {
    let merged = if now.generation != before.generation {
        now.clone()
    } else {
        load_progress().with_changes(before, now)
    };
    LocalStorage::set(PROGRESS, merged.to_json()).map_err(|_| SaveError)?;
    Ok(merged)
}
