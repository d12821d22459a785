//! The drill the view runs: built from the learner's code and changed by the buttons.
//! Free of browser APIs, so plain `cargo test` covers it.

use std::rc::Rc;

use lint_core::{LintOptions, lint, survey};

use crate::lint_session::project::{SourceFile, drill_input};
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
    /// Play is sending the script one request per tick (the view owns the timer).
    pub playing: bool,
    pub speed: Speed,
}

/// How fast Play sends the script: one request per interval, or all at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    Slow,
    /// Slow enough to read each log line and see its arrow before the next one.
    #[default]
    Normal,
    Fast,
    Instant,
}

impl Speed {
    pub const ALL: [Self; 4] = [Self::Slow, Self::Normal, Self::Fast, Self::Instant];

    /// The pause between two requests; `None` sends them all at once.
    pub const fn interval_ms(self) -> Option<u32> {
        match self {
            Self::Slow => Some(1200),
            Self::Normal => Some(600),
            Self::Fast => Some(250),
            Self::Instant => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Slow => "slow",
            Self::Normal => "normal",
            Self::Fast => "fast",
            Self::Instant => "instant",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Step,
    /// Starts sending the rest of the script at the chosen speed (all of it at once when
    /// instant); pauses when it is already playing.
    Play,
    /// The next request of a paced Play; ignored when not playing.
    Tick,
    SetSpeed(Speed),
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
            playing: false,
            speed: Speed::default(),
        }
    }

    /// The drill of a project's files: every file's findings, and the routes and
    /// services of them all. One file is [`Session::from_source`].
    pub fn from_files(files: &[SourceFile]) -> Self {
        if let [only] = files {
            return Self::from_source(&only.source);
        }
        let (diagnostics, survey) = drill_input(files);
        Self {
            partial: diagnostics.iter().any(|d| d.fatal),
            drill: Drill::from_code(&diagnostics, &survey, OPTIONS),
            problem: None,
            playing: false,
            speed: Speed::default(),
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
        match action {
            Action::Tick => return self.tick(),
            Action::SetSpeed(speed) => {
                self.speed = *speed;
                // Switching to instant while playing finishes the script now.
                if self.playing && speed.interval_ms().is_none() {
                    self.drill.play();
                    self.playing = false;
                }
                return;
            }
            Action::Play if self.playing => {
                self.playing = false;
                return;
            }
            // Kills and new instances are what a learner does while requests flow, so
            // they leave Play running; anything else that sends or resets pauses it.
            Action::Kill(_) | Action::StartFresh | Action::AddInstance => {}
            _ => self.playing = false,
        }
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
            Action::Play if self.speed.interval_ms().is_none() => {
                self.drill.play();
                Ok(())
            }
            // The first request goes at once, so the press is answered straight away.
            Action::Play => {
                self.drill.step();
                self.playing = !self.drill.is_finished();
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
            Action::Tick | Action::SetSpeed(_) => Ok(()),
        };
        // Buttons that cannot act stay focusable (aria-disabled) so keyboard users keep
        // their place; pressing one says why nothing happened.
        if let Err(error) = outcome {
            self.problem = Some(format!("Not done: {error}."));
        }
    }

    fn tick(&mut self) {
        if !self.playing {
            return;
        }
        self.drill.step();
        self.playing = !self.drill.is_finished();
    }
}

/// Presses Play and lets its timer tick until the script is sent, as the view does.
#[cfg(test)]
pub fn play_through(session: &mut Session) {
    session.act(&Action::Play);
    while session.playing {
        session.act(&Action::Tick);
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

    #[test]
    fn the_drill_of_a_project_holds_the_state_of_every_file() {
        let shop = examples::project_files(examples::by_id("shop").unwrap()).unwrap();
        let whole = Session::from_files(&shop);
        let each: usize = shop
            .iter()
            .map(|f| Session::from_files(std::slice::from_ref(f)).found())
            .sum();
        assert!(whole.found() >= 2, "{}", whole.found());
        // Each file's own findings, and what only the whole project shows.
        assert!(whole.found() >= each, "{} < {each}", whole.found());
        let alone = Session::from_files(&shop[..1]);
        assert!(whole.found() > alone.found());
    }

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
        play_through(&mut session);
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
        play_through(&mut session);
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
        play_through(&mut session);
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

    #[test]
    fn play_sends_one_request_per_tick_and_pauses_when_pressed_again() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        assert_eq!(session.speed, Speed::Normal);
        session.act(&Action::Play);
        assert!(session.playing);
        assert_eq!(session.drill.sent(), 1, "the first request goes at once");
        session.act(&Action::Tick);
        session.act(&Action::Tick);
        assert_eq!(session.drill.sent(), 3);
        session.act(&Action::Play);
        assert!(!session.playing, "a second press pauses");
        session.act(&Action::Tick);
        assert_eq!(
            session.drill.sent(),
            3,
            "a tick after the pause sends nothing"
        );
        // A kill while playing keeps the requests flowing; Step pauses.
        session.act(&Action::Play);
        session.act(&Action::Kill("A".into()));
        assert!(session.playing);
        session.act(&Action::Step);
        assert!(!session.playing);
        assert_eq!(session.drill.sent(), 5);
    }

    #[test]
    fn a_paced_play_gives_the_same_events_as_an_instant_one() {
        let mut paced = Session::from_source(examples::DEFAULT.source);
        play_through(&mut paced);
        assert!(paced.drill.is_finished() && !paced.playing);
        let mut instant = Session::from_source(examples::DEFAULT.source);
        instant.act(&Action::SetSpeed(Speed::Instant));
        instant.act(&Action::Play);
        assert!(!instant.playing);
        assert_eq!(paced.drill, instant.drill);
        // Choosing instant in the middle of a play sends the rest at once.
        let mut switched = Session::from_source(examples::DEFAULT.source);
        switched.act(&Action::Play);
        switched.act(&Action::SetSpeed(Speed::Instant));
        assert!(!switched.playing && switched.drill.is_finished());
        assert_eq!(switched.drill, instant.drill);
    }

    #[test]
    fn speeds_round_trip_through_their_names() {
        for speed in Speed::ALL {
            assert_eq!(Speed::parse(speed.as_str()), Some(speed));
        }
        assert_eq!(Speed::parse("warp"), None);
        let paced: Vec<u32> = Speed::ALL.iter().filter_map(|s| s.interval_ms()).collect();
        assert!(
            paced.windows(2).all(|w| w[0] > w[1]),
            "slow to fast: {paced:?}"
        );
    }
}
