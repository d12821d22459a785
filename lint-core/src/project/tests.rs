//! Whole-project lints: routes across files, and results equal to single-file lints where
//! no other file is involved.

use super::*;
use crate::{Diagnostic, RuleId};

fn project(files: &[(&str, &str)]) -> Vec<FileResult> {
    let files: Vec<ProjectFile> = files
        .iter()
        .map(|(p, s)| ProjectFile::new(*p, *s))
        .collect();
    lint_project(&files, &LintOptions::default())
}

fn findings<'r>(results: &'r [FileResult], path: &str, rule: RuleId) -> Vec<&'r Diagnostic> {
    results
        .iter()
        .find(|r| r.path == path)
        .expect("the file is in the results")
        .result
        .diagnostics
        .iter()
        .filter(|d| d.rule == Some(rule))
        .collect()
}

fn routes(d: &Diagnostic) -> Vec<String> {
    d.state
        .iter()
        .flat_map(|s| s.routes.iter().map(ToString::to_string))
        .collect()
}

const PHOTOS_ROUTER: &str = "const express = require('express');
const multer = require('multer');
const router = express.Router();
const upload = multer({ dest: 'uploads/' });
router.post('/', upload.single('photo'), (req, res) => res.sendStatus(201));
module.exports = router;
";

#[test]
fn a_router_mounted_in_another_file_gets_its_full_path() {
    let app = "const express = require('express');
const app = express();
app.use('/api/photos', require('./routes/photos'));
app.listen(3000);
";
    let results = project(&[("app.js", app), ("routes/photos.js", PHOTOS_ROUTER)]);
    let upload = findings(&results, "routes/photos.js", RuleId::NoLocalUploads);
    assert_eq!(upload.len(), 1);
    assert_eq!(routes(upload[0]), ["POST /api/photos"]);
    // On its own, the file only knows its router's own path.
    let alone = crate::lint(PHOTOS_ROUTER, &LintOptions::for_file("routes/photos.js"));
    let alone: Vec<_> = alone.findings().collect();
    assert_eq!(routes(alone[0]), ["POST /"]);
}

#[test]
fn routers_mounted_on_mounted_routers_and_through_a_binding() {
    let app = "import express from 'express';
import api from './routes/index.js';
const app = express();
app.use('/api', api);
";
    let index = "const { Router } = require('express');
const router = Router();
router.use('/photos', require('./photos'));
module.exports = router;
";
    let results = project(&[
        ("app.mjs", app),
        ("routes/index.js", index),
        ("routes/photos.js", PHOTOS_ROUTER),
    ]);
    let upload = findings(&results, "routes/photos.js", RuleId::NoLocalUploads);
    assert_eq!(routes(upload[0]), ["POST /api/photos"]);
}

/// A controller whose handler counts visits in a module variable.
const STATS_CONTROLLER: &str = "let visits = 0;
exports.count = function (req, res) {
  visits++;
  res.json({ visits });
};
";

/// A router that registers the stats controller's handler.
const STATS_ROUTER: &str = "const express = require('express');
const router = express.Router();
const stats = require('../controllers/stats');
router.get('/visits', stats.count);
module.exports = router;
";

#[test]
fn a_handler_registered_in_another_file_gets_that_route_and_a_label_there() {
    let app = "const app = require('express')();
app.use('/stats', require('./routes/stats'));
";
    let results = project(&[
        ("app.js", app),
        ("routes/stats.js", STATS_ROUTER),
        ("controllers/stats.js", STATS_CONTROLLER),
    ]);
    let state = findings(&results, "controllers/stats.js", RuleId::NoGlobalState);
    assert_eq!(state.len(), 1, "{state:?}");
    assert_eq!(routes(state[0]), ["GET /stats/visits"]);
}

#[test]
fn files_with_no_relation_lint_as_they_do_alone() {
    let broken = "const x = ;\nlet n = 0;\n";
    let results = project(&[("a.js", PHOTOS_ROUTER), ("b.ts", broken)]);
    for (path, source) in [("a.js", PHOTOS_ROUTER), ("b.ts", broken)] {
        let alone = crate::lint(source, &LintOptions::for_file(path));
        let in_project = &results.iter().find(|r| r.path == path).unwrap().result;
        assert_eq!(in_project, &alone, "{path}");
    }
}

