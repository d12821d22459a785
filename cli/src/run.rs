//! Reads and lints the targets on a pool of worker threads with a large stack.

use std::{
    collections::HashMap,
    num::NonZeroUsize,
    path::{Component, Path, PathBuf},
    time::Instant,
};

use lint_core::{
    Diagnostic, Language, LineIndex, LintOptions, ProjectFile, RuleId, Severity, SourceRange,
};
use rayon::prelude::*;

use crate::{
    inputs::{self, ReadError, Target},
    timings::{Clock, Timings},
};

/// lint-core's parser recurses once per nesting level and asks its callers for at least
/// 8 MiB of stack; the main thread's is smaller on some platforms. 64 MiB is only reserved
/// address space until it is touched.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// The outcome for one linted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The path as given or found under a folder; `None` for unnamed standard input.
    pub path: Option<PathBuf>,
    /// The text linted; `None` when it could not be read or decoded.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be read at all (an I/O error, which makes the exit status 2).
    pub unreadable: bool,
}

impl FileReport {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Warnings and infos: ESLint's formats have no third severity.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn fatals(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.fatal).count()
    }
}

/// How many files are linted at once when `--jobs` is not given: one per core.
pub fn default_jobs() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// Lints every target on at most `jobs` worker threads, keeping the targets' order in
/// the reports whatever order the workers finish in. Standard input is read here, once.
pub fn run(
    targets: Vec<Target>,
    rules: Option<Vec<RuleId>>,
    jobs: NonZeroUsize,
) -> Vec<FileReport> {
    in_parallel(targets, rules.as_deref(), jobs, false).0
}

/// As [`run`], also measuring where each file's time goes (see [`Timings`]).
pub fn run_timed(
    targets: Vec<Target>,
    rules: Option<Vec<RuleId>>,
    jobs: NonZeroUsize,
) -> (Vec<FileReport>, Timings) {
    let started = Instant::now();
    let (reports, per_file) = in_parallel(targets, rules.as_deref(), jobs, true);
    let mut timings = per_file
        .into_iter()
        .flatten()
        .fold(Timings::default(), Timings::add);
    timings.wall = started.elapsed();
    (reports, timings)
}

fn in_parallel(
    targets: Vec<Target>,
    rules: Option<&[RuleId]>,
    jobs: NonZeroUsize,
    timed: bool,
) -> (Vec<FileReport>, Vec<Option<Timings>>) {
    let to_do: Vec<Job> = targets.into_iter().map(Job::from).collect();
    // No more threads than files: each thread costs its start-up and its stack mapping.
    let threads = jobs.get().min(to_do.len()).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(WORKER_STACK_BYTES)
        .thread_name(|i| format!("phoenix-lint-worker-{i}"))
        .build()
        .expect("starting the lint worker threads");
    // An indexed parallel iterator collects in input order. A panic in lint-core (a bug
    // there) is re-raised on this thread rather than hiding a file.
    pool.install(|| to_do.par_iter().map(|job| job.lint(rules, timed)).unzip())
}

/// A target with standard input already read, so workers only touch files.
enum Job {
    File(PathBuf),
    Text {
        name: Option<PathBuf>,
        bytes: Result<Vec<u8>, ReadError>,
    },
    Unreadable {
        path: PathBuf,
        error: String,
    },
}

impl From<Target> for Job {
    fn from(target: Target) -> Self {
        match target {
            Target::File(path) => Job::File(path),
            Target::Stdin(name) => {
                let bytes = inputs::read_at_most(std::io::stdin().lock(), 0);
                Job::Text { name, bytes }
            }
            Target::Unreadable { path, error } => Job::Unreadable { path, error },
        }
    }
}

impl Job {
    /// The file's report, and with `timed` where its time went.
    fn lint(&self, rules: Option<&[RuleId]>, timed: bool) -> (FileReport, Option<Timings>) {
        let started = Clock::start();
        let (path, source) = match self.read() {
            Ok(read) => read,
            Err(report) => return (report, None),
        };
        let read = started.elapsed();
        let options = LintOptions {
            language: Language::Auto,
            file_name: path.as_ref().map(|p| p.to_string_lossy().into_owned()),
            rules: rules.map(<[RuleId]>::to_vec),
        };
        let linting = Clock::start();
        let result = lint_core::lint(&source, &options);
        let lint = linting.elapsed();
        // After the lint, so the lint the user waits for runs first and cold, as it does
        // without --timings.
        let timings =
            timed.then(|| Timings::of_file(&source, &options, read, lint, result.refused));
        let report = FileReport {
            path,
            // A refused text is not echoed back (a binary file's NULs would grow sixfold).
            source: (!result.refused).then_some(source),
            diagnostics: result.diagnostics,
            unreadable: false,
        };
        (report, timings)
    }

