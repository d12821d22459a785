//! Reads and lints the targets on worker threads with a large stack.

use std::{
    path::PathBuf,
    sync::atomic::{AtomicUsize, Ordering},
    thread,
};

use lint_core::{Diagnostic, Language, LineIndex, LintOptions, RuleId, Severity, SourceRange};

use crate::inputs::{self, ReadError, Target};

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

/// Lints every target, keeping their order. Standard input is read here, once.
pub fn run(targets: Vec<Target>, rules: Option<Vec<RuleId>>) -> Vec<FileReport> {
    let jobs: Vec<Job> = targets.into_iter().map(Job::from).collect();
    let workers = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let mut reports: Vec<Option<FileReport>> = vec![None; jobs.len()];
    thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                thread::Builder::new()
                    .name("phoenix-lint-worker".into())
                    .stack_size(WORKER_STACK_BYTES)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(job) = jobs.get(index) else {
                                break done;
                            };
                            done.push((index, job.lint(rules.as_deref())));
                        }
                    })
                    .expect("spawning a lint worker thread")
            })
            .collect();
        for handle in handles {
            // A panic in lint-core is a bug there; re-raise it rather than hide a file.
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, report) in done {
                reports[index] = Some(report);
            }
        }
    });
    reports
        .into_iter()
        .map(|r| r.expect("every job is taken by a worker"))
        .collect()
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
    fn lint(&self, rules: Option<&[RuleId]>) -> FileReport {
        let (path, bytes) = match self {
            Job::File(path) => (Some(path.clone()), inputs::read_source(path)),
            Job::Text { name, bytes } => (name.clone(), bytes.clone()),
            Job::Unreadable { path, error } => return unreadable(Some(path.clone()), error),
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(ReadError::Io(error)) => return unreadable(path, &error),
            Err(ReadError::NotAFile(kind)) => {
                return unreadable(path, &format!("it is {kind}, not a regular file"));
            }
            Err(ReadError::TooLarge(bytes)) => return too_large(path, bytes),
        };
        let source = match String::from_utf8(bytes) {
            Ok(source) => source,
            Err(error) => {
                return not_utf8(path, error.as_bytes(), error.utf8_error().valid_up_to());
            }
        };
        let options = LintOptions {
            language: Language::Auto,
            file_name: path.as_ref().map(|p| p.to_string_lossy().into_owned()),
            rules: rules.map(<[RuleId]>::to_vec),
        };
        let result = lint_core::lint(&source, &options);
        FileReport {
            path,
            // A refused text is not echoed back (a binary file's NULs would grow sixfold).
            source: (!result.refused).then_some(source),
            diagnostics: result.diagnostics,
            unreadable: false,
        }
    }
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
        let reports = run(vec![Target::File(PathBuf::from("/no/such/file.js"))], None);
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
        let reports = run(targets, None);
        let got: Vec<_> = reports.iter().map(|r| r.path.clone()).collect();
        assert_eq!(got, expected);
        assert!(reports.iter().all(|r| r.diagnostics.is_empty()));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
