//! Whole projects: many files linted together, so that state is followed across modules.
//!
//! Every file is parsed once, its semantic model kept for both phases: phase one
//! summarises what each module exports and which relative modules it mounts
//! ([`summary`]); linking resolves the relative specifiers between the files with Node's
//! rules ([`files`]) and works out the full paths of mounted routers and the routes of
//! handlers registered in another file; phase two runs the rules with that knowledge.

mod files;
mod summary;

use std::{cell::OnceCell, collections::HashMap, num::NonZeroUsize, sync::OnceLock};

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::Parser;
use oxc_semantic::{NodeId, Semantic, SemanticBuilder, SymbolId};
use serde::{Deserialize, Serialize};

pub use files::normalise;
pub(crate) use summary::{DataKind, Exported, ModuleSummary, is_relative};

use crate::{
    context::{add_prefixes, join_paths},
    diagnostic::{HttpRoute, Label},
    guard,
    linter::{LintOptions, LintResult, lint, lint_semantic},
    position::LineIndex,
    services::{self, Survey},
    source::{Language, candidates},
};

/// One file of a project: its path (relative to the project's folder, `/`-separated) and
/// its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFile {
    pub path: String,
    pub source: String,
}

impl ProjectFile {
    pub fn new(path: impl Into<String>, source: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            source: source.into(),
        }
    }
}

/// The lint of one file of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileResult {
    /// The path as given.
    pub path: String,
    #[serde(flatten)]
    pub result: LintResult,
}

/// What phase two knows of the project around one file.
pub(crate) struct ProjectView<'p> {
    /// The router this file exports and the full paths other files mount it on (one per
    /// place it is mounted).
    pub router_prefixes: Option<(SymbolId, Vec<String>)>,
    /// This file's functions that another file registers as handlers: the function, its
    /// route, and where it is registered.
    pub external_routes: Vec<(NodeId, HttpRoute, Label)>,
    /// Each relative specifier of this file that names a file of the project.
    pub modules: HashMap<&'p str, LinkedModule<'p>>,
}

/// A module of the project as another file requires it.
#[derive(Clone)]
pub(crate) struct LinkedModule<'p> {
    /// Its normalised path.
    pub path: &'p str,
    /// Its path exactly as given in [`ProjectFile::path`].
    pub given: &'p str,
    pub summary: &'p ModuleSummary,
    /// The other files that require it too (not the module itself, not the file that
    /// holds this link), by their given paths.
    pub others: Vec<&'p str>,
}

impl<'p> ProjectView<'p> {
    pub fn module(&self, specifier: &str) -> Option<LinkedModule<'p>> {
        self.modules.get(specifier).cloned()
    }
}

/// A parsed file, borrowing its allocator, kept for both phases.
struct Parsed<'a> {
    semantic: Semantic<'a>,
}

/// Lints `files` as one project: relative `require`s and `import`s between them are
/// followed, so data exported by one module and changed by a handler in another is found
/// with its declaration, and routers mounted in another file get their full paths. The
/// results are in the order of `files`. `options.file_name` is ignored (each file's path
/// is its name); `options.language` applies to files whose extension does not say.
pub fn lint_project(files: &[ProjectFile], options: &LintOptions) -> Vec<FileResult> {
    lint_project_on(files, options, NonZeroUsize::MIN)
}

/// [`lint_project`] with the files spread over up to `threads` threads (the calling
/// thread and `threads - 1` more, each with a stack as large as the parser wants). The
/// results are the same whatever the number: each file is parsed, summarised and linked
/// exactly as on one thread. On wasm, where there are no threads, it runs on one.
pub fn lint_project_on(
    files: &[ProjectFile],
    options: &LintOptions,
    threads: NonZeroUsize,
) -> Vec<FileResult> {
    each_file(files, options.language, threads, |file, parsed| {
        let file_options = LintOptions {
            file_name: Some(file.path.clone()),
            ..options.clone()
        };
        let result = match parsed {
            Some((semantic, index, view)) => {
                lint_semantic(semantic, &file_options, index, Some(view))
            }
            // Syntax errors, refused input: the single-file lint says what it can.
            None => lint(&file.source, &file_options),
        };
        FileResult {
            path: file.path.clone(),
            result,
        }
    })
}

/// What the code of a whole project registers and shares ([`crate::survey`] for each
/// file, in the order of `files`), with the routes of routers mounted in another file at
/// their full paths and handlers registered in another file on their routes. Files that do
/// not parse cleanly add nothing, as in a single-file survey.
pub fn survey_project(files: &[ProjectFile], options: &LintOptions) -> Survey {
    let surveys = each_file(
        files,
        options.language,
        NonZeroUsize::MIN,
        |_, parsed| match parsed {
            Some((semantic, index, view)) => services::survey_semantic(semantic, index, Some(view)),
            None => Survey::default(),
        },
    );
    Survey::merged(surveys)
}

