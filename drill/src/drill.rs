//! The drill itself: the script, the instances, the backing services and the actions a
//! learner takes (step, play, kill, start fresh, add an instance, reset).

use std::collections::BTreeMap;

use lint_core::{Diagnostic, Severity, StateInfo, StateKind};

use crate::{
    events::{
        Event, EventKind, Holder, InstanceAnswer, LostState, Outcome, Place, added_text,
        killed_text, request_text, started_text,
    },
    model::{
        BackingService, Behaviour, Instance, InstanceStatus, LoadBalancer, MAX_INSTANCES,
        Placement, Store, instance_name,
    },
    scenario::{Intent, Origin, Request, Scenario, teaching_rank},
    snapshot::{InstanceView, ServiceView, Snapshot, StateBox, Summary},
};

/// The three pieces of state the product teaches, shown even when the code keeps them
/// in backing services (see [`DrillOptions::standard_scenarios`]).
pub const STANDARD_KINDS: [StateKind; 3] = [
    StateKind::UploadedFiles,
    StateKind::Sessions,
    StateKind::Counter,
];

/// How a drill starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrillOptions {
    /// Instances behind the load balancer at the start (and after a reset), 1 to
    /// [`MAX_INSTANCES`]; other values are clamped.
    pub instances: usize,
    /// Always include uploads, sessions and a counter. Each one no finding covers is
    /// placed in a backing service (object storage for uploads, Redis for sessions and
    /// counters), so code whose state was moved out by a rewrite still shows its boxes,
    /// now outside the instances: "before: on instance A's disk", "after: in object storage".
    pub standard_scenarios: bool,
}

impl Default for DrillOptions {
    /// Two instances (the smallest picture where a request can land elsewhere), findings only.
    fn default() -> Self {
        Self {
            instances: 2,
            standard_scenarios: false,
        }
    }
}

/// Why an action could not be taken. The drill is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrillError {
    /// No instance in the picture has this name.
    UnknownInstance(String),
    /// The instance is already killed.
    AlreadyKilled(String),
    /// [`Drill::start_fresh`] replaces a killed instance, and none is killed.
    NothingToReplace,
    /// The picture already holds [`MAX_INSTANCES`] instances (killed ones included:
    /// replace those with [`Drill::start_fresh`]).
    Full,
}

impl std::fmt::Display for DrillError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownInstance(name) => write!(f, "there is no instance {name}"),
            Self::AlreadyKilled(name) => write!(f, "instance {name} is already killed"),
            Self::NothingToReplace => f.write_str("no instance is killed, so none needs replacing"),
            Self::Full => write!(f, "the drill holds at most {MAX_INSTANCES} instances"),
        }
    }
}

impl std::error::Error for DrillError {}

/// A Phoenix drill: instances behind a round-robin load balancer, replaying requests
/// built from the learner's findings, so the learner can kill, replace and add
/// instances and see what their code loses.
///
/// Deterministic: the same findings and the same actions always give the same events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drill {
    options: DrillOptions,
    /// In play order.
    scenarios: Vec<Scenario>,
    /// (scenario, request) pairs in the order they are sent.
    script: Vec<(usize, usize)>,
    run: Run,
}

/// Everything [`Drill::reset`] throws away.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    instances: Vec<Instance>,
    /// Names handed out so far, so a replacement never reuses one.
    names_used: usize,
    balancer: LoadBalancer,
    /// Scenario index → its store, for scenarios placed in backing services.
    services: BTreeMap<usize, Store>,
    /// Per scenario: what one shared copy would hold, to judge each answer against.
    ledgers: Vec<Ledger>,
    cursor: usize,
    log: Vec<Event>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Ledger {
    /// Item → the instance that stored it.
    holders: BTreeMap<u32, String>,
    /// Successful writes (a counter's true value, a list's true length).
    writes: u64,
    /// The value set last, and by which instance.
    last: Option<(u32, String)>,
}

