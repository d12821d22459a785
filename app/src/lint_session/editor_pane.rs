//! Hosts the CodeMirror editor in a node Yew renders once and never touches again.

use std::rc::Rc;

use yew::prelude::*;

use crate::lint_session::editor::Editor;
use crate::shell::browser::perf;

/// The performance mark set when an editor has mounted (the benchmark reads the first).
pub const EDITOR_MOUNTED: &str = "editor-mounted";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The text the editor starts with; later changes go through the editor itself.
    pub initial: Rc<str>,
    pub on_ready: Callback<Editor>,
    pub on_change: Callback<()>,
}

/// Hosts CodeMirror. Yew renders the empty host once and never touches its children.
#[function_component]
pub fn EditorPane(props: &Props) -> Html {
    let host = use_node_ref();
    {
        let host = host.clone();
        let initial = props.initial.clone();
        let on_ready = props.on_ready.clone();
        let on_change = props.on_change.clone();
        use_effect_with((), move |_| {
            let parent = host
                .cast::<web_sys::Element>()
                .expect("the editor host is rendered");
            let editor = Editor::mount(&parent, &initial, move || on_change.emit(()));
            perf::mark(EDITOR_MOUNTED);
            on_ready.emit(editor.clone());
            move || editor.destroy()
        });
    }
    html! { <div class="editor-host" ref={host}></div> }
}
