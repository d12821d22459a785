//! The drill on what lint-core really finds: a realistic app with all three
//! anti-patterns loses uploads and sessions and counts differently on each instance;
//! after every finding's first suggested rewrite, the same drill loses nothing.

use lint_core::{Diagnostic, LintOptions, StateKind, lint, survey};
use phoenix_drill::{
    BackingService, Drill, DrillOptions, EventKind, InstanceLocation, Placement, RequestOutcome,
    Snapshot, Summary,
};

/// A photo-sharing API: uploads on the server's disk, sessions in its memory, a view
/// counter in a module variable.
const APP: &str = r#"const express = require('express');
const session = require('express-session');
const multer = require('multer');

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

const upload = multer({ dest: 'uploads/' });
let views = 0;

app.post('/login', (req, res) => {
  req.session.user = req.body.name;
  res.json({ ok: true });
});

app.post('/photos/upload', upload.single('photo'), (req, res) => {
  res.status(201).json({ id: req.file.filename, owner: req.session.user });
});

app.get('/photos/:id', (req, res) => {
  res.sendFile(req.params.id, { root: 'uploads' });
});

app.get('/stats', (req, res) => {
  views += 1;
  res.json({ views });
});

app.listen(process.env.PORT || 3000);
"#;

fn findings(source: &str) -> Vec<Diagnostic> {
    let result = lint(source, &LintOptions::for_file("app.js"));
    assert!(!result.has_fatal(), "{:#?}", result.diagnostics);
    result.diagnostics
}

/// Applies the first suggested rewrite of the first finding that has one, re-lints, and
/// goes on until no finding offers a rewrite (edits shift, so one rewrite at a time).
fn apply_every_first_rewrite(source: &str) -> String {
    let mut source = source.to_string();
    for _ in 0..10 {
        let diagnostics = findings(&source);
        let Some(rewrite) = diagnostics.iter().find_map(|d| d.rewrites.first()) else {
            return source;
        };
        let next = rewrite.apply(&source);
        assert_ne!(next, source, "`{}` changed nothing", rewrite.title);
        source = next;
    }
    panic!("rewrites never settled:\n{source}");
}

/// The drill the playground builds for a source text: its findings and its survey.
fn drill(source: &str) -> Drill {
    let options = LintOptions::for_file("app.js");
    Drill::from_code(
        &findings(source),
        &survey(source, &options),
        DrillOptions::default(),
    )
}

/// The drill a learner runs: play every request, burn instance A, start a fresh one,
/// scale out, then replay from the start with A burned halfway through.
fn burn(source: &str) -> (Drill, Snapshot, Drill) {
    let mut played = drill(source);
    played.play();
    played.kill("A").expect("A is running");
    played.start_fresh().expect("A was killed");
    played.add_instance().expect("room for a third");
    let picture = played.snapshot();
    let mut halfway = drill(source);
    for _ in 0..8 {
        halfway.step();
    }
    halfway.kill("A").expect("A is running");
    halfway.play();
    (played, picture, halfway)
}

fn lost_kinds(drill: &Drill) -> Vec<StateKind> {
    drill
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Killed { lost, .. } => Some(lost.iter().map(|l| l.kind)),
            _ => None,
        })
        .flatten()
        .collect()
}

fn differing_kinds(drill: &Drill) -> Vec<StateKind> {
    drill
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Request {
                scenario,
                outcome: RequestOutcome::Differs { .. },
                ..
            } => Some(drill.scenarios()[*scenario].kind),
            _ => None,
        })
        .collect()
}

#[test]
fn the_stateful_app_loses_uploads_and_sessions_and_its_counts_diverge() {
    let (played, picture, halfway) = burn(APP);

    let places: Vec<(StateKind, Placement, &str)> = picture
        .scenarios
        .iter()
        .map(|s| (s.kind, s.placement, s.route_label.as_str()))
        .collect();
    assert_eq!(
        places,
        [
            (
                StateKind::UploadedFiles,
                Placement::Instance {
                    location: InstanceLocation::LocalDisk
                },
                "POST /photos/upload"
            ),
            (
                StateKind::Sessions,
                Placement::Instance {
                    location: InstanceLocation::ProcessMemory
                },
                "USE /"
            ),
            (
                StateKind::Counter,
                Placement::Instance {
                    location: InstanceLocation::ProcessMemory
                },
                "GET /stats"
            ),
        ]
    );

    let killed = played
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::Killed { .. }))
        .unwrap();
    assert_eq!(
        killed.text,
        "Instance A was killed. Gone with it: file 1 from its disk; ada's session from its memory; `views` = 2 from its memory."
    );
    assert_eq!(
        lost_kinds(&played),
        [
            StateKind::UploadedFiles,
            StateKind::Sessions,
            StateKind::Counter
        ]
    );
    assert!(differing_kinds(&played).contains(&StateKind::Counter));
    let summary = played.summary();
    assert!(summary.missing > 0 && summary.differing > 0 && summary.destroyed == 3);
    assert!(!summary.nothing_lost());

    // Burned halfway: the rest of the script finds ada's session and file 1 gone.
    let texts: Vec<&str> = halfway.events().iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.contains(
            &"POST /photos/upload (a request as ada) → instance B → 401: ada's session was in instance A's memory, and instance A was killed, so ada is logged out."
        ),
        "{texts:#?}"
    );
    assert!(halfway.summary().data_lost() > 0);
    // With only B left from the start of the counting, B counts every request: one copy
    // agrees with itself. Divergence needs two live copies, as in the full play above.
    assert!(differing_kinds(&halfway).is_empty());
}

