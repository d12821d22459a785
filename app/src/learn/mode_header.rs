//! The top bar of the learning views (tutorial, workshop): the brand and links between
//! the modes. The playground keeps its own richer header.

use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Tutorial,
    Workshop,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub mode: Mode,
}

#[function_component]
pub fn ModeHeader(props: &Props) -> Html {
    let current = |mode: Mode| (props.mode == mode).then_some("page");
    html! {
        <header class="topbar mode-bar">
            <a class="brand" href="#/">
                <img src="static/favicon.svg" alt="" width="28" height="28" />
                <span class="brand-name">{"Phoenix Playground"}</span>
            </a>
            <nav class="mode-links" aria-label="Parts of the playground">
                <a href="#/">{"Playground"}</a>
                <a href="#/tutorial" aria-current={current(Mode::Tutorial)}>{"Lessons"}</a>
                <a href="#/workshop/default" aria-current={current(Mode::Workshop)}>{"Workshop"}</a>
            </nav>
        </header>
    }
}
