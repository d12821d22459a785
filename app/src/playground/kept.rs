//! Code the playground put aside instead of losing it: the learner's own code when they
//! edit a shared link's code, another tab's code this tab was about to save over, code
//! replaced by an example or a restore, and text that stopped the linter. Pure, so it is
//! tested natively; `storage` keeps the list in the browser.

use serde::{Deserialize, Serialize};

use crate::shared::examples;

/// How many pieces of code are kept; the oldest goes first.
pub const MAX_KEPT: usize = 5;

/// Why a piece of code was put aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// The learner started editing the code of a shared link.
    SharedLink,
    /// Another tab saved it, and this tab was about to save over it.
    AnotherTab,
    /// An example, a restore or a reset replaced it in the editor.
    Replaced,
    /// Checking it crashed or timed out the linter, so it was not saved as the code.
    StoppedLinter,
}

impl Why {
    pub fn label(self) -> &'static str {
        match self {
            Self::SharedLink => "Your code before you edited a shared link",
            Self::AnotherTab => "Saved in another tab",
            Self::Replaced => "Replaced in the editor",
            Self::StoppedLinter => "Stopped the linter",
        }
    }
}

/// One piece of code put aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub code: String,
    pub why: Why,
    /// When, in milliseconds since 1970 (what `Date.now()` gives), to show it to the learner.
    pub at: u64,
}

impl Kept {
    /// The first line with something on it, cut to fit a list row.
    pub fn preview(&self) -> String {
        const CHARS: usize = 60;
        let line = self
            .code
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let mut preview: String = line.chars().take(CHARS).collect();
        if line.chars().nth(CHARS).is_some() {
            preview.push('…');
        }
        preview
    }

    pub fn line_count(&self) -> usize {
        self.code.lines().count().max(1)
    }
}

/// `list` with `entry` first. The same code is kept once, at its newest place; a new text
/// that stopped the linter replaces an older one (typing on such a text would otherwise
/// fill the list with its near copies); blank code is not worth keeping.
pub fn with(mut list: Vec<Kept>, entry: Kept) -> Vec<Kept> {
    if entry.code.trim().is_empty() {
        return list;
    }
    list.retain(|k| {
        k.code != entry.code && !(entry.why == Why::StoppedLinter && k.why == Why::StoppedLinter)
    });
    list.insert(0, entry);
    list.truncate(MAX_KEPT);
    list
}

/// The learner's own code among `list`, which "Your code" in the examples menu brings
/// back: the newest piece that is neither a starter example's text nor a text that stopped
/// the linter.
pub fn own_code(list: &[Kept]) -> Option<&Kept> {
    list.iter()
        .find(|k| k.why != Why::StoppedLinter && examples::matching(&k.code).is_none())
}

/// Reads the stored list; anything unreadable is an empty list, never an error that
/// stops the page.
pub fn parse(text: &str) -> Vec<Kept> {
    let mut list: Vec<Kept> = serde_json::from_str(text).unwrap_or_default();
    list.truncate(MAX_KEPT);
    list
}

pub fn to_json(list: &[Kept]) -> String {
    serde_json::to_string(list).expect("kept code is plain strings and numbers")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(code: &str, why: Why, at: u64) -> Kept {
        Kept {
            code: code.into(),
            why,
            at,
        }
    }

    #[test]
    fn keeps_the_newest_first_and_at_most_five() {
        let mut list = vec![];
        for i in 0..7 {
            list = with(list, kept(&format!("code {i}"), Why::SharedLink, i));
        }
        let codes: Vec<&str> = list.iter().map(|k| k.code.as_str()).collect();
        assert_eq!(codes, ["code 6", "code 5", "code 4", "code 3", "code 2"]);
    }

    #[test]
    fn the_same_code_is_kept_once_at_its_newest_place() {
        let list = with(vec![], kept("mine", Why::SharedLink, 1));
        let list = with(list, kept("other", Why::AnotherTab, 2));
        let list = with(list, kept("mine", Why::Replaced, 3));
        assert_eq!(
            list,
            [
                kept("mine", Why::Replaced, 3),
                kept("other", Why::AnotherTab, 2)
            ]
        );
    }

    #[test]
    fn a_text_that_stopped_the_linter_replaces_the_previous_one_only() {
        let list = with(vec![], kept("mine", Why::SharedLink, 1));
        let list = with(list, kept("deep (((", Why::StoppedLinter, 2));
        let list = with(list, kept("deep ((((", Why::StoppedLinter, 3));
        assert_eq!(
            list,
            [
                kept("deep ((((", Why::StoppedLinter, 3),
                kept("mine", Why::SharedLink, 1)
            ]
        );
    }

    #[test]
    fn own_code_is_the_newest_piece_neither_an_example_nor_stopped() {
        let example = examples::EXAMPLES[1].source;
        let list = with(vec![], kept("mine, older", Why::AnotherTab, 1));
        let list = with(list, kept("mine", Why::Replaced, 2));
        let list = with(list, kept(example, Why::Replaced, 3));
        let list = with(list, kept("deep (((", Why::StoppedLinter, 4));
        assert_eq!(own_code(&list), Some(&kept("mine", Why::Replaced, 2)));
        assert_eq!(own_code(&list[..1]), None);
        assert_eq!(own_code(&[]), None);
    }

    #[test]
    fn blank_code_is_not_kept() {
        assert_eq!(with(vec![], kept(" \n\t", Why::Replaced, 1)), []);
    }

    #[test]
    fn round_trips_and_survives_damage() {
        let list = with(vec![], kept("a 🔥\r\nb", Why::AnotherTab, 17));
        assert_eq!(parse(&to_json(&list)), list);
        assert!(to_json(&list).contains("\"another-tab\""));
        for bad in ["", "nope", "{}", "[{\"code\":1}]"] {
            assert_eq!(parse(bad), [], "{bad}");
        }
    }

    #[test]
    fn the_preview_is_the_first_line_with_something_on_it() {
        let k = kept(
            "\n\n   const express = require('express');\nmore",
            Why::Replaced,
            0,
        );
        assert_eq!(k.preview(), "const express = require('express');");
        assert_eq!(k.line_count(), 4);
        let long = kept(&"x".repeat(100), Why::Replaced, 0);
        assert_eq!(long.preview().chars().count(), 61);
    }
}
