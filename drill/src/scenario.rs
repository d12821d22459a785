//! Scenarios: one per piece of state, with the requests that write and then read it.
//!
//! A finding's route is used when it is known (`POST /photos/upload` uploads, then
//! `GET /photos/<id>` fetches); otherwise a plain made-up path stands in and the scenario
//! says "unknown route", so the picture never claims more than the code shows.

use lint_core::{Route, StateInfo, StateKind, StateLocation};
use serde::Serialize;

use crate::model::{BackingService, Behaviour, Placement};

/// Users who log in, in order; the n-th item of a scenario belongs to the n-th of them.
const USERS: [&str; 4] = ["ada", "grace", "linus", "barbara"];

/// Where a scenario came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Origin {
    /// A finding; `index` is its position in the list given to the drill.
    Finding { index: usize },
    /// One of the standard three (uploads, sessions, counter) the drill was asked to
    /// always show; no finding covers it, so it lives in a backing service.
    Standard,
}

/// Whether a request changes the state or only looks at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intent {
    Write,
    Read,
}

/// One request of a scenario's script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// Upper-case HTTP method.
    pub method: String,
    /// A concrete path, route parameters filled in (`/photos/1`).
    pub path: String,
    pub intent: Intent,
    /// Which item it writes or reads (file 1, ada's session, …), numbered from 1.
    pub item: u32,
    /// What it does, in words: "upload file 1", "visit as ada".
    pub description: String,
}

/// One piece of state and the requests that exercise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// Its name in the code (`uploads/`, `hits`), or a plain name for a standard one.
    pub name: String,
    pub kind: StateKind,
    pub placement: Placement,
    /// The route it is tied to, when the linter could tell.
    pub route: Option<Route>,
    /// `route` as shown to people: `POST /photos/upload`, or `unknown route`.
    pub route_label: String,
    pub origin: Origin,
    /// The requests, in the order the drill sends them.
    pub script: Vec<Request>,
}

impl Scenario {
    /// A scenario for a finding's state: kept inside each instance, where the code puts it.
    pub fn from_state(state: &StateInfo, origin: Origin) -> Self {
        Self::new(
            state.name.clone(),
            state.kind,
            Placement::Instance {
                location: state.location,
            },
            state.routes.first().cloned(),
            origin,
        )
    }

    /// A standard scenario kept in a backing service: what the code does after a rewrite
    /// moved the state out of the process.
    pub fn standard(kind: StateKind) -> Self {
        let (name, service) = match kind {
            StateKind::UploadedFiles => ("uploads", BackingService::ObjectStorage),
            StateKind::Sessions => ("sessions", BackingService::Redis),
            StateKind::Collection => ("records", BackingService::Database),
            _ => ("counter", BackingService::Redis),
        };
        Self::new(
            name.to_string(),
            kind,
            Placement::Service { service },
            None,
            Origin::Standard,
        )
    }

    fn new(
        name: String,
        kind: StateKind,
        placement: Placement,
        route: Option<Route>,
        origin: Origin,
    ) -> Self {
        let route_label = route
            .as_ref()
            .map_or_else(|| "unknown route".to_string(), ToString::to_string);
        let mut scenario = Self {
            name,
            kind,
            placement,
            route,
            route_label,
            origin,
            script: Vec::new(),
        };
        scenario.script = scenario.build_script();
        scenario
    }

    pub(crate) fn behaviour(&self) -> Behaviour {
        behaviour(self.kind)
    }

    /// The words for item `n`: "file 1", "ada's session", "entry 1 of `cache`".
    pub fn item_label(&self, n: u32) -> String {
        match self.kind {
            StateKind::UploadedFiles => format!("file {n}"),
            StateKind::Sessions => format!("{}'s session", user(n)),
            StateKind::Cache => format!("entry {n} of `{}`", self.name),
            StateKind::Counter => format!("`{}` = {n}", self.name),
            StateKind::Collection => format!("item {n} of `{}`", self.name),
            StateKind::RequestContext => format!("`{}` = {}", self.name, user(n)),
            StateKind::Configuration => format!("`{}` = value {n}", self.name),
        }
    }

    /// What a single value holds, for answers: "ada", "value 2".
    pub(crate) fn value_label(&self, n: u32) -> String {
        match self.kind {
            StateKind::RequestContext => user(n).to_string(),
            _ => format!("value {n}"),
        }
    }

