//! Throughput of `lint_core::lint` on generated Express apps of about 2,000 and 20,000
//! lines, beside a baseline that only parses and builds the semantic model, so the cost
//! of the rules themselves shows as the difference.
//!
//! Also the sum of single-file lints against a whole-project lint of the 200 files
//! `node bench/gen-project.mjs` writes (skipped when they are not there).
//!
//! Run with `cargo bench -p lint-core`; it takes about a minute on two cores.

use std::{fmt::Write, hint::black_box, path::Path, time::Duration};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lint_core::{LintOptions, ProjectFile, lint, lint_project};
use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

/// A small deterministic generator (64-bit LCG), so every run lints the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound
    }
}

const RESOURCES: [&str; 8] = [
    "users", "orders", "invoices", "products", "reviews", "carts", "photos", "teams",
];
const METHODS: [&str; 4] = ["get", "post", "put", "delete"];

/// An Express app of at least `target_lines` lines: routers, middleware, helpers, classes
/// and queries, with a stateful pattern (module-level cache or counter written by a
/// handler, disk uploads) in about one block in eight, the way real apps have a few.
fn express_app(target_lines: usize) -> String {
    let mut rng = Lcg(0x5eed);
    let mut out = String::from(
        "'use strict';\n\
         const express = require('express');\n\
         const multer = require('multer');\n\
         const session = require('express-session');\n\
         const { Pool } = require('pg');\n\
         const path = require('path');\n\
         \n\
         const app = express();\n\
         const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n\
         app.use(express.json({ limit: '1mb' }));\n\
         app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));\n\
         \n",
    );
    let mut block = 0;
    while out.lines().count() < target_lines {
        let resource = RESOURCES[rng.next(RESOURCES.len())];
        let n = block;
        block += 1;
        helper_block(&mut out, resource, n, &mut rng);
        route_block(&mut out, resource, n, &mut rng);
        if rng.next(8) == 0 {
            stateful_block(&mut out, resource, n, &mut rng);
        }
    }
    out.push_str("\nmodule.exports = app;\napp.listen(process.env.PORT || 3000);\n");
    out
}

/// Ordinary code: a validator, a class with methods, loops and string building.
fn helper_block(out: &mut String, resource: &str, n: usize, rng: &mut Lcg) {
    let fields = 3 + rng.next(5);
    let _ = writeln!(
        out,
        "/**\n * Validates a {resource} payload (block {n}).\n */"
    );
    let _ = writeln!(out, "function validate_{resource}_{n}(body) {{");
    let _ = writeln!(out, "  const errors = [];");
    for f in 0..fields {
        let _ = writeln!(
            out,
            "  if (typeof body.field{f} !== 'string' || body.field{f}.length > {}) {{\n    errors.push(`field{f} of {resource} is invalid`);\n  }}",
            16 + rng.next(240)
        );
    }
    let _ = writeln!(
        out,
        "  return errors.length === 0 ? null : {{ errors, count: errors.length }};\n}}\n"
    );
    let _ = writeln!(out, "class {}Repository{n} {{", capitalise(resource));
    let _ = writeln!(
        out,
        "  constructor(db) {{\n    this.db = db;\n    this.table = '{resource}';\n  }}"
    );
    let _ = writeln!(
        out,
        "  async find(id) {{\n    const {{ rows }} = await this.db.query(`SELECT * FROM ${{this.table}} WHERE id = $1`, [id]);\n    return rows[0] ?? null;\n  }}"
    );
    let _ = writeln!(
        out,
        "  async list(limit = {}, offset = 0) {{\n    const result = await this.db.query('SELECT * FROM {resource} LIMIT $1 OFFSET $2', [limit, offset]);\n    return result.rows.map((row) => ({{ ...row, kind: '{resource}' }}));\n  }}",
        10 + rng.next(90)
    );
    let _ = writeln!(
        out,
        "  summarise(rows) {{\n    let total = 0;\n    for (const row of rows) {{\n      total += Number(row.amount || 0);\n    }}\n    return {{ total, average: rows.length ? total / rows.length : 0 }};\n  }}\n}}\n"
    );
}

/// A router with a middleware and a few handlers that only use the request and the database.
fn route_block(out: &mut String, resource: &str, n: usize, rng: &mut Lcg) {
    let _ = writeln!(out, "const router{n} = express.Router();");
    let _ = writeln!(
        out,
        "const repo{n} = new {}Repository{n}(pool);",
        capitalise(resource)
    );
    let _ = writeln!(
        out,
        "router{n}.use((req, res, next) => {{\n  res.locals.requestId = req.get('x-request-id') || String(Date.now());\n  next();\n}});"
    );
    for _ in 0..2 + rng.next(3) {
        let method = METHODS[rng.next(METHODS.len())];
        let _ = writeln!(
            out,
            "router{n}.{method}('/{resource}/:id', async (req, res, next) => {{"
        );
        let _ = writeln!(out, "  try {{");
        if method == "post" || method == "put" {
            let _ = writeln!(
                out,
                "    const invalid = validate_{resource}_{n}(req.body);"
            );
            let _ = writeln!(
                out,
                "    if (invalid) return res.status(400).json(invalid);"
            );
        }
        let _ = writeln!(out, "    const item = await repo{n}.find(req.params.id);");
        let _ = writeln!(
            out,
            "    if (!item) {{\n      return res.status(404).json({{ error: 'not found' }});\n    }}"
        );
        let _ = writeln!(out, "    const summary = repo{n}.summarise([item]);");
        let _ = writeln!(
            out,
            "    res.json({{ item, summary, id: res.locals.requestId }});"
        );
        let _ = writeln!(out, "  }} catch (err) {{\n    next(err);\n  }}\n}});");
    }
    let _ = writeln!(out, "app.use('/api/v{}', router{n});\n", 1 + rng.next(3));
}

