//! Whole projects: many files linted together, so that state is followed across modules.
//!
//! Every file is parsed once, its semantic model kept for both phases: phase one
//! summarises what each module exports and which relative modules it mounts
//! ([`summary`]); linking resolves the relative specifiers between the files with Node's
//! rules ([`files`]) and works out the full paths of mounted routers and the routes of
//! handlers registered in another file; phase two runs the rules with that knowledge.

mod files;
mod summary;

use std::collections::HashMap;

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
    each_file(files, options.language, |file, parsed| {
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
    let surveys = each_file(files, options.language, |_, parsed| match parsed {
        Some((semantic, index, view)) => services::survey_semantic(semantic, index, Some(view)),
        None => Survey::default(),
    });
    Survey::merged(surveys)
}

/// A cleanly parsed file with what the project knows around it.
type ParsedFile<'r, 'a> = (&'r Semantic<'a>, &'r LineIndex<'r>, &'r ProjectView<'r>);

/// The two phases over `files`: each file parsed once (kept for both), summarised, the
/// summaries linked; then `phase_two` for each file, in order, with its parse and view
/// (`None` for a file that does not parse cleanly in the dialect its name gives).
fn each_file<R>(
    files: &[ProjectFile],
    language: Language,
    mut phase_two: impl FnMut(&ProjectFile, Option<ParsedFile<'_, '_>>) -> R,
) -> Vec<R> {
    let paths: Vec<String> = files.iter().map(|f| normalise(&f.path)).collect();
    let indexes: Vec<LineIndex<'_>> = files.iter().map(|f| LineIndex::new(&f.source)).collect();
    // One allocator per file, created before any parse so that every parsed module can
    // borrow its own for the whole lint.
    let allocators: Vec<Allocator> = files.iter().map(|_| Allocator::default()).collect();
    let parsed: Vec<Option<Parsed<'_>>> = files
        .iter()
        .zip(&paths)
        .zip(&allocators)
        .map(|((file, path), allocator)| parse(&file.source, path, language, allocator))
        .collect();
    // Phase one: what each module gives to the others.
    let summaries: Vec<ModuleSummary> = parsed
        .iter()
        .zip(&indexes)
        .map(|(p, index)| {
            p.as_ref()
                .map(|p| summary::summarise(&p.semantic, index))
                .unwrap_or_default()
        })
        .collect();
    let views = link(files, &paths, &summaries);
    // Phase two: each file with the project around it.
    files
        .iter()
        .zip(&parsed)
        .zip(views.iter().zip(&indexes))
        .map(|((file, parsed), (view, index))| {
            phase_two(file, parsed.as_ref().map(|p| (&p.semantic, index, view)))
        })
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
    let resolver = files::ModuleResolver::new(files::ProjectFs::new(
        paths
            .iter()
            .zip(files)
            .map(|(p, f)| (p.as_str(), f.source.as_str())),
    ));
    // file → specifier → file
    let targets: Vec<HashMap<&'p str, usize>> = paths
        .iter()
        .zip(summaries)
        .map(|(path, summary)| {
            summary
                .specifiers
                .iter()
                .filter_map(|specifier| {
                    let target = resolver.resolve(path, specifier)?;
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