impl Run {
    fn new(options: DrillOptions, scenarios: usize) -> Self {
        let count = options.instances.clamp(1, MAX_INSTANCES);
        Self {
            instances: (0..count).map(fresh_instance).collect(),
            names_used: count,
            balancer: LoadBalancer::default(),
            services: BTreeMap::new(),
            ledgers: vec![Ledger::default(); scenarios],
            cursor: 0,
            log: Vec::new(),
        }
    }

    fn new_instance(&mut self) -> Instance {
        self.names_used += 1;
        fresh_instance(self.names_used - 1)
    }

    fn is_running(&self, name: &str) -> bool {
        self.instances
            .iter()
            .any(|i| i.name == name && i.is_running())
    }

    fn store_mut(&mut self, scenario: &Scenario, index: usize, slot: usize) -> &mut Store {
        let empty = || Store::empty(scenario.behaviour());
        match scenario.placement {
            Placement::Instance { .. } => self.instances[slot]
                .stores
                .entry(index)
                .or_insert_with(empty),
            Placement::Service { .. } => self.services.entry(index).or_insert_with(empty),
        }
    }

    /// What each running instance would answer from its own copy.
    fn answers(
        &self,
        scenario: &Scenario,
        index: usize,
        render: impl Fn(&Store) -> String,
    ) -> Vec<InstanceAnswer> {
        self.instances
            .iter()
            .filter(|i| i.is_running())
            .map(|i| {
                let store = i
                    .stores
                    .get(&index)
                    .cloned()
                    .unwrap_or_else(|| Store::empty(scenario.behaviour()));
                InstanceAnswer {
                    instance: i.name.clone(),
                    answer: render(&store),
                }
            })
            .collect()
    }

    fn record(&mut self, kind: EventKind, text: String) -> Event {
        let event = Event {
            seq: self.log.len() + 1,
            kind,
            text,
        };
        self.log.push(event.clone());
        event
    }
}

fn fresh_instance(n: usize) -> Instance {
    Instance {
        name: instance_name(n),
        status: InstanceStatus::Running,
        stores: BTreeMap::new(),
    }
}

impl Drill {
    /// A drill over the state of `findings` (lint-core diagnostics) with the default
    /// options: two instances, findings only.
    ///
    /// Each finding with a [`StateInfo`] becomes one scenario, kept inside the instances
    /// where the code keeps it. Syntax errors and informational findings (state that does
    /// not outlive its request) are left out.
    pub fn from_findings(findings: &[Diagnostic]) -> Self {
        Self::from_findings_with(findings, DrillOptions::default())
    }

    /// [`Drill::from_findings`] with options; [`Origin::Finding`] indexes into `findings`.
    pub fn from_findings_with(findings: &[Diagnostic], options: DrillOptions) -> Self {
        let scenarios = findings
            .iter()
            .enumerate()
            .filter(|(_, d)| d.rule.is_some() && d.severity != Severity::Info)
            .filter_map(|(index, d)| {
                let state = d.state.as_ref()?;
                Some(Scenario::from_state(state, Origin::Finding { index }))
            })
            .collect();
        Self::new(scenarios, options)
    }

    /// A drill over pieces of state directly; [`Origin::Finding`] indexes into `states`.
    pub fn from_states(states: &[StateInfo], options: DrillOptions) -> Self {
        let scenarios = states
            .iter()
            .enumerate()
            .map(|(index, state)| Scenario::from_state(state, Origin::Finding { index }))
            .collect();
        Self::new(scenarios, options)
    }

