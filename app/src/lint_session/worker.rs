//! Linting off the main thread. The playground's linter (`phoenix-linter`, a wasm of its
//! own: [`crate::lint_session::page_linter`]) also runs in a dedicated worker
//! (`static/lint-worker.js`): the page posts it the compiled `WebAssembly.Module`, so it
//! is not downloaded or compiled twice, and the worker calls [`answer`]. For a long text
//! the worker fetches the same linter built for speed (`phoenix-fastlinter`) itself; a
//! worker started after a failure compiles it again (from the HTTP cache).
//!
//! A lint is answered with the slim findings ([`crate::lint_session::summary`]): the worker keeps the full
//! result, and answers for it the full diagnostic of one finding (when the learner selects
//! it) and the plan of "Apply all".
//!
//! [`LintClient`] numbers each request and applies only the newest lint's answer. If the
//! worker cannot start (it never said it was ready), the lint runs on the main thread
//! instead, in the page's linter. If a worker that started fails on some input (a panic,
//! a stack overflow) or takes longer than the watchdog allows, that input is the problem,
//! not the worker: the learner is told, the code stays in the editor, the worker is
//! replaced, and the next edit is linted in the new one — never on the main thread,
//! where the same input would freeze the page. A failure of the page's linter is
//! reported the same way.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use lint_core::{Diagnostic, MAX_SOURCE_BYTES};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::lint_session::page_linter;
use crate::lint_session::project::{
    FileFindings, FilePlan, ProjectContext, SourceFile, apply_all_files,
};
use crate::lint_session::summary::{EditorPlan, LINTS, LintSummary};

/// What the page asks the worker, posted as JSON text (`{"lint": {"id": 1, "source": …}}`).
/// Each carries the request's `id`, which its reply repeats. Externally tagged: an
/// internally tagged enum buffers what it reads, which cost the wasm 17 KB gzipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WorkerRequest {
    /// Lint `source`, keep the full result, answer the summary. In a project, `source`
    /// is its shown file, linted with the others, and every file's findings come too.
    Lint {
        id: u32,
        source: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        project: Option<ProjectContext>,
    },
    /// The full diagnostic `index` of the linted text `source`.
    Diagnostic {
        id: u32,
        source: String,
        index: usize,
    },
    /// What "Apply all" does to the linted text `source`.
    ApplyAll { id: u32, source: String },
    /// What "Apply all" does to each file of a project.
    ApplyAllProject { id: u32, files: Vec<SourceFile> },
}

/// What the worker posts back, as JSON text (`"ready"`, `{"summary": {"id": 1, …}}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WorkerReply {
    /// The worker started: a failure from now on is about the input it was given.
    Ready,
    Summary {
        id: u32,
        summary: LintSummary,
        /// Every file's findings, when the lint was of a project's shown file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        files: Option<Vec<FileFindings>>,
    },
    Diagnostic {
        id: u32,
        diagnostic: Option<Diagnostic>,
    },
    Planned {
        id: u32,
        plan: EditorPlan,
    },
    ProjectPlanned {
        id: u32,
        plans: Vec<FilePlan>,
    },
    /// The request `id` (none: the worker itself) failed; written by the worker script,
    /// since a linter that failed cannot answer.
    Failed {
        id: Option<u32>,
        error: String,
    },
}

/// Called by the worker script and the page (through [`page_linter`]) with a
/// [`WorkerRequest`] as JSON; returns the [`WorkerReply`] as JSON. The playground's linter
/// exports it (src/bin/linter.rs): the only bundle that lints in a worker.
pub fn answer(request: &str) -> Result<String, JsError> {
    let request: WorkerRequest = serde_json::from_str(request)?;
    let reply = LINTS.with(|lints| match request {
        WorkerRequest::Lint {
            id,
            source,
            project,
        } => {
            let (summary, files) = lints.lint_in(&source, project);
            WorkerReply::Summary { id, summary, files }
        }
        WorkerRequest::Diagnostic { id, source, index } => WorkerReply::Diagnostic {
            id,
            diagnostic: lints.diagnostic(&source, index),
        },
        WorkerRequest::ApplyAll { id, source } => WorkerReply::Planned {
            id,
            plan: lints.apply_all(&source),
        },
        WorkerRequest::ApplyAllProject { id, files } => WorkerReply::ProjectPlanned {
            id,
            plans: apply_all_files(&files),
        },
    });
    Ok(serde_json::to_string(&reply)?)
}

