//! The embed's settings: parsing `#/embed?<query>` and writing the snippets that make one.
//! Pure, so it is tested natively.
//!
//! ```text
//! #/embed?code=v1.<base64url(deflate(code))>&theme=light|dark|auto
//!        &rules=no-local-uploads,no-global-state&readonly=1
//!        &panel=findings|explanation|none&origin=https%3A%2F%2Fdocs.example.com
//! ```
//!
//! Any docs page can put any query into an iframe's `src`, so every parameter is checked
//! and a bad one refuses the whole embed with a message naming it: an embed that silently
//! showed something other than what its author asked for would be worse than none. Values
//! quoted in messages are shortened and only ever rendered as text.

use std::fmt;

use lint_core::RuleId;

use crate::lint_session::project::SourceFile;
use crate::shared::share::{self, ShareError};

/// Longer queries are refused before anything is decoded: the code is capped at
/// [`share::MAX_FRAGMENT_CHARS`], and the other parameters are short.
pub const MAX_QUERY_CHARS: usize = share::MAX_FRAGMENT_CHARS + 1024;

/// The message the embed posts to its parent window when its height changes. It carries
/// the height only, never the code, so it may go to any origin (see `post_height` in the
/// embed view).
pub const RESIZE_MESSAGE_TYPE: &str = "phoenix-playground:resize";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the reader's system setting, live.
    #[default]
    Auto,
}

impl Theme {
    pub const ALL: [Self; 3] = [Self::Auto, Self::Light, Self::Dark];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }
}

/// What is shown beside the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// A short list of the findings.
    #[default]
    Findings,
    /// The list, and the explanation of the selected finding.
    Explanation,
    /// Squiggles in the code only.
    None,
}

impl Panel {
    pub const ALL: [Self; 3] = [Self::Findings, Self::Explanation, Self::None];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Findings => "findings",
            Self::Explanation => "explanation",
            Self::None => "none",
        }
    }
}

/// A valid embed: the decoded code and how to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    pub code: String,
    /// Every file of a project link (`p1.…`), `app.js` (or the first file) first, whose
    /// text is `code`; empty for one file.
    pub files: Vec<SourceFile>,
    /// The share fragment the code came in (`v1.…`), for the "Open in playground" link.
    pub fragment: String,
    pub theme: Theme,
    /// Only these rules; all when `None`.
    pub rules: Option<Vec<RuleId>>,
    pub readonly: bool,
    pub panel: Panel,
    /// Where resize messages may go; any origin when `None`.
    pub origin: Option<String>,
}

/// Why an embed query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedError {
    TooLong {
        chars: usize,
    },
    MissingCode,
    Code(ShareError),
    UnknownParameter(String),
    Repeated(&'static str),
    /// A parameter whose value is not one it accepts; `expected` says what is.
    BadValue {
        name: &'static str,
        value: String,
        expected: String,
    },
    /// A `%` escape that is not two hex digits, or escapes that are not UTF-8.
    BadEscape(String),
}

/// Quoted values are cut to this many characters, so a huge value cannot flood the page.
const QUOTE_CHARS: usize = 40;

fn quote(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("“{head}…”")
    } else {
        format!("“{head}”")
    }
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLong { chars } => write!(
                f,
                "The embed address is {chars} characters long; at most {MAX_QUERY_CHARS} are read."
            ),
            Self::MissingCode => f.write_str(
                "No code to show: the address needs code=v1.… (make one with the link maker).",
            ),
            Self::Code(error) => write!(f, "code: {error}"),
            Self::UnknownParameter(name) => write!(
                f,
                "Unknown parameter {}: the embed reads code, theme, rules, readonly, panel and origin.",
                quote(name)
            ),
            Self::Repeated(name) => write!(f, "{name} is given more than once."),
            Self::BadValue {
                name,
                value,
                expected,
            } => write!(f, "{name}={}: expected {expected}.", quote(value)),
            Self::BadEscape(value) => write!(f, "Malformed %-escape in {}.", quote(value)),
        }
    }
}

