//! The shell around every page: the root that picks a page from the URL fragment, and the
//! browser, storage, theme and markdown services the features share.

pub mod bidi;
pub mod browser;
pub mod keys;
pub mod markdown;
pub mod page;
pub mod root;
pub mod storage;
pub mod theme;
