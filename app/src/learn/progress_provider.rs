//! Shares the learner's progress with every view of the tutorial and the workshops, and
//! keeps it in local storage after each change, merged per exercise with what other tabs
//! saved (see `storage::save_progress`); what another tab saves shows here too.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::learn::progress::{Progress, ProgressAction};
use crate::shell::browser;
use crate::shell::storage;

pub type ProgressHandle = UseReducerHandle<Progress>;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub children: Html,
}

#[function_component]
pub fn ProgressProvider(props: &Props) -> Html {
    let progress = use_reducer(storage::load_progress);
    // What this tab last saved or adopted: the changes since are this tab's own.
    let saved = use_mut_ref(|| (*progress).clone());
    let failed = use_state_eq(|| false);
    {
        let handle = progress.clone();
        let failed = failed.clone();
        use_effect_with(progress.clone(), move |progress| {
            let mut saved = saved.borrow_mut();
            if **progress == *saved {
                return;
            }
            match storage::save_progress(&saved, progress) {
                Ok(stored) => {
                    failed.set(false);
                    *saved = stored.clone();
                    // Other tabs' exercises, merged in by the save.
                    handle.dispatch(ProgressAction::Adopt(stored));
                }
                Err(_) => failed.set(true),
            }
        });
    }
    {
        let dispatcher = progress.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&browser::window(), "storage", move |event| {
                let key = event
                    .dyn_ref::<web_sys::StorageEvent>()
                    .and_then(|e| e.key());
                // `None`: another tab cleared the whole storage.
                if key.is_none() || key.as_deref() == Some(storage::PROGRESS) {
                    dispatcher.dispatch(ProgressAction::Adopt(storage::load_progress()));
                }
            });
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<ProgressHandle> context={progress}>
            if *failed {
                <p class="notice error progress-unsaved" role="alert" id="progress-unsaved">
                    {"Your progress could not be saved: this browser's storage for the playground \
                      is full or switched off. It is kept while this page stays open; free some \
                      space (for example other sites' data) and your next step saves it all."}
                </p>
            }
            { props.children.clone() }
        </ContextProvider<ProgressHandle>>
    }
}

/// The progress of the nearest [`ProgressProvider`].
#[hook]
pub fn use_progress() -> ProgressHandle {
    use_context::<ProgressHandle>().expect("learning views render inside a ProgressProvider")
}