    /// The path and text to lint, or the report saying why there is none.
    fn read(&self) -> Result<(Option<PathBuf>, String), FileReport> {
        let (path, bytes) = match self {
            Job::File(path) => (Some(path.clone()), inputs::read_source(path)),
            Job::Text { name, bytes } => (name.clone(), bytes.clone()),
            Job::Unreadable { path, error } => return Err(unreadable(Some(path.clone()), error)),
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(ReadError::Io(error)) => return Err(unreadable(path, &error)),
            Err(ReadError::NotAFile(kind)) => {
                let message = format!("it is {kind}, not a regular file");
                return Err(unreadable(path, &message));
            }
            Err(ReadError::TooLarge(bytes)) => return Err(too_large(path, bytes)),
        };
        String::from_utf8(bytes)
            .map(|source| (path.clone(), source))
            .map_err(|error| {
                let valid_up_to = error.utf8_error().valid_up_to();
                not_utf8(path, error.as_bytes(), valid_up_to)
            })
    }
}

/// Lints the targets as one project: the named files read, then linted together with
/// their relative requires followed. Standard input and files that cannot be read are
/// reported as in [`run`]. Labels in other files name those files by their paths as found.
/// The project's files are parsed and linted on up to `threads` threads.
pub fn run_project(
    targets: Vec<Target>,
    rules: Option<Vec<RuleId>>,
    threads: NonZeroUsize,
) -> Vec<FileReport> {
    let jobs: Vec<Job> = targets.into_iter().map(Job::from).collect();
    let mut reports: Vec<Option<FileReport>> = vec![None; jobs.len()];
    // (index in `jobs`, path as found, text)
    let mut members: Vec<(usize, PathBuf, String)> = Vec::new();
    for (index, job) in jobs.iter().enumerate() {
        match (job, job.read()) {
            (Job::File(_), Ok((Some(path), source))) => members.push((index, path, source)),
            (_, Ok(_)) => reports[index] = Some(job.lint(rules.as_deref(), false).0),
            (_, Err(report)) => reports[index] = Some(report),
        }
    }
    let names = project_paths(members.iter().map(|(_, path, _)| path.as_path()));
    // The texts move into the project and back out into the reports: no second copy.
    let (found, sources): (Vec<(usize, PathBuf)>, Vec<String>) = members
        .into_iter()
        .map(|(index, path, source)| ((index, path), source))
        .unzip();
    let files: Vec<ProjectFile> = names
        .iter()
        .zip(sources)
        .map(|(name, source)| ProjectFile::new(name.clone(), source))
        .collect();
    let options = LintOptions {
        language: Language::Auto,
        file_name: None,
        rules,
    };
    // The parser wants a large stack, as the workers of `run` have (lint-core gives the
    // threads it starts one too).
    let results = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("phoenix-lint-project".into())
            .stack_size(WORKER_STACK_BYTES)
            .spawn_scoped(scope, || {
                lint_core::lint_project_on(&files, &options, threads)
            })
            .expect("spawning the lint thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let found_as: HashMap<&str, String> = names
        .iter()
        .map(String::as_str)
        .zip(
            found
                .iter()
                .map(|(_, path)| path.to_string_lossy().into_owned()),
        )
        .collect();
    for (((index, path), ProjectFile { source, .. }), file) in
        found.into_iter().zip(files).zip(results)
    {
        let mut diagnostics = file.result.diagnostics;
        for label in diagnostics.iter_mut().flat_map(|d| d.labels.iter_mut()) {
            if let Some(found) = label.file.as_deref().and_then(|f| found_as.get(f)) {
                label.file = Some(found.clone());
            }
        }
        // Rewrites name the other files they edit as the reports do.
        let rewrites = diagnostics.iter_mut().flat_map(|d| d.rewrites.iter_mut());
        for other in rewrites.flat_map(|r| r.other_files.iter_mut()) {
            if let Some(found) = found_as.get(other.path.as_str()) {
                other.path = found.clone();
            }
        }
        reports[index] = Some(FileReport {
            path: Some(path),
            source: (!file.result.refused).then_some(source),
            diagnostics,
            unreadable: false,
        });
    }
    reports
        .into_iter()
        .map(|r| r.expect("every target is reported"))
        .collect()
}

/// Each file's path below the folder all of them share, `/`-separated: the names the
/// project's relative requires are resolved between.
fn project_paths<'p>(paths: impl Iterator<Item = &'p Path>) -> Vec<String> {
    let parts = |path: &'p Path| -> Vec<String> {
        path.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let all: Vec<Vec<String>> = paths.map(parts).collect();
    // The shared folder: the longest common run of leading components, never a file name.
    let shared = all.iter().skip(1).fold(
        all.first().map_or(0, |p| p.len().saturating_sub(1)),
        |n, p| {
            let common = all[0].iter().zip(p).take_while(|(a, b)| a == b).count();
            n.min(common).min(p.len().saturating_sub(1))
        },
    );
    all.iter().map(|p| p[shared..].join("/")).collect()
}

