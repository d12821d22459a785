//! The top of the app: picks the view the URL fragment asks for, follows the fragment
//! (the one listener for it), and removes the loading message once a view is up.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::embed::link_maker::LinkMaker;
use crate::embed::view::EmbedView;
use crate::playground::App;
use crate::shared::content::{Content, WithContent};
use crate::shell::browser;
use crate::shell::page::Page;

/// The URL fragment, the page it asks for, and how many times it has changed.
#[derive(PartialEq)]
struct Address {
    fragment: AttrValue,
    page: Page,
    visit: u32,
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
struct Changed;

impl Reducible for Address {
    type Action = Changed;

    fn reduce(self: Rc<Self>, Changed: Changed) -> Rc<Self> {
        Rc::new(Self::read(self.visit + 1))
    }
}

#[function_component]
pub fn Root() -> Html {
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
    match &address.page {
        Page::Playground => html! { <App visit={address.visit} /> },
        Page::Embed { query } => html! { <EmbedView query={AttrValue::from(query.clone())} /> },
        Page::EmbedBuilder => html! { <LinkMaker /> },
        Page::Drill => html! { <crate::drill::DrillView /> },
        // The lessons, exercises and packs are fetched when one of these pages opens.
        Page::Tutorial { lesson } => html! {
            <WithContent content={Content::Learn}>
                <crate::learn::tutorial::Tutorial lesson={lesson.clone()} />
            </WithContent>
        },
        Page::Workshop { pack, view } => html! {
            <WithContent content={Content::Learn}>
                <crate::learn::workshop::Workshop pack={pack.clone()} view={*view}
                    fragment={address.fragment.clone()} />
            </WithContent>
        },
        Page::NotFound { fragment } => html! { <NotFound fragment={fragment.clone()} /> },
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
