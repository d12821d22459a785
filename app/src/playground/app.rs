//! `App`, the playground's page: its state, its lint session and effects, and the
//! panels they feed.

use std::rc::Rc;

use lint_core::Language;
use yew::prelude::*;

use crate::lint_session::editor_pane::EditorPane;
use crate::lint_session::session::{Linter, use_lint_session};
use crate::playground::actions::{Playground, answered};
use crate::playground::autosave::Autosave;
use crate::playground::effects::{show_result, use_playground_effects};
use crate::playground::findings::FindingsPanel;
use crate::playground::header::Header;
use crate::playground::kept;
use crate::playground::kept_view::KeptPanel;
use crate::playground::notice::NoticeBar;
use crate::playground::open_folder::{self, OpenFolder};
use crate::playground::startup;
use crate::playground::state::{Action, Origin, State};
use crate::playground::tabs::{self, FileTabs, FindingsElsewhere};
use crate::shared::examples;
use crate::shared::explanation::ExplanationPanel;
use crate::shell::browser::{self, perf};
use crate::shell::storage;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Counts the changes of the URL fragment: a new one may be a shared link to open.
    #[prop_or_default]
    pub visit: u32,
}

#[function_component]
pub fn App(props: &Props) -> Html {
    // The fragment and storage as they were when the page opened, read once.
    let boot = use_memo((), |_| {
        startup::choose(
            &browser::fragment(),
            storage::load_code(),
            storage::load_project().as_deref(),
        )
    });
    let state = use_reducer({
        let boot = boot.clone();
        move || {
            let state = State::new(
                boot.source.clone(),
                storage::load_theme(),
                boot.notice.clone(),
            )
            .with_project(boot.project.clone());
            // A short, trusted first text is linted before the first render.
            match startup::first_lint(&boot.source, boot.origin) {
                Some(first) => {
                    perf::mark("first-lint");
                    Rc::unwrap_or_clone(Rc::new(state).reduce(first))
                }
                None => state,
            }
        }
    });
    let autosave = use_memo((), {
        let boot = boot.clone();
        move |_| Autosave::new((boot.origin == Origin::Link).then(|| boot.source.as_str().into()))
    });
    let session = use_lint_session(state.theme, state.checking(), || {
        Linter::Worker(Box::new(answered(state.dispatcher(), autosave.clone())))
    });
    let playground = Playground {
        session: session.clone(),
        state: state.clone(),
        autosave: autosave.clone(),
    };
    use_playground_effects(&playground, props.visit);

    let p = &playground;
    // A first text linted before the first render is shown as the editor mounts: waiting
    // for the render its mounting causes kept the first findings off screen a frame or
    // two longer.
    let on_editor = {
        let (on_ready, state, session) = (session.on_ready.clone(), state.clone(), session.clone());
        Callback::from(move |ed: crate::lint_session::editor::Editor| {
            on_ready.emit(ed.clone());
            if state.revision == 1 {
                show_result(&ed, &state, session.client());
            }
        })
    };
    let on_dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissNotice))
    };
    let has_rewrites = state.result.findings().any(|d| d.rewrites > 0)
        || state
            .files_findings
            .iter()
            .any(|f| f.result.findings().any(|d| d.rewrites > 0));
    let on_open_folder = p.on(Playground::opened_folder);
    let files = use_memo(state.project_revision, {
        let project = state.project.clone();
        move |_| Rc::<[crate::lint_session::project::SourceFile]>::from(project.files())
    });
    let files = (*files).clone();
    let (on_drag_over, on_drop) = open_folder::drop_handlers(on_open_folder.clone());
    html! {
        <>
            <Header current_example={examples::matching(&state.source).map(|e| e.id)}
                has_own_code={kept::own_code(&state.kept).is_some()}
                theme={state.theme} on_example={p.on(Playground::load_example)}
                on_own_code={p.on(Playground::restore_own)}
                on_share={p.on(Playground::share)} on_theme={p.on(Playground::set_theme)} />
            <NoticeBar notice={state.notice.clone()} {on_dismiss}
                on_action={p.on(Playground::notice_action)} />
            <main class="layout">
                <section class="panel editor-panel" aria-labelledby="editor-heading"
                    ondragover={on_drag_over} ondrop={on_drop}>
                    <div class="panel-head">
                        <h2 id="editor-heading">{"Your Express app"}</h2>
                        <span class="lang-badge">
                            { if state.result.language == Language::TypeScript { "TypeScript" } else { "JavaScript" } }
                        </span>
                    </div>
                    <FileTabs project={state.project.clone()} counts={Rc::new(tabs::counts(&state))}
                        on_switch={p.on(Playground::switch_file)} on_add={p.on(Playground::add_file)}
                        on_rename={p.on(Playground::rename_file)} on_delete={p.on(Playground::delete_file)}>
                        <OpenFolder on_open={on_open_folder.clone()} />
                    </FileTabs>
                    <EditorPane initial={state.source.clone()} on_ready={on_editor}
                        on_change={session.on_change.clone()} />
                    <crate::playground::tools::EditorTools />
                    <p class="hint">{"Paste your own code. It is checked as you type and saved in this browser only."}</p>
                    <KeptPanel kept={state.kept.clone()} on_restore={p.on(Playground::restore_kept)}
                        on_copy={p.on(Playground::copy_kept)} />
                </section>
                <div class="side">
                    <FindingsPanel result={state.result.clone()} revision={state.revision}
                        selected={state.selected} summary={AttrValue::from(state.summary())}
                        rule_counts={Rc::new(state.rule_counts())} can_apply_all={has_rewrites}
                        stopped={state.stopped.is_some()} source={state.source.clone()}
                        elsewhere={state.findings_elsewhere()}
                        on_select={p.on(Playground::select)} on_apply_all={p.on(Playground::apply_all)} />
                    <FindingsElsewhere findings={Rc::new(tabs::elsewhere(&state))}
                        on_select={p.on(Playground::select_in_file)} />
                    <ExplanationPanel finding={state.selected_diagnostic()} reportable=true
                        source={state.source.clone()} on_jump={p.on(Playground::jump)}
                        on_jump_file={Some(p.on(Playground::jump_to_file))} files={files}
                        on_apply={p.on(Playground::apply)} />
                </div>
            </main>
            <footer class="footer">
                {"Phoenix Playground runs entirely in your browser: no server keeps your code."}
                {" "}<a href="#/embed-builder" id="embed-builder-link">{"Embed code in your docs"}</a>
            </footer>
        </>
    }
}
