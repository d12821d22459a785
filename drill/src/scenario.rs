//! Scenarios: one per piece of state, with the requests that write and then read it.
//!
//! Every request goes to a route the code has: the finding's own route (`POST /photos`
//! uploads), and for reading back a route the code registers (`GET /photos/:id`, a route
//! that reads `req.session`). When the code has no route for a step, the scenario leaves
//! the step out and its [`Scenario::note`] says so; nothing is made up. The same code
//! before and after a rewrite therefore sends the same requests to the same routes.

use lint_core::{HttpRoute, RegisteredRoute, StateInfo, StateKind};
use serde::Serialize;

use crate::model::{Behaviour, Placement};

/// Users who log in, in order; the n-th item of a scenario belongs to the n-th of them.
const USERS: [&str; 4] = ["ada", "grace", "linus", "barbara"];

/// Stands for a path the code computes at run time: the drill cannot name it.
const COMPUTED_PATH: &str = "(computed path)";

/// Where a scenario came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Origin {
    /// A finding; `index` is its position in the list given to the drill.
    Finding { index: usize },
    /// State the code keeps in a backing service, with no finding; `index` is its
    /// position in [`lint_core::Survey::shared`].
    Shared { index: usize },
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
    /// Its name in the code (`uploads/`, `hits`, a Redis key).
    pub name: String,
    pub kind: StateKind,
    pub placement: Placement,
    /// The route it is tied to, when the linter could tell.
    pub route: Option<HttpRoute>,
    /// `route` as shown to people: `POST /photos/upload`, or `unknown route`.
    pub route_label: String,
    pub origin: Origin,
    /// Handlers read, change and write it back (`get` then `set`): requests served at the
    /// same time overwrite each other's updates, even in a shared service.
    pub lost_update: bool,
    /// The requests, in the order the drill sends them.
    pub script: Vec<Request>,
    /// What the code has no route for, so the script leaves it out: "Your code has no
    /// route that serves the files back, so the drill only uploads them."
    pub note: Option<String>,
}

/// A request's method and route path, before its parameters are filled in.
type Endpoint = (String, String);

/// What a scenario's script is made of.
struct Plan {
    write: Option<Endpoint>,
    read: Option<Endpoint>,
    note: Option<String>,
}

impl Plan {
    fn none(note: String) -> Self {
        Self {
            write: None,
            read: None,
            note: Some(note),
        }
    }
}

