//! The parts of the picture: instances, backing services, what each keeps for a piece of
//! state, and the round-robin load balancer in front of the instances.

use std::collections::{BTreeMap, BTreeSet};

use lint_core::Service;
use serde::Serialize;

/// Most instances the picture holds (running or killed and not yet replaced).
pub const MAX_INSTANCES: usize = 3;

/// A service outside the instances. State kept here is shared by every instance and
/// survives any of them being killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackingService {
    /// Files (S3, GCS, Azure Blob): where uploads go after a rewrite.
    ObjectStorage,
    /// Sessions, counters and caches after a rewrite.
    Redis,
    /// Collections of records.
    Database,
}

impl BackingService {
    /// Every service, in the order the picture draws them.
    pub const ALL: [Self; 3] = [Self::ObjectStorage, Self::Redis, Self::Database];

    /// Its name in running text ("saved in object storage").
    pub const fn label(self) -> &'static str {
        match self {
            Self::ObjectStorage => "object storage",
            Self::Redis => "Redis",
            Self::Database => "the database",
        }
    }

    /// The box of the picture a service the code talks to is drawn in.
    pub const fn of(service: Service) -> Self {
        match service {
            Service::Redis => Self::Redis,
            Service::ObjectStorage => Self::ObjectStorage,
            Service::MongoDb | Service::PostgreSql => Self::Database,
        }
    }
}

/// Where inside an instance the code keeps a piece of state. State in a backing service
/// is not inside any instance: it is placed with [`Placement::Service`] instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstanceLocation {
    ProcessMemory,
    LocalDisk,
}

impl InstanceLocation {
    /// "memory", "disk".
    pub const fn word(self) -> &'static str {
        match self {
            Self::ProcessMemory => "memory",
            Self::LocalDisk => "disk",
        }
    }

    /// The preposition for being there: "in" memory, "on" disk.
    pub const fn preposition(self) -> &'static str {
        match self {
            Self::ProcessMemory => "in",
            Self::LocalDisk => "on",
        }
    }
}

/// Where the drill keeps a piece of state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Placement {
    /// Inside each instance (its memory or its disk): every instance has its own copy,
    /// and a killed instance takes its copy with it. This is what a finding means.
    Instance { location: InstanceLocation },
    /// In one service outside the instances, shared by all of them.
    Service { service: BackingService },
}

/// Whether an instance is serving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstanceStatus {
    Running,
    /// Killed and not yet replaced: it serves nothing and its memory and disk are gone.
    Killed,
}

/// What one holder (an instance or a service) keeps of one piece of state. Items are
/// numbered per scenario; the scenario turns the numbers into words ("ada's session").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Store {
    /// Files, sessions, cache entries: found by key.
    Keys(BTreeSet<u32>),
    /// A counter's value.
    Count(u64),
    /// A list's items, in the order they were added.
    Items(Vec<u32>),
    /// One value (which write set it), or none yet.
    Value(Option<u32>),
}

/// How a piece of state behaves when written and read; decides its [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Behaviour {
    Keyed,
    Counter,
    List,
    Value,
}

impl Store {
    pub(crate) fn empty(behaviour: Behaviour) -> Self {
        match behaviour {
            Behaviour::Keyed => Self::Keys(BTreeSet::new()),
            Behaviour::Counter => Self::Count(0),
            Behaviour::List => Self::Items(Vec::new()),
            Behaviour::Value => Self::Value(None),
        }
    }

    /// True when losing it loses nothing (a counter at zero included).
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Self::Keys(keys) => keys.is_empty(),
            Self::Count(n) => *n == 0,
            Self::Items(items) => items.is_empty(),
            Self::Value(value) => value.is_none(),
        }
    }
}

impl Store {
    // The operations below ignore a store of another shape instead of panicking: a
    // scenario's store always has its behaviour's shape, so this never loses anything.

    pub(crate) fn insert(&mut self, item: u32) {
        if let Self::Keys(keys) = self {
            keys.insert(item);
        }
    }

    pub(crate) fn contains(&self, item: u32) -> bool {
        matches!(self, Self::Keys(keys) if keys.contains(&item))
    }

