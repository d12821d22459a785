//! An editor that lints while the learner types and draws the findings inline, as the
//! playground does. Used for lesson examples and exercises.

use std::rc::Rc;

use lint_core::LintResult;
#[cfg(test)]
use lint_core::{LintOptions, lint};
use yew::prelude::*;

use crate::lint_session::editor::Editor;
use crate::lint_session::editor_pane::EditorPane;
use crate::lint_session::session::{Linter, use_lint_session};
use crate::shell::storage;

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
    let summary = use_state(String::new);
    // The learner's theme, as the playground keeps it.
    let theme = use_memo((), |_| storage::load_theme());
    let session = use_lint_session(*theme, true, || {
        let summary = summary.setter();
        let on_text = props.on_text.clone();
        Linter::inline(
            Default::default(),
            None,
            Box::new(move |_, lint| {
                match &lint.result {
                    Ok(checked) => summary.set(describe(&checked.result)),
                    // Saved exercise code is linted as the view opens: a text that crashes
                    // the linter must not stop the lesson from opening.
                    Err(message) => summary.set(format!(
                        "The linter stopped while checking this code ({message}). Your code is kept."
                    )),
                }
                if lint.after_edit {
                    on_text.emit(lint.source.to_string());
                }
            }),
        )
    });
    let on_ready = {
        let on_ready = props.on_ready.clone();
        let session_ready = session.on_ready.clone();
        Callback::from(move |ed: Editor| {
            session_ready.emit(ed.clone());
            on_ready.emit(ed);
        })
    };
    html! {
        <>
            <EditorPane initial={props.initial.clone()} {on_ready} on_change={session.on_change.clone()} />
            <p class="lint-line">{ (*summary).clone() }</p>
        </>
    }
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