#[test]
fn a_handler_wrapped_in_a_call_and_registered_elsewhere_gets_that_route() {
    let controller = "const { asyncHandler } = require('./wrap');
let removed = 0;
exports.remove = asyncHandler(async (req, res) => {
  removed += 1;
  res.sendStatus(204);
});
";
    let routes_file = "const app = require('express')();
const items = require('./items');
app.delete('/items/:id', items.remove);
";
    let results = project(&[
        ("app.js", routes_file),
        ("items.js", controller),
        (
            "wrap.js",
            "exports.asyncHandler = (fn) => (req, res, next) => fn(req, res, next).catch(next);\n",
        ),
    ]);
    let state = findings(&results, "items.js", RuleId::NoGlobalState);
    assert_eq!(state.len(), 1, "{state:?}");
    assert_eq!(routes(state[0]), ["DELETE /items/:id"]);
    let registered = state[0]
        .labels
        .iter()
        .find(|l| l.file.as_deref() == Some("app.js"))
        .expect("a label where the handler is registered");
    assert_eq!(registered.message, "registered on DELETE /items/:id");
    assert_eq!(registered.range.line, 3);
}

#[test]
fn the_survey_of_a_project_has_every_route_at_its_full_path() {
    let app = "const express = require('express');
const app = express();
app.use('/api/photos', require('./routes/photos'));
app.get('/health', (req, res) => res.json({ ok: true }));
";
    let files = [
        ProjectFile::new("app.js", app),
        ProjectFile::new("routes/photos.js", PHOTOS_ROUTER),
    ];
    let survey = crate::survey_project(&files, &LintOptions::default());
    let routes: Vec<(String, bool)> = survey
        .routes
        .iter()
        .map(|r| (r.route.to_string(), r.receives_files))
        .collect();
    assert_eq!(
        routes,
        [
            // The mount itself is a registration too, as in a single-file survey.
            ("USE /api/photos".to_string(), false),
            ("GET /health".to_string(), false),
            ("POST /api/photos".to_string(), true)
        ]
    );
}

#[test]
fn a_multer_instance_another_module_exports_makes_its_routes_receive_files() {
    let routes_file = "const router = require('express').Router();
const upload = require('../config/upload');
router.post('/avatar', upload.single('file'), (req, res) => res.sendStatus(201));
module.exports = router;
";
    let app = "const app = require('express')();
app.use('/users', require('./routes/users'));
";
    let files = [
        ProjectFile::new("app.js", app),
        ProjectFile::new("routes/users.js", routes_file),
        ProjectFile::new(
            "config/upload.js",
            "const multer = require('multer');\nmodule.exports = multer({ dest: 'uploads/' });\n",
        ),
    ];
    let survey = crate::survey_project(&files, &LintOptions::default());
    let avatar = survey
        .routes
        .iter()
        .find(|r| r.route.to_string() == "POST /users/avatar")
        .expect("the route at its full path");
    assert!(avatar.receives_files);
    // The upload is reported once, where multer is configured.
    let results = lint_project(&files, &LintOptions::default());
    let uploads: Vec<&str> = results
        .iter()
        .filter(|r| {
            r.result
                .findings()
                .any(|d| d.rule == Some(RuleId::NoLocalUploads))
        })
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(uploads, ["config/upload.js"]);
}

/// The multi-file starter example, read from its folder as the CLI reads it.
fn shop() -> Vec<ProjectFile> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<ProjectFile>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy();
                let source = std::fs::read_to_string(&path).unwrap();
                out.push(ProjectFile::new(relative.replace('\\', "/"), source));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/examples/shop");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files
}

/// The text of the file at `path` among `files`.
fn source_of<'f>(files: &'f [ProjectFile], path: &str) -> &'f str {
    &files.iter().find(|f| f.path == path).unwrap().source
}

/// The files after "Apply all" across the project.
fn applied_all(files: &[ProjectFile]) -> Vec<ProjectFile> {
    let results = lint_project(files, &LintOptions::default());
    let plans = crate::plan_project_apply_all(files, &results);
    files
        .iter()
        .map(|f| match plans.iter().find(|p| p.path == f.path) {
            Some(plan) => ProjectFile::new(&f.path, &plan.source),
            None => f.clone(),
        })
        .collect()
}