    /// Write then read, in the pattern that shows the state's behaviour: keyed items and
    /// values are read twice so that, round robin, one read lands elsewhere and one lands
    /// home; a second write makes the copies disagree.
    fn build_script(&self) -> Vec<Request> {
        let (write, read) = self.endpoints();
        // A counter bumped by a GET (`hits++` in `app.get`) cannot be read without being
        // bumped: every request of its script counts.
        let read_writes = self.behaviour() == Behaviour::Counter && read == write;
        let w = |item| self.request(&write, Intent::Write, item);
        let r = |item| {
            let intent = if read_writes {
                Intent::Write
            } else {
                Intent::Read
            };
            self.request(&read, intent, item)
        };
        match self.behaviour() {
            Behaviour::Keyed => vec![w(1), r(1), r(1), w(2), r(2), r(2)],
            // Item n of a counter is its n-th count: the read after three counts reads 3,
            // or counts a 4th when reading counts too.
            Behaviour::Counter => vec![w(1), w(2), w(3), r(if read_writes { 4 } else { 3 })],
            Behaviour::List => vec![w(1), w(2), r(2)],
            Behaviour::Value => vec![w(1), r(1), r(1), w(2), r(2), r(2)],
        }
    }

    fn request(&self, endpoint: &(String, String), intent: Intent, item: u32) -> Request {
        let (method, template) = endpoint;
        Request {
            method: method.clone(),
            path: fill(template, item),
            intent,
            item,
            description: self.describe(intent, item),
        }
    }

    fn describe(&self, intent: Intent, item: u32) -> String {
        let name = &self.name;
        match (self.kind, intent) {
            (StateKind::UploadedFiles, Intent::Write) => format!("upload file {item}"),
            (StateKind::UploadedFiles, Intent::Read) => format!("fetch file {item}"),
            (StateKind::Sessions, Intent::Write) => format!("log in as {}", user(item)),
            (StateKind::Sessions, Intent::Read) => format!("visit as {}", user(item)),
            (StateKind::Counter, Intent::Write) => format!("count a request in `{name}`"),
            (StateKind::Counter, Intent::Read) => format!("read `{name}`"),
            (StateKind::Cache, Intent::Write) => format!("store entry {item} in `{name}`"),
            (StateKind::Cache, Intent::Read) => format!("read entry {item} of `{name}`"),
            (StateKind::Collection, Intent::Write) => format!("add item {item} to `{name}`"),
            (StateKind::Collection, Intent::Read) => format!("list `{name}`"),
            (StateKind::RequestContext, Intent::Write) => {
                format!("a request by {} sets `{name}`", user(item))
            }
            (StateKind::Configuration, Intent::Write) => {
                format!("set `{name}` to value {item}")
            }
            (_, Intent::Read) => format!("read `{name}`"),
        }
    }

    /// (method, path template) of the writing and the reading request.
    fn endpoints(&self) -> ((String, String), (String, String)) {
        let method = self.route.as_ref().map(|r| r.method.as_str());
        let path = self.route.as_ref().and_then(|r| r.path.as_deref());
        let slug = slug(&self.name);
        match self.kind {
            StateKind::UploadedFiles => {
                // Files arrive by a request with a body; middleware mounts (`USE`) post.
                let write_method = method
                    .filter(|m| matches!(*m, "POST" | "PUT" | "PATCH"))
                    .unwrap_or("POST");
                let write_path = path.unwrap_or("/upload");
                // A path with a parameter names the resource itself (`PUT /users/:id/avatar`);
                // otherwise files are fetched under the collection (`/photos/upload` → `/photos/<id>`).
                let read_path = if has_param(write_path) {
                    write_path.to_string()
                } else {
                    let base = strip_upload_suffix(write_path);
                    format!("{}/:id", if base.is_empty() { "/uploads" } else { base })
                };
                (
                    (write_method.to_string(), write_path.to_string()),
                    ("GET".to_string(), read_path),
                )
            }
            StateKind::Sessions => match (method, path) {
                // Mounted as middleware: log in and visit under its prefix.
                (Some("USE" | "ALL") | None, _) => {
                    let prefix = path.unwrap_or("/").trim_end_matches('/');
                    (
                        ("POST".to_string(), format!("{prefix}/login")),
                        ("GET".to_string(), format!("{prefix}/profile")),
                    )
                }
                (Some(m), p) => (
                    (m.to_string(), p.unwrap_or("/login").to_string()),
                    ("GET".to_string(), "/profile".to_string()),
                ),
            },
            _ => {
                let write_method = match method {
                    Some("USE" | "ALL") => "GET",
                    Some(m) => m,
                    None => "POST",
                };
                let path = path.map_or_else(|| format!("/{slug}"), str::to_string);
                (
                    (write_method.to_string(), path.clone()),
                    ("GET".to_string(), path),
                )
            }
        }
    }
}

