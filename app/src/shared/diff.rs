//! Before/after previews of a rewrite, as line hunks: `imara-diff` finds the changed
//! lines (a histogram diff, a fraction of `similar`'s size in the wasm), and this module
//! groups them with their context.

use imara_diff::{Algorithm, Diff, InternedInput};

/// Lines of unchanged code shown around each change.
const CONTEXT: u32 = 2;

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

/// The hunks that turn `before` into `after`; empty when they are equal. Changes with at
/// most twice [`CONTEXT`] unchanged lines between them share a hunk.
pub fn hunks(before: &str, after: &str) -> Vec<Hunk> {
    let input = InternedInput::new(before, after);
    let mut diff = Diff::compute(Algorithm::Histogram, &input);
    diff.postprocess_lines(&input);
    let line = |kind, old: Option<u32>, new: Option<u32>| {
        let token = match (old, new) {
            (Some(i), _) => input.before[i as usize],
            (None, Some(j)) => input.after[j as usize],
            (None, None) => unreachable!("a diff line is on one side at least"),
        };
        DiffLine {
            kind,
            old_line: old.map(|i| i as usize + 1),
            new_line: new.map(|j| j as usize + 1),
            text: input.interner[token]
                .trim_end_matches(['\n', '\r'])
                .to_owned(),
        }
    };
    // Unchanged lines old..old_end, which sit at `new` onwards in the text after.
    let context = |lines: &mut Vec<DiffLine>, old: u32, old_end: u32, new: u32| {
        lines.extend((old..old_end).map(|i| line(LineKind::Context, Some(i), Some(new + i - old))));
    };
    let old_len = input.before.len() as u32;
    let mut out: Vec<Hunk> = Vec::new();
    // Where the last change ended, in the texts before and after.
    let mut end: Option<(u32, u32)> = None;
    for change in diff.hunks() {
        let (start, new_start) = (change.before.start, change.after.start);
        match end {
            Some((old, new)) if start - old <= 2 * CONTEXT => {
                context(
                    &mut out.last_mut().expect("an open hunk").lines,
                    old,
                    start,
                    new,
                );
            }
            _ => {
                if let Some((old, new)) = end {
                    let last = &mut out.last_mut().expect("an open hunk").lines;
                    context(last, old, (old + CONTEXT).min(old_len), new);
                }
                let mut lines = Vec::new();
                let lead = start.saturating_sub(CONTEXT);
                context(&mut lines, lead, start, new_start - (start - lead));
                out.push(Hunk { lines });
            }
        }
        let lines = &mut out.last_mut().expect("an open hunk").lines;
        lines.extend(
            change
                .before
                .clone()
                .map(|i| line(LineKind::Removed, Some(i), None)),
        );
        lines.extend(
            change
                .after
                .clone()
                .map(|j| line(LineKind::Added, None, Some(j))),
        );
        end = Some((change.before.end, change.after.end));
    }
    if let Some((old, new)) = end {
        let last = &mut out.last_mut().expect("an open hunk").lines;
        context(last, old, (old + CONTEXT).min(old_len), new);
    }
    out
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

    #[test]
    fn an_added_line_shifts_the_numbers_of_the_lines_after_it() {
        let hunks = hunks("1\n2\n3\n4\n", "1\n2\nnew\n3\n4\n");
        let numbered: Vec<_> = hunks[0]
            .lines
            .iter()
            .map(|l| (l.kind, l.old_line, l.new_line, l.text.as_str()))
            .collect();
        assert_eq!(
            numbered,
            [
                (LineKind::Context, Some(1), Some(1), "1"),
                (LineKind::Context, Some(2), Some(2), "2"),
                (LineKind::Added, None, Some(3), "new"),
                (LineKind::Context, Some(3), Some(4), "3"),
                (LineKind::Context, Some(4), Some(5), "4"),
            ]
        );
    }

    #[test]
    fn changes_close_together_share_a_hunk_with_the_lines_between() {
        let before: String = (1..=12).map(|i| format!("{i}\n")).collect();
        let after = before.replace("3\n", "three\n").replace("7\n", "seven\n");
        let hunks = hunks(&before, &after);
        assert_eq!(hunks.len(), 1);
        let texts: Vec<_> = hunks[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1", "2", "3", "three", "4", "5", "6", "7", "seven", "8", "9"
            ]
        );
    }
}
