//! Phoenix Playground: a Yew front end that lints Express code with lint-core, in the
//! browser, and explains why each finding stops the server from being disposable.

// The browser-facing modules only run under wasm32; natively the crate is built for
// its unit tests, where they would otherwise all be reported as unused.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod drill;
mod embed;
mod learn;
mod lint_session;
mod playground;
mod shared;
mod shell;

#[cfg(target_arch = "wasm32")]
fn main() {
    // The same wasm runs in the lint worker (static/lint-worker.js): no page there.
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = window
        .document()
        .and_then(|d| d.get_element_by_id("app"))
        .expect("index.html has an #app element");
    yew::Renderer::<shell::root::Root>::with_root(root).render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("phoenix-app runs in a browser: build it with trunk (see scripts/serve.sh).");
}
