//! The rewrites offered for a finding: what each needs, its diff preview and an Apply button.

use std::rc::Rc;

use lint_core::{FileEdits, FixSafety, Rewrite};
use yew::prelude::*;

use super::{diff_view::DiffView, needs::Needs};
use crate::lint_session::project::SourceFile;

/// The preview of what `rewrite` does to another file of the project.
fn other_file(rewrite: &Rewrite, other: &FileEdits, files: &[SourceFile]) -> Html {
    let path = other.path.clone();
    let Some(file) = files.iter().find(|f| f.path == other.path) else {
        return html! {
            <p class="muted rewrite-file">{"It also edits "}<code>{ path }</code>{", which is not open here."}</p>
        };
    };
    html! {
        <>
            <h5 class="rewrite-file">{"In "}<code>{ path.clone() }</code></h5>
            <DiffView
                before={AttrValue::from(file.source.clone())}
                after={AttrValue::from(lint_core::apply_edits(&file.source, &other.edits))}
                label={AttrValue::from(format!("Preview of: {}, in {path}", rewrite.title.replace('`', "")))}
            />
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rewrites: Rc<Vec<Rewrite>>,
    /// The text the rewrites' positions refer to.
    pub source: Rc<str>,
    /// The project's files, for the previews of rewrites that edit other files too.
    #[prop_or_default]
    pub files: Rc<[SourceFile]>,
    pub on_apply: Callback<usize>,
}

#[function_component]
pub fn Rewrites(props: &Props) -> Html {
    if props.rewrites.is_empty() {
        return html! {
            <p class="muted">{"No automatic rewrite for this one: follow the help above."}</p>
        };
    }
    html! {
        <div class="rewrites">
            { for props.rewrites.iter().enumerate().map(|(i, rewrite)| {
                let (badge, badge_class) = match rewrite.safety {
                    FixSafety::Safe => ("Safe", "safe"),
                    FixSafety::Suggestion => ("Suggestion: review it", "suggestion"),
                };
                // Titles name the state in `code spans`, as messages do.
                let title = crate::shared::text::message(&rewrite.title);
                html! {
                    <article class="rewrite">
                        <header>
                            <h4>{ title.clone() }</h4>
                            <span class={classes!("badge", badge_class)}>{ badge }</span>
                        </header>
                        <Needs needs={rewrite.needs.clone()} />
                        // Above its diff and sticky while the diff scrolls past, so the
                        // button stays in view beside the code it would write.
                        <div class="apply-bar">
                            <button type="button" class="btn primary apply"
                                onclick={props.on_apply.reform(move |_: MouseEvent| i)}>
                                {"Apply: "}{ title }
                            </button>
                        </div>
                        if !rewrite.other_files.is_empty() {
                            <h5 class="rewrite-file">{"In this file"}</h5>
                        }
                        <DiffView
                            before={AttrValue::from(props.source.to_string())}
                            after={AttrValue::from(rewrite.apply(&props.source))}
                            label={AttrValue::from(format!("Preview of: {}", rewrite.title.replace('`', "")))}
                        />
                        { for rewrite.other_files.iter().map(|other| other_file(rewrite, other, &props.files)) }
                    </article>
                }
            }) }
        </div>
    }
}