#[test]
fn apply_all_moves_the_shops_carts_and_orders_out_of_both_files() {
    let files = shop();
    let results = lint_project(&files, &LintOptions::default());
    let controller = findings(&results, "controllers/cart.js", RuleId::NoGlobalState);
    assert_eq!(controller.len(), 2);
    for finding in &controller {
        let rewrite = &finding.rewrites[0];
        assert_eq!(rewrite.other_files.len(), 1, "{rewrite:?}");
        assert_eq!(rewrite.other_files[0].path, "models/cart.js");
    }
    let plans = crate::plan_project_apply_all(&files, &results);
    let controller_plan = plans
        .iter()
        .find(|p| p.path == "controllers/cart.js")
        .expect("the controller changes");
    // Both findings go in together: their edits in the model do not overlap.
    assert!(controller_plan.skipped.is_empty(), "{controller_plan:?}");
    let after = applied_all(&files);
    let results = lint_project(&after, &LintOptions::default());
    for result in &results {
        assert!(
            result.result.diagnostics.iter().all(|d| !d.fatal),
            "{}: {:?}",
            result.path,
            result.result.diagnostics
        );
        assert!(
            result
                .result
                .findings()
                .all(|d| d.rule != Some(RuleId::NoGlobalState)),
            "{}",
            result.path
        );
    }
    let model = source_of(&after, "models/cart.js");
    assert!(model.contains("module.exports = {  };"), "{model}");
    assert!(
        !model.contains("new Map") && !model.contains("[]"),
        "{model}"
    );
    let controller = source_of(&after, "controllers/cart.js");
    // An item is appended by one command: no read of the cart written back whole.
    assert!(
        controller.contains(
            "await redisClient.rPush(`carts:${req.session.id}`, JSON.stringify(req.body));"
        ),
        "{controller}"
    );
    assert!(!controller.contains("hSet"), "{controller}");
    assert!(
        controller.starts_with("const {  } = require('../models/cart');"),
        "{controller}"
    );
}

#[test]
fn a_rewrite_that_does_not_fit_in_one_of_its_files_is_skipped_whole() {
    let mut files = shop();
    let results = lint_project(&files, &LintOptions::default());
    // A stand-in finding in the model whose rewrite overlaps the carts declaration there.
    let mut results = results;
    let model_at = results
        .iter()
        .position(|r| r.path == "models/cart.js")
        .unwrap();
    let carts_rewrite = results
        .iter()
        .find(|r| r.path == "controllers/cart.js")
        .unwrap()
        .result
        .diagnostics
        .iter()
        .find(|d| d.state.as_ref().is_some_and(|s| s.name == "carts"))
        .unwrap()
        .rewrites[0]
        .clone();
    let mut blocker = results
        .iter()
        .find(|r| r.path == "controllers/cart.js")
        .unwrap()
        .result
        .diagnostics[0]
        .clone();
    blocker.rewrites = vec![crate::Rewrite {
        title: "blocker".into(),
        edits: vec![crate::TextEdit {
            range: carts_rewrite.other_files[0].edits[0].range,
            text: "// changed\n".into(),
        }],
        other_files: vec![],
        ..carts_rewrite.clone()
    }];
    // The model's own finding comes first, in file order: put the model first.
    results[model_at].result.diagnostics = vec![blocker];
    let model = results.remove(model_at);
    results.insert(0, model);
    files.swap(0, model_at);
    let plans = crate::plan_project_apply_all(&files, &results);
    let controller = plans
        .iter()
        .find(|p| p.path == "controllers/cart.js")
        .unwrap();
    assert_eq!(controller.skipped.len(), 1, "{controller:?}");
    // Nothing of the skipped rewrite went in, in either file.
    assert!(
        controller.source.contains("carts.set("),
        "{}",
        controller.source
    );
    let model = plans.iter().find(|p| p.path == "models/cart.js").unwrap();
    assert!(
        model.source.contains("// changed") && model.source.contains("{ carts,  }"),
        "{}",
        model.source
    );
}

#[test]
fn a_router_mounted_in_two_places_serves_its_routes_under_both() {
    let app = "const express = require('express');
const app = express();
const photos = require('./routes/photos');
app.use('/api/photos', photos);
app.use('/v2/photos', photos);
";
    let results = project(&[("app.js", app), ("routes/photos.js", PHOTOS_ROUTER)]);
    let upload = findings(&results, "routes/photos.js", RuleId::NoLocalUploads);
    assert_eq!(upload.len(), 1);
    assert_eq!(routes(upload[0]), ["POST /api/photos", "POST /v2/photos"]);
}

