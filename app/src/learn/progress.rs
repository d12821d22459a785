//! What a learner has done in the tutorial and in workshops: per exercise, whether it is
//! solved, how many hints were revealed, how often it was checked and the code in the
//! editor. Pure, so it is tested natively; `storage` keeps it in the browser.
//!
//! Progress belongs to an exercise, not to the view it was opened in: the same exercise
//! met in a lesson and in a workshop pack is one piece of work.

use std::collections::BTreeMap;
use std::rc::Rc;

use lint_core::exercise::{HintStep, Lesson, WorkshopPack};
use serde::{Deserialize, Serialize};
use yew::Reducible;

/// Bumped when the stored shape changes in a way old data cannot be read as.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseProgress {
    /// Set by the first check that passes and kept after later edits: solving is an
    /// event, not a property of whatever the editor holds now.
    pub solved: bool,
    /// Rungs of the hint ladder revealed, 0 to 3.
    pub hints_used: u8,
    /// How many times "Check" ran. "Show solution" waits for the first.
    pub checks: u32,
    /// The editor's text, so a reload continues where the learner was.
    pub code: Option<String>,
    /// The last text that passed every check: what a completion code is computed from,
    /// even if the learner kept editing afterwards.
    pub solved_code: Option<String>,
}

impl ExerciseProgress {
    pub fn has_checked(&self) -> bool {
        self.checks > 0
    }

    /// The hints revealed so far, in ladder order.
    pub fn revealed(&self) -> &'static [HintStep] {
        &HintStep::ALL[..usize::from(self.hints_used).min(HintStep::ALL.len())]
    }

    /// The rung "Hint" would reveal next, if any is left.
    pub fn next_hint(&self) -> Option<HintStep> {
        HintStep::ALL.get(usize::from(self.hints_used)).copied()
    }

    /// `ours` (changed in this tab) merged into `stored` (maybe changed in another tab
    /// since): the code is ours, since the learner typed it here; what only grows (solved,
    /// hints, checks) keeps the larger of the two, so no tab takes back what another did.
    pub fn merged(stored: &Self, ours: &Self) -> Self {
        Self {
            solved: stored.solved || ours.solved,
            hints_used: stored.hints_used.max(ours.hints_used),
            checks: stored.checks.max(ours.checks),
            code: ours.code.clone().or_else(|| stored.code.clone()),
            solved_code: ours
                .solved_code
                .clone()
                .or_else(|| stored.solved_code.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(rename = "v")]
    format: u32,
    exercises: BTreeMap<String, ExerciseProgress>,
    /// Counts resets in this page, so views can start their editors afresh. Not stored.
    #[serde(skip)]
    pub generation: u32,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            format: FORMAT,
            exercises: BTreeMap::new(),
            generation: 0,
        }
    }
}

