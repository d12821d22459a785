//! The drill itself: the script, the instances, the backing services and the actions a
//! learner takes (step, play, kill, start fresh, add an instance, reset).

use std::collections::BTreeMap;

use lint_core::{
    Diagnostic, Failure, RegisteredRoute, Service, Severity, StateInfo, StateKind, StateLocation,
    Survey,
};

use crate::{
    events::{
        Event, EventKind, Holder, InstanceAnswer, LostState, Place, RequestOutcome, added_text,
        burst_text, concurrent_text, killed_text, request_text, started_text,
    },
    model::{
        BackingService, Behaviour, Instance, InstanceLocation, InstanceStatus, LoadBalancer,
        MAX_INSTANCES, Placement, Store, instance_name,
    },
    scenario::{Intent, Origin, Request, Scenario, teaching_rank},
    snapshot::{InstanceView, ServiceView, Snapshot, StateBox, Summary},
};

/// Requests [`Drill::play_concurrent`] sends at once to each counter or list.
pub const CONCURRENT_REQUESTS: usize = 10;

/// How many requests of a burst overlap: each reads before the others' writes land. A
/// read waits a round trip to the service, long enough for the next requests to arrive.
/// Fixed, so that the drill stays deterministic.
const OVERLAP: usize = 3;

/// How a drill starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrillOptions {
    /// Instances behind the load balancer at the start (and after a reset), 1 to
    /// [`MAX_INSTANCES`]; other values are clamped.
    pub instances: usize,
}

impl Default for DrillOptions {
    /// Two instances: the smallest picture where a request can land elsewhere.
    fn default() -> Self {
        Self { instances: 2 }
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
    /// Per service box: the packages through which the code talks to it (`pg`, `redis`).
    used_by: BTreeMap<BackingService, Vec<String>>,
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

    /// The slot and name of the instance the load balancer sends the next request to,
    /// marked as served; `None` when nothing is running.
    fn dispatch(&mut self) -> Option<(usize, String)> {
        let slot = self.balancer.next(&self.instances)?;
        self.balancer.served(slot);
        Some((slot, self.instances[slot].name.clone()))
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
    /// options (two instances), sending requests only to the findings' own routes.
    pub fn from_findings(findings: &[Diagnostic]) -> Self {
        Self::from_findings_with(findings, DrillOptions::default())
    }

    /// [`Drill::from_findings`] with options; [`Origin::Finding`] indexes into `findings`.
    pub fn from_findings_with(findings: &[Diagnostic], options: DrillOptions) -> Self {
        Self::from_code(findings, &Survey::default(), options)
    }

    /// A drill over what lint-core says of the learner's code: its findings and its
    /// [`Survey`] (`lint_core::survey`).
    ///
    /// Each finding with a [`StateInfo`] becomes one scenario, kept where the code keeps
    /// it: inside each instance, or in a backing service for state already shared there
    /// (a lost update). State the code keeps in backing services with no finding
    /// (sessions in Redis, uploads in object storage, a counter kept with `incr`) becomes
    /// a scenario of its own in that service. Requests go only to the findings' routes
    /// and the routes the survey lists. Syntax errors and informational findings (state
    /// that does not outlive its request) are left out.
    pub fn from_code(findings: &[Diagnostic], survey: &Survey, options: DrillOptions) -> Self {
        let states: Vec<(usize, &StateInfo, bool)> = findings
            .iter()
            .enumerate()
            .filter(|(_, d)| d.rule.is_some() && d.severity != Severity::Info)
            .filter_map(|(index, d)| {
                let lost_update = d.failures.contains(&Failure::LostUpdate);
                Some((index, d.state.as_ref()?, lost_update))
            })
            .collect();
        Self::build(&states, survey, options)
    }

    /// A drill over pieces of state directly, with the code's survey;
    /// [`Origin::Finding`] indexes into `states`.
    pub fn from_states(states: &[StateInfo], survey: &Survey, options: DrillOptions) -> Self {
        let states: Vec<(usize, &StateInfo, bool)> = states
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s, false))
            .collect();
        Self::build(&states, survey, options)
    }

