//! Workshop packs in links, and the facilitator's draft of a custom pack. Pure, so it
//! is tested natively.
//!
//! The built-in pack is addressed by its id (`#/workshop/default`). A custom pack has no
//! server to live on, so it travels whole in the fragment:
//! `#/workshop/custom?pack=<base64url(deflate(json))>`, the same encoding as share links.
//! A pack from a link is untrusted data: it is inflated under a size cap, parsed as JSON
//! and validated by [`WorkshopPack::from_json`] (built-in exercises only, each once).
//! It only ever selects and orders exercises; nothing in it is run.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lint_core::exercise::{PackStep, WorkshopPack, default_pack, exercises};

use crate::shell::page::WorkshopView;

/// The pack id that means "the pack is in the `pack` parameter".
pub const CUSTOM: &str = "custom";

/// A pack names at most every exercise once, so its JSON is a few hundred bytes; the cap
/// keeps a tiny link from inflating into a huge allocation.
const MAX_PACK_JSON: usize = 16 * 1024;

/// Longest title a custom pack may have; longer ones are cut at a character boundary in
/// the facilitator's form, and refused in a link (which the form never makes).
pub const MAX_TITLE_CHARS: usize = 120;

/// Longest description a pack from a link may have: a few sentences.
pub const MAX_DESCRIPTION_CHARS: usize = 600;

/// The minutes a time box may have; the form clamps into this range.
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=240;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Neither the built-in pack nor `custom`.
    UnknownPack(String),
    /// `custom` without a `pack` parameter.
    Missing,
    /// The parameter is not base64url, not deflate data, too large or not UTF-8.
    Corrupt(&'static str),
    /// The JSON is not a valid pack.
    Invalid(String),
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownPack(id) => write!(
                f,
                "There is no workshop pack called “{id}”. Ask your facilitator for the link again."
            ),
            Self::Missing => f.write_str(
                "This custom workshop link has lost its pack: the part after `?pack=` is missing.",
            ),
            Self::Corrupt(why) => write!(
                f,
                "This workshop link is damaged ({why}), perhaps cut off when it was copied."
            ),
            Self::Invalid(why) => write!(
                f,
                "This workshop link holds a pack that is not valid: {why}."
            ),
        }
    }
}

/// A pack ready to show, and how to link to it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedPack {
    pub pack: WorkshopPack,
    /// The encoded pack of a custom link; `None` for the built-in pack.
    pub payload: Option<String>,
}

impl LoadedPack {
    /// The fragment (without `#`) that opens this pack in `view`.
    pub fn fragment(&self, view: WorkshopView) -> String {
        let suffix = match view {
            WorkshopView::Learner => "",
            WorkshopView::Facilitator => "/facilitator",
            WorkshopView::Presenter => "/presenter",
        };
        match &self.payload {
            None => format!("/workshop/{}{suffix}", self.pack.id),
            Some(payload) => format!("/workshop/{CUSTOM}{suffix}?pack={payload}"),
        }
    }
}

/// The value of `name` in the query of a fragment such as `#/workshop/custom?pack=…`.
pub fn query_param<'a>(fragment: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = fragment.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The pack a workshop route names: the built-in one, or the custom one in `fragment`.
pub fn resolve(pack_id: &str, fragment: &str) -> Result<LoadedPack, PackError> {
    if pack_id == default_pack().id {
        return Ok(LoadedPack {
            pack: default_pack().clone(),
            payload: None,
        });
    }
    if pack_id != CUSTOM {
        return Err(PackError::UnknownPack(pack_id.to_string()));
    }
    let payload = query_param(fragment, "pack")
        .filter(|p| !p.is_empty())
        .ok_or(PackError::Missing)?;
    Ok(LoadedPack {
        pack: decode(payload)?,
        payload: Some(payload.to_string()),
    })
}

/// `base64url(deflate(json))` of a pack.
pub fn encode(pack: &WorkshopPack) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
        pack.to_json().as_bytes(),
        9,
    ))
}

