//! The playground (`#/`): the editor, its findings, explanations and rewrites, with the
//! learner's code autosaved and recoverable.

pub mod actions;
pub mod app;
pub mod autosave;
pub mod effects;
pub mod files;
pub mod finding_window;
pub mod findings;
pub mod header;
pub mod kept;
pub mod kept_view;
pub mod notice;
pub mod open_folder;
pub mod project_actions;
pub mod startup;
pub mod state;
pub mod tabs;
pub mod tools;

pub use app::App;
