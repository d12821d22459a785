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
//!
//! Each view ships in one of three wasm bundles ([`Bundle`]). static/boot.js picks the
//! bundle from the fragment before any wasm runs, by the same rule as [`Page::bundle`]
//! (e2e/bundles.test.mjs checks that the two agree for every view).

/// A view of the app and what it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
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

/// The wasm a view ships in. The first screen — the playground or a shared link — carries
/// none of the lessons', workshops', drill's and embed builder's code (about a sixth of
/// the page's bytes), and an embed on a docs site none of the playground's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// `phoenix-app`: the playground (and, from boot.js, anything it does not know).
    Playground,
    /// `phoenix-embed`: the embed.
    Embed,
    /// `phoenix-learn`: lessons, workshops, the drill and the embed builder.
    Learn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopView {
    Learner,
    Facilitator,
    Presenter,
}

impl Page {
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

    /// The bundle that carries this view; `None` for an unknown fragment, which every
    /// bundle shows itself (no need to load another for it).
    pub fn bundle(&self) -> Option<Bundle> {
        Some(match self {
            Self::Playground => Bundle::Playground,
            Self::Embed { .. } => Bundle::Embed,
            Self::EmbedBuilder | Self::Tutorial { .. } | Self::Workshop { .. } | Self::Drill => {
                Bundle::Learn
            }
            Self::NotFound { .. } => return None,
        })
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
        assert_eq!(Page::parse(""), Page::Playground);
        assert_eq!(Page::parse("#"), Page::Playground);
        assert_eq!(Page::parse("#v1.eJwrzs9N"), Page::Playground);
        assert_eq!(Page::parse("#/"), Page::Playground);
    }

    #[test]
    fn views_and_their_arguments() {
        assert_eq!(
            Page::parse("#/embed?code=v1.abc&theme=dark"),
            Page::Embed {
                query: "code=v1.abc&theme=dark".into()
            }
        );
        assert_eq!(Page::parse("#/embed-builder"), Page::EmbedBuilder);
        assert_eq!(Page::parse("#/tutorial"), Page::Tutorial { lesson: None });
        assert_eq!(
            Page::parse("#/tutorial/01-uploads"),
            Page::Tutorial {
                lesson: Some("01-uploads".into())
            }
        );
        assert_eq!(
            Page::parse("#/workshop/default/presenter"),
            Page::Workshop {
                pack: "default".into(),
                view: WorkshopView::Presenter
            }
        );
        assert_eq!(Page::parse("#/drill"), Page::Drill);
    }

    #[test]
    fn the_first_screen_the_embed_and_the_learning_views_ship_apart() {
        let bundle = |fragment| Page::parse(fragment).bundle();
        for fragment in ["", "#v1.eJwrzs9N", "#/playground"] {
            assert_eq!(bundle(fragment), Some(Bundle::Playground), "{fragment}");
        }
        for fragment in ["#/embed", "#/embed?code=v1.abc", "#//embed/?theme=dark"] {
            assert_eq!(bundle(fragment), Some(Bundle::Embed), "{fragment}");
        }
        // An unknown page is shown by whichever bundle is running.
        for fragment in ["#/nope", "#/embed/x", "#/drill/x"] {
            assert_eq!(bundle(fragment), None, "{fragment}");
        }
        for fragment in [
            "#/embed-builder",
            "#/tutorial",
            "#/tutorial/01-uploads",
            "#/workshop/default",
            "#/workshop/default/facilitator",
            "#/drill",
        ] {
            assert_eq!(bundle(fragment), Some(Bundle::Learn), "{fragment}");
        }
    }

    #[test]
    fn unknown_paths_are_reported_not_guessed() {
        assert_eq!(
            Page::parse("#/workshop/a/b/c"),
            Page::NotFound {
                fragment: "#/workshop/a/b/c".into()
            }
        );
        assert_eq!(
            Page::parse("#/<script>"),
            Page::NotFound {
                fragment: "#/<script>".into()
            }
        );
    }
}
