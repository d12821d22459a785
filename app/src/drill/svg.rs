//! The drill picture as inline SVG: the load balancer, the instances with their memory
//! and disk, the backing services, and the last request highlighted. Colours come from
//! classes styled with the page's CSS variables, so both themes apply.

use lint_core::StateKind;
use phoenix_drill::{
    BackingService, Event, EventKind, InstanceStatus, Placement, RequestOutcome, Snapshot, StateBox,
};
use yew::prelude::*;

use super::layout::{
    BAND_HEAD, BoxLayout, Compartment, HOLDER_HEAD, LINE, Layout, Orientation, Point, Rect, fit,
    visible_items,
};
use super::text::{Tone, describe};

/// About how many characters of 12-unit text fit in `w` units (monospace is widest).
fn chars_in(w: i32) -> usize {
    (w.max(0) / 7) as usize
}

/// The last request: which instance served it, for which piece of state, and how it went.
struct LastRequest<'a> {
    slot: usize,
    scenario: usize,
    label: String,
    tone: Tone,
    snapshot: &'a Snapshot,
}

impl LastRequest<'_> {
    fn of(snapshot: &Snapshot) -> Option<LastRequest<'_>> {
        let Event {
            kind:
                EventKind::Request {
                    scenario,
                    request,
                    instance: Some(instance),
                    outcome,
                    ..
                },
            ..
        } = snapshot.events.last()?
        else {
            return None;
        };
        let slot = snapshot
            .instances
            .iter()
            .position(|i| &i.name == instance)?;
        let tone = match outcome {
            RequestOutcome::Stored { .. } | RequestOutcome::Found { .. } => Tone::Good,
            RequestOutcome::Differs { .. } => Tone::Differs,
            RequestOutcome::Missing { .. }
            | RequestOutcome::Unavailable
            | RequestOutcome::Overwritten { .. } => Tone::Lost,
        };
        Some(LastRequest {
            slot,
            scenario: *scenario,
            label: format!("{} {}", request.method, request.path),
            tone,
            snapshot,
        })
    }

    /// The backing service the request's state lives in, if it lives in one.
    fn service(&self) -> Option<usize> {
        match self.snapshot.scenarios.get(self.scenario)?.placement {
            Placement::Service { service } => self
                .snapshot
                .services
                .iter()
                .position(|s| s.service == service),
            Placement::Instance { .. } => None,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub snapshot: std::rc::Rc<Snapshot>,
    pub orientation: Orientation,
}

#[function_component]
pub fn DrillPicture(props: &Props) -> Html {
    let snapshot = &*props.snapshot;
    let layout = Layout::new(snapshot, props.orientation);
    let last = LastRequest::of(snapshot);
    let hot_service = last.as_ref().and_then(|l| {
        let service = l.service()?;
        Some((service, layout.service_wire(l.slot, service)?))
    });
    // Keys the hot wires by the request, so each new request draws its arrow afresh.
    let sent = snapshot.events.len();
    let title = format!(
        "The drill: a load balancer, {} and the backing services",
        match snapshot.instances.len() {
            1 => "1 instance".to_string(),
            n => format!("{n} instances"),
        }
    );
    html! {
        <svg class="drill-svg" viewBox={format!("0 0 {} {}", layout.width, layout.height)}
            role="img" aria-labelledby="drill-svg-title drill-svg-desc"
            data-orientation={if layout.orientation == Orientation::Wide { "wide" } else { "narrow" }}>
            <title id="drill-svg-title">{ title }</title>
            <desc id="drill-svg-desc">{ describe(snapshot) }</desc>
            <defs>
                { for ["plain", "good", "lost", "differs"].iter().map(|tone| html! {
                    <marker id={format!("drill-arrow-{tone}")} class={classes!("arrow", *tone)}
                        viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
                        orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                }) }
            </defs>
            { band(&layout) }
            { for layout.wires.iter().enumerate().map(|(slot, wire)| {
                let hot = last.as_ref().filter(|l| l.slot == slot).map(|l| l.tone);
                let running = snapshot.instances[slot].status == InstanceStatus::Running;
                path(wire, hot, !running, format!("wire-{slot}-{}", hot.map_or(0, |_| sent)))
            }) }
            if let Some((_, wire)) = &hot_service {
                { path(wire, last.as_ref().map(|l| l.tone), false, format!("service-wire-{sent}")) }
            }
            { band_caption(&layout) }
            { balancer(&layout, snapshot) }
            { for layout.instances.iter().enumerate().map(|(slot, laid)| {
                let view = &snapshot.instances[slot];
                let killed = view.status == InstanceStatus::Killed;
                let hot = last.as_ref().filter(|l| l.slot == slot);
                let hot_box = hot.map(|l| l.scenario);
                html! {
                    <g class={classes!("instance", killed.then_some("killed"), hot.is_some().then_some("hot"))}
                        data-instance={view.name.clone()}>
                        <rect class="holder" x={n(laid.rect.x)} y={n(laid.rect.y)}
                            width={n(laid.rect.w)} height={n(laid.rect.h)} rx="10" />
                        <text class="holder-name" x={n(laid.rect.x + 12)} y={n(laid.rect.y + 24)}>
                            { format!("Instance {}", view.name) }
                        </text>
                        if killed {
                            { badge(laid.rect, "killed", Tone::Lost) }
                        } else if let Some(l) = hot {
                            { badge(laid.rect, &fit(&l.label, 22), l.tone) }
                        }
                        { compartment("Memory", &laid.memory, &view.memory, killed, hot_box) }
                        { compartment("Disk", &laid.disk, &view.disk, killed, hot_box) }
                    </g>
                }
            }) }
            { for layout.services.iter().enumerate().map(|(i, laid)| {
                let view = &snapshot.services[i];
                let used = !view.used_by.is_empty();
                let unused = view.boxes.is_empty() && !used;
                let hot = hot_service.as_ref().filter(|(s, _)| *s == i).and(last.as_ref());
                html! {
                    <g class={classes!("service", unused.then_some("unused"), used.then_some("used"), hot.is_some().then_some("hot"))}
                        data-service={service_name(view.service)}>
                        <rect class="holder" x={n(laid.rect.x)} y={n(laid.rect.y)}
                            width={n(laid.rect.w)} height={n(laid.rect.h)} rx="10" />
                        <text class="holder-name" x={n(laid.rect.x + 12)} y={n(laid.rect.y + 24)}>
                            { service_name(view.service) }
                        </text>
                        if used {
                            { used_pill(laid.rect, service_name(view.service), &view.used_by) }
                        }
                        if unused {
                            { placeholder(laid.rect.x + 12, laid.rect.y + HOLDER_HEAD + 15, "not used by this code") }
                        } else if view.boxes.is_empty() {
                            { placeholder(laid.rect.x + 12, laid.rect.y + HOLDER_HEAD + 15, "used by your code; nothing drilled here") }
                        }
                        { for laid.boxes.iter().zip(&view.boxes).map(|(b, state)| {
                            state_box(b, state, false, hot.map(|l| l.scenario) == Some(b.scenario))
                        }) }
                    </g>
                }
            }) }
        </svg>
    }
}

fn n(v: i32) -> String {
    v.to_string()
}

fn path(points: &[Point], hot: Option<Tone>, idle: bool, key: String) -> Html {
    let d = points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| format!("{}{x} {y}", if i == 0 { "M" } else { " L" }))
        .collect::<String>();
    let tone = hot.map_or("plain", Tone::class);
    html! {
        // A hot wire's length is 100 units, so the CSS can draw it from end to end.
        <path key={key} class={classes!("wire", hot.map(|_| "hot"), tone, idle.then_some("idle"))} d={d}
            pathLength={hot.map(|_| "100")} marker-end={format!("url(#drill-arrow-{tone})")} />
    }
}

