//! The nesting guard against code that hides its depth behind lexical tricks: generated
//! nestings (parentheses, brackets, objects, arrows, ternaries, calls, templates, JSX,
//! TypeScript type arguments) placed after and inside every lexical context a scan can
//! misread (regular expressions holding quotes, backticks or comment starts, template
//! `${}`, JSX text and attributes, comments, strings, line terminators). Shallow, each
//! program must lint cleanly (the generator writes valid code and the guard does not
//! over-refuse); deep, it must be refused, never parsed (which in a browser overflows the
//! stack).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::lint_like_a_caller;

use lint_core::{Language, LintResult};
use proptest::{collection::vec, prelude::*, sample::select};

/// Statements that a scan blind to regular expressions, JSX or Unicode line breaks reads
/// as the start of a string, template or comment.
const STATEMENTS: &[&str] = &[
    "const r1 = /`/;",
    "const r2 = /'/;",
    "const r3 = /\"/;",
    "const r4 = /[/*]/;",
    "const r5 = /[*/]/g;",
    "const r6 = /\\/'/;",
    "const r7 = /[`'\"]/.test(s);",
    "if (a) /'/.test(s);",
    "while (a) /`/.exec(s);",
    "{ }\n/'/.test(s);",
    "x = a / b / '/';",
    "x = a++ / 2 / `/`;",
    "x = f() / '/*';",
    "x = { a: 1 }.a / 2 / '`';",
    "x = `a ${'}'} b ${`'`} c`;",
    "x = `${ /`/ }`;",
    "/* ' \" ` */",
    "// ' \" ` /*\n",
    "x = '\" ` /*';",
    "x = \"' ` //\";",
    "x = 'a\\\n'; y = '`';",
    "x = 1.5.toFixed(2) / 3;",
    "function f() { return /'/; }",
    "x = function () {} / 2 / '`';",
    // `await`, `yield` and `of` are read both ways; these regular expressions agree.
    "async function f() { await /[a-z]+/g.test(s); }",
    "function* g() { yield /ab/g; }",
    "for (const c of /ab/.source) {}",
    "x = a ? /'/ : /`/;",
    "label: /'/.test(s);",
    "x = s.split(/\\/'/);",
];

/// Statements only JavaScript with JSX reads this way.
const JSX_STATEMENTS: &[&str] = &[
    "x = <p>don't</p>;",
    "x = <p>\"quoted\" `tick` /* not a comment</p>;",
    "x = <a title=\"it's\" alt='say \"hi\"' />;",
    "x = <a href=\"\\\" />;",
    "x = <div>{/'/}</div>;",
    "x = <><b>it's</b>{'}'}</>;",
    "x = <p><b>x</b /* > */>{1}</p>;",
];

#[derive(Debug, Clone, Copy)]
enum Nest {
    Parens,
    Brackets,
    Objects,
    Arrows,
    Ternaries,
    Calls,
    Unary,
    Templates,
    Jsx,
    TypeArguments,
    TypeAssertions,
}

impl Nest {
    /// An expression nested `depth` levels deep.
    fn expression(self, depth: usize) -> String {
        let wrap =
            |open: &str, close: &str| format!("{}1{}", open.repeat(depth), close.repeat(depth));
        match self {
            Nest::Parens => wrap("(", ")"),
            Nest::Brackets => wrap("[", "]"),
            Nest::Objects => wrap("{a:", "}"),
            Nest::Arrows => format!("{}1", "() => ".repeat(depth)),
            Nest::Ternaries => format!("{}1", "a ? b : ".repeat(depth)),
            Nest::Calls => format!("f{}", "(1)".repeat(depth)),
            Nest::Unary => format!("{}1", "!".repeat(depth)),
            Nest::Templates => wrap("`${", "}`"),
            Nest::Jsx => format!("{}1{}", "<a>{".repeat(depth), "}</a>".repeat(depth)),
            // `f<A<A<…>>>()`: a call with type arguments nested in each other.
            Nest::TypeArguments => format!("f<{}k{}>()", "A<k, ".repeat(depth), ">".repeat(depth)),
            Nest::TypeAssertions => format!("{}1", "<A>".repeat(depth)),
        }
    }

