//! The one test harness of every rule: valid cases, invalid cases with their positions,
//! rewrite output for snapshots, and a re-lint of every rewritten source.

use crate::{
    Diagnostic, FixSafety, LintOptions, ProjectFile, Rewrite, RuleId, Severity, StateKind,
    apply_edits, lint, lint_project, plan_apply_all,
};

/// `(line, column, end_line, end_column)` of a finding, 1-based, UTF-16.
pub(crate) type Pos = (u32, u32, u32, u32);

/// Code a rule must leave alone: `(name, file, code)`.
pub(crate) type Valid = (&'static str, &'static str, &'static str);

/// Other files of a project, `(path, code)`, that a case is linted beside.
pub(crate) type Beside = &'static [(&'static str, &'static str)];

/// Code a rule must leave alone when linted beside other files: `(name, file, code, beside)`.
pub(crate) type ValidBeside = (&'static str, &'static str, &'static str, Beside);

/// What the suggested rewrites of an invalid case must be.
#[derive(Clone, Copy)]
pub(crate) enum Fix {
    /// Every finding has a rewrite; each one parses and removes its finding.
    Rewrites,
    /// No finding has a rewrite, for the reason given.
    None(&'static str),
}

/// Code a rule must flag, and what the findings must say.
pub(crate) struct Invalid {
    pub name: &'static str,
    /// The file name the code is read as (`.js`, `.mjs`, `.ts`, …).
    pub file: &'static str,
    pub code: &'static str,
    /// The position of every finding.
    pub expect: &'static [Pos],
    /// Severity of every finding.
    pub severity: Severity,
    /// Substrings that some label of some finding must contain.
    pub labels: &'static [&'static str],
    /// Routes (`METHOD /path`) the first finding's state is tied to.
    pub routes: &'static [&'static str],
    /// Kind and name of the first finding's state.
    pub state: Option<(StateKind, &'static str)>,
    /// A substring of the first finding's message.
    pub message: &'static str,
    pub fix: Fix,
    /// Other files the case is linted beside, as one project; none for a single-file lint.
    pub beside: Beside,
}

/// An invalid case with errors at `expect`, each fixed by its rewrites.
pub(crate) const fn invalid(
    name: &'static str,
    file: &'static str,
    code: &'static str,
    expect: &'static [Pos],
) -> Invalid {
    Invalid {
        name,
        file,
        code,
        expect,
        severity: Severity::Error,
        labels: &[],
        routes: &[],
        state: None,
        message: "",
        fix: Fix::Rewrites,
        beside: &[],
    }
}

impl Invalid {
    pub(crate) const fn labels(mut self, labels: &'static [&'static str]) -> Self {
        self.labels = labels;
        self
    }
    pub(crate) const fn routes(mut self, routes: &'static [&'static str]) -> Self {
        self.routes = routes;
        self
    }
    pub(crate) const fn state(mut self, kind: StateKind, name: &'static str) -> Self {
        self.state = Some((kind, name));
        self
    }
    pub(crate) const fn message(mut self, message: &'static str) -> Self {
        self.message = message;
        self
    }
    pub(crate) const fn fix(mut self, fix: Fix) -> Self {
        self.fix = fix;
        self
    }
    /// No finding has a rewrite, for the reason given.
    pub(crate) const fn no_rewrite(self, why: &'static str) -> Self {
        self.fix(Fix::None(why))
    }
    /// Lints the case as one file of a project with `files`.
    pub(crate) const fn beside(mut self, files: Beside) -> Self {
        self.beside = files;
        self
    }
    pub(crate) const fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
    pub(crate) const fn info(mut self) -> Self {
        self.severity = Severity::Info;
        self
    }
}

/// Runs the cases of one rule.
pub(crate) struct Tester {
    rule: RuleId,
}

impl Tester {
    pub(crate) const fn new(rule: RuleId) -> Self {
        Self { rule }
    }