    /// `states`: (index for [`Origin::Finding`], state, whether it loses updates).
    fn build(states: &[(usize, &StateInfo, bool)], survey: &Survey, options: DrillOptions) -> Self {
        // The routes requests may go to: those the code registers, and the findings' own.
        let mut known: Vec<RegisteredRoute> = survey.routes.clone();
        for route in states.iter().flat_map(|(_, state, _)| &state.routes) {
            if !known.iter().any(|r| r.route == *route) {
                known.push(RegisteredRoute {
                    route: route.clone(),
                    reads_session: false,
                    writes_session: false,
                    receives_files: false,
                    serves_files: false,
                });
            }
        }
        let mut scenarios: Vec<Scenario> = states
            .iter()
            .map(|&(index, state, lost_update)| {
                let placement = match state.location {
                    StateLocation::ProcessMemory => Placement::Instance {
                        location: InstanceLocation::ProcessMemory,
                    },
                    StateLocation::LocalDisk => Placement::Instance {
                        location: InstanceLocation::LocalDisk,
                    },
                    StateLocation::BackingService => Placement::Service {
                        service: service_holding(state, survey),
                    },
                };
                Scenario::new(
                    state,
                    placement,
                    Origin::Finding { index },
                    lost_update,
                    &known,
                )
            })
            .collect();
        for (index, shared) in survey.shared.iter().enumerate() {
            let state = &shared.state;
            let covered = scenarios.iter().any(|s| {
                s.name == state.name
                    || (matches!(s.kind, StateKind::UploadedFiles | StateKind::Sessions)
                        && s.kind == state.kind
                        && s.route.as_ref().is_some_and(|r| state.routes.contains(r)))
            });
            if !covered {
                let placement = Placement::Service {
                    service: BackingService::of(shared.service),
                };
                scenarios.push(Scenario::new(
                    state,
                    placement,
                    Origin::Shared { index },
                    false,
                    &known,
                ));
            }
        }
        let mut used_by: BTreeMap<BackingService, Vec<String>> = BTreeMap::new();
        for service in &survey.services {
            let packages = used_by
                .entry(BackingService::of(service.service))
                .or_default();
            if !packages.contains(&service.package) {
                packages.push(service.package.clone());
            }
        }
        // Stable: pieces of one kind keep their order (findings first, in source order).
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
            used_by,
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

    /// How many requests of the script have been sent (a burst's are not counted: they
    /// are extra to the script).
    pub fn sent(&self) -> usize {
        self.run.cursor
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
            concurrent: None,
        };
        Some(self.run.record(kind, text))
    }

    /// Sends [`CONCURRENT_REQUESTS`] writes at once to every counter and list that has a
    /// route to write it, through the load balancer, and records each request and then
    /// what the state holds. The script's cursor does not move.
    ///
    /// A piece of state whose handlers read, change and write it back (a lost update)
    /// loses updates here even in a shared service: requests that overlap read the same
    /// value and each writes its own result over the others'. An atomic update (`incr`)
    /// counts every request; a copy inside each instance counts only its own.
    pub fn play_concurrent(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        for index in 0..self.scenarios.len() {
            if let Some(template) = burst_template(&self.scenarios[index]) {
                events.extend(self.burst(index, &template));
            }
        }
        events
    }

    /// True when [`Drill::play_concurrent`] has anything to send.
    pub fn can_play_concurrent(&self) -> bool {
        self.scenarios.iter().any(|s| burst_template(s).is_some())
    }