/// The worker script, relative to the page (copied by trunk's copy-dir of static/).
const WORKER_URL: &str = "static/lint-worker.js";

/// A request the worker has not answered in this long is given up on, and the worker
/// replaced. The largest accepted file (10 MB) lints in a few seconds.
pub const WATCHDOG_MS: u32 = 30_000;

/// Why a lint gave no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The linter failed on this text: a panic, or a stack overflow.
    Crashed,
    /// The linter took longer than [`WATCHDOG_MS`] on this text and was stopped.
    TimedOut,
}

/// The answer to a request, as the client hands it on: to the newest lint, or to an ask
/// about a linted text.
#[derive(Debug)]
pub enum Answer {
    Summary {
        source: Rc<str>,
        summary: LintSummary,
    },
    Failed {
        source: Rc<str>,
        message: String,
        failure: Failure,
    },
    /// The full diagnostic `index` of `source` (`None` if it has no such diagnostic).
    Diagnostic {
        source: Rc<str>,
        index: usize,
        diagnostic: Option<Diagnostic>,
    },
    /// What "Apply all" does to `source`.
    Planned { source: Rc<str>, plan: EditorPlan },
    /// Every file's findings of the project `files`, from the lint of its shown file
    /// (told just after that lint's [`Answer::Summary`]).
    Project {
        files: Rc<[SourceFile]>,
        findings: Vec<FileFindings>,
    },
    /// What "Apply all" does to each file of the project `files` (`None`: the linter
    /// stopped on them).
    ProjectPlanned {
        files: Rc<[SourceFile]>,
        plans: Option<Vec<FilePlan>>,
    },
}

struct Pending {
    id: u32,
    source: Rc<str>,
    project: Option<ProjectContext>,
    _watchdog: Timeout,
}

/// An ask about a linted text: a finding's full diagnostic, or "Apply all"; or "Apply
/// all" in every file of a project.
#[derive(Clone, Debug)]
enum Ask {
    Diagnostic(usize),
    ApplyAll,
    ApplyAllProject(Rc<[SourceFile]>),
}

struct Asked {
    id: u32,
    source: Rc<str>,
    ask: Ask,
}

struct Running {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    /// The worker said it was ready, or answered: it starts, so a failure from now on
    /// is about the input it was given.
    started: Rc<Cell<bool>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Told each answer.
type OnDone = dyn Fn(Answer);

struct Inner {
    running: RefCell<Option<Running>>,
    pending: RefCell<Option<Pending>>,
    /// Asks the worker has not answered yet, oldest first.
    asked: RefCell<Vec<Asked>>,
    next_id: Cell<u32>,
    /// Set once a worker has failed to start: from then on the lint runs here.
    main_thread: Cell<bool>,
    /// The project the linted texts are the shown file of (none: a single file).
    project: RefCell<Option<ProjectContext>>,
    on_done: Box<OnDone>,
}

/// Sends lint requests to the worker and reports the newest one's answer.
#[derive(Clone)]
pub struct LintClient {
    inner: Rc<Inner>,
}

impl PartialEq for LintClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl LintClient {
    /// `on_done` is told each answer.
    pub fn new(on_done: impl Fn(Answer) + 'static) -> Self {
        Self {
            inner: Rc::new(Inner {
                running: RefCell::new(None),
                pending: RefCell::new(None),
                asked: RefCell::new(vec![]),
                next_id: Cell::new(0),
                main_thread: Cell::new(false),
                project: RefCell::new(None),
                on_done: Box::new(on_done),
            }),
        }
    }

    /// Starts the worker now, unless it runs or cannot run here, so that the first edit
    /// after a first text linted in the page's linter does not wait for it to start.
    pub fn start_worker(&self) {
        if !self.inner.main_thread.get() {
            ensure_running(&self.inner);
        }
    }

    /// From now on, each text is linted as the shown file of `project` (alone: `None`).
    pub fn set_project(&self, project: Option<ProjectContext>) {
        *self.inner.project.borrow_mut() = project;
    }

