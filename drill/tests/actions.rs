//! The drill's model, one kind of state and one action at a time, on hand-made state
//! (no linting): what each request finds, what a kill takes, and that every outcome is
//! the same on every run.

use lint_core::{
    HttpRoute, RegisteredRoute, Service, SharedState, StateInfo, StateKind, StateLocation, Survey,
};
use phoenix_drill::{
    BackingService, Drill, DrillError, DrillOptions, Event, EventKind, Holder, InstanceAnswer,
    InstanceLocation, InstanceStatus, Origin, Place, Placement, RequestOutcome, Summary,
};

const MEMORY: StateLocation = StateLocation::ProcessMemory;
const DISK: StateLocation = StateLocation::LocalDisk;

fn route(line: &str) -> HttpRoute {
    let (method, path) = line.split_once(' ').expect("METHOD /path");
    HttpRoute {
        method: method.to_string(),
        path: Some(path.to_string()),
    }
}

fn state(location: StateLocation, kind: StateKind, name: &str, route_line: &str) -> StateInfo {
    let routes = route_line
        .contains(' ')
        .then(|| route(route_line))
        .into_iter()
        .collect();
    StateInfo {
        location,
        kind,
        name: name.to_string(),
        routes,
    }
}

fn uploads() -> StateInfo {
    state(
        DISK,
        StateKind::UploadedFiles,
        "uploads/",
        "POST /photos/upload",
    )
}

fn sessions() -> StateInfo {
    state(MEMORY, StateKind::Sessions, "sessions", "USE /")
}

fn likes() -> StateInfo {
    state(MEMORY, StateKind::Counter, "likes", "POST /likes")
}

/// The routes of the app these tests stand for: where it uploads, logs in, counts.
fn app_routes() -> Survey {
    let registered = |line: &str, reads_session, writes_session| RegisteredRoute {
        route: route(line),
        reads_session,
        writes_session,
        receives_files: line.contains("upload"),
        serves_files: false,
    };
    Survey {
        routes: vec![
            registered("GET /", false, false),
            registered("POST /photos/upload", false, false),
            registered("GET /photos/:id", false, false),
            registered("POST /login", false, true),
            registered("GET /profile", true, false),
            registered("POST /likes", false, false),
            registered("GET /likes", false, false),
            registered("POST /messages", false, false),
            registered("GET /messages", false, false),
            registered("POST /debug", false, false),
            registered("GET /debug", false, false),
        ],
        ..Survey::default()
    }
}

fn with(states: &[StateInfo], instances: usize) -> Drill {
    Drill::from_states(states, &app_routes(), DrillOptions { instances })
}

/// The same app with its state moved to backing services.
fn shared_app() -> Survey {
    let shared = |service, kind, name: &str, line: &str| SharedState {
        service,
        state: StateInfo {
            location: StateLocation::BackingService,
            kind,
            name: name.to_string(),
            routes: vec![route(line)],
        },
    };
    Survey {
        shared: vec![
            shared(Service::Redis, StateKind::Sessions, "sessions", "USE /"),
            shared(
                Service::ObjectStorage,
                StateKind::UploadedFiles,
                "uploads",
                "POST /photos/upload",
            ),
            shared(Service::Redis, StateKind::Counter, "likes", "POST /likes"),
        ],
        ..app_routes()
    }
}

fn texts(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.text.as_str()).collect()
}

/// (instance, outcome type) of each request event.
fn served(events: &[Event]) -> Vec<(String, &'static str)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Request {
                instance, outcome, ..
            } => Some((
                instance.clone().unwrap_or_else(|| "-".to_string()),
                match outcome {
                    RequestOutcome::Stored { .. } => "stored",
                    RequestOutcome::Found { .. } => "found",
                    RequestOutcome::Missing { .. } => "missing",
                    RequestOutcome::Differs { .. } => "differs",
                    RequestOutcome::Unavailable => "unavailable",
                    RequestOutcome::Overwritten { .. } => "overwritten",
                },
            )),
            _ => None,
        })
        .collect()
}

fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|&(i, o)| (i.to_string(), o)).collect()
}

fn outcome(event: &Event) -> &RequestOutcome {
    match &event.kind {
        EventKind::Request { outcome, .. } => outcome,
        other => panic!("not a request: {other:?}"),
    }
}

// ----- each kind of state -----