impl Progress {
    /// Reads stored progress. Anything unreadable (damaged, or from a future format)
    /// starts afresh rather than stopping the tutorial from opening.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|p| p.format == FORMAT)
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("progress is plain strings and numbers")
    }

    pub fn exercise(&self, id: &str) -> ExerciseProgress {
        self.exercises.get(id).cloned().unwrap_or_default()
    }

    pub fn is_solved(&self, id: &str) -> bool {
        self.exercises.get(id).is_some_and(|e| e.solved)
    }

    fn entry(&mut self, id: &str) -> &mut ExerciseProgress {
        self.exercises.entry(id.to_string()).or_default()
    }

    /// Solved exercises of a lesson, and how many it has.
    pub fn lesson_counts(&self, lesson: &Lesson) -> (usize, usize) {
        let done = lesson
            .exercises
            .iter()
            .filter(|id| self.is_solved(id))
            .count();
        (done, lesson.exercises.len())
    }

    /// The first exercise of `ids` not solved yet; the first one when all are.
    pub fn first_open<'a>(&self, ids: &'a [String]) -> Option<&'a str> {
        ids.iter()
            .find(|id| !self.is_solved(id))
            .or_else(|| ids.first())
            .map(String::as_str)
    }

    /// This (the progress stored now) with the exercises that changed between `before`
    /// and `now` in one tab merged in, each on its own: exercises that tab did not touch
    /// stay as another tab saved them.
    pub fn with_changes(mut self, before: &Progress, now: &Progress) -> Self {
        let ids: std::collections::BTreeSet<&String> = before
            .exercises
            .keys()
            .chain(now.exercises.keys())
            .collect();
        for id in ids {
            let ours = now.exercise(id);
            if before.exercise(id) == ours {
                continue;
            }
            let merged = ExerciseProgress::merged(&self.exercise(id), &ours);
            self.exercises.insert(id.clone(), merged);
        }
        self.generation = now.generation;
        self
    }

    /// The passing source of every exercise of `pack`, for [`lint_core::exercise::completion_code`].
    pub fn solved_sources<'a>(&'a self, pack: &'a WorkshopPack) -> Vec<(&'a str, &'a str)> {
        pack.steps
            .iter()
            .filter_map(|step| {
                let code = self.exercises.get(&step.exercise)?.solved_code.as_deref()?;
                Some((step.exercise.as_str(), code))
            })
            .collect()
    }
}

pub enum ProgressAction {
    /// The editor of this exercise holds `code` now.
    Edit { exercise: String, code: String },
    /// "Check" ran on `code`.
    Checked {
        exercise: String,
        code: String,
        passed: bool,
    },
    /// Reveal the next rung of the hint ladder.
    RevealHint { exercise: String },
    /// Forget everything.
    Reset,
    /// Another tab saved `Progress`: show what it holds (it already includes this tab's
    /// changes, merged in when they were saved).
    Adopt(Progress),
}

impl Reducible for Progress {
    type Action = ProgressAction;

