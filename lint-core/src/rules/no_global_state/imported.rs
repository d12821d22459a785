//! Data another module of the project exports, changed by a request handler here:
//! `const { carts } = require('../models/cart')` … `carts.set(id, cart)` in a handler.
//!
//! Node loads a module once per process, so what it exports is one copy shared by every
//! request — state kept in process memory, only declared in another file. In a
//! whole-project lint the other file says what the export is (data, or only functions);
//! alone, a write through a member or an array method still shows data being kept, and the
//! finding says the module could not be seen.

use oxc_ast::{AstKind, ast::BindingPattern};
use oxc_semantic::SymbolId;
use oxc_span::{GetSpan, Span};

use super::{
    Holds, Place, State,
    access::{Access, AccessKind, classify},
};
use crate::{
    context::LintContext,
    diagnostic::{FileEdits, Severity, StateKind, TextEdit},
    position::SourceRange,
    project::{DataKind, Exported, is_relative},
    resolve::{CALL, NEW},
};

/// Container methods a module's client object may have too (`cache.set`, `queue.add`):
/// only a Map or Set the other file shows makes them a write to shared data.
const CONTAINER_ONLY: &[&str] = &["set", "add", "delete", "clear"];

/// The relative module a piece of state comes from, and what the project knows of it.
#[derive(Debug, Clone)]
pub(super) struct Imported {
    /// The specifier as written: `../models/cart`.
    pub(super) specifier: String,
    /// The export, when the project has the module's file.
    pub(super) known: Option<KnownExport>,
    /// What the Redis rewrite removes in this file (the binding's entry in its `require`
    /// or `import`) and in the declaring module; or why it is not offered.
    pub(super) moved: Result<Moved, String>,
}

/// The edits, beside the accesses, that take an export out of the project's memory.
#[derive(Debug, Clone)]
pub(super) struct Moved {
    /// In this file: spans to delete, and statements to remove whole.
    pub(super) binding: BindingRemoval,
    /// In the declaring module: its path as given and the edits there.
    pub(super) module: FileEdits,
}

/// How the binding of the export goes from this file.
#[derive(Debug, Clone, Copy)]
pub(super) enum BindingRemoval {
    /// Its entry in `{ carts, orders }` or `import { carts }`, with its separator.
    Entry(Span),
    /// `const carts = require('../models/cart').carts;`
    Statement(Span),
}

#[derive(Debug, Clone)]
pub(super) struct KnownExport {
    /// The module's project path.
    pub(super) path: String,
    /// The module's path as given.
    pub(super) given: String,
    pub(super) kind: DataKind,
    /// Where the export is declared in that file.
    pub(super) range: SourceRange,
    /// The edits taking the export out of that module, or why it cannot go.
    pub(super) removal: Result<Vec<TextEdit>, &'static str>,
    /// Other files that require that module too.
    pub(super) others: Vec<String>,
}

/// One export of one module as this file uses it: its writes from handlers.
struct Group<'a> {
    name: String,
    binding: Span,
    /// The binding is the export itself (`const { carts } = require(…)`), not the module.
    binds_export: bool,
    symbol: SymbolId,
    known: Option<KnownExport>,
    writes: Vec<Access<'a>>,
    accesses: Vec<Access<'a>>,
}