#[test]
fn an_uploaded_file_is_found_only_on_the_instance_whose_disk_has_it() {
    let mut drill = with(&[uploads()], 2);
    let events = drill.play();
    assert_eq!(
        texts(&events),
        [
            "POST /photos/upload (upload file 1) → instance A → 201: file 1 saved on instance A's disk.",
            "GET /photos/1 (fetch file 1) → instance B → 404: file 1 is on instance A's disk, not B's.",
            "GET /photos/1 (fetch file 1) → instance A → 200: file 1 found on instance A's disk.",
            "POST /photos/upload (upload file 2) → instance B → 201: file 2 saved on instance B's disk.",
            "GET /photos/2 (fetch file 2) → instance A → 404: file 2 is on instance B's disk, not A's.",
            "GET /photos/2 (fetch file 2) → instance B → 200: file 2 found on instance B's disk.",
        ]
    );
    assert_eq!(
        outcome(&events[1]),
        &RequestOutcome::Missing {
            holder: Some(Holder {
                instance: "A".into(),
                location: InstanceLocation::LocalDisk,
                killed: false,
            })
        }
    );
    let picture = drill.snapshot();
    assert_eq!(picture.instances[0].disk[0].items, ["file 1"]);
    assert_eq!(picture.instances[1].disk[0].items, ["file 2"]);
    assert!(picture.instances[0].memory.is_empty());
}

#[test]
fn a_session_logs_its_user_out_on_the_other_instance() {
    let mut drill = with(&[sessions()], 2);
    let events = drill.play();
    assert_eq!(
        served(&events),
        pairs(&[
            ("A", "stored"),
            ("B", "missing"),
            ("A", "found"),
            ("B", "stored"),
            ("A", "missing"),
            ("B", "found"),
        ])
    );
    assert_eq!(
        events[1].text,
        "GET /profile (visit as ada) → instance B → 401: ada's session is in instance A's memory, not B's, so ada is logged out."
    );
    assert_eq!(
        drill.snapshot().instances[1].memory[0].items,
        ["grace's session"]
    );
}

#[test]
fn a_counter_gives_a_different_answer_on_each_instance() {
    let mut drill = with(&[likes()], 2);
    let events = drill.play();
    assert_eq!(
        served(&events),
        pairs(&[
            ("A", "stored"),
            ("B", "differs"),
            ("A", "differs"),
            ("B", "differs"),
        ])
    );
    // Three likes counted in all: two on A, one on B; the read lands on B.
    assert_eq!(
        outcome(&events[3]),
        &RequestOutcome::Differs {
            answer: "1".into(),
            expected: "3".into(),
            answers: vec![
                InstanceAnswer {
                    instance: "A".into(),
                    answer: "2".into(),
                },
                InstanceAnswer {
                    instance: "B".into(),
                    answer: "1".into(),
                },
            ],
        }
    );
    assert_eq!(
        events[3].text,
        "GET /likes (read `likes`) → instance B → answers `likes` = 1, but one shared counter would say 3 (A says 2, B says 1)."
    );
}

#[test]
fn a_cache_entry_misses_on_the_other_instance() {
    let cache = state(MEMORY, StateKind::Cache, "cache", "GET /users/:id");
    let mut drill = with(&[cache], 2);
    let events = drill.play();
    assert_eq!(
        events[1].text,
        "GET /users/1 (read entry 1 of `cache`) → instance B → cache miss: entry 1 of `cache` is in instance A's memory, not B's."
    );
    assert_eq!(served(&events)[2], ("A".to_string(), "found"));
}

#[test]
fn a_collection_lists_only_what_its_own_instance_was_given() {
    let messages = state(MEMORY, StateKind::Collection, "messages", "POST /messages");
    let mut drill = with(&[messages], 2);
    let events = drill.play();
    assert_eq!(
        texts(&events),
        [
            "POST /messages (add item 1 to `messages`) → instance A → 201: item 1 of `messages` added in instance A's memory.",
            "POST /messages (add item 2 to `messages`) → instance B → 201: item 2 of `messages` added in instance B's memory.",
            "GET /messages (list `messages`) → instance A → lists 1 item in `messages`, but 2 items were added (A says 1 item, B says 1 item).",
        ]
    );
}

