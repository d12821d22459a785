//! Phoenix Playground: a Yew front end that lints Express code with lint-core, in the
//! browser, and explains why each finding stops the server from being disposable.
//!
//! The views ship as three wasm bundles built from this library (see
//! [`shell::page::Bundle`]): `phoenix-app` (src/main.rs) carries the playground, the first
//! screen most visitors see; `phoenix-embed` (src/bin/embed.rs) the embed a docs site
//! frames; `phoenix-learn` (src/bin/learn.rs) the lessons, workshops, the drill and the
//! embed builder. Each binary names only its own views, so the linker drops the rest of
//! the code from its wasm. The playground's links no linter: a fourth wasm,
//! `phoenix-linter` (src/bin/linter.rs), lints for it, on the page and in its lint worker
//! ([`lint_session::page_linter`]), and its findings are the first thing the page shows.

// The browser-facing modules only run under wasm32; natively the crate is built for
// its unit tests, where they would otherwise all be reported as unused.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

pub mod drill;
pub mod embed;
pub mod learn;
pub mod lint_session;
pub mod playground;
pub mod shared;
pub mod shell;
