//! The compact view docs sites put in an iframe: `#/embed?code=v1.…` (see `embed.rs`).
//!
//! It shows the code as plain text first and starts the editor and the linter only when
//! the reader scrolls it into view or asks for it, so a page with many embeds stays light.
//! It reports its height to the parent page whenever that changes, and never runs, nor
//! renders as HTML, anything from its address: the code is text for the editor and the
//! linter, and every other value is checked against a fixed list (`options::parse`).

use std::cell::RefCell;
use std::rc::Rc;

use lint_core::{Diagnostic, LintOptions, LintResult};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::embed::options::{self, Embed, EmbedError, Panel, Theme};
use crate::lint_session::editor::Editor;
use crate::lint_session::editor_pane::EditorPane;
use crate::lint_session::edits::editor_edits;
use crate::lint_session::project::{ProjectContext, SourceFile};
use crate::lint_session::session::{Checked, LintSession, Linter, use_lint_session};
use crate::lint_session::summary::SelectedFinding;
use crate::shared::explanation::ExplanationPanel;
use crate::shared::share;
use crate::shell::browser;
use crate::shell::theme::ThemePref;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The query after `#/embed?`.
    pub query: AttrValue,
}

#[function_component]
pub fn EmbedView(props: &Props) -> Html {
    let parsed = use_memo(props.query.clone(), |query| options::parse(query));
    let root = use_node_ref();
    // Where the height may be sent: the origin the embed was told, else any (see below).
    let target_origin = match &*parsed {
        Ok(embed) => embed.origin.clone().unwrap_or_else(|| "*".to_owned()),
        Err(_) => "*".to_owned(),
    };
    {
        let root = root.clone();
        use_effect_with(target_origin, move |origin| {
            let observer = root
                .cast::<web_sys::Element>()
                .and_then(|element| HeightReporter::start(&element, origin.clone()));
            move || drop(observer)
        });
    }
    let body = match &*parsed {
        Ok(embed) => html! { <EmbedCode embed={Rc::new(embed.clone())} /> },
        Err(errors) => refused(errors),
    };
    html! { <main class="embed" ref={root}>{ body }</main> }
}

fn refused(errors: &[EmbedError]) -> Html {
    html! {
        <section class="embed-refused" role="alert">
            <h1>{"This embed cannot be shown"}</h1>
            <p>{"Its address asks for something the Phoenix Playground embed does not accept:"}</p>
            <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
            <p><a href="#/embed-builder" target="_blank" rel="noopener">{"Make a new embed with the link maker"}</a></p>
        </section>
    }
}