pub fn decode(payload: &str) -> Result<WorkshopPack, PackError> {
    // Tolerate padding some tools add back; the alphabet must still be URL-safe.
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| PackError::Corrupt("not base64url"))?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_PACK_JSON).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => PackError::Corrupt("too large"),
                _ => PackError::Corrupt("not deflate data"),
            }
        })?;
    let json = String::from_utf8(json).map_err(|_| PackError::Corrupt("not UTF-8 text"))?;
    let pack = WorkshopPack::from_json(&json).map_err(PackError::Invalid)?;
    // The title and description are shown in headings and on the presenter's screen: a
    // link must not fill those with pages of text.
    let too_long = |text: &str, max: usize| text.chars().nth(max).is_some();
    if too_long(&pack.title, MAX_TITLE_CHARS) {
        return Err(PackError::Invalid(format!(
            "its title is longer than {MAX_TITLE_CHARS} characters"
        )));
    }
    if pack
        .description
        .as_deref()
        .is_some_and(|d| too_long(d, MAX_DESCRIPTION_CHARS))
    {
        return Err(PackError::Invalid(format!(
            "its description is longer than {MAX_DESCRIPTION_CHARS} characters"
        )));
    }
    Ok(pack)
}

/// `index` moved by `delta`, kept within `0..len`: previous/next never wrap around, so
/// pressing "next" on the last step stays there rather than jumping to the first.
pub fn moved(index: usize, len: usize, delta: isize) -> usize {
    index
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// One row of the facilitator's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStep {
    pub exercise: String,
    pub included: bool,
    pub minutes: Option<u32>,
}

/// A custom pack being put together: every built-in exercise, in the chosen order, each
/// in or out of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackDraft {
    pub title: String,
    pub steps: Vec<DraftStep>,
}

impl PackDraft {
    /// Starts from `pack`: its steps first, in order and included, then the other
    /// built-in exercises, left out.
    pub fn from_pack(pack: &WorkshopPack) -> Self {
        let mut steps: Vec<DraftStep> = pack
            .steps
            .iter()
            .map(|s| DraftStep {
                exercise: s.exercise.clone(),
                included: true,
                minutes: s.minutes,
            })
            .collect();
        for exercise in exercises() {
            if !steps.iter().any(|s| s.exercise == exercise.id) {
                steps.push(DraftStep {
                    exercise: exercise.id.clone(),
                    included: false,
                    minutes: None,
                });
            }
        }
        Self {
            title: pack.title.clone(),
            steps,
        }
    }

    /// Swaps row `index` with its neighbour above (`up`) or below; nothing at the ends.
    pub fn move_step(&mut self, index: usize, up: bool) {
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        };
        if let Some(other) = other.filter(|&o| o < self.steps.len())
            && index < self.steps.len()
        {
            self.steps.swap(index, other);
        }
    }

    /// The pack the form describes, validated as a pack from a link would be.
    pub fn to_pack(&self) -> Result<WorkshopPack, String> {
        let title: String = self.title.trim().chars().take(MAX_TITLE_CHARS).collect();
        if title.is_empty() {
            return Err("Give the pack a title.".to_string());
        }
        let steps: Vec<PackStep> = self
            .steps
            .iter()
            .filter(|s| s.included)
            .map(|s| PackStep {
                exercise: s.exercise.clone(),
                minutes: s.minutes.map(|m| m.clamp(*MINUTES.start(), *MINUTES.end())),
            })
            .collect();
        if steps.is_empty() {
            return Err("Choose at least one exercise.".to_string());
        }
        let pack = WorkshopPack {
            id: slug(&title),
            title,
            description: None,
            steps,
        };
        // The same validation a learner's browser runs on the link.
        WorkshopPack::from_json(&pack.to_json())
    }
}

/// Reads a minutes field: empty means no time box; anything else is clamped to [`MINUTES`].
pub fn parse_minutes(text: &str) -> Option<u32> {
    let n: u64 = text.trim().parse().ok()?;
    Some(
        u32::try_from(n)
            .unwrap_or(u32::MAX)
            .clamp(*MINUTES.start(), *MINUTES.end()),
    )
}

