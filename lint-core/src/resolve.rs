//! Where a value comes from: follows identifiers through scopes to `require`/`import`,
//! destructuring, member accesses, calls and `new`, never by matching names alone.
//!
//! `const upload = multer({ dest })` gives `upload` the origin `multer` + `()`, so a rule
//! can ask "is this a multer instance?" wherever `upload` is used.

use oxc_ast::{
    AstKind,
    ast::{
        Argument, BindingPattern, Expression, ModuleExportName, ObjectExpression,
        ObjectPropertyKind, TSModuleReference,
    },
};
use oxc_semantic::{Semantic, SymbolId};

/// Deepest chain of aliases followed; guards against cycles such as `let a = b, b = a`.
const MAX_DEPTH: u32 = 24;

/// Marker step for a call, `f(...)`.
pub const CALL: &str = "()";
/// Marker step for a construction, `new F(...)`.
pub const NEW: &str = "new";

/// A value's source: a module and the steps taken from its export.
///
/// `require('multer').diskStorage({...})` is `multer` + `["diskStorage", "()"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub module: String,
    pub steps: Vec<String>,
}

impl Origin {
    fn new(specifier: &str) -> Self {
        let specifier = specifier.strip_prefix("node:").unwrap_or(specifier);
        match specifier.split_once('/') {
            // `fs/promises` is `fs.promises`; scoped packages keep their slash.
            Some((base @ ("fs" | "stream" | "timers"), rest)) if !base.starts_with('@') => Self {
                module: base.to_string(),
                steps: rest.split('/').map(str::to_string).collect(),
            },
            _ => Self {
                module: specifier.to_string(),
                steps: vec![],
            },
        }
    }

    fn then(mut self, step: &str) -> Self {
        // A default export is the module value itself (`require('x').default`,
        // `import x from 'x'`): one spelling for both keeps rules simple.
        if !(step == "default" && self.steps.is_empty()) {
            self.steps.push(step.to_string());
        }
        self
    }

    /// True when this is `module` reached through exactly `steps`.
    pub fn is(&self, module: &str, steps: &[&str]) -> bool {
        self.module == module
            && self
                .steps
                .iter()
                .map(String::as_str)
                .eq(steps.iter().copied())
    }

    /// True when this comes from any of `modules`.
    pub fn is_from_any(&self, modules: &[&str]) -> bool {
        modules.contains(&self.module.as_str())
    }

    pub fn last_step(&self) -> Option<&str> {
        self.steps.last().map(String::as_str)
    }
}

/// The properties of an object literal as far as they can be known.
#[derive(Debug, Default)]
pub struct ObjectShape<'a> {
    /// Properties in source order: the literal's own, then spreads, then later writes
    /// (`opts.store = …`). Values are `None` for methods and getters.
    pub props: Vec<(String, Option<&'a Expression<'a>>)>,
    /// A spread or computed key whose contents cannot be known.
    pub unknown: bool,
    /// The object literal itself, when there is one.
    pub literal: Option<&'a ObjectExpression<'a>>,
}

impl<'a> ObjectShape<'a> {
    pub fn has(&self, name: &str) -> bool {
        self.props.iter().any(|(n, _)| n == name)
    }

    /// The last value given to `name`.
    pub fn get(&self, name: &str) -> Option<&'a Expression<'a>> {
        self.props
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| *v)
    }
}

/// Scope-aware resolution over one semantic model.
pub struct Resolver<'s, 'a> {
    semantic: &'s Semantic<'a>,
}

impl<'s, 'a> Resolver<'s, 'a> {
    pub fn new(semantic: &'s Semantic<'a>) -> Self {
        Self { semantic }
    }

    /// The symbol an identifier expression refers to, if it is declared in this file.
    pub fn symbol_of(&self, expr: &Expression<'a>) -> Option<SymbolId> {
        let Expression::Identifier(ident) = expr.get_inner_expression() else {
            return None;
        };
        let reference = self
            .semantic
            .scoping()
            .get_reference(ident.reference_id.get()?);
        reference.symbol_id()
    }

    /// True when `expr` is an identifier with no declaration in this file (a global).
    pub fn is_global(&self, expr: &Expression<'a>, name: &str) -> bool {
        match expr.get_inner_expression() {
            Expression::Identifier(ident) => {
                ident.name.as_str() == name
                    && ident.reference_id.get().is_some_and(|id| {
                        self.semantic
                            .scoping()
                            .get_reference(id)
                            .symbol_id()
                            .is_none()
                    })
            }
            _ => false,
        }
    }

    /// Where `expr`'s value comes from, if it can be traced to a module.
    pub fn origin(&self, expr: &Expression<'a>) -> Option<Origin> {
        self.origin_at(expr, 0)
    }