    fn reduce(self: Rc<Self>, action: ProgressAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ProgressAction::Edit { exercise, code } => {
                if next.exercise(&exercise).code.as_deref() == Some(code.as_str()) {
                    return self;
                }
                next.entry(&exercise).code = Some(code);
            }
            ProgressAction::Checked {
                exercise,
                code,
                passed,
            } => {
                let entry = next.entry(&exercise);
                entry.checks = entry.checks.saturating_add(1);
                if passed {
                    entry.solved = true;
                    entry.solved_code = Some(code.clone());
                }
                entry.code = Some(code);
            }
            ProgressAction::RevealHint { exercise } => {
                let entry = next.entry(&exercise);
                if entry.next_hint().is_none() {
                    return self;
                }
                entry.hints_used += 1;
            }
            ProgressAction::Adopt(stored) => {
                let adopted = Self {
                    generation: self.generation,
                    ..stored
                };
                if adopted == *self {
                    return self;
                }
                next = adopted;
            }
            ProgressAction::Reset => {
                next = Self {
                    generation: self.generation + 1,
                    ..Self::default()
                };
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::exercise::{default_pack, exercise, lessons};

    fn apply(progress: Progress, actions: Vec<ProgressAction>) -> Progress {
        let mut p = Rc::new(progress);
        for action in actions {
            p = p.reduce(action);
        }
        (*p).clone()
    }

    fn checked(id: &str, code: &str, passed: bool) -> ProgressAction {
        ProgressAction::Checked {
            exercise: id.into(),
            code: code.into(),
            passed,
        }
    }

    #[test]
    fn a_failed_check_counts_but_does_not_solve() {
        let p = apply(
            Progress::default(),
            vec![checked("uploads-1-dest", "x", false)],
        );
        let e = p.exercise("uploads-1-dest");
        assert_eq!(e.checks, 1);
        assert!(e.has_checked());
        assert!(!e.solved);
        assert_eq!(e.code.as_deref(), Some("x"));
        assert_eq!(e.solved_code, None);
    }

    #[test]
    fn solving_is_kept_when_the_code_later_breaks() {
        let p = apply(
            Progress::default(),
            vec![
                checked("a", "good", true),
                checked("a", "broken", false),
                ProgressAction::Edit {
                    exercise: "a".into(),
                    code: "typing".into(),
                },
            ],
        );
        let e = p.exercise("a");
        assert!(e.solved);
        assert_eq!(e.checks, 2);
        assert_eq!(e.code.as_deref(), Some("typing"));
        assert_eq!(e.solved_code.as_deref(), Some("good"));
    }

    #[test]
    fn hints_climb_the_ladder_and_stop_at_the_top() {
        let reveal = || ProgressAction::RevealHint {
            exercise: "a".into(),
        };
        let p = apply(Progress::default(), vec![reveal()]);
        assert_eq!(p.exercise("a").revealed(), [HintStep::Nudge]);
        assert_eq!(p.exercise("a").next_hint(), Some(HintStep::Partial));
        let p = apply(p, vec![reveal(), reveal(), reveal(), reveal()]);
        let e = p.exercise("a");
        assert_eq!(e.hints_used, 3);
        assert_eq!(e.revealed(), HintStep::ALL);
        assert_eq!(e.next_hint(), None);
    }

    #[test]
    fn an_unchanged_edit_keeps_the_same_state() {
        let p = Rc::new(apply(
            Progress::default(),
            vec![ProgressAction::Edit {
                exercise: "a".into(),
                code: "same".into(),
            }],
        ));
        let again = p.clone().reduce(ProgressAction::Edit {
            exercise: "a".into(),
            code: "same".into(),
        });
        assert!(Rc::ptr_eq(&p, &again), "no re-render for an unchanged text");
    }

    #[test]
    fn reset_forgets_everything_and_bumps_the_generation() {
        let p = apply(
            Progress::default(),
            vec![checked("a", "good", true), ProgressAction::Reset],
        );
        assert!(!p.is_solved("a"));
        assert_eq!(p.exercise("a"), ExerciseProgress::default());
        assert_eq!(p.generation, 1);
    }

    #[test]
    fn survives_a_round_trip_through_json() {
        let p = apply(
            Progress::default(),
            vec![
                checked("uploads-1-dest", "code ✓\r\n", true),
                ProgressAction::RevealHint {
                    exercise: "state-1-counter".into(),
                },
            ],
        );
        let text = p.to_json();
        assert!(text.starts_with("{\"v\":1,"), "{text}");
        assert!(!text.contains("generation"), "{text}");
        assert_eq!(Progress::from_json(&text), p);
    }

    #[test]
    fn damaged_or_foreign_data_starts_afresh() {
        for text in [
            "",
            "not json",
            "[]",
            "{\"v\":2,\"exercises\":{}}",
            "{\"v\":1,\"exercises\":{\"a\":{\"hints_used\":\"many\"}}}",
        ] {
            assert_eq!(Progress::from_json(text), Progress::default(), "{text}");
        }
        // Fields added later, or missing ones, do not lose the rest.
        let p = Progress::from_json("{\"v\":1,\"exercises\":{\"a\":{\"solved\":true,\"new\":1}}}");
        assert!(p.is_solved("a"));
        assert_eq!(p.exercise("a").checks, 0);
    }

    #[test]
    fn two_tabs_saving_different_exercises_keep_both() {
        // Both tabs opened with nothing stored.
        let start = Progress::default();
        let tab_a = apply(
            start.clone(),
            vec![ProgressAction::Edit {
                exercise: "uploads-1-dest".into(),
                code: "from tab A".into(),
            }],
        );
        let stored = Progress::default().with_changes(&start, &tab_a);
        let tab_b = apply(
            start.clone(),
            vec![checked("state-1-counter", "solved in B", true)],
        );
        let stored = stored.with_changes(&start, &tab_b);
        assert_eq!(
            stored.exercise("uploads-1-dest").code.as_deref(),
            Some("from tab A")
        );
        assert!(stored.is_solved("state-1-counter"));
        // Tab A, unaware of B, edits its exercise again: B's solved flag survives.
        let tab_a2 = apply(
            tab_a.clone(),
            vec![ProgressAction::Edit {
                exercise: "uploads-1-dest".into(),
                code: "A again".into(),
            }],
        );
        let stored = stored.with_changes(&tab_a, &tab_a2);
        assert!(stored.is_solved("state-1-counter"));
        assert_eq!(
            stored.exercise("uploads-1-dest").code.as_deref(),
            Some("A again")
        );
    }

    #[test]
    fn the_same_exercise_in_two_tabs_keeps_what_only_grows() {
        let start = Progress::default();
        let solved_in_b = Progress::default().with_changes(
            &start,
            &apply(start.clone(), vec![checked("a", "good", true)]),
        );
        let tab_a = apply(
            start.clone(),
            vec![ProgressAction::RevealHint {
                exercise: "a".into(),
            }],
        );
        let stored = solved_in_b.with_changes(&start, &tab_a);
        let e = stored.exercise("a");
        assert!(e.solved, "tab A's hint does not unsolve what B solved");
        assert_eq!((e.hints_used, e.checks), (1, 1));
        assert_eq!(e.solved_code.as_deref(), Some("good"));
    }

    #[test]
    fn adopting_another_tabs_progress_keeps_the_generation() {
        let here = Rc::new(apply(
            Progress::default(),
            vec![checked("a", "x", false), ProgressAction::Reset],
        ));
        let stored = apply(Progress::default(), vec![checked("b", "y", true)]);
        let adopted = here.clone().reduce(ProgressAction::Adopt(stored.clone()));
        assert!(adopted.is_solved("b"));
        assert_eq!(adopted.generation, here.generation);
        let again = adopted.clone().reduce(ProgressAction::Adopt(stored));
        assert!(Rc::ptr_eq(&adopted, &again), "nothing new: no re-render");
    }

    #[test]
    fn lesson_counts_and_the_first_open_exercise() {
        let uploads = lessons().iter().find(|l| l.id == "uploads").unwrap();
        let p = Progress::default();
        assert_eq!(p.lesson_counts(uploads), (0, 3));
        assert_eq!(p.first_open(&uploads.exercises), Some("uploads-1-dest"));
        let p = apply(p, vec![checked("uploads-1-dest", "x", true)]);
        assert_eq!(p.lesson_counts(uploads), (1, 3));
        assert_eq!(
            p.first_open(&uploads.exercises),
            Some("uploads-2-disk-storage")
        );
        let all = uploads
            .exercises
            .iter()
            .map(|id| checked(id, "x", true))
            .collect();
        let p = apply(p, all);
        assert_eq!(p.lesson_counts(uploads), (3, 3));
        assert_eq!(p.first_open(&uploads.exercises), Some("uploads-1-dest"));
        assert_eq!(p.first_open(&[]), None);
    }

    #[test]
    fn solved_sources_give_a_completion_code_once_the_pack_is_done() {
        use lint_core::exercise::completion_code;
        let pack = default_pack();
        let mut p = Progress::default();
        for (i, step) in pack.steps.iter().enumerate() {
            assert!(
                completion_code(pack, p.solved_sources(pack)).is_err(),
                "no code before step {i} is solved"
            );
            let solution = &exercise(&step.exercise).unwrap().solution;
            p = apply(
                p,
                vec![
                    checked(&step.exercise, solution, true),
                    // Editing after solving does not take the solution away.
                    ProgressAction::Edit {
                        exercise: step.exercise.clone(),
                        code: "const broken = ;".into(),
                    },
                ],
            );
        }
        assert_eq!(p.solved_sources(pack).len(), pack.steps.len());
        let code = completion_code(pack, p.solved_sources(pack)).expect("all solved");
        assert_eq!(code.len(), 6);
    }
}