#[test]
fn request_context_and_configuration_are_set_on_one_instance_only() {
    let context = state(MEMORY, StateKind::RequestContext, "currentUser", "USE /");
    let config = state(
        MEMORY,
        StateKind::Configuration,
        "process.env.DEBUG",
        "POST /debug",
    );
    let mut drill = with(&[config, context], 2);
    // Played in teaching order whatever the input order: request context first.
    assert_eq!(drill.scenarios()[0].kind, StateKind::RequestContext);
    assert_eq!(drill.scenarios()[0].origin, Origin::Finding { index: 1 });
    let events = drill.play();
    let pattern = [
        ("A", "stored"),
        ("B", "missing"),
        ("A", "found"),
        ("B", "stored"),
        ("A", "differs"),
        ("B", "found"),
    ];
    assert_eq!(served(&events[..6]), pairs(&pattern));
    assert_eq!(served(&events[6..]), pairs(&pattern));
    assert_eq!(
        events[1].text,
        "GET / (read `currentUser`) → instance B → not set: `currentUser` = ada is in instance A's memory, not B's."
    );
    assert_eq!(
        events[4].text,
        "GET / (read `currentUser`) → instance A → `currentUser` is ada here, but grace was set last (A says ada, B says grace)."
    );
    assert_eq!(
        events[7].text,
        "GET /debug (read `process.env.DEBUG`) → instance B → not set: `process.env.DEBUG` = value 1 is in instance A's memory, not B's."
    );
}

#[test]
fn a_value_set_on_a_killed_instance_is_gone() {
    let mut drill = with(
        &[state(MEMORY, StateKind::RequestContext, "user", "USE /")],
        2,
    );
    drill.step(); // ada → A
    drill.step(); // read → B: missing
    drill.kill("A").unwrap();
    drill.start_fresh().unwrap();
    let read = drill.step().unwrap(); // read → C, fresh
    assert_eq!(
        read.text,
        "GET / (read `user`) → instance C → not set: `user` = ada was in instance A's memory, and instance A was killed."
    );
}

#[test]
fn an_unknown_route_is_said_so_and_no_request_is_made_up() {
    let hits = StateInfo {
        location: MEMORY,
        kind: StateKind::Counter,
        name: "hits".into(),
        routes: vec![],
    };
    let mut drill = with(&[hits], 2);
    assert_eq!(drill.scenarios()[0].route_label, "unknown route");
    assert_eq!(drill.scenarios()[0].route, None);
    assert!(drill.scenarios()[0].note.is_some());
    assert_eq!(drill.step(), None);
    assert!(drill.is_finished());
}

#[test]
fn every_request_goes_to_a_route_the_code_has() {
    let survey = app_routes();
    let states = [
        uploads(),
        sessions(),
        likes(),
        state(MEMORY, StateKind::Collection, "messages", "POST /messages"),
        state(MEMORY, StateKind::RequestContext, "user", "USE /"),
    ];
    let drill = Drill::from_states(&states, &survey, DrillOptions::default());
    let templates: Vec<String> = survey.routes.iter().map(|r| r.route.to_string()).collect();
    let matches = |method: &str, path: &str| {
        templates.iter().any(|t| {
            let (m, p) = t.split_once(' ').unwrap();
            m == method
                && p.split('/').count() == path.split('/').count()
                && p.split('/')
                    .zip(path.split('/'))
                    .all(|(a, b)| a == b || a.starts_with(':'))
        })
    };
    let mut sent = 0;
    for scenario in drill.scenarios() {
        for request in &scenario.script {
            sent += 1;
            assert!(
                matches(&request.method, &request.path),
                "{} {} is not a route of the code",
                request.method,
                request.path
            );
        }
    }
    assert!(sent > 20);
}

// ----- each action -----

#[test]
fn step_sends_one_request_at_a_time_and_play_runs_to_the_end() {
    let mut drill = with(&[uploads(), likes()], 2);
    assert_eq!(drill.next_target(), Some("A"));
    assert_eq!(drill.next_request().unwrap().path, "/photos/upload");
    let first = drill.step().unwrap();
    assert_eq!(first.seq, 1);
    assert_eq!(drill.next_target(), Some("B"));
    let rest = drill.play();
    assert_eq!(rest.len(), 6 + 4 - 1);
    assert!(drill.is_finished());
    assert_eq!(drill.next_request(), None);
    assert_eq!(drill.step(), None);
    assert!(drill.play().is_empty());
    assert_eq!(drill.events().len(), 10);
    assert_eq!(drill.events().last().unwrap().seq, 10);
}

