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
    pub on_add: Callback<()>,
    pub on_rename: Callback<usize>,
    pub on_delete: Callback<usize>,
    /// The "Open folder" control, beside "+ file".
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn FileTabs(props: &TabsProps) -> Html {
    let project = &props.project;
    let single = project.is_single();
    let tabs = project.files().iter().enumerate().map(|(i, file)| {
        let active = i == project.active();
        let known = props.counts.get(i).copied().flatten();
        let count = known.filter(|&n| n > 0);
        let on_switch = props.on_switch.reform(move |_: MouseEvent| i);
        let on_rename = props.on_rename.reform(move |_: MouseEvent| i);
        let on_delete = props.on_delete.reform(move |_: MouseEvent| i);
        html! {
            <div class={classes!("file-tab", active.then_some("active"))} key={file.path.clone()}>
                <button type="button" role="tab" class="file-tab-name" id={format!("file-tab-{i}")}
                    aria-selected={active.to_string()} data-path={file.path.clone()}
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
                <div role="tablist" aria-label="Files" class="file-tab-list">{ for tabs }</div>
            }
            <button type="button" class="file-add" id="file-add" onclick={props.on_add.reform(|_: MouseEvent| ())}
                title="Add a file to the project">{"+ file"}</button>
            { props.children.clone() }
        </div>
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
