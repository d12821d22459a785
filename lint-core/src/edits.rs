//! Combining text edits: applying them to a text, merging a rewrite's edits into one, and
//! "Apply all" — the first rewrite of
//! every finding, minus those that would collide — as the playground, the wasm package and
//! the CLI's `--diff` all do it.

use crate::{
    diagnostic::{Diagnostic, TextEdit},
    position::SourceRange,
    project::{FileResult, ProjectFile},
};

/// The edits in source order, the order every way of combining them works in.
fn sorted<'e>(edits: impl IntoIterator<Item = &'e TextEdit>) -> Vec<&'e TextEdit> {
    let mut edits: Vec<&TextEdit> = edits.into_iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits
}

/// Applies edits (sorted, non-overlapping) to a text. Edits that overlap an earlier one
/// or fall outside the text are skipped rather than corrupting it.
pub fn apply_edits<'e>(source: &str, edits: impl IntoIterator<Item = &'e TextEdit>) -> String {
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0usize;
    for edit in sorted(edits) {
        let (start, end) = (edit.range.start as usize, edit.range.end as usize);
        if start < cursor
            || end > source.len()
            || !source.is_char_boundary(start)
            || !source.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&source[cursor..start]);
        out.push_str(&edit.text);
        cursor = end;
    }
    out.push_str(&source[cursor..]);
    out
}

/// Several edits as one, for formats that carry one range and one text per fix (ESLint's
/// `fix`): from the first start to the last end, keeping the source between the edits.
/// Edits that overlap an earlier one are skipped, as [`apply_edits`] skips them. `None`
/// without edits, for edits that do not fit `source`, or when they spread over more than
/// `max_span` bytes.
pub fn merge_edits<'e>(
    source: &str,
    edits: impl IntoIterator<Item = &'e TextEdit>,
    max_span: u32,
) -> Option<TextEdit> {
    let edits = sorted(edits);
    let first = *edits.first()?;
    let widest_end = edits.iter().map(|e| e.range.end).max()?;
    if widest_end - first.range.start > max_span {
        return None;
    }
    let mut text = String::new();
    let mut cursor = first.range.start as usize;
    let mut last = first;
    for edit in edits {
        let (start, end) = (edit.range.start as usize, edit.range.end as usize);
        if start < cursor {
            continue;
        }
        text.push_str(source.get(cursor..start)?);
        text.push_str(&edit.text);
        cursor = end;
        last = edit;
    }
    source.get(..cursor)?;
    Some(TextEdit {
        range: SourceRange {
            start: first.range.start,
            start_utf16: first.range.start_utf16,
            line: first.range.line,
            column: first.range.column,
            end: last.range.end,
            end_utf16: last.range.end_utf16,
            end_line: last.range.end_line,
            end_column: last.range.end_column,
        },
        text,
    })
}

/// What "Apply all" will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyAllPlan {
    /// Sorted by position; insertions at one point keep the order of their findings.
    pub edits: Vec<TextEdit>,
    /// Indices (into the diagnostics) of the findings whose first rewrite is included.
    pub applied: Vec<usize>,
    /// Indices of findings left out because their rewrite overlaps an included one.
    pub skipped: Vec<usize>,
}

/// Whether two edits cannot both be applied to the same text.
fn conflicts(a: &TextEdit, b: &TextEdit) -> bool {
    let (a0, a1, b0, b1) = (a.range.start, a.range.end, b.range.start, b.range.end);
    match (a0 == a1, b0 == b1) {
        // Two insertions never overlap, even at one point: both go in, in order.
        (true, true) => false,
        (true, false) => b0 < a0 && a0 < b1,
        (false, true) => a0 < b0 && b0 < a1,
        (false, false) => a0 < b1 && b0 < a1,
    }
}

