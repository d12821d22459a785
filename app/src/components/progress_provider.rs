//! Shares the learner's progress with every view of the tutorial and the workshops, and
//! keeps it in local storage after each change.

use yew::prelude::*;

use crate::progress::Progress;
use crate::storage;

pub type ProgressHandle = UseReducerHandle<Progress>;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub children: Html,
}

#[function_component]
pub fn ProgressProvider(props: &Props) -> Html {
    let progress = use_reducer(storage::load_progress);
    use_effect_with(progress.clone(), |progress| {
        storage::save_progress(progress)
    });
    html! {
        <ContextProvider<ProgressHandle> context={progress}>
            { props.children.clone() }
        </ContextProvider<ProgressHandle>>
    }
}

/// The progress of the nearest [`ProgressProvider`].
#[hook]
pub fn use_progress() -> ProgressHandle {
    use_context::<ProgressHandle>().expect("learning views render inside a ProgressProvider")
}
