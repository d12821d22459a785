//! The top of the app: picks the view the URL fragment asks for, and follows it when the
//! fragment changes.

use gloo::events::EventListener;
use yew::prelude::*;

use super::App;
use super::embed_view::EmbedView;
use super::link_maker::LinkMaker;
use crate::browser;
use crate::route::Route;

#[function_component]
pub fn Root() -> Html {
    let route = use_state_eq(|| Route::parse(&browser::fragment()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&browser::window(), "hashchange", move |_| {
                route.set(Route::parse(&browser::fragment()));
            });
            move || drop(listener)
        });
    }
    match &*route {
        Route::Playground => html! { <App /> },
        Route::Embed { query } => html! { <EmbedView query={AttrValue::from(query.clone())} /> },
        Route::EmbedBuilder => html! { <LinkMaker /> },
        Route::Drill => html! { <super::drill::DrillView /> },
        Route::Tutorial { lesson } => {
            html! { <super::tutorial::Tutorial lesson={lesson.clone()} /> }
        }
        Route::Workshop { pack, view } => html! {
            <super::workshop::Workshop pack={pack.clone()} view={*view} />
        },
        Route::NotFound { fragment } => html! { <NotFound fragment={fragment.clone()} /> },
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
                <code>{ super::marked_controls(&props.fragment) }</code></p>
            <p><a href="#/">{ "Open the playground" }</a></p>
        </main>
    }
}
