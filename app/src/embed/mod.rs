//! Embeds for docs sites (`#/embed?…`): the options an embed link carries, the embedded
//! view, and the builder that makes the links.

pub mod link_maker;
pub mod options;
pub mod view;