    /// Findings of the rule in `source`, read as `file`; panics on syntax errors so that a
    /// broken test case cannot pass silently.
    pub(crate) fn findings(&self, source: &str, file: &str) -> Vec<Diagnostic> {
        let result = lint(source, &LintOptions::for_file(file));
        if let Some(fatal) = result.diagnostics.iter().find(|d| d.fatal) {
            panic!("test source does not parse: {}\n{source}", fatal.message);
        }
        result
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == Some(self.rule))
            .collect()
    }

    /// Findings of the rule in `source`, read as `file` of a project that also has
    /// `beside`; a single-file lint when `beside` is empty.
    pub(crate) fn findings_beside(
        &self,
        source: &str,
        file: &str,
        beside: Beside,
    ) -> Vec<Diagnostic> {
        if beside.is_empty() {
            return self.findings(source, file);
        }
        let files: Vec<ProjectFile> = std::iter::once((file, source))
            .chain(beside.iter().copied())
            .map(|(path, code)| ProjectFile::new(path, code))
            .collect();
        let mut results = lint_project(&files, &LintOptions::default());
        for other in &results {
            if let Some(fatal) = other.result.diagnostics.iter().find(|d| d.fatal) {
                panic!("test file {} does not parse: {}", other.path, fatal.message);
            }
        }
        results
            .swap_remove(0)
            .result
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == Some(self.rule))
            .collect()
    }

    /// Every case is flagged where it says, as it says, and its rewrites (or their
    /// absence) are as it says.
    pub(crate) fn test_invalid(&self, cases: &[Invalid]) {
        assert!(cases.len() >= 20, "a rule needs at least 20 invalid cases");
        for case in cases {
            self.check_invalid(case);
        }
    }

    fn check_invalid(&self, case: &Invalid) {
        let found = self.findings_beside(case.code, case.file, case.beside);
        let context = || {
            format!(
                "case `{}` ({}):\n{}\nfound:\n{}",
                case.name,
                case.file,
                case.code,
                describe(&found, case.code)
            )
        };
        assert_eq!(positions(&found), case.expect, "{}", context());
        for d in &found {
            assert_eq!(d.severity, case.severity, "{}", context());
            assert!(!d.fatal && d.help.is_some(), "{}", context());
            for rewrite in &d.rewrites {
                // Every rewrite adds a service or moves data: a person must review it.
                assert_eq!(rewrite.safety, FixSafety::Suggestion, "{}", context());
            }
        }
        for label in case.labels {
            assert!(
                found
                    .iter()
                    .flat_map(|d| &d.labels)
                    .any(|l| l.message.contains(label)),
                "missing label {label:?} in {}",
                context()
            );
        }
        let first = &found[0];
        let state = first.state.as_ref().expect("a finding describes its state");
        if let Some((kind, name)) = case.state {
            assert_eq!(
                (state.kind, state.name.as_str()),
                (kind, name),
                "{}",
                context()
            );
        }
        if !case.routes.is_empty() {
            let routes: Vec<String> = state.routes.iter().map(ToString::to_string).collect();
            assert_eq!(routes, case.routes, "{}", context());
        }
        assert!(first.message.contains(case.message), "{}", context());
        match case.fix {
            Fix::Rewrites => {
                let fixed = std::panic::catch_unwind(|| {
                    if case.beside.is_empty() {
                        self.assert_rewrites_fix(case.code, case.file);
                    } else {
                        self.assert_project_rewrites_fix(case.code, case.file, case.beside);
                    }
                });
                assert!(fixed.is_ok(), "rewrites of case `{}` failed", case.name);
            }
            Fix::None(why) => {
                assert!(
                    found.iter().all(|d| d.rewrites.is_empty()),
                    "expected no rewrite ({why}) in {}",
                    context()
                );
                // Beside the other files, the finding itself says why there is none.
                if !case.beside.is_empty() {
                    assert!(
                        found
                            .iter()
                            .all(|d| d.help.as_deref().is_some_and(|h| h.contains(why))),
                        "the help should say {why:?}: {:?}",
                        found.iter().map(|d| &d.help).collect::<Vec<_>>()
                    );
                }
            }
        }
    }

    /// No case is flagged.
    pub(crate) fn test_valid(&self, cases: &[Valid]) {
        assert!(cases.len() >= 20, "a rule needs at least 20 valid cases");
        for (name, file, code) in cases {
            let found = self.findings(code, file);
            assert!(
                found.is_empty(),
                "case `{name}` ({file}) must not be flagged:\n{code}\nfound:\n{}",
                describe(&found, code)
            );
        }
    }

    /// No case is flagged when linted beside its other files.
    pub(crate) fn test_valid_beside(&self, cases: &[ValidBeside]) {
        for (name, file, code, beside) in cases {
            let found = self.findings_beside(code, file, beside);
            assert!(
                found.is_empty(),
                "case `{name}` ({file}) must not be flagged:\n{code}\nfound:\n{}",
                describe(&found, code)
            );
        }
    }

    /// Applies each rewrite of each finding and checks the result parses and no longer
    /// has a finding of the rule at the same place.
    pub(crate) fn assert_rewrites_fix(&self, source: &str, file: &str) {
        let before = self.findings(source, file);
        for finding in &before {
            assert!(
                !finding.rewrites.is_empty(),
                "no rewrite for: {}\n{source}",
                finding.message
            );
            for rewrite in &finding.rewrites {
                let after = rewrite.apply(source);
                let result = lint(&after, &LintOptions::for_file(file));
                if let Some(fatal) = result.diagnostics.iter().find(|d| d.fatal) {
                    panic!(
                        "rewrite `{}` broke the code: {}\n{after}",
                        rewrite.title, fatal.message
                    );
                }
                let remaining = result
                    .findings()
                    .filter(|d| d.rule == Some(self.rule))
                    .count();
                assert!(
                    remaining < before.len(),
                    "rewrite `{}` did not remove the finding:\n{after}",
                    rewrite.title
                );
            }
        }
    }

    /// In a project of `file` and `beside`: applies each rewrite of each finding of `file`
    /// to every file it edits, and checks every file still parses and the project has
    /// fewer findings of the rule in `file`.
    pub(crate) fn assert_project_rewrites_fix(&self, source: &str, file: &str, beside: Beside) {
        let files: Vec<ProjectFile> = std::iter::once((file, source))
            .chain(beside.iter().copied())
            .map(|(path, code)| ProjectFile::new(path, code))
            .collect();
        let before = self.findings_beside(source, file, beside);
        for finding in &before {
            assert!(
                !finding.rewrites.is_empty(),
                "no rewrite for: {}",
                finding.message
            );
            for rewrite in &finding.rewrites {
                let after = applied_to_project(&files, file, rewrite);
                let results = lint_project(&after, &LintOptions::default());
                for result in &results {
                    if let Some(fatal) = result.result.diagnostics.iter().find(|d| d.fatal) {
                        let text = &after.iter().find(|f| f.path == result.path).unwrap().source;
                        panic!(
                            "rewrite `{}` broke {}: {}\n{text}",
                            rewrite.title, result.path, fatal.message
                        );
                    }
                }
                let remaining = results[0]
                    .result
                    .findings()
                    .filter(|d| d.rule == Some(self.rule))
                    .count();
                assert!(
                    remaining < before.len(),
                    "rewrite `{}` did not remove the finding:\n{after:#?}",
                    rewrite.title
                );
            }
        }
    }

    /// The only finding's rewrite titled `title`, applied; the result leaves no finding of
    /// the rule. Returned as `title`, the source before and after, for a snapshot.
    pub(crate) fn rewritten(&self, code: &str, file: &str, title: &str) -> String {
        let found = self.findings(code, file);
        assert_eq!(found.len(), 1, "expected one finding in:\n{code}");
        let titles: Vec<&str> = found[0].rewrites.iter().map(|r| r.title.as_str()).collect();
        let rewrite = found[0]
            .rewrites
            .iter()
            .find(|r| r.title == title)
            .unwrap_or_else(|| panic!("no rewrite `{title}`; have {titles:?}"));
        assert_eq!(rewrite.safety, FixSafety::Suggestion);
        let after = self.applied_leaving_no_finding(rewrite, code, file);
        format!("{title}\n--- before ({file})\n{code}\n--- after\n{after}")
    }

    /// The first rewrite of the only finding, applied (what "Apply all" picks), and the
    /// rewrite itself; the result leaves no finding of the rule.
    pub(crate) fn first_rewrite(&self, code: &str, file: &str) -> (String, Rewrite) {
        let found = self.findings(code, file);
        assert_eq!(
            found.len(),
            1,
            "expected one finding:\n{}",
            describe(&found, code)
        );
        let rewrite = found[0].rewrites.first().expect("a rewrite").clone();
        let after = self.applied_leaving_no_finding(&rewrite, code, file);
        (after, rewrite)
    }

    /// The one rewrite of the one finding of `code`, applied.
    pub(crate) fn only_rewrite(&self, code: &str, file: &str) -> String {
        let found = self.findings(code, file);
        assert_eq!(found.len(), 1, "{}", describe(&found, code));
        assert_eq!(found[0].rewrites.len(), 1, "{}", describe(&found, code));
        found[0].rewrites[0].apply(code)
    }

    fn applied_leaving_no_finding(&self, rewrite: &Rewrite, code: &str, file: &str) -> String {
        let after = rewrite.apply(code);
        assert!(
            self.findings(&after, file).is_empty(),
            "the rewrite leaves a finding:\n{after}"
        );
        after
    }
}