#[test]
fn kill_takes_the_instance_memory_and_disk_with_it() {
    let mut drill = with(&[uploads(), sessions(), likes()], 2);
    drill.play();
    let killed = drill.kill("A").unwrap();
    assert_eq!(
        killed.text,
        "Instance A was killed. Gone with it: file 1 from its disk; ada's session from its memory; `likes` = 2 from its memory."
    );
    let EventKind::Killed { instance, lost } = &killed.kind else {
        panic!("{killed:?}")
    };
    assert_eq!(instance, "A");
    let kinds: Vec<StateKind> = lost.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            StateKind::UploadedFiles,
            StateKind::Sessions,
            StateKind::Counter
        ]
    );
    let picture = drill.snapshot();
    assert_eq!(picture.instances[0].status, InstanceStatus::Killed);
    assert!(
        picture.instances[0]
            .memory
            .iter()
            .chain(&picture.instances[0].disk)
            .all(|b| b.items.is_empty())
    );
    // B is untouched, and now takes every request.
    assert_eq!(picture.instances[1].disk[0].items, ["file 2"]);
    assert_eq!(picture.next_target.as_deref(), Some("B"));
    assert_eq!(
        drill.summary(),
        Summary {
            requests: 16,
            stored: 5,
            found: 4,
            missing: 4,
            differing: 3,
            unavailable: 0,
            overwritten: 0,
            killed: 1,
            destroyed: 3,
        }
    );
}

#[test]
fn kill_refuses_unknown_and_dead_instances_and_changes_nothing() {
    let mut drill = with(&[uploads()], 2);
    assert_eq!(
        drill.kill("Z"),
        Err(DrillError::UnknownInstance("Z".into()))
    );
    drill.kill("B").unwrap();
    let before = drill.clone();
    assert_eq!(drill.kill("B"), Err(DrillError::AlreadyKilled("B".into())));
    assert_eq!(drill, before);
    assert_eq!(
        drill.kill("B").unwrap_err().to_string(),
        "instance B is already killed"
    );
}

#[test]
fn a_killed_instance_that_held_nothing_loses_nothing() {
    let mut drill = with(&[uploads()], 2);
    drill.step(); // file 1 → A
    let killed = drill.kill("B").unwrap();
    assert_eq!(
        killed.text,
        "Instance B was killed. It kept no data of its own: nothing is lost."
    );
    assert_eq!(drill.summary().destroyed, 0);
}

#[test]
fn with_every_instance_killed_requests_have_nowhere_to_go() {
    let mut drill = with(&[uploads()], 1);
    drill.kill("A").unwrap();
    assert_eq!(drill.next_target(), None);
    let refused = drill.step().unwrap();
    assert_eq!(outcome(&refused), &RequestOutcome::Unavailable);
    assert_eq!(
        refused.text,
        "POST /photos/upload (upload file 1) → no running instance → 502: the load balancer has nowhere to send it."
    );
    drill.start_fresh().unwrap();
    // The upload never happened, so the fetch cannot blame an instance.
    let fetch = drill.step().unwrap();
    assert_eq!(outcome(&fetch), &RequestOutcome::Missing { holder: None });
    assert_eq!(drill.summary().unavailable, 1);
}

#[test]
fn start_fresh_replaces_a_killed_instance_with_an_empty_one() {
    let mut drill = with(&[uploads()], 2);
    assert_eq!(drill.start_fresh(), Err(DrillError::NothingToReplace));
    drill.step(); // file 1 → A's disk
    drill.kill("A").unwrap();
    let started = drill.start_fresh().unwrap();
    assert_eq!(
        started.text,
        "Instance C started in place of A: the same code, with empty memory and an empty disk."
    );
    assert_eq!(
        started.kind,
        EventKind::Started {
            instance: "C".into(),
            replaces: "A".into(),
        }
    );
    // Same slot, new name, empty disk.
    assert_eq!(drill.instance_names(), ["C", "B"]);
    let picture = drill.snapshot();
    assert_eq!(picture.instances[0].status, InstanceStatus::Running);
    assert!(picture.instances[0].disk[0].items.is_empty());
    // Round robin goes on from A's slot: B then C.
    let fetches: Vec<Event> = (0..2).map(|_| drill.step().unwrap()).collect();
    assert_eq!(
        texts(&fetches),
        [
            "GET /photos/1 (fetch file 1) → instance B → 404: file 1 was on instance A's disk, and instance A was killed.",
            "GET /photos/1 (fetch file 1) → instance C → 404: file 1 was on instance A's disk, and instance A was killed.",
        ]
    );
}