/// State a disposable server must not keep: what the rules are there to find.
fn stateful_block(out: &mut String, resource: &str, n: usize, rng: &mut Lcg) {
    match rng.next(3) {
        0 => {
            let _ = writeln!(
                out,
                "const cache{n} = new Map();\napp.get('/cached/{resource}/:id', async (req, res) => {{\n  if (!cache{n}.has(req.params.id)) {{\n    cache{n}.set(req.params.id, await repo{n}.find(req.params.id));\n  }}\n  res.json(cache{n}.get(req.params.id));\n}});\n"
            );
        }
        1 => {
            let _ = writeln!(
                out,
                "let hits{n} = 0;\napp.get('/stats/{resource}', (req, res) => {{\n  hits{n}++;\n  res.json({{ hits: hits{n} }});\n}});\n"
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "const upload{n} = multer({{ dest: path.join(__dirname, 'uploads', '{resource}') }});\napp.post('/{resource}/:id/file', upload{n}.single('file'), (req, res) => {{\n  res.status(201).json({{ name: req.file.originalname }});\n}});\n"
            );
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// What `lint` does before any rule runs, for the same file name: parse and build the
/// semantic model with its node list.
fn parse_and_semantic(source: &str) -> usize {
    let allocator = Allocator::default();
    let source_type = SourceType::unambiguous().with_jsx(true);
    let parsed = Parser::new(&allocator, source, source_type).parse();
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(&parsed.program);
    semantic.semantic.nodes().len()
}

fn bench(c: &mut Criterion) {
    let options = LintOptions::for_file("app.js");
    for (name, lines) in [("2k_lines", 2_000), ("20k_lines", 20_000)] {
        let source = express_app(lines);
        // Measure real work: the text parses cleanly and the rules have something to find.
        let result = lint(&source, &options);
        assert!(
            !result.has_fatal(),
            "generated app must parse: {:?}",
            result.diagnostics.first()
        );
        assert!(
            result.findings().count() > 0,
            "generated app must contain stateful patterns"
        );
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_function("lint", |b| b.iter(|| lint(black_box(&source), &options)));
        group.bench_function("parse_semantic", |b| {
            b.iter(|| parse_and_semantic(black_box(&source)))
        });
        group.finish();
    }
}

/// Every `.js` file below `dir`, with its path relative to `dir`.
fn read_project(dir: &Path, root: &Path, out: &mut Vec<ProjectFile>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            read_project(&path, root, out)?;
        } else if path.extension().is_some_and(|e| e == "js") {
            let name = path.strip_prefix(root).unwrap_or(&path);
            let source = std::fs::read_to_string(&path)?;
            out.push(ProjectFile::new(
                name.to_string_lossy().replace('\\', "/"),
                source,
            ));
        }
    }
    Ok(())
}

/// The 200-file project `node bench/gen-project.mjs` writes: every file linted on its own
/// (the sum of single-file lints) against the whole project linted at once.
fn whole_project(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/whole-project");
    let mut files = Vec::new();
    if read_project(&dir, &dir, &mut files).is_err() || files.is_empty() {
        eprintln!("whole_project skipped: run `node bench/gen-project.mjs` first");
        return;
    }
    let per_file = |files: &[ProjectFile]| -> usize {
        files
            .iter()
            .map(|f| {
                lint(&f.source, &LintOptions::for_file(&f.path))
                    .diagnostics
                    .len()
            })
            .sum()
    };
    let project = |files: &[ProjectFile]| -> usize {
        lint_project(files, &LintOptions::default())
            .iter()
            .map(|r| r.result.diagnostics.len())
            .sum()
    };
    // Project mode finds what only the other files show: the comparison is of real work.
    assert!(project(&files) > per_file(&files));
    let mut group = c.benchmark_group("whole_project_200_files");
    group.throughput(Throughput::Bytes(
        files.iter().map(|f| f.source.len() as u64).sum(),
    ));
    group.bench_function("per_file", |b| b.iter(|| per_file(black_box(&files))));
    group.bench_function("project", |b| b.iter(|| project(black_box(&files))));
    group.finish();
}

criterion_group! {
    name = benches;
    // Short runs: the whole bench finishes in about a minute on two cores.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench, whole_project
}
criterion_main!(benches);
