//! Data another module of the project exports, changed by a request handler here:
//! `const { carts } = require('../models/cart')` … `carts.set(id, cart)` in a handler.
//!
//! Node loads a module once per process, so what it exports is one copy shared by every
//! request — state kept in process memory, only declared in another file. In a
//! whole-project lint the other file says what the export is (data, or only functions);
//! alone, a write through a member or an array method still shows data being kept, and the
//! finding says the module could not be seen.

use oxc_span::Span;

use super::{
    Holds, Place, State,
    access::{Access, AccessKind, classify},
};
use crate::{
    context::LintContext,
    diagnostic::{Severity, StateKind},
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
}

#[derive(Debug, Clone)]
pub(super) struct KnownExport {
    /// The module's project path.
    pub(super) path: String,
    pub(super) kind: DataKind,
    /// Where the export is declared in that file.
    pub(super) range: SourceRange,
}

/// One export of one module as this file uses it: its writes from handlers.
struct Group<'a> {
    name: String,
    binding: Span,
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
        if module.is_some_and(|m| m.summary.only_functions()) {
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
            let known = match module {
                Some(m) => match m.summary.export(&path) {
                    Some(export) => match export.value {
                        Exported::Data(kind) => Some(KnownExport {
                            path: m.path.to_string(),
                            kind,
                            range: export.range,
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
            states.push(state(origin.module.clone(), group));
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

fn state<'a>(specifier: String, group: Group<'a>) -> State<'a> {
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
    // The declaration is in another file: a rewrite here could not move it.
    State {
        declaration: Some(group.binding),
        imported: Some(Imported {
            specifier,
            known: group.known,
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