/// A pack id from its title: lower-case ASCII letters and digits joined by dashes. The id
/// goes into the completion code, so two packs with different titles get different codes.
pub fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let slug: String = words.join("-").chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        CUSTOM.to_string()
    } else {
        format!("{CUSTOM}-{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_pack() -> WorkshopPack {
        WorkshopPack {
            id: "custom-friday".into(),
            title: "Friday “lunch & learn” 🔥".into(),
            description: None,
            steps: vec![
                PackStep {
                    exercise: "state-1-counter".into(),
                    minutes: Some(5),
                },
                PackStep {
                    exercise: "uploads-1-dest".into(),
                    minutes: None,
                },
            ],
        }
    }

    fn deflated(json: &str) -> String {
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
    }

    #[test]
    fn titles_and_descriptions_from_links_have_a_length_limit() {
        let mut pack = small_pack();
        pack.title = "t".repeat(MAX_TITLE_CHARS);
        pack.description = Some("d".repeat(MAX_DESCRIPTION_CHARS));
        assert_eq!(decode(&encode(&pack)), Ok(pack.clone()), "at the limits");
        let mut long_title = pack.clone();
        long_title.title.push('🔥');
        match decode(&encode(&long_title)) {
            Err(PackError::Invalid(why)) => assert!(why.contains("title"), "{why}"),
            other => panic!("expected Invalid, got {other:?}"),
        }
        let mut long_description = pack;
        long_description.description = Some("d".repeat(15_000));
        match decode(&encode(&long_description)) {
            Err(PackError::Invalid(why)) => assert!(why.contains("description"), "{why}"),
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn the_built_in_pack_needs_no_parameter() {
        let loaded = resolve("default", "#/workshop/default").unwrap();
        assert_eq!(&loaded.pack, default_pack());
        assert_eq!(loaded.payload, None);
        assert_eq!(
            loaded.fragment(WorkshopView::Presenter),
            "/workshop/default/presenter"
        );
    }

    #[test]
    fn a_custom_pack_round_trips_through_its_link() {
        let pack = small_pack();
        let payload = encode(&pack);
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)),
            "needs no escaping: {payload}"
        );
        let fragment = format!("#/workshop/custom/facilitator?pack={payload}");
        let loaded = resolve(CUSTOM, &fragment).unwrap();
        assert_eq!(loaded.pack, pack);
        assert_eq!(
            format!("#{}", loaded.fragment(WorkshopView::Facilitator)),
            fragment
        );
        assert_eq!(
            loaded.fragment(WorkshopView::Learner),
            format!("/workshop/custom?pack={payload}")
        );
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        assert_eq!(
            resolve("nope", "#/workshop/nope"),
            Err(PackError::UnknownPack("nope".into()))
        );
        assert_eq!(
            resolve(CUSTOM, "#/workshop/custom"),
            Err(PackError::Missing)
        );
        assert_eq!(
            resolve(CUSTOM, "#/workshop/custom?pack="),
            Err(PackError::Missing)
        );
        assert_eq!(decode("@@@"), Err(PackError::Corrupt("not base64url")));
        assert_eq!(
            decode("aGVsbG8"),
            Err(PackError::Corrupt("not deflate data"))
        );
        let not_utf8 = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff], 9));
        assert_eq!(decode(&not_utf8), Err(PackError::Corrupt("not UTF-8 text")));
        let bomb = deflated(&" ".repeat(MAX_PACK_JSON + 1));
        assert_eq!(decode(&bomb), Err(PackError::Corrupt("too large")));
    }

    #[test]
    fn packs_that_parse_but_are_not_valid_are_refused() {
        for (json, why) in [
            (
                "{\"id\":\"x\",\"title\":\"t\",\"steps\":[]}",
                "no exercises",
            ),
            (
                "{\"id\":\"x\",\"title\":\"t\",\"steps\":[{\"exercise\":\"rm -rf\"}]}",
                "unknown exercise",
            ),
            (
                "{\"id\":\"x\",\"title\":\"t\",\"steps\":[{\"exercise\":\"state-1-counter\"},{\"exercise\":\"state-1-counter\"}]}",
                "twice",
            ),
            (
                "{\"id\":\"x\",\"title\":\"t\",\"steps\":[],\"script\":\"alert(1)\"}",
                "unknown field",
            ),
            ("[1,2,3]", "invalid type"),
        ] {
            match decode(&deflated(json)) {
                Err(PackError::Invalid(message)) => {
                    assert!(message.contains(why), "{json}: {message}")
                }
                other => panic!("{json}: expected Invalid, got {other:?}"),
            }
        }
        assert!(
            PackError::Invalid("x".into())
                .to_string()
                .contains("not valid")
        );
    }

    #[test]
    fn query_parameters_are_found_by_name() {
        assert_eq!(query_param("#/w/custom?a=1&pack=xyz", "pack"), Some("xyz"));
        assert_eq!(query_param("#/w/custom?pack=", "pack"), Some(""));
        assert_eq!(query_param("#/w/custom?packs=1", "pack"), None);
        assert_eq!(query_param("#/w/custom", "pack"), None);
    }

    #[test]
    fn moving_stays_within_the_steps() {
        assert_eq!(moved(0, 3, -1), 0);
        assert_eq!(moved(0, 3, 1), 1);
        assert_eq!(moved(2, 3, 1), 2);
        assert_eq!(moved(2, 3, -1), 1);
        assert_eq!(moved(0, 0, 1), 0);
    }

    #[test]
    fn a_draft_lists_every_exercise_with_the_pack_first() {
        let draft = PackDraft::from_pack(&small_pack());
        assert_eq!(draft.steps.len(), exercises().len());
        assert_eq!(draft.steps[0].exercise, "state-1-counter");
        assert_eq!(draft.steps[0].minutes, Some(5));
        assert!(draft.steps[..2].iter().all(|s| s.included));
        assert!(draft.steps[2..].iter().all(|s| !s.included));
        // Unchanged, it makes the same steps back.
        assert_eq!(draft.to_pack().unwrap().steps, small_pack().steps);
    }

    #[test]
    fn a_draft_reorders_and_makes_a_valid_pack() {
        let mut draft = PackDraft::from_pack(&small_pack());
        draft.move_step(1, true);
        assert_eq!(draft.steps[0].exercise, "uploads-1-dest");
        draft.move_step(0, true);
        assert_eq!(draft.steps[0].exercise, "uploads-1-dest", "top stays put");
        let last = draft.steps.len() - 1;
        draft.move_step(last, false);
        draft.move_step(last + 5, true);
        draft.steps[0].minutes = Some(9999);
        draft.title = "  Friday lunch & learn  ".into();
        let pack = draft.to_pack().unwrap();
        assert_eq!(pack.id, "custom-friday-lunch-learn");
        assert_eq!(pack.title, "Friday lunch & learn");
        assert_eq!(pack.steps[0].exercise, "uploads-1-dest");
        assert_eq!(pack.steps[0].minutes, Some(240));
        assert_eq!(decode(&encode(&pack)).unwrap(), pack);
    }

    #[test]
    fn a_draft_needs_a_title_and_an_exercise() {
        let mut draft = PackDraft::from_pack(&small_pack());
        draft.title = "   ".into();
        assert!(draft.to_pack().unwrap_err().contains("title"));
        draft.title = "t".into();
        for step in &mut draft.steps {
            step.included = false;
        }
        assert!(draft.to_pack().unwrap_err().contains("at least one"));
    }

    #[test]
    fn minutes_and_slugs() {
        assert_eq!(parse_minutes(""), None);
        assert_eq!(parse_minutes("abc"), None);
        assert_eq!(parse_minutes(" 12 "), Some(12));
        assert_eq!(parse_minutes("0"), Some(1));
        assert_eq!(parse_minutes("99999999999"), Some(240));
        assert_eq!(slug("Été 2025!"), "custom-t-2025");
        assert_eq!(slug("🔥🔥"), "custom");
        assert!(slug(&"word ".repeat(50)).len() <= CUSTOM.len() + 1 + 40);
        assert!(!slug(&"ab ".repeat(30)).ends_with('-'));
    }
}