/// Posts `{type: "phoenix-playground:resize", height}` to the parent window whenever the
/// embed's own height changes, until dropped.
///
/// The message holds a number and a fixed string, nothing from the code or the address,
/// so sending it to any origin (`"*"`) discloses nothing a parent page could not measure
/// itself; a page that wants it only for itself passes `origin=` and the browser then
/// delivers it only to that origin.
struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl HeightReporter {
    fn start(element: &web_sys::Element, origin: String) -> Option<Self> {
        let window = browser::window();
        let parent = window.parent().ok().flatten()?;
        // A top-level page is its own parent: there is nobody to tell.
        if JsValue::from(&parent) == JsValue::from(&window) {
            return None;
        }
        let measured = element.clone();
        let mut last = -1.0;
        let callback = Closure::<dyn FnMut()>::new(move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            if height == last {
                return;
            }
            last = height;
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &message,
                &"type".into(),
                &options::RESIZE_MESSAGE_TYPE.into(),
            );
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, &origin);
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_visible` once, the first time `element` comes into the reader's viewport
/// (the top-level page's, across the iframe), until dropped.
struct VisibilityWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl VisibilityWatch {
    fn start(element: &web_sys::Element, on_visible: impl Fn() + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let visible = entries.iter().any(|entry| {
                entry
                    .dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if visible {
                on_visible();
            }
        });
        let observer =
            web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for VisibilityWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

#[derive(Properties, PartialEq)]
struct CodeProps {
    embed: Rc<Embed>,
}

/// The theme the embed asked for. Nothing is saved: the embed must not change the
/// reader's own playground settings.
fn theme_pref(theme: Theme) -> ThemePref {
    match theme {
        Theme::Light => ThemePref::Light,
        Theme::Dark => ThemePref::Dark,
        Theme::Auto => ThemePref::System,
    }
}

#[function_component]
fn EmbedCode(props: &CodeProps) -> Html {
    let embed = props.embed.clone();
    let active = use_state_eq(|| false);
    let linted = use_state(|| None::<Checked>);
    let selected = use_state_eq(|| None::<usize>);
    let note = use_state_eq(|| None::<&'static str>);
    // Why the linter gave no result for the newest text, if it did not.
    let stopped = use_state_eq(|| None::<String>);
    let plain = use_node_ref();
    // A project's files as the reader left them (the shown one as of when it was left),
    // and the one the editor shows. Replaced whole when a tab is left or a rewrite edits
    // other files, so the explanation's copy is the same `Rc` between those.
    let files = use_mut_ref(|| Rc::<[SourceFile]>::from(embed.files.as_slice()));
    let shown_file = use_state_eq(|| 0usize);
    // The embed lints on the page, with the rules its address names; a file of a project
    // with the others beside it.
    let session = use_lint_session(theme_pref(embed.theme), true, || {
        let (linted, stopped) = (linted.setter(), stopped.setter());
        Linter::inline(
            LintOptions {
                rules: embed.rules.clone(),
                ..LintOptions::default()
            },
            ProjectContext::of(&embed.files, 0),
            Box::new(move |_, lint| match lint.result {
                Ok(checked) => {
                    stopped.set(None);
                    linted.set(Some(checked));
                }
                Err(message) => stopped.set(Some(message)),
            }),
        )
    });

    // Lazy start: the first time the code is on screen, or on a click.
    {
        let active = active.clone();
        let plain = plain.clone();
        use_effect_with(*active, move |&is_active| {
            let watch = (!is_active)
                .then(|| plain.cast::<web_sys::Element>())
                .flatten()
                .and_then(|element| VisibilityWatch::start(&element, move || active.set(true)));
            move || drop(watch)
        });
    }
    let activate = {
        let active = active.clone();
        Callback::from(move |_: MouseEvent| active.set(true))
    };
    let on_ready = {
        let readonly = embed.readonly;
        let on_ready = session.on_ready.clone();
        Callback::from(move |ed: Editor| {
            ed.set_read_only(readonly);
            on_ready.emit(ed);
        })
    };

    let on_select = {
        let session = session.clone();
        let selected = selected.clone();
        let linted = linted.clone();
        Callback::from(move |index: usize| {
            selected.set(Some(index));
            if let Some(d) = linted
                .as_ref()
                .and_then(|l| l.result.diagnostics.get(index))
            {
                session.select((d.range.start_utf16, d.range.end_utf16));
            }
        })
    };
    let on_jump = {
        let session = session.clone();
        Callback::from(move |range| session.select(range))
    };
    let on_tab = {
        let (session, files, shown_file) = (session.clone(), files.clone(), shown_file.clone());
        let selected = selected.clone();
        Callback::from(move |to: usize| {
            let from = *shown_file;
            let Some(ed) = session.editor().filter(|_| to != from) else {
                return;
            };
            let mut now = files.borrow().to_vec();
            let Some(target) = now.get(to).cloned() else {
                return;
            };
            now[from].source = ed.text();
            ed.show_file(&now[from].path, &target.path, &target.source);
            session.set_project(ProjectContext::of(&now, to));
            *files.borrow_mut() = now.into();
            shown_file.set(to);
            selected.set(None);
            session.lint_now();
        })
    };
    let on_jump_file = {
        let (session, files, on_tab) = (session.clone(), files.clone(), on_tab.clone());
        Callback::from(move |(path, range): (String, (u32, u32))| {
            let index = files.borrow().iter().position(|f| f.path == path);
            if let Some(index) = index {
                on_tab.emit(index);
                session.select(range);
            }
        })
    };
    let shown: Option<Diagnostic> = linted.as_ref().and_then(|l| {
        let diagnostics = &l.result.diagnostics;
        selected
            .and_then(|i| diagnostics.get(i))
            .or_else(|| diagnostics.first())
            .cloned()
    });
    let on_apply = {
        let session = session.clone();
        let shown = shown.clone();
        let linted = linted.clone();
        let note = note.clone();
        let readonly = embed.readonly;
        let (files, shown_file) = (files.clone(), *shown_file);
        Callback::from(move |index: usize| {
            let project = Project {
                files: &files,
                shown: shown_file,
            };
            let said = apply_rewrite(
                &session,
                shown.as_ref(),
                linted.as_ref(),
                index,
                readonly,
                project,
            );
            if let Some(said) = said {
                note.set(said);
            }
        })
    };

    // The full playground opens with what the embed holds now, edits included; code too
    // long for a link falls back to the code the embed was given.
    let open_href = {
        let edited = match linted.as_ref() {
            Some(l) if embed.files.is_empty() => {
                (*l.source != *embed.code).then(|| share::encode(&l.source))
            }
            Some(l) => {
                let mut now = files.borrow().to_vec();
                now[*shown_file].source = l.source.to_string();
                (now != embed.files).then(|| share::encode_project(&now))
            }
            None => None,
        };
        let fragment = edited
            .and_then(Result::ok)
            .unwrap_or_else(|| embed.fragment.clone());
        browser::link_with_fragment(&fragment)
    };

    let state = if *active { "active" } else { "plain" };
    html! {
        <div class={classes!("embed-body", format!("panel-{}", embed.panel.as_str()))}
            data-state={state}
            data-revision={linted.as_ref().map(|l| l.revision.to_string())}
            data-count={linted.as_ref().map(|l| l.result.findings().count().to_string())}>
            if *active && !embed.files.is_empty() {
                { file_tabs(&files.borrow(), *shown_file, &on_tab) }
            }
            if *active {
                <div class="embed-editor">
                    <EditorPane initial={Rc::<str>::from(embed.code.as_str())} {on_ready}
                        on_change={session.on_change.clone()} />
                </div>
            } else {
                <div class="embed-plain" ref={plain}>
                    <pre><code>{ crate::shared::text::marked_controls(&embed.code) }</code></pre>
                    <button type="button" class="btn primary embed-start" onclick={activate}>
                        {"Check this code"}
                    </button>
                </div>
            }
            if let Some(l) = linted.as_ref() {
                { findings(&l.result, embed.panel, *selected, &on_select) }
                if embed.panel == Panel::Explanation {
                    <ExplanationPanel finding={shown.map(|d| SelectedFinding::Full(Rc::new(d)))} source={l.source.clone()} {on_jump} {on_apply} compact=true
                        on_jump_file={Some(on_jump_file)} files={files.borrow().clone()} />
                }
            }
            if let Some(text) = *note {
                <p class="embed-note" role="status">{ text }</p>
            }
            if let Some(message) = &*stopped {
                <p class="embed-note embed-stopped" role="alert" id="embed-stopped">
                    { format!("The linter stopped while checking this code ({message}). The code \
                        is shown as it is; open it in the full playground to copy or change it.") }
                </p>
            }
            if !*active && !embed.files.is_empty() {
                <p class="embed-note" id="embed-other-files">
                    { format!("{} — one of the project's {} files, checked with the others: {}.",
                        embed.files[0].path, embed.files.len(),
                        embed.files[1..].iter().map(|f| f.path.as_str()).collect::<Vec<_>>().join(", ")) }
                </p>
            }
            <footer class="embed-footer">
                <span class="embed-brand">{"Phoenix Playground"}</span>
                <a class="embed-open" href={open_href} target="_blank" rel="noopener">
                    {"Open in full playground ↗"}
                </a>
            </footer>
        </div>
    }
}

/// The project's files as tabs: the shown one marked, each a button that shows it.
fn file_tabs(files: &[SourceFile], shown: usize, on_tab: &Callback<usize>) -> Html {
    html! {
        <div role="tablist" aria-label="Files" class="embed-file-tabs">
            { for files.iter().enumerate().map(|(i, file)| html! {
                <button type="button" role="tab" class="embed-file-tab"
                    aria-selected={(i == shown).to_string()} data-path={file.path.clone()}
                    onclick={on_tab.reform(move |_: MouseEvent| i)}>
                    { file.path.clone() }
                </button>
            }) }
        </div>
    }
}

/// Applies rewrite `index` of the `shown` finding of the `linted` text; returns what to
/// note under the code (`None` inside: clear the note; outer `None`: leave it).
/// A project's files in the embed, and the one shown.
#[derive(Clone, Copy)]
struct Project<'f> {
    files: &'f RefCell<Rc<[SourceFile]>>,
    shown: usize,
}

fn apply_rewrite(
    session: &LintSession,
    shown: Option<&Diagnostic>,
    linted: Option<&Checked>,
    index: usize,
    readonly: bool,
    project: Project<'_>,
) -> Option<Option<&'static str>> {
    if readonly {
        return Some(Some(
            "This embed is read-only: open it in the full playground to apply the rewrite.",
        ));
    }
    let (ed, d, l) = (session.editor()?, shown?, linted?);
    // Rewrites are positioned in the linted text; typed since, re-check first.
    if ed.text() != *l.source {
        session.lint_now();
        return Some(Some(
            "The code changed since it was checked; the findings were refreshed.",
        ));
    }
    let rewrite = d.rewrites.get(index)?;
    if !rewrite.other_files.is_empty() {
        // The other files first, all or none: the lint after the edit then sees them.
        let mut files = project.files.borrow().to_vec();
        for other in &rewrite.other_files {
            let Some(file) = files.iter_mut().find(|f| f.path == other.path) else {
                return Some(Some(
                    "This rewrite also edits a file this embed does not hold: open it in the full playground.",
                ));
            };
            file.source = lint_core::apply_edits(&file.source, &other.edits);
        }
        session.set_project(ProjectContext::of(&files, project.shown));
        *project.files.borrow_mut() = files.into();
    }
    ed.apply(&editor_edits(&rewrite.edits));
    session.lint_now();
    Some(None)
}

/// The short list of findings, or only the spoken summary when the panel is `none`.
fn findings(
    result: &LintResult,
    panel: Panel,
    selected: Option<usize>,
    on_select: &Callback<usize>,
) -> Html {
    let count = result.findings().count();
    let summary = match (result.has_fatal(), count) {
        (true, _) => "Syntax error: the code was checked only in part.".to_owned(),
        (false, 0) => "No stateful patterns found.".to_owned(),
        (false, 1) => "1 finding".to_owned(),
        (false, n) => format!("{n} findings"),
    };
    if panel == Panel::None {
        return html! { <p class="visually-hidden" role="status" aria-live="polite">{ summary }</p> };
    }
    html! {
        <section class="embed-findings" aria-label="Findings">
            <p class="embed-summary" role="status" aria-live="polite">{ summary }</p>
            if !result.diagnostics.is_empty() {
                <ul class="finding-list">
                    { for result.diagnostics.iter().enumerate().map(|(i, d)| {
                        let (tag, kind) = match d.rule {
                            Some(rule) => (rule.as_str(), rule.as_str()),
                            None => ("syntax error", "syntax-error"),
                        };
                        html! {
                            <li>
                                <button type="button"
                                    class={classes!("finding", kind, (selected == Some(i)).then_some("selected"))}
                                    aria-pressed={(selected == Some(i)).to_string()}
                                    onclick={on_select.reform(move |_: MouseEvent| i)}>
                                    <span class="finding-rule">{ tag }</span>
                                    <span class="finding-message">{ crate::shared::text::message(&d.message) }</span>
                                    <span class="finding-pos">{ format!("{}:{}", d.range.line, d.range.column) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
