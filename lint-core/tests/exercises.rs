//! The tutorial content is tested like code: every exercise's starter must fail its
//! checks and its reference solution pass them; the checks must reject code that merely
//! deletes the problem; the lesson and exercise files must follow their schema; and the
//! workshop pack must name real exercises.

use std::collections::{BTreeMap, HashSet};

use lint_core::{
    LintOptions, RuleId,
    exercise::{
        Check, CheckReport, CompletionError, Exercise, FeedbackTag, HintStep, Lesson, WorkshopPack,
        check, completion_code, default_pack, exercise, exercise_sources, exercises,
        lesson_sources, lessons,
    },
    lint,
};
use oxc_allocator::Allocator;
use oxc_ast::ast::{Argument, Expression, Function, FunctionBody, Statement};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};
use oxc_syntax::scope::ScopeFlags;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser as Markdown, Tag};

fn failing(report: &CheckReport) -> Vec<String> {
    report
        .results
        .iter()
        .filter(|r| r.required && !r.passed)
        .map(|r| format!("{:?}: {}", r.check, r.message))
        .collect()
}

// ----- starters fail, solutions pass -----

#[test]
fn every_reference_solution_passes_its_checks() {
    let mut problems = Vec::new();
    for ex in exercises() {
        let report = check(ex, &ex.solution);
        if !report.passed {
            problems.push(format!("{}: {:#?}", ex.id, failing(&report)));
        }
        if report.celebration.is_none() {
            problems.push(format!("{}: passed without a celebration", ex.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_starter_fails_on_each_of_its_rules() {
    let mut problems = Vec::new();
    for ex in exercises() {
        let report = check(ex, &ex.starter);
        for &rule in &ex.rules {
            let own_rule = report
                .results
                .iter()
                .find(|r| r.check == Check::NoFinding { rule });
            match own_rule {
                Some(result) if !result.passed && result.tag == FeedbackTag::Actionable => {}
                other => problems.push(format!("{}: {rule} result {other:?}", ex.id)),
            }
        }
        if report.passed || report.celebration.is_some() {
            problems.push(format!("{}: the starter passes", ex.id));
        }
        // The starter is the feature before the rewrite, so the routes it teaches with
        // must already be there: otherwise route-exists tests nothing.
        for result in &report.results {
            if matches!(result.check, Check::RouteExists { .. }) && !result.passed {
                problems.push(format!("{}: starter lacks {:?}", ex.id, result.check));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ----- checks reject emptied and gutted code -----

/// Spans of the outermost function bodies: replacing them with `{}` keeps every route
/// registered but removes what the handlers do.
#[derive(Default)]
struct Bodies {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for Bodies {
    fn visit_function(&mut self, f: &Function<'a>, _flags: ScopeFlags) {
        if let Some(body) = &f.body {
            self.spans.push(body.span);
        }
    }

    fn visit_function_body(&mut self, body: &FunctionBody<'a>) {
        // Arrow functions reach here without `visit_function`.
        self.spans.push(body.span);
    }
}

/// Spans of statements that register a route handler (`app.post('/x', …)`).
#[derive(Default)]
struct Registrations {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for Registrations {
    fn visit_statement(&mut self, stmt: &Statement<'a>) {
        if let Statement::ExpressionStatement(expr) = stmt
            && let Expression::CallExpression(call) = &expr.expression
            && let Some(member) = call.callee.as_member_expression()
            && matches!(
                member.static_property_name(),
                Some("get" | "post" | "put" | "patch" | "delete")
            )
            && matches!(call.arguments.first(), Some(Argument::StringLiteral(_)))
        {
            self.spans.push(stmt.span());
            return;
        }
        walk::walk_statement(self, stmt);
    }
}

/// `source` with each of `spans` replaced by `with`, outermost spans only.
fn replace_spans(source: &str, mut spans: Vec<Span>, with: &str) -> String {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out = String::new();
    let mut cursor = 0usize;
    for span in spans {
        let (start, end) = (span.start as usize, span.end as usize);
        if start < cursor {
            continue; // nested in one already replaced
        }
        out.push_str(&source[cursor..start]);
        out.push_str(with);
        cursor = end;
    }
    out.push_str(&source[cursor..]);
    out
}

fn parse_with<V: for<'a> Visit<'a>>(source: &str, mut visitor: V) -> V {
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, source, SourceType::mjs()).parse();
    assert!(ret.diagnostics.is_empty(), "does not parse:\n{source}");
    visitor.visit_program(&ret.program);
    visitor
}

fn gutted_bodies(source: &str) -> String {
    replace_spans(source, parse_with(source, Bodies::default()).spans, "{}")
}

fn gutted_routes(source: &str) -> String {
    replace_spans(
        source,
        parse_with(source, Registrations::default()).spans,
        "",
    )
}

#[test]
fn gutting_helpers_really_remove_code() {
    // The two tests below are only meaningful if the gutting removes something.
    for ex in exercises() {
        let bodies = gutted_bodies(&ex.solution);
        let routes = gutted_routes(&ex.solution);
        assert!(
            bodies.len() < ex.solution.len(),
            "{}: no body removed",
            ex.id
        );
        assert!(
            routes.len() < ex.solution.len(),
            "{}: no route removed",
            ex.id
        );
        assert!(
            !lint(&bodies, &LintOptions::default()).has_fatal(),
            "{bodies}"
        );
        assert!(
            !lint(&routes, &LintOptions::default()).has_fatal(),
            "{routes}"
        );
    }
}

#[test]
fn checks_reject_an_emptied_file() {
    for ex in exercises() {
        for empty in ["", "\n", "// TODO\n", "'use strict';\n"] {
            let report = check(ex, empty);
            assert!(!report.passed, "{}: passes {empty:?}", ex.id);
        }
    }
}

#[test]
fn checks_reject_the_solution_with_handler_bodies_emptied() {
    let mut problems = Vec::new();
    for ex in exercises() {
        let gutted = gutted_bodies(&ex.solution);
        if check(ex, &gutted).passed {
            problems.push(format!("{} passes with empty handlers:\n{gutted}", ex.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn checks_reject_the_solution_with_routes_removed() {
    let mut problems = Vec::new();
    for ex in exercises() {
        let gutted = gutted_routes(&ex.solution);
        if check(ex, &gutted).passed {
            problems.push(format!("{} passes without its routes:\n{gutted}", ex.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_syntax_error_fails_every_check_but_is_explained_once() {
    let ex = exercise("state-1-counter").unwrap();
    let broken = ex
        .solution
        .replace("async (req, res) => {", "async (req, res) => {{");
    let report = check(ex, &broken);
    assert!(!report.passed);
    let essential: Vec<_> = report
        .results
        .iter()
        .filter(|r| r.tag == FeedbackTag::Essential)
        .collect();
    assert_eq!(essential.len(), 1, "{report:#?}");
    assert_eq!(essential[0].check, Check::Parses);
    assert!(essential[0].message.contains("does not parse"));
}

// ----- the checks answer structure, not text -----

fn passes(id: &str, source: &str) -> CheckReport {
    check(exercise(id).unwrap(), source)
}

#[test]
fn other_correct_rewrites_pass_too() {
    // Google Cloud Storage instead of S3, written differently from the reference.
    let gcs = r#"
import express from 'express';
import multer from 'multer';
import { Storage } from '@google-cloud/storage';

const bucket = new Storage().bucket(process.env.PHOTO_BUCKET);
const app = express();
const inMemory = multer({ storage: multer.memoryStorage() });

app.post('/photos', inMemory.single('photo'), async (req, res, next) => {
  try {
    const name = `photos/${Date.now()}`;
    await bucket.file(name).save(req.file.buffer, { contentType: req.file.mimetype });
    res.status(201).json({ id: name });
  } catch (err) {
    next(err);
  }
});

app.listen(3000);
"#;
    let report = passes("uploads-1-dest", gcs);
    assert!(report.passed, "{:#?}", failing(&report));

    // ioredis and a named handler instead of node-redis and an arrow function.
    let ioredis = r#"
const express = require('express');
const Redis = require('ioredis');

const store = new Redis(process.env.REDIS_URL);
const app = express();

async function home(req, res) {
  const n = await store.incr('visits');
  res.send(`You are visitor number ${n}.`);
}

app.get('/', home);
app.get('/health', (req, res) => res.json({ ok: true }));
app.listen(3000);
"#;
    let report = passes("state-1-counter", ioredis);
    assert!(report.passed, "{:#?}", failing(&report));

    // connect-mongo through an options variable instead of connect-redis inline.
    let mongo = r#"
const express = require('express');
const session = require('express-session');
const { MongoStore } = require('connect-mongo');

const app = express();
app.use(express.json());
const options = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false };
options.store = MongoStore.create({ mongoUrl: process.env.MONGO_URL });
app.use(session(options));

app.post('/login', (req, res) => {
  req.session.userId = req.body.userId;
  res.json({ ok: true });
});
app.get('/me', (req, res) => res.json({ userId: req.session.userId ?? null }));
app.listen(3000);
"#;
    let report = passes("sessions-1-memory", mongo);
    assert!(report.passed, "{:#?}", failing(&report));
}

fn result_of(report: &CheckReport, pick: impl Fn(&Check) -> bool) -> &str {
    let result = report
        .results
        .iter()
        .find(|r| pick(&r.check))
        .expect("the check is in the report");
    assert!(
        !result.passed,
        "expected a failure, got: {}",
        result.message
    );
    &result.message
}

#[test]
fn a_redis_call_outside_the_route_does_not_count() {
    // Redis is imported and written to, but only at start-up; the route that should
    // count visits no longer counts at all. Deleting the counter must not pass.
    let source = r#"
const express = require('express');
const { createClient } = require('redis');

const redis = createClient({ url: process.env.REDIS_URL });
redis.connect().catch(console.error);
redis.set('started', Date.now());

const app = express();
app.get('/', async (req, res) => {
  res.send('hello');
});
app.get('/health', (req, res) => res.json({ ok: true }));
app.listen(3000);
"#;
    let report = passes("state-1-counter", source);
    assert!(!report.passed);
    let message = result_of(&report, |c| matches!(c, Check::StateInRedis { .. }));
    assert!(message.contains("`GET /`"), "{message}");
}

#[test]
fn a_redis_call_on_a_look_alike_does_not_count() {
    // `incr` on an object named like a client, and `createClient` from another package.
    let source = r#"
const express = require('express');
const { createClient } = require('./fake-redis');

const redis = createClient();
const app = express();
app.get('/', async (req, res) => {
  const visits = await redis.incr('visits');
  res.send(`You are visitor number ${visits}.`);
});
app.get('/health', (req, res) => res.json({ ok: true }));
app.listen(3000);
"#;
    let report = passes("state-1-counter", source);
    assert!(!report.passed);
    result_of(&report, |c| matches!(c, Check::StateInRedis { .. }));
}

#[test]
fn a_local_session_store_is_not_shared() {
    let source = r#"
const express = require('express');
const session = require('express-session');
const SQLiteStore = require('connect-sqlite3')(session);

const app = express();
app.use(express.json());
app.use(session({ store: new SQLiteStore({ dir: './var' }), secret: 's', resave: false, saveUninitialized: false }));
app.post('/login', (req, res) => {
  req.session.userId = req.body.userId;
  res.json({ ok: true });
});
app.get('/me', (req, res) => res.json({ userId: req.session.userId ?? null }));
"#;
    let report = passes("sessions-1-memory", source);
    let message = result_of(&report, |c| *c == Check::SessionStoreShared);
    assert!(message.contains("connect-sqlite3"), "{message}");
}

/// What a sessions solution does with its store packages, for checking it against the
/// current majors.
#[derive(Default)]
struct StoreSetup {
    /// Variables holding a node-redis `createClient(...)`.
    redis_clients: Vec<String>,
    /// Variables given an `.on('error', …)` listener.
    error_listeners: Vec<String>,
    /// `const X = require('connect-mongo')`: under connect-mongo 6 that is the module
    /// object, not the class, so `X.create` is not a function.
    mongo_default_requires: Vec<String>,
    /// connect-pg-simple options with both `createTableIfMissing` and a `tableName`: its
    /// `table.sql` names the key and index after `session`, so creating a renamed table
    /// fails wherever a `session` table already exists.
    renamed_created_tables: usize,
}

impl<'a> Visit<'a> for StoreSetup {
    fn visit_variable_declarator(&mut self, decl: &oxc_ast::ast::VariableDeclarator<'a>) {
        if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
            (&decl.id, &decl.init)
            && let Expression::CallExpression(call) = init.get_inner_expression()
            && let Expression::Identifier(callee) = &call.callee
        {
            let first = call.arguments.first().and_then(|a| match a {
                Argument::StringLiteral(s) => Some(s.value.as_str()),
                _ => None,
            });
            match (callee.name.as_str(), first) {
                ("createClient", _) => self.redis_clients.push(id.name.to_string()),
                ("require", Some("connect-mongo")) => {
                    self.mongo_default_requires.push(id.name.to_string())
                }
                _ => {}
            }
        }
        walk::walk_variable_declarator(self, decl);
    }

    fn visit_object_expression(&mut self, object: &oxc_ast::ast::ObjectExpression<'a>) {
        let has = |name: &str| {
            object.properties.iter().any(|p| match p {
                oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p) => {
                    p.key.static_name().is_some_and(|key| key == name)
                }
                _ => false,
            })
        };
        if has("createTableIfMissing") && has("tableName") {
            self.renamed_created_tables += 1;
        }
        walk::walk_object_expression(self, object);
    }

    fn visit_call_expression(&mut self, call: &oxc_ast::ast::CallExpression<'a>) {
        if let Some(member) = call.callee.as_member_expression()
            && member.static_property_name() == Some("on")
            && let Expression::Identifier(object) = member.object()
            && matches!(call.arguments.first(), Some(Argument::StringLiteral(s)) if s.value == "error")
        {
            self.error_listeners.push(object.name.to_string());
        }
        walk::walk_call_expression(self, call);
    }
}

/// Session solutions and hints use the forms that run on the current majors: a node-redis
/// client with an error listener (without one a Redis restart ends the process),
/// connect-mongo 6's class taken by name under CommonJS, and connect-pg-simple creating
/// its table under the name its `table.sql` is written for.
#[test]
fn session_solutions_and_hints_run_on_current_store_packages() {
    let mut problems = Vec::new();
    for ex in exercises().iter().filter(|e| e.id.starts_with("sessions-")) {
        let setup = parse_with(&ex.solution, StoreSetup::default());
        for client in &setup.redis_clients {
            if !setup.error_listeners.contains(client) {
                problems.push(format!("{}: `{client}` has no error listener", ex.id));
            }
        }
        if setup.renamed_created_tables > 0 {
            problems.push(format!(
                "{}: connect-pg-simple creates a renamed table (`tableName` with `createTableIfMissing`)",
                ex.id
            ));
        }
        for name in &setup.mongo_default_requires {
            problems.push(format!(
                "{}: `const {name} = require('connect-mongo')`",
                ex.id
            ));
        }
        for hint in &ex.hints {
            for (at, _) in hint.match_indices("= require('connect-mongo')") {
                if !hint[..at].trim_end().ends_with('}') {
                    problems.push(format!(
                        "{}: a hint requires connect-mongo by default",
                        ex.id
                    ));
                }
            }
            if hint.contains("createClient(")
                && hint.contains("connect()")
                && !hint.contains(".on('error'")
            {
                problems.push(format!(
                    "{}: a hint sets up a Redis client without an error listener",
                    ex.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The store check accepts connect-mongo 6 in both module systems and still rejects stores
/// that stay on the server.
#[test]
fn session_store_check_follows_connect_mongo_6_and_rejects_local_stores() {
    let ex = exercise("sessions-3-options-variable").unwrap();
    let with_store = |imports: &str, store: &str| {
        ex.solution
            .replace("const { MongoStore } = require('connect-mongo');", imports)
            .replace(
                "MongoStore.create({\n  mongoUrl: process.env.MONGO_URL,\n  ttl: 14 * 24 * 60 * 60,\n})",
                store,
            )
    };
    let esm = with_store(
        "import MongoStore from 'connect-mongo';",
        "MongoStore.create({ mongoUrl: process.env.MONGO_URL })",
    );
    assert!(esm.contains("import MongoStore from"), "{esm}");
    let shared = |source: &str| {
        let report = check(ex, source);
        let result = report
            .results
            .iter()
            .find(|r| r.check == Check::SessionStoreShared)
            .unwrap()
            .clone();
        (result.passed, result.message)
    };
    let (passed, message) = shared(&ex.solution);
    assert!(passed, "{message}");
    let (passed, message) = shared(&esm);
    assert!(passed, "{message}");
    for (imports, store) in [
        (
            "const FileStore = require('session-file-store')(expressSession);",
            "new FileStore({ path: './sessions' })",
        ),
        (
            "const { MemoryStore } = require('express-session');",
            "new MemoryStore()",
        ),
    ] {
        let source = with_store(imports, store);
        assert!(source.contains(store), "{source}");
        let (passed, message) = shared(&source);
        assert!(!passed, "{message}\n{source}");
    }
}

#[test]
fn cookie_session_counts_as_shared_but_express_session_must_stay_mounted() {
    let source = r#"
const express = require('express');
const cookieSession = require('cookie-session');

const app = express();
app.use(express.json());
app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY] }));
app.post('/login', (req, res) => {
  req.session.userId = req.body.userId;
  res.json({ ok: true });
});
app.get('/me', (req, res) => res.json({ userId: req.session.userId ?? null }));
"#;
    let report = passes("sessions-1-memory", source);
    let shared = report
        .results
        .iter()
        .find(|r| r.check == Check::SessionStoreShared)
        .unwrap();
    assert!(shared.passed, "{}", shared.message);
    // The exercise asks to keep express-session; its middleware check says so.
    result_of(&report, |c| matches!(c, Check::MiddlewareExists { .. }));
}

#[test]
fn an_upload_in_another_route_does_not_count() {
    let source = r#"
const express = require('express');
const multer = require('multer');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const app = express();
const s3 = new S3Client({});
const upload = multer({ storage: multer.memoryStorage() });

app.post('/photos', upload.single('photo'), (req, res) => {
  res.status(201).json({ size: req.file.size });
});
app.post('/backup', upload.single('photo'), async (req, res) => {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: req.file.buffer }));
  res.end();
});
"#;
    let report = passes("uploads-1-dest", source);
    let message = result_of(&report, |c| {
        matches!(c, Check::UploadsToObjectStorage { .. })
    });
    assert!(message.contains("POST /photos"), "{message}");
}

#[test]
fn findings_of_other_rules_are_informative_and_do_not_block() {
    let ex = exercise("uploads-1-dest").unwrap();
    let source = ex.solution.replace(
        "const upload =",
        "let served = 0;\napp.use((req, res, next) => { served++; next(); });\nconst upload =",
    );
    let report = check(ex, &source);
    assert!(report.passed, "{:#?}", failing(&report));
    let note = report
        .results
        .iter()
        .find(|r| !r.required)
        .expect("a note about no-global-state");
    assert_eq!(
        note.check,
        Check::NoFinding {
            rule: RuleId::NoGlobalState
        }
    );
    assert_eq!(note.tag, FeedbackTag::Informative);
}

#[test]
fn a_guestbook_written_to_redis_but_read_from_memory_does_not_pass() {
    // The write moved, the read did not: the array is never written any more, so no
    // rule reports it, yet every instance shows an empty guestbook.
    let ex = exercise("phoenix-1-guestbook").unwrap();
    let source = ex.solution.replace(
        "app.get('/guestbook', async (req, res) => {\n  const entries = await redis.lRange('guestbook', 0, 19);",
        "const entries = [];\napp.get('/guestbook', async (req, res) => {",
    );
    assert_ne!(source, ex.solution);
    let report = check(ex, &source);
    assert!(!report.passed);
    let message = result_of(
        &report,
        |c| matches!(c, Check::StateInRedis { route: Some(r), .. } if r.method == "GET"),
    );
    assert!(message.contains("GET /guestbook"), "{message}");
}

/// The three rules whose rewrites the wrap-up's solution applies.
const WRAP_UP_RULES: [RuleId; 3] = [
    RuleId::NoLocalUploads,
    RuleId::NoLocalSessions,
    RuleId::NoGlobalState,
];

/// The wrap-up's solution with one of its three rewrites undone.
fn wrap_up_with_one_undone(rule: RuleId) -> String {
    let solution = &exercise("wrap-up-3-receipts").unwrap().solution;
    let (old, new) = match rule {
        RuleId::NoLocalUploads => (
            "multer({ storage: multer.memoryStorage() })",
            "multer({ dest: 'receipts/' })",
        ),
        RuleId::NoLocalSessions => (
            "  store: new RedisStore({ client: redis, prefix: 'sess:' }),\n",
            "",
        ),
        RuleId::NoGlobalState => (
            "  const receipts = await redis.hIncrBy('receipts', String(user), 1);",
            "  totals[user] = (totals[user] ?? 0) + 1;\n  const receipts = totals[user];",
        ),
        // Reached once lint-core has a rule the wrap-up does not use.
        #[allow(unreachable_patterns)]
        other => unreachable!("the wrap-up does not use {other}"),
    };
    assert!(solution.contains(old), "{old}");
    let undone = solution.replace(old, new);
    if rule == RuleId::NoGlobalState {
        undone.replace(
            "const app = express();",
            "const totals = {};\nconst app = express();",
        )
    } else {
        undone
    }
}

#[test]
fn the_wrap_up_needs_all_three_rewrites() {
    let ex = exercise("wrap-up-3-receipts").unwrap();
    for rule in WRAP_UP_RULES {
        let source = wrap_up_with_one_undone(rule);
        let report = check(ex, &source);
        assert!(!report.passed, "passes with {rule} undone:\n{source}");
        let failed: Vec<&Check> = report
            .results
            .iter()
            .filter(|r| r.required && !r.passed)
            .map(|r| &r.check)
            .collect();
        // The undone rule fails as a required check, never as an informative note …
        assert!(
            failed.contains(&&Check::NoFinding { rule }),
            "{rule}: {failed:?}"
        );
        assert!(report.results.iter().all(|r| r.required), "{report:#?}");
        // … and the other two rewrites are still recognised.
        for other in WRAP_UP_RULES.into_iter().filter(|r| *r != rule) {
            assert!(
                !failed.contains(&&Check::NoFinding { rule: other }),
                "{rule} undone, yet {other} fails: {failed:?}"
            );
        }
    }
}

#[test]
fn each_rewrite_of_the_wrap_up_alone_fails_too() {
    // Fixing a single habit leaves the other two: the starter plus one lesson's rewrite.
    let ex = exercise("wrap-up-3-receipts").unwrap();
    let store_only = ex.starter.replace(
        "  secret: process.env.SESSION_SECRET,",
        "  store: new RedisStore({ client: redis, prefix: 'sess:' }),\n  secret: process.env.SESSION_SECRET,",
    ).replace(
        "const multer = require('multer');\n",
        "const multer = require('multer');\nconst { RedisStore } = require('connect-redis');\nconst { createClient } = require('redis');\nconst redis = createClient();\n",
    );
    let report = check(ex, &store_only);
    assert!(!report.passed);
    let shared = report
        .results
        .iter()
        .find(|r| r.check == Check::SessionStoreShared)
        .unwrap();
    assert!(shared.passed, "{}", shared.message);
    result_of(&report, |c| {
        *c == Check::NoFinding {
            rule: RuleId::NoLocalUploads,
        }
    });
    result_of(&report, |c| {
        *c == Check::NoFinding {
            rule: RuleId::NoGlobalState,
        }
    });
}

// ----- schema of the content files -----

fn fence_languages() -> [&'static str; 6] {
    ["js", "javascript", "ts", "typescript", "mjs", "cjs"]
}

#[test]
fn exercise_files_follow_the_schema() {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    let mut levels: BTreeMap<RuleId, Vec<u8>> = BTreeMap::new();
    for (name, text) in exercise_sources() {
        let ex = match Exercise::from_toml(text) {
            Ok(ex) => ex,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        let p = |what: &str| format!("{name}: {what}");
        if format!("{}.toml", ex.id) != *name {
            problems.push(p("the id is not the file name"));
        }
        if !ids.insert(ex.id.clone()) {
            problems.push(p("duplicate id"));
        }
        for (field, value) in [("title", &ex.title), ("goal", &ex.goal)] {
            if value.trim().is_empty() {
                problems.push(p(&format!("empty {field}")));
            }
        }
        if ex.goal.trim_end_matches('.').contains(". ") || !ex.goal.ends_with('.') {
            problems.push(p("the goal is not one sentence"));
        }
        if ex.hints.len() != 3 || ex.hints.iter().any(|h| h.trim().is_empty()) {
            problems.push(p("there must be exactly three non-empty hints"));
        }
        if HintStep::ALL.iter().any(|s| ex.hint(*s).is_none()) {
            problems.push(p("a rung of the hint ladder is missing"));
        }
        if !(1..=3).contains(&ex.level) {
            problems.push(p("level must be 1 to 3"));
        }
        for (which, code) in [("starter", &ex.starter), ("solution", &ex.solution)] {
            let lines = code.trim().lines().count();
            // Short enough to read at once; code that survives production (error listeners,
            // content types, unique keys) makes a wrap-up solution a little longer.
            if !(15..=45).contains(&lines) {
                problems.push(p(&format!("{which} has {lines} lines, not 15 to 45")));
            }
            if lint(code, &LintOptions::default()).has_fatal() {
                problems.push(p(&format!("{which} does not parse")));
            }
        }
        let mut rules = ex.rules.clone();
        rules.sort_unstable();
        rules.dedup();
        if rules.is_empty() || rules.len() != ex.rules.len() {
            problems.push(p("`rules` must name at least one rule, each once"));
        }
        for &rule in &ex.rules {
            if !ex.checks.contains(&Check::NoFinding { rule }) {
                problems.push(p(&format!("no `no-finding` check of its rule {rule}")));
            }
        }
        // A no-finding check of a rule outside `rules` would be reported twice: once
        // as required, once as an informative note.
        for check in &ex.checks {
            if let Check::NoFinding { rule } = check
                && !ex.covers(*rule)
            {
                problems.push(p(&format!("checks {rule}, which is not in `rules`")));
            }
        }
        if !ex.checks.contains(&Check::Parses) {
            problems.push(p("no `parses` check"));
        }
        if !ex
            .checks
            .iter()
            .any(|c| matches!(c, Check::RouteExists { .. }))
        {
            problems.push(p(
                "no `route-exists` check, so deleting the feature could pass",
            ));
        }
        match ex.rules.as_slice() {
            [rule] => levels.entry(*rule).or_default().push(ex.level),
            // Mixing the kinds of state is the hardest case there is.
            _ if ex.level != 3 => problems.push(p("an exercise of several rules is level 3")),
            _ => {}
        }
    }
    // Each rule's lesson goes from a direct case to a hidden one; an exercise elsewhere
    // (the first lesson's warm-up) may repeat a level.
    for rule in RuleId::ALL {
        let mut got = levels.remove(&rule).unwrap_or_default();
        got.sort_unstable();
        got.dedup();
        if got != [1, 2, 3] {
            problems.push(format!(
                "{rule}: exercise levels {got:?}, want each of 1..3"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(exercises().len(), exercise_sources().len());
}

#[test]
fn unknown_fields_and_check_kinds_are_rejected() {
    let (_, text) = exercise_sources()
        .iter()
        .find(|(name, _)| *name == "uploads-1-dest.toml")
        .unwrap();
    let typo = text.replacen("goal =", "gaol =", 1);
    assert!(Exercise::from_toml(&typo).is_err());
    let bad_kind = text.replacen("kind = \"parses\"", "kind = \"compiles\"", 1);
    assert!(Exercise::from_toml(&bad_kind).is_err());
    let bad_route = text.replacen("route = \"POST /photos\"", "route = \"/photos\"", 1);
    assert!(Exercise::from_toml(&bad_route).is_err());
}

/// Links and code blocks of a markdown text.
struct MarkdownScan {
    links: Vec<String>,
    blocks: Vec<(String, String)>,
}

fn scan_markdown(text: &str) -> MarkdownScan {
    let mut out = MarkdownScan {
        links: vec![],
        blocks: vec![],
    };
    let mut block: Option<(String, String)> = None;
    for event in Markdown::new_ext(text, Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.links.push(dest_url.to_string());
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                block = Some((info.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, code)) = &mut block {
                    code.push_str(&t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => out.blocks.extend(block.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn lessons_follow_the_schema() {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    let mut practised: Vec<String> = Vec::new();
    for (name, text) in lesson_sources() {
        let lesson = match Lesson::parse(text) {
            Ok(lesson) => lesson,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        let p = |what: String| format!("{name}: {what}");
        if !ids.insert(lesson.id.clone()) {
            problems.push(p("duplicate id".into()));
        }
        if !lesson
            .markdown
            .starts_with(&format!("# {}\n", lesson.title))
        {
            problems.push(p("the body does not start with `# <title>`".into()));
        }
        for id in &lesson.exercises {
            match exercise(id) {
                None => problems.push(p(format!("unknown exercise `{id}`"))),
                Some(ex) if !lesson.markdown.contains(&ex.title) => {
                    problems.push(p(format!("does not mention exercise `{}`", ex.title)));
                }
                Some(_) => practised.push(id.clone()),
            }
        }
        let md = scan_markdown(&lesson.markdown);
        for url in &md.links {
            if !url.starts_with("https://") || url.contains(' ') {
                problems.push(p(format!("link `{url}` is not an absolute https URL")));
            }
        }
        let examples = md.blocks.iter().filter(|(info, _)| info == "js example");
        if examples.count() != 1 {
            problems.push(p("needs exactly one ```js example block".into()));
        }
        match lesson.example() {
            Some(code) if md.blocks.iter().any(|(_, c)| c == code) => {}
            other => problems.push(p(format!("example() returned {other:?}"))),
        }
        for (info, code) in &md.blocks {
            let lang = info.split_whitespace().next().unwrap_or("");
            if fence_languages().contains(&lang) {
                let result = lint(code, &LintOptions::default());
                if let Some(fatal) = result.diagnostics.iter().find(|d| d.fatal) {
                    problems.push(p(format!(
                        "a {lang} block does not parse: {}",
                        fatal.message
                    )));
                }
            }
        }
    }
    // Every exercise belongs to exactly one lesson, so the tutorial reaches all of them.
    let mut all: Vec<_> = exercises().iter().map(|e| e.id.clone()).collect();
    all.sort();
    practised.sort();
    if practised != all {
        problems.push(format!(
            "lessons practise {practised:?}, exercises are {all:?}"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(lessons().len(), lesson_sources().len());
}

#[test]
fn the_first_lesson_cites_the_sources_of_the_idea() {
    let md = scan_markdown(&lessons()[0].markdown);
    for url in [
        "https://martinfowler.com/bliki/PhoenixServer.html",
        "https://martinfowler.com/bliki/ImmutableServer.html",
        "https://12factor.net/processes",
        "https://12factor.net/disposability",
    ] {
        assert!(md.links.iter().any(|l| l == url), "missing {url}");
    }
}

#[test]
fn hint_links_are_absolute_https() {
    for ex in exercises() {
        for hint in &ex.hints {
            for url in scan_markdown(hint).links {
                assert!(url.starts_with("https://"), "{}: {url}", ex.id);
            }
        }
    }
}

#[test]
fn lesson_front_matter_is_required() {
    assert!(Lesson::parse("# No front matter\n").is_err());
    assert!(Lesson::parse("+++\nid = \"x\"\ntitle = \"X\"\n# never closed\n").is_err());
    assert!(Lesson::parse("+++\nid = \"x\"\n+++\n# no title\n").is_err());
    let lesson = Lesson::parse("+++\nid = \"x\"\ntitle = \"X\"\n+++\n\n# X\n").unwrap();
    assert_eq!(
        (lesson.markdown.as_str(), lesson.exercises.len()),
        ("# X\n", 0)
    );
}

// ----- workshop packs -----

#[test]
fn the_default_pack_uses_every_exercise_but_the_warm_up_once_and_ends_with_the_wrap_up() {
    let pack = default_pack();
    let mut ids: Vec<_> = pack.steps.iter().map(|s| s.exercise.clone()).collect();
    assert_eq!(
        pack.exercises().count(),
        ids.len(),
        "unknown ids in {ids:?}"
    );
    assert_eq!(ids.last().map(String::as_str), Some("wrap-up-3-receipts"));
    ids.sort();
    // The first lesson's warm-up repeats what the pack's first steps teach; a custom
    // pack can still include it.
    let mut all: Vec<_> = exercises()
        .iter()
        .map(|e| e.id.clone())
        .filter(|id| id != "phoenix-1-guestbook")
        .collect();
    all.sort();
    assert_eq!(ids, all);
    assert!(pack.total_minutes() > 0);
}

#[test]
fn packs_round_trip_through_json_and_reject_unknown_exercises() {
    let pack = default_pack();
    assert_eq!(&WorkshopPack::from_json(&pack.to_json()).unwrap(), pack);
    let custom = r#"{"id":"intro","title":"Intro","steps":[{"exercise":"state-1-counter","minutes":5},{"exercise":"uploads-1-dest"}]}"#;
    let parsed = WorkshopPack::from_json(custom).unwrap();
    assert_eq!(parsed.total_minutes(), 5);
    for bad in [
        r#"{"id":"x","title":"X","steps":[{"exercise":"no-such-exercise"}]}"#,
        r#"{"id":"x","title":"X","steps":[]}"#,
        r#"{"id":"x","title":"X","steps":[{"exercise":"state-1-counter"},{"exercise":"state-1-counter"}]}"#,
        r#"{"id":"x","title":"X","steps":[{"exercise":"state-1-counter","seconds":5}]}"#,
        r#"not json"#,
    ] {
        assert!(WorkshopPack::from_json(bad).is_err(), "accepted {bad}");
    }
}

fn solutions(pack: &WorkshopPack) -> Vec<(&'static str, &'static str)> {
    pack.exercises()
        .map(|e| (e.id.as_str(), e.solution.as_str()))
        .collect()
}

#[test]
fn completion_code_is_short_deterministic_and_bound_to_the_sources() {
    let pack = WorkshopPack::from_json(
        r#"{"id":"mini","title":"Mini","steps":[{"exercise":"state-1-counter"},{"exercise":"sessions-1-memory"}]}"#,
    )
    .unwrap();
    let solved = solutions(&pack);
    let code = completion_code(&pack, solved.clone()).unwrap();
    assert_eq!(code.len(), 6);
    assert!(
        code.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    );
    assert_eq!(completion_code(&pack, solved.clone()).unwrap(), code);

    // Line endings and trailing spaces do not change it; the code does.
    let crlf: Vec<(String, String)> = solved
        .iter()
        .map(|(id, s)| (id.to_string(), s.replace('\n', "  \r\n")))
        .collect();
    let crlf_code =
        completion_code(&pack, crlf.iter().map(|(a, b)| (a.as_str(), b.as_str()))).unwrap();
    assert_eq!(crlf_code, code);

    let edited = solved[0].1.replace("'visits'", "'page-views'");
    let mut changed = solved.clone();
    changed[0].1 = &edited;
    assert_ne!(completion_code(&pack, changed).unwrap(), code);

    let mut other_pack = pack.clone();
    other_pack.id = "mini-2".into();
    assert_ne!(completion_code(&other_pack, solved.clone()).unwrap(), code);
}

#[test]
fn no_completion_code_for_an_unsolved_or_missing_exercise() {
    let pack = default_pack();
    let mut solved = solutions(pack);
    let first = solved[0].0;
    let starter = exercise(first).unwrap().starter.as_str();
    solved[0].1 = starter;
    assert_eq!(
        completion_code(pack, solved.clone()),
        Err(CompletionError::NotSolved(first.to_string()))
    );
    solved.remove(0);
    assert_eq!(
        completion_code(pack, solved),
        Err(CompletionError::Missing(first.to_string()))
    );
}

// ----- the lost update -----

#[test]
fn a_counter_read_again_after_incr_does_not_pass() {
    // INCR, then a separate GET: the GET may already see another request's INCR, so two
    // customers can be shown the same ticket.
    let read_again = r#"
const express = require('express');
const { createClient } = require('redis');
const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', console.error);
redis.connect().catch(console.error);
const app = express();
app.post('/tickets', async (req, res) => {
  await redis.incr('tickets:issued');
  const ticket = Number(await redis.get('tickets:issued'));
  res.status(201).json({ ticket });
});
app.get('/tickets', async (req, res) => {
  res.json({ issued: Number(await redis.get('tickets:issued')) || 0 });
});
app.listen(3000);
"#;
    let report = passes("state-4-lost-update", read_again);
    assert!(!report.passed);
    let message = result_of(&report, |c| matches!(c, Check::AtomicUpdate { .. }));
    assert!(message.contains("answer is dropped"), "{message}");
}

#[test]
fn the_lost_update_starter_fails_on_its_finding_and_the_atomic_check() {
    let ex = exercise("state-4-lost-update").unwrap();
    let report = check(ex, &ex.starter);
    let finding = result_of(&report, |c| matches!(c, Check::NoFinding { .. }));
    assert!(finding.contains("written back"), "{finding}");
    let atomic = result_of(&report, |c| matches!(c, Check::AtomicUpdate { .. }));
    assert!(atomic.contains("does not change the value"), "{atomic}");
}

#[test]
fn another_atomic_answer_passes_the_lost_update() {
    // ioredis, INCRBY by one, and a named handler.
    let ioredis = r#"
const express = require('express');
const Redis = require('ioredis');
const store = new Redis(process.env.REDIS_URL);
const app = express();
async function issue(req, res) {
  res.status(201).json({ ticket: await store.incrby('tickets:issued', 1) });
}
app.post('/tickets', issue);
app.get('/tickets', async (req, res) => {
  const issued = Number(await store.get('tickets:issued')) || 0;
  res.json({ issued });
});
app.listen(3000);
"#;
    let report = passes("state-4-lost-update", ioredis);
    assert!(report.passed, "{:#?}", failing(&report));
}

// ----- the uploads starters after "Apply all" -----

/// The starter with the first rewrite of each upload finding applied, as "Apply all" does.
fn uploads_rewritten(id: &str) -> (String, Vec<String>) {
    let ex = exercise(id).unwrap();
    let result = lint(&ex.starter, &LintOptions::for_file("app.js"));
    let rewrites: Vec<_> = result
        .findings()
        .filter(|d| d.rule == Some(RuleId::NoLocalUploads))
        .filter_map(|d| d.rewrites.first())
        .collect();
    assert_eq!(rewrites.len(), 1, "{id}: one upload finding with a rewrite");
    (
        rewrites[0].apply(&ex.starter),
        rewrites[0].needs.env.clone(),
    )
}

#[test]
fn the_uploads_starters_rewritten_store_their_files_in_a_bucket() {
    for id in [
        "uploads-1-dest",
        "uploads-2-disk-storage",
        "uploads-3-alias",
    ] {
        let (after, _) = uploads_rewritten(id);
        let report = check(exercise(id).unwrap(), &after);
        let upload_checks: Vec<_> = report
            .results
            .iter()
            .filter(|r| {
                matches!(
                    r.check,
                    Check::UploadsToObjectStorage { .. }
                        | Check::NoFinding {
                            rule: RuleId::NoLocalUploads
                        }
                )
            })
            .collect();
        assert_eq!(upload_checks.len(), 2, "{id}: {report:#?}");
        for result in upload_checks {
            assert!(result.passed, "{id}: {}\n{after}", result.message);
        }
        assert!(
            after.contains("contentType: multerS3.AUTO_CONTENT_TYPE"),
            "{id}:\n{after}"
        );
        assert!(!after.contains("express.static"), "{id}:\n{after}");
    }
}

#[test]
fn the_uploads_3_rewrite_stores_documents_in_the_documents_bucket() {
    let (after, env) = uploads_rewritten("uploads-3-alias");
    assert!(
        after.contains("const uploadBucket = process.env.DOCUMENT_BUCKET;"),
        "{after}"
    );
    assert!(!env.contains(&"UPLOAD_BUCKET".to_string()), "{env:?}");
    // The solution names the same bucket.
    let solution = &exercise("uploads-3-alias").unwrap().solution;
    assert!(solution.contains("process.env.DOCUMENT_BUCKET"));
}

/// The built-in lists come from JSON that build.rs converts from the TOML files; the JSON
/// must carry exactly what the TOML says.
#[test]
fn the_built_in_content_equals_its_toml() {
    let from_toml: Vec<Exercise> = exercise_sources()
        .iter()
        .map(|(name, text)| Exercise::from_toml(text).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect();
    assert_eq!(exercises(), from_toml.as_slice());
    let from_toml: Vec<Lesson> = lesson_sources()
        .iter()
        .map(|(name, text)| Lesson::parse(text).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect();
    assert_eq!(lessons(), from_toml.as_slice());
    let pack = WorkshopPack::from_toml(include_str!("../../content/workshops/default.toml"));
    assert_eq!(Ok(default_pack()), pack.as_ref());
}