    fn burst(&mut self, index: usize, template: &Request) -> Vec<Event> {
        let racing = self.scenarios[index].lost_update;
        let first_item = u32::try_from(self.run.ledgers[index].writes).unwrap_or(u32::MAX);
        let numbers: Vec<usize> = (1..=CONCURRENT_REQUESTS).collect();
        let mut events = Vec::new();
        let mut lost = 0;
        for wave in numbers.chunks(OVERLAP) {
            // Every request of a wave reads before any of them writes.
            let read = self.shared_store(index);
            let mut previous = None;
            for &number in wave {
                let mut request = template.clone();
                request.item = first_item.saturating_add(u32::try_from(number).unwrap_or(0));
                let (instance, outcome) = if racing {
                    self.serve_racing(index, &request, &read, previous)
                } else {
                    self.serve(index, &request)
                };
                if matches!(
                    outcome,
                    RequestOutcome::Overwritten {
                        overwrote: Some(_),
                        ..
                    }
                ) {
                    lost += 1;
                }
                if instance.is_some() {
                    previous = Some(number);
                }
                let scenario = &self.scenarios[index];
                let text = concurrent_text(
                    number,
                    CONCURRENT_REQUESTS,
                    &request_text(scenario, &request, instance.as_deref(), &outcome),
                );
                let kind = EventKind::Request {
                    scenario: index,
                    request,
                    instance,
                    outcome,
                    concurrent: Some(number),
                };
                events.push(self.run.record(kind, text));
            }
        }
        let scenario = &self.scenarios[index];
        let render = |n: u64| render_count(scenario.behaviour(), n);
        let answers = match scenario.placement {
            Placement::Service { service } => vec![InstanceAnswer {
                instance: service.label().to_string(),
                answer: render(self.shared_store(index).count()),
            }],
            Placement::Instance { .. } => self.run.answers(scenario, index, |s| render(s.count())),
        };
        let expected = render(self.run.ledgers[index].writes);
        let text = burst_text(scenario, CONCURRENT_REQUESTS, &answers, &expected, lost);
        let kind = EventKind::Burst {
            scenario: index,
            requests: CONCURRENT_REQUESTS,
            answers,
            expected,
            lost,
        };
        events.push(self.run.record(kind, text));
        events
    }

    /// The service's copy of a piece of state (empty for state inside instances).
    fn shared_store(&self, index: usize) -> Store {
        self.run
            .services
            .get(&index)
            .cloned()
            .unwrap_or_else(|| Store::empty(self.scenarios[index].behaviour()))
    }