    fn new(mut scenarios: Vec<Scenario>, options: DrillOptions) -> Self {
        if options.standard_scenarios {
            for kind in STANDARD_KINDS {
                if !scenarios.iter().any(|s| s.kind == kind) {
                    scenarios.push(Scenario::standard(kind));
                }
            }
        }
        // Stable: findings of one kind keep their source order.
        scenarios.sort_by_key(|s| teaching_rank(s.kind));
        let script = scenarios
            .iter()
            .enumerate()
            .flat_map(|(i, s)| (0..s.script.len()).map(move |r| (i, r)))
            .collect();
        let run = Run::new(options, scenarios.len());
        Self {
            options,
            scenarios,
            script,
            run,
        }
    }

    /// The options it was built with.
    pub fn options(&self) -> DrillOptions {
        self.options
    }

    /// Every piece of state, in play order.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    /// The log so far.
    pub fn events(&self) -> &[Event] {
        &self.run.log
    }

    /// The request [`Drill::step`] sends next; `None` when the script is finished.
    pub fn next_request(&self) -> Option<&Request> {
        let &(scenario, request) = self.script.get(self.run.cursor)?;
        Some(&self.scenarios[scenario].script[request])
    }

    /// True when every request of the script has been sent.
    pub fn is_finished(&self) -> bool {
        self.run.cursor >= self.script.len()
    }

    /// The instance the load balancer sends the next request to.
    pub fn next_target(&self) -> Option<&str> {
        let slot = self.run.balancer.next(&self.run.instances)?;
        Some(&self.run.instances[slot].name)
    }

    /// Names of the instances in the picture, running or killed, in slot order.
    pub fn instance_names(&self) -> Vec<String> {
        self.run.instances.iter().map(|i| i.name.clone()).collect()
    }

    /// Sends the next request of the script through the load balancer and records what
    /// happened. `None` when the script is finished.
    pub fn step(&mut self) -> Option<Event> {
        let &(index, r) = self.script.get(self.run.cursor)?;
        self.run.cursor += 1;
        let scenario = &self.scenarios[index];
        let request = scenario.script[r].clone();
        let (instance, outcome) = self.serve(index, &request);
        let scenario = &self.scenarios[index];
        let text = request_text(scenario, &request, instance.as_deref(), &outcome);
        let kind = EventKind::Request {
            scenario: index,
            request,
            instance,
            outcome,
        };
        Some(self.run.record(kind, text))
    }

    /// Sends every remaining request; returns their events.
    pub fn play(&mut self) -> Vec<Event> {
        std::iter::from_fn(|| self.step()).collect()
    }

    /// Kills an instance by name: it stops serving, and everything in its memory and on
    /// its disk is gone. The event lists what was lost. Backing services lose nothing.
    pub fn kill(&mut self, name: &str) -> Result<Event, DrillError> {
        let slot = self
            .run
            .instances
            .iter()
            .position(|i| i.name == name)
            .ok_or_else(|| DrillError::UnknownInstance(name.to_string()))?;
        let instance = &mut self.run.instances[slot];
        if !instance.is_running() {
            return Err(DrillError::AlreadyKilled(name.to_string()));
        }
        instance.status = InstanceStatus::Killed;
        let stores = std::mem::take(&mut instance.stores);
        let lost: Vec<LostState> = stores
            .iter()
            .filter(|(_, store)| !store.is_empty())
            .filter_map(|(&index, store)| {
                let scenario = &self.scenarios[index];
                let Placement::Instance { location } = scenario.placement else {
                    return None;
                };
                Some(LostState {
                    scenario: index,
                    name: scenario.name.clone(),
                    kind: scenario.kind,
                    location,
                    items: labels(scenario, store),
                })
            })
            .collect();
        let text = killed_text(name, &lost);
        let kind = EventKind::Killed {
            instance: name.to_string(),
            lost,
        };
        Ok(self.run.record(kind, text))
    }

