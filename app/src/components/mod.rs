//! Function components, each with the props it needs and nothing more.

mod app;
mod editor_pane;
mod explanation;
mod findings;
mod header;
mod notice;
mod rewrites;

#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use app::App;