/// Parses the query of `#/embed?<query>`. Every problem is reported, not only the first.
pub fn parse(query: &str) -> Result<Embed, Vec<EmbedError>> {
    if query.len() > MAX_QUERY_CHARS {
        return Err(vec![EmbedError::TooLong { chars: query.len() }]);
    }
    let mut errors = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut code = None;
    let mut embed = Embed {
        code: String::new(),
        files: vec![],
        fragment: String::new(),
        theme: Theme::default(),
        rules: None,
        readonly: false,
        panel: Panel::default(),
        origin: None,
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let (name, value) = match (percent_decode(raw_name), percent_decode(raw_value)) {
            (Some(name), Some(value)) => (name, value),
            _ => {
                errors.push(EmbedError::BadEscape(pair.to_owned()));
                continue;
            }
        };
        let Some(name) = PARAMETERS.iter().copied().find(|p| *p == name) else {
            errors.push(EmbedError::UnknownParameter(name));
            continue;
        };
        if seen.contains(&name) {
            errors.push(EmbedError::Repeated(name));
            continue;
        }
        seen.push(name);
        let bad = |expected: &str| EmbedError::BadValue {
            name,
            value: value.clone(),
            expected: expected.to_owned(),
        };
        match name {
            "code" => match share::decode_project(&value) {
                // An empty value or `/…` decodes to "no code": that is a missing code here.
                Ok(Some(files)) => {
                    let files = crate::playground::files::Project::from_files(files)
                        .map(|p| p.into_files())
                        .unwrap_or_default();
                    let shown = files.first().map(|f| f.source.clone()).unwrap_or_default();
                    if files.len() > 1 {
                        embed.files = files;
                    }
                    code = Some((shown, value.clone()));
                }
                Ok(None) => errors.push(EmbedError::MissingCode),
                Err(error) => errors.push(EmbedError::Code(error)),
            },
            "theme" => match Theme::ALL.into_iter().find(|t| t.as_str() == value) {
                Some(theme) => embed.theme = theme,
                None => errors.push(bad("light, dark or auto")),
            },
            "panel" => match Panel::ALL.into_iter().find(|p| p.as_str() == value) {
                Some(panel) => embed.panel = panel,
                None => errors.push(bad("findings, explanation or none")),
            },
            "readonly" => match value.as_str() {
                "1" | "true" | "" => embed.readonly = true,
                "0" | "false" => embed.readonly = false,
                _ => errors.push(bad("1 or 0")),
            },
            "rules" => match parse_rules(&value) {
                Some(rules) => embed.rules = Some(rules),
                None => errors.push(bad(&format!(
                    "a comma-separated list of {}",
                    RuleId::ALL.map(RuleId::as_str).join(", ")
                ))),
            },
            "origin" => match valid_origin(&value) {
                true => embed.origin = Some(value.clone()),
                false => errors.push(bad(
                    "an origin such as https://docs.example.com (scheme, host and port only)",
                )),
            },
            _ => unreachable!("every name in PARAMETERS is matched"),
        }
    }
    match code {
        Some((text, fragment)) if errors.is_empty() => Ok(Embed {
            code: text,
            fragment,
            ..embed
        }),
        Some(_) => Err(errors),
        None => {
            if !errors.iter().any(|e| matches!(e, EmbedError::Code(_))) {
                errors.insert(0, EmbedError::MissingCode);
            }
            errors.dedup();
            Err(errors)
        }
    }
}

const PARAMETERS: [&str; 6] = ["code", "theme", "rules", "readonly", "panel", "origin"];

