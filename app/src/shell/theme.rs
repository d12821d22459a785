//! The colour theme the learner picked (light, dark, or whatever the system says), and
//! the one hook that applies it to the page.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::shell::browser;

/// The learner's choice, kept in local storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemePref {
    pub const ALL: [ThemePref; 3] = [Self::System, Self::Light, Self::Dark];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::System => "System",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    /// Unknown or missing values fall back to following the system.
    pub fn parse(value: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == value)
            .unwrap_or_default()
    }

    /// Whether the page should be dark, given whether the system prefers dark.
    pub const fn is_dark(self, system_prefers_dark: bool) -> bool {
        match self {
            Self::System => system_prefers_dark,
            Self::Light => false,
            Self::Dark => true,
        }
    }
}

/// Applies `pref` to the page, and tells `on_dark` (an editor, say) each time, following
/// the system's setting live when `pref` is `System`. Applied again when `again` changes
/// (an editor that mounted since).
#[hook]
pub fn use_page_theme(pref: ThemePref, again: bool, on_dark: Callback<bool>) {
    use_effect_with((pref, again), move |&(pref, _)| {
        let apply = move |system_dark: bool| {
            let dark = pref.is_dark(system_dark);
            browser::set_page_theme(dark);
            on_dark.emit(dark);
        };
        let query = browser::dark_media_query();
        apply(query.as_ref().is_some_and(|q| q.matches()));
        let listener = query.filter(|_| pref == ThemePref::System).map(|query| {
            let target = query.clone();
            EventListener::new(&target, "change", move |_| apply(query.matches()))
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_it_prints() {
        for theme in ThemePref::ALL {
            assert_eq!(ThemePref::parse(theme.as_str()), theme);
        }
        assert_eq!(ThemePref::parse("purple"), ThemePref::System);
    }

    #[test]
    fn system_follows_the_system() {
        assert!(ThemePref::System.is_dark(true));
        assert!(!ThemePref::System.is_dark(false));
        assert!(ThemePref::Dark.is_dark(false));
        assert!(!ThemePref::Light.is_dark(true));
    }
}
