//! The words of the drill view: the headline over the log, the log entries with their
//! tone, the state map, and the description of the picture for screen readers.

use lint_core::StateKind;
use phoenix_drill::{
    CONCURRENT_REQUESTS, Event, EventKind, InstanceLocation, InstanceStatus, Placement,
    RequestOutcome, Scenario, Snapshot, StateBox,
};

/// How an entry or the headline should look: good news, bad news, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Good,
    /// Data was lost, or a request found no instance.
    Lost,
    /// An answer differs from what one shared copy would give.
    Differs,
}

impl Tone {
    pub const fn class(self) -> &'static str {
        match self {
            Self::Neutral => "neutral",
            Self::Good => "good",
            Self::Lost => "lost",
            Self::Differs => "differs",
        }
    }
}

/// The line over the log: what the drill has shown so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub tone: Tone,
    pub text: String,
}

pub fn headline(snapshot: &Snapshot) -> Headline {
    let summary = snapshot.summary;
    let inside = snapshot
        .scenarios
        .iter()
        .filter(|s| matches!(s.placement, Placement::Instance { .. }))
        .count();
    let racing = snapshot.scenarios.iter().find(|s| s.lost_update);
    if snapshot.events.is_empty() {
        let text = if snapshot.scenarios.is_empty() {
            "The linter found no state in this code, and it keeps none in a backing service: there is nothing to drill.".to_string()
        } else if let Some(racing) = racing {
            format!(
                "`{}` is read, changed and written back by its handler. Press Play concurrent to send {CONCURRENT_REQUESTS} requests at once and count what is left.",
                racing.name
            )
        } else if inside == 0 {
            "Every piece of state lives outside the instances. Play the requests, then kill an instance: nothing should be lost.".to_string()
        } else {
            "Press Play (or Step) to send the requests through the load balancer, then kill an instance and watch what goes with it.".to_string()
        };
        return Headline {
            tone: Tone::Neutral,
            text,
        };
    }
    let burst_sent = snapshot
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Burst { .. }));
    if summary.nothing_lost() {
        if let Some(racing) = racing.filter(|_| !burst_sent) {
            return Headline {
                tone: Tone::Neutral,
                text: format!(
                    "Nothing lost one request at a time. Press Play concurrent: `{}` is read, changed and written back.",
                    racing.name
                ),
            };
        }
        let text = if inside == 0 {
            "Nothing lost: every piece of state lives outside the instances.".to_string()
        } else if summary.killed == 0 {
            format!(
                "Nothing lost yet, but {} inside the instances. Kill one.",
                pieces(inside, "piece of state lives", "pieces of state live")
            )
        } else {
            // Killed before anything was stored: the state is still inside, just empty.
            "Nothing lost this time, because the killed instance held nothing yet. Play, then kill again.".to_string()
        };
        return Headline {
            tone: if inside == 0 {
                Tone::Good
            } else {
                Tone::Neutral
            },
            text,
        };
    }
    let mut parts = Vec::new();
    if summary.data_lost() > 0 {
        let mut why = Vec::new();
        if summary.missing > 0 {
            why.push(pieces(
                summary.missing,
                "read found nothing",
                "reads found nothing",
            ));
        }
        if summary.destroyed > 0 {
            why.push(format!(
                "{} with killed instances",
                pieces(summary.destroyed, "item died", "items died")
            ));
        }
        if summary.overwritten > 0 {
            why.push(format!(
                "{} by requests at the same time",
                pieces(
                    summary.overwritten,
                    "update overwritten",
                    "updates overwritten"
                )
            ));
        }
        parts.push(format!(
            "Data lost: {} ({})",
            summary.data_lost(),
            why.join(", ")
        ));
    }
    if summary.differing > 0 {
        parts.push(format!("Answers that differ: {}", summary.differing));
    }
    Headline {
        tone: if summary.data_lost() > 0 {
            Tone::Lost
        } else {
            Tone::Differs
        },
        text: format!("{}.", parts.join(". ")),
    }
}

