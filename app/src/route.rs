//! Which view a URL fragment asks for. Pure, so it is tested natively.
//!
//! The fragment never reaches a server, so everything the views need — shared code,
//! embed settings, workshop packs — travels in it:
//!
//! | fragment | view |
//! |---|---|
//! | empty, `#v1.<code>` | the playground (a shared link opens in it) |
//! | `#/embed?…` | the compact embed for docs sites |
//! | `#/embed-builder` | the link maker for embeds |
//! | `#/tutorial`, `#/tutorial/<lesson>` | the lesson path |
//! | `#/workshop/<pack>`, `…/facilitator`, `…/presenter` | workshop mode |
//! | `#/drill` | the phoenix drill |

/// A view of the app and what it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Playground,
    /// The query after `#/embed?`, parsed by the embed view.
    Embed {
        query: String,
    },
    EmbedBuilder,
    Tutorial {
        lesson: Option<String>,
    },
    Workshop {
        pack: String,
        view: WorkshopView,
    },
    Drill,
    NotFound {
        fragment: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopView {
    Learner,
    Facilitator,
    Presenter,
}

impl Route {
    pub fn parse(fragment: &str) -> Self {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let Some(path) = fragment.strip_prefix('/') else {
            // No leading slash: empty, or a share link the playground decodes itself.
            return Self::Playground;
        };
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] | ["playground"] => Self::Playground,
            ["embed"] => Self::Embed {
                query: query.to_string(),
            },
            ["embed-builder"] => Self::EmbedBuilder,
            ["tutorial"] => Self::Tutorial { lesson: None },
            ["tutorial", lesson] => Self::Tutorial {
                lesson: Some((*lesson).to_string()),
            },
            ["workshop", pack] => Self::workshop(pack, WorkshopView::Learner),
            ["workshop", pack, "facilitator"] => Self::workshop(pack, WorkshopView::Facilitator),
            ["workshop", pack, "presenter"] => Self::workshop(pack, WorkshopView::Presenter),
            ["drill"] => Self::Drill,
            _ => Self::NotFound {
                fragment: format!("#{fragment}"),
            },
        }
    }

    fn workshop(pack: &str, view: WorkshopView) -> Self {
        Self::Workshop {
            pack: pack.to_string(),
            view,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_and_empty_fragments_open_the_playground() {
        assert_eq!(Route::parse(""), Route::Playground);
        assert_eq!(Route::parse("#"), Route::Playground);
        assert_eq!(Route::parse("#v1.eJwrzs9N"), Route::Playground);
        assert_eq!(Route::parse("#/"), Route::Playground);
    }

    #[test]
    fn views_and_their_arguments() {
        assert_eq!(
            Route::parse("#/embed?code=v1.abc&theme=dark"),
            Route::Embed {
                query: "code=v1.abc&theme=dark".into()
            }
        );
        assert_eq!(Route::parse("#/embed-builder"), Route::EmbedBuilder);
        assert_eq!(Route::parse("#/tutorial"), Route::Tutorial { lesson: None });
        assert_eq!(
            Route::parse("#/tutorial/01-uploads"),
            Route::Tutorial {
                lesson: Some("01-uploads".into())
            }
        );
        assert_eq!(
            Route::parse("#/workshop/default/presenter"),
            Route::Workshop {
                pack: "default".into(),
                view: WorkshopView::Presenter
            }
        );
        assert_eq!(Route::parse("#/drill"), Route::Drill);
    }

    #[test]
    fn unknown_paths_are_reported_not_guessed() {
        assert_eq!(
            Route::parse("#/workshop/a/b/c"),
            Route::NotFound {
                fragment: "#/workshop/a/b/c".into()
            }
        );
        assert_eq!(
            Route::parse("#/<script>"),
            Route::NotFound {
                fragment: "#/<script>".into()
            }
        );
    }
}
