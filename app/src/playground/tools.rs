//! The tools under the editor: line wrapping, the command line and CI workflow that check
//! the same rules, and the keyboard shortcuts sheet (`?`). Also Ctrl+Z outside the editor,
//! which undoes in the editor (right after Apply the focus is no longer there).

use lint_core::RuleId;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::shell::browser;
use crate::shell::keys::use_page_keys;

#[wasm_bindgen]
extern "C" {
    /// Undoes the last change in the editor shown; false when there was nothing to undo.
    #[wasm_bindgen(js_namespace = PhoenixEditor, js_name = undoActive)]
    pub fn undo_in_editor() -> bool;

    #[wasm_bindgen(js_namespace = PhoenixEditor, js_name = lineWrapping)]
    fn line_wrapping() -> bool;

    #[wasm_bindgen(js_namespace = PhoenixEditor, js_name = setLineWrapping)]
    fn set_line_wrapping(wrap: bool);
}

/// The workflow the project documents (content/ci/), checking the playground's rules.
const WORKFLOW: &str = include_str!("../../../content/ci/phoenix-lint.yml");
/// The command line in that workflow that the rules are added to.
const WORKFLOW_LINT: &str = "phoenix-lint --format sarif .";

/// `--rule` for each of the playground's rules, so the CLI checks exactly these.
fn rule_flags() -> String {
    RuleId::ALL
        .iter()
        .map(|rule| format!("--rule {}", rule.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The command that checks a project's code the way the playground checks the editor's.
pub fn cli_command() -> String {
    format!("phoenix-lint {} .", rule_flags())
}

/// The GitHub Actions workflow, with SARIF upload, checking the same rules.
pub fn ci_workflow() -> String {
    WORKFLOW.replacen(
        WORKFLOW_LINT,
        &format!("phoenix-lint --format sarif {} .", rule_flags()),
        1,
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Cli,
    Shortcuts,
}

#[function_component]
pub fn EditorTools() -> Html {
    let open = use_state_eq(|| Open::Nothing);
    let wraps = use_state_eq(line_wrapping);
    let copied = use_state_eq(|| None::<&'static str>);
    {
        // "?" opens the sheet; Ctrl+Z outside the editor and its fields undoes in the editor.
        let open = open.clone();
        use_page_keys(move |event| {
            let key = event.key();
            let command = event.ctrl_key() || event.meta_key();
            if key == "?" && !command && !event.alt_key() {
                event.prevent_default();
                open.set(Open::Shortcuts);
            } else if command && !event.shift_key() && key.eq_ignore_ascii_case("z") {
                event.prevent_default();
                undo_in_editor();
            } else if key == "Escape" {
                // The handle holds the state of its render: set, not compared.
                open.set(Open::Nothing);
            }
        });
    }
    {
        // The sheet takes the focus while open, and gives it back where it was.
        let showing = *open == Open::Shortcuts;
        use_effect_with(showing, move |&showing| {
            let before = showing
                .then(|| browser::window().document()?.active_element())
                .flatten();
            if showing {
                browser::focus_element("shortcuts-close");
            }
            move || {
                if let Some(el) = before.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    let toggle_wrap = {
        let wraps = wraps.clone();
        Callback::from(move |_: MouseEvent| {
            set_line_wrapping(!*wraps);
            wraps.set(!*wraps);
        })
    };
    let show = |which: Open| {
        let open = open.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            copied.set(None);
            open.set(if *open == which { Open::Nothing } else { which });
        })
    };
    let copy = |what: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&text);
            copied.set(Some(what));
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(Open::Nothing))
    };
    html! {
        <>
            <div class="editor-tools">
                <button type="button" class="btn small" id="wrap-toggle"
                    aria-pressed={wraps.to_string()} onclick={toggle_wrap}>{"Wrap lines"}</button>
                <button type="button" class="btn small" id="cli-open"
                    aria-expanded={(*open == Open::Cli).to_string()} aria-controls="cli-equivalent"
                    onclick={show(Open::Cli)}>{"Run it in CI"}</button>
                <button type="button" class="btn small" id="shortcuts-open"
                    aria-haspopup="dialog" onclick={show(Open::Shortcuts)}>
                    {"Keyboard shortcuts "}<kbd>{"?"}</kbd>
                </button>
            </div>
            if *open == Open::Cli {
                <section class="cli-equivalent" id="cli-equivalent" aria-labelledby="cli-heading">
                    <h3 id="cli-heading">{"The same check on your project"}</h3>
                    <p>{"phoenix-lint runs these rules on your files (exit status 1 when it finds something):"}</p>
                    <pre class="code-block">{ cli_command() }</pre>
                    <button type="button" class="btn small" id="cli-copy-command"
                        onclick={copy("command", cli_command())}>{"Copy the command"}</button>
                    <p>{"In GitHub Actions, with the findings uploaded as SARIF to code scanning (.github/workflows/phoenix-lint.yml):"}</p>
                    <pre class="code-block">{ ci_workflow() }</pre>
                    <button type="button" class="btn small" id="cli-copy-workflow"
                        onclick={copy("workflow", ci_workflow())}>{"Copy the workflow"}</button>
                    <p class="muted" role="status">
                        { copied.map(|what| format!("The {what} is copied.")).unwrap_or_default() }
                    </p>
                </section>
            }
            if *open == Open::Shortcuts {
                <div class="sheet-backdrop" onclick={close.clone()}></div>
                <div class="sheet" id="shortcuts" role="dialog" aria-modal="true"
                    aria-labelledby="shortcuts-heading">
                    <div class="panel-head">
                        <h2 id="shortcuts-heading">{"Keyboard shortcuts"}</h2>
                        <button type="button" class="btn ghost" id="shortcuts-close"
                            onclick={close}>{"Close"}</button>
                    </div>
                    <dl class="shortcuts">
                        { for SHORTCUTS.iter().map(|(keys, what)| html! {
                            <>
                                <dt>{ for keys.split(' ').map(key) }</dt>
                                <dd>{ *what }</dd>
                            </>
                        }) }
                    </dl>
                    <p class="muted">{"On a Mac, Cmd in place of Ctrl."}</p>
                </div>
            }
        </>
    }
}

/// Keys (space-separated; "then" and "/" are words between keys) and what they do.
const SHORTCUTS: &[(&str, &str)] = &[
    ("?", "Show this list (outside the editor)"),
    (
        "Escape then Tab",
        "Leave the editor: in it, Tab alone indents the line",
    ),
    (
        "Tab / Shift+Tab",
        "Indent or outdent the line, in the editor",
    ),
    (
        "Ctrl+Z",
        "Undo in the editor — also right after Apply, wherever the focus is",
    ),
    ("Ctrl+Shift+Z", "Redo, in the editor"),
    ("Ctrl+F", "Find and replace, in the editor"),
    ("Ctrl+Shift+M", "List the editor's findings in a panel"),
    ("F8", "Go to the next finding in the editor"),
    (
        "Enter",
        "On a finding in the list: show its explanation and rewrites",
    ),
    ("Escape", "Close this list"),
];

fn key(text: &str) -> Html {
    match text {
        "then" | "/" => html! { <span class="key-sep">{ format!(" {text} ") }</span> },
        key => html! { <kbd>{ key }</kbd> },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_checks_every_rule_of_the_playground() {
        assert_eq!(
            cli_command(),
            "phoenix-lint --rule no-local-uploads --rule no-local-sessions --rule no-global-state ."
        );
    }

    #[test]
    fn the_workflow_uploads_sarif_for_the_same_rules() {
        let workflow = ci_workflow();
        assert!(workflow.contains(&format!(
            "phoenix-lint --format sarif {} . > phoenix-lint.sarif",
            rule_flags()
        )));
        assert!(workflow.contains("upload-sarif"));
        assert_ne!(
            workflow, WORKFLOW,
            "the rules were added to the workflow's command"
        );
    }
}
