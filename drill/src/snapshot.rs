//! A picture of the drill at one moment, for drawing and for tests.

use lint_core::StateKind;
use serde::Serialize;

use crate::{
    events::{Event, EventKind, RequestOutcome},
    model::{BackingService, InstanceStatus},
    scenario::{Request, Scenario},
};

/// Everything the drill view draws: instances with the state boxes each holds, the
/// backing services with theirs, the load balancer's next target and the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Slot order, left to right; a killed instance stays in its slot until replaced.
    pub instances: Vec<InstanceView>,
    /// Every backing service, always in the same order so the layout does not jump; a
    /// service with no boxes is simply unused by this code.
    pub services: Vec<ServiceView>,
    /// The instance the load balancer sends the next request to; `None` when nothing runs.
    pub next_target: Option<String>,
    /// The next request of the script; `None` when the script is finished.
    pub next_request: Option<Request>,
    /// Every piece of state, in play order; boxes and events refer to them by index.
    pub scenarios: Vec<Scenario>,
    pub events: Vec<Event>,
    pub summary: Summary,
}

/// One instance and the state it keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceView {
    pub name: String,
    pub status: InstanceStatus,
    /// State in its process memory, one box per in-memory scenario (empty boxes too).
    pub memory: Vec<StateBox>,
    /// State on its own disk, one box per on-disk scenario.
    pub disk: Vec<StateBox>,
}

/// One backing service and the state it keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceView {
    pub service: BackingService,
    /// "object storage", "Redis", "the database".
    pub label: String,
    /// The packages through which the code talks to this service (`pg`, `mongoose`,
    /// `redis`), in the order the code first uses them; empty when it does not.
    pub used_by: Vec<String>,
    pub boxes: Vec<StateBox>,
}

/// A piece of state as held by one instance or service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateBox {
    /// Index into [`Snapshot::scenarios`].
    pub scenario: usize,
    pub name: String,
    pub kind: StateKind,
    /// What it holds, in words: "file 1", "ada's session", "`hits` = 2".
    pub items: Vec<String>,
}

/// Counts over the log, for tests and for the view's headline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Requests sent, including those no instance could take.
    pub requests: usize,
    /// Writes kept where they belong.
    pub stored: usize,
    /// Reads that got the right answer.
    pub found: usize,
    /// Reads whose data was on another instance, or on a killed one.
    pub missing: usize,
    /// Answers that differ from what one shared copy would give.
    pub differing: usize,
    /// Requests that found no running instance.
    pub unavailable: usize,
    /// Updates overwritten by a concurrent request's write (a lost update).
    pub overwritten: usize,
    /// Instances killed.
    pub killed: usize,
    /// Items (files, sessions, counts, entries) destroyed with killed instances.
    pub destroyed: usize,
}

impl Summary {
    /// Counts the log.
    pub fn of(events: &[Event]) -> Self {
        let mut summary = Self::default();
        for event in events {
            match &event.kind {
                EventKind::Request { outcome, .. } => {
                    summary.requests += 1;
                    match outcome {
                        RequestOutcome::Stored { .. } => summary.stored += 1,
                        RequestOutcome::Found { .. } => summary.found += 1,
                        RequestOutcome::Missing { .. } => summary.missing += 1,
                        RequestOutcome::Differs { .. } => summary.differing += 1,
                        RequestOutcome::Unavailable => summary.unavailable += 1,
                        RequestOutcome::Overwritten { overwrote, .. } => {
                            // A write that replaced another's is one lost update; the
                            // first of a wave replaced nothing, it only read late.
                            summary.stored += 1;
                            summary.overwritten += usize::from(overwrote.is_some());
                        }
                    }
                }
                EventKind::Killed { lost, .. } => {
                    summary.killed += 1;
                    summary.destroyed += lost.iter().map(|piece| piece.items.len()).sum::<usize>();
                }
                EventKind::Started { .. } | EventKind::Added { .. } | EventKind::Burst { .. } => {}
            }
        }
        summary
    }

    /// Data lost: reads that missed, items destroyed with killed instances, and updates
    /// overwritten by concurrent requests.
    pub fn data_lost(&self) -> usize {
        self.missing + self.destroyed + self.overwritten
    }

    /// True when nothing was lost and every answer agreed: the phoenix-server goal.
    /// (Requests refused while nothing ran do not count: that is downtime, not data loss.)
    pub fn nothing_lost(&self) -> bool {
        self.data_lost() == 0 && self.differing == 0
    }
}