/// "Apply all" as the playground, the CLI and the real-run suite do it.
pub(crate) fn apply_all(code: &str, file: &str) -> String {
    let result = lint(code, &LintOptions::for_file(file));
    let plan = plan_apply_all(&result.diagnostics);
    apply_edits(code, &plan.edits)
}

/// The project's files with `rewrite` (a finding's of `file`) applied to each file it edits.
pub(crate) fn applied_to_project(
    files: &[ProjectFile],
    file: &str,
    rewrite: &Rewrite,
) -> Vec<ProjectFile> {
    files
        .iter()
        .map(|f| {
            let edits = if f.path == file {
                Some(&rewrite.edits)
            } else {
                rewrite
                    .other_files
                    .iter()
                    .find(|o| o.path == f.path)
                    .map(|o| &o.edits)
            };
            match edits {
                Some(edits) => ProjectFile::new(&f.path, apply_edits(&f.source, edits)),
                None => f.clone(),
            }
        })
        .collect()
}

/// The rewritten source in the output of [`Tester::rewritten`].
pub(crate) fn after_part(out: &str) -> &str {
    out.split("--- after\n").nth(1).unwrap_or_default()
}

/// The position of each finding.
pub(crate) fn positions(diagnostics: &[Diagnostic]) -> Vec<Pos> {
    diagnostics
        .iter()
        .map(|d| {
            let r = &d.range;
            (r.line, r.column, r.end_line, r.end_column)
        })
        .collect()
}

/// Two lines per finding — where, the text there, message, labels, state, rewrites — for
/// assertion messages.
pub(crate) fn describe(found: &[Diagnostic], source: &str) -> String {
    found
        .iter()
        .map(|d| {
            let r = &d.range;
            let text = source.get(r.start as usize..r.end as usize).unwrap_or("");
            let labels: Vec<&str> = d.labels.iter().map(|l| l.message.as_str()).collect();
            format!(
                "  {:?} {:?} `{text}` {} labels={labels:?}\n    state {:?}\n    rewrites {}\n",
                (r.line, r.column, r.end_line, r.end_column),
                d.severity,
                d.message,
                d.state,
                d.rewrites.len(),
            )
        })
        .collect()
}