/// The edits of `edits` not already in `taken`, when none of them overlaps what is taken;
/// `None` when one does. An edit identical to one already taken (two rewrites adding the
/// same `require`, say) is applied once.
fn fitting<'e>(taken: &[TextEdit], edits: &'e [TextEdit]) -> Option<Vec<&'e TextEdit>> {
    let fresh: Vec<&TextEdit> = edits.iter().filter(|edit| !taken.contains(edit)).collect();
    let overlaps = fresh
        .iter()
        .any(|edit| taken.iter().any(|t| conflicts(t, edit)));
    (!overlaps).then_some(fresh)
}

/// Sorted by position; a stable sort, so insertions at one point stay in the order they
/// were taken.
fn sort_taken(edits: &mut [TextEdit]) {
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
}

/// Takes the first rewrite of each finding, in order, as long as it does not overlap
/// what is already taken. An edit identical to one already taken (two rewrites adding
/// the same `require`, say) is applied once. A rewrite that also edits other files of a
/// project is left out: applied to this file alone it would be half done
/// ([`plan_project_apply_all`] applies it whole).
pub fn plan_apply_all(diagnostics: &[Diagnostic]) -> ApplyAllPlan {
    let mut plan = ApplyAllPlan::default();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let Some(rewrite) = diagnostic.rewrites.first() else {
            continue;
        };
        let fresh = match rewrite.other_files.is_empty() {
            true => fitting(&plan.edits, &rewrite.edits),
            false => None,
        };
        let Some(fresh) = fresh else {
            plan.skipped.push(index);
            continue;
        };
        plan.edits.extend(fresh.into_iter().cloned());
        plan.applied.push(index);
    }
    sort_taken(&mut plan.edits);
    plan
}

/// What "Apply all" does to one file of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFilePlan {
    /// The path as given in [`ProjectFile::path`].
    pub path: String,
    /// The file's text after the edits.
    pub source: String,
    /// Indices (into this file's diagnostics) of the findings whose first rewrite is
    /// included, in whichever files it edits.
    pub applied: Vec<usize>,
    /// Indices of this file's findings left out because their rewrite overlaps, in some
    /// file it edits, a rewrite already included.
    pub skipped: Vec<usize>,
}

