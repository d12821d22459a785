//! A QR code of a link, drawn as SVG from the `qrcode` crate's module matrix, so a room
//! can open the learner link from the projector with a phone camera.

use qrcode::{Color, QrCode};
use yew::prelude::*;

/// Light modules a reader needs around the symbol (the standard's quiet zone).
const QUIET: usize = 4;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    /// What the code holds, for a screen reader.
    pub label: AttrValue,
}

#[function_component]
pub fn Qr(props: &Props) -> Html {
    let drawn = use_memo(props.text.clone(), |text| path(text));
    let Some((width, d)) = (*drawn).clone() else {
        // Longer than a QR code holds (about 2,300 characters of a link): the link is
        // still shown as text beside it.
        return html! {};
    };
    let size = width + 2 * QUIET;
    html! {
        <svg class="qr-code" viewBox={format!("0 0 {size} {size}")} role="img"
            aria-label={props.label.clone()} shape-rendering="crispEdges">
            <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
            <path d={d} fill="#000" />
        </svg>
    }
}

/// The symbol's width in modules and an SVG path of its dark modules, one rectangle per
/// horizontal run, offset by the quiet zone.
fn path(text: &str) -> Option<(usize, String)> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET));
            } else {
                x += 1;
            }
        }
    }
    Some((width, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dark_module_is_drawn_once_inside_the_quiet_zone() {
        let text = "http://127.0.0.1:8080/#/workshop/default";
        let (width, d) = path(text).unwrap();
        let code = QrCode::new(text.as_bytes()).unwrap();
        assert_eq!(width, code.width());
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        let drawn: usize = d
            .split('z')
            .filter(|s| !s.is_empty())
            .map(|rect| {
                let h = rect.split('h').nth(1).unwrap();
                h.split('v').next().unwrap().parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(drawn, dark);
        // The top-left finder pattern starts right after the quiet zone.
        assert!(d.starts_with(&format!("M{QUIET} {QUIET}h7v1h-7z")));
    }
}