pub(crate) fn behaviour(kind: StateKind) -> Behaviour {
    match kind {
        StateKind::UploadedFiles | StateKind::Sessions | StateKind::Cache => Behaviour::Keyed,
        StateKind::Counter => Behaviour::Counter,
        StateKind::Collection => Behaviour::List,
        StateKind::RequestContext | StateKind::Configuration => Behaviour::Value,
    }
}

/// The order scenarios are played in: the three the product teaches first.
pub(crate) fn teaching_rank(kind: StateKind) -> u8 {
    match kind {
        StateKind::UploadedFiles => 0,
        StateKind::Sessions => 1,
        StateKind::Counter => 2,
        StateKind::Cache => 3,
        StateKind::Collection => 4,
        StateKind::RequestContext => 5,
        StateKind::Configuration => 6,
    }
}

/// Words for where a location is, inside an instance: "disk", "memory".
pub(crate) fn location_word(location: StateLocation) -> &'static str {
    match location {
        // State already in a service is never placed inside an instance.
        StateLocation::ProcessMemory | StateLocation::BackingService => "memory",
        StateLocation::LocalDisk => "disk",
    }
}

fn user(n: u32) -> &'static str {
    USERS[(n.max(1) as usize - 1) % USERS.len()]
}

/// A path segment from a name in the code: `app.locals.theme` → `theme`.
fn slug(name: &str) -> String {
    let last = name
        .trim_end_matches('/')
        .rsplit(['.', '/'])
        .next()
        .unwrap_or_default();
    let slug: String = last
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if slug.is_empty() {
        "state".to_string()
    } else {
        slug
    }
}

fn has_param(path: &str) -> bool {
    path.split('/').any(|s| s.starts_with(':') || s == "*")
}

/// `/photos/upload` → `/photos`; `/upload` → ``.
fn strip_upload_suffix(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((base, "upload" | "uploads" | "new")) => base,
        _ => trimmed,
    }
}