/// What the drill was built from, in one sentence over the picture.
pub fn source_line(snapshot: &Snapshot, found: usize, partial: bool) -> String {
    let inside = snapshot
        .scenarios
        .iter()
        .filter(|s| matches!(s.placement, Placement::Instance { .. }))
        .count();
    let racing = snapshot.scenarios.iter().filter(|s| s.lost_update).count();
    let mut line = if snapshot.scenarios.is_empty() {
        "The linter found no state in your code: no request of this drill keeps anything."
            .to_string()
    } else if found == 0 {
        "The linter found no state that your server keeps to itself: what your code keeps lives in the backing services it uses.".to_string()
    } else if inside == 0 {
        format!(
            "Your code keeps its state in backing services, but the linter found {} that handlers read, change and write back: requests at the same time overwrite each other's updates.",
            pieces(racing, "piece of state", "pieces of state")
        )
    } else if inside == snapshot.scenarios.len() {
        format!(
            "The linter found {} that your server keeps to itself: every instance has its own copy.",
            pieces(inside, "piece of state", "pieces of state")
        )
    } else {
        format!(
            "The linter found {} that your server keeps to itself: every instance has its own copy. The rest lives in backing services.",
            pieces(inside, "piece of state", "pieces of state")
        )
    };
    if partial {
        line.push_str(" The code has a syntax error, so only part of it could be read.");
    }
    line
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub seq: usize,
    pub tone: Tone,
    /// A word or status code in front of the sentence: "201", "404", "killed".
    pub tag: String,
    pub text: String,
    /// Set on the first request of a run of requests about one piece of state, so the
    /// log reads in chapters: "`uploads/` — uploaded files, on each instance's disk".
    pub chapter: Option<String>,
}

pub fn log_entries(events: &[Event], scenarios: &[Scenario]) -> Vec<LogEntry> {
    let mut previous: Option<usize> = None;
    events
        .iter()
        .map(|event| {
            let (tone, tag, scenario) = match &event.kind {
                EventKind::Request {
                    scenario, outcome, ..
                } => {
                    let (tone, tag) = outcome_tag(outcome, scenarios.get(*scenario));
                    (tone, tag, Some(*scenario))
                }
                EventKind::Killed { lost, .. } if lost.is_empty() => {
                    (Tone::Good, "killed".to_string(), None)
                }
                EventKind::Killed { .. } => (Tone::Lost, "killed".to_string(), None),
                EventKind::Started { .. } => (Tone::Neutral, "fresh".to_string(), None),
                EventKind::Added { .. } => (Tone::Neutral, "added".to_string(), None),
                EventKind::Burst {
                    answers, expected, ..
                } => {
                    let right = answers.iter().all(|a| &a.answer == expected);
                    let tone = if right { Tone::Good } else { Tone::Lost };
                    (tone, "at once".to_string(), None)
                }
            };
            let chapter = scenario
                .filter(|&s| previous != Some(s))
                .and_then(|s| scenarios.get(s))
                .map(chapter);
            previous = scenario;
            LogEntry {
                seq: event.seq,
                tone,
                tag,
                text: event.text.clone(),
                chapter,
            }
        })
        .collect()
}

fn outcome_tag(outcome: &RequestOutcome, scenario: Option<&Scenario>) -> (Tone, String) {
    let kind = scenario.map(|s| s.kind);
    match outcome {
        RequestOutcome::Stored { .. } if kind == Some(StateKind::UploadedFiles) => {
            (Tone::Good, "201".into())
        }
        RequestOutcome::Stored { .. } | RequestOutcome::Found { .. } => (Tone::Good, "200".into()),
        RequestOutcome::Missing { .. } => {
            let tag = match (kind.and_then(StateKind::missing_status), kind) {
                (Some(code), _) => code.to_string(),
                (None, Some(StateKind::Cache)) => "miss".to_string(),
                (None, _) => "unset".to_string(),
            };
            (Tone::Lost, tag)
        }
        RequestOutcome::Differs { .. } => (Tone::Differs, "differs".into()),
        RequestOutcome::Unavailable => (Tone::Lost, "502".into()),
        RequestOutcome::Overwritten { .. } => (Tone::Lost, "overwritten".into()),
    }
}