    fn needs_jsx(self) -> bool {
        matches!(self, Nest::Jsx)
    }

    fn needs_typescript(self) -> bool {
        matches!(self, Nest::TypeArguments | Nest::TypeAssertions)
    }
}

/// Places for the nested expression inside a lexical context: `{}` is the expression.
const HOLES: &[&str] = &[
    "x = {};",
    "x = `a ${ {} } b`;",
    "x = [/'/, {}, /`/];",
    "x = (/[/*]/, {});",
    "if (a) /'/.test({});",
    "x = a / 2 / ({});",
    "x = { k: /'/, v: {} };",
    "/* ` */ x = {}; // '",
    "x = '\\u2028'; y = {};",
];

const JSX_HOLES: &[&str] = &["x = <p>don't {{}}</p>;", "x = <a b=\"it's\" c={{}} />;"];

#[derive(Debug, Clone)]
struct Case {
    before: Vec<&'static str>,
    hole: &'static str,
    after: Vec<&'static str>,
    nest: Nest,
}

impl Case {
    fn program(&self, depth: usize) -> String {
        let nested = self.hole.replacen("{}", &self.nest.expression(depth), 1);
        let mut out = String::new();
        for statement in self
            .before
            .iter()
            .chain([&nested.as_str()])
            .chain(&self.after)
        {
            out.push_str(statement);
            out.push('\n');
        }
        out
    }

    fn language(&self) -> Language {
        if self.nest.needs_typescript() {
            Language::TypeScript
        } else {
            Language::JavaScript
        }
    }
}

fn nests() -> impl Strategy<Value = Nest> {
    select(vec![
        Nest::Parens,
        Nest::Brackets,
        Nest::Objects,
        Nest::Arrows,
        Nest::Ternaries,
        Nest::Calls,
        Nest::Unary,
        Nest::Templates,
        Nest::Jsx,
        Nest::TypeArguments,
        Nest::TypeAssertions,
    ])
}

fn cases() -> impl Strategy<Value = Case> {
    (nests(), any::<bool>()).prop_flat_map(|(nest, with_jsx)| {
        // JSX contexts only where the dialect reads JSX; TypeScript here has none.
        let jsx = (with_jsx || nest.needs_jsx()) && !nest.needs_typescript();
        let mut statements = STATEMENTS.to_vec();
        let mut holes = HOLES.to_vec();
        if jsx {
            statements.extend(JSX_STATEMENTS);
            holes.extend(JSX_HOLES);
        }
        (
            vec(select(statements.clone()), 0..4),
            select(holes),
            vec(select(statements), 0..3),
        )
            .prop_map(move |(before, hole, after)| Case {
                before,
                hole,
                after,
                nest,
            })
    })
}

fn refused_for_depth(result: &LintResult) -> bool {
    result.diagnostics.len() == 1
        && result.diagnostics[0].fatal
        && ["too deeply nested", "reads two ways", "open at once"]
            .iter()
            .any(|m| result.diagnostics[0].message.contains(m))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn nesting_behind_lexical_tricks_is_measured(case in cases()) {
        let language = case.language();
        let shallow = case.program(3);
        let result = lint_like_a_caller(&shallow, language);
        prop_assert!(
            !result.has_fatal(),
            "a shallow program must lint: {:?}\n{shallow}",
            result.diagnostics.first().map(|d| &d.message)
        );
        // Deep enough to be far over the limit, shallow enough that a missed refusal
        // shows as a failed assertion rather than a crash of the test process.
        let deep = case.program(1_500);
        let result = lint_like_a_caller(&deep, language);
        prop_assert!(
            refused_for_depth(&result),
            "a deep program must be refused: {:?}\n{}",
            result.diagnostics.first().map(|d| &d.message),
            case.program(2)
        );
    }
}

