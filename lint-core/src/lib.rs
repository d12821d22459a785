//! lint-core: finds the places where an Express app keeps state of its own, so that the
//! server cannot be killed and replaced ("phoenix server"), and explains each with a rewrite.
//!
//! Pure library: parse with oxc, build the semantic model once, run every rule from one
//! walk over the nodes, return owned results. No web dependencies.

pub mod content;
mod context;
mod diagnostic;
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-content"))]
mod docs;
mod edits;
pub mod eslint;
pub mod exercise;
mod guard;
mod linter;
mod position;
mod project;
mod requirements;
mod resolve;
mod rules;
mod services;
mod source;

pub use diagnostic::{
    Diagnostic, Failure, FileEdits, FixSafety, HttpRoute, Label, Rewrite, RuleId, Severity,
    StateInfo, StateKind, StateLocation, TextEdit,
};
#[cfg(any(not(target_arch = "wasm32"), feature = "embedded-content"))]
pub use docs::{rewrite_requirements, rule_doc};
pub use edits::{
    ApplyAllPlan, ProjectFilePlan, apply_edits, merge_edits, plan_apply_all, plan_project_apply_all,
};
pub use guard::{MAX_NESTING_DEPTH, MAX_OPEN_ANGLES, MAX_SOURCE_BYTES, too_large_message};
pub use linter::{LintOptions, LintResult, lint};
pub use position::{LineIndex, SourceRange};
pub use project::{
    FileResult, ProjectFile, lint_project, lint_project_on, normalise as normalise_project_path,
    survey_project,
};
pub use requirements::{Package, Requirements, Service};
pub use rules::RuleMeta;
pub use services::{RegisteredRoute, ServiceUse, SharedState, Survey, survey};
pub use source::Language;