    fn origin_at(&self, expr: &Expression<'a>, depth: u32) -> Option<Origin> {
        if depth > MAX_DEPTH {
            return None;
        }
        let depth = depth + 1;
        match expr.get_inner_expression() {
            Expression::CallExpression(call) => {
                if let Some(specifier) = self.require_specifier(call) {
                    return Some(Origin::new(specifier));
                }
                Some(self.origin_at(&call.callee, depth)?.then(CALL))
            }
            Expression::NewExpression(new) => Some(self.origin_at(&new.callee, depth)?.then(NEW)),
            Expression::AwaitExpression(awaited) => match awaited.argument.get_inner_expression() {
                Expression::ImportExpression(import) => {
                    string_value(&import.source).map(Origin::new)
                }
                other => self.origin_at(other, depth),
            },
            Expression::ImportExpression(import) => string_value(&import.source).map(Origin::new),
            Expression::StaticMemberExpression(member) => Some(
                self.origin_at(&member.object, depth)?
                    .then(member.property.name.as_str()),
            ),
            Expression::ComputedMemberExpression(member) => {
                let name = string_value(&member.expression)?;
                Some(self.origin_at(&member.object, depth)?.then(name))
            }
            Expression::ChainExpression(chain) => {
                let inner = chain.expression.as_member_expression()?;
                let base = self.origin_at(inner.object(), depth)?;
                Some(base.then(inner.static_property_name()?))
            }
            Expression::Identifier(_) => self.symbol_origin(self.symbol_of(expr)?, depth),
            _ => None,
        }
    }

