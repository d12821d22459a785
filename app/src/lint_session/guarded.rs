//! Runs a lint so that its failure comes back as an error instead of taking the page down.
//!
//! A lint that fails in the browser does not return: a Rust panic aborts (a wasm trap,
//! `RuntimeError: unreachable`), and input deeper than the browser's stack allows throws
//! `RangeError: Maximum call stack size exceeded`. Either unwinds through every wasm frame
//! up to the nearest JavaScript caller, so a lint called straight from a Yew render or
//! effect would leave the page half-built. Called through a JavaScript function instead,
//! the failure stops at that call and is returned here as a message.
//!
//! The frames the failure unwound never run their epilogues, so the shadow stack they used
//! is only given back when the frame that called [`catching`] returns, and nothing they
//! held is released: callers must not run a lint while they hold a `RefCell` borrow the
//! lint needs. It is the second line of defence: the playground lints text from outside
//! (a link, another tab, a paste) in its worker, which is thrown away after a failure,
//! and what its linter answers on the page (`page_linter`) runs through this inside that
//! wasm; the embed and the lessons lint on the page through it.

/// Runs `f`, returning its value, or a message saying why it failed.
#[cfg(target_arch = "wasm32")]
pub fn catching<T: 'static>(f: impl FnOnce() -> T + 'static) -> Result<T, String> {
    use std::cell::RefCell;
    use std::rc::Rc;

    let value = Rc::new(RefCell::new(None));
    let slot = value.clone();
    call_from_js(Box::new(move || *slot.borrow_mut() = Some(f())))?;
    let result = value.borrow_mut().take();
    result.ok_or_else(|| "the linter returned nothing".to_owned())
}

/// Calls `f` from JavaScript, so a trap or a `RangeError` inside it ends that call only.
/// One function for every caller: the wasm carries one copy of the closure glue.
#[cfg(target_arch = "wasm32")]
fn call_from_js(f: Box<dyn FnOnce()>) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    // A panic aborts in this build (`panic = "abort"`), so nothing unwinds through Rust
    // frames: asserting unwind safety only satisfies the signature.
    let closure = Closure::<dyn FnMut()>::once_assert_unwind_safe(f);
    let function: &js_sys::Function = closure.as_ref().unchecked_ref();
    let called = function.call0(&JsValue::NULL);
    drop(closure);
    called.map(drop).map_err(|error| describe(&error))
}

/// Natively a failure is a panic, which the test harness reports: there is nothing to catch.
#[cfg(not(target_arch = "wasm32"))]
pub fn catching<T: 'static>(f: impl FnOnce() -> T + 'static) -> Result<T, String> {
    Ok(f())
}

/// What went wrong, in the words the browser used (`Maximum call stack size exceeded`,
/// `unreachable`, …).
#[cfg(target_arch = "wasm32")]
pub(crate) fn describe(error: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => error
            .as_string()
            .unwrap_or_else(|| "an unknown error".to_owned()),
    }
}