    /// Lints `source` (in the project, if one is set); an answer to an earlier request
    /// that comes later is dropped.
    pub fn request(&self, source: String) {
        let inner = &self.inner;
        let id = next_id(inner);
        let source: Rc<str> = source.into();
        let project = inner.project.borrow().clone();
        // Refused at once by lint-core (too large): no need to copy it to the worker.
        if inner.main_thread.get() || source.len() > MAX_SOURCE_BYTES || !ensure_running(inner) {
            inner.pending.borrow_mut().take();
            lint_here(inner, source, project);
            return;
        }
        let request = WorkerRequest::Lint {
            id,
            source: source.to_string(),
            project: project.clone(),
        };
        if post(inner, &request).is_err() {
            fail(
                inner,
                "the lint worker could not be reached".into(),
                Failure::Crashed,
            );
            return;
        }
        let weak = Rc::downgrade(inner);
        let watchdog = Timeout::new(WATCHDOG_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let current = inner.pending.borrow().as_ref().map(|p| p.id);
                if current == Some(id) {
                    let seconds = WATCHDOG_MS / 1000;
                    fail(
                        &inner,
                        format!("it took longer than {seconds} seconds"),
                        Failure::TimedOut,
                    );
                }
            }
        });
        *inner.pending.borrow_mut() = Some(Pending {
            id,
            source,
            project,
            _watchdog: watchdog,
        });
    }

    /// Asks for the full diagnostic `index` of the linted text `source`: its rewrites and
    /// everything the explanation shows. Answered as [`Answer::Diagnostic`], at once when
    /// this thread holds the full result of `source`.
    pub fn diagnostic(&self, source: Rc<str>, index: usize) {
        self.ask(source, Ask::Diagnostic(index));
    }

    /// Asks what "Apply all" does to the linted text `source`: [`Answer::Planned`].
    pub fn apply_all(&self, source: Rc<str>) {
        self.ask(source, Ask::ApplyAll);
    }

    /// Asks what "Apply all" does to each file of a project: [`Answer::ProjectPlanned`].
    pub fn apply_all_project(&self, files: Rc<[SourceFile]>) {
        self.ask("".into(), Ask::ApplyAllProject(files));
    }

    fn ask(&self, source: Rc<str>, ask: Ask) {
        let inner = &self.inner;
        let here = inner.main_thread.get()
            || (matches!(ask, Ask::Diagnostic(_) | Ask::ApplyAll)
                && page_linter::keeps(&source, inner.project.borrow().as_ref()))
            || !ensure_running(inner);
        let id = next_id(inner);
        if here || post(inner, &ask.request(id, &source)).is_err() {
            answer_here(inner, source, ask);
            return;
        }
        inner.asked.borrow_mut().push(Asked { id, source, ask });
    }
}

fn done(inner: &Rc<Inner>, answer: Answer) {
    (inner.on_done)(answer);
}

fn next_id(inner: &Inner) -> u32 {
    let id = inner.next_id.get().wrapping_add(1);
    inner.next_id.set(id);
    id
}

/// Starts a worker unless one runs; false if none can start (the lint moves here).
fn ensure_running(inner: &Rc<Inner>) -> bool {
    if inner.running.borrow().is_some() {
        return true;
    }
    match start(Rc::downgrade(inner)) {
        Ok(running) => {
            *inner.running.borrow_mut() = Some(running);
            true
        }
        Err(_) => {
            inner.main_thread.set(true);
            false
        }
    }
}

fn post(inner: &Inner, request: &WorkerRequest) -> Result<(), JsValue> {
    let message = serde_json::to_string(request).map_err(|e| JsValue::from_str(&e.to_string()))?;
    match inner.running.borrow().as_ref() {
        Some(running) => running.worker.post_message(&message.into()),
        None => Err(JsValue::NULL),
    }
}

/// The page linter's summary of `source` (in `project`), and every file's findings in a
/// project; `Err` says why it gave none.
pub fn lint_on_page(
    source: &str,
    project: Option<ProjectContext>,
) -> Result<(LintSummary, Option<Vec<FileFindings>>), String> {
    let request = WorkerRequest::Lint {
        id: 0,
        source: source.to_owned(),
        project,
    };
    match page_linter::ask(&request)? {
        WorkerReply::Summary { summary, files, .. } => Ok((summary, files)),
        _ => Err("it answered another question".into()),
    }
}

