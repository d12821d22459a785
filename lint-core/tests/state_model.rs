//! The state model behind the Phoenix drill and the state map: for each finding, where the
//! state lives, what kind it is, its name in the code and the routes it is tied to.
//!
//! The drill builds its requests from these fields (a `POST /photos/upload` route becomes
//! an upload then a fetch of `/photos/<id>`), so each kind of state and each way of finding
//! a route is pinned here, natively, against whole small apps rather than rule internals.

use lint_core::{HttpRoute, LintOptions, StateInfo, StateKind, StateLocation, lint};

/// The state of every finding in `source`, in source order.
fn states(source: &str) -> Vec<StateInfo> {
    let result = lint(source, &LintOptions::for_file("app.js"));
    assert!(!result.has_fatal(), "the test app must parse: {result:#?}");
    result
        .findings()
        .map(|d| {
            d.state
                .clone()
                .unwrap_or_else(|| panic!("every finding describes its state: {d:#?}"))
        })
        .collect()
}

/// The only finding's state.
fn only_state(source: &str) -> StateInfo {
    let mut all = states(source);
    assert_eq!(all.len(), 1, "expected exactly one finding: {all:#?}");
    all.remove(0)
}

fn route(method: &str, path: &str) -> HttpRoute {
    HttpRoute {
        method: method.to_string(),
        path: Some(path.to_string()),
    }
}

fn state(location: StateLocation, kind: StateKind, name: &str, routes: &[HttpRoute]) -> StateInfo {
    StateInfo {
        location,
        kind,
        name: name.to_string(),
        routes: routes.to_vec(),
    }
}

/// How the drill labels a finding's route: the first route, or "unknown route".
fn route_label(state: &StateInfo) -> String {
    state
        .routes
        .first()
        .map_or_else(|| "unknown route".to_string(), ToString::to_string)
}

const PRELUDE: &str = "const express = require('express');\nconst app = express();\n";

#[test]
fn multer_dest_on_an_upload_route_is_uploaded_files_on_local_disk() {
    let source = format!(
        "{PRELUDE}const multer = require('multer');
const upload = multer({{ dest: 'uploads/' }});
app.post('/photos/upload', upload.single('photo'), (req, res) => {{
  res.status(201).json({{ id: req.file.filename }});
}});"
    );
    let found = only_state(&source);
    assert_eq!(
        found,
        state(
            StateLocation::LocalDisk,
            StateKind::UploadedFiles,
            "uploads/",
            &[route("POST", "/photos/upload")],
        )
    );
    assert_eq!(route_label(&found), "POST /photos/upload");
}

#[test]
fn disk_storage_names_its_destination_and_every_route_it_is_mounted_on() {
    let source = format!(
        "{PRELUDE}const multer = require('multer');
const storage = multer.diskStorage({{ destination: '/var/data/avatars' }});
const upload = multer({{ storage }});
app.put('/avatar', upload.single('avatar'), (req, res) => res.end());
app.route('/gallery').post(upload.array('photos'), (req, res) => res.end());"
    );
    assert_eq!(
        only_state(&source),
        state(
            StateLocation::LocalDisk,
            StateKind::UploadedFiles,
            "/var/data/avatars",
            &[route("PUT", "/avatar"), route("POST", "/gallery")],
        )
    );
}

#[test]
fn a_file_written_by_a_handler_is_uploaded_files_on_local_disk() {
    let source = format!(
        "{PRELUDE}const fs = require('fs');
app.post('/notes', (req, res) => {{
  fs.writeFileSync('notes/' + req.body.id, req.body.text);
  res.end();
}});"
    );
    let found = only_state(&source);
    assert_eq!(found.location, StateLocation::LocalDisk);
    assert_eq!(found.kind, StateKind::UploadedFiles);
    assert_eq!(found.routes, [route("POST", "/notes")]);
}

#[test]
fn session_without_a_store_is_sessions_in_process_memory_on_every_path() {
    let source = format!(
        "{PRELUDE}const session = require('express-session');
app.use(session({{ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }}));
app.post('/login', (req, res) => {{ req.session.user = req.body.name; res.end(); }});"
    );
    let found = only_state(&source);
    assert_eq!(found.location, StateLocation::ProcessMemory);
    assert_eq!(found.kind, StateKind::Sessions);
    assert_eq!(found.routes, [route("USE", "/")]);
    assert_eq!(route_label(&found), "USE /");
}

#[test]
fn session_file_store_is_sessions_on_local_disk() {
    let source = format!(
        "{PRELUDE}const session = require('express-session');
const FileStore = require('session-file-store')(session);
app.use(session({{ store: new FileStore({{}}), secret: 's' }}));"
    );
    let found = only_state(&source);
    assert_eq!(found.location, StateLocation::LocalDisk);
    assert_eq!(found.kind, StateKind::Sessions);
    assert_eq!(found.routes, [route("USE", "/")]);
}

#[test]
fn a_number_incremented_by_a_handler_is_a_counter() {
    let source = format!(
        "{PRELUDE}let hits = 0;
app.get('/hits', (req, res) => {{
  hits++;
  res.json({{ hits }});
}});"
    );
    assert_eq!(
        only_state(&source),
        state(
            StateLocation::ProcessMemory,
            StateKind::Counter,
            "hits",
            &[route("GET", "/hits")],
        )
    );
}

#[test]
fn a_map_written_by_a_handler_is_a_cache() {
    let source = format!(
        "{PRELUDE}const cache = new Map();
app.get('/users/:id', async (req, res) => {{
  if (!cache.has(req.params.id)) cache.set(req.params.id, {{ id: req.params.id }});
  res.json(cache.get(req.params.id));
}});"
    );
    assert_eq!(
        only_state(&source),
        state(
            StateLocation::ProcessMemory,
            StateKind::Cache,
            "cache",
            &[route("GET", "/users/:id")],
        )
    );
}