/// "Apply all" across a project: the first rewrite of each finding, file by file in the
/// order of `results`, all or nothing — a rewrite whose edits overlap anything already
/// taken in any of the files it edits is skipped whole. One plan for each file that
/// changes, in the order of `files`. `results` are [`crate::lint_project`]'s for `files`.
pub fn plan_project_apply_all(
    files: &[ProjectFile],
    results: &[FileResult],
) -> Vec<ProjectFilePlan> {
    let index_of = |path: &str| files.iter().position(|f| f.path == path);
    let mut taken: Vec<Vec<TextEdit>> = vec![Vec::new(); files.len()];
    let mut outcome: Vec<(Vec<usize>, Vec<usize>)> = vec![Default::default(); files.len()];
    for result in results {
        let Some(own) = index_of(&result.path) else {
            continue;
        };
        for (index, diagnostic) in result.result.diagnostics.iter().enumerate() {
            let Some(rewrite) = diagnostic.rewrites.first() else {
                continue;
            };
            let parts: Option<Vec<(usize, &[TextEdit])>> =
                std::iter::once(Some((own, rewrite.edits.as_slice())))
                    .chain(
                        rewrite
                            .other_files
                            .iter()
                            .map(|other| Some((index_of(&other.path)?, other.edits.as_slice()))),
                    )
                    .collect();
            // Every file's edits must fit; a file outside the project cannot be edited.
            let fresh: Option<Vec<(usize, Vec<&TextEdit>)>> = parts.and_then(|parts| {
                parts
                    .into_iter()
                    .map(|(file, edits)| Some((file, fitting(&taken[file], edits)?)))
                    .collect()
            });
            match fresh {
                Some(fresh) => {
                    for (file, edits) in fresh {
                        taken[file].extend(edits.into_iter().cloned());
                    }
                    outcome[own].0.push(index);
                }
                None => outcome[own].1.push(index),
            }
        }
    }
    files
        .iter()
        .zip(taken)
        .zip(outcome)
        .filter(|((_, edits), _)| !edits.is_empty())
        .map(|((file, mut edits), (applied, skipped))| {
            sort_taken(&mut edits);
            ProjectFilePlan {
                path: file.path.clone(),
                source: apply_edits(&file.source, &edits),
                applied,
                skipped,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FixSafety, LineIndex, Rewrite, RuleId, Severity};

    fn edit(source: &str, start: u32, end: u32, text: &str) -> TextEdit {
        TextEdit {
            range: LineIndex::new(source).range(start, end),
            text: text.to_owned(),
        }
    }

    fn finding(source: &str, rewrites: Vec<Vec<TextEdit>>) -> Diagnostic {
        Diagnostic {
            rule: Some(RuleId::NoGlobalState),
            severity: Severity::Warning,
            fatal: false,
            message: "m".into(),
            range: LineIndex::new(source).range(0, 0),
            labels: vec![],
            help: None,
            failures: vec![],
            state: None,
            rewrites: rewrites
                .into_iter()
                .map(|edits| Rewrite {
                    needs: Default::default(),
                    other_files: vec![],
                    title: "t".into(),
                    safety: FixSafety::Suggestion,
                    edits,
                })
                .collect(),
        }
    }

    #[test]
    fn takes_the_first_rewrite_of_each_finding() {
        let src = "aaa bbb ccc";
        let diagnostics = [
            finding(
                src,
                vec![vec![edit(src, 0, 3, "A")], vec![edit(src, 0, 3, "never")]],
            ),
            finding(src, vec![]),
            finding(src, vec![vec![edit(src, 8, 11, "C")]]),
        ];
        let plan = plan_apply_all(&diagnostics);
        assert_eq!(plan.applied, [0, 2]);
        assert!(plan.skipped.is_empty());
        assert_eq!(apply_edits(src, &plan.edits), "A bbb C");
    }

    #[test]
    fn overlapping_rewrites_are_skipped_whole() {
        let src = "aaa bbb ccc";
        let diagnostics = [
            finding(src, vec![vec![edit(src, 0, 5, "X")]]),
            // Overlaps the first in one edit: none of its edits may go in.
            finding(src, vec![vec![edit(src, 4, 7, "Y"), edit(src, 8, 11, "Z")]]),
            // An insertion inside a replaced range conflicts too.
            finding(src, vec![vec![edit(src, 2, 2, "!")]]),
        ];
        let plan = plan_apply_all(&diagnostics);
        assert_eq!(plan.applied, [0]);
        assert_eq!(plan.skipped, [1, 2]);
        assert_eq!(apply_edits(src, &plan.edits), "Xbb ccc");
    }

    #[test]
    fn identical_insertions_go_in_once_and_distinct_ones_in_order() {
        let src = "app();\n";
        let require = "const { createClient } = require('redis');\n";
        let diagnostics = [
            finding(
                src,
                vec![vec![edit(src, 0, 0, require), edit(src, 0, 3, "server")]],
            ),
            finding(
                src,
                vec![vec![
                    edit(src, 0, 0, require),
                    edit(src, 0, 0, "// second\n"),
                ]],
            ),
        ];
        let plan = plan_apply_all(&diagnostics);
        assert_eq!(plan.applied, [0, 1]);
        assert_eq!(
            apply_edits(src, &plan.edits),
            format!("{require}// second\nserver();\n")
        );
    }

    #[test]
    fn insertion_at_the_edge_of_a_replacement_is_allowed() {
        let src = "abc";
        let diagnostics = [
            finding(src, vec![vec![edit(src, 0, 3, "xyz")]]),
            finding(src, vec![vec![edit(src, 3, 3, ";")]]),
        ];
        let plan = plan_apply_all(&diagnostics);
        assert_eq!(plan.applied, [0, 1]);
        assert_eq!(apply_edits(src, &plan.edits), "xyz;");
    }
}