/// Lints on this thread; a failure is reported like the worker's.
fn lint_here(inner: &Rc<Inner>, source: Rc<str>, project: Option<ProjectContext>) {
    match lint_on_page(&source, project.clone()) {
        Ok((summary, files)) => linted(inner, source, summary, project.zip(files)),
        Err(message) => done(
            inner,
            Answer::Failed {
                source,
                message,
                failure: Failure::Crashed,
            },
        ),
    }
}

/// Tells the newest lint's summary, then its project's findings.
fn linted(
    inner: &Rc<Inner>,
    source: Rc<str>,
    summary: LintSummary,
    project: Option<(ProjectContext, Vec<FileFindings>)>,
) {
    done(inner, Answer::Summary { source, summary });
    if let Some((project, findings)) = project {
        done(
            inner,
            Answer::Project {
                files: project.files,
                findings,
            },
        );
    }
}

/// Answers an ask on this thread, in the page's linter (from the full result it keeps,
/// or a new lint). If that fails, the finding shows what the list knows and "Apply all"
/// applies nothing. A project's "Apply all" only where no worker runs: files that
/// stopped a worker could freeze this page.
fn answer_here(inner: &Rc<Inner>, source: Rc<str>, ask: Ask) {
    let asked_here = !matches!(ask, Ask::ApplyAllProject(_)) || inner.main_thread.get();
    let reply = asked_here
        .then(|| page_linter::ask(&ask.request(0, &source)).ok())
        .flatten()
        .and_then(Reply::of);
    let answer = match reply {
        Some((_, reply)) => ask.answer(reply, source),
        None => Err((source, ask)),
    };
    done(
        inner,
        answer.unwrap_or_else(|(source, ask)| ask.unanswered(source)),
    );
}

/// The worker failed on the pending request: drop it (the next request starts a new
/// one) and report the failure. A worker that never said it was ready cannot start at
/// all here (blocked, unsupported, or its script is missing), so the lint moves to the
/// main thread. One that started failed on its input: that input would fail here too.
fn fail(inner: &Rc<Inner>, reason: String, failure: Failure) {
    let never_started = inner
        .running
        .borrow()
        .as_ref()
        .is_some_and(|r| !r.started.get());
    inner.running.borrow_mut().take();
    let asked: Vec<Asked> = inner.asked.borrow_mut().drain(..).collect();
    let pending = inner.pending.borrow_mut().take();
    if never_started && (pending.is_some() || !asked.is_empty()) {
        inner.main_thread.set(true);
    }
    // What was asked of the stopped worker is answered here: the asks are small.
    for a in asked {
        answer_here(inner, a.source, a.ask);
    }
    let Some(pending) = pending else {
        return;
    };
    if never_started {
        lint_here(inner, pending.source, pending.project);
        return;
    }
    done(
        inner,
        Answer::Failed {
            source: pending.source,
            message: reason,
            failure,
        },
    );
}

