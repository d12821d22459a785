//! The Phoenix drill: "burn this server" and watch what the learner's code loses.
//!
//! A pure model, with no web dependencies, of one to three server instances (A, B, C)
//! behind a round-robin load balancer, with backing services (object storage, Redis, a
//! database) outside them. It replays requests built from lint-core's findings and its
//! survey of the code — upload then fetch, log in then visit, count then read, write then
//! read — sent only to routes the code has, and lets the learner kill an instance, start a
//! fresh one, add one, reset, or send ten requests at once. Every step is an [`Event`] in
//! plain English: which request, which instance served it, and whether the data was
//! there, was lost, was overwritten, or differs between instances.
//!
//! State the code keeps itself (a finding) lives inside each instance and dies with it.
//! State in a backing service lives outside and survives any kill; it still loses updates
//! when handlers read it, change it and write it back ([`Drill::play_concurrent`]).
//!
//! ```
//! use lint_core::{LintOptions, lint};
//! use phoenix_drill::{Drill, DrillOptions};
//!
//! let source = "const express = require('express');
//! const app = express();
//! let hits = 0;
//! app.get('/hits', (req, res) => { hits++; res.json({ hits }); });";
//! let findings = lint(source, &LintOptions::default()).diagnostics;
//! let mut drill = Drill::from_findings_with(&findings, DrillOptions::default());
//! drill.play();
//! assert!(drill.summary().differing > 0); // A and B count separately
//! let killed = drill.kill("A").unwrap();
//! assert!(killed.text.starts_with("Instance A was killed. Gone with it: `hits` = 2"));
//! let picture = drill.snapshot(); // Serialize: hand it to the view as it is
//! assert_eq!(picture.instances[0].name, "A");
//! ```
//!
//! Deterministic: no randomness and no clock, so the same findings and the same actions
//! always give the same events.

mod drill;
mod events;
mod model;
mod scenario;
mod snapshot;

pub use drill::{CONCURRENT_REQUESTS, Drill, DrillError, DrillOptions};
pub use events::{Event, EventKind, Holder, InstanceAnswer, LostState, Place, RequestOutcome};
pub use model::{BackingService, InstanceLocation, InstanceStatus, MAX_INSTANCES, Placement};
pub use scenario::{Intent, Origin, Request, Scenario};
pub use snapshot::{InstanceView, ServiceView, Snapshot, StateBox, Summary};
