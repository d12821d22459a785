//! Before/after previews of a rewrite, as line hunks computed by `similar`.

use similar::{ChangeTag, TextDiff};

/// Lines of unchanged code shown around each change.
const CONTEXT: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Context,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: LineKind,
    /// 1-based line number in the text before (context and removed lines).
    pub old_line: Option<usize>,
    /// 1-based line number in the text after (context and added lines).
    pub new_line: Option<usize>,
    /// The line without its line break.
    pub text: String,
}

/// A run of changed lines with their context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub lines: Vec<DiffLine>,
}

/// The hunks that turn `before` into `after`; empty when they are equal.
pub fn hunks(before: &str, after: &str) -> Vec<Hunk> {
    let diff = TextDiff::from_lines(before, after);
    diff.grouped_ops(CONTEXT)
        .iter()
        .map(|group| Hunk {
            lines: group
                .iter()
                .flat_map(|op| diff.iter_changes(op))
                .map(|change| DiffLine {
                    kind: match change.tag() {
                        ChangeTag::Equal => LineKind::Context,
                        ChangeTag::Delete => LineKind::Removed,
                        ChangeTag::Insert => LineKind::Added,
                    },
                    old_line: change.old_index().map(|i| i + 1),
                    new_line: change.new_index().map(|i| i + 1),
                    text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_hunks() {
        assert!(hunks("a\nb\n", "a\nb\n").is_empty());
    }

    #[test]
    fn a_replaced_line_shows_context_removed_and_added() {
        let before = "1\n2\n3\n4\n5\n6\n7\n";
        let after = "1\n2\n3\nfour\n5\n6\n7\n";
        let hunks = hunks(before, after);
        assert_eq!(hunks.len(), 1);
        let kinds: Vec<_> = hunks[0]
            .lines
            .iter()
            .map(|l| (l.kind, l.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (LineKind::Context, "2"),
                (LineKind::Context, "3"),
                (LineKind::Removed, "4"),
                (LineKind::Added, "four"),
                (LineKind::Context, "5"),
                (LineKind::Context, "6"),
            ]
        );
        assert_eq!(hunks[0].lines[2].old_line, Some(4));
        assert_eq!(hunks[0].lines[3].new_line, Some(4));
    }

    #[test]
    fn distant_changes_make_separate_hunks() {
        let before: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let after: String = (1..=20)
            .map(|i| match i {
                2 => "two\n".to_owned(),
                19 => "nineteen\n".to_owned(),
                i => format!("{i}\n"),
            })
            .collect();
        assert_eq!(hunks(&before, &after).len(), 2);
    }

    #[test]
    fn crlf_line_breaks_are_not_shown() {
        let hunks = hunks("a\r\nb\r\n", "a\r\nc\r\n");
        assert!(hunks[0].lines.iter().all(|l| !l.text.ends_with('\r')));
    }
}
