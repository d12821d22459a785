//! The owned results of a lint: what is wrong, where, what it breaks and how to fix it.

use serde::{Deserialize, Serialize};

pub use crate::rules::RuleId;
use crate::{edits::apply_edits, position::SourceRange, requirements::Requirements};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, not a defect (e.g. a temp file deleted in the same request).
    Info,
    Warning,
    Error,
}

/// What happens to the state when the server is treated as disposable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// The server is rebuilt or restarted: the state is gone.
    LostOnReplace,
    /// A second instance is added: the next request may land where the state is not.
    DivergesOnScale,
    /// Concurrent requests read, change and write back the same value: one overwrites the
    /// other's update. Shared state can still lose data this way.
    LostUpdate,
}

impl Failure {
    pub const fn describe(self) -> &'static str {
        match self {
            Self::LostOnReplace => "lost when the server is replaced",
            Self::DivergesOnScale => "differs between instances when scaled",
            Self::LostUpdate => "concurrent updates overwrite each other",
        }
    }
}

/// Where a piece of state lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StateLocation {
    ProcessMemory,
    LocalDisk,
    /// Already in a backing service shared by every instance (Redis, a database).
    BackingService,
}

/// What a piece of state holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StateKind {
    UploadedFiles,
    Sessions,
    Cache,
    Counter,
    Collection,
    RequestContext,
    Configuration,
}

impl StateKind {
    /// What the state is, in plain words, the same wherever people read it (the
    /// explanation panel, the drill): "uploaded files", "a counter", "a list".
    pub const fn words(self) -> &'static str {
        match self {
            Self::UploadedFiles => "uploaded files",
            Self::Sessions => "sessions",
            Self::Cache => "a cache",
            Self::Counter => "a counter",
            Self::Collection => "a list",
            Self::RequestContext => "per-request data",
            Self::Configuration => "a setting",
        }
    }

    /// The HTTP status a request gets when the instance serving it lacks this state, for
    /// the kinds where a status says it: a missing upload is a 404, a missing session
    /// logs the user out (401). Other kinds fail without a status of their own.
    pub const fn missing_status(self) -> Option<u16> {
        match self {
            Self::UploadedFiles => Some(404),
            Self::Sessions => Some(401),
            Self::Cache
            | Self::Counter
            | Self::Collection
            | Self::RequestContext
            | Self::Configuration => None,
        }
    }
}

/// An HTTP route a piece of state is tied to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HttpRoute {
    /// Upper-case method, or `ALL`/`USE` for middleware.
    pub method: String,
    /// The path as written, or `None` when it is not a literal.
    pub path: Option<String>,
}

impl std::fmt::Display for HttpRoute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{} {}", self.method, path),
            None => write!(f, "{} (computed path)", self.method),
        }
    }
}

/// The state a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateInfo {
    pub location: StateLocation,
    pub kind: StateKind,
    /// Its name in the code (`uploads/`, `sessions`, `hits`, …).
    pub name: String,
    /// The route or middleware it is tied to, when it can be determined.
    pub routes: Vec<HttpRoute>,
}

/// A secondary place in the code that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub range: SourceRange,
    pub message: String,
    /// The project path of the file the label is in, when that is not the finding's own
    /// file (a whole-project lint: "declared in `models/cart.js`").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Label {
    /// A label in the finding's own file.
    pub fn new(range: SourceRange, message: impl Into<String>) -> Self {
        Self {
            range,
            message: message.into(),
            file: None,
        }
    }

    /// A label in another file of the project.
    pub fn in_file(
        file: impl Into<String>,
        range: SourceRange,
        message: impl Into<String>,
    ) -> Self {
        Self {
            range,
            message: message.into(),
            file: Some(file.into()),
        }
    }
}

/// Replace `range` with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub range: SourceRange,
    pub text: String,
}

/// Whether applying a rewrite keeps the program's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// Meaning unchanged; could be applied without review.
    Safe,
    /// Changes behaviour or adds a dependency or service; a person must review it.
    Suggestion,
}

/// A suggested rewrite: a titled set of non-overlapping edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rewrite {
    pub title: String,
    pub safety: FixSafety,
    /// Sorted by start, never overlapping.
    pub edits: Vec<TextEdit>,
    /// What the rewritten code needs to run: packages, environment, backing services.
    #[serde(default)]
    pub needs: Requirements,
    /// Edits in other files of the project, for a rewrite that also changes the module
    /// declaring the state (a whole-project lint only; a single-file lint never has any).
    #[serde(default, rename = "otherFiles", skip_serializing_if = "Vec::is_empty")]
    pub other_files: Vec<FileEdits>,
}

/// A rewrite's edits in another file of the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEdits {
    /// The file's path exactly as given in [`crate::ProjectFile::path`].
    pub path: String,
    /// Sorted by start, never overlapping, in that file's offsets.
    pub edits: Vec<TextEdit>,
}

impl Rewrite {
    /// The source with this rewrite's edits applied.
    pub fn apply(&self, source: &str) -> String {
        apply_edits(source, self.edits.iter())
    }

    /// The title and, when there is any, what the rewrite needs — for plain-text reports
    /// (ESLint suggestions, SARIF fixes) that have one line per rewrite.
    pub fn description(&self) -> String {
        match self.needs.summary() {
            Some(needs) => format!("{} ({needs})", self.title),
            None => self.title.clone(),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `None` for a syntax error or an input the linter refused.
    pub rule: Option<RuleId>,
    pub severity: Severity,
    /// True when the file could not be linted fully (syntax error, refused input).
    pub fatal: bool,
    /// What is wrong.
    pub message: String,
    /// Where: the primary range.
    pub range: SourceRange,
    /// Where else: e.g. the route a middleware is mounted on.
    pub labels: Vec<Label>,
    /// What to do.
    pub help: Option<String>,
    pub failures: Vec<Failure>,
    pub state: Option<StateInfo>,
    pub rewrites: Vec<Rewrite>,
}

impl Diagnostic {
    /// A fatal diagnostic: the file could not be linted (fully), for the reason given.
    pub fn fatal(message: String, range: SourceRange, labels: Vec<Label>) -> Self {
        Self {
            rule: None,
            severity: Severity::Error,
            fatal: true,
            message,
            range,
            labels,
            help: None,
            failures: vec![],
            state: None,
            rewrites: vec![],
        }
    }
}
