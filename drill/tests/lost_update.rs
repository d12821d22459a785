//! The lost update: handlers that read shared state, change it and write it back lose
//! updates when requests overlap, even with the state in Redis; an atomic command
//! (`incr`) does not. Findings are built by hand in the shape lint-core reports them
//! (`no-global-state`, `Failure::LostUpdate`, state in a backing service).

use lint_core::{
    Diagnostic, Failure, HttpRoute, LintOptions, RuleId, Severity, SourceRange, StateInfo,
    StateKind, StateLocation, lint, survey,
};
use phoenix_drill::{
    BackingService, CONCURRENT_REQUESTS, Drill, DrillOptions, Event, EventKind, InstanceAnswer,
    Origin, Placement, RequestOutcome,
};

/// A visit counter kept in Redis with `get` then `set`.
const READ_MODIFY_WRITE: &str = r"const express = require('express');
const { createClient } = require('redis');
const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (err) => console.error('Redis:', err.message));
redis.connect().catch(console.error);
const app = express();
app.post('/visit', async (req, res) => {
  const visits = Number(await redis.get('visits')) + 1;
  await redis.set('visits', String(visits));
  res.json({ visits });
});
app.listen(3000);
";

/// The same app after the rewrite: one atomic command, whose answer is the new count.
const ATOMIC: &str = r"const express = require('express');
const { createClient } = require('redis');
const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (err) => console.error('Redis:', err.message));
redis.connect().catch(console.error);
const app = express();
app.post('/visit', async (req, res) => {
  const visits = await redis.incr('visits');
  res.json({ visits });
});
app.listen(3000);
";

fn range() -> SourceRange {
    SourceRange {
        start: 0,
        end: 0,
        start_utf16: 0,
        end_utf16: 0,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    }
}

/// The finding lint-core reports for `get` then `set` of `visits` in `POST /visit`.
fn lost_update_finding() -> Diagnostic {
    Diagnostic {
        rule: Some(RuleId::NoGlobalState),
        severity: Severity::Warning,
        fatal: false,
        message: "`visits` is read, changed and written back".to_string(),
        range: range(),
        labels: vec![],
        help: None,
        failures: vec![Failure::LostUpdate],
        state: Some(StateInfo {
            location: StateLocation::BackingService,
            kind: StateKind::Counter,
            name: "visits".to_string(),
            routes: vec![HttpRoute {
                method: "POST".to_string(),
                path: Some("/visit".to_string()),
            }],
        }),
        rewrites: vec![],
    }
}

fn drill_of(source: &str, findings: &[Diagnostic]) -> Drill {
    let survey = survey(source, &LintOptions::for_file("app.js"));
    Drill::from_code(findings, &survey, DrillOptions::default())
}

fn before() -> Drill {
    drill_of(READ_MODIFY_WRITE, &[lost_update_finding()])
}

fn after() -> Drill {
    let findings = lint(ATOMIC, &LintOptions::for_file("app.js")).diagnostics;
    assert!(findings.iter().all(|d| d.state.is_none()), "{findings:#?}");
    drill_of(ATOMIC, &findings)
}

fn texts(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.text.as_str()).collect()
}

#[test]
fn state_that_loses_updates_lives_in_the_service_box_not_in_an_instance() {
    let drill = before();
    let [scenario] = drill.scenarios() else {
        panic!("{:#?}", drill.scenarios());
    };
    assert_eq!(
        scenario.placement,
        Placement::Service {
            service: BackingService::Redis
        }
    );
    assert!(scenario.lost_update);
    assert_eq!(scenario.origin, Origin::Finding { index: 0 });
    let picture = drill.snapshot();
    assert!(
        picture
            .instances
            .iter()
            .all(|i| i.memory.is_empty() && i.disk.is_empty())
    );
    assert_eq!(picture.services[1].label, "Redis");
    assert_eq!(picture.services[1].boxes[0].name, "visits");
    assert_eq!(picture.services[1].used_by, ["redis"]);
}

#[test]
fn ten_requests_at_once_leave_four_and_the_log_shows_them_read_the_same_value() {
    let mut drill = before();
    let events = drill.play_concurrent();
    assert_eq!(events.len(), CONCURRENT_REQUESTS + 1);
    let log = texts(&events);
    assert_eq!(
        log[0],
        "[1/10 at once] POST /visit (count a request in `visits`) → instance A → 200: `visits` is now 1 in Redis, the right count."
    );
    assert_eq!(
        log[1],
        "[2/10 at once] POST /visit (count a request in `visits`) → instance B → 200, but: read `visits` = 0 from Redis before request 1's write landed, and wrote 1 over it. Request 1's update is lost; one update after another would give 2."
    );
    assert_eq!(
        log[3],
        "[4/10 at once] POST /visit (count a request in `visits`) → instance B → 200: read `visits` = 1 from Redis and wrote 2, but one update after another would give 4: earlier updates were overwritten."
    );
    assert_eq!(
        log[10],
        "10 requests at once to `visits`: Redis says 4, but one update after another would give 10: 6 updates were overwritten by requests that read the same value at the same time."
    );
    let EventKind::Burst {
        answers,
        expected,
        lost,
        ..
    } = &events[10].kind
    else {
        panic!("{:?}", events[10].kind);
    };
    assert_eq!(
        answers,
        &[InstanceAnswer {
            instance: "Redis".into(),
            answer: "4".into()
        }]
    );
    assert_eq!((expected.as_str(), *lost), ("10", 6));
    // A burst is extra to the script: its requests are not the script's.
    assert_eq!(drill.sent(), 0);
    assert!(!drill.is_finished());
    let summary = drill.summary();
    assert_eq!(summary.overwritten, 6);
    assert!(!summary.nothing_lost());
    assert_eq!(
        drill.snapshot().services[1].boxes[0].items,
        ["`visits` = 4"]
    );
    // Killing an instance takes nothing: the loss happened in Redis itself.
    assert!(drill.kill("A").unwrap().text.ends_with("nothing is lost."));
}