fn balancer(layout: &Layout, snapshot: &Snapshot) -> Html {
    let r = layout.balancer;
    let next = snapshot.next_target.as_ref().map_or_else(
        || "no instance running".to_string(),
        |name| format!("round robin · next: {name}"),
    );
    html! {
        <g class="balancer">
            <rect class="holder" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            <text class="holder-name" x={n(r.cx())} y={n(r.y + 21)} text-anchor="middle">{"Load balancer"}</text>
            <text class="sub" x={n(r.cx())} y={n(r.y + 39)} text-anchor="middle">{ next }</text>
        </g>
    }
}

fn band(layout: &Layout) -> Html {
    let r = layout.band;
    html! {
        <rect class="band" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="14" />
    }
}

/// Drawn over the wires, with a halo, so a request on its way to a service does not
/// strike through the words.
fn band_caption(layout: &Layout) -> Html {
    let r = layout.band;
    let caption = match layout.orientation {
        Orientation::Wide => {
            "Backing services: outside the instances, shared by all of them, untouched by a kill"
        }
        Orientation::Narrow => "Backing services, outside the instances",
    };
    html! {
        <text class="caption band-caption" x={n(r.x + 12)} y={n(r.y + BAND_HEAD - 10)}>{ caption }</text>
    }
}

/// A pill at the right of a holder's name: the last request, or "killed".
fn badge(holder: Rect, text: &str, tone: Tone) -> Html {
    let w = text.chars().count() as i32 * 7 + 16;
    let x = holder.right() - 10 - w;
    html! {
        <g class={classes!("pill", tone.class())}>
            <rect x={n(x)} y={n(holder.y + 9)} width={n(w)} height="20" rx="10" />
            <text x={n(x + w / 2)} y={n(holder.y + 23)} text-anchor="middle">{ text.to_owned() }</text>
        </g>
    }
}