fn chapter(scenario: &Scenario) -> String {
    format!(
        "{} — {}, {}",
        scenario.name,
        kind_words(scenario.kind),
        place_words(scenario.placement)
    )
}

/// "uploaded files", "sessions", "a counter".
pub fn kind_words(kind: StateKind) -> &'static str {
    kind.words()
}

/// Where a piece of state lives, as the state map says it.
pub fn place_words(placement: Placement) -> String {
    match placement {
        Placement::Instance {
            location: InstanceLocation::LocalDisk,
        } => "on each instance's own disk".to_string(),
        Placement::Instance {
            location: InstanceLocation::ProcessMemory,
        } => "in each instance's memory".to_string(),
        Placement::Service { service } => format!("in {}, outside the instances", service.label()),
    }
}

/// The picture in words, for the SVG's `<desc>`: each instance and what it holds, each
/// backing service in use and what it holds, and where the last request went.
pub fn describe(snapshot: &Snapshot) -> String {
    let mut sentences = Vec::new();
    sentences.push(format!(
        "A load balancer sends requests to {}.",
        pieces(snapshot.instances.len(), "instance", "instances")
    ));
    for instance in &snapshot.instances {
        let name = &instance.name;
        if instance.status == InstanceStatus::Killed {
            sentences.push(format!(
                "Instance {name} is killed: its memory and disk are gone."
            ));
            continue;
        }
        let memory = holdings(&instance.memory);
        let disk = holdings(&instance.disk);
        sentences.push(match (memory.is_empty(), disk.is_empty()) {
            (true, true) => format!("Instance {name} keeps no state of its own."),
            (false, true) => format!("Instance {name} keeps in its memory: {memory}."),
            (true, false) => format!("Instance {name} keeps on its disk: {disk}."),
            (false, false) => {
                format!("Instance {name} keeps in its memory: {memory}; on its disk: {disk}.")
            }
        });
    }
    for service in &snapshot.services {
        let through = match service.used_by.as_slice() {
            [] => String::new(),
            packages => format!(" (your code uses it through {})", packages.join(", ")),
        };
        if !service.boxes.is_empty() {
            sentences.push(format!(
                "Outside the instances, {}{through} keeps: {}.",
                service.label,
                holdings(&service.boxes)
            ));
        } else if !through.is_empty() {
            sentences.push(format!(
                "Outside the instances, {}{through} keeps nothing this drill sends.",
                service.label
            ));
        }
    }
    if let Some(Event {
        kind:
            EventKind::Request {
                request,
                instance: Some(instance),
                ..
            },
        ..
    }) = snapshot.events.last()
    {
        sentences.push(format!(
            "The last request, {} {}, went to instance {instance}.",
            request.method, request.path
        ));
    }
    sentences.join(" ")
}