    /// `require('x')` with a string argument and `require` not declared in this file.
    pub fn require_specifier(&self, call: &oxc_ast::ast::CallExpression<'a>) -> Option<&'a str> {
        if !self.is_global(&call.callee, "require") || call.arguments.len() != 1 {
            return None;
        }
        call.arguments[0].as_expression().and_then(string_value)
    }

    /// The origin of a declared symbol: an import, or a variable that is never reassigned.
    pub fn symbol_origin(&self, symbol: SymbolId, depth: u32) -> Option<Origin> {
        let scoping = self.semantic.scoping();
        let nodes = self.semantic.nodes();
        let decl_id = scoping.symbol_declaration(symbol);
        match nodes.kind(decl_id) {
            AstKind::VariableDeclarator(decl) => {
                if scoping.symbol_is_mutated(symbol) {
                    return None;
                }
                let init = decl.init.as_ref()?;
                let path = binding_path(&decl.id, symbol)?;
                let mut origin = self.origin_at(init, depth)?;
                for step in path {
                    origin = origin.then(&step);
                }
                Some(origin)
            }
            AstKind::ImportSpecifier(spec) => {
                let source = self.import_source(decl_id)?;
                let imported = match &spec.imported {
                    ModuleExportName::IdentifierName(name) => name.name.as_str(),
                    ModuleExportName::IdentifierReference(name) => name.name.as_str(),
                    ModuleExportName::StringLiteral(lit) => lit.value.as_str(),
                };
                Some(Origin::new(source).then(imported))
            }
            AstKind::ImportDefaultSpecifier(_) | AstKind::ImportNamespaceSpecifier(_) => {
                Some(Origin::new(self.import_source(decl_id)?))
            }
            AstKind::TSImportEqualsDeclaration(decl) => match &decl.module_reference {
                TSModuleReference::ExternalModuleReference(ext) => {
                    Some(Origin::new(ext.expression.value.as_str()))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn import_source(&self, specifier_node: oxc_semantic::NodeId) -> Option<&'a str> {
        self.semantic
            .nodes()
            .ancestors(specifier_node)
            .find_map(|node| match node.kind() {
                AstKind::ImportDeclaration(decl) => Some(decl.source.value.as_str()),
                _ => None,
            })
    }

    /// The expression a never-reassigned variable was initialised with.
    pub fn initializer(&self, symbol: SymbolId) -> Option<&'a Expression<'a>> {
        let scoping = self.semantic.scoping();
        match self
            .semantic
            .nodes()
            .kind(scoping.symbol_declaration(symbol))
        {
            AstKind::VariableDeclarator(decl)
                if matches!(decl.id, BindingPattern::BindingIdentifier(_)) =>
            {
                decl.init.as_ref()
            }
            _ => None,
        }
    }

    /// Follows identifiers to the expression they were initialised with (if never
    /// reassigned), up to a depth.
    pub fn value_of(&self, expr: &'a Expression<'a>) -> &'a Expression<'a> {
        let mut current = expr.get_inner_expression();
        for _ in 0..MAX_DEPTH {
            let Some(symbol) = self.symbol_of(current) else {
                break;
            };
            if self.semantic.scoping().symbol_is_mutated(symbol) {
                break;
            }
            let Some(init) = self.initializer(symbol) else {
                break;
            };
            current = init.get_inner_expression();
        }
        current
    }

    /// What is known of an options object: a literal, or a variable holding one, with its
    /// spreads and later property writes. `None` when it is not an object at all.
    pub fn object_shape(&self, expr: &'a Expression<'a>) -> Option<ObjectShape<'a>> {
        self.object_shape_at(expr, 0)
    }

    fn object_shape_at(&self, expr: &'a Expression<'a>, depth: u32) -> Option<ObjectShape<'a>> {
        if depth > MAX_DEPTH {
            return Some(ObjectShape {
                unknown: true,
                ..ObjectShape::default()
            });
        }
        let value = self.value_of(expr);
        let Expression::ObjectExpression(object) = value else {
            return None;
        };
        let mut shape = ObjectShape {
            literal: Some(object),
            ..ObjectShape::default()
        };
        for property in &object.properties {
            match property {
                ObjectPropertyKind::ObjectProperty(prop) => match prop.key.static_name() {
                    Some(name) => {
                        let value =
                            (prop.kind == oxc_ast::ast::PropertyKind::Init).then_some(&prop.value);
                        shape.props.push((name.into_owned(), value));
                    }
                    None => shape.unknown = true,
                },
                ObjectPropertyKind::SpreadProperty(spread) => {
                    match self.object_shape_at(&spread.argument, depth + 1) {
                        Some(inner) => {
                            shape.unknown |= inner.unknown;
                            shape.props.extend(inner.props);
                        }
                        None => shape.unknown = true,
                    }
                }
            }
        }
        // Later writes through the variable that holds the literal: `opts.store = …`.
        let mut holder = expr.get_inner_expression();
        for _ in 0..MAX_DEPTH {
            let Some(symbol) = self.symbol_of(holder) else {
                break;
            };
            self.collect_property_writes(symbol, expr.span(), &mut shape);
            match self.initializer(symbol) {
                Some(init) => holder = init.get_inner_expression(),
                None => break,
            }
        }
        Some(shape)
    }

    /// Property writes through `symbol`, except at `consumer` (the use being analysed).
    fn collect_property_writes(
        &self,
        symbol: SymbolId,
        consumer: oxc_span::Span,
        shape: &mut ObjectShape<'a>,
    ) {
        let nodes = self.semantic.nodes();
        for reference in self.semantic.symbol_references(symbol) {
            if nodes.kind(reference.node_id()).span() == consumer {
                continue;
            }
            let parent = nodes.parent_node(reference.node_id());
            let (name, member_span) = match parent.kind() {
                AstKind::StaticMemberExpression(member) => {
                    (Some(member.property.name.as_str()), member.span)
                }
                AstKind::ComputedMemberExpression(member) => {
                    (string_value(&member.expression), member.span)
                }
                // Passed to a function (`Object.assign(opts, …)`, `configure(opts)`): the
                // function may add anything.
                AstKind::CallExpression(call)
                    if call.callee.span() != nodes.kind(reference.node_id()).span() =>
                {
                    shape.unknown = true;
                    continue;
                }
                _ => continue,
            };
            let grand = nodes.parent_kind(parent.id());
            if let AstKind::AssignmentExpression(assign) = grand
                && assign.left.span() == member_span
            {
                match name {
                    Some(name) => shape.props.push((name.to_string(), Some(&assign.right))),
                    None => shape.unknown = true,
                }
            }
        }
    }
}

use oxc_span::GetSpan;

/// The text of a string literal or a template literal without substitutions.
pub fn string_value<'a>(expr: &Expression<'a>) -> Option<&'a str> {
    match expr.get_inner_expression() {
        Expression::StringLiteral(lit) => Some(lit.value.as_str()),
        Expression::TemplateLiteral(tpl) if tpl.expressions.is_empty() => tpl
            .quasis
            .first()
            .and_then(|q| q.value.cooked)
            .map(|s| s.as_str()),
        _ => None,
    }
}

/// The first argument as an expression.
pub fn first_arg<'b, 'a>(args: &'b [Argument<'a>]) -> Option<&'b Expression<'a>> {
    args.first().and_then(Argument::as_expression)
}

/// The property names walked from a declarator's pattern to the binding of `symbol`:
/// `const { a: { b } } = x` gives `["a", "b"]` for `b`. `None` for array patterns and
/// rest elements, whose element cannot be named.
fn binding_path(pattern: &BindingPattern<'_>, symbol: SymbolId) -> Option<Vec<String>> {
    match pattern {
        BindingPattern::BindingIdentifier(ident) => {
            (ident.symbol_id.get() == Some(symbol)).then(Vec::new)
        }
        BindingPattern::AssignmentPattern(assign) => binding_path(&assign.left, symbol),
        BindingPattern::ObjectPattern(object) => object.properties.iter().find_map(|prop| {
            let mut path = binding_path(&prop.value, symbol)?;
            path.insert(0, prop.key.static_name()?.into_owned());
            Some(path)
        }),
        BindingPattern::ArrayPattern(_) => None,
    }
}
