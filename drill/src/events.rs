//! What happens at each step of a drill, as data for the picture and as plain English.

use lint_core::StateKind;
use serde::Serialize;

use crate::{
    model::{BackingService, InstanceLocation},
    scenario::{Request, Scenario},
};

/// One entry of the drill's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Its position in the log, from 1.
    pub seq: usize,
    pub kind: EventKind,
    /// A sentence for people: `GET /photos/1 (fetch file 1) → instance B → 404: …`.
    pub text: String,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum EventKind {
    /// The load balancer sent a request of the script to an instance.
    Request {
        /// Index of the scenario in [`crate::Snapshot::scenarios`].
        scenario: usize,
        request: Request,
        /// The instance that served it; `None` when nothing was running.
        instance: Option<String>,
        outcome: RequestOutcome,
        /// Its number within a burst of requests sent at once ([`crate::Drill::play_concurrent`]);
        /// `None` for the script's requests, which are sent one after another.
        concurrent: Option<usize>,
    },
    /// A burst of requests sent at once to one piece of state has been served.
    Burst {
        scenario: usize,
        requests: usize,
        /// What the state holds now, per holder: the service, or each running instance.
        answers: Vec<InstanceAnswer>,
        /// What it would hold had the requests been served one after another.
        expected: String,
        /// Updates overwritten by a concurrent write.
        lost: usize,
    },
    /// An instance was killed, with everything in its memory and on its disk.
    Killed {
        instance: String,
        /// The state it took with it (only pieces that held something).
        lost: Vec<LostState>,
    },
    /// A fresh instance replaced a killed one, in its place behind the load balancer.
    Started { instance: String, replaces: String },
    /// One more instance was added behind the load balancer.
    Added { instance: String },
}

/// Where a piece of data is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Place {
    Instance {
        instance: String,
        location: InstanceLocation,
    },
    Service {
        service: BackingService,
    },
}

impl Place {
    /// "on instance A's disk", "in instance A's memory", "in Redis".
    pub fn phrase(&self) -> String {
        match self {
            Self::Instance { instance, location } => format!(
                "{} instance {instance}'s {}",
                location.preposition(),
                location.word()
            ),
            Self::Service { service } => format!("in {}", service.label()),
        }
    }

    /// "from instance A's disk", "from Redis".
    pub fn phrase_from(&self) -> String {
        match self {
            Self::Instance { instance, location } => {
                format!("from instance {instance}'s {}", location.word())
            }
            Self::Service { service } => format!("from {}", service.label()),
        }
    }
}

/// The instance that holds (or held) data another instance was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
    pub instance: String,
    pub location: InstanceLocation,
    /// True when that instance has been killed: the data is gone for good.
    pub killed: bool,
}

/// The answer one running instance would give, for comparing copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceAnswer {
    pub instance: String,
    pub answer: String,
}

/// How a request went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum RequestOutcome {
    /// A write was accepted and its data kept at `place`.
    Stored {
        place: Place,
        /// What the instance answered, for counters (`2`) and lists (`2 items`).
        answer: Option<String>,
    },
    /// A read found what it asked for at `place`, and it is the right answer.
    Found {
        place: Place,
        /// What the instance answered, for counters (`2`) and lists (`2 items`).
        answer: Option<String>,
    },
    /// A read did not find its data: it is on another instance (`holder`), or was never
    /// stored because its write found no running instance (`holder` is `None`).
    Missing { holder: Option<Holder> },
    /// The instance answered from its own copy, and the answer is not what one shared
    /// copy would give (counters, lists, single values).
    Differs {
        answer: String,
        /// What a single shared copy would answer.
        expected: String,
        /// What each running instance would answer.
        answers: Vec<InstanceAnswer>,
    },
    /// No instance was running: the load balancer had nowhere to send the request.
    Unavailable,
    /// A read-modify-write that ran beside others: it read the value before an earlier
    /// request's write landed and wrote its own result over that write, so the earlier
    /// update is lost. What one shared copy can still suffer.
    Overwritten {
        place: Place,
        /// What it read, and what it wrote back.
        read: String,
        wrote: String,
        /// What one update after another would have given.
        expected: String,
        /// The request of the burst (numbered from 1) whose update it overwrote; `None`
        /// when it overwrote nothing itself but read a value earlier losses left short.
        overwrote: Option<usize>,
    },
}

