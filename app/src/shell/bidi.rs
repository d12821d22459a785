//! Bidirectional-text controls (U+202A–U+202E, U+2066–U+2069, and the invisible marks
//! U+200E, U+200F, U+061C) reorder the text shown after them without being seen: a name
//! in a finding or a line of code could read as something it is not (the "Trojan Source"
//! trick). Where the page shows text from the code outside the editor (CodeMirror marks
//! them itself), they are replaced by a visible `⟨U+202E⟩`.

/// Whether `c` changes the direction of the text around it.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// How a control is shown.
pub fn marker(c: char) -> String {
    format!("⟨U+{:04X}⟩", u32::from(c))
}

/// `text` with every control shown as its marker.
pub fn escaped(text: &str) -> String {
    if !text.chars().any(is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_control(c) {
                marker(c)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A piece of text to show: plain, or one control to mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Control(char),
}

/// `text` cut around its controls, so a view can style the markers.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = vec![];
    let mut start = 0;
    for (at, c) in text.char_indices().filter(|&(_, c)| is_control(c)) {
        if at > start {
            out.push(Piece::Text(&text[start..at]));
        }
        out.push(Piece::Control(c));
        start = at + c.len_utf8();
    }
    if start < text.len() {
        out.push(Piece::Text(&text[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_the_rest_stays() {
        assert_eq!(escaped("plain ünïcödé עברית"), "plain ünïcödé עברית");
        assert_eq!(
            escaped("const \u{202E}txt.exe\u{202C} = 1"),
            "const ⟨U+202E⟩txt.exe⟨U+202C⟩ = 1"
        );
        for c in ['\u{2066}', '\u{2069}', '\u{200F}', '\u{061C}'] {
            assert!(is_control(c));
            assert!(!escaped(&c.to_string()).contains(c));
        }
        assert!(
            !is_control('\u{200B}'),
            "a zero-width space does not reorder"
        );
    }

    #[test]
    fn pieces_cut_around_controls() {
        assert_eq!(
            pieces("a\u{202E}bc\u{2066}"),
            [
                Piece::Text("a"),
                Piece::Control('\u{202E}'),
                Piece::Text("bc"),
                Piece::Control('\u{2066}')
            ]
        );
        assert_eq!(pieces(""), []);
        assert_eq!(pieces("abc"), [Piece::Text("abc")]);
    }
}