#[test]
fn a_handler_on_a_router_mounted_in_two_places_is_labelled_on_each_route() {
    // The stats router is mounted by the app and, a level down, by the admin router.
    let admin = "const router = require('express').Router();
router.use('/stats', require('./stats'));
module.exports = router;
";
    let app = "const app = require('express')();
app.use('/stats', require('./routes/stats'));
app.use('/admin', require('./routes/admin'));
";
    let results = project(&[
        ("app.js", app),
        ("routes/stats.js", STATS_ROUTER),
        ("routes/admin.js", admin),
        ("controllers/stats.js", STATS_CONTROLLER),
    ]);
    let state = findings(&results, "controllers/stats.js", RuleId::NoGlobalState);
    assert_eq!(state.len(), 1, "{state:?}");
    assert_eq!(
        routes(state[0]),
        ["GET /stats/visits", "GET /admin/stats/visits"]
    );
    let registered: Vec<&str> = state[0]
        .labels
        .iter()
        .filter(|l| l.file.as_deref() == Some("routes/stats.js"))
        .map(|l| l.message.as_str())
        .collect();
    assert_eq!(
        registered,
        [
            "registered on GET /stats/visits",
            "registered on GET /admin/stats/visits"
        ]
    );
}

#[test]
fn a_project_linted_on_several_threads_gives_what_one_thread_gives() {
    let mut files: Vec<ProjectFile> = Vec::new();
    for i in 0..9 {
        files.push(ProjectFile::new(
            format!("controllers/c{i}.js"),
            "let hits = 0;\nexports.count = (req, res) => { hits++; res.end(); };\n",
        ));
        files.push(ProjectFile::new(
            format!("routes/r{i}.js"),
            format!(
                "const router = require('express').Router();\nrouter.get('/n', require('../controllers/c{i}').count);\nmodule.exports = router;\n"
            ),
        ));
    }
    let mounts: String = (0..9)
        .map(|i| format!("app.use('/r{i}', require('./routes/r{i}'));\n"))
        .collect();
    files.push(ProjectFile::new(
        "app.js",
        format!("const app = require('express')();\n{mounts}"),
    ));
    files.push(ProjectFile::new("broken.js", "const x = ;\n"));
    files.push(ProjectFile::new("routes/photos.js", PHOTOS_ROUTER));
    let one = lint_project(&files, &LintOptions::default());
    assert_eq!(
        routes(findings(&one, "controllers/c4.js", RuleId::NoGlobalState)[0]),
        ["GET /r4/n"]
    );
    for threads in [2, 3, 8, 64] {
        let threads = NonZeroUsize::new(threads).unwrap();
        let many = lint_project_on(&files, &LintOptions::default(), threads);
        assert_eq!(many, one, "{threads} threads");
    }
}

#[test]
fn moving_a_modules_only_export_leaves_no_empty_braces_behind() {
    let files = vec![
        ProjectFile::new(
            "models/visits.js",
            "const visits = new Map();\nmodule.exports = { visits };\n",
        ),
        ProjectFile::new(
            "app.js",
            "const express = require('express');\n\
             const { visits } = require('./models/visits');\n\
             const app = express();\n\
             app.get('/', (req, res) => {\n  visits.set(req.ip, Date.now());\n  res.end();\n});\n\
             app.listen(3000);\n",
        ),
    ];
    let after = applied_all(&files);
    let (model, app) = (
        source_of(&after, "models/visits.js"),
        source_of(&after, "app.js"),
    );
    // The module is still loaded (it may do more than export), without an empty pattern.
    assert!(app.contains("\nrequire('./models/visits');\n"), "{app}");
    assert!(!app.contains("{  }") && !app.contains("{ }"), "{app}");
    assert!(model.contains("module.exports = {};"), "{model}");
    assert!(!model.contains("new Map"), "{model}");
}

#[test]
fn moving_an_only_imported_name_keeps_the_import_of_the_module() {
    let files = vec![
        ProjectFile::new("models/visits.js", "export const visits = new Map();\n"),
        ProjectFile::new(
            "app.js",
            "import express from 'express';\n\
             import { visits } from './models/visits.js';\n\
             const app = express();\n\
             app.get('/', (req, res) => {\n  visits.set(req.ip, Date.now());\n  res.end();\n});\n\
             app.listen(3000);\n",
        ),
    ];
    let after = applied_all(&files);
    let app = source_of(&after, "app.js");
    assert!(app.contains("\nimport './models/visits.js';\n"), "{app}");
    assert!(!app.contains("{  }") && !app.contains("{ }"), "{app}");
}