/// The probes reported against the old guard, 100,000 levels deep: each aborted the
/// process with a stack overflow.
#[test]
fn the_reported_probes_are_refused() {
    let n = 100_000;
    let parens = format!("{}1{}", "(".repeat(n), ")".repeat(n));
    let probes = [
        (
            format!("const r = /`/; x = {parens}; const s = /`/;"),
            Language::JavaScript,
        ),
        (
            format!("const r = /'/; x = {parens}; const s = /'/;"),
            Language::JavaScript,
        ),
        (
            format!("const r = /\"/; x = {parens}; const s = /\"/;"),
            Language::JavaScript,
        ),
        (
            format!("const r = /[/*]/; x = {parens}; const s = /[*/]/;"),
            Language::JavaScript,
        ),
        (
            format!("x = <p>don't {{{parens}}}</p>;"),
            Language::JavaScript,
        ),
        (
            format!("type T = {}x{}>;", "A<k, ".repeat(n), ">, k".repeat(n - 1)),
            Language::TypeScript,
        ),
    ];
    for (source, language) in probes {
        let result = lint_like_a_caller(&source, language);
        assert!(
            refused_for_depth(&result),
            "{:?}: {:?}",
            &source[..40],
            result.diagnostics.first().map(|d| &d.message)
        );
    }
}

/// A `/` whose reading depends on context the tokens do not show (`await` is an operator
/// in async functions and a name elsewhere) is followed both ways; where the readings
/// differ past the line's end the text is refused, not guessed.
#[test]
fn a_slash_that_reads_two_ways_is_refused_when_the_readings_disagree() {
    let parens = format!("{}1{}", "(".repeat(3_000), ")".repeat(3_000));
    let hidden = format!("x = await /'/; y = '{parens}';\n");
    let result = lint_like_a_caller(&hidden, Language::JavaScript);
    assert!(refused_for_depth(&result), "{:?}", result.diagnostics);
    // The same word before an ordinary division or regular expression is fine.
    let plain = "async function f() { return await /a/g.test(s) ? a : b; }\n\
                 const await_ = 4; x = await_ / 2;\n";
    assert!(!lint_like_a_caller(plain, Language::JavaScript).has_fatal());
}

/// Shapes of minified bundles (esbuild output) that a scan blind to regular expressions
/// or template siblings took for deep nesting and refused: one line of a thousand
/// regular expressions with unbalanced brackets, a template with a thousand `${}`,
/// a thousand sibling JSX elements and attributes, a long comma sequence.
#[test]
fn minified_bundle_shapes_are_linted_not_refused() {
    let regexes = format!(
        "var {};\n",
        (0..1_000)
            .map(|i| format!("r{i}=/[(\\[{{]|\\(|'|`|\\/\\*/g"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let template = format!(
        "var t=`{}`;\n",
        (0..1_000)
            .map(|i| format!("<b>${{v{i}}}</b>"))
            .collect::<String>()
    );
    let siblings = format!(
        "var e=<ul>{}</ul>;\n",
        (0..1_000)
            .map(|i| format!("<li key={{{i}}} a=\"it's\" b={{x}}>don't {{y}}</li>"))
            .collect::<String>()
    );
    let sequence = format!(
        "function f(){{return {}}}\n",
        (0..1_000)
            .map(|i| format!("a{i}=b{i}(c,d)?e:f"))
            .collect::<Vec<_>>()
            .join(",")
    );
    for source in [regexes, template, siblings, sequence] {
        let result = lint_like_a_caller(&source, Language::JavaScript);
        assert!(
            !result.has_fatal(),
            "{:?}: {:?}",
            &source[..60],
            result.diagnostics.first().map(|d| &d.message)
        );
    }
}
