//! The drill the view runs: built from the learner's code and changed by the buttons.
//! Free of browser APIs, so plain `cargo test` covers it.

use std::rc::Rc;

use lint_core::{LintOptions, lint, survey};
use phoenix_drill::{Drill, DrillOptions, Origin};
use yew::Reducible;

/// Two instances: the smallest picture where a request lands elsewhere.
pub const OPTIONS: DrillOptions = DrillOptions { instances: 2 };

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
    /// Ten requests at once to each counter and list.
    PlayConcurrent,
    Kill(String),
    StartFresh,
    AddInstance,
    Reset,
}

impl Session {
    /// Lints and surveys `source` and builds the drill from its findings, its routes and
    /// the state it keeps in backing services.
    pub fn from_source(source: &str) -> Self {
        let options = LintOptions::default();
        let result = lint(source, &options);
        Self {
            drill: Drill::from_code(&result.diagnostics, &survey(source, &options), OPTIONS),
            partial: result.has_fatal(),
            problem: None,
        }
    }

    /// How many pieces of state came from findings (the rest are kept in backing
    /// services, where the code put them).
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
            Action::PlayConcurrent if !self.drill.can_play_concurrent() => {
                self.problem = Some(
                    "Not done: this code has no counter or list on a route to send requests to at once."
                        .into(),
                );
                return;
            }
            Action::PlayConcurrent => {
                self.drill.play_concurrent();
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

/// What "Apply all" in the playground turns the code into, for tests that compare the
/// drill before and after.
#[cfg(test)]
pub fn apply_all(source: &str) -> String {
    let result = lint(source, &LintOptions::default());
    let plan = crate::lint_session::edits::plan_apply_all(&result.diagnostics);
    lint_core::apply_edits(source, &plan.edits)
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
    use crate::shared::examples;

    fn running(session: &Session) -> Vec<String> {
        let snapshot = session.drill.snapshot();
        let up = snapshot.instances.into_iter();
        up.filter(|i| i.status == phoenix_drill::InstanceStatus::Running)
            .map(|i| i.name)
            .collect()
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

    /// Every request of the drill's script, as method and path.
    fn requests(session: &Session) -> Vec<String> {
        session
            .drill
            .scenarios()
            .iter()
            .flat_map(|s| &s.script)
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }

    #[test]
    fn before_and_after_apply_all_the_drill_sends_the_same_requests() {
        let before = Session::from_source(examples::DEFAULT.source);
        let after = Session::from_source(&apply_all(examples::DEFAULT.source));
        assert_eq!(after.found(), 0);
        assert!(requests(&before).len() > 15, "{:#?}", requests(&before));
        assert_eq!(requests(&before), requests(&after));
        // Only routes the example registers: POST /login, POST /photos, GET /photos/:id.
        for request in requests(&before) {
            assert!(
                ["POST /login", "POST /photos"].contains(&request.as_str())
                    || request.starts_with("GET /photos/"),
                "{request}"
            );
        }
    }

    #[test]
    fn play_concurrent_needs_a_counter_and_says_so_otherwise() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        session.act(&Action::PlayConcurrent);
        assert_eq!(session.problem, None);
        let burst = session.drill.events().last().unwrap();
        assert!(
            burst
                .text
                .starts_with("10 requests at once to `hits`: A says 5, B says 5"),
            "{}",
            burst.text
        );
        let mut cacheless = Session::from_source(
            "const express = require('express');\nconst app = express();\nconst cache = {};\napp.get('/a/:id', (req, res) => { cache[req.params.id] = 1; res.end(); });\n",
        );
        cacheless.act(&Action::PlayConcurrent);
        assert!(cacheless.problem.unwrap().contains("no counter or list"));
        assert!(cacheless.drill.events().is_empty());
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
