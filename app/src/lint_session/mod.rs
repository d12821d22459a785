//! One lint session: the CodeMirror editor, the lint worker (or inline lint when it is
//! unavailable), and the summaries and edits that pass between them.

pub mod editor;
pub mod editor_pane;
pub mod edits;
pub mod guarded;
pub mod linted_editor;
pub mod page_linter;
pub mod project;
pub mod session;
pub mod summary;
pub mod worker;
