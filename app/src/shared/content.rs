//! The built-in content the first screen does not need (lessons, exercises, the workshop
//! pack, the rule docs) is not in the wasm: a view that shows it fetches its file from
//! `content/` next to the page when it opens, and lint-core keeps it for the rest of the
//! visit. Until then the view shows that it is loading; a failed fetch says so and offers
//! to try again, and nothing the learner has is touched.

use lint_core::RuleId;
use lint_core::content::{
    LEARN_FILE, RULE_DOCS_FILE, install_learn, install_rule_docs, learn_installed, loaded_rule_doc,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::shell::browser;

/// A file of content: where it is, how lint-core takes it in, and what it is called.
///
/// A struct of functions rather than an enum matched at run time: each wasm bundle links
/// only the content it names, so the playground carries none of the lessons' and
/// exercises' reading code (app/src/lib.rs).
#[derive(Debug, Clone, Copy)]
pub struct Content {
    file: &'static str,
    /// What is loading, for the learner: "Loading the lessons…".
    what: &'static str,
    installed: fn() -> bool,
    install: fn(&str) -> Result<(), String>,
}

impl Content {
    /// Lessons, exercises and the default workshop pack.
    pub const LEARN: Self = Self {
        file: LEARN_FILE,
        what: "the lessons and exercises",
        installed: learn_installed,
        install: install_learn,
    };

    /// One markdown doc per rule, for the explanation panel.
    pub const RULE_DOCS: Self = Self {
        file: RULE_DOCS_FILE,
        what: "the rule's documentation",
        installed: || loaded_rule_doc(RuleId::ALL[0]).is_some(),
        install: install_rule_docs,
    };

    fn url(self) -> String {
        format!("content/{}", self.file)
    }

    fn installed(self) -> bool {
        (self.installed)()
    }

    fn install(self, json: &str) -> Result<(), String> {
        (self.install)(json)
    }
}

// The file names one content; comparing the functions would say nothing more (and
// function pointers have no meaningful equality).
impl PartialEq for Content {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file
    }
}

impl Eq for Content {}

/// Where a view's content stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Loading,
    /// Why the fetch failed, in plain words.
    Failed(AttrValue),
    Ready,
}

/// The content's status, fetching it on first use, and a callback that tries again after
/// a failure.
#[hook]
pub fn use_content(content: Content) -> (Status, Callback<()>) {
    let status = use_state_eq(|| {
        if content.installed() {
            Status::Ready
        } else {
            Status::Loading
        }
    });
    let attempt = use_state_eq(|| 0_u32);
    {
        let status = status.clone();
        use_effect_with((content, *attempt), move |&(content, _)| {
            if content.installed() {
                status.set(Status::Ready);
            } else {
                status.set(Status::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = fetch_text(&content.url())
                        .await
                        .and_then(|json| content.install(&json));
                    status.set(match outcome {
                        Ok(()) => Status::Ready,
                        Err(why) => Status::Failed(why.into()),
                    });
                });
            }
        });
    }
    let retry = Callback::from(move |()| attempt.set(*attempt + 1));
    ((*status).clone(), retry)
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = JsFuture::from(browser::window().fetch_with_str(url))
        .await
        .map_err(|_| "the network request failed".to_owned())?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "the answer was not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = response
        .text()
        .map_err(|_| "the answer could not be read".to_owned())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| "the answer could not be read".to_owned())
}

#[derive(Properties, PartialEq)]
pub struct PendingProps {
    pub content: Content,
    /// Loading or failed; `Ready` shows nothing.
    pub status: Status,
    pub on_retry: Callback<()>,
}

/// What a view shows in place of content that is not there yet: a status line while it
/// loads, or the failure with a button that tries again.
#[function_component]
pub fn Pending(props: &PendingProps) -> Html {
    let what = props.content.what;
    match &props.status {
        Status::Ready => html! {},
        Status::Loading => html! {
            <p class="content-pending" role="status" aria-live="polite">
                { format!("Loading {what}…") }
            </p>
        },
        Status::Failed(why) => {
            let retry = props.on_retry.reform(|_: MouseEvent| ());
            html! {
                <div class="content-pending failed" role="alert">
                    <p>{ format!("Could not load {what}: {why}. Check the connection and try again.") }</p>
                    <button type="button" class="btn" onclick={retry}>{ "Try again" }</button>
                </div>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct WithContentProps {
    pub content: Content,
    pub children: Html,
}

/// A whole page that needs `content`: its children once the content is there, a page
/// saying where it stands until then.
#[function_component]
pub fn WithContent(props: &WithContentProps) -> Html {
    let (status, retry) = use_content(props.content);
    match status {
        Status::Ready => props.children.clone(),
        status => html! {
            <main class="content-page">
                <h1>{ "Phoenix Playground" }</h1>
                <Pending content={props.content} {status} on_retry={retry} />
                <p><a href="#/">{ "Open the playground" }</a></p>
            </main>
        },
    }
}