    /// Starts a fresh instance in place of the first killed one: the same code with empty
    /// memory and an empty disk, under a new name, in the same slot behind the load balancer.
    pub fn start_fresh(&mut self) -> Result<Event, DrillError> {
        let slot = self
            .run
            .instances
            .iter()
            .position(|i| !i.is_running())
            .ok_or(DrillError::NothingToReplace)?;
        let fresh = self.run.new_instance();
        let replaced = std::mem::replace(&mut self.run.instances[slot], fresh);
        let instance = self.run.instances[slot].name.clone();
        let text = started_text(&instance, &replaced.name);
        let kind = EventKind::Started {
            instance,
            replaces: replaced.name,
        };
        Ok(self.run.record(kind, text))
    }

    /// Adds a fresh instance behind the load balancer (scaling out), up to [`MAX_INSTANCES`].
    pub fn add_instance(&mut self) -> Result<Event, DrillError> {
        if self.run.instances.len() >= MAX_INSTANCES {
            return Err(DrillError::Full);
        }
        let fresh = self.run.new_instance();
        let instance = fresh.name.clone();
        self.run.instances.push(fresh);
        let text = added_text(&instance);
        Ok(self.run.record(EventKind::Added { instance }, text))
    }

    /// Back to the start: the initial instances (named from A again), all state empty,
    /// the script at its first request, the log cleared.
    pub fn reset(&mut self) {
        self.run = Run::new(self.options, self.scenarios.len());
    }