fn unreadable(path: Option<PathBuf>, error: &str) -> FileReport {
    let message = format!("Could not read this file: {error}.");
    let diagnostic = fatal(message, LineIndex::new("").range(0, 0));
    FileReport {
        path,
        source: None,
        diagnostics: vec![diagnostic],
        unreadable: true,
    }
}

/// Refused from its size alone, as lint-core refuses such a text, without reading it.
fn too_large(path: Option<PathBuf>, bytes: u64) -> FileReport {
    let message = lint_core::too_large_message(bytes);
    FileReport {
        path,
        source: None,
        diagnostics: vec![fatal(message, LineIndex::new("").range(0, 0))],
        unreadable: false,
    }
}

/// Points at the first byte that is not UTF-8: the text before it is valid, so lint-core's
/// line index can place it.
fn not_utf8(path: Option<PathBuf>, bytes: &[u8], valid_up_to: usize) -> FileReport {
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let range = LineIndex::new(prefix).range(valid_up_to as u32, valid_up_to as u32);
    let message = format!(
        "This file is not valid UTF-8 (byte 0x{:02X} at line {}, column {}); only UTF-8 \
         source can be linted.",
        bytes[valid_up_to], range.line, range.column
    );
    FileReport {
        path,
        source: None,
        diagnostics: vec![fatal(message, range)],
        unreadable: false,
    }
}

fn fatal(message: String, range: SourceRange) -> Diagnostic {
    Diagnostic::fatal(message, range, vec![])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_a_fatal_at_the_first_bad_byte() {
        let report = not_utf8(None, b"ok\nab\xFFcd", 5);
        let d = &report.diagnostics[0];
        assert!(d.fatal && d.rule.is_none());
        assert_eq!((d.range.line, d.range.column), (2, 3));
        assert!(d.message.contains("0xFF"), "{}", d.message);
        assert!(!report.unreadable);
    }

    #[test]
    fn missing_file_is_reported_as_unreadable() {
        let reports = run(
            vec![Target::File(PathBuf::from("/no/such/file.js"))],
            None,
            default_jobs(),
        );
        assert_eq!(reports.len(), 1);
        assert!(reports[0].unreadable);
        assert!(
            reports[0].diagnostics[0]
                .message
                .starts_with("Could not read this file")
        );
    }

    #[test]
    fn order_of_targets_is_kept_across_workers() {
        let dir = std::env::temp_dir().join(format!("phoenix-lint-run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let targets: Vec<Target> = (0..20)
            .map(|i| {
                let path = dir.join(format!("f{i}.js"));
                std::fs::write(&path, format!("const x{i} = {i};")).unwrap();
                Target::File(path)
            })
            .collect();
        let expected: Vec<_> = targets
            .iter()
            .map(|t| match t {
                Target::File(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        let reports = run(targets, None, NonZeroUsize::new(3).unwrap());
        let got: Vec<_> = reports.iter().map(|r| r.path.clone()).collect();
        assert_eq!(got, expected);
        assert!(reports.iter().all(|r| r.diagnostics.is_empty()));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
