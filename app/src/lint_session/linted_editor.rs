//! An editor that lints while the learner types and draws the findings inline, as the
//! playground does. Used for lesson examples and exercises.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use lint_core::{LintOptions, LintResult, lint};
use yew::prelude::*;

use crate::lint_session::editor::Editor;
use crate::lint_session::editor_pane::EditorPane;
use crate::lint_session::guarded::catching;

/// The playground's pause: a lint per word typed would be wasted work.
const LINT_DEBOUNCE_MS: u32 = 250;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub initial: Rc<str>,
    /// Called once, with the mounted editor.
    pub on_ready: Callback<Editor>,
    /// The text after each pause in typing. Like `on_ready`, captured when the editor
    /// mounts: a parent that needs another callback remounts the editor with a `key`.
    #[prop_or_default]
    pub on_text: Callback<String>,
}

#[function_component]
pub fn LintedEditor(props: &Props) -> Html {
    let editor = use_mut_ref(|| None::<Editor>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let summary = use_state(String::new);

    // Lints the editor's text, draws the findings and returns the text.
    let relint: Rc<dyn Fn() -> Option<String>> = {
        let editor = editor.clone();
        let summary = summary.setter();
        Rc::new(move || {
            let ed = editor.borrow().clone()?;
            let text = ed.text();
            // Saved exercise code is linted as the view opens: a text that crashes the
            // linter must not stop the lesson from opening.
            let source: Rc<str> = text.as_str().into();
            match catching(move || lint(&source, &LintOptions::default())) {
                Ok(result) => {
                    ed.show_diagnostics(&result);
                    summary.set(describe(&result));
                }
                Err(message) => summary.set(format!(
                    "The linter stopped while checking this code ({message}). Your code is kept."
                )),
            }
            Some(text)
        })
    };
    let on_change = {
        let relint = relint.clone();
        let on_text = props.on_text.clone();
        Callback::from(move |()| {
            let relint = relint.clone();
            let on_text = on_text.clone();
            // Replacing the timeout cancels the pending one: only a pause lints.
            *timer.borrow_mut() = Some(Timeout::new(LINT_DEBOUNCE_MS, move || {
                if let Some(text) = relint() {
                    on_text.emit(text);
                }
            }));
        })
    };
    let on_ready = {
        let on_ready = props.on_ready.clone();
        Callback::from(move |ed: Editor| {
            ed.set_dark(page_is_dark());
            *editor.borrow_mut() = Some(ed.clone());
            relint();
            on_ready.emit(ed);
        })
    };
    html! {
        <>
            <EditorPane initial={props.initial.clone()} {on_ready} {on_change} />
            <p class="lint-line">{ (*summary).clone() }</p>
        </>
    }
}

/// The page's theme as the boot script or the playground last set it.
fn page_is_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-theme"))
        .is_some_and(|theme| theme == "dark")
}

/// One line under the editor, so the squiggles are not the only way to know.
fn describe(result: &LintResult) -> String {
    if let Some(error) = result.diagnostics.iter().find(|d| d.fatal) {
        return format!(
            "Syntax error on line {}: the linter reads only part of this code.",
            error.range.line
        );
    }
    let findings: Vec<_> = result.findings().collect();
    match findings.as_slice() {
        [] => "The linter finds no state kept in this server.".to_string(),
        [one] => format!(
            "The linter finds 1 problem, on line {} ({}).",
            one.range.line,
            one.rule.map_or("syntax", |r| r.as_str())
        ),
        many => {
            let lines: Vec<String> = many.iter().map(|d| d.range.line.to_string()).collect();
            format!(
                "The linter finds {} problems, on lines {}.",
                many.len(),
                lines.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(source: &str) -> String {
        describe(&lint(source, &LintOptions::default()))
    }

    #[test]
    fn says_what_the_squiggles_show() {
        assert_eq!(
            said("const x = 1;\n"),
            "The linter finds no state kept in this server."
        );
        assert!(said("const x = ;").starts_with("Syntax error on line 1"));
        let starter = &lint_core::exercise::exercise("uploads-1-dest")
            .unwrap()
            .starter;
        let text = said(starter);
        assert!(
            text.starts_with("The linter finds 1 problem, on line "),
            "{text}"
        );
        assert!(text.contains("no-local-uploads"), "{text}");
    }
}