#[test]
fn after_every_first_rewrite_the_same_drill_loses_nothing() {
    let rewritten = apply_every_first_rewrite(APP);
    let after = findings(&rewritten);
    assert!(
        after.iter().all(|d| d.state.is_none()),
        "state findings left after the rewrites:\n{rewritten}\n{after:#?}"
    );
    let (played, picture, halfway) = burn(&rewritten);

    // Same three boxes, now outside the instances.
    let places: Vec<(StateKind, Placement)> = picture
        .scenarios
        .iter()
        .map(|s| (s.kind, s.placement))
        .collect();
    assert_eq!(
        places,
        [
            (
                StateKind::UploadedFiles,
                Placement::Service {
                    service: BackingService::ObjectStorage
                }
            ),
            (
                StateKind::Sessions,
                Placement::Service {
                    service: BackingService::Redis
                }
            ),
            (
                StateKind::Counter,
                Placement::Service {
                    service: BackingService::Redis
                }
            ),
        ]
    );
    for drill in [&played, &halfway] {
        let summary: Summary = drill.summary();
        assert!(
            summary.nothing_lost(),
            "{summary:?}\n{:#?}",
            drill.events().iter().map(|e| &e.text).collect::<Vec<_>>()
        );
        assert!(lost_kinds(drill).is_empty());
        assert!(summary.killed == 1 && summary.requests == 16);
    }
    assert!(
        picture
            .instances
            .iter()
            .all(|i| i.memory.is_empty() && i.disk.is_empty())
    );
    assert_eq!(picture.services[0].boxes[0].items, ["file 1", "file 2"]);
}

#[test]
fn the_playground_examples_before_and_after() {
    let mut before = drill(include_str!("../../content/examples/all-three.js"));
    before.play();
    before.kill("A").unwrap();
    assert_eq!(
        lost_kinds(&before),
        [
            StateKind::UploadedFiles,
            StateKind::Sessions,
            StateKind::Counter,
            StateKind::Cache
        ]
    );
    assert!(!before.summary().nothing_lost());

    let mut after = drill(include_str!("../../content/examples/clean.js"));
    after.play();
    after.kill("A").unwrap();
    after.start_fresh().unwrap();
    assert!(after.summary().nothing_lost(), "{:#?}", after.summary());
    // The clean app's state is all in its services: sessions and a like counter in
    // Redis, photos in object storage.
    let kept: Vec<(StateKind, &str, &str)> = after
        .scenarios()
        .iter()
        .map(|s| (s.kind, s.name.as_str(), s.route_label.as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            (StateKind::UploadedFiles, "uploads", "POST /photos"),
            (StateKind::Sessions, "sessions", "USE /"),
            (StateKind::Counter, "likes:…", "POST /photos/:id/like"),
        ]
    );
    // Without its survey, clean code has nothing to drill.
    let findings = findings(include_str!("../../content/examples/clean.js"));
    assert!(Drill::from_findings(&findings).scenarios().is_empty());
}

#[test]
fn the_drill_sends_only_requests_to_routes_the_example_registers() {
    // all-three.js has POST /login, POST /photos and GET /photos/:id: no /profile, no
    // /counter, no /upload.
    let drill = drill(include_str!("../../content/examples/all-three.js"));
    let sent: Vec<String> = drill
        .scenarios()
        .iter()
        .flat_map(|s| &s.script)
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(sent.len() > 15, "{sent:#?}");
    for request in &sent {
        let ok = request == "POST /login"
            || request == "POST /photos"
            || request
                .strip_prefix("GET /photos/")
                .is_some_and(|id| id.parse::<u32>().is_ok());
        assert!(ok, "{request} is not a route of the example: {sent:#?}");
    }
}
