//! The files of the project as tabs above the editor, with their finding counts, and the
//! findings of the files not shown. One file shows only the ways to add more.

use std::rc::Rc;

use yew::prelude::*;

use crate::lint_session::summary::FindingSummary;
use crate::playground::files::Project;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub project: Rc<Project>,
    /// Each file's number of findings, once known.
    pub counts: Rc<Vec<Option<usize>>>,
    pub on_switch: Callback<usize>,
    /// Adds a file of this name (checked already).
    pub on_add: Callback<String>,
    /// Renames file `index` to this name (checked already).
    pub on_rename: Callback<(usize, String)>,
    pub on_delete: Callback<usize>,
    /// The "Open folder" control, beside "+ file".
    #[prop_or_default]
    pub children: Html,
}

/// What the name field is open for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    New,
    Rename(usize),
}

#[function_component]
pub fn FileTabs(props: &TabsProps) -> Html {
    let project = &props.project;
    let single = project.is_single();
    let naming = use_state_eq(|| None::<Naming>);
    let on_name = {
        let (naming, project) = (naming.clone(), project.clone());
        let (on_add, on_rename) = (props.on_add.clone(), props.on_rename.clone());
        // The name is tried on a copy of the project, so a wrong one is told beside the
        // field (which stays open) instead of after it closed.
        Callback::from(move |name: Option<String>| -> Result<(), String> {
            let (Some(name), Some(open)) = (name, *naming) else {
                naming.set(None);
                return Ok(());
            };
            let mut trial = (*project).clone();
            match open {
                Naming::New => trial.add(&name).map(|_| on_add.emit(name)),
                Naming::Rename(i) => trial.rename(i, &name).map(|_| on_rename.emit((i, name))),
            }
            .map_err(|e| e.to_string())?;
            naming.set(None);
            Ok(())
        })
    };
    let tabs = project.files().iter().enumerate().map(|(i, file)| {
        let active = i == project.active();
        let known = props.counts.get(i).copied().flatten();
        let count = known.filter(|&n| n > 0);
        let on_switch = props.on_switch.reform(move |_: MouseEvent| i);
        let on_rename = {
            let naming = naming.clone();
            Callback::from(move |_: MouseEvent| naming.set(Some(Naming::Rename(i))))
        };
        let on_delete = props.on_delete.reform(move |_: MouseEvent| i);
        if *naming == Some(Naming::Rename(i)) {
            return html! {
                <div class="file-tab active naming" key={file.path.clone()}>
                    <NameField initial={file.path.clone()} label={format!("New name for {}", file.path)}
                        on_done={on_name.clone()} />
                </div>
            };
        }
        html! {
            <div class={classes!("file-tab", active.then_some("active"))} key={file.path.clone()}>
                <button type="button" class="file-tab-name" id={format!("file-tab-{i}")}
                    aria-current={active.then_some("true")} data-path={file.path.clone()}
                    data-count={known.map(|n| n.to_string())}
                    onclick={on_switch}>
                    { &file.path }
                    if let Some(n) = count {
                        <span class="file-tab-count" aria-label={format!("{n} finding{}", if n == 1 { "" } else { "s" })}>
                            { n }
                        </span>
                    }
                </button>
                if active {
                    <button type="button" class="file-tab-act" title={format!("Rename {}", file.path)}
                        aria-label={format!("Rename {}", file.path)} onclick={on_rename}>{"✎"}</button>
                    <button type="button" class="file-tab-act" title={format!("Delete {}", file.path)}
                        aria-label={format!("Delete {}", file.path)} onclick={on_delete}>{"×"}</button>
                }
            </div>
        }
    });
    html! {
        <div class={classes!("file-tabs", single.then_some("single"))}>
            if !single {
                // Not a tablist: beside each file's button sit its rename and delete
                // buttons, which a tablist may not hold.
                <nav aria-label="Files" class="file-tab-list">{ for tabs }</nav>
            }
            if *naming == Some(Naming::New) {
                <div class="file-tab naming">
                    <NameField initial={project.free_name()}
                        label="Name of the new file (for example routes/cart.js)" on_done={on_name.clone()} />
                </div>
            } else {
                <button type="button" class="file-add" id="file-add"
                    onclick={let naming = naming.clone(); move |_: MouseEvent| naming.set(Some(Naming::New))}
                    title="Add a file to the project">{"+ file"}</button>
            }
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NameFieldProps {
    initial: String,
    label: String,
    /// `Some(name)` on Enter, `None` on Escape or leaving the field; an `Err` is shown
    /// beside the field, which stays open.
    on_done: Callback<Option<String>, Result<(), String>>,
}

/// A file name typed in place, in the tab bar: Enter takes it, Escape keeps the old one.
#[function_component]
fn NameField(props: &NameFieldProps) -> Html {
    let input = use_node_ref();
    let error = use_state_eq(|| None::<String>);
    {
        let (input, initial) = (input.clone(), props.initial.clone());
        // The value is set once: as a prop, each render (an error shown) would put the
        // name back over what the learner typed.
        use_effect_with((), move |_| {
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                input.set_value(&initial);
                let _ = input.focus();
                // The name without its extension is what one usually changes.
                let stem = input.value().rfind('.').unwrap_or(input.value().len());
                let _ = input.set_selection_range(0, stem as u32);
            }
        });
    }
    let onkeydown = {
        let (input, error, on_done) = (input.clone(), error.clone(), props.on_done.clone());
        Callback::from(move |e: KeyboardEvent| {
            let name = match e.key().as_str() {
                "Enter" => input.cast::<web_sys::HtmlInputElement>().map(|i| i.value()),
                "Escape" => None,
                _ => return,
            };
            e.prevent_default();
            if let Err(message) = on_done.emit(name) {
                error.set(Some(message));
            }
        })
    };
    let onblur = {
        let on_done = props.on_done.clone();
        Callback::from(move |_: FocusEvent| {
            let _ = on_done.emit(None);
        })
    };
    html! {
        <span class="file-name-field">
            <input ref={input} id="file-name" class="file-name-input" type="text"
                aria-label={props.label.clone()} spellcheck="false" autocomplete="off"
                aria-invalid={error.is_some().to_string()} aria-describedby="file-name-help"
                {onkeydown} {onblur} />
            <span id="file-name-help" class={classes!("file-name-help", error.is_some().then_some("has-error"))}
                role="status">
                { error.as_deref().unwrap_or("Enter to keep, Esc to cancel") }
            </span>
        </span>
    }
}

/// A finding of a file not shown: its file, its index in that file's findings, what it says.
#[derive(Clone, PartialEq)]
pub struct ElsewhereFinding {
    pub path: String,
    pub index: usize,
    pub finding: FindingSummary,
}

#[derive(Properties, PartialEq)]
pub struct ElsewhereProps {
    pub findings: Rc<Vec<ElsewhereFinding>>,
    pub on_select: Callback<(String, usize)>,
}

/// The findings of the other files; choosing one shows its file and selects it.
#[function_component]
pub fn FindingsElsewhere(props: &ElsewhereProps) -> Html {
    if props.findings.is_empty() {
        return html! {};
    }
    let items = props.findings.iter().map(|f| {
        let on_click = {
            let (path, index) = (f.path.clone(), f.index);
            props.on_select.reform(move |_: MouseEvent| (path.clone(), index))
        };
        let rule = f.finding.rule.map(|r| r.to_string()).unwrap_or_else(|| "syntax".into());
        html! {
            <li>
                <button type="button" class="elsewhere-item" onclick={on_click}>
                    <span class="elsewhere-file">{ format!("{}:{}", f.path, f.finding.range.line) }</span>
                    <span class="elsewhere-rule">{ rule }</span>
                    <span class="elsewhere-message">{ &f.finding.message }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="panel elsewhere-panel" aria-labelledby="elsewhere-heading" id="findings-elsewhere">
            <h2 id="elsewhere-heading">{ format!("In other files ({})", props.findings.len()) }</h2>
            <ul class="elsewhere-list">{ for items }</ul>
        </section>
    }
}

/// Each file's number of findings, as far as the lints so far know.
pub fn counts(state: &crate::playground::state::State) -> Vec<Option<usize>> {
    state
        .project
        .files()
        .iter()
        .map(|f| state.findings_of(&f.path).map(|r| r.findings().count()))
        .collect()
}

/// The findings of the files not shown, file by file in the tabs' order.
pub fn elsewhere(state: &crate::playground::state::State) -> Vec<ElsewhereFinding> {
    let shown = &state.project.active_file().path;
    state
        .project
        .files()
        .iter()
        .filter(|f| &f.path != shown)
        .filter_map(|f| Some((f, state.findings_of(&f.path)?)))
        .flat_map(|(f, result)| {
            result
                .diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| d.rule.is_some())
                .map(|(index, finding)| ElsewhereFinding {
                    path: f.path.clone(),
                    index,
                    finding: finding.clone(),
                })
        })
        .collect()
}
