//! Workshop packs: an ordered list of exercises a facilitator hands out, and a short code
//! a learner shows when the pack is done.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Exercise, check, exercise};

/// One exercise of a pack, with an optional time box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackStep {
    pub exercise: String,
    /// Suggested minutes for this step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// An ordered set of exercises. Written in TOML for the built-in pack, or JSON for a
/// custom pack carried in a share link (the app decompresses and decodes the fragment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopPack {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub steps: Vec<PackStep>,
}

impl WorkshopPack {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str::<Self>(text)
            .map_err(|e| e.to_string())
            .and_then(Self::validated)
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str::<Self>(text)
            .map_err(|e| e.to_string())
            .and_then(Self::validated)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a pack is plain strings and numbers")
    }

    /// The sum of the time boxes given, in minutes.
    pub fn total_minutes(&self) -> u32 {
        self.steps.iter().filter_map(|s| s.minutes).sum()
    }

    /// The built-in exercises of this pack, in order.
    pub fn exercises(&self) -> impl Iterator<Item = &'static Exercise> + '_ {
        self.steps.iter().filter_map(|s| exercise(&s.exercise))
    }

    /// A pack from a link is untrusted input: it must name only built-in exercises, each
    /// once, so that a completion code always means the same set of checks.
    fn validated(self) -> Result<Self, String> {
        self.validated_against(super::exercises())
    }

    /// [`Self::validated`] against a given list of exercises: the built-in pack is checked
    /// while the built-in content is read, before [`exercise`] can answer.
    pub(crate) fn validated_against(self, exercises: &[Exercise]) -> Result<Self, String> {
        if self.id.trim().is_empty() {
            return Err("the pack has no id".to_string());
        }
        if self.steps.is_empty() {
            return Err("the pack has no exercises".to_string());
        }
        let mut seen = Vec::new();
        for step in &self.steps {
            if !exercises.iter().any(|e| e.id == step.exercise) {
                return Err(format!("unknown exercise `{}`", step.exercise));
            }
            if seen.contains(&step.exercise.as_str()) {
                return Err(format!("exercise `{}` is listed twice", step.exercise));
            }
            seen.push(&step.exercise);
        }
        Ok(self)
    }
}

/// The pack in `content/workshops/default.toml`. In the playground's wasm, a pack with no
/// id and no steps until the views have fetched the content (see [`crate::content`]).
pub fn default_pack() -> &'static WorkshopPack {
    static NOT_LOADED: WorkshopPack = WorkshopPack {
        id: String::new(),
        title: String::new(),
        description: None,
        steps: Vec::new(),
    };
    crate::content::learn().map_or(&NOT_LOADED, |learn| &learn.pack)
}

/// Why no completion code was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", content = "exercise", rename_all = "kebab-case")]
pub enum CompletionError {
    /// No source was given for this exercise.
    Missing(String),
    /// The source given for this exercise does not pass its checks.
    NotSolved(String),
}

impl std::fmt::Display for CompletionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing(id) => write!(f, "no solution was given for `{id}`"),
            Self::NotSolved(id) => write!(f, "the solution of `{id}` does not pass its checks"),
        }
    }
}

/// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand
/// is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a completion code: 30 bits.
pub const CODE_LEN: usize = 6;

/// A six-character code for a finished pack, derived from the pack id, its exercise ids
/// in order and the solved sources, once every source passes its exercise's checks.
///
/// What it proves: that *these* sources pass *this* pack. A facilitator who receives the
/// code with the sources can re-run [`completion_code`] and get the same code, so a
/// code cannot be paired with other sources or another pack without it showing. Line
/// endings and trailing blank space are normalised so a copy through another editor
/// still matches.
///
/// What it does not prove: who wrote the sources, that they were not copied, or that
/// the learner ran the checks at all. The algorithm is public and there is no secret
/// (the playground has no server to keep one), so anyone can compute a code for sources
/// they have; and 30 bits can collide by chance. It is a receipt, not a certificate.
pub fn completion_code<'s>(
    pack: &WorkshopPack,
    solved: impl IntoIterator<Item = (&'s str, &'s str)>,
) -> Result<String, CompletionError> {
    let solved: HashMap<&str, &str> = solved.into_iter().collect();
    let mut hash = Fnv1a::new();
    hash.write(b"phoenix-playground/completion/v1");
    hash.write(pack.id.as_bytes());
    for step in &pack.steps {
        let id = step.exercise.as_str();
        let source = solved
            .get(id)
            .ok_or_else(|| CompletionError::Missing(id.to_string()))?;
        let exercise = exercise(id).ok_or_else(|| CompletionError::NotSolved(id.to_string()))?;
        if !check(exercise, source).passed {
            return Err(CompletionError::NotSolved(id.to_string()));
        }
        hash.write(id.as_bytes());
        for line in source.trim_end().lines() {
            hash.write(line.trim_end().as_bytes());
            hash.write(b"\n");
        }
    }
    let digest = hash.finish();
    // Fold all 64 bits into the 30 the code shows, so every input bit counts.
    let folded = (digest ^ (digest >> 30) ^ (digest >> 60)) & ((1 << 30) - 1);
    Ok((0..CODE_LEN)
        .rev()
        .map(|i| ALPHABET[((folded >> (i * 5)) & 31) as usize] as char)
        .collect())
}

/// FNV-1a, 64 bits: tiny, stable across platforms and versions (unlike `DefaultHasher`),
/// which a code that must be recomputed later needs. Each write ends with a separator
/// so `("ab", "c")` and `("a", "bc")` differ.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(std::iter::once(&0xff)) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