#[test]
fn a_plain_object_used_as_a_store_is_a_cache() {
    let source = format!(
        "{PRELUDE}const carts = {{}};
app.post('/cart/:user', (req, res) => {{
  carts[req.params.user] = req.body;
  res.end();
}});"
    );
    let found = only_state(&source);
    assert_eq!(found.kind, StateKind::Cache);
    assert_eq!(found.name, "carts");
    assert_eq!(found.routes, [route("POST", "/cart/:user")]);
}

#[test]
fn an_array_pushed_to_by_handlers_is_a_collection_with_every_writing_route() {
    let source = format!(
        "{PRELUDE}const messages = [];
app.post('/messages', (req, res) => {{ messages.push(req.body); res.end(); }});
app.delete('/messages', (req, res) => {{ messages.length = 0; res.end(); }});
app.get('/messages', (req, res) => res.json(messages));"
    );
    assert_eq!(
        only_state(&source),
        state(
            StateLocation::ProcessMemory,
            StateKind::Collection,
            "messages",
            // Only the routes that write it: reading alone keeps nothing.
            &[route("POST", "/messages"), route("DELETE", "/messages")],
        )
    );
}

#[test]
fn a_set_is_a_collection() {
    let source = format!(
        "{PRELUDE}const online = new Set();
app.post('/heartbeat', (req, res) => {{ online.add(req.ip); res.end(); }});"
    );
    let found = only_state(&source);
    assert_eq!(found.kind, StateKind::Collection);
    assert_eq!(found.location, StateLocation::ProcessMemory);
    assert_eq!(found.routes, [route("POST", "/heartbeat")]);
}

#[test]
fn a_module_variable_set_from_the_request_is_request_context() {
    let source = format!(
        "{PRELUDE}let currentUser;
app.use((req, res, next) => {{
  currentUser = req.user;
  next();
}});"
    );
    assert_eq!(
        only_state(&source),
        state(
            StateLocation::ProcessMemory,
            StateKind::RequestContext,
            "currentUser",
            &[route("USE", "/")],
        )
    );
}

#[test]
fn process_env_changed_by_a_handler_is_configuration() {
    let source = format!(
        "{PRELUDE}app.post('/debug', (req, res) => {{
  process.env.DEBUG = '1';
  res.end();
}});"
    );
    assert_eq!(
        only_state(&source),
        state(
            StateLocation::ProcessMemory,
            StateKind::Configuration,
            "process.env.DEBUG",
            &[route("POST", "/debug")],
        )
    );
}

#[test]
fn a_computed_path_keeps_the_method_and_has_no_path() {
    let source = format!(
        "{PRELUDE}const visits = [];
app.get(process.env.VISITS_PATH, (req, res) => {{ visits.push(Date.now()); res.end(); }});"
    );
    let found = only_state(&source);
    assert_eq!(
        found.routes,
        [HttpRoute {
            method: "GET".to_string(),
            path: None,
        }]
    );
    assert_eq!(route_label(&found), "GET (computed path)");
}

#[test]
fn a_handler_that_is_not_mounted_has_no_route() {
    // Exported for another file to mount: which route it serves cannot be known here, and
    // the drill shows "unknown route" rather than guessing.
    let source = format!(
        "{PRELUDE}let hits = 0;
function countHit(req, res) {{
  hits++;
  res.json({{ hits }});
}}
module.exports = {{ countHit }};"
    );
    let found = only_state(&source);
    assert_eq!(found.kind, StateKind::Counter);
    assert_eq!(found.name, "hits");
    assert!(found.routes.is_empty(), "{found:#?}");
    assert_eq!(route_label(&found), "unknown route");
}

#[test]
fn the_all_three_example_has_uploads_sessions_a_counter_and_a_cache() {
    let source = include_str!("../../content/examples/all-three.js");
    let summary: Vec<(StateLocation, StateKind, String, String)> = states(source)
        .iter()
        .map(|s| (s.location, s.kind, s.name.clone(), route_label(s)))
        .collect();
    let row = |l, k, n: &str, r: &str| (l, k, n.to_string(), r.to_string());
    assert_eq!(
        summary,
        [
            row(
                StateLocation::ProcessMemory,
                StateKind::Sessions,
                "sessions",
                "USE /"
            ),
            row(
                StateLocation::LocalDisk,
                StateKind::UploadedFiles,
                "uploads/",
                "POST /photos"
            ),
            row(
                StateLocation::ProcessMemory,
                StateKind::Counter,
                "hits",
                "GET /photos/:id"
            ),
            row(
                StateLocation::ProcessMemory,
                StateKind::Cache,
                "cache",
                "GET /photos/:id"
            ),
        ]
    );
}

#[test]
fn state_kept_in_backing_services_has_no_state_findings() {
    let source = include_str!("../../content/examples/clean.js");
    assert_eq!(states(source), []);
}

#[test]
fn a_router_route_includes_the_prefix_the_router_is_mounted_on() {
    let source = format!(
        "{PRELUDE}const router = express.Router();
const cache = new Map();
router.get('/users/:id', (req, res) => {{ cache.set(req.params.id, 1); res.end(); }});
app.use('/api', router);"
    );
    assert_eq!(only_state(&source).routes, [route("GET", "/api/users/:id")]);
}

#[test]
fn a_route_path_held_in_a_constant_is_read() {
    let source = format!(
        "{PRELUDE}const PHOTOS = '/photos';
let hits = 0;
app.get(PHOTOS, (req, res) => {{ hits++; res.end(); }});"
    );
    assert_eq!(only_state(&source).routes, [route("GET", "/photos")]);
}