impl Scenario {
    /// A scenario for a piece of state, with requests only to `known` routes (the routes
    /// the code registers) and to the state's own routes.
    pub fn new(
        state: &StateInfo,
        placement: Placement,
        origin: Origin,
        lost_update: bool,
        known: &[RegisteredRoute],
    ) -> Self {
        let route = state.routes.first().cloned();
        let route_label = route
            .as_ref()
            .map_or_else(|| "unknown route".to_string(), ToString::to_string);
        let mut scenario = Self {
            name: state.name.clone(),
            kind: state.kind,
            placement,
            route,
            route_label,
            origin,
            lost_update,
            script: Vec::new(),
            note: None,
        };
        let plan = scenario.plan(state, known);
        scenario.script = scenario.build_script(&plan);
        scenario.note = plan.note;
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
    /// home; a second write makes the copies disagree. Without a route to read from, the
    /// writes alone (a kill still shows what they left inside an instance).
    fn build_script(&self, plan: &Plan) -> Vec<Request> {
        let Some(write) = &plan.write else {
            return Vec::new();
        };
        // A counter bumped by a GET (`hits++` in `app.get`) cannot be read without being
        // bumped: every request of its script counts.
        let read_writes =
            self.behaviour() == Behaviour::Counter && plan.read.as_ref() == Some(write);
        let w = |item| self.request(write, Intent::Write, item);
        let Some(read) = &plan.read else {
            return match self.behaviour() {
                // Every count answers the new value: the answers show the split.
                Behaviour::Counter => (1..=4).map(w).collect(),
                _ => vec![w(1), w(2)],
            };
        };
        let r = |item| {
            let intent = if read_writes {
                Intent::Write
            } else {
                Intent::Read
            };
            self.request(read, intent, item)
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

    fn request(&self, endpoint: &Endpoint, intent: Intent, item: u32) -> Request {
        let (method, template) = endpoint;
        Request {
            method: method.clone(),
            path: fill(template, item),
            intent,
            item,
            description: self.describe(method, intent, item),
        }
    }

    fn describe(&self, method: &str, intent: Intent, item: u32) -> String {
        let name = &self.name;
        match (self.kind, intent) {
            (StateKind::UploadedFiles, Intent::Write) => format!("upload file {item}"),
            (StateKind::UploadedFiles, Intent::Read) => format!("fetch file {item}"),
            (StateKind::Sessions, Intent::Write) => format!("log in as {}", user(item)),
            (StateKind::Sessions, Intent::Read) if method == "GET" => {
                format!("visit as {}", user(item))
            }
            (StateKind::Sessions, Intent::Read) => format!("a request as {}", user(item)),
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

    /// Which routes write and read the state, from its own routes and the known ones.
    fn plan(&self, state: &StateInfo, known: &[RegisteredRoute]) -> Plan {
        let Some(route) = &self.route else {
            let what = match self.kind {
                StateKind::UploadedFiles => "receives the files".to_string(),
                StateKind::Sessions => "has the session middleware".to_string(),
                _ => format!("changes `{}`", self.name),
            };
            return Plan::none(format!(
                "The linter could not tell which route {what}, so the drill sends no request for it."
            ));
        };
        let path = route
            .path
            .clone()
            .unwrap_or_else(|| COMPUTED_PATH.to_string());
        let is_mount = matches!(route.method.as_str(), "USE" | "ALL");
        match self.kind {
            StateKind::UploadedFiles => {
                // Files arrive by a request with a body; an upload middleware mounted with
                // `use` takes them from a POST.
                let method = if is_mount {
                    "POST"
                } else {
                    route.method.as_str()
                };
                let read = file_reader(&path, known);
                let note = read.is_none().then(|| {
                    "Your code has no route that serves the files back, so the drill only uploads them."
                        .to_string()
                });
                Plan {
                    write: Some((method.to_string(), path)),
                    read,
                    note,
                }
            }
            StateKind::Sessions => sessions_plan(route, &path, is_mount, known),
            _ => {
                let write = if is_mount {
                    // Middleware runs for every request under its path: send one of the
                    // code's own routes there, a GET when there is one.
                    let under: Vec<&RegisteredRoute> = known
                        .iter()
                        .filter(|r| is_concrete(&r.route) && is_under(&path, &r.route))
                        .collect();
                    under
                        .iter()
                        .find(|r| r.route.method == "GET")
                        .or(under.first())
                        .map_or_else(|| ("GET".to_string(), path.clone()), |r| endpoint(&r.route))
                } else {
                    (route.method.clone(), path.clone())
                };
                let read = if write.0 == "GET" {
                    Some(write.clone())
                } else {
                    let reads_same_path = |r: &HttpRoute| {
                        r.method == "GET" && r.path.as_deref() == Some(write.1.as_str())
                    };
                    known
                        .iter()
                        .map(|r| &r.route)
                        .chain(&state.routes)
                        .find(|r| reads_same_path(r))
                        .map(endpoint)
                };
                let note = match (&read, self.behaviour()) {
                    (Some(_), _) => None,
                    (None, Behaviour::Counter) => Some(format!(
                        "Your code has no GET {} to read `{}`, so each count's own answer shows it.",
                        write.1, self.name
                    )),
                    (None, _) => Some(format!(
                        "Your code has no GET {} to read `{}` back, so the drill only writes it.",
                        write.1, self.name
                    )),
                };
                Plan {
                    write: Some(write),
                    read,
                    note,
                }
            }
        }
    }
}

/// Log in on a route that writes `req.session`, then visit one that reads it, both where
/// the session middleware is mounted.
fn sessions_plan(route: &HttpRoute, path: &str, is_mount: bool, known: &[RegisteredRoute]) -> Plan {
    let served = |r: &&RegisteredRoute| {
        is_concrete(&r.route)
            && if is_mount {
                is_under(path, &r.route)
            } else {
                r.route == *route
            }
    };
    let login = known
        .iter()
        .filter(served)
        .find(|r| r.writes_session)
        .map(|r| endpoint(&r.route));
    let Some(login) = login else {
        return Plan::none(
            "No route of your code writes to the session, so nobody logs in and the drill sends no request for it."
                .to_string(),
        );
    };
    let others: Vec<&RegisteredRoute> = known
        .iter()
        .filter(served)
        .filter(|r| endpoint(&r.route) != login)
        .collect();
    // A route that reads the session shows the loss; any other route still loads it.
    let visit = others
        .iter()
        .find(|r| r.reads_session && r.route.method == "GET")
        .or_else(|| others.iter().find(|r| r.reads_session))
        .or_else(|| others.iter().find(|r| r.route.method == "GET"))
        .map(|r| endpoint(&r.route));
    let note = visit.is_none().then(|| {
        "No other route of your code uses the session, so the drill only logs in.".to_string()
    });
    Plan {
        write: Some(login),
        read: visit,
        note,
    }
}

/// The route that serves an uploaded file back: a GET of the resource itself
/// (`PUT /users/:id/avatar`), one under the upload's collection (`POST /photos` →
/// `GET /photos/:id`), or a static folder (`app.use('/files', express.static(…))`).
fn file_reader(write_path: &str, known: &[RegisteredRoute]) -> Option<Endpoint> {
    let gets = || known.iter().filter(|r| r.route.method == "GET");
    if has_param(write_path) {
        return gets()
            .find(|r| r.route.path.as_deref() == Some(write_path))
            .map(|r| endpoint(&r.route));
    }
    let base = strip_upload_suffix(write_path);
    let item_of_base = |path: &str| {
        path.strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|rest| !rest.contains('/') && has_param(rest))
    };
    gets()
        .find(|r| r.route.path.as_deref().is_some_and(item_of_base))
        .map(|r| endpoint(&r.route))
        .or_else(|| {
            known.iter().find(|r| r.serves_files).map(|r| {
                let prefix = r.route.path.as_deref().unwrap_or("/").trim_end_matches('/');
                ("GET".to_string(), format!("{prefix}/:file"))
            })
        })
}

fn endpoint(route: &HttpRoute) -> Endpoint {
    (
        route.method.clone(),
        route
            .path
            .clone()
            .unwrap_or_else(|| COMPUTED_PATH.to_string()),
    )
}

/// A route a request can be sent to: a method and a literal path, not a middleware mount.
fn is_concrete(route: &HttpRoute) -> bool {
    route.path.is_some() && !matches!(route.method.as_str(), "USE" | "ALL")
}

/// True when `route`'s path is `prefix` or below it.
fn is_under(prefix: &str, route: &HttpRoute) -> bool {
    let prefix = prefix.trim_end_matches('/');
    route.path.as_deref().is_some_and(|path| {
        prefix.is_empty()
            || path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    })
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

fn user(n: u32) -> &'static str {
    USERS[(n.max(1) as usize - 1) % USERS.len()]
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
    use lint_core::StateLocation;

    use super::*;
    use crate::model::InstanceLocation;

    fn route(method: &str, path: Option<&str>) -> HttpRoute {
        HttpRoute {
            method: method.to_string(),
            path: path.map(str::to_string),
        }
    }

    /// `"GET /photos/:id"`, with flags after it: `"POST /login writes"`.
    fn known(lines: &[&str]) -> Vec<RegisteredRoute> {
        lines
            .iter()
            .map(|line| {
                let mut words = line.split(' ');
                let method = words.next().unwrap();
                let path = words.next().unwrap();
                let flags: Vec<&str> = words.collect();
                RegisteredRoute {
                    route: route(method, Some(path)),
                    reads_session: flags.contains(&"reads"),
                    writes_session: flags.contains(&"writes"),
                    receives_files: flags.contains(&"files"),
                    serves_files: flags.contains(&"static"),
                }
            })
            .collect()
    }

    fn scenario(
        kind: StateKind,
        name: &str,
        route: Option<HttpRoute>,
        known: &[RegisteredRoute],
    ) -> Scenario {
        let location = if kind == StateKind::UploadedFiles {
            InstanceLocation::LocalDisk
        } else {
            InstanceLocation::ProcessMemory
        };
        Scenario::new(
            &StateInfo {
                location: StateLocation::ProcessMemory,
                kind,
                name: name.to_string(),
                routes: route.into_iter().collect(),
            },
            Placement::Instance { location },
            Origin::Finding { index: 0 },
            false,
            known,
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
    fn uploads_are_fetched_from_the_codes_route_under_their_collection() {
        let s = scenario(
            StateKind::UploadedFiles,
            "uploads/",
            Some(route("POST", Some("/photos/upload"))),
            &known(&["POST /photos/upload files", "GET /photos/:id"]),
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
        assert_eq!(s.note, None);
    }

    #[test]
    fn uploads_with_no_route_to_fetch_them_are_only_uploaded_and_it_is_said() {
        let s = scenario(
            StateKind::UploadedFiles,
            "uploads/",
            Some(route("POST", Some("/photos"))),
            &known(&["POST /photos files", "GET /users/:id"]),
        );
        assert_eq!(
            lines(&s),
            [
                "POST /photos (upload file 1)",
                "POST /photos (upload file 2)"
            ]
        );
        assert!(
            s.note
                .unwrap()
                .contains("no route that serves the files back")
        );
    }

    #[test]
    fn uploads_are_fetched_from_a_static_folder_or_their_own_resource() {
        let s = scenario(
            StateKind::UploadedFiles,
            "avatars",
            Some(route("POST", Some("/avatar"))),
            &known(&["POST /avatar files", "USE /avatars static"]),
        );
        assert_eq!(s.script[1].path, "/avatars/1");
        let s = scenario(
            StateKind::UploadedFiles,
            "avatars",
            Some(route("PUT", Some("/users/:id/avatar"))),
            &known(&["PUT /users/:id/avatar files", "GET /users/:id/avatar"]),
        );
        assert_eq!(s.script[0].path, "/users/1/avatar");
        assert_eq!(s.script[1].method, "GET");
        assert_eq!(s.script[1].path, "/users/1/avatar");
    }

    #[test]
    fn an_unknown_route_sends_nothing_and_says_so() {
        let s = scenario(StateKind::UploadedFiles, "uploads/", None, &[]);
        assert_eq!(s.route_label, "unknown route");
        assert!(s.script.is_empty());
        assert_eq!(
            s.note.as_deref(),
            Some(
                "The linter could not tell which route receives the files, so the drill sends no request for it."
            )
        );
        let c = scenario(StateKind::Counter, "app.locals.visits", None, &[]);
        assert!(c.script.is_empty());
        assert!(c.note.unwrap().contains("changes `app.locals.visits`"));
    }

    #[test]
    fn sessions_log_in_and_visit_on_the_codes_own_routes() {
        let routes = known(&[
            "POST /login writes",
            "POST /photos reads files",
            "GET /photos/:id",
            "GET /me reads",
        ]);
        let s = scenario(
            StateKind::Sessions,
            "sessions",
            Some(route("USE", Some("/"))),
            &routes,
        );
        assert_eq!(
            lines(&s)[..3],
            [
                "POST /login (log in as ada)",
                "GET /me (visit as ada)",
                "GET /me (visit as ada)",
            ]
        );
        assert_eq!(lines(&s)[3], "POST /login (log in as grace)");
        // Without a GET that reads it, a route that reads it; the session still loads.
        let s = scenario(
            StateKind::Sessions,
            "sessions",
            Some(route("USE", Some("/"))),
            &routes[..3],
        );
        assert_eq!(lines(&s)[1], "POST /photos (a request as ada)");
        // Mounted under a prefix: only routes below it.
        let admin = scenario(
            StateKind::Sessions,
            "sessions",
            Some(route("USE", Some("/admin"))),
            &known(&[
                "POST /login writes",
                "POST /admin/login writes",
                "GET /admin",
            ]),
        );
        assert_eq!(admin.script[0].path, "/admin/login");
        assert_eq!(admin.script[1].path, "/admin");
    }

    #[test]
    fn sessions_nobody_logs_in_to_send_nothing() {
        let s = scenario(
            StateKind::Sessions,
            "sessions",
            Some(route("USE", Some("/"))),
            &known(&["GET /cart reads"]),
        );
        assert!(s.script.is_empty());
        assert!(
            s.note
                .unwrap()
                .starts_with("No route of your code writes to the session")
        );
    }

    #[test]
    fn a_counter_bumped_by_a_get_counts_on_every_request() {
        let s = scenario(
            StateKind::Counter,
            "hits",
            Some(route("GET", Some("/photos/:id"))),
            &[],
        );
        assert!(s.script.iter().all(|r| r.intent == Intent::Write));
        let paths: Vec<&str> = s.script.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["/photos/1", "/photos/2", "/photos/3", "/photos/4"]);
    }

    #[test]
    fn a_posted_counter_is_read_only_where_the_code_has_a_get() {
        let likes = Some(route("POST", Some("/like")));
        let with_get = scenario(
            StateKind::Counter,
            "likes",
            likes.clone(),
            &known(&["POST /like", "GET /like"]),
        );
        assert_eq!(
            lines(&with_get),
            [
                "POST /like (count a request in `likes`)",
                "POST /like (count a request in `likes`)",
                "POST /like (count a request in `likes`)",
                "GET /like (read `likes`)",
            ]
        );
        let without = scenario(StateKind::Counter, "likes", likes, &known(&["POST /like"]));
        assert_eq!(without.script.len(), 4);
        assert!(without.script.iter().all(|r| r.method == "POST"));
        assert!(without.note.unwrap().contains("no GET /like"));
    }

    #[test]
    fn caches_collections_and_values_write_then_read_on_their_route() {
        let cache = scenario(
            StateKind::Cache,
            "cache",
            Some(route("GET", Some("/users/:id"))),
            &[],
        );
        assert_eq!(lines(&cache)[0], "GET /users/1 (store entry 1 in `cache`)");
        assert_eq!(lines(&cache)[1], "GET /users/1 (read entry 1 of `cache`)");
        let list = scenario(
            StateKind::Collection,
            "messages",
            Some(route("POST", Some("/messages"))),
            &known(&["GET /messages", "POST /messages"]),
        );
        assert_eq!(
            lines(&list),
            [
                "POST /messages (add item 1 to `messages`)",
                "POST /messages (add item 2 to `messages`)",
                "GET /messages (list `messages`)",
            ]
        );
        // Middleware: one of the code's routes under its mount, a GET first.
        let context = scenario(
            StateKind::RequestContext,
            "currentUser",
            Some(route("USE", Some("/"))),
            &known(&["POST /reports", "GET /reports/:id"]),
        );
        assert_eq!(
            lines(&context)[..2],
            [
                "GET /reports/1 (a request by ada sets `currentUser`)",
                "GET /reports/1 (read `currentUser`)"
            ]
        );
        let computed = scenario(
            StateKind::Collection,
            "visits",
            Some(route("GET", None)),
            &[],
        );
        assert_eq!(computed.route_label, "GET (computed path)");
        assert_eq!(computed.script[0].path, "(computed path)");
    }

    #[test]
    fn paths_under_prefixes_and_fills() {
        assert!(is_under("/", &route("GET", Some("/a"))));
        assert!(is_under("/api", &route("GET", Some("/api/x"))));
        assert!(!is_under("/api", &route("GET", Some("/apix"))));
        assert_eq!(fill("/a/:id/b/*", 7), "/a/7/b/7");
        assert_eq!(strip_upload_suffix("/upload"), "");
        assert_eq!(strip_upload_suffix("/photos/"), "/photos");
    }
}
