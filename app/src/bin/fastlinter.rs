//! The `phoenix-fastlinter` bundle: `phoenix-linter`'s own code, built with the workspace's
//! `fastlinter` profile (its hot crates at `opt-level = 3`). The lint worker fetches it once
//! a text is long enough for lint time to matter, and lints with the small one until it has
//! arrived, or when it fails (static/lint-worker.js).

#[path = "linter.rs"]
mod linter;

fn main() {
    linter::main();
}