/// A cleanly parsed file with what the project knows around it.
type ParsedFile<'r, 'a> = (&'r Semantic<'a>, &'r LineIndex<'r>, &'r ProjectView<'r>);

/// lint-core's parser recurses once per nesting level and wants at least 8 MiB of stack
/// (the guard's limits are set for that); 64 MiB is only reserved address space until it
/// is touched.
#[cfg(not(target_arch = "wasm32"))]
const THREAD_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Arena bytes reserved per byte of source: oxc's trees took 10.2–11.2 bytes per byte on
/// the generated 200-file project and the benchmark corpus. Pages reserved but never
/// written cost nothing; a part that needs more just grows the arena.
const AST_BYTES_PER_SOURCE_BYTE: usize = 12;

/// One part's summaries, by the index of each file in the project.
type Summaries = Vec<(usize, ModuleSummary)>;

/// The two phases over `files`: each file parsed once (kept for both), summarised, the
/// summaries linked; then `phase_two` for each file with its parse and view (`None` for
/// a file that does not parse cleanly in the dialect its name gives). The results are in
/// the order of `files`.
///
/// With several threads the files are split into fixed parts, one per thread, and each
/// file stays on the thread that parsed it (oxc's arena and semantic model are not
/// `Sync`): the other threads send their summaries to the calling thread, which links
/// the whole project and then lets them go on to phase two. Every file is summarised,
/// linked and linted exactly as on one thread, so the results do not depend on the split.
fn each_file<R: Send>(
    files: &[ProjectFile],
    language: Language,
    threads: NonZeroUsize,
    phase_two: impl Fn(&ProjectFile, Option<ParsedFile<'_, '_>>) -> R + Sync,
) -> Vec<R> {
    let paths: Vec<String> = files.iter().map(|f| normalise(&f.path)).collect();
    // Filled once, by the calling thread between the phases; read by every thread after.
    let summaries_cell: OnceLock<Vec<ModuleSummary>> = OnceLock::new();
    let views_cell: OnceLock<Vec<ProjectView<'_>>> = OnceLock::new();
    let (summaries_ref, views_ref, paths_ref) = (&summaries_cell, &views_cell, &paths);
    // Every part's summaries in, the project linked; `None` when a part is missing (its
    // thread stopped on a panic, which is re-raised when the thread is joined).
    let link_all = move |parts: Vec<Summaries>| -> Option<&[ProjectView<'_>]> {
        let mut all: Vec<Option<ModuleSummary>> = Vec::new();
        all.resize_with(files.len(), || None);
        for (i, summary) in parts.into_iter().flatten() {
            all[i] = Some(summary);
        }
        let summaries = summaries_ref.get_or_init(|| all.into_iter().flatten().collect());
        if summaries.len() != files.len() {
            return None;
        }
        Some(views_ref.get_or_init(|| link(files, paths_ref, summaries)))
    };
    let mut parts = partition(files, threads);
    let own = parts.remove(0);
    if parts.is_empty() {
        let results = run_part(files, &paths, language, &own, &phase_two, |mine| {
            link_all(vec![mine])
        });
        return in_order(files.len(), vec![results]);
    }
    #[cfg(target_arch = "wasm32")]
    unreachable!("no second thread on wasm");
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::scope(|scope| {
        let (sender, received) = std::sync::mpsc::channel::<Summaries>();
        let mut go_signals = Vec::new();
        let mut workers = Vec::new();
        for part in &parts {
            let (go, wait) = std::sync::mpsc::channel::<()>();
            go_signals.push(go);
            let sender = sender.clone();
            let (phase_two, paths) = (&phase_two, &paths);
            let work = move || {
                run_part(files, paths, language, part, phase_two, move |mine| {
                    sender.send(mine).ok()?;
                    drop(sender);
                    wait.recv().ok()?;
                    views_ref.get().map(Vec::as_slice)
                })
            };
            let worker = std::thread::Builder::new()
                .name("phoenix-lint-project".into())
                .stack_size(THREAD_STACK_BYTES)
                .spawn_scoped(scope, work)
                .expect("starting a lint thread");
            workers.push(worker);
        }
        drop(sender);
        // The signals are dropped with this closure, so a worker never waits for a link
        // that will not come.
        let own_results = run_part(files, &paths, language, &own, &phase_two, move |mine| {
            let mut all = vec![mine];
            all.extend(received.iter());
            let views = link_all(all);
            for go in &go_signals {
                // A worker that has stopped no longer listens; its join says why.
                let _ = go.send(());
            }
            views
        });
        let mut results = vec![own_results];
        for worker in workers {
            match worker.join() {
                Ok(part) => results.push(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        in_order(files.len(), results)
    })
}

/// Splits the files into at most `threads` parts of about the same size (the largest
/// file first into the lightest part), each in the files' order. The split depends only
/// on the files' sizes, never on timing.
fn partition(files: &[ProjectFile], threads: NonZeroUsize) -> Vec<Vec<usize>> {
    // No threads on wasm; no more threads than files.
    let count = if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads.get().min(files.len()).max(1)
    };
    let mut by_size: Vec<usize> = (0..files.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(files[i].source.len()));
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut bytes = vec![0usize; count];
    for i in by_size {
        let lightest = (0..count).min_by_key(|&p| (bytes[p], p)).unwrap_or(0);
        parts[lightest].push(i);
        // A file's fixed costs count too, not only its length.
        bytes[lightest] += files[i].source.len() + 256;
    }
    for part in &mut parts {
        part.sort_unstable();
    }
    parts
}

/// Both phases over one part of the project, on the calling thread: parse and summarise
/// each of its files, hand the summaries to `between` (which returns the project's views
/// once every part is linked, or `None` to stop), then `phase_two` for each file.
fn run_part<'v, R>(
    files: &[ProjectFile],
    paths: &[String],
    language: Language,
    part: &[usize],
    phase_two: &impl Fn(&ProjectFile, Option<ParsedFile<'_, '_>>) -> R,
    between: impl FnOnce(Summaries) -> Option<&'v [ProjectView<'v>]>,
) -> Vec<(usize, R)> {
    let indexes: Vec<LineIndex<'_>> = part
        .iter()
        .map(|&i| LineIndex::new(&files[i].source))
        .collect();
    // One arena for the whole part, sized for its files' trees at once: every file keeps
    // its tree for phase two, and a fresh small arena per file would spread the trees over
    // many half-empty chunks, each new memory to map and fault in.
    let source_bytes: usize = part.iter().map(|&i| files[i].source.len()).sum();
    let allocator =
        Allocator::with_capacity(source_bytes.saturating_mul(AST_BYTES_PER_SOURCE_BYTE));
    let parsed: Vec<Option<Parsed<'_>>> = part
        .iter()
        .map(|&i| parse(&files[i].source, &paths[i], language, &allocator))
        .collect();
    // Phase one: what each module gives to the others.
    let summaries: Summaries = part
        .iter()
        .zip(&parsed)
        .zip(&indexes)
        .map(|((&i, p), index)| {
            let summary = p
                .as_ref()
                .map(|p| summary::summarise(&p.semantic, index))
                .unwrap_or_default();
            (i, summary)
        })
        .collect();
    let Some(views) = between(summaries) else {
        return Vec::new();
    };
    // Phase two: each file with the project around it.
    part.iter()
        .zip(&parsed)
        .zip(&indexes)
        .map(|((&i, p), index)| {
            let parsed = p.as_ref().map(|p| (&p.semantic, index, &views[i]));
            (i, phase_two(&files[i], parsed))
        })
        .collect()
}