fn parse_rules(value: &str) -> Option<Vec<RuleId>> {
    let mut rules = Vec::new();
    for id in value.split(',') {
        let rule: RuleId = id.trim().parse().ok()?;
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    Some(rules)
}

/// `scheme://host[:port]` with an http(s) scheme and nothing after: what
/// `window.location.origin` prints and `postMessage` accepts as a target.
fn valid_origin(value: &str) -> bool {
    let Some(rest) = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !rest.ends_with(']') => (host, Some(port)),
        _ => (rest, None),
    };
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        !host.is_empty()
            && host.len() <= 253
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    host_ok && port_ok
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
/// `+` stays `+`: no parameter accepts a space, and base64url never contains `+`.
fn percent_decode(value: &str) -> Option<String> {
    if !value.contains('%') {
        return Some(value.to_owned());
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes what a URL query value may not hold. The values written here are rule ids,
/// keywords, base64url and origins, so only the origin's `:` and `/` need it.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What the link maker's form holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub theme: Theme,
    /// All rules when `None`.
    pub rules: Option<Vec<RuleId>>,
    pub readonly: bool,
    pub panel: Panel,
    /// Default iframe height in CSS pixels, before the first resize message arrives.
    pub height: u32,
}

impl Settings {
    /// The query for `#/embed?…`, listing only what differs from the defaults.
    pub fn query(&self, fragment: &str) -> String {
        let mut query = format!("code={fragment}");
        if self.theme != Theme::Auto {
            query.push_str(&format!("&theme={}", self.theme.as_str()));
        }
        if let Some(rules) = self.rules_param() {
            query.push_str(&format!("&rules={}", percent_encode(&rules)));
        }
        if self.readonly {
            query.push_str("&readonly=1");
        }
        if self.panel != Panel::Findings {
            query.push_str(&format!("&panel={}", self.panel.as_str()));
        }
        query
    }

    /// The rules as the `rules` parameter or attribute writes them, `None` for all.
    fn rules_param(&self) -> Option<String> {
        let rules = self.rules.as_ref()?;
        Some(
            rules
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// The three ways to show `code` on another page, from the playground at `base` (its
/// address without a fragment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippets {
    pub link: String,
    pub embed_url: String,
    pub iframe: String,
    pub component: String,
}

pub fn snippets(base: &str, code: &str, settings: &Settings) -> Result<Snippets, ShareError> {
    let fragment = share::encode(code)?;
    let link = format!("{base}#{fragment}");
    let embed_url = format!("{base}#/embed?{}", settings.query(&fragment));
    let iframe = format!(
        r#"<iframe src="{src}" title="Phoenix Playground: this code, checked for server-side state" width="100%" height="{height}" loading="lazy" style="border:0"></iframe>
<script>
  // Grows each playground iframe to its content. Only messages from the playground's
  // origin, from one of this page's iframes and in this exact shape are read.
  addEventListener('message', (event) => {{
    const data = event.data;
    if (event.origin !== '{origin}' || !data || data.type !== '{RESIZE_MESSAGE_TYPE}') return;
    if (typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll('iframe')) {{
      if (frame.contentWindow === event.source) {{
        frame.style.height = Math.min(Math.max(Math.ceil(data.height), 80), 4000) + 'px';
      }}
    }}
  }});
</script>"#,
        src = escape_html(&embed_url),
        height = settings.height,
        origin = origin_of(base).replace(['\'', '\\', '<'], ""),
    );
    let mut attributes = format!(r#" src="{}""#, escape_html(base));
    if settings.theme != Theme::Auto {
        attributes.push_str(&format!(r#" theme="{}""#, settings.theme.as_str()));
    }
    if let Some(rules) = settings.rules_param() {
        attributes.push_str(&format!(r#" rules="{rules}""#));
    }
    if settings.readonly {
        attributes.push_str(" readonly");
    }
    if settings.panel != Panel::Findings {
        attributes.push_str(&format!(r#" panel="{}""#, settings.panel.as_str()));
    }
    attributes.push_str(&format!(r#" height="{}""#, settings.height));
    let component = format!(
        "<script src=\"{script}\" defer></script>\n<phoenix-snippet{attributes}>\n<pre><code class=\"language-js\">{code}</code></pre>\n</phoenix-snippet>",
        // Relative to the playground's folder, whether `base` names it or its index.html.
        script = escape_html(&format!(
            "{}static/phoenix-snippet.js",
            &base[..base.rfind('/').map_or(0, |i| i + 1)]
        )),
        code = escape_html(code),
    );
    Ok(Snippets {
        link,
        embed_url,
        iframe,
        component,
    })
}

/// `scheme://host[:port]` of an absolute URL, as `event.origin` reports it.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// Escapes text for an HTML text node or a double-quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "let hits = 0; // <script>alert(1)</script> & 🔥\n";

    fn code_param() -> String {
        format!("code={}", share::encode(CODE).unwrap())
    }

    fn errors(query: &str) -> Vec<String> {
        parse(query)
            .expect_err("the query is refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_project_link_shows_its_app_js_first_and_keeps_every_file() {
        let fragment = share::encode_project(&[
            SourceFile::new("routes/cart.js", "module.exports = [];"),
            SourceFile::new("app.js", CODE),
        ])
        .unwrap();
        let embed = parse(&format!("code={fragment}")).unwrap();
        assert_eq!(embed.code, CODE);
        let paths: Vec<&str> = embed.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["app.js", "routes/cart.js"]);
        assert_eq!(embed.files[1].source, "module.exports = [];");
        assert_eq!(embed.fragment, fragment);
        assert!(
            parse(&format!("code={}", share::encode(CODE).unwrap()))
                .unwrap()
                .files
                .is_empty()
        );
    }

    #[test]
    fn defaults_need_only_the_code() {
        let embed = parse(&code_param()).unwrap();
        assert_eq!(embed.code, CODE);
        assert_eq!(embed.theme, Theme::Auto);
        assert_eq!(embed.rules, None);
        assert!(!embed.readonly);
        assert_eq!(embed.panel, Panel::Findings);
        assert_eq!(embed.origin, None);
        assert!(embed.fragment.starts_with("v1."));
    }

    #[test]
    fn every_parameter_is_read() {
        let query = format!(
            "{}&theme=dark&rules=no-local-uploads,no-global-state&readonly=1&panel=explanation&origin=https%3A%2F%2Fdocs.example.com%3A8443",
            code_param()
        );
        let embed = parse(&query).unwrap();
        assert_eq!(embed.theme, Theme::Dark);
        assert_eq!(
            embed.rules,
            Some(vec![RuleId::NoLocalUploads, RuleId::NoGlobalState])
        );
        assert!(embed.readonly);
        assert_eq!(embed.panel, Panel::Explanation);
        assert_eq!(
            embed.origin.as_deref(),
            Some("https://docs.example.com:8443")
        );
        assert!(parse(&format!("{}&readonly=0", code_param())).is_ok_and(|e| !e.readonly));
        // Commas may come escaped, as URLSearchParams writes them.
        assert_eq!(
            parse(&format!(
                "{}&rules=no-local-sessions%2Cno-global-state",
                code_param()
            ))
            .unwrap()
            .rules,
            Some(vec![RuleId::NoLocalSessions, RuleId::NoGlobalState])
        );
    }

    #[test]
    fn a_missing_or_broken_code_is_refused() {
        assert_eq!(errors("theme=dark")[0], EmbedError::MissingCode.to_string());
        assert_eq!(errors("")[0], EmbedError::MissingCode.to_string());
        assert!(errors("code=v1.@@@")[0].contains("not base64url"));
        assert!(errors("code=<script>")[0].contains("format this playground does not know"));
        assert_eq!(
            errors("code=v1.@@@").len(),
            1,
            "not also reported as missing"
        );
    }

    #[test]
    fn bad_values_are_named_and_quoted_short() {
        let all = errors(&format!(
            "{}&theme=<img src=x onerror=alert(1)>&panel=all&readonly=yes&rules=no-global-stat",
            code_param()
        ));
        assert_eq!(all.len(), 4, "{all:?}");
        assert!(
            all[0].starts_with("theme=“<img src=x onerror=alert(1)>”"),
            "{}",
            all[0]
        );
        assert!(all[1].starts_with("panel=“all”"));
        assert!(all[2].starts_with("readonly=“yes”"));
        assert!(all[3].contains("no-local-uploads, no-local-sessions, no-global-state"));

        let huge = "A".repeat(5_000);
        let message = &errors(&format!("{}&theme={huge}", code_param()))[0];
        assert!(message.chars().count() < 120, "{message}");
        assert!(message.contains('…'));
    }

    #[test]
    fn unknown_repeated_and_malformed_parameters_are_refused() {
        assert!(errors(&format!("{}&onload=alert(1)", code_param()))[0].contains("“onload”"));
        assert_eq!(
            errors(&format!("{}&theme=dark&theme=light", code_param())),
            ["theme is given more than once."]
        );
        assert!(errors(&format!("{}&theme=%zz", code_param()))[0].contains("Malformed"));
        assert!(errors(&format!("{}&theme=%ff", code_param()))[0].contains("Malformed"));
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        for good in [
            "https://docs.example.com",
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "https://[::1]:8443",
            "https://[::1]",
        ] {
            assert!(valid_origin(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://docs.example.com/path",
            "https://a.com:99999999",
            "https://",
            "*",
            "https://a.com:",
            "ftp://a.com",
            "https://user@a.com",
            "https://a.com?x",
        ] {
            assert!(!valid_origin(bad), "{bad}");
        }
        assert!(
            errors(&format!("{}&origin=javascript%3Aalert(1)", code_param()))[0]
                .starts_with("origin=")
        );
    }

    #[test]
    fn an_oversized_query_is_refused_before_decoding() {
        let query = format!("code=v1.{}", "A".repeat(MAX_QUERY_CHARS));
        assert!(matches!(
            parse(&query).unwrap_err()[..],
            [EmbedError::TooLong { .. }]
        ));
    }

    #[test]
    fn the_link_makers_query_parses_back_to_its_settings() {
        let settings = Settings {
            theme: Theme::Light,
            rules: Some(vec![RuleId::NoLocalSessions]),
            readonly: true,
            panel: Panel::None,
            height: 320,
        };
        let fragment = share::encode(CODE).unwrap();
        let embed = parse(&settings.query(&fragment)).unwrap();
        assert_eq!(embed.code, CODE);
        assert_eq!(embed.theme, Theme::Light);
        assert_eq!(embed.rules, Some(vec![RuleId::NoLocalSessions]));
        assert!(embed.readonly);
        assert_eq!(embed.panel, Panel::None);
        assert_eq!(
            Settings::default().query("v1.x"),
            "code=v1.x",
            "defaults are left out"
        );
    }

    #[test]
    fn snippets_escape_the_code_and_carry_the_settings() {
        let settings = Settings {
            rules: Some(vec![RuleId::NoGlobalState, RuleId::NoLocalUploads]),
            readonly: true,
            height: 300,
            ..Settings::default()
        };
        let base = "https://play.example.com/";
        let s = snippets(base, CODE, &settings).unwrap();
        assert!(s.link.starts_with("https://play.example.com/#v1."));
        assert_eq!(
            share::decode(s.link.split_once('#').unwrap().1),
            Ok(Some(CODE.into()))
        );
        let query = s.embed_url.split_once("#/embed?").unwrap().1;
        assert_eq!(parse(query).unwrap().rules, settings.rules);
        assert!(s.iframe.contains(r#"height="300""#));
        assert!(s.iframe.contains("frame.contentWindow === event.source"));
        assert!(
            s.iframe
                .contains("event.origin !== 'https://play.example.com'")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/app/"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin_of("https://a.example"), "https://a.example");
        assert!(
            s.component
                .contains(r#"rules="no-global-state,no-local-uploads" readonly"#)
        );
        assert!(
            s.component
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 🔥"),
            "{}",
            s.component
        );
        assert!(!s.component.contains("<script>alert"));
        assert!(s.component.starts_with(
            r#"<script src="https://play.example.com/static/phoenix-snippet.js" defer>"#
        ));
    }

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