/// A piece of state an instance took with it when it was killed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LostState {
    pub scenario: usize,
    pub name: String,
    pub kind: StateKind,
    pub location: InstanceLocation,
    /// Each lost item in words: "file 1", "ada's session", "`hits` = 2".
    pub items: Vec<String>,
}

/// The sentence for a request event.
pub(crate) fn request_text(
    scenario: &Scenario,
    request: &Request,
    instance: Option<&str>,
    outcome: &RequestOutcome,
) -> String {
    let head = format!(
        "{} {} ({})",
        request.method, request.path, request.description
    );
    let Some(instance) = instance else {
        return format!(
            "{head} → no running instance → 502: the load balancer has nowhere to send it."
        );
    };
    let item = scenario.item_label(request.item);
    let body = match outcome {
        RequestOutcome::Stored { place, answer } => stored_text(scenario, &item, place, answer),
        RequestOutcome::Found { place, answer } => found_text(scenario, &item, place, answer),
        RequestOutcome::Missing { holder } => {
            missing_text(scenario, &item, instance, holder.as_ref())
        }
        RequestOutcome::Differs {
            answer,
            expected,
            answers,
        } => differs_text(scenario, answer, expected, answers),
        RequestOutcome::Unavailable => "502: no instance could answer.".to_string(),
        RequestOutcome::Overwritten {
            place,
            read,
            wrote,
            expected,
            overwrote,
        } => match overwrote {
            Some(earlier) => format!(
                "200, but: read `{}` = {read} {} before request {earlier}'s write landed, and wrote {wrote} over it. Request {earlier}'s update is lost; one update after another would give {expected}.",
                scenario.name,
                place.phrase_from()
            ),
            None => format!(
                "200: read `{}` = {read} {} and wrote {wrote}, but one update after another would give {expected}: earlier updates were overwritten.",
                scenario.name,
                place.phrase_from()
            ),
        },
    };
    format!("{head} → instance {instance} → {body}")
}

/// The sentence for a request of a burst: its number in front.
pub(crate) fn concurrent_text(number: usize, requests: usize, text: &str) -> String {
    format!("[{number}/{requests} at once] {text}")
}

/// The sentence closing a burst: what the state holds now against what it should.
pub(crate) fn burst_text(
    scenario: &Scenario,
    requests: usize,
    answers: &[InstanceAnswer],
    expected: &str,
    lost: usize,
) -> String {
    let name = &scenario.name;
    let head = format!("{requests} requests at once to `{name}`:");
    match answers {
        [one] if one.answer == expected => {
            format!(
                "{head} {} says {expected}. Every update counted.",
                one.instance
            )
        }
        [one] if lost > 0 => format!(
            "{head} {} says {}, but one update after another would give {expected}: {} overwritten by requests that read the same value at the same time.",
            one.instance,
            one.answer,
            plural_updates(lost)
        ),
        [one] => format!(
            "{head} {} says {}, not {expected}.",
            one.instance, one.answer
        ),
        many => {
            let each = many
                .iter()
                .map(|a| format!("{} says {}", a.instance, a.answer))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{head} {each}; one shared copy would say {expected}.")
        }
    }
}

fn plural_updates(n: usize) -> String {
    if n == 1 {
        "1 update was".to_string()
    } else {
        format!("{n} updates were")
    }
}

fn stored_text(scenario: &Scenario, item: &str, place: &Place, answer: &Option<String>) -> String {
    let at = place.phrase();
    let name = &scenario.name;
    let answer = answer.as_deref().unwrap_or("?");
    match scenario.kind {
        StateKind::UploadedFiles => format!("201: {item} saved {at}."),
        StateKind::Sessions => format!("200: {item} created {at}."),
        StateKind::Counter => format!("200: `{name}` is now {answer} {at}, the right count."),
        StateKind::Collection => format!("201: {item} added {at}."),
        StateKind::RequestContext | StateKind::Configuration => format!("200: {item} {at}."),
        StateKind::Cache => format!("200: {item} stored {at}."),
    }
}