    /// Adds one and returns the new count.
    pub(crate) fn bump(&mut self) -> u64 {
        if let Self::Count(n) = self {
            *n += 1;
        }
        self.count()
    }

    pub(crate) fn count(&self) -> u64 {
        match self {
            Self::Count(n) => *n,
            Self::Items(items) => items.len() as u64,
            _ => 0,
        }
    }

    pub(crate) fn push(&mut self, item: u32) {
        if let Self::Items(items) = self {
            items.push(item);
        }
    }

    pub(crate) fn set(&mut self, item: u32) {
        if let Self::Value(value) = self {
            *value = Some(item);
        }
    }

    pub(crate) fn value(&self) -> Option<u32> {
        match self {
            Self::Value(value) => *value,
            _ => None,
        }
    }

    /// The item numbers it holds, in order (a counter's value stands for itself).
    pub(crate) fn items(&self) -> Vec<u32> {
        match self {
            Self::Keys(keys) => keys.iter().copied().collect(),
            Self::Count(n) => vec![u32::try_from(*n).unwrap_or(u32::MAX)],
            Self::Items(items) => items.clone(),
            Self::Value(value) => value.iter().copied().collect(),
        }
    }
}

/// One server instance: a copy of the learner's app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Instance {
    pub name: String,
    pub status: InstanceStatus,
    /// Scenario index → what this instance keeps of it; only scenarios placed inside
    /// instances have an entry.
    pub stores: BTreeMap<usize, Store>,
}

impl Instance {
    pub(crate) fn is_running(&self) -> bool {
        self.status == InstanceStatus::Running
    }
}

/// The n-th instance name: A, B, …, Z, then A2, B2, … A replacement gets a new name so
/// that "the file was on instance A's disk" never points at its fresh successor.
pub(crate) fn instance_name(n: usize) -> String {
    let letter = char::from(b'A' + (n % 26) as u8);
    match n / 26 {
        0 => letter.to_string(),
        round => format!("{letter}{}", round + 1),
    }
}

/// Round robin over the running instances, in slot order.
///
/// It remembers the slot it served last rather than a request count, so adding, killing
/// or replacing an instance does not reshuffle who comes next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LoadBalancer {
    last: Option<usize>,
}

impl LoadBalancer {
    /// The slot the next request goes to, or `None` when nothing is running.
    pub(crate) fn next(&self, instances: &[Instance]) -> Option<usize> {
        let count = instances.len();
        let start = self.last.map_or(0, |last| last + 1);
        (0..count)
            .map(|offset| (start + offset) % count)
            .find(|&slot| instances[slot].is_running())
    }

    pub(crate) fn served(&mut self, slot: usize) {
        self.last = Some(slot);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(n: usize, status: InstanceStatus) -> Instance {
        Instance {
            name: instance_name(n),
            status,
            stores: BTreeMap::new(),
        }
    }

    #[test]
    fn names_run_through_the_alphabet_then_number_their_rounds() {
        assert_eq!(instance_name(0), "A");
        assert_eq!(instance_name(2), "C");
        assert_eq!(instance_name(25), "Z");
        assert_eq!(instance_name(26), "A2");
        assert_eq!(instance_name(53), "B3");
    }

    #[test]
    fn round_robin_skips_killed_instances_and_wraps() {
        let mut instances = vec![
            instance(0, InstanceStatus::Running),
            instance(1, InstanceStatus::Killed),
            instance(2, InstanceStatus::Running),
        ];
        let mut balancer = LoadBalancer::default();
        let mut order = Vec::new();
        for _ in 0..4 {
            let slot = balancer.next(&instances).unwrap();
            balancer.served(slot);
            order.push(slot);
        }
        assert_eq!(order, [0, 2, 0, 2]);
        instances[1].status = InstanceStatus::Running;
        assert_eq!(balancer.next(&instances), Some(0));
        balancer.served(0);
        assert_eq!(balancer.next(&instances), Some(1));
    }

    #[test]
    fn nothing_running_means_no_target() {
        let instances = vec![instance(0, InstanceStatus::Killed)];
        assert_eq!(LoadBalancer::default().next(&instances), None);
        assert_eq!(LoadBalancer::default().next(&[]), None);
    }
}