fn start(inner: std::rc::Weak<Inner>) -> Result<Running, JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER_URL, &options)?;
    let started = Rc::new(Cell::new(false));

    let on_message = {
        let inner = inner.clone();
        let started = started.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(inner) = inner.upgrade() else { return };
            let text = event.data().as_string().unwrap_or_default();
            let reply = serde_json::from_str::<WorkerReply>(&text).unwrap_or_else(|error| {
                WorkerReply::Failed {
                    id: None,
                    error: format!("its answer could not be read ({error})"),
                }
            });
            replied(&inner, &started, reply);
        })
    };
    let on_error = {
        let inner = inner.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let Some(inner) = inner.upgrade() else { return };
            let reason = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the lint worker stopped".into());
            if inner.pending.borrow().is_some() || !inner.asked.borrow().is_empty() {
                fail(&inner, reason, Failure::Crashed);
            } else {
                inner.running.borrow_mut().take();
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    // First message: the linter's glue to import, its module to instantiate, and where the
    // linter built for speed is.
    let init = page_linter::for_worker()?;
    worker.post_message(&init)?;
    Ok(Running {
        worker,
        _on_message: on_message,
        _on_error: on_error,
        started,
    })
}

/// Hands on the worker's `reply`: only the newest lint's, and each ask's.
fn replied(inner: &Rc<Inner>, started: &Cell<bool>, reply: WorkerReply) {
    let (id, answer) = match reply {
        WorkerReply::Ready => {
            started.set(true);
            return;
        }
        WorkerReply::Failed { id, error } => {
            let current = inner.pending.borrow().as_ref().map(|p| p.id);
            // An error about an old request still means this worker is unwell; one about
            // an ask is answered here instead.
            if let Some(asked) = id.and_then(|id| take_asked(inner, id)) {
                started.set(true);
                answer_here(inner, asked.source, asked.ask);
            } else if id.is_none() || id == current {
                fail(inner, error, Failure::Crashed);
            }
            return;
        }
        reply => match Reply::of(reply) {
            Some(answered) => answered,
            None => return,
        },
    };
    started.set(true);
    if let Some(asked) = take_asked(inner, id) {
        return match asked.ask.answer(answer, asked.source) {
            Ok(answer) => done(inner, answer),
            // A reply of the wrong kind: worked out here instead.
            Err((source, ask)) => answer_here(inner, source, ask),
        };
    }
    let current = inner.pending.borrow().as_ref().map(|p| p.id);
    if current != Some(id) {
        return; // an answer to a request that a newer one replaced
    }
    let Some(pending) = inner.pending.borrow_mut().take() else {
        return;
    };
    if let Reply::Summary(summary, files) = answer {
        linted(inner, pending.source, summary, pending.project.zip(files));
    }
}

/// A reply without its id.
enum Reply {
    Summary(LintSummary, Option<Vec<FileFindings>>),
    Diagnostic(Option<Diagnostic>),
    Planned(EditorPlan),
    ProjectPlanned(Vec<FilePlan>),
}

impl Reply {
    /// The id and answer of a reply to a request (`None` for `Ready` and `Failed`).
    fn of(reply: WorkerReply) -> Option<(u32, Self)> {
        Some(match reply {
            WorkerReply::Summary { id, summary, files } => (id, Self::Summary(summary, files)),
            WorkerReply::Diagnostic { id, diagnostic } => (id, Self::Diagnostic(diagnostic)),
            WorkerReply::Planned { id, plan } => (id, Self::Planned(plan)),
            WorkerReply::ProjectPlanned { id, plans } => (id, Self::ProjectPlanned(plans)),
            WorkerReply::Ready | WorkerReply::Failed { .. } => return None,
        })
    }
}

impl Ask {
    /// The request that asks this about `source`, numbered `id`.
    fn request(&self, id: u32, source: &str) -> WorkerRequest {
        match self {
            Self::Diagnostic(index) => WorkerRequest::Diagnostic {
                id,
                source: source.to_owned(),
                index: *index,
            },
            Self::ApplyAll => WorkerRequest::ApplyAll {
                id,
                source: source.to_owned(),
            },
            Self::ApplyAllProject(files) => WorkerRequest::ApplyAllProject {
                id,
                files: files.to_vec(),
            },
        }
    }

    /// This ask about `source` answered by `reply`; itself back when the reply is of
    /// another kind.
    fn answer(self, reply: Reply, source: Rc<str>) -> Result<Answer, (Rc<str>, Self)> {
        Ok(match (reply, self) {
            (Reply::Diagnostic(diagnostic), Self::Diagnostic(index)) => Answer::Diagnostic {
                source,
                index,
                diagnostic,
            },
            (Reply::Planned(plan), Self::ApplyAll) => Answer::Planned { source, plan },
            (Reply::ProjectPlanned(plans), Self::ApplyAllProject(files)) => {
                Answer::ProjectPlanned {
                    files,
                    plans: Some(plans),
                }
            }
            (_, ask) => return Err((source, ask)),
        })
    }

    /// What this ask about `source` comes to when nothing answered it.
    fn unanswered(self, source: Rc<str>) -> Answer {
        match self {
            Self::Diagnostic(index) => Answer::Diagnostic {
                source,
                index,
                diagnostic: None,
            },
            Self::ApplyAll => Answer::Planned {
                source,
                plan: EditorPlan::default(),
            },
            Self::ApplyAllProject(files) => Answer::ProjectPlanned { files, plans: None },
        }
    }
}

fn take_asked(inner: &Inner, id: u32) -> Option<Asked> {
    let mut asked = inner.asked.borrow_mut();
    let at = asked.iter().position(|a| a.id == id)?;
    Some(asked.remove(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "const express = require('express');\nconst app = express();\n\
        let hits = 0;\napp.get('/', (req, res) => { hits++; res.end(); });\n";

    fn ask(request: WorkerRequest) -> WorkerReply {
        let json = serde_json::to_string(&request).unwrap();
        serde_json::from_str(&answer(&json).ok().unwrap()).unwrap()
    }

    #[test]
    fn each_request_is_answered_with_its_id_and_its_kind_of_reply() {
        let WorkerReply::Summary {
            id: 1,
            summary,
            files: None,
        } = ask(WorkerRequest::Lint {
            id: 1,
            source: APP.into(),
            project: None,
        })
        else {
            panic!("a summary for request 1");
        };
        let index = summary
            .result
            .diagnostics
            .iter()
            .position(|f| f.rewrites > 0)
            .unwrap();
        let WorkerReply::Diagnostic {
            id: 2,
            diagnostic: Some(diagnostic),
        } = ask(WorkerRequest::Diagnostic {
            id: 2,
            source: APP.into(),
            index,
        })
        else {
            panic!("the diagnostic for request 2");
        };
        assert_eq!(
            diagnostic.rewrites.len() as u32,
            summary.result.diagnostics[index].rewrites
        );
        let WorkerReply::Planned { id: 3, plan } = ask(WorkerRequest::ApplyAll {
            id: 3,
            source: APP.into(),
        }) else {
            panic!("the plan for request 3");
        };
        assert!(plan.applied > 0);
    }

    /// In a project, one lint answers the shown file (as the editor holds it) with what
    /// the other files add, and every file's findings for the tabs.
    #[test]
    fn a_projects_shown_file_is_linted_with_the_others() {
        const MODEL: &str = "const carts = new Map();\nmodule.exports = { carts };\n";
        const HANDLER: &str = "const express = require('express');\n\
            const { carts } = require('./model');\nconst app = express();\n\
            app.post('/c', (req, res) => { carts.set(req.body.id, req.body); res.end(); });\n";
        let project = ProjectContext {
            shown: "app.js".into(),
            // The shown file's text here is stale: the editor's is the one linted.
            files: vec![
                SourceFile::new("app.js", "// not yet typed\n"),
                SourceFile::new("model.js", MODEL),
            ]
            .into(),
        };
        let WorkerReply::Summary {
            id: 5,
            summary,
            files: Some(files),
        } = ask(WorkerRequest::Lint {
            id: 5,
            source: HANDLER.into(),
            project: Some(project),
        })
        else {
            panic!("a summary with the project's findings for request 5");
        };
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["app.js", "model.js"]);
        assert_eq!(files[0].result, summary.result);
        assert!(
            summary
                .result
                .diagnostics
                .iter()
                .any(|d| d.message.contains("exported by")),
            "{summary:?}"
        );
        // Alone, the handler's file does not know what `./model` exports.
        let WorkerReply::Summary { summary: alone, .. } = ask(WorkerRequest::Lint {
            id: 6,
            source: HANDLER.into(),
            project: None,
        }) else {
            panic!("a summary for request 6");
        };
        assert_ne!(alone.result, summary.result);
    }

    /// The replies static/lint-worker.js writes itself read as the page expects.
    #[test]
    fn the_worker_scripts_own_replies_are_read() {
        let read = |json: &str| serde_json::from_str::<WorkerReply>(json).unwrap();
        assert_eq!(read(r#""ready""#), WorkerReply::Ready);
        assert_eq!(
            read(r#"{"failed":{"id":7,"error":"boom"}}"#),
            WorkerReply::Failed {
                id: Some(7),
                error: "boom".into()
            }
        );
        assert_eq!(
            read(r#"{"failed":{"id":null,"error":"no start"}}"#),
            WorkerReply::Failed {
                id: None,
                error: "no start".into()
            }
        );
        // The script reads a request's id from its JSON.
        let request = serde_json::to_value(WorkerRequest::ApplyAll {
            id: 9,
            source: String::new(),
        })
        .unwrap();
        assert_eq!(request["applyAll"]["id"], 9);
    }
}