/// The parts' results in the order of the files.
fn in_order<R>(count: usize, parts: Vec<Vec<(usize, R)>>) -> Vec<R> {
    let mut slots: Vec<Option<R>> = Vec::new();
    slots.resize_with(count, || None);
    for (i, result) in parts.into_iter().flatten() {
        slots[i] = Some(result);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every file is linted by its part"))
        .collect()
}

/// Parses a file that reads cleanly in the dialect its name gives; `None` otherwise.
fn parse<'a>(
    source: &'a str,
    path: &str,
    language: Language,
    allocator: &'a Allocator,
) -> Option<Parsed<'a>> {
    guard::check(source).ok()?;
    let [source_type] = candidates(language, Some(path))[..] else {
        return None;
    };
    guard::check_nesting(source, source_type).ok()?;
    let ret = Parser::new(allocator, source, source_type).parse();
    if ret.panicked || !ret.diagnostics.is_empty() {
        return None;
    }
    let program: &'a Program<'a> = allocator.alloc(ret.program);
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(program)
        .semantic;
    Some(Parsed { semantic })
}

/// Resolves every file's relative specifiers, then works out mounted routers' prefixes
/// and the routes of handlers registered in another file.
fn link<'p>(
    files: &'p [ProjectFile],
    paths: &'p [String],
    summaries: &'p [ModuleSummary],
) -> Vec<ProjectView<'p>> {
    let by_path: HashMap<&str, usize> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    // The full resolution (Node's rules over an in-memory file system) is built only if
    // some specifier does not name a file directly; most projects need none of it.
    let resolver = OnceCell::new();
    let resolve = |from: &str, specifier: &str| {
        files::direct_target(from, specifier, |p| by_path.contains_key(p)).or_else(|| {
            resolver
                .get_or_init(|| {
                    files::ModuleResolver::new(files::ProjectFs::new(
                        paths
                            .iter()
                            .zip(files)
                            .map(|(p, f)| (p.as_str(), f.source.as_str())),
                    ))
                })
                .resolve(from, specifier)
        })
    };
    // file → specifier → file
    let targets: Vec<HashMap<&'p str, usize>> = paths
        .iter()
        .zip(summaries)
        .map(|(path, summary)| {
            summary
                .specifiers
                .iter()
                .filter_map(|specifier| {
                    let target = resolve(path, specifier)?;
                    Some((specifier.as_str(), *by_path.get(target.as_str())?))
                })
                .collect()
        })
        .collect();
    let prefixes = router_prefixes(summaries, &targets);
    // module → the files that require it
    let mut importers: Vec<Vec<usize>> = vec![Vec::new(); paths.len()];
    for (from, specifiers) in targets.iter().enumerate() {
        for &target in specifiers.values() {
            if target != from && !importers[target].contains(&from) {
                importers[target].push(from);
            }
        }
    }
    let mut external: Vec<Vec<(NodeId, HttpRoute, Label)>> = vec![Vec::new(); paths.len()];
    for (from, summary) in summaries.iter().enumerate() {
        for use_ in &summary.uses {
            let Some(&target) = targets[from].get(use_.specifier.as_str()) else {
                continue;
            };
            let Some(function) = summaries[target]
                .export(&use_.steps)
                .and_then(|e| e.function)
            else {
                continue;
            };
            // A handler on a router mounted in several places serves a route under each.
            let bases: Vec<&str> = match use_.on_exported_router {
                true if !prefixes[from].is_empty() => {
                    prefixes[from].iter().map(String::as_str).collect()
                }
                _ => vec![""],
            };
            for base in bases {
                let path = use_.path.as_deref().map(|p| join_paths(base, p));
                let route = HttpRoute {
                    method: use_.method.clone(),
                    path,
                };
                let label = Label::in_file(
                    paths[from].clone(),
                    use_.range,
                    format!("registered on {route}"),
                );
                external[target].push((function, route, label));
            }
        }
    }
    paths
        .iter()
        .zip(summaries)
        .zip(targets)
        .zip(prefixes.into_iter().zip(external))
        .enumerate()
        .map(
            |(from, (((_, summary), targets), (prefix, external_routes)))| {
                let modules = targets
                    .into_iter()
                    .map(|(specifier, i)| {
                        let linked = LinkedModule {
                            path: paths[i].as_str(),
                            given: files[i].path.as_str(),
                            summary: &summaries[i],
                            others: importers[i]
                                .iter()
                                .filter(|&&other| other != from)
                                .map(|&other| files[other].path.as_str())
                                .collect(),
                        };
                        (specifier, linked)
                    })
                    .collect();
                ProjectView {
                    router_prefixes: summary
                        .exported_router()
                        .zip(Some(prefix).filter(|p| !p.is_empty())),
                    external_routes,
                    modules,
                }
            },
        )
        .collect()
}