#[test]
fn add_instance_scales_out_to_three_and_the_new_one_starts_empty() {
    let mut drill = with(&[sessions()], 1);
    let events = drill.play();
    // One instance: everything works.
    assert!(
        served(&events)
            .iter()
            .all(|(i, o)| i == "A" && *o != "missing")
    );
    assert!(drill.summary().nothing_lost());
    let added = drill.add_instance().unwrap();
    assert_eq!(
        added.kind,
        EventKind::Added {
            instance: "B".into()
        }
    );
    drill.add_instance().unwrap();
    assert_eq!(drill.add_instance(), Err(DrillError::Full));
    assert_eq!(drill.instance_names(), ["A", "B", "C"]);
    // A killed instance still takes a slot until it is replaced.
    drill.kill("B").unwrap();
    assert_eq!(drill.add_instance(), Err(DrillError::Full));
    assert_eq!(
        drill.start_fresh().unwrap().text.split(':').next(),
        Some("Instance D started in place of B")
    );
}

#[test]
fn scaling_out_in_the_middle_sends_reads_where_the_data_is_not() {
    let mut drill = with(&[sessions()], 1);
    drill.step(); // ada logs in on A
    drill.add_instance().unwrap();
    let visits: Vec<Event> = (0..2).map(|_| drill.step().unwrap()).collect();
    assert_eq!(served(&visits), pairs(&[("B", "missing"), ("A", "found")]));
}

#[test]
fn three_instances_take_turns() {
    let mut drill = with(&[uploads()], 3);
    let events = drill.play();
    let order: Vec<String> = served(&events).into_iter().map(|(i, _)| i).collect();
    assert_eq!(order, ["A", "B", "C", "A", "B", "C"]);
    assert_eq!(
        served(&events),
        pairs(&[
            ("A", "stored"),
            ("B", "missing"),
            ("C", "missing"),
            ("A", "stored"),
            ("B", "missing"),
            ("C", "missing"),
        ])
    );
}

#[test]
fn instance_counts_are_clamped_to_one_to_three() {
    assert_eq!(with(&[uploads()], 0).instance_names(), ["A"]);
    assert_eq!(with(&[uploads()], 9).instance_names(), ["A", "B", "C"]);
}

#[test]
fn reset_returns_to_the_start() {
    let fresh = with(&[uploads(), sessions(), likes()], 2);
    let mut drill = fresh.clone();
    drill.play();
    drill.kill("A").unwrap();
    drill.start_fresh().unwrap();
    drill.add_instance().unwrap();
    drill.reset();
    assert_eq!(drill, fresh);
    assert_eq!(drill.snapshot(), fresh.snapshot());
    assert!(drill.events().is_empty());
    assert_eq!(drill.summary(), Summary::default());
}

#[test]
fn the_same_actions_give_the_same_events() {
    let run = || {
        let mut drill = with(&[likes(), uploads(), sessions()], 2);
        for _ in 0..5 {
            drill.step();
        }
        drill.kill("B").unwrap();
        drill.start_fresh().unwrap();
        drill.play();
        drill.add_instance().unwrap();
        drill.snapshot()
    };
    assert_eq!(run(), run());
}

// ----- backing services -----

#[test]
fn state_in_backing_services_survives_every_kill() {
    let mut drill = Drill::from_states(&[], &shared_app(), DrillOptions { instances: 3 });
    let placements: Vec<(Placement, Origin)> = drill
        .scenarios()
        .iter()
        .map(|s| (s.placement, s.origin))
        .collect();
    assert_eq!(
        placements,
        [
            (
                Placement::Service {
                    service: BackingService::ObjectStorage
                },
                Origin::Shared { index: 1 }
            ),
            (
                Placement::Service {
                    service: BackingService::Redis
                },
                Origin::Shared { index: 0 }
            ),
            (
                Placement::Service {
                    service: BackingService::Redis
                },
                Origin::Shared { index: 2 }
            ),
        ]
    );
    for _ in 0..7 {
        drill.step();
    }
    assert_eq!(
        drill.kill("A").unwrap().text,
        "Instance A was killed. It kept no data of its own: nothing is lost."
    );
    drill.kill("B").unwrap();
    drill.start_fresh().unwrap();
    drill.play();
    let summary = drill.summary();
    assert!(
        summary.nothing_lost(),
        "{summary:?}\n{:#?}",
        texts(drill.events())
    );
    assert_eq!(summary.missing + summary.differing + summary.destroyed, 0);
    let picture = drill.snapshot();
    assert_eq!(picture.services[0].boxes[0].items, ["file 1", "file 2"]);
    assert_eq!(
        picture.services[1].boxes[1].items,
        ["`likes` = 3"],
        "{:#?}",
        picture.services
    );
    assert!(picture.services[2].boxes.is_empty());
    // Instances hold no boxes at all: nothing of value lives in them.
    assert!(
        picture
            .instances
            .iter()
            .all(|i| i.memory.is_empty() && i.disk.is_empty())
    );
    let read = drill
        .events()
        .iter()
        .find(|e| e.text.starts_with("GET /photos/1"))
        .unwrap();
    assert_eq!(
        outcome(read),
        &RequestOutcome::Found {
            place: Place::Service {
                service: BackingService::ObjectStorage
            },
            answer: None,
        }
    );
}

