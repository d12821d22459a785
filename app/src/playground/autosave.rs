//! Saving the playground's code as the learner works, without ever losing code: a shared
//! link's code is not saved (so it displaces nothing) until the learner edits it, and then
//! the code it replaces is put aside first; a save that fails is said once, and so is the
//! first one that works again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::playground::kept::Why;
use crate::playground::state::{Notice, NoticeAction, NoticeKind};
use crate::shell::storage::{self, SaveError};

/// What saving a text does, given the link code the editor was opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// The link's code, unedited: not the learner's yet, so nothing is saved.
    Nothing,
    /// The learner's own code.
    Save,
    /// The link's code, edited: saved as the learner's, their earlier code put aside.
    Replace(Why),
}

pub fn write_for(link: Option<&str>, text: &str) -> Write {
    match link {
        Some(link) if link == text => Write::Nothing,
        Some(_) => Write::Replace(Why::SharedLink),
        None => Write::Save,
    }
}

#[derive(Default)]
pub struct Autosave {
    /// The code of the link the editor shows, until the learner edits it.
    link: RefCell<Option<Rc<str>>>,
    /// The last save failed, and the learner was told.
    failing: Cell<bool>,
    /// A text that stopped the linter: kept aside, never saved as the code.
    stopped: RefCell<Option<Rc<str>>>,
}

impl Autosave {
    pub fn new(link: Option<Rc<str>>) -> Self {
        Self {
            link: RefCell::new(link),
            failing: Cell::new(false),
            stopped: RefCell::new(None),
        }
    }

    /// `text` stopped the linter: it is not saved over the code (leaving a view, or
    /// opening a link, would otherwise save it unchecked).
    pub fn mark_stopped(&self, text: Rc<str>) {
        *self.stopped.borrow_mut() = Some(text);
    }

    /// A check of `text` answered: if it had stopped the linter (a timeout on a busy
    /// machine, say), it may be saved now. Only this clears the mark: saving other code
    /// does not, or the page's leaving would save the text that stopped it.
    pub fn checked(&self, text: &str) {
        if self.is_stopped(text) {
            self.stopped.borrow_mut().take();
        }
    }

    pub fn is_stopped(&self, text: &str) -> bool {
        self.stopped.borrow().as_deref() == Some(text)
    }

    /// The editor now shows the code of a link, not yet the learner's.
    pub fn open_link(&self, code: Rc<str>) {
        *self.link.borrow_mut() = Some(code);
    }

    /// The editor now shows the learner's own code (restored, an example, …).
    pub fn forget_link(&self) {
        self.link.borrow_mut().take();
    }

    pub fn is_unedited_link(&self, text: &str) -> bool {
        write_for(self.link.borrow().as_deref(), text) == Write::Nothing
    }

    /// Saves `text` if it is the learner's. `Ok(Some(notice))` when there is something
    /// to say (code was put aside, saving works again), `Err(notice)` when it failed.
    pub fn save(&self, text: &str) -> Result<Option<Notice>, Notice> {
        let write = write_for(self.link.borrow().as_deref(), text);
        if self.is_stopped(text) {
            return Ok(None);
        }
        let saved = match write {
            Write::Nothing => return Ok(None),
            Write::Save => storage::save_code(text),
            Write::Replace(why) => storage::replace_code(text, why),
        };
        match saved {
            Ok(kept_other) => {
                self.forget_link();
                let recovered = self.failing.replace(false);
                Ok(saved_notice(write, kept_other, recovered))
            }
            Err(error) => {
                let told = self.failing.replace(true);
                Err(save_failed(&error, told))
            }
        }
    }
}

fn saved_notice(write: Write, kept_other: bool, recovered: bool) -> Option<Notice> {
    let text = match write {
        Write::Replace(_) if kept_other => {
            "You edited the shared code, so it is saved as your code now. The code you had \
             saved before is kept under “Earlier code”."
        }
        _ if kept_other => {
            "Another tab had saved different code; it is kept under “Earlier code”, and this \
             tab's code is saved."
        }
        _ if recovered => "Your code is saved again.",
        _ => return None,
    };
    Some(Notice::new(NoticeKind::Info, text))
}

/// What a failed save says; `again`: the learner was told already.
pub fn save_failed(error: &SaveError, again: bool) -> Notice {
    let lead = if again {
        "Still not saved"
    } else {
        "Your latest code could not be saved"
    };
    Notice::new(
        NoticeKind::Error,
        format!(
            "{lead}: {error}. The code stays in this editor, but a reload or closing the tab \
             would lose your changes: copy it somewhere safe, or free space by removing \
             “Earlier code” or other sites' data."
        ),
    )
    .with_actions([NoticeAction::CopyCode])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unedited_link_is_not_saved_and_an_edited_one_replaces() {
        assert_eq!(write_for(None, "mine"), Write::Save);
        assert_eq!(write_for(Some("shared"), "shared"), Write::Nothing);
        assert_eq!(
            write_for(Some("shared"), "shared, edited"),
            Write::Replace(Why::SharedLink)
        );
        let autosave = Autosave::new(Some("shared".into()));
        assert!(autosave.is_unedited_link("shared"));
        assert_eq!(autosave.save("shared"), Ok(None));
        autosave.forget_link();
        assert!(!autosave.is_unedited_link("shared"));
        autosave.mark_stopped("((((".into());
        assert_eq!(autosave.save("(((("), Ok(None), "not saved, nothing said");
        autosave.checked("other");
        assert!(
            autosave.is_stopped("(((("),
            "checking other code leaves the mark"
        );
        autosave.checked("((((");
        assert!(
            !autosave.is_stopped("(((("),
            "a check that answered clears it"
        );
    }

    #[test]
    fn notices_say_what_happened() {
        let replaced = saved_notice(Write::Replace(Why::SharedLink), true, false).unwrap();
        assert!(replaced.text.contains("Earlier code"), "{}", replaced.text);
        let other_tab = saved_notice(Write::Save, true, false).unwrap();
        assert!(other_tab.text.contains("Another tab"), "{}", other_tab.text);
        assert_eq!(saved_notice(Write::Save, false, false), None);
        assert!(saved_notice(Write::Save, false, true).is_some());
        let failed = save_failed(&SaveError, false);
        assert_eq!(failed.kind, NoticeKind::Error);
        assert!(
            failed.text.contains("could not be saved"),
            "{}",
            failed.text
        );
        assert!(failed.text.contains("full"), "{}", failed.text);
        assert_eq!(failed.actions, [NoticeAction::CopyCode]);
        assert!(
            save_failed(&SaveError, true)
                .text
                .starts_with("Still not saved")
        );
    }
}