/// The full paths each module's exported router is mounted on: `app.use('/api', require(
/// './routes/api'))`, one per place it is mounted, and routers mounted on mounted routers,
/// a level at a time. Worked out afresh each round from the last round's paths, until
/// they settle.
fn router_prefixes(
    summaries: &[ModuleSummary],
    targets: &[HashMap<&str, usize>],
) -> Vec<Vec<String>> {
    let mut prefixes: Vec<Vec<String>> = vec![Vec::new(); summaries.len()];
    for _ in 0..8 {
        let mut next: Vec<Vec<String>> = vec![Vec::new(); summaries.len()];
        for (from, summary) in summaries.iter().enumerate() {
            for use_ in summary.uses.iter().filter(|u| u.method == "USE") {
                let Some(&target) = targets[from].get(use_.specifier.as_str()) else {
                    continue;
                };
                let is_router = summaries[target]
                    .export(&use_.steps)
                    .is_some_and(|e| e.value == Exported::Router);
                if !is_router || target == from {
                    continue;
                }
                let path = use_.path.as_deref().unwrap_or("/");
                let full: Vec<String> = if use_.on_exported_router {
                    prefixes[from].iter().map(|p| join_paths(p, path)).collect()
                } else {
                    vec![join_paths("", path)]
                };
                add_prefixes(&mut next[target], full);
            }
        }
        if next == prefixes {
            break;
        }
        prefixes = next;
    }
    prefixes
}

#[cfg(test)]
mod tests;