    /// Counts over the log so far.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.run.log)
    }

    /// The whole picture at this moment, for drawing.
    pub fn snapshot(&self) -> Snapshot {
        let boxes_at = |location| -> Vec<usize> {
            (0..self.scenarios.len())
                .filter(|&i| self.scenarios[i].placement == Placement::Instance { location })
                .collect()
        };
        let memory = boxes_at(lint_core::StateLocation::ProcessMemory);
        let disk = boxes_at(lint_core::StateLocation::LocalDisk);
        let instances = self
            .run
            .instances
            .iter()
            .map(|instance| {
                let boxes = |indices: &[usize]| -> Vec<StateBox> {
                    indices
                        .iter()
                        .map(|&index| {
                            let scenario = &self.scenarios[index];
                            // A killed instance holds nothing; a running one starts from
                            // its empty store (a counter at 0).
                            let items = if instance.is_running() {
                                let store = instance
                                    .stores
                                    .get(&index)
                                    .cloned()
                                    .unwrap_or_else(|| Store::empty(scenario.behaviour()));
                                labels(scenario, &store)
                            } else {
                                Vec::new()
                            };
                            state_box(index, scenario, items)
                        })
                        .collect()
                };
                InstanceView {
                    name: instance.name.clone(),
                    status: instance.status,
                    memory: boxes(&memory),
                    disk: boxes(&disk),
                }
            })
            .collect();
        let services = BackingService::ALL
            .into_iter()
            .map(|service| ServiceView {
                service,
                label: service.label().to_string(),
                boxes: self
                    .scenarios
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.placement == Placement::Service { service })
                    .map(|(index, scenario)| {
                        let store = self
                            .run
                            .services
                            .get(&index)
                            .cloned()
                            .unwrap_or_else(|| Store::empty(scenario.behaviour()));
                        state_box(index, scenario, labels(scenario, &store))
                    })
                    .collect(),
            })
            .collect();
        Snapshot {
            instances,
            services,
            next_target: self.next_target().map(str::to_string),
            next_request: self.next_request().cloned(),
            scenarios: self.scenarios.clone(),
            events: self.run.log.clone(),
            summary: self.summary(),
        }
    }

    /// Sends one request to the load balancer's next instance and judges the answer
    /// against what one shared copy would give.
    fn serve(&mut self, index: usize, request: &Request) -> (Option<String>, Outcome) {
        let run = &mut self.run;
        let scenario = &self.scenarios[index];
        let Some(slot) = run.balancer.next(&run.instances) else {
            return (None, Outcome::Unavailable);
        };
        run.balancer.served(slot);
        let instance = run.instances[slot].name.clone();
        let place = match scenario.placement {
            Placement::Instance { location } => Place::Instance {
                instance: instance.clone(),
                location,
            },
            Placement::Service { service } => Place::Service { service },
        };
        let item = request.item;
        let store = run.store_mut(scenario, index, slot);
        let outcome = match (scenario.behaviour(), request.intent) {
            (Behaviour::Keyed, Intent::Write) => {
                store.insert(item);
                run.ledgers[index].holders.insert(item, instance.clone());
                Outcome::Stored {
                    place,
                    answer: None,
                }
            }
            (Behaviour::Keyed, Intent::Read) => {
                if store.contains(item) {
                    Outcome::Found {
                        place,
                        answer: None,
                    }
                } else {
                    let holder = match scenario.placement {
                        Placement::Instance { location } => {
                            run.ledgers[index].holders.get(&item).map(|name| Holder {
                                instance: name.clone(),
                                location,
                                killed: !run.is_running(name),
                            })
                        }
                        Placement::Service { .. } => None,
                    };
                    Outcome::Missing { holder }
                }
            }
            (Behaviour::Counter | Behaviour::List, intent) => {
                let answer = match (scenario.behaviour(), intent) {
                    (Behaviour::Counter, Intent::Write) => store.bump(),
                    (_, Intent::Write) => {
                        store.push(item);
                        store.count()
                    }
                    (_, Intent::Read) => store.count(),
                };
                let ledger = &mut run.ledgers[index];
                if intent == Intent::Write {
                    ledger.writes += 1;
                }
                let expected = ledger.writes;
                let render = |n: u64| match scenario.behaviour() {
                    Behaviour::List => plural(n, "item"),
                    _ => n.to_string(),
                };
                // Adding to a list is kept wherever it lands; only reading the list (or a
                // counter's answer, which every count returns) shows the split.
                let adds_to_list =
                    scenario.behaviour() == Behaviour::List && intent == Intent::Write;
                if adds_to_list {
                    Outcome::Stored {
                        place,
                        answer: None,
                    }
                } else if answer == expected {
                    let answer = Some(render(answer));
                    match intent {
                        Intent::Write => Outcome::Stored { place, answer },
                        Intent::Read => Outcome::Found { place, answer },
                    }
                } else {
                    Outcome::Differs {
                        answer: render(answer),
                        expected: render(expected),
                        answers: run.answers(scenario, index, |s| render(s.count())),
                    }
                }
            }
            (Behaviour::Value, Intent::Write) => {
                store.set(item);
                run.ledgers[index].last = Some((item, instance.clone()));
                Outcome::Stored {
                    place,
                    answer: None,
                }
            }
            (Behaviour::Value, Intent::Read) => {
                let here = store.value();
                match (&run.ledgers[index].last, here) {
                    (Some((last, _)), Some(value)) if *last != value => Outcome::Differs {
                        answer: scenario.value_label(value),
                        expected: scenario.value_label(*last),
                        answers: run.answers(scenario, index, |s| {
                            s.value()
                                .map_or_else(|| "not set".to_string(), |v| scenario.value_label(v))
                        }),
                    },
                    (_, Some(_)) => Outcome::Found {
                        place,
                        answer: None,
                    },
                    (last, None) => {
                        let holder = match (scenario.placement, last) {
                            (Placement::Instance { location }, Some((_, name))) => Some(Holder {
                                instance: name.clone(),
                                location,
                                killed: !run.is_running(name),
                            }),
                            _ => None,
                        };
                        Outcome::Missing { holder }
                    }
                }
            }
        };
        (Some(instance), outcome)
    }
}

fn labels(scenario: &Scenario, store: &Store) -> Vec<String> {
    store
        .items()
        .into_iter()
        .map(|n| scenario.item_label(n))
        .collect()
}

fn state_box(index: usize, scenario: &Scenario, items: Vec<String>) -> StateBox {
    StateBox {
        scenario: index,
        name: scenario.name.clone(),
        kind: scenario.kind,
        items,
    }
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
