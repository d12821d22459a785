//! Which code the page opens with: a shared link, else the autosaved code, else the
//! default example. A broken link never replaces the learner's own code.

use crate::lint_session::summary::LINTS;
use crate::lint_session::worker::{Failure, lint_on_page};
use crate::playground::files::Project;
use crate::playground::state::{Action, Notice, NoticeAction, NoticeKind, Origin};
use crate::shared::examples;
use crate::shared::share::{self, ShareError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub source: String,
    pub notice: Option<Notice>,
    /// `Link` when `source` is a shared link's code the learner has not edited yet: it
    /// is not saved, so it displaces nothing, until they edit it.
    pub origin: Origin,
    /// The files; the one shown holds `source`.
    pub project: Project,
}

/// `saved_project`: the project the browser kept (see [`Project::to_saved`]), opened when
/// its shown file is the saved code (another tab may have saved a single file since).
pub fn choose(fragment: &str, saved: Option<String>, saved_project: Option<&str>) -> Startup {
    let own = || {
        let code = saved
            .clone()
            .unwrap_or_else(|| examples::DEFAULT.source.to_owned());
        saved_project
            .and_then(Project::from_saved)
            .filter(|p| saved.as_deref() == Some(p.active_file().source.as_str()))
            .unwrap_or_else(|| Project::single(code))
    };
    let start = |project: Project, notice, origin| Startup {
        source: project.active_file().source.clone(),
        notice,
        origin,
        project,
    };
    match share::decode_project(fragment).map(|files| files.and_then(Project::from_files)) {
        Ok(Some(project))
            if project.is_single()
                && saved.as_deref() == Some(project.active_file().source.as_str()) =>
        {
            start(
                project,
                Some(Notice::new(NoticeKind::Info, OPENED_OWN)),
                Origin::Trusted,
            )
        }
        Ok(Some(project)) => start(project, Some(opened_link(saved.is_some())), Origin::Link),
        Ok(None) => start(own(), None, Origin::Trusted),
        Err(error) => start(own(), Some(broken_link(&error)), Origin::Trusted),
    }
}

/// A first text up to this size is linted before the page first renders, so short code
/// shows its findings at once; a longer one goes to the lint worker like every edit, and
/// the page shows "checking" (revision 0) until it answers.
pub const FIRST_LINT_INLINE_BYTES: usize = 128 * 1024;

/// Lints a short, trusted first text straight away, in the page's linter (which keeps
/// the full result, so selecting one of its findings is answered at once): the learner
/// sees findings as soon as the app runs, not on their first keystroke. A long one, or
/// one from a link, is left for the worker (`None`). If the lint fails, the page still
/// opens, with the text and the failure.
pub fn first_lint(source: &str, origin: Origin) -> Option<Action> {
    if origin != Origin::Trusted || source.len() > FIRST_LINT_INLINE_BYTES {
        return None;
    }
    Some(match lint_on_page(source, None) {
        Ok((summary, _)) => Action::Linted {
            source: source.into(),
            summary,
        },
        Err(message) => Action::LintFailed {
            failure: Failure::Crashed,
            notice: Notice::lint_failed(Failure::Crashed, &message, false),
        },
    })
}

/// The findings of the code the loading screen shows (static/boot.js draws them on it
/// before the app starts), as the JSON of a `ResultSummary`: the page's linter exports it
/// (src/bin/linter.rs). Linted as [`first_lint`] lints a trusted text, and kept: the
/// app's first lint of the same text takes this result instead of linting again. `None`
/// for a text [`first_lint`] leaves to the worker. The page passes only the saved code or
/// the default example, never a link's.
pub fn boot_findings(source: &str) -> Option<String> {
    (source.len() <= FIRST_LINT_INLINE_BYTES).then(|| {
        let summary = LINTS.with(|lints| lints.lint(source));
        serde_json::to_string(&summary.result).expect("a summary serialises")
    })
}

const OPENED_OWN: &str = "Opened the code from a shared link: it is the code you have saved.";