/// "`uploads/` (file 1, file 2), `hits` (empty)".
fn holdings(boxes: &[StateBox]) -> String {
    boxes
        .iter()
        .map(|b| {
            let items = if b.items.is_empty() {
                "empty".to_string()
            } else {
                b.items.join(", ")
            };
            format!("{} ({items})", b.name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn pieces(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::session::{Action, Session, apply_all};
    use crate::shared::examples;

    const CLEAN: &str = "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('hi'));\n";

    fn played(source: &str) -> Session {
        let mut session = Session::from_source(source);
        crate::drill::session::play_through(&mut session);
        session.act(&Action::Kill("A".into()));
        session
    }

    #[test]
    fn the_source_line_counts_what_the_linter_found() {
        let session = Session::from_source(examples::DEFAULT.source);
        let line = source_line(&session.drill.snapshot(), session.found(), session.partial);
        assert_eq!(
            line,
            "The linter found 4 pieces of state that your server keeps to itself: every instance has its own copy."
        );
        let clean = Session::from_source(CLEAN);
        assert_eq!(clean.found(), 0);
        assert_eq!(
            source_line(&clean.drill.snapshot(), 0, false),
            "The linter found no state in your code: no request of this drill keeps anything."
        );
        let moved = Session::from_source(&apply_all(examples::DEFAULT.source));
        assert!(
            source_line(&moved.drill.snapshot(), 0, false)
                .ends_with("lives in the backing services it uses."),
        );
        let broken =
            Session::from_source("let hits = 0;\napp.get('/', () => { hits++ });\nconst = ;");
        assert!(broken.partial);
        assert!(
            source_line(&broken.drill.snapshot(), broken.found(), true)
                .ends_with("only part of it could be read.")
        );
    }

    #[test]
    fn the_default_example_loses_data_and_answers_differ() {
        let session = played(examples::DEFAULT.source);
        let headline = headline(&session.drill.snapshot());
        assert_eq!(headline.tone, Tone::Lost);
        assert!(
            headline.text.starts_with("Data lost: "),
            "{}",
            headline.text
        );
        assert!(headline.text.contains("died with killed instances"));
        assert!(headline.text.contains("Answers that differ: "));
    }

    #[test]
    fn code_without_state_says_nothing_is_lost() {
        let fresh = Session::from_source(CLEAN);
        assert_eq!(headline(&fresh.drill.snapshot()).tone, Tone::Neutral);
        assert!(
            headline(&fresh.drill.snapshot())
                .text
                .ends_with("there is nothing to drill.")
        );
        let headline = headline(
            &played(&apply_all(examples::DEFAULT.source))
                .drill
                .snapshot(),
        );
        assert_eq!(headline.tone, Tone::Good);
        assert_eq!(
            headline.text,
            "Nothing lost: every piece of state lives outside the instances."
        );
    }

    #[test]
    fn state_inside_that_was_not_yet_killed_is_not_called_safe() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        session.act(&Action::Step);
        let headline = headline(&session.drill.snapshot());
        assert_eq!(headline.tone, Tone::Neutral);
        assert!(
            headline.text.starts_with("Nothing lost yet"),
            "{}",
            headline.text
        );
    }

    #[test]
    fn the_log_opens_a_chapter_per_piece_of_state_and_tags_outcomes() {
        let session = played(examples::DEFAULT.source);
        let snapshot = session.drill.snapshot();
        let entries = log_entries(&snapshot.events, &snapshot.scenarios);
        assert_eq!(entries.len(), snapshot.events.len());
        let first = &entries[0];
        assert_eq!(first.tag, "201");
        assert_eq!(
            first.chapter.as_deref(),
            Some("uploads/ — uploaded files, on each instance's own disk")
        );
        // One chapter per piece of state, and the kill opens none.
        let chapters = entries.iter().filter(|e| e.chapter.is_some()).count();
        assert_eq!(chapters, snapshot.scenarios.len());
        assert!(entries[1].chapter.is_none());
        assert_eq!(entries[1].tag, "404");
        assert_eq!(entries[1].tone, Tone::Lost);
        assert!(entries.iter().any(|e| e.tag == "401"));
        assert!(entries.iter().any(|e| e.tone == Tone::Differs));
        let kill = entries.last().unwrap();
        assert_eq!((kill.tag.as_str(), kill.tone), ("killed", Tone::Lost));
    }

    /// A visit counter in Redis kept with `get` then `set`, and the finding lint-core
    /// reports for it (built from a real one: same rule, now a lost update in a service).
    fn read_modify_write() -> Snapshot {
        use lint_core::{Failure, LintOptions, StateLocation, lint, survey};
        use phoenix_drill::{Drill, DrillOptions};
        let source = "const express = require('express');\nconst { createClient } = require('redis');\nconst redis = createClient();\nconst app = express();\napp.post('/visit', async (req, res) => {\n  const visits = Number(await redis.get('visits')) + 1;\n  await redis.set('visits', String(visits));\n  res.json({ visits });\n});\n";
        let counter = "const app = require('express')();\nlet visits = 0;\napp.post('/visit', (req, res) => { visits++; res.end(); });\n";
        let mut finding = lint(counter, &LintOptions::default()).diagnostics.remove(0);
        finding.failures = vec![Failure::LostUpdate];
        finding.state.as_mut().unwrap().location = StateLocation::BackingService;
        let survey = survey(source, &LintOptions::default());
        let mut drill = Drill::from_code(&[finding], &survey, DrillOptions::default());
        drill.play_concurrent();
        drill.snapshot()
    }

    #[test]
    fn a_lost_update_is_told_as_overwritten_updates_in_the_service() {
        let snapshot = read_modify_write();
        let headline = headline(&snapshot);
        assert_eq!(headline.tone, Tone::Lost);
        assert_eq!(
            headline.text,
            "Data lost: 6 (6 updates overwritten by requests at the same time)."
        );
        let entries = log_entries(&snapshot.events, &snapshot.scenarios);
        assert_eq!(
            entries[0].chapter.as_deref(),
            Some("visits — a counter, in Redis, outside the instances")
        );
        assert_eq!(entries[1].tag, "overwritten");
        assert_eq!(entries[1].tone, Tone::Lost);
        let last = entries.last().unwrap();
        assert_eq!((last.tag.as_str(), last.tone), ("at once", Tone::Lost));
        assert!(describe(&snapshot).contains(
            "Outside the instances, Redis (your code uses it through redis) keeps: visits (`visits` = 4)."
        ));
        assert_eq!(
            source_line(&snapshot, 1, false),
            "Your code keeps its state in backing services, but the linter found 1 piece of state that handlers read, change and write back: requests at the same time overwrite each other's updates."
        );
    }

    #[test]
    fn the_description_says_where_each_piece_of_state_lives() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        session.act(&Action::Step);
        let text = describe(&session.drill.snapshot());
        assert!(
            text.starts_with("A load balancer sends requests to 2 instances."),
            "{text}"
        );
        assert!(text.contains("Instance A keeps in its memory: "), "{text}");
        assert!(text.contains("on its disk: uploads/ (file 1)"), "{text}");
        assert!(text.contains("went to instance A."), "{text}");
        session.act(&Action::Kill("A".into()));
        assert!(describe(&session.drill.snapshot()).contains("Instance A is killed"));

        let clean = describe(&played(CLEAN).drill.snapshot());
        assert!(
            clean.contains("Instance B keeps no state of its own."),
            "{clean}"
        );
        assert!(!clean.contains("Outside the instances"), "{clean}");

        // After "Apply all", the same photos live in object storage, used through the
        // packages the rewrite brought in.
        let after = describe(
            &played(&apply_all(examples::DEFAULT.source))
                .drill
                .snapshot(),
        );
        assert!(
            after.contains(
                "Outside the instances, object storage (your code uses it through @aws-sdk/client-s3, multer-s3) keeps: uploads (file 1, file 2)."
            ),
            "{after}"
        );
        let pg = describe(
            &Session::from_source(
                "const { Pool } = require('pg');\nconst pool = new Pool();\nconst app = require('express')();\nlet hits = 0;\napp.get('/', (req, res) => { hits++; res.end(); });\n",
            )
            .drill
            .snapshot(),
        );
        assert!(
            pg.contains(
                "Outside the instances, the database (your code uses it through pg) keeps nothing this drill sends."
            ),
            "{pg}"
        );
    }
}
