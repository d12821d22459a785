//! Pieces more than one feature shows: the explanation of a finding, rewrite previews with
//! their diffs and needs, share links, the starter examples and safe text.

pub mod content;
pub mod diff;
pub mod diff_view;
pub mod examples;
pub mod explanation;
pub mod needs;
pub mod report;
pub mod rewrites;
pub mod share;
pub mod text;