/// "uses pg": which of the code's packages talk to a service, at the right of its name.
fn used_pill(holder: Rect, name: &str, packages: &[String]) -> Html {
    // Room left of the pill for the service's name (about 8 units a character).
    let room = chars_in(holder.w - 40 - name.chars().count() as i32 * 8).max(6);
    let text = fit(&format!("uses {}", packages.join(", ")), room);
    let w = text.chars().count() as i32 * 7 + 16;
    let x = holder.right() - 10 - w;
    html! {
        <g class="pill used-by">
            <title>{ format!("Your code talks to it through {}", packages.join(", ")) }</title>
            <rect x={n(x)} y={n(holder.y + 9)} width={n(w)} height="20" rx="10" />
            <text x={n(x + w / 2)} y={n(holder.y + 23)} text-anchor="middle">{ text }</text>
        </g>
    }
}

fn compartment(
    caption: &str,
    laid: &Compartment,
    boxes: &[StateBox],
    killed: bool,
    hot: Option<usize>,
) -> Html {
    let r = laid.rect;
    let empty = if killed { "gone" } else { "nothing kept here" };
    html! {
        <g class="compartment">
            <rect x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="7" />
            <text class="caption" x={n(r.x + 8)} y={n(r.y + 15)}>{ caption.to_owned() }</text>
            if laid.boxes.is_empty() {
                { placeholder(r.x + 8, r.y + 37, empty) }
            }
            { for laid.boxes.iter().zip(boxes).map(|(b, state)| {
                state_box(b, state, killed, hot == Some(b.scenario))
            }) }
        </g>
    }
}

fn placeholder(x: i32, y: i32, text: &str) -> Html {
    html! { <text class="placeholder" x={n(x)} y={n(y)}>{ text.to_owned() }</text> }
}

/// A piece of state: its name, what kind it is, and what it holds right now.
fn state_box(laid: &BoxLayout, state: &StateBox, killed: bool, hot: bool) -> Html {
    let r = laid.rect;
    let kind = kind_class(state.kind);
    let room = chars_in(r.w - 24);
    let lines: Vec<(String, &str)> = if killed {
        vec![("gone with the instance".to_string(), "item gone")]
    } else if state.items.is_empty() {
        vec![("empty".to_string(), "item empty")]
    } else {
        visible_items(&state.items, laid.lines)
            .into_iter()
            .map(|item| (fit(&item.replace('`', ""), room), "item"))
            .collect()
    };
    let short = short_kind(state.kind);
    let name_room = room.saturating_sub(short.len() + 2);
    html! {
        <g class={classes!("state-box", kind, hot.then_some("hot"), killed.then_some("gone"))}
            data-state={state.name.clone()}>
            <rect class="box" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="6" />
            <rect class="stripe" x={n(r.x)} y={n(r.y)} width="5" height={n(r.h)} rx="2" />
            <text class="state-name" x={n(r.x + 14)} y={n(r.y + 17)}>{ fit(&state.name, name_room) }</text>
            <text class="kind" x={n(r.right() - 8)} y={n(r.y + 17)} text-anchor="end">{ short }</text>
            { for lines.into_iter().enumerate().map(|(i, (text, class))| html! {
                <text class={class} x={n(r.x + 14)} y={n(r.y + 17 + LINE * (i as i32 + 1))}>{ text }</text>
            }) }
        </g>
    }
}

fn kind_class(kind: StateKind) -> &'static str {
    match kind {
        StateKind::UploadedFiles => "kind-uploads",
        StateKind::Sessions => "kind-sessions",
        _ => "kind-global",
    }
}

fn short_kind(kind: StateKind) -> &'static str {
    match kind {
        StateKind::UploadedFiles => "files",
        StateKind::Sessions => "sessions",
        StateKind::Cache => "cache",
        StateKind::Counter => "counter",
        StateKind::Collection => "list",
        StateKind::RequestContext => "per request",
        StateKind::Configuration => "setting",
    }
}

fn service_name(service: BackingService) -> &'static str {
    match service {
        BackingService::ObjectStorage => "Object storage",
        BackingService::Redis => "Redis",
        BackingService::Database => "Database",
    }
}
