//! What a rewrite needs before its code can run: npm packages at the majors the rewrites
//! were checked with, the environment variables the code reads, and the backing services.

use serde::{Deserialize, Serialize};

/// An npm package at the major version the rewrite's code was written and run against.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Package {
    pub name: String,
    /// The major version, as npm takes it after `@` (`"9"` → `connect-redis@9`).
    pub major: String,
}

/// A service outside the process that keeps the state a rewrite moves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    Redis,
    /// An S3-compatible object store (AWS S3, MinIO, R2, …).
    ObjectStorage,
    #[serde(rename = "mongodb")]
    MongoDb,
    #[serde(rename = "postgresql")]
    PostgreSql,
}

impl Service {
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Redis => "Redis",
            Self::ObjectStorage => "an S3-compatible bucket",
            Self::MongoDb => "MongoDB",
            Self::PostgreSql => "PostgreSQL",
        }
    }
}

/// What a rewrite needs. Derived from what the rewrite inserts (its imports and the
/// `process.env` names in its text), so it cannot drift from the code it describes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirements {
    /// Sorted by name, each once.
    pub packages: Vec<Package>,
    /// Environment variables the inserted code reads, sorted, each once.
    pub env: Vec<String>,
    /// Sorted, each once.
    pub services: Vec<Service>,
}

impl Requirements {
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty() && self.env.is_empty() && self.services.is_empty()
    }

    /// `npm install connect-redis@9 redis@6`, or `None` when no package is needed.
    pub fn install_command(&self) -> Option<String> {
        if self.packages.is_empty() {
            return None;
        }
        let packages: Vec<String> = self
            .packages
            .iter()
            .map(|p| format!("{}@{}", p.name, p.major))
            .collect();
        Some(format!("npm install {}", packages.join(" ")))
    }

    /// One line for terminals and plain-text reports:
    /// `needs: npm install redis@6; environment: REDIS_URL; service: Redis`.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(install) = self.install_command() {
            parts.push(install);
        }
        if !self.env.is_empty() {
            parts.push(format!("environment: {}", self.env.join(", ")));
        }
        if !self.services.is_empty() {
            let services: Vec<&str> = self.services.iter().map(|s| s.describe()).collect();
            let noun = if services.len() == 1 {
                "service"
            } else {
                "services"
            };
            parts.push(format!("{noun}: {}", services.join(", ")));
        }
        (!parts.is_empty()).then(|| format!("needs: {}", parts.join("; ")))
    }

    /// Adds everything `other` needs.
    pub fn merge(&mut self, other: &Requirements) {
        for package in &other.packages {
            self.add_package(&package.name, &package.major, None);
        }
        for service in &other.services {
            if !self.services.contains(service) {
                self.services.push(*service);
                self.services.sort();
            }
        }
        for name in &other.env {
            if !self.env.contains(name) {
                self.env.push(name.clone());
                self.env.sort();
            }
        }
    }

    pub(crate) fn add_package(&mut self, name: &str, major: &str, service: Option<Service>) {
        if !self.packages.iter().any(|p| p.name == name) {
            self.packages.push(Package {
                name: name.to_owned(),
                major: major.to_owned(),
            });
            self.packages.sort();
        }
        if let Some(service) = service
            && !self.services.contains(&service)
        {
            self.services.push(service);
            self.services.sort();
        }
    }

    /// Records every `process.env.NAME` that `code` reads.
    pub(crate) fn add_env_from(&mut self, code: &str) {
        const PREFIX: &str = "process.env.";
        let mut rest = code;
        while let Some(at) = rest.find(PREFIX) {
            rest = &rest[at + PREFIX.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = &rest[..end];
            if !name.is_empty() && !self.env.iter().any(|e| e == name) {
                self.env.push(name.to_owned());
                self.env.sort();
            }
            rest = &rest[end..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names_are_read_from_code_once_each_and_sorted() {
        let mut needs = Requirements::default();
        needs.add_env_from(
            "createClient({ url: process.env.REDIS_URL }); Bucket: process.env.UPLOAD_BUCKET, \
             process.env.REDIS_URL; process.env.",
        );
        assert_eq!(needs.env, ["REDIS_URL", "UPLOAD_BUCKET"]);
    }

    #[test]
    fn summary_names_install_environment_and_service() {
        let mut needs = Requirements::default();
        needs.add_package("redis", "6", Some(Service::Redis));
        needs.add_package("connect-redis", "9", Some(Service::Redis));
        needs.add_env_from("process.env.REDIS_URL");
        assert_eq!(
            needs.summary().as_deref(),
            Some(
                "needs: npm install connect-redis@9 redis@6; environment: REDIS_URL; service: Redis"
            )
        );
        assert_eq!(Requirements::default().summary(), None);
    }
}
