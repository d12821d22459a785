//! Where everything goes in the drill picture, in SVG user units. Pure geometry, so the
//! rules the picture relies on (boxes inside their instance, nothing outside the view
//! box, heights that do not jump while the drill plays) are tested natively.
//!
//! Two arrangements: side by side for wide screens, and stacked for phones, where a
//! 960-unit-wide picture scaled to 360 px would make its text unreadably small.

use lint_core::StateKind;
use phoenix_drill::{Intent, Scenario, Snapshot, StateBox};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Wide,
    Narrow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub const fn right(self) -> i32 {
        self.x + self.w
    }
    pub const fn bottom(self) -> i32 {
        self.y + self.h
    }
    pub const fn cx(self) -> i32 {
        self.x + self.w / 2
    }
}

pub type Point = (i32, i32);

/// One piece of state drawn as a labelled box, with room for `lines` items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxLayout {
    pub scenario: usize,
    pub rect: Rect,
    pub lines: usize,
}

/// An instance's memory or disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compartment {
    pub rect: Rect,
    pub boxes: Vec<BoxLayout>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceLayout {
    pub rect: Rect,
    pub memory: Compartment,
    pub disk: Compartment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLayout {
    pub rect: Rect,
    pub boxes: Vec<BoxLayout>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub orientation: Orientation,
    pub width: i32,
    pub height: i32,
    pub balancer: Rect,
    /// In slot order, like the snapshot's instances.
    pub instances: Vec<InstanceLayout>,
    /// Load balancer → instance, one path per instance.
    pub wires: Vec<Vec<Point>>,
    /// The area of the backing services; its caption sits in its first `BAND_HEAD` units.
    pub band: Rect,
    /// In the snapshot's service order.
    pub services: Vec<ServiceLayout>,
}

/// Most item lines a box shows; more items are summed up as "+n more".
pub const MAX_LINES: usize = 3;
pub const BOX_HEAD: i32 = 24;
pub const LINE: i32 = 17;
const BOX_FOOT: i32 = 6;
const BOX_GAP: i32 = 6;
/// Room for a compartment's caption ("Memory", "Disk").
pub const COMPARTMENT_HEAD: i32 = 22;
const COMPARTMENT_PAD: i32 = 8;
/// Room for an instance's or a service's name.
pub const HOLDER_HEAD: i32 = 38;
const HOLDER_PAD: i32 = 10;
pub const BAND_HEAD: i32 = 30;
/// Height of the "nothing kept here" line of an empty compartment or an unused service.
pub const PLACEHOLDER: i32 = 22;

const WIDE: i32 = 960;
const NARROW: i32 = 360;

impl Layout {
    pub fn new(snapshot: &Snapshot, orientation: Orientation) -> Self {
        let lines: Vec<usize> = snapshot.scenarios.iter().map(reserved_lines).collect();
        match orientation {
            Orientation::Wide => wide(snapshot, &lines),
            Orientation::Narrow => narrow(snapshot, &lines),
        }
    }

    /// Instance → backing service, for a request whose state lives in that service.
    pub fn service_wire(&self, instance: usize, service: usize) -> Option<Vec<Point>> {
        let from = self.instances.get(instance)?.rect;
        let to = self.services.get(service)?.rect;
        Some(match self.orientation {
            Orientation::Wide => {
                let mid = (from.bottom() + self.band.y) / 2;
                vec![
                    (from.cx(), from.bottom()),
                    (from.cx(), mid),
                    (to.cx(), mid),
                    (to.cx(), to.y),
                ]
            }
            Orientation::Narrow => {
                // Down the right-hand gutter, clear of the instances below.
                let gutter = self.width - 9;
                let (a, b) = (from.y + HOLDER_HEAD / 2, to.y + HOLDER_HEAD / 2);
                vec![(from.right(), a), (gutter, a), (gutter, b), (to.right(), b)]
            }
        })
    }
}

/// Room for as many items as the script can ever put in one holder, so boxes do not
/// grow while the drill plays: a counter or a single value shows one line, files and
/// sessions one per item written.
fn reserved_lines(scenario: &Scenario) -> usize {
    let single = matches!(
        scenario.kind,
        StateKind::Counter | StateKind::RequestContext | StateKind::Configuration
    );
    if single {
        return 1;
    }
    let mut written: Vec<u32> = scenario
        .script
        .iter()
        .filter(|r| r.intent == Intent::Write)
        .map(|r| r.item)
        .collect();
    written.sort_unstable();
    written.dedup();
    written.len().clamp(1, MAX_LINES)
}

pub const fn box_height(lines: usize) -> i32 {
    BOX_HEAD + LINE * lines as i32 + BOX_FOOT
}

/// Stacks boxes from `top` at `x`, `w` wide; returns them and the height they take.
fn stack(boxes: &[StateBox], lines: &[usize], x: i32, top: i32, w: i32) -> (Vec<BoxLayout>, i32) {
    let mut y = top;
    let laid = boxes
        .iter()
        .map(|b| {
            let lines = lines.get(b.scenario).copied().unwrap_or(1);
            let rect = Rect {
                x,
                y,
                w,
                h: box_height(lines),
            };
            y += rect.h + BOX_GAP;
            BoxLayout {
                scenario: b.scenario,
                rect,
                lines,
            }
        })
        .collect::<Vec<_>>();
    let used = if laid.is_empty() {
        PLACEHOLDER
    } else {
        y - top - BOX_GAP
    };
    (laid, used)
}

fn compartment(boxes: &[StateBox], lines: &[usize], x: i32, y: i32, w: i32) -> Compartment {
    let inner = COMPARTMENT_PAD;
    let (laid, used) = stack(boxes, lines, x + inner, y + COMPARTMENT_HEAD, w - 2 * inner);
    Compartment {
        rect: Rect {
            x,
            y,
            w,
            h: COMPARTMENT_HEAD + used + inner,
        },
        boxes: laid,
    }
}

fn instance(
    snapshot: &Snapshot,
    slot: usize,
    lines: &[usize],
    x: i32,
    y: i32,
    w: i32,
) -> InstanceLayout {
    let view = &snapshot.instances[slot];
    let inner_x = x + HOLDER_PAD;
    let inner_w = w - 2 * HOLDER_PAD;
    let memory = compartment(&view.memory, lines, inner_x, y + HOLDER_HEAD, inner_w);
    let disk = compartment(
        &view.disk,
        lines,
        inner_x,
        memory.rect.bottom() + 8,
        inner_w,
    );
    InstanceLayout {
        rect: Rect {
            x,
            y,
            w,
            h: disk.rect.bottom() + HOLDER_PAD - y,
        },
        memory,
        disk,
    }
}

fn service(
    snapshot: &Snapshot,
    index: usize,
    lines: &[usize],
    x: i32,
    y: i32,
    w: i32,
) -> ServiceLayout {
    let (boxes, used) = stack(
        &snapshot.services[index].boxes,
        lines,
        x + HOLDER_PAD,
        y + HOLDER_HEAD,
        w - 2 * HOLDER_PAD,
    );
    ServiceLayout {
        rect: Rect {
            x,
            y,
            w,
            h: HOLDER_HEAD + used + HOLDER_PAD,
        },
        boxes,
    }
}

/// Instances in a row under the load balancer, services in a row under them.
fn wide(snapshot: &Snapshot, lines: &[usize]) -> Layout {
    const MARGIN: i32 = 16;
    const GAP: i32 = 24;
    let balancer = Rect {
        x: (WIDE - 260) / 2,
        y: 14,
        w: 260,
        h: 50,
    };
    // `n` columns at most `widest` wide, centred within `margin` of each side.
    let row = |n: i32, widest: i32, margin: i32| {
        let w = ((WIDE - 2 * margin - (n - 1) * GAP) / n).min(widest);
        let x0 = (WIDE - (n * w + (n - 1) * GAP)) / 2;
        (w, x0)
    };
    let count = snapshot.instances.len().max(1) as i32;
    let (w, x0) = row(count, 340, MARGIN);
    let top = balancer.bottom() + 58;
    let mut instances: Vec<InstanceLayout> = (0..snapshot.instances.len())
        .map(|slot| instance(snapshot, slot, lines, x0 + slot as i32 * (w + GAP), top, w))
        .collect();
    // One height for the row, so it reads as copies of one app.
    let tallest = instances.iter().map(|i| i.rect.h).max().unwrap_or(0);
    for i in &mut instances {
        i.rect.h = tallest;
    }
    let wires = instances
        .iter()
        .map(|i| vec![(balancer.cx(), balancer.bottom()), (i.rect.cx(), i.rect.y)])
        .collect();
    let band_y = top + tallest + 56;
    let services_n = snapshot.services.len().max(1) as i32;
    let (sw, sx0) = row(services_n, 296, MARGIN + 14);
    let mut services: Vec<ServiceLayout> = (0..snapshot.services.len())
        .map(|i| {
            service(
                snapshot,
                i,
                lines,
                sx0 + i as i32 * (sw + GAP),
                band_y + BAND_HEAD,
                sw,
            )
        })
        .collect();
    let tallest = services
        .iter()
        .map(|s| s.rect.h)
        .max()
        .unwrap_or(PLACEHOLDER);
    for s in &mut services {
        s.rect.h = tallest;
    }
    let band = Rect {
        x: MARGIN,
        y: band_y,
        w: WIDE - 2 * MARGIN,
        h: BAND_HEAD + tallest + 12,
    };
    Layout {
        orientation: Orientation::Wide,
        width: WIDE,
        height: band.bottom() + MARGIN,
        balancer,
        instances,
        wires,
        band,
        services,
    }
}

/// Everything stacked; a spine on the left carries requests to each instance, and the
/// right-hand gutter carries them on to the backing services.
fn narrow(snapshot: &Snapshot, lines: &[usize]) -> Layout {
    const MARGIN: i32 = 10;
    const SPINE: i32 = 18;
    const LEFT: i32 = 32;
    const GUTTER: i32 = 18;
    const GAP: i32 = 14;
    let balancer = Rect {
        x: (NARROW - 220) / 2,
        y: MARGIN,
        w: 220,
        h: 46,
    };
    let w = NARROW - LEFT - GUTTER;
    let mut y = balancer.bottom() + 24;
    let instances: Vec<InstanceLayout> = (0..snapshot.instances.len())
        .map(|slot| {
            let laid = instance(snapshot, slot, lines, LEFT, y, w);
            y = laid.rect.bottom() + GAP;
            laid
        })
        .collect();
    let wires = instances
        .iter()
        .map(|i| {
            let at = i.rect.y + HOLDER_HEAD / 2;
            let start = balancer.y + balancer.h / 2;
            vec![
                (balancer.x, start),
                (SPINE, start),
                (SPINE, at),
                (i.rect.x, at),
            ]
        })
        .collect();
    let band_y = y + 10;
    let mut y = band_y + BAND_HEAD;
    let services: Vec<ServiceLayout> = (0..snapshot.services.len())
        .map(|i| {
            let laid = service(snapshot, i, lines, MARGIN, y, NARROW - MARGIN - GUTTER);
            y = laid.rect.bottom() + 12;
            laid
        })
        .collect();
    let band = Rect {
        x: MARGIN / 2,
        y: band_y,
        w: NARROW - MARGIN,
        h: y - band_y,
    };
    Layout {
        orientation: Orientation::Narrow,
        width: NARROW,
        height: band.bottom() + MARGIN / 2,
        balancer,
        instances,
        wires,
        band,
        services,
    }
}

/// The item lines a box with room for `lines` shows: all items when they fit, else the
/// first ones and "+n more" on the last line.
pub fn visible_items(items: &[String], lines: usize) -> Vec<String> {
    let lines = lines.max(1);
    if items.len() <= lines {
        return items.to_vec();
    }
    let shown = lines - 1;
    let mut out = items[..shown].to_vec();
    out.push(format!("+{} more", items.len() - shown));
    out
}

/// `text` cut with "…" to about `max_chars` characters, so a long name stays in its box.
pub fn fit(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drill::session::{Action, Session};
    use crate::shared::examples;

    const CLEAN: &str = "const express = require('express');\nconst app = express();\n";

    impl Rect {
        fn contains(self, other: Rect) -> bool {
            other.x >= self.x
                && other.y >= self.y
                && other.right() <= self.right()
                && other.bottom() <= self.bottom()
        }
        fn overlaps(self, other: Rect) -> bool {
            self.x < other.right()
                && other.x < self.right()
                && self.y < other.bottom()
                && other.y < self.bottom()
        }
    }

    fn sessions() -> Vec<Session> {
        let mut all = Vec::new();
        for source in [examples::DEFAULT.source, CLEAN] {
            let mut session = Session::from_source(source);
            all.push(session.clone());
            crate::drill::session::play_through(&mut session);
            all.push(session.clone());
            session.act(&Action::AddInstance);
            session.act(&Action::Kill("B".into()));
            all.push(session.clone());
            let mut one = Session::from_source(source);
            one.act(&Action::Kill("A".into()));
            one.act(&Action::Kill("B".into()));
            all.push(one);
        }
        all
    }

    fn every_layout() -> Vec<(Snapshot, Layout)> {
        sessions()
            .into_iter()
            .flat_map(|s| {
                let snapshot = s.drill.snapshot();
                [Orientation::Wide, Orientation::Narrow]
                    .map(|o| (snapshot.clone(), Layout::new(&snapshot, o)))
            })
            .collect()
    }

    #[test]
    fn every_box_sits_inside_its_holder_and_the_picture() {
        for (snapshot, layout) in every_layout() {
            let view = Rect {
                x: 0,
                y: 0,
                w: layout.width,
                h: layout.height,
            };
            assert!(view.contains(layout.balancer));
            assert!(view.contains(layout.band));
            assert_eq!(layout.instances.len(), snapshot.instances.len());
            for (laid, seen) in layout.instances.iter().zip(&snapshot.instances) {
                assert!(view.contains(laid.rect), "{:?}", layout.orientation);
                for (part, boxes) in [(&laid.memory, &seen.memory), (&laid.disk, &seen.disk)] {
                    assert!(laid.rect.contains(part.rect));
                    assert_eq!(part.boxes.len(), boxes.len());
                    for b in &part.boxes {
                        assert!(part.rect.contains(b.rect), "{b:?} outside {part:?}");
                    }
                }
                assert!(!laid.memory.rect.overlaps(laid.disk.rect));
            }
            for s in &layout.services {
                assert!(layout.band.contains(s.rect));
                for b in &s.boxes {
                    assert!(s.rect.contains(b.rect));
                }
                for i in &layout.instances {
                    assert!(!s.rect.overlaps(i.rect), "a service covers an instance");
                }
            }
        }
    }

    #[test]
    fn instances_and_services_do_not_overlap_each_other() {
        for (_, layout) in every_layout() {
            let rects: Vec<Rect> = layout
                .instances
                .iter()
                .map(|i| i.rect)
                .chain(layout.services.iter().map(|s| s.rect))
                .chain([layout.balancer])
                .collect();
            for (a, ra) in rects.iter().enumerate() {
                for rb in &rects[a + 1..] {
                    assert!(!ra.overlaps(*rb), "{ra:?} overlaps {rb:?}");
                }
            }
        }
    }

    #[test]
    fn wires_run_from_the_balancer_to_each_instance() {
        for (_, layout) in every_layout() {
            assert_eq!(layout.wires.len(), layout.instances.len());
            for (wire, instance) in layout.wires.iter().zip(&layout.instances) {
                let (x, y) = *wire.last().unwrap();
                let r = instance.rect;
                assert!(x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom());
            }
            let wire = layout
                .service_wire(0, 1)
                .expect("instance A and Redis exist");
            let (x, y) = *wire.last().unwrap();
            let redis = layout.services[1].rect;
            assert!(x >= redis.x && x <= redis.right() && y >= redis.y);
            assert!(layout.service_wire(7, 0).is_none());
        }
    }

    #[test]
    fn the_picture_keeps_its_size_while_the_drill_plays() {
        let mut session = Session::from_source(examples::DEFAULT.source);
        let before = Layout::new(&session.drill.snapshot(), Orientation::Wide);
        crate::drill::session::play_through(&mut session);
        let after = Layout::new(&session.drill.snapshot(), Orientation::Wide);
        assert_eq!((before.width, before.height), (after.width, after.height));
        assert_eq!(before.instances, after.instances);
    }

    #[test]
    fn the_narrow_picture_is_phone_wide_and_the_wide_one_is_not() {
        let snapshot = Session::from_source(examples::DEFAULT.source)
            .drill
            .snapshot();
        assert_eq!(Layout::new(&snapshot, Orientation::Narrow).width, 360);
        let wide = Layout::new(&snapshot, Orientation::Wide);
        assert_eq!(wide.width, 960);
        // Side by side: both instances start on the same line.
        assert_eq!(wide.instances[0].rect.y, wide.instances[1].rect.y);
        assert!(wide.instances[0].rect.right() < wide.instances[1].rect.x);
    }

    #[test]
    fn items_beyond_the_room_are_counted_not_drawn() {
        let items: Vec<String> = (1..=5).map(|n| format!("file {n}")).collect();
        assert_eq!(visible_items(&items[..2], 3), ["file 1", "file 2"]);
        assert_eq!(visible_items(&items, 3), ["file 1", "file 2", "+3 more"]);
        assert_eq!(visible_items(&items, 1), ["+5 more"]);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(fit("uploads/", 10), "uploads/");
        assert_eq!(fit("app.locals.someVeryLongName", 10), "app.local…");
        assert_eq!(fit("ünïcödé ünïcödé", 8), "ünïcödé…");
    }
}
