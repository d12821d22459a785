//! The top of the app: picks the view the URL fragment asks for, follows the fragment
//! (the one listener for it), and removes the loading message once a view is up. Each
//! bundle starts it with its own views; a fragment that asks for a view of the other
//! bundle reloads the page, so static/boot.js loads that bundle's wasm instead.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::shell::browser;
use crate::shell::page::{Bundle, Page};

/// The views of one bundle: `None` for a page this bundle does not carry.
pub type Views = fn(&Address) -> Option<Html>;

/// Each bundle's `main`. In the browser it does nothing: static/boot.js instantiates the
/// module, may use it first (the playground's linter marks the loading screen's
/// findings), and starts the app through the bundle's `mount` export, which calls
/// [`start`], once the editor bundle has run.
pub fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("phoenix-app runs in a browser: build it with trunk (see scripts/serve.sh).");
}

/// Renders the bundle's views into the page's `#app` element.
#[cfg(target_arch = "wasm32")]
pub fn start(bundle: Bundle, views: Views) {
    let Some(window) = web_sys::window() else {
        return; // not a page
    };
    // The benchmark reads when the wasm started.
    browser::perf::mark("app-start");
    let root = window
        .document()
        .and_then(|d| d.get_element_by_id("app"))
        .expect("index.html has an #app element");
    yew::Renderer::<Root>::with_root_and_props(root, RootProps { bundle, views }).render();
}

#[cfg(not(target_arch = "wasm32"))]
pub fn start(_: Bundle, _: Views) {}

/// The URL fragment, the page it asks for, and how many times it has changed.
#[derive(PartialEq)]
pub struct Address {
    pub fragment: AttrValue,
    pub page: Page,
    pub visit: u32,
}

impl Address {
    fn read(visit: u32) -> Self {
        let fragment = browser::fragment();
        Self {
            page: Page::parse(&fragment),
            fragment: fragment.into(),
            visit,
        }
    }
}

/// The fragment changed.
pub struct Changed;

impl Reducible for Address {
    type Action = Changed;

    fn reduce(self: Rc<Self>, Changed: Changed) -> Rc<Self> {
        Rc::new(Self::read(self.visit + 1))
    }
}

#[derive(Properties)]
pub struct RootProps {
    pub bundle: Bundle,
    pub views: Views,
}

// A bundle starts with one set of views and never changes them: the bundle alone tells
// two props apart (function pointers have no meaningful equality).
impl PartialEq for RootProps {
    fn eq(&self, other: &Self) -> bool {
        self.bundle == other.bundle
    }
}

#[function_component]
pub fn Root(props: &RootProps) -> Html {
    let address = use_reducer(|| Address::read(0));
    {
        let dispatcher = address.dispatcher();
        use_effect_with((), move |_| {
            // The page is ready: the loading message goes (the views render first).
            browser::remove_element("boot");
            let listener = EventListener::new(&browser::window(), "hashchange", move |_| {
                dispatcher.dispatch(Changed)
            });
            move || drop(listener)
        });
    }
    {
        // A new page opens at its top, not at the scroll position the last one left (the
        // browser keeps it across fragment changes). The first page keeps what the browser
        // restores on a reload.
        let first = use_mut_ref(|| true);
        use_effect_with(address.page.clone(), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        });
    }
    let elsewhere = address
        .page
        .bundle()
        .is_some_and(|bundle| bundle != props.bundle);
    {
        // Followed to a view of the other bundle: load the page again, and boot.js starts
        // that bundle. On the first render it would be boot.js that chose wrongly, and a
        // reload would choose the same again: that case shows a message instead.
        let visit = address.visit;
        use_effect_with((elsewhere, visit), move |&(elsewhere, visit)| {
            if elsewhere && visit > 0 {
                let _ = browser::window().location().reload();
            }
        });
    }
    if let Page::NotFound { fragment } = &address.page {
        return html! { <NotFound fragment={fragment.clone()} /> };
    }
    match (props.views)(&address) {
        Some(view) if !elsewhere => view,
        _ if address.visit > 0 => html! {},
        // Loading again would choose the same bundle; the playground's link leads out.
        _ => html! {
            <main class="not-found">
                <h1>{ "This page did not start" }</h1>
                <p>{ "The page loaded the part of the app for another view." }</p>
                <p><a href="#/">{ "Open the playground" }</a></p>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct NotFoundProps {
    fragment: AttrValue,
}

#[function_component]
fn NotFound(props: &NotFoundProps) -> Html {
    html! {
        <main class="not-found">
            <h1>{ "Nothing here" }</h1>
            <p>{ "This link asks for a page the playground does not have: " }
                <code>{ crate::shared::text::marked_controls(&props.fragment) }</code></p>
            <p><a href="#/">{ "Open the playground" }</a></p>
        </main>
    }
}