fn found_text(scenario: &Scenario, item: &str, place: &Place, answer: &Option<String>) -> String {
    let from = place.phrase_from();
    let name = &scenario.name;
    let answer = answer.as_deref().unwrap_or("?");
    match scenario.kind {
        StateKind::Sessions => {
            let user = item.trim_end_matches("'s session");
            format!(
                "200: {item} found {}; {user} stays logged in.",
                place.phrase()
            )
        }
        StateKind::Counter => format!("200: `{name}` = {answer}, the right count, read {from}."),
        StateKind::Collection => format!("200: {answer}, all of them, read {from}."),
        _ => format!("200: {item} found {}.", place.phrase()),
    }
}

fn missing_text(
    scenario: &Scenario,
    item: &str,
    instance: &str,
    holder: Option<&Holder>,
) -> String {
    let status = match (scenario.kind.missing_status(), scenario.kind) {
        (Some(code), _) => code.to_string(),
        (None, StateKind::Cache) => "cache miss".to_string(),
        (None, _) => "not set".to_string(),
    };
    let Some(holder) = holder else {
        return format!(
            "{status}: {item} was never stored, because its write found no running instance."
        );
    };
    let location = holder.location.word();
    let preposition = holder.location.preposition();
    let where_ = if holder.killed {
        format!(
            "{item} was {preposition} instance {}'s {location}, and instance {} was killed",
            holder.instance, holder.instance
        )
    } else {
        format!(
            "{item} is {preposition} instance {}'s {location}, not {instance}'s",
            holder.instance
        )
    };
    match scenario.kind {
        StateKind::Sessions => {
            let user = item.trim_end_matches("'s session");
            format!("{status}: {where_}, so {user} is logged out.")
        }
        _ => format!("{status}: {where_}."),
    }
}

fn differs_text(
    scenario: &Scenario,
    answer: &str,
    expected: &str,
    answers: &[InstanceAnswer],
) -> String {
    let each = answers
        .iter()
        .map(|a| format!("{} says {}", a.instance, a.answer))
        .collect::<Vec<_>>()
        .join(", ");
    let name = &scenario.name;
    match scenario.kind {
        StateKind::Counter => format!(
            "answers `{name}` = {answer}, but one shared counter would say {expected} ({each})."
        ),
        StateKind::Collection => {
            format!("lists {answer} in `{name}`, but {expected} were added ({each}).")
        }
        _ => format!("`{name}` is {answer} here, but {expected} was set last ({each})."),
    }
}

/// The sentence for a killed instance.
pub(crate) fn killed_text(instance: &str, lost: &[LostState]) -> String {
    if lost.is_empty() {
        return format!(
            "Instance {instance} was killed. It kept no data of its own: nothing is lost."
        );
    }
    let gone = lost
        .iter()
        .map(|piece| format!("{} from its {}", list(&piece.items), piece.location.word()))
        .collect::<Vec<_>>()
        .join("; ");
    format!("Instance {instance} was killed. Gone with it: {gone}.")
}

pub(crate) fn started_text(instance: &str, replaces: &str) -> String {
    format!(
        "Instance {instance} started in place of {replaces}: the same code, with empty memory and an empty disk."
    )
}

pub(crate) fn added_text(instance: &str) -> String {
    format!(
        "Instance {instance} was added behind the load balancer, with empty memory and an empty disk."
    )
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let words = |v: &[&str]| list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(words(&["a"]), "a");
        assert_eq!(words(&["a", "b"]), "a and b");
        assert_eq!(words(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn places_read_as_english() {
        let disk = Place::Instance {
            instance: "A".into(),
            location: InstanceLocation::LocalDisk,
        };
        assert_eq!(disk.phrase(), "on instance A's disk");
        let redis = Place::Service {
            service: BackingService::Redis,
        };
        assert_eq!(redis.phrase(), "in Redis");
    }

    #[test]
    fn a_kill_that_loses_nothing_says_so() {
        assert_eq!(
            killed_text("B", &[]),
            "Instance B was killed. It kept no data of its own: nothing is lost."
        );
    }
}