/// What opening a link's code says. `has_saved`: the learner has code of their own saved,
/// which stays saved until they edit the link's code.
pub fn opened_link(has_saved: bool) -> Notice {
    if has_saved {
        Notice::new(
            NoticeKind::Info,
            "Opened the code from a shared link. Your own code stays saved until you edit \
             this code; then it is kept under “Earlier code”.",
        )
        .with_actions([NoticeAction::BackToSaved])
    } else {
        Notice::new(NoticeKind::Info, "Opened the code from a shared link.")
    }
}

pub fn broken_link(error: &ShareError) -> Notice {
    Notice::new(
        NoticeKind::Error,
        format!("{error} Your own code was kept."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_trusted_first_text_is_linted_at_once() {
        let Some(Action::Linted { source, summary }) = first_lint("const x = ;", Origin::Trusted)
        else {
            panic!("linted inline");
        };
        assert_eq!(&*source, "const x = ;");
        assert!(summary.result.has_fatal());
    }

    #[test]
    fn a_long_first_text_or_a_link_waits_for_the_worker() {
        let long = "let a = 1;\n".repeat(FIRST_LINT_INLINE_BYTES / 10);
        assert!(first_lint(&long, Origin::Trusted).is_none());
        assert!(first_lint("let hits = 0;", Origin::Link).is_none());
    }

    #[test]
    fn first_visit_opens_the_default_example() {
        let start = choose("", None, None);
        assert_eq!(start.source, examples::DEFAULT.source);
        assert_eq!(start.notice, None);
    }

    #[test]
    fn a_reload_restores_the_saved_code() {
        let start = choose("", Some("let mine = 1;".into()), None);
        assert_eq!(start.source, "let mine = 1;");
    }

    #[test]
    fn a_shared_link_opens_unsaved_and_offers_the_saved_code_back() {
        let fragment = share::encode("shared 🔥\r\n").unwrap();
        let start = choose(&format!("#{fragment}"), Some("mine".into()), None);
        assert_eq!(start.source, "shared 🔥\r\n");
        assert_eq!(start.origin, Origin::Link);
        let notice = start.notice.unwrap();
        assert_eq!(notice.actions, [NoticeAction::BackToSaved]);
        assert!(notice.text.contains("stays saved"), "{}", notice.text);
        let first_visit = choose(&fragment, None, None);
        assert_eq!(first_visit.origin, Origin::Link);
        assert!(first_visit.notice.unwrap().actions.is_empty());
    }

    #[test]
    fn a_project_link_opens_its_files_with_app_js_shown() {
        use crate::lint_session::project::SourceFile;
        let files = [
            SourceFile::new("routes/cart.js", "module.exports = 1;"),
            SourceFile::new("app.js", "require('./routes/cart');"),
        ];
        let fragment = share::encode_project(&files).unwrap();
        let start = choose(&fragment, Some("require('./routes/cart');".into()), None);
        assert_eq!(
            start.origin,
            Origin::Link,
            "a project is never the saved code"
        );
        assert_eq!(start.source, "require('./routes/cart');");
        assert_eq!(start.project.files().len(), 2);
        assert_eq!(start.project.active_file().path, "app.js");
    }

    #[test]
    fn a_reload_restores_the_saved_project_while_its_shown_file_is_the_saved_code() {
        let mut project = Project::single("let a;");
        project.add("b.js").unwrap();
        project.set_active_source("let b;");
        let saved = project.to_saved();
        let start = choose("", Some("let b;".into()), Some(&saved));
        assert_eq!(start.project, project);
        assert_eq!(start.source, "let b;");
        // Another tab saved a single file since: that is the code.
        let other = choose("", Some("let c;".into()), Some(&saved));
        assert!(other.project.is_single());
        assert_eq!(other.source, "let c;");
    }

    #[test]
    fn a_link_to_the_saved_code_is_the_saved_code() {
        let fragment = share::encode("mine").unwrap();
        let same = choose(&fragment, Some("mine".into()), None);
        assert_eq!(same.origin, Origin::Trusted);
        assert!(same.notice.unwrap().actions.is_empty());
    }

    #[test]
    fn a_malformed_link_keeps_the_saved_code_and_says_so() {
        let start = choose("#v1.%%%", Some("mine".into()), None);
        assert_eq!(start.source, "mine");
        let notice = start.notice.expect("a message");
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(notice.text.contains("could not be read"), "{}", notice.text);
        assert_eq!(start.origin, Origin::Trusted);
    }
}
