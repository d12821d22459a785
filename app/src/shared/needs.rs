//! What a rewrite needs before the rewritten code runs: the install command, the
//! environment variables it reads and the backing service it assumes.

use lint_core::Requirements;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub needs: Requirements,
}

#[function_component]
pub fn Needs(props: &Props) -> Html {
    let needs = &props.needs;
    if needs.is_empty() {
        return html! {};
    }
    let services: Vec<&str> = needs.services.iter().map(|s| s.describe()).collect();
    html! {
        <dl class="needs" aria-label="What this rewrite needs">
            if let Some(install) = needs.install_command() {
                <dt>{"Install"}</dt>
                <dd><code>{ install }</code></dd>
            }
            if !needs.env.is_empty() {
                <dt>{"Environment"}</dt>
                <dd>{ for needs.env.iter().map(|name| html! { <code>{ name }</code> }) }</dd>
            }
            if !services.is_empty() {
                <dt>{"Runs against"}</dt>
                <dd>{ services.join(", ") }</dd>
            }
        </dl>
    }
}
