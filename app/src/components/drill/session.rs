//! The drill the view runs: built from the learner's code and changed by the buttons.
//! Free of browser APIs, so plain `cargo test` covers it.

use std::rc::Rc;

use lint_core::{LintOptions, lint};
use phoenix_drill::{Drill, DrillOptions, Origin};
use yew::Reducible;

/// Two instances (the smallest picture where a request lands elsewhere) and always the
/// three standard pieces of state, so code whose state was moved out still shows its
/// boxes, now in the backing services.
pub const OPTIONS: DrillOptions = DrillOptions {
    instances: 2,
    standard_scenarios: true,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub drill: Drill,
    /// The code had a syntax error: the linter read only part of it.
    pub partial: bool,
    /// Why the last action could not be taken, for the status line.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Step,
    Play,
    Kill(String),
    StartFresh,
    AddInstance,
    Reset,
}

impl Session {
    /// Lints `source` and builds the drill from its findings.
    pub fn from_source(source: &str) -> Self {
        let result = lint(source, &LintOptions::default());
        Self {
            drill: Drill::from_findings_with(&result.diagnostics, OPTIONS),
            partial: result.has_fatal(),
            problem: None,
        }
    }

    /// How many pieces of state came from findings (the rest are standard ones, kept in
    /// backing services).
    pub fn found(&self) -> usize {
        self.drill
            .scenarios()
            .iter()
            .filter(|s| matches!(s.origin, Origin::Finding { .. }))
            .count()
    }

    pub fn act(&mut self, action: &Action) {
        self.problem = None;
        if matches!(action, Action::Step | Action::Play) && self.drill.is_finished() {
            self.problem = Some("Every request has been sent. Reset to send them again.".into());
            return;
        }
        let outcome = match action {
            Action::Step => {
                self.drill.step();
                Ok(())
            }
            Action::Play => {
                self.drill.play();
                Ok(())
            }
            Action::Kill(name) => self.drill.kill(name).map(drop),
            Action::StartFresh => self.drill.start_fresh().map(drop),
            Action::AddInstance => self.drill.add_instance().map(drop),
            Action::Reset => {
                self.drill.reset();
                Ok(())
            }
        };
        // Buttons that cannot act stay focusable (aria-disabled) so keyboard users keep
        // their place; pressing one says why nothing happened.
        if let Err(error) = outcome {
            self.problem = Some(format!("Not done: {error}."));
        }
    }
}

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.act(&action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;
    use crate::rewrite::plan_apply_all;
    use lint_core::apply_edits;

    fn running(session: &Session) -> Vec<String> {
        let snapshot = session.drill.snapshot();
        let up = snapshot.instances.into_iter();
        up.filter(|i| i.status == phoenix_drill::InstanceStatus::Running)
            .map(|i| i.name)
            .collect()
    }

    /// What "Apply all" in the playground turns the code into.
    fn apply_all(source: &str) -> String {
        let result = lint(source, &LintOptions::default());
        let plan = plan_apply_all(&result.diagnostics);
        apply_edits(source, &plan.edits)
    }

    #[test]
    fn the_default_example_loses_uploads_sessions_and_counts() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        assert!(!session.partial);
        assert_eq!(session.found(), 4, "uploads, sessions, hits and cache");
        session.act(&Action::Play);
        session.act(&Action::Kill("A".into()));
        let summary = session.drill.summary();
        assert!(summary.missing > 0 && summary.destroyed > 0 && summary.differing > 0);
        let killed = &session.drill.events().last().unwrap().text;
        assert!(killed.contains("file 1 from its disk"), "{killed}");
        assert!(killed.contains("ada's session from its memory"), "{killed}");
        assert_eq!(running(&session), ["B"]);
    }

    #[test]
    fn after_apply_all_the_same_drill_loses_nothing() {
        let rewritten = apply_all(examples::DEFAULT.source);
        let mut session = Session::from_source(&rewritten);
        assert_eq!(session.found(), 0, "{rewritten}");
        session.act(&Action::Play);
        session.act(&Action::Kill("A".into()));
        session.act(&Action::StartFresh);
        session.act(&Action::AddInstance);
        assert!(session.drill.summary().nothing_lost());
        assert!(session.drill.summary().requests > 0);
    }

    #[test]
    fn an_action_that_cannot_be_taken_says_why_and_changes_nothing() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        session.act(&Action::Kill("B".into()));
        let before = session.drill.clone();
        session.act(&Action::Kill("B".into()));
        assert_eq!(
            session.problem.as_deref(),
            Some("Not done: instance B is already killed.")
        );
        assert_eq!(session.drill, before);
        session.act(&Action::Play);
        assert_eq!(
            session.problem, None,
            "a successful action clears the message"
        );
        session.act(&Action::Step);
        assert!(
            session
                .problem
                .as_deref()
                .unwrap()
                .starts_with("Every request has been sent")
        );
        session.act(&Action::Reset);
        assert_eq!(session.drill.events(), []);
        assert_eq!(running(&session), ["A", "B"]);
    }
}