/// Exports of relative modules written from a request handler.
pub(super) fn imported_state<'a>(ctx: &LintContext<'_, 'a>, states: &mut Vec<State<'a>>) {
    let scoping = ctx.semantic.scoping();
    for symbol in scoping.iter_bindings_in(scoping.root_scope_id()) {
        let Some(origin) = ctx.resolve.symbol_origin(symbol, 0) else {
            continue;
        };
        // A value made from the module (`new Cart()`, `createStore()`) is not its export.
        if !is_relative(&origin.module) || origin.steps.iter().any(|s| s == CALL || s == NEW) {
            continue;
        }
        let module = ctx.project_module(&origin.module);
        if module.as_ref().is_some_and(|m| m.summary.only_functions()) {
            continue;
        }
        let binding_name = scoping.symbol_name(symbol);
        let mut groups: Vec<Group<'a>> = Vec::new();
        for reference in ctx.semantic.symbol_references(symbol) {
            let access = classify(ctx, reference.node_id());
            // The export reached: the binding's own path, then the first step taken.
            let mut path = origin.steps.clone();
            // `store.carts.set(…)`, `store.count++`: the first step names the export;
            // `orders.push(…)` on the module value itself does not.
            if origin.steps.is_empty()
                && let Some(first) = access.steps.first()
                && (access.steps.len() > 1 || access.kind != AccessKind::Method)
            {
                path.extend(first.name.clone());
            }
            let known = match &module {
                Some(m) => match m.summary.export(&path) {
                    Some(export) => match export.value {
                        Exported::Data(kind) => Some(KnownExport {
                            path: m.path.to_string(),
                            given: m.given.to_string(),
                            kind,
                            range: export.range,
                            removal: export.removal.clone(),
                            others: m.others.iter().map(|o| o.to_string()).collect(),
                        }),
                        // Functions, routers, clients: not data requests change.
                        _ => continue,
                    },
                    None => continue,
                },
                None => None,
            };
            let name = match (origin.steps.is_empty(), path.last()) {
                (true, Some(export)) => format!("{binding_name}.{export}"),
                _ => binding_name.to_string(),
            };
            let writes = is_shared_write(&access, known.as_ref())
                && ctx.enclosing_handler(access.node).is_some();
            let group = match groups.iter_mut().position(|g| g.name == name) {
                Some(at) => &mut groups[at],
                None => {
                    groups.push(Group {
                        name,
                        binding: scoping.symbol_span(symbol),
                        binds_export: origin.steps.len() == 1,
                        symbol,
                        known,
                        writes: vec![],
                        accesses: vec![],
                    });
                    groups.last_mut().expect("just pushed")
                }
            };
            if writes {
                group.writes.push(access.clone());
            }
            group.accesses.push(access);
        }
        for group in groups.into_iter().filter(|g| !g.writes.is_empty()) {
            states.push(state(ctx, origin.module.clone(), group));
        }
    }
}

/// A write that changes the module's data rather than this file's binding: through a
/// member (`store.count++`, `carts[id] = …`) or a container method (`orders.push(…)`).
fn is_shared_write(access: &Access<'_>, known: Option<&KnownExport>) -> bool {
    if access.steps.is_empty() || !access.is_write() {
        return false;
    }
    match (access.method(), known) {
        (Some(method), None) => !CONTAINER_ONLY.contains(&method),
        _ => true,
    }
}

fn state<'a>(ctx: &LintContext<'_, 'a>, specifier: String, group: Group<'a>) -> State<'a> {
    let (holds, kind) = match group.known.as_ref().map(|k| k.kind) {
        Some(DataKind::Map) => (Holds::Map, StateKind::Cache),
        Some(DataKind::Set) => (Holds::Set, StateKind::Collection),
        Some(DataKind::Array) => (Holds::Array, StateKind::Collection),
        Some(DataKind::Counter) => (Holds::Number, StateKind::Counter),
        Some(DataKind::Object) => (Holds::Object, StateKind::Cache),
        None if group.writes.iter().all(|w| w.kind == AccessKind::Method) => {
            (Holds::Array, StateKind::Collection)
        }
        None => (Holds::Object, StateKind::Cache),
    };
    let moved = moved(ctx, &group);
    State {
        declaration: Some(group.binding),
        movable: moved.is_ok(),
        imported: Some(Imported {
            specifier,
            known: group.known,
            moved,
        }),
        ..State::undeclared(
            Place::ImportedModule,
            group.name,
            holds,
            kind,
            Severity::Error,
            group.writes,
            group.accesses,
        )
    }
}