#[test]
fn shared_state_fills_in_only_what_no_finding_covers() {
    let drill = Drill::from_states(&[uploads()], &shared_app(), DrillOptions::default());
    let picture = drill.snapshot();
    let where_: Vec<(StateKind, Placement, Origin)> = picture
        .scenarios
        .iter()
        .map(|s| (s.kind, s.placement, s.origin))
        .collect();
    assert_eq!(
        where_,
        [
            (
                StateKind::UploadedFiles,
                Placement::Instance {
                    location: InstanceLocation::LocalDisk
                },
                Origin::Finding { index: 0 }
            ),
            (
                StateKind::Sessions,
                Placement::Service {
                    service: BackingService::Redis
                },
                Origin::Shared { index: 0 }
            ),
            (
                StateKind::Counter,
                Placement::Service {
                    service: BackingService::Redis
                },
                Origin::Shared { index: 2 }
            ),
        ]
    );
    assert_eq!(picture.instances[0].disk.len(), 1);
    assert_eq!(picture.services[1].boxes.len(), 2);
}

#[test]
fn a_service_the_code_uses_is_shown_as_used_even_with_nothing_in_it() {
    let survey = Survey {
        services: vec![
            lint_core::ServiceUse {
                service: Service::PostgreSql,
                package: "pg".into(),
            },
            lint_core::ServiceUse {
                service: Service::MongoDb,
                package: "mongoose".into(),
            },
        ],
        ..app_routes()
    };
    let picture = Drill::from_states(&[likes()], &survey, DrillOptions::default()).snapshot();
    let used: Vec<(BackingService, Vec<String>)> = picture
        .services
        .iter()
        .map(|s| (s.service, s.used_by.clone()))
        .collect();
    assert_eq!(
        used,
        [
            (BackingService::ObjectStorage, vec![]),
            (BackingService::Redis, vec![]),
            (
                BackingService::Database,
                vec!["pg".to_string(), "mongoose".to_string()]
            ),
        ]
    );
}

// ----- the picture for the view -----

#[test]
fn the_snapshot_serializes_for_the_view() {
    let mut drill = with(&[uploads(), likes()], 2);
    drill.step();
    drill.kill("A").unwrap();
    let json = serde_json::to_value(drill.snapshot()).unwrap();
    assert_eq!(json["instances"][0]["name"], "A");
    assert_eq!(json["instances"][0]["status"], "killed");
    assert_eq!(json["instances"][1]["memory"][0]["items"][0], "`likes` = 0");
    assert_eq!(json["services"][0]["label"], "object storage");
    assert_eq!(json["nextTarget"], "B");
    assert_eq!(json["nextRequest"]["path"], "/photos/1");
    assert_eq!(json["scenarios"][0]["routeLabel"], "POST /photos/upload");
    assert_eq!(json["scenarios"][0]["placement"]["type"], "instance");
    assert_eq!(json["scenarios"][0]["placement"]["location"], "local-disk");
    assert_eq!(json["events"][0]["kind"]["type"], "request");
    assert_eq!(json["events"][0]["kind"]["outcome"]["type"], "stored");
    assert_eq!(json["events"][1]["kind"]["type"], "killed");
    assert_eq!(json["events"][1]["kind"]["lost"][0]["items"][0], "file 1");
    assert_eq!(json["summary"]["destroyed"], 1);
}
