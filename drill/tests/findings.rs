//! The drill on what lint-core really finds: a realistic app with all three
//! anti-patterns loses uploads and sessions and counts differently on each instance;
//! after every finding's first suggested rewrite, the same drill loses nothing.

use lint_core::{Diagnostic, LintOptions, StateKind, StateLocation, lint};
use phoenix_drill::{
    BackingService, Drill, DrillOptions, EventKind, Outcome, Placement, Snapshot, Summary,
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

fn options() -> DrillOptions {
    DrillOptions {
        instances: 2,
        standard_scenarios: true,
    }
}

/// The drill a learner runs: play every request, burn instance A, start a fresh one,
/// scale out, then replay from the start with A burned halfway through.
fn burn(findings: &[Diagnostic]) -> (Drill, Snapshot, Drill) {
    let mut played = Drill::from_findings_with(findings, options());
    played.play();
    played.kill("A").expect("A is running");
    played.start_fresh().expect("A was killed");
    played.add_instance().expect("room for a third");
    let picture = played.snapshot();
    let mut halfway = Drill::from_findings_with(findings, options());
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
                outcome: Outcome::Differs { .. },
                ..
            } => Some(drill.scenarios()[*scenario].kind),
            _ => None,
        })
        .collect()
}

#[test]
fn the_stateful_app_loses_uploads_and_sessions_and_its_counts_diverge() {
    let findings = findings(APP);
    let (played, picture, halfway) = burn(&findings);

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
                    location: StateLocation::LocalDisk
                },
                "POST /photos/upload"
            ),
            (
                StateKind::Sessions,
                Placement::Instance {
                    location: StateLocation::ProcessMemory
                },
                "USE /"
            ),
            (
                StateKind::Counter,
                Placement::Instance {
                    location: StateLocation::ProcessMemory
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
            &"GET /profile (visit as ada) → instance B → 401: ada's session was in instance A's memory, and instance A was killed, so ada is logged out."
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
    let findings = findings(&rewritten);
    assert!(
        findings.iter().all(|d| d.state.is_none()),
        "state findings left after the rewrites:\n{rewritten}\n{findings:#?}"
    );
    let (played, picture, halfway) = burn(&findings);

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
    let before = findings(include_str!("../../content/examples/all-three.js"));
    let mut drill = Drill::from_findings_with(&before, options());
    drill.play();
    drill.kill("A").unwrap();
    assert_eq!(
        lost_kinds(&drill),
        [
            StateKind::UploadedFiles,
            StateKind::Sessions,
            StateKind::Counter,
            StateKind::Cache
        ]
    );
    assert!(!drill.summary().nothing_lost());

    let after = findings(include_str!("../../content/examples/clean.js"));
    let mut drill = Drill::from_findings_with(&after, options());
    drill.play();
    drill.kill("A").unwrap();
    drill.start_fresh().unwrap();
    assert!(drill.summary().nothing_lost(), "{:#?}", drill.summary());
    // Without the standard scenarios, clean code has nothing to drill.
    assert!(Drill::from_findings(&after).scenarios().is_empty());
}
