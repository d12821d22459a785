//! Which code the page opens with: a shared link, else the autosaved code, else the
//! default example. A broken link never replaces the learner's own code.

use crate::examples;
use crate::share::{self, ShareError};
use crate::state::{Notice, NoticeKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    pub source: String,
    pub notice: Option<Notice>,
    /// The learner's own code that a shared link displaced, to keep aside for restoring.
    pub displaced: Option<String>,
}

pub fn choose(fragment: &str, saved: Option<String>) -> Startup {
    let own = || {
        saved
            .clone()
            .unwrap_or_else(|| examples::DEFAULT.source.to_owned())
    };
    match share::decode(fragment) {
        Ok(Some(code)) => {
            let displaced = saved.clone().filter(|own| *own != code);
            let mut notice = Notice::new(NoticeKind::Info, "Opened the code from a shared link.");
            notice.offer_restore = displaced.is_some();
            Startup {
                source: code,
                notice: Some(notice),
                displaced,
            }
        }
        Ok(None) => Startup {
            source: own(),
            notice: None,
            displaced: None,
        },
        Err(error) => Startup {
            source: own(),
            notice: Some(broken_link(&error)),
            displaced: None,
        },
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
    fn first_visit_opens_the_default_example() {
        let start = choose("", None);
        assert_eq!(start.source, examples::DEFAULT.source);
        assert_eq!(start.notice, None);
    }

    #[test]
    fn a_reload_restores_the_saved_code() {
        let start = choose("", Some("let mine = 1;".into()));
        assert_eq!(start.source, "let mine = 1;");
    }

    #[test]
    fn a_shared_link_wins_and_keeps_the_displaced_code() {
        let fragment = share::encode("shared 🔥\r\n").unwrap();
        let start = choose(&format!("#{fragment}"), Some("mine".into()));
        assert_eq!(start.source, "shared 🔥\r\n");
        assert_eq!(start.displaced.as_deref(), Some("mine"));
        assert!(start.notice.unwrap().offer_restore);
        let same = choose(&fragment, Some("shared 🔥\r\n".into()));
        assert_eq!(
            same.displaced, None,
            "nothing to restore when the code is the same"
        );
    }

    #[test]
    fn a_malformed_link_keeps_the_saved_code_and_says_so() {
        let start = choose("#v1.%%%", Some("mine".into()));
        assert_eq!(start.source, "mine");
        let notice = start.notice.expect("a message");
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(notice.text.contains("could not be read"), "{}", notice.text);
        assert_eq!(start.displaced, None);
    }
}