    /// One request of a burst that reads, changes and writes back: it writes what it
    /// computed from `read`, the value it saw, over whatever landed in between.
    fn serve_racing(
        &mut self,
        index: usize,
        request: &Request,
        read: &Store,
        previous: Option<usize>,
    ) -> (Option<String>, RequestOutcome) {
        let Some((slot, instance)) = self.run.dispatch() else {
            return (None, RequestOutcome::Unavailable);
        };
        let run = &mut self.run;
        let scenario = &self.scenarios[index];
        let place = place_of(scenario, &instance);
        let mut written = read.clone();
        match scenario.behaviour() {
            Behaviour::List => written.push(request.item),
            _ => {
                written.bump();
            }
        }
        *run.store_mut(scenario, index, slot) = written.clone();
        let ledger = &mut run.ledgers[index];
        ledger.writes += 1;
        let render = |n: u64| render_count(scenario.behaviour(), n);
        let outcome = if written.count() == ledger.writes {
            RequestOutcome::Stored {
                place,
                answer: Some(render(written.count())),
            }
        } else {
            RequestOutcome::Overwritten {
                place,
                read: render(read.count()),
                wrote: render(written.count()),
                expected: render(ledger.writes),
                overwrote: previous,
            }
        };
        (Some(instance), outcome)
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
        let memory = boxes_at(InstanceLocation::ProcessMemory);
        let disk = boxes_at(InstanceLocation::LocalDisk);
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
                used_by: self.used_by.get(&service).cloned().unwrap_or_default(),
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
    fn serve(&mut self, index: usize, request: &Request) -> (Option<String>, RequestOutcome) {
        let Some((slot, instance)) = self.run.dispatch() else {
            return (None, RequestOutcome::Unavailable);
        };
        let run = &mut self.run;
        let scenario = &self.scenarios[index];
        let place = place_of(scenario, &instance);
        let item = request.item;
        let store = run.store_mut(scenario, index, slot);
        let outcome = match (scenario.behaviour(), request.intent) {
            (Behaviour::Keyed, Intent::Write) => {
                store.insert(item);
                run.ledgers[index].holders.insert(item, instance.clone());
                RequestOutcome::Stored {
                    place,
                    answer: None,
                }
            }
            (Behaviour::Keyed, Intent::Read) => {
                if store.contains(item) {
                    RequestOutcome::Found {
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
                    RequestOutcome::Missing { holder }
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
                let render = |n: u64| render_count(scenario.behaviour(), n);
                // Adding to a list is kept wherever it lands; only reading the list (or a
                // counter's answer, which every count returns) shows the split.
                let adds_to_list =
                    scenario.behaviour() == Behaviour::List && intent == Intent::Write;
                if adds_to_list {
                    RequestOutcome::Stored {
                        place,
                        answer: None,
                    }
                } else if answer == expected {
                    let answer = Some(render(answer));
                    match intent {
                        Intent::Write => RequestOutcome::Stored { place, answer },
                        Intent::Read => RequestOutcome::Found { place, answer },
                    }
                } else {
                    RequestOutcome::Differs {
                        answer: render(answer),
                        expected: render(expected),
                        answers: run.answers(scenario, index, |s| render(s.count())),
                    }
                }
            }
            (Behaviour::Value, Intent::Write) => {
                store.set(item);
                run.ledgers[index].last = Some((item, instance.clone()));
                RequestOutcome::Stored {
                    place,
                    answer: None,
                }
            }
            (Behaviour::Value, Intent::Read) => {
                let here = store.value();
                match (&run.ledgers[index].last, here) {
                    (Some((last, _)), Some(value)) if *last != value => RequestOutcome::Differs {
                        answer: scenario.value_label(value),
                        expected: scenario.value_label(*last),
                        answers: run.answers(scenario, index, |s| {
                            s.value()
                                .map_or_else(|| "not set".to_string(), |v| scenario.value_label(v))
                        }),
                    },
                    (_, Some(_)) => RequestOutcome::Found {
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
                        RequestOutcome::Missing { holder }
                    }
                }
            }
        };
        (Some(instance), outcome)
    }
}

/// Where a request served by `instance` keeps its data.
fn place_of(scenario: &Scenario, instance: &str) -> Place {
    match scenario.placement {
        Placement::Instance { location } => Place::Instance {
            instance: instance.to_string(),
            location,
        },
        Placement::Service { service } => Place::Service { service },
    }
}

/// The request a burst repeats: a counter's or a list's write, when it has a route.
fn burst_template(scenario: &Scenario) -> Option<Request> {
    if !matches!(scenario.behaviour(), Behaviour::Counter | Behaviour::List) {
        return None;
    }
    scenario
        .script
        .iter()
        .find(|r| r.intent == Intent::Write)
        .cloned()
}

/// A counter's value (`4`) or a list's length (`4 items`).
fn render_count(behaviour: Behaviour, n: u64) -> String {
    match behaviour {
        Behaviour::List => plural(n, "item"),
        _ => n.to_string(),
    }
}

/// The service a finding's shared state is kept in: the one the code keeps that name
/// in, else Redis when the code uses it (where the rewrites put such state), else the
/// first service the code uses.
fn service_holding(state: &StateInfo, survey: &Survey) -> BackingService {
    let named = survey
        .shared
        .iter()
        .find(|s| s.state.name == state.name)
        .map(|s| s.service);
    let used = || {
        if survey.uses(Service::Redis) {
            Some(Service::Redis)
        } else {
            survey.services.first().map(|s| s.service)
        }
    };
    BackingService::of(named.or_else(used).unwrap_or(Service::Redis))
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
