//! How `no-global-state` words a finding: its message, labels and help, by where the state
//! lives in the code and what it holds.

use super::{Place, State, imported::Imported};
use crate::{
    context::LintContext,
    diagnostic::{HttpRoute, Label, StateKind},
};

/// What the finding says about the state called `name`.
pub(super) fn message(place: Place, name: &str, kind: StateKind) -> String {
    match place {
        Place::Variable => match kind {
            StateKind::Counter => format!(
                "`{name}` is a counter in this process's memory, changed by a request handler."
            ),
            StateKind::Collection => {
                format!("`{name}` collects data in this process's memory from a request handler.")
            }
            StateKind::RequestContext => {
                format!("`{name}` holds one request's data in a variable shared by every request.")
            }
            _ => format!(
                "`{name}` keeps data in this process's memory, written by a request handler."
            ),
        },
        Place::ProcessEnv => format!(
            "`{name}` is changed while serving a request: only this process sees the change."
        ),
        Place::ImplicitGlobal => format!(
            "`{name}` is assigned without being declared, so it becomes a property of the global object and lives as long as the process."
        ),
        Place::GlobalObject => {
            let mut message =
                format!("`{name}` keeps data on the global object, in this process's memory.");
            if name.starts_with("Global.") {
                message.push_str(
                    " (`Global` with a capital G is not defined in Node.js, so this line throws \
                     unless something defines it; the intent, a process-wide store, has the same problem.)",
                );
            }
            message
        }
        Place::AppLocals => format!(
            "`{name}` is written while serving a request; app.locals lives as long as the process."
        ),
        Place::ImportedModule => format!(
            "`{name}` comes from a module of this app and is changed by a request handler."
        ),
    }
}

/// What the finding says about data another module exports: with what that module holds
/// when the project has it, and otherwise that it could not be seen.
pub(super) fn imported_message(name: &str, imported: &Imported) -> String {
    match &imported.known {
        Some(known) => format!(
            "`{name}` is {} exported by `{}` and changed by a request handler: the module is \
             loaded once per process, so every request in this process shares it and no other \
             instance sees it.",
            known.kind.describe(),
            known.path
        ),
        None => format!(
            "`{name}` comes from the local module `{}` and is changed by a request handler: \
             a module is loaded once per process, so its data is shared by every request in \
             this process and seen by no other instance.",
            imported.specifier
        ),
    }
}

/// What to do instead.
pub(super) const fn help(place: Place) -> &'static str {
    match place {
        Place::Variable => {
            "Keep data that must outlive a request in a shared store (Redis, a database); \
             keep per-request data on `res.locals` or in AsyncLocalStorage."
        }
        Place::ProcessEnv => {
            "Configuration belongs to the deployment: read it at start-up, and \
             pass per-request values explicitly or keep them in a shared store."
        }
        Place::ImplicitGlobal => {
            "Declare it; and if it must outlive a request, keep it in a shared store (Redis, a database) instead of process memory."
        }
        Place::GlobalObject => {
            "Keep shared data in a store every instance uses (Redis, a database); an \
             in-process cache only for data that can be recomputed."
        }
        Place::AppLocals => {
            "Use `res.locals` for data about this request, and a shared store (Redis, a \
             database) for data other requests need."
        }
        Place::ImportedModule => {
            "Keep data that requests change in a shared store (Redis, a database) that every \
             instance reads; let modules export functions and constants."
        }
    }
}

/// The declaration, the routes the first write serves, and up to three more writes.
pub(super) fn labels(
    ctx: &LintContext<'_, '_>,
    state: &State<'_>,
    routes: &[HttpRoute],
) -> Vec<Label> {
    let first = &state.writes[0];
    let mut labels: Vec<Label> = Vec::new();
    if let Some(imported) = &state.imported {
        if let Some(known) = &imported.known {
            labels.push(Label::in_file(
                known.path.clone(),
                known.range,
                format!("declared in {}: one copy per process", known.path),
            ));
        }
        if let Some(binding) = state.declaration {
            labels.push(ctx.label(
                binding,
                "required here: every request shares the module's one copy",
            ));
        }
    } else if let Some(decl) = state.declaration {
        let text = if state.setup.is_some() {
            super::setup_scope::DECLARED
        } else if state.from_call {
            "set from a call once, when this code loads, then changed by a handler: one copy \
             per process, shared by every request"
        } else {
            "declared outside the handler: one copy per process, shared by every request"
        };
        labels.push(ctx.label(decl, text));
    }
    for route in routes {
        labels.push(ctx.label(first.whole, format!("written while serving {route}")));
    }
    if let Some(inside) = state
        .writes
        .iter()
        .find(|w| state.element_writes.contains(&w.whole))
    {
        labels.push(ctx.label(
            inside.whole,
            format!(
                "changes a value kept inside `{}`: the stored object itself, not a copy",
                state.name
            ),
        ));
    }
    for write in state.writes.iter().skip(1).take(3) {
        labels.push(ctx.label(write.whole, "also written here"));
    }
    // Handlers registered in another file: where, and on which route.
    let nodes = ctx.semantic.nodes();
    for write in &state.writes {
        for function in nodes.ancestor_ids(write.node) {
            for label in ctx.external_registrations(function) {
                if !labels.contains(label) {
                    labels.push(label.clone());
                }
            }
        }
    }
    labels
}
