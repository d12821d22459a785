//! A QR code of a link, drawn as SVG from the module matrix of the `qrcodegen` crate
//! (chosen over `qrcode` for its smaller wasm), so a room can open the learner link
//! from the projector with a phone camera.

use qrcodegen::{QrCode, QrCodeEcc};
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
    // Medium error correction: still read when a projector blurs or a head hides a corner.
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let width = code.size();
    let mut d = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if code.get_module(x, y) {
                let start = x;
                while x < width && code.get_module(x, y) {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start as usize + QUIET,
                    y as usize + QUIET
                ));
            } else {
                x += 1;
            }
        }
    }
    Some((width as usize, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dark_module_is_drawn_once_inside_the_quiet_zone() {
        let text = "http://127.0.0.1:8080/#/workshop/default";
        let (width, d) = path(text).unwrap();
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        assert_eq!(width, code.size() as usize);
        let dark = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .filter(|&(x, y)| code.get_module(x, y))
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