#[test]
fn one_request_after_another_loses_nothing_even_with_get_then_set() {
    let mut drill = before();
    drill.play();
    assert!(
        drill.summary().nothing_lost(),
        "{:#?}",
        texts(drill.events())
    );
    assert!(drill.summary().requests > 0);
}

#[test]
fn after_the_rewrite_to_incr_the_same_ten_requests_give_ten() {
    let mut drill = after();
    let [scenario] = drill.scenarios() else {
        panic!("{:#?}", drill.scenarios());
    };
    assert!(!scenario.lost_update);
    assert_eq!(scenario.origin, Origin::Shared { index: 0 });
    let events = drill.play_concurrent();
    assert!(events[..10].iter().all(|e| matches!(
        e.kind,
        EventKind::Request {
            outcome: RequestOutcome::Stored { .. },
            ..
        }
    )));
    assert_eq!(
        events[10].text,
        "10 requests at once to `visits`: Redis says 10. Every update counted."
    );
    assert!(drill.summary().nothing_lost());
}

#[test]
fn before_and_after_send_the_same_requests() {
    let requests = |drill: &Drill| -> Vec<(String, String)> {
        drill
            .scenarios()
            .iter()
            .flat_map(|s| &s.script)
            .map(|r| (r.method.clone(), r.path.clone()))
            .collect()
    };
    assert_eq!(requests(&before()), requests(&after()));
    let burst = |mut drill: Drill| -> Vec<(String, String)> {
        drill
            .play_concurrent()
            .into_iter()
            .filter_map(|e| match e.kind {
                EventKind::Request { request, .. } => Some((request.method, request.path)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(burst(before()), burst(after()));
}

#[test]
fn a_counter_in_each_instance_splits_the_burst_between_them() {
    let source = "const express = require('express');\nconst app = express();\nlet visits = 0;\napp.post('/visit', (req, res) => { visits++; res.json({ visits }); });\n";
    let findings = lint(source, &LintOptions::for_file("app.js")).diagnostics;
    let mut drill = drill_of(source, &findings);
    let events = drill.play_concurrent();
    assert_eq!(
        events.last().unwrap().text,
        "10 requests at once to `visits`: A says 5, B says 5; one shared copy would say 10."
    );
}

#[test]
fn the_burst_is_the_same_on_every_run() {
    let run = || {
        let mut drill = before();
        drill.step();
        drill.play_concurrent();
        drill.kill("B").unwrap();
        drill.play_concurrent();
        drill.snapshot()
    };
    assert_eq!(run(), run());
}

#[test]
fn state_without_a_counter_or_list_has_no_burst() {
    let source = "const express = require('express');\nconst app = express();\nconst cache = {};\napp.get('/users/:id', (req, res) => { cache[req.params.id] = 1; res.end(); });\n";
    let findings = lint(source, &LintOptions::for_file("app.js")).diagnostics;
    let mut drill = drill_of(source, &findings);
    assert!(!drill.can_play_concurrent());
    assert!(drill.play_concurrent().is_empty());
    assert!(before().can_play_concurrent());
}

#[test]
fn the_lost_update_exercise_loses_updates_and_its_solution_does_not() {
    let exercise = lint_core::exercise::exercise("state-4-lost-update").expect("the exercise");
    let findings = lint(&exercise.starter, &LintOptions::for_file("app.js")).diagnostics;
    assert!(
        findings.iter().any(|d| d.failures == [Failure::LostUpdate]),
        "{findings:#?}"
    );
    let mut starter = drill_of(&exercise.starter, &findings);
    let [scenario] = starter.scenarios() else {
        panic!("{:#?}", starter.scenarios());
    };
    assert!(scenario.lost_update);
    let requests = |drill: &Drill| -> Vec<String> {
        drill
            .scenarios()
            .iter()
            .flat_map(|s| &s.script)
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    };
    assert_eq!(
        requests(&starter),
        [
            "POST /tickets",
            "POST /tickets",
            "POST /tickets",
            "GET /tickets"
        ]
    );
    let name = scenario.name.clone();
    assert!(
        starter.play_concurrent().last().unwrap().text.starts_with(&format!(
            "10 requests at once to `{name}`: Redis says 4, but one update after another would give 10"
        ))
    );

    let findings = lint(&exercise.solution, &LintOptions::for_file("app.js")).diagnostics;
    let mut solution = drill_of(&exercise.solution, &findings);
    assert_eq!(requests(&solution), requests(&starter));
    assert_eq!(
        solution.play_concurrent().last().unwrap().text,
        format!("10 requests at once to `{name}`: Redis says 10. Every update counted.")
    );
}
