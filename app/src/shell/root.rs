//! The top of the app: picks the view the URL fragment asks for, and follows it when the
//! fragment changes.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::embed::link_maker::LinkMaker;
use crate::embed::view::EmbedView;
use crate::playground::App;
use crate::shell::browser;
use crate::shell::page::Page;

#[function_component]
pub fn Root() -> Html {
    let page = use_state_eq(|| Page::parse(&browser::fragment()));
    {
        let page = page.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&browser::window(), "hashchange", move |_| {
                page.set(Page::parse(&browser::fragment()));
            });
            move || drop(listener)
        });
    }
    match &*page {
        Page::Playground => html! { <App /> },
        Page::Embed { query } => html! { <EmbedView query={AttrValue::from(query.clone())} /> },
        Page::EmbedBuilder => html! { <LinkMaker /> },
        Page::Drill => html! { <crate::drill::DrillView /> },
        Page::Tutorial { lesson } => {
            html! { <crate::learn::tutorial::Tutorial lesson={lesson.clone()} /> }
        }
        Page::Workshop { pack, view } => html! {
            <crate::learn::workshop::Workshop pack={pack.clone()} view={*view} />
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
    // The page is ready: the loading message goes, as in every other view.
    use_effect_with((), |_| browser::remove_element("boot"));
    html! {
        <main class="not-found">
            <h1>{ "Nothing here" }</h1>
            <p>{ "This link asks for a page the playground does not have: " }
                <code>{ crate::shared::text::marked_controls(&props.fragment) }</code></p>
            <p><a href="#/">{ "Open the playground" }</a></p>
        </main>
    }
}