/// What moving the export to Redis removes besides the accesses, when that is safe: the
/// module is in the project, no other file requires it, this file binds the export itself,
/// and both the binding and the declaration are written in a way this rewrite takes apart.
fn moved(ctx: &LintContext<'_, '_>, group: &Group<'_>) -> Result<Moved, String> {
    let Some(known) = &group.known else {
        return Err("the module that declares it is not part of what was linted".to_string());
    };
    if let Some(other) = known.others.first() {
        return Err(format!(
            "`{}` is also required by `{other}`, which would keep using the copy in memory",
            known.path
        ));
    }
    let binding = group
        .binds_export
        .then(|| binding_removal(ctx, group.symbol))
        .flatten()
        .ok_or_else(|| {
            "this file reaches it through the module's value rather than requiring or \
             importing it by name"
                .to_string()
        })?;
    let module_edits = known
        .removal
        .clone()
        .map_err(|why| format!("in `{}`, {why}", known.path))?;
    Ok(Moved {
        binding,
        module: FileEdits {
            path: known.given.clone(),
            edits: module_edits,
        },
    })
}

/// Where the binding of `symbol` is written, as what removes it once nothing uses it.
fn binding_removal(ctx: &LintContext<'_, '_>, symbol: SymbolId) -> Option<BindingRemoval> {
    let nodes = ctx.semantic.nodes();
    let scoping = ctx.semantic.scoping();
    let binding = scoping.symbol_span(symbol);
    let decl = scoping.symbol_declaration(symbol);
    // The entry and the separator after it: removing each entry of `{ a, b }` in its own
    // rewrite never edits the same text twice, and `{  }` is still valid.
    let entry = |spans: &[Span], rest: Option<Span>| {
        let at = spans.iter().position(|s| s.start <= binding.start && binding.end <= s.end)?;
        let end = spans
            .get(at + 1)
            .copied()
            .or(rest)
            .map_or(spans[at].end, |next| next.start);
        Some(BindingRemoval::Entry(Span::new(spans[at].start, end)))
    };
    match nodes.kind(decl) {
        AstKind::VariableDeclarator(d) => {
            // The whole statement, when this declarator is all of it.
            let alone = match nodes.parent_kind(decl) {
                AstKind::VariableDeclaration(v) if v.declarations.len() == 1 => Some(v.span),
                _ => None,
            };
            match &d.id {
                BindingPattern::ObjectPattern(pattern) => {
                    // The only name bound: `const { carts } = require(…)` becomes
                    // `require(…)`, so the module still loads (it may do more than export)
                    // and no `{  }` is left.
                    if let (1, None, Some(init), Some(statement)) =
                        (pattern.properties.len(), &pattern.rest, &d.init, alone)
                    {
                        return Some(BindingRemoval::Entry(Span::new(
                            statement.start,
                            init.span().start,
                        )));
                    }
                    let spans: Vec<Span> = pattern.properties.iter().map(|p| p.span).collect();
                    entry(&spans, pattern.rest.as_ref().map(|r| r.span))
                }
                BindingPattern::BindingIdentifier(_) => alone.map(BindingRemoval::Statement),
                _ => None,
            }
        }
        AstKind::ImportSpecifier(_) => {
            let AstKind::ImportDeclaration(import) = nodes.parent_kind(decl) else {
                return None;
            };
            let spans: Vec<Span> = import.specifiers.as_ref()?.iter().map(GetSpan::span).collect();
            if spans.len() == 1 {
                // The only name imported: `import { carts } from '…'` becomes `import '…'`,
                // which still runs the module. From the specifier list's `{` to the source.
                let text = ctx.source();
                let open = text[..spans[0].start as usize].rfind('{')?;
                return Some(BindingRemoval::Entry(Span::new(
                    u32::try_from(open).ok()?,
                    import.source.span.start,
                )));
            }
            entry(&spans, None)
        }
        _ => None,
    }
}