/// Fills route parameters (`:id`, `*`) with the item's number.
fn fill(template: &str, item: u32) -> String {
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with(':') || segment == "*" {
                item.to_string()
            } else {
                segment.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(method: &str, path: Option<&str>) -> Route {
        Route {
            method: method.to_string(),
            path: path.map(str::to_string),
        }
    }

    fn scenario(kind: StateKind, name: &str, route: Option<Route>) -> Scenario {
        let location = if kind == StateKind::UploadedFiles {
            StateLocation::LocalDisk
        } else {
            StateLocation::ProcessMemory
        };
        Scenario::from_state(
            &StateInfo {
                location,
                kind,
                name: name.to_string(),
                routes: route.into_iter().collect(),
            },
            Origin::Finding { index: 0 },
        )
    }

    fn lines(scenario: &Scenario) -> Vec<String> {
        scenario
            .script
            .iter()
            .map(|r| format!("{} {} ({})", r.method, r.path, r.description))
            .collect()
    }

    #[test]
    fn uploads_on_a_known_route_are_fetched_under_its_collection() {
        let s = scenario(
            StateKind::UploadedFiles,
            "uploads/",
            Some(route("POST", Some("/photos/upload"))),
        );
        assert_eq!(s.route_label, "POST /photos/upload");
        assert_eq!(
            lines(&s),
            [
                "POST /photos/upload (upload file 1)",
                "GET /photos/1 (fetch file 1)",
                "GET /photos/1 (fetch file 1)",
                "POST /photos/upload (upload file 2)",
                "GET /photos/2 (fetch file 2)",
                "GET /photos/2 (fetch file 2)",
            ]
        );
    }

    #[test]
    fn uploads_to_a_resource_path_are_fetched_from_it() {
        let s = scenario(
            StateKind::UploadedFiles,
            "avatars",
            Some(route("PUT", Some("/users/:id/avatar"))),
        );
        assert_eq!(s.script[0].path, "/users/1/avatar");
        assert_eq!(s.script[1].method, "GET");
        assert_eq!(s.script[1].path, "/users/1/avatar");
    }

    #[test]
    fn an_unknown_route_gets_a_plain_path_and_says_so() {
        let s = scenario(StateKind::UploadedFiles, "uploads/", None);
        assert_eq!(s.route_label, "unknown route");
        assert_eq!(s.script[0].path, "/upload");
        assert_eq!(s.script[1].path, "/uploads/1");
        let c = scenario(StateKind::Counter, "app.locals.visits", None);
        assert_eq!(
            lines(&c)[0],
            "POST /visits (count a request in `app.locals.visits`)"
        );
        assert_eq!(c.script[3].intent, Intent::Read);
    }

    #[test]
    fn sessions_mounted_as_middleware_log_in_and_visit_under_its_prefix() {
        let s = scenario(
            StateKind::Sessions,
            "sessions",
            Some(route("USE", Some("/"))),
        );
        assert_eq!(
            lines(&s)[..3],
            [
                "POST /login (log in as ada)",
                "GET /profile (visit as ada)",
                "GET /profile (visit as ada)",
            ]
        );
        assert_eq!(lines(&s)[3], "POST /login (log in as grace)");
        let admin = scenario(
            StateKind::Sessions,
            "sessions",
            Some(route("USE", Some("/admin"))),
        );
        assert_eq!(admin.script[0].path, "/admin/login");
        assert_eq!(admin.script[1].path, "/admin/profile");
    }

    #[test]
    fn a_counter_bumped_by_a_get_counts_on_every_request() {
        let s = scenario(
            StateKind::Counter,
            "hits",
            Some(route("GET", Some("/photos/:id"))),
        );
        assert!(s.script.iter().all(|r| r.intent == Intent::Write));
        let paths: Vec<&str> = s.script.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["/photos/1", "/photos/2", "/photos/3", "/photos/4"]);
        let posted = scenario(
            StateKind::Counter,
            "likes",
            Some(route("POST", Some("/like"))),
        );
        assert_eq!(
            lines(&posted),
            [
                "POST /like (count a request in `likes`)",
                "POST /like (count a request in `likes`)",
                "POST /like (count a request in `likes`)",
                "GET /like (read `likes`)",
            ]
        );
    }

    #[test]
    fn caches_collections_and_values_write_then_read_on_their_route() {
        let cache = scenario(
            StateKind::Cache,
            "cache",
            Some(route("GET", Some("/users/:id"))),
        );
        assert_eq!(lines(&cache)[0], "GET /users/1 (store entry 1 in `cache`)");
        assert_eq!(lines(&cache)[1], "GET /users/1 (read entry 1 of `cache`)");
        let list = scenario(
            StateKind::Collection,
            "messages",
            Some(route("POST", Some("/messages"))),
        );
        assert_eq!(
            lines(&list),
            [
                "POST /messages (add item 1 to `messages`)",
                "POST /messages (add item 2 to `messages`)",
                "GET /messages (list `messages`)",
            ]
        );
        let context = scenario(
            StateKind::RequestContext,
            "currentUser",
            Some(route("USE", Some("/"))),
        );
        assert_eq!(
            lines(&context)[..2],
            [
                "GET / (a request by ada sets `currentUser`)",
                "GET / (read `currentUser`)"
            ]
        );
        let computed = scenario(StateKind::Collection, "visits", Some(route("GET", None)));
        assert_eq!(computed.route_label, "GET (computed path)");
        assert_eq!(computed.script[0].path, "/visits");
    }

    #[test]
    fn standard_scenarios_live_in_backing_services() {
        let uploads = Scenario::standard(StateKind::UploadedFiles);
        assert_eq!(
            uploads.placement,
            Placement::Service {
                service: BackingService::ObjectStorage
            }
        );
        assert_eq!(uploads.origin, Origin::Standard);
        assert_eq!(uploads.route_label, "unknown route");
        for kind in [StateKind::Sessions, StateKind::Counter] {
            assert_eq!(
                Scenario::standard(kind).placement,
                Placement::Service {
                    service: BackingService::Redis
                }
            );
        }
    }

    #[test]
    fn slugs_and_fills() {
        assert_eq!(slug("process.env.DEBUG"), "debug");
        assert_eq!(slug("uploads/"), "uploads");
        assert_eq!(slug("'notes/' + x"), "x");
        assert_eq!(slug("$$"), "state");
        assert_eq!(fill("/a/:id/b/*", 7), "/a/7/b/7");
        assert_eq!(strip_upload_suffix("/upload"), "");
        assert_eq!(strip_upload_suffix("/photos/"), "/photos");
    }
}
