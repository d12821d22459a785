//! Learning: the tutorial's lessons and exercises, workshops with their facilitator and
//! presenter pages, custom packs and the learner's progress.

pub mod checks;
pub mod completion_check;
pub mod copy;
pub mod exercise;
pub mod facilitator;
pub mod highlight;
pub mod hints;
pub mod lesson;
pub mod mode_header;
pub mod pack_form;
pub mod pack_link;
pub mod presenter;
pub mod progress;
pub mod progress_provider;
pub mod qr;
pub mod tutorial;
pub mod workshop;

use std::rc::Rc;

use yew::Properties;

/// What every page of a workshop pack (learner, facilitator, presenter, form) is given.
#[derive(Properties, PartialEq)]
pub struct PackProps {
    pub pack: Rc<pack_link::LoadedPack>,
}
