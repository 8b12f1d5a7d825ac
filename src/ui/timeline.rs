//! The timeline: lanes of projects, partnerships and events on a zoomable time axis, and
//! the "as of" slider that decides what the map shows. Items are drawn as one escaped
//! markup string (like the map's markers) with one delegated listener.

use crate::geo::svg::escape;
use crate::i18n::Lang;
use crate::lanes::{self, Item, Lane};
use crate::model::{Day, PartialDate, Precision};
use crate::time::{self, TimeScale};
use crate::{today, use_as_of, use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;
use std::fmt::Write as _;

const DEFAULT_WIDTH: f64 = 800.0;
const ROW_PX: f64 = 20.0;
const LANE_HEADER_PX: f64 = 20.0;
const AXIS_PX: f64 = 24.0;
/// Minimum distance between tick labels.
const TICK_MIN_PX: f64 = 56.0;
const ZOOM_STEP: f64 = 1.5;
/// Width reserved for an item's written label; longer labels are cut with "…" (the full
/// text stays in the item's accessible name and tooltip).
const LABEL_MAX_PX: f64 = 190.0;
/// The wide frame's timeline box at 1440×900, which the prerendered page draws it for
/// besides a phone's (`super::PRERENDER_TIMELINE_WIDTH`, named rows).
const PRERENDER_WIDE_WIDTH: f64 = 1398.0;
const PRERENDER_WIDE_HEIGHT: f64 = 243.0;
/// Approximate width of one character of the 12 px label font.
const CHAR_PX: f64 = 6.5;

/// The label as drawn: at most as many characters as fit in [`LABEL_MAX_PX`], cut after a
/// whole word so that what is seen stays part of the spoken name (WCAG 2.5.3); a
/// parenthesis is dropped whole rather than left open.
pub fn clip_label(label: &str) -> String {
    let max = (LABEL_MAX_PX / CHAR_PX) as usize;
    if label.chars().count() <= max {
        return label.to_owned();
    }
    if let Some((head, _)) = label.split_once(" (") {
        if head.chars().count() < max {
            return format!("{head}…");
        }
    }
    let cut: String = label.chars().take(max).collect();
    let whole = match cut.rfind(' ') {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        whole.trim_end_matches([' ', ',', ':', ';', '–', '-', '('])
    )
}

/// An item's date range in words (see [`span_text`]).
pub fn dates_text(item: &Item, lang: Lang) -> String {
    span_text(&item.span, lang)
}

/// A date range in words: "1 October 2022 – 30 September 2024", "since 2015".
pub fn span_text(span: &crate::model::Span, lang: Lang) -> String {
    let fmt = |d: PartialDate| lang.date(d);
    match (span.start, span.end) {
        (Some(s), Some(e)) if s == e => fmt(s),
        (Some(s), Some(e)) => format!("{} – {}", fmt(s), fmt(e)),
        (Some(s), None) => match lang {
            Lang::En => format!("since {}", fmt(s)),
            Lang::Fr => format!("depuis {}", fmt(s)),
        },
        (None, Some(e)) => match lang {
            Lang::En => format!("until {}", fmt(e)),
            Lang::Fr => format!("jusqu’à {}", fmt(e)),
        },
        (None, None) => String::new(),
    }
}

/// Whole pixels, for compact markup.
fn px(v: f64) -> i64 {
    if v.is_finite() {
        v.round().clamp(-1e7, 1e7) as i64
    } else {
        0
    }
}

/// How the lanes are laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    /// Each item's name written beside it, lane titles on rows of their own: the page
    /// layout (phones), or on request.
    Named,
    /// Rows fitted to a box `height` px high so that every lane shows without scrolling;
    /// lane titles in a left gutter, names in each item's tooltip and accessible name, and
    /// in the readout above the lanes when an item is pointed at or focused.
    Compact { height: f64 },
}

impl Layout {
    /// Width of the lane titles' column on the left.
    pub fn gutter(self) -> f64 {
        match self {
            Layout::Named => 0.0,
            Layout::Compact { .. } => GUTTER_PX,
        }
    }
}

/// The lane titles' column in the compact layout.
pub const GUTTER_PX: f64 = 150.0;
/// Compact rows: never thinner than this (the lanes scroll then), nor thicker.
const COMPACT_ROW_MIN: f64 = 5.0;
const COMPACT_ROW_MAX: f64 = 16.0;
const COMPACT_LANE_GAP: f64 = 5.0;

/// The lanes as drawn: the time-scaled part (axis origin at x = 0, to be placed right of
/// the gutter), the gutter's lane titles (compact layout only), and the total height.
#[derive(Debug, Default)]
pub struct Drawn {
    pub plot: String,
    pub gutter: String,
    pub height: f64,
}

/// A day-precise, one-day event: drawn as a dot.
fn is_dot(item: &Item) -> bool {
    item.point
        && item.span.start.is_some_and(|s| {
            s.precision() == Precision::Day && item.span.end.is_none_or(|e| e == s)
        })
}

/// A lane title on at most two lines for the gutter, split at the space nearest the middle.
fn title_lines(title: &str) -> Vec<&str> {
    const ONE_LINE: usize = 16;
    if title.chars().count() <= ONE_LINE {
        return vec![title];
    }
    let middle = title.len() / 2;
    let split = title
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match split {
        Some(i) => vec![&title[..i], &title[i + 1..]],
        None => vec![title],
    }
}

/// What the selection marks on the timeline: the selected item itself, and the items
/// that are or involve one of `related` (the selection, or a programme's hub and projects).
#[derive(Clone, Copy, Default)]
pub struct Marks<'a> {
    pub selected: Option<&'a str>,
    pub related: &'a [&'a str],
}

/// The lanes' markup for a scale: lane titles, then items stacked in rows, marked as the
/// selection says.
pub fn lanes_svg(
    items: &[Item],
    scale: &TimeScale,
    bounds_end: Day,
    lang: Lang,
    marks: Marks,
    layout: Layout,
) -> Drawn {
    let selected = marks.selected;
    let compact = matches!(layout, Layout::Compact { .. });
    let lanes: Vec<(Lane, Vec<&Item>, Vec<usize>, usize)> = Lane::ALL
        .into_iter()
        .map(|lane| {
            let in_lane: Vec<&Item> = items.iter().filter(|i| i.lane == lane).collect();
            let (rows, count) = if compact && lane == Lane::Events {
                // A strip of dots, and one of soft bands: events may overlap there, and
                // the keyboard, the tooltips and the table still reach each one.
                let rows: Vec<usize> = in_lane.iter().map(|i| usize::from(!is_dot(i))).collect();
                let count = rows.iter().max().map_or(0, |m| m + 1);
                (rows, count)
            } else {
                let extents: Vec<(f64, f64)> = in_lane
                    .iter()
                    .map(|i| {
                        let from = i.span.start.map_or(0.0, |s| scale.x(s.first_day()));
                        let to = i
                            .span
                            .end
                            .map_or(scale.x(bounds_end), |e| scale.x(e.last_day()));
                        // Room for the label (about 6.5 px a character) when it is written beside.
                        let label = if compact {
                            0.0
                        } else {
                            clip_label(i.label.get(lang)).chars().count() as f64 * CHAR_PX
                        };
                        (from, to.max(from + 8.0).max(from + label + 8.0))
                    })
                    .collect();
                time::stack(&extents, if compact { 3.0 } else { 6.0 })
            };
            (lane, in_lane, rows, count)
        })
        .collect();
    let (row_px, header_px, gap) = match layout {
        Layout::Named => (ROW_PX, LANE_HEADER_PX, 8.0),
        Layout::Compact { height } => {
            let rows: usize = lanes.iter().map(|l| l.3.max(1)).sum();
            let free = height - AXIS_PX - COMPACT_LANE_GAP * lanes.len() as f64;
            let row = (free / rows.max(1) as f64).floor();
            (
                row.clamp(COMPACT_ROW_MIN, COMPACT_ROW_MAX),
                0.0,
                COMPACT_LANE_GAP,
            )
        }
    };
    let mut drawn = Drawn::default();
    let mut y = AXIS_PX;
    for (lane, in_lane, rows, count) in lanes {
        let title = escape(lane.label(lang));
        if compact {
            let lines = title_lines(&title);
            let _ = write!(
                drawn.gutter,
                r#"<text class="timeline__lane-title" x="4" y="{}">"#,
                px(y + 10.0)
            );
            for (k, line) in lines.iter().enumerate() {
                let _ = write!(
                    drawn.gutter,
                    r#"<tspan x="4" dy="{}">{line}</tspan>"#,
                    if k == 0 { 0 } else { 12 }
                );
            }
            drawn.gutter.push_str("</text>");
            let _ = write!(
                drawn.plot,
                r#"<line class="timeline__lane-rule" x1="-1000" x2="100000" y1="{y}" y2="{y}"/>"#,
                y = px(y - 2.0)
            );
        } else {
            let _ = write!(
                drawn.plot,
                r#"<text class="timeline__lane-title" x="4" y="{}">{title}</text>"#,
                px(y + 14.0),
            );
        }
        y += header_px;
        for (k, item) in in_lane.iter().enumerate() {
            let top = y + rows[k] as f64 * row_px;
            let named = !compact || selected == Some(item.id.as_str());
            item_svg(
                &mut drawn.plot,
                item,
                scale,
                bounds_end,
                Row {
                    top,
                    height: row_px,
                    named,
                },
                lang,
                marks,
            );
        }
        y += count.max(1) as f64 * row_px + gap;
    }
    drawn.height = y;
    drawn
}

/// Where an item goes: its row's top and height, and whether its name is written.
#[derive(Clone, Copy)]
struct Row {
    top: f64,
    height: f64,
    named: bool,
}

fn item_svg(
    out: &mut String,
    item: &Item,
    scale: &TimeScale,
    bounds_end: Day,
    row: Row,
    lang: Lang,
    marks: Marks,
) {
    let Some(start) = item.span.start else { return };
    let label = item.label.get(lang);
    let dates = dates_text(item, lang);
    let related = |id: &str| marks.related.contains(&id);
    let state = if marks.selected == Some(item.id.as_str()) {
        " is-selected"
    } else if related(&item.id) || item.involves.iter().any(|i| related(i)) {
        " is-related"
    } else {
        ""
    };
    let kind = if item.point { "point" } else { "span" };
    let _ = write!(
        out,
        r#"<g class="timeline__item timeline__item--{kind}{state}" role="button" tabindex="0" data-id="{id}" aria-label="{name} ({dates})"><title>{name} ({dates})</title>"#,
        id = escape(&item.id),
        name = escape(label),
        dates = escape(&dates),
    );
    let mid = row.top + row.height / 2.0;
    // Bars leave a margin above and below: 4 px on named rows, 1 px on compact ones.
    let inset = if row.height >= ROW_PX { 4.0 } else { 1.0 };
    let (bar_top, bar_h) = (row.top + inset, (row.height - 2.0 * inset).max(2.0));
    if is_dot(item) {
        let _ = write!(
            out,
            r#"<circle class="timeline__dot" cx="{}" cy="{}" r="{}"/>"#,
            px(scale.x(start.first_day())),
            px(mid),
            px((row.height / 2.0 - 1.0).clamp(2.0, 5.0))
        );
    } else {
        let x0 = scale.x(start.first_day());
        let x1 = item
            .span
            .end
            .map_or(scale.x(bounds_end), |e| scale.x(e.last_day()));
        let w = (x1 - x0).max(3.0);
        let open = if item.span.end.is_none() {
            " timeline__bar--open"
        } else {
            ""
        };
        // A whole month or year, or an uncertain date: drawn soft, not as a fake day.
        let soft = if item.point && start.precision() != Precision::Day {
            " timeline__bar--soft"
        } else {
            ""
        };
        let rx = if row.named { 3 } else { 2 };
        let _ = write!(
            out,
            r#"<rect class="timeline__bar{open}{soft}" x="{}" y="{}" width="{}" height="{}" rx="{rx}"/>"#,
            px(x0),
            px(bar_top),
            px(w),
            px(bar_h)
        );
        // The uncertain part of a start or end given only to the month or year.
        for d in [Some(start), item.span.end].into_iter().flatten() {
            if d.precision() != Precision::Day && !item.point {
                let (a, b) = (scale.x(d.first_day()), scale.x(d.last_day()));
                let _ = write!(
                    out,
                    r#"<rect class="timeline__fuzzy" x="{}" y="{}" width="{}" height="{}"/>"#,
                    px(a),
                    px(bar_top),
                    px((b - a).max(1.0)),
                    px(bar_h)
                );
            }
        }
    }
    if row.named {
        let text_x = scale.x(start.first_day()) + if item.point { 8.0 } else { 4.0 };
        let _ = write!(
            out,
            r#"<text class="timeline__label" x="{}" y="{}" aria-hidden="true">{}</text>"#,
            px(text_x),
            px(mid + 4.0),
            escape(&clip_label(label))
        );
    }
    out.push_str("</g>");
}

/// The axis: ticks and their labels along the top.
pub fn axis_svg(scale: &TimeScale, lang: Lang, height: f64) -> String {
    let mut out = String::new();
    for t in time::ticks(scale, lang, TICK_MIN_PX) {
        let class = if t.major {
            "timeline__tick timeline__tick--major"
        } else {
            "timeline__tick"
        };
        let _ = write!(
            out,
            r#"<line class="{class}" x1="{x}" x2="{x}" y1="{}" y2="{}"/><text class="timeline__tick-label" x="{}" y="14">{}</text>"#,
            px(AXIS_PX - 6.0),
            px(height),
            px(t.x + 3.0),
            escape(&t.label),
            x = px(t.x)
        );
    }
    out
}

#[component]
pub fn TimelineRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let selection = use_selection();
    let as_of = use_as_of();
    let items = lanes::items(&atlas);
    let now = today();
    // From the earliest record to one year past today.
    let (first, last) = lanes::extent(&items, now);
    let bounds = (first, last.max(now + 366));
    let initial = |width: f64| {
        // The busy years first; "All" shows the whole period.
        let start = PartialDate::year(2008).first_day().max(bounds.0);
        TimeScale::new(start, bounds.1, width)
    };
    let start_width = if crate::IN_BROWSER {
        DEFAULT_WIDTH
    } else {
        super::PRERENDER_TIMELINE_WIDTH
    };
    let scale = RwSignal::new(initial(start_width));
    let container = NodeRef::<leptos::html::Div>::new();
    // The box's width, and its height when the layout fits the lanes to it (the frame
    // layout marks the box with `--timeline-fit: 1`; style/layout.css).
    let box_width = RwSignal::new(start_width);
    let fit = RwSignal::new(None::<f64>);
    // The visitor's choice of names beside the items (None: the layout's default).
    let names = RwSignal::new(None::<bool>);
    let layout = Memo::new(move |_| match (fit.get(), names.get()) {
        (Some(height), None | Some(false)) => Layout::Compact { height },
        _ => Layout::Named,
    });
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let rect = el.get_bounding_client_rect();
            if rect.width() >= 50.0 {
                box_width.set(rect.width());
            }
            let fits = window()
                .get_computed_style(&el)
                .ok()
                .flatten()
                .and_then(|style| style.get_property_value("--timeline-fit").ok())
                .is_some_and(|v| v.trim() == "1");
            // The inside height: the box has a border on top.
            let inside = f64::from(el.client_height());
            let height = (fits && inside >= 40.0).then_some(inside);
            if fit.get_untracked() != height {
                fit.set(height);
            }
        }
    };
    // Measured by a ResizeObserver, when the box first gets its size and whenever it
    // changes: measuring while the page is being built would force a layout of the whole
    // page, then another (0.1 s at start-up with the real data, 1.1 s at 10 000 records).
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            super::on_resize(&el, measure);
        }
    });
    // The time axis spans the box less the lane titles' gutter.
    Effect::new(move |_| {
        let width = box_width.get() - layout.get().gutter();
        if scale.with_untracked(|s| (s.width - width).abs() > 0.5) {
            scale.update(|s| *s = TimeScale::new(s.start, s.end, width));
        }
    });

    // The items the filters keep (all of them without filters).
    let explore = use_explore();
    let shown = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            explore.visible.with(|v| {
                let keep = v.ids(&atlas);
                items
                    .iter()
                    .filter(|i| keep.binary_search(&i.id.as_str()).is_ok())
                    .cloned()
                    .collect::<Vec<Item>>()
            })
        })
    };
    let markup = Memo::new(move |_| {
        let s = scale.get();
        let lang = locale.0.get();
        let selected = selection.0.get();
        let layout = layout.get();
        // A programme marks its hub's and its projects' items; anything else, its own.
        let related: Vec<&str> = match selected.as_deref() {
            Some(id) if atlas.programmes.iter().any(|p| p.id == id) => {
                super::details::programme_ids(&atlas, id)
            }
            Some(id) => vec![id],
            None => Vec::new(),
        };
        let marks = Marks {
            selected: selected.as_deref(),
            related: &related,
        };
        let drawn = shown.with(|items| lanes_svg(items, &s, bounds.1, lang, marks, layout));
        let axis = axis_svg(&s, lang, drawn.height);
        (format!("{axis}{}", drawn.plot), drawn.gutter, drawn.height)
    });
    let gutter_x = move || layout.get().gutter();
    // At build time nothing is measured: the page holds the timeline drawn for a phone
    // (named rows) and for the wide frame (rows fitted to its height), and CSS shows the
    // one for the screen (style/timeline.css).
    let prerendered = (!crate::IN_BROWSER).then(|| {
        let lang = locale.0.get_untracked();
        let now = as_of.0.get_untracked();
        let marks = Marks {
            selected: None,
            related: &[],
        };
        let draw = |which: &str, layout: Layout, width: f64| {
            let s = initial(width - layout.gutter());
            let drawn = shown.with_untracked(|items| lanes_svg(items, &s, bounds.1, lang, marks, layout));
            let (g, h) = (px(layout.gutter()), px(drawn.height));
            let (compact, gutter) = match layout {
                Layout::Named => ("", String::new()),
                Layout::Compact { .. } => (
                    " timeline__svg--compact",
                    format!(r#"<rect class="timeline__gutter" x="0" y="0" width="{g}" height="{h}"/><g aria-hidden="true">{}</g>"#, drawn.gutter),
                ),
            };
            format!(
                r#"<svg class="timeline__svg{compact} timeline__prerendered--{which}" width="100%" height="{h}"><g transform="translate({g},0)">{}{}<line class="timeline__asof" x1="{x}" x2="{x}" y1="0" y2="{h}"/></g>{gutter}</svg>"#,
                axis_svg(&s, lang, drawn.height),
                drawn.plot,
                x = px(s.x(now)),
            )
        };
        format!(
            "{}{}",
            draw("narrow", Layout::Named, super::PRERENDER_TIMELINE_WIDTH),
            draw(
                "wide",
                Layout::Compact { height: PRERENDER_WIDE_HEIGHT },
                PRERENDER_WIDE_WIDTH
            )
        )
    });
    // What the pointer or the focus is on, written out (compact rows carry no names).
    let readout = RwSignal::new(String::new());
    let read_item = move |target: Option<web_sys::EventTarget>| {
        use wasm_bindgen::JsCast;
        let name = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-id]").ok().flatten())
            .and_then(|hit| hit.get_attribute("aria-label"))
            .unwrap_or_default();
        if readout.get_untracked() != name {
            readout.set(name);
        }
    };
    // The as-of line moves on its own: a date change must not redraw every item.
    let as_of_x = move || px(scale.with(|s| s.x(as_of.0.get()))).to_string();

    // Pan by drag (one pointer), zoom by pinch (two), Ctrl+wheel, buttons and keys.
    let pointers: StoredValue<Vec<(i32, f64)>> = StoredValue::new(Vec::new());
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() == 0 {
            pointers.update_value(|p| {
                p.retain(|q| q.0 != ev.pointer_id());
                p.push((ev.pointer_id(), ev.client_x() as f64));
            });
        }
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let x = ev.client_x() as f64;
        let before = pointers.get_value();
        let Some(pos) = before.iter().position(|q| q.0 == ev.pointer_id()) else {
            return;
        };
        let mut after = before.clone();
        after[pos].1 = x;
        match (before.as_slice(), after.as_slice()) {
            ([a], [b]) if (b.1 - a.1).abs() >= 4.0 => {
                scale.update(|s| *s = s.pan_by(b.1 - a.1, bounds));
            }
            ([_], [_]) => return, // jitter: keep the press position
            ([a0, a1, ..], [b0, b1, ..]) => {
                let (d0, d1) = ((a0.1 - a1.1).abs(), (b0.1 - b1.1).abs());
                if d0 > 1.0 {
                    let centre = container.get_untracked().map_or(0.0, |el| {
                        (b0.1 + b1.1) / 2.0
                            - el.get_bounding_client_rect().left()
                            - layout.get_untracked().gutter()
                    });
                    scale.update(|s| *s = s.zoom_at(d1 / d0, centre, bounds));
                }
            }
            _ => {}
        }
        pointers.set_value(after);
    };
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()));
    };
    let local_x = move |client_x: f64| {
        container.get_untracked().map_or(client_x, |el| {
            client_x - el.get_bounding_client_rect().left() - layout.get_untracked().gutter()
        })
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            ev.prevent_default();
            let factor = (-ev.delta_y() * 0.01).exp2().clamp(0.25, 4.0);
            let x = local_x(ev.client_x() as f64);
            scale.update(|s| *s = s.zoom_at(factor, x, bounds));
        }
    };
    let zoom = move |factor: f64| scale.update(|s| *s = s.zoom_at(factor, s.width / 2.0, bounds));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let handled = match ev.key().as_str() {
            "+" | "=" => {
                zoom(ZOOM_STEP);
                true
            }
            "-" | "_" => {
                zoom(1.0 / ZOOM_STEP);
                true
            }
            "ArrowLeft" => {
                scale.update(|s| *s = s.pan_by(s.width / 8.0, bounds));
                true
            }
            "ArrowRight" => {
                scale.update(|s| *s = s.pan_by(-s.width / 8.0, bounds));
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };
    // One listener for every item.
    let select_from = move |target: Option<web_sys::EventTarget>| {
        use wasm_bindgen::JsCast;
        let el = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok())?;
        let hit = el.closest("[data-id]").ok()??;
        let id = hit.get_attribute("data-id")?;
        selection.0.set(Some(id));
        Some(())
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if select_from(ev.target()).is_some() {
            ev.stop_propagation();
        }
    };
    let on_item_key = move |ev: leptos::ev::KeyboardEvent| {
        if (ev.key() == "Enter" || ev.key() == " ") && select_from(ev.target()).is_some() {
            ev.prevent_default();
        }
    };

    // Play: one year per step; stops at the end.
    let playing = RwSignal::new(false);
    let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let stop = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    let toggle_play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        if as_of.0.get_untracked() + 365 > bounds.1 {
            as_of.0.set(bounds.0);
        }
        playing.set(true);
        let handle = set_interval_with_handle(
            move || {
                let next = as_of.0.get_untracked() + 365;
                if next > bounds.1 {
                    stop();
                } else {
                    as_of.0.set(next);
                }
            },
            std::time::Duration::from_millis(900),
        )
        .ok();
        timer.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });

    view! {
        <section class="region region--timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" class="region__title">{move || locale.strings().timeline_title}</h2>
            <p id="timeline-help" class="map__help">{move || locale.strings().timeline_help}</p>
            <p class="timeline__readout" aria-hidden="true">{move || readout.get()}</p>
            <div class="timeline__controls">
                // Icon buttons, named for screen readers and in tooltips. Play keeps its name;
                // aria-pressed says whether it is playing.
                <button type="button" class="button map__icon" on:click=toggle_play
                    aria-pressed=move || playing.get().to_string()
                    aria-label=move || locale.strings().play
                    title=move || if playing.get() { locale.strings().pause } else { locale.strings().play }>
                    <svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">
                        {move || if playing.get() {
                            view! { <path class="icon--filled" d="M-5-6h3v12h-3zM2-6h3v12h-3z"/> }.into_any()
                        } else {
                            view! { <path class="icon--filled" d="M-4-7L7 0L-4 7z"/> }.into_any()
                        }}
                    </svg>
                </button>
                <button type="button" class="button map__icon" on:click=move |_| zoom(ZOOM_STEP)
                    aria-label=move || locale.strings().zoom_in title=move || locale.strings().zoom_in>"+"</button>
                <button type="button" class="button map__icon" on:click=move |_| zoom(1.0 / ZOOM_STEP)
                    aria-label=move || locale.strings().zoom_out title=move || locale.strings().zoom_out>"−"</button>
                <button type="button" class="button map__icon" on:click=move |_| scale.update(|s| *s = TimeScale::new(bounds.0, bounds.1, s.width))
                    aria-label=move || locale.strings().timeline_all title=move || locale.strings().timeline_all>
                    // Arrows out to both ends: the whole period.
                    <svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">
                        <path d="M-8 0h16M-5-3l-3 3l3 3M5-3l3 3l-3 3"/>
                    </svg>
                </button>
                <button type="button" class="button" on:click=move |_| as_of.0.set(now)>{move || locale.strings().today}</button>
                // Only where rows are fitted to the box (the wide frame, style/timeline.css).
                // Drawn from the start rather than once the box is measured, so that the
                // controls beside it never move (nor between the prerendered page and the app).
                <button type="button" class="button timeline__names--wide"
                    aria-pressed=move || (fit.get().is_some() && layout.get() == Layout::Named).to_string()
                    on:click=move |_| names.set(Some(layout.get_untracked() != Layout::Named))>
                    {move || locale.strings().timeline_names}
                </button>
            </div>
            <label class="timeline__asof-control">
                <span>{move || locale.strings().as_of_label}</span>
                <input
                    type="range"
                    class="timeline__slider"
                    min=bounds.0
                    max=bounds.1
                    step="1"
                    value=(!crate::IN_BROWSER).then(|| as_of.0.get_untracked().to_string())
                    prop:value=move || as_of.0.get().to_string()
                    aria-valuetext=move || lanes::long_date(as_of.0.get(), locale.0.get())
                    on:input=move |ev| {
                        if let Ok(day) = event_target_value(&ev).parse::<Day>() {
                            as_of.0.set(day.clamp(bounds.0, bounds.1));
                        }
                    }
                />
                <output>{move || lanes::long_date(as_of.0.get(), locale.0.get())}</output>
            </label>
            <div
                class="timeline"
                node_ref=container
                tabindex="0"
                role="group"
                aria-label=move || locale.strings().timeline_label
                aria-describedby="timeline-help"
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_up
                on:wheel=on_wheel
                on:keydown=on_key
            >
                {match prerendered {
                    Some(html) => leptos::either::Either::Left(view! { <div class="timeline__prerendered" inner_html=html></div> }),
                    None => leptos::either::Either::Right(view! {
                <svg
                    class="timeline__svg"
                    class:timeline__svg--compact=move || layout.get() != Layout::Named
                    width="100%"
                    height=move || px(markup.with(|m| m.2)).to_string()
                    on:click=on_click
                    on:keydown=on_item_key
                    on:pointerover=move |ev| read_item(ev.target())
                    on:pointerleave=move |_| readout.set(String::new())
                    on:focusin=move |ev| read_item(ev.target())
                    on:focusout=move |_| readout.set(String::new())
                >
                    <g transform=move || format!("translate({},0)", px(gutter_x()))>
                        <g inner_html=move || markup.with(|m| m.0.clone())></g>
                        <line
                            class="timeline__asof"
                            x1=as_of_x
                            x2=as_of_x
                            y1="0"
                            y2=move || px(markup.with(|m| m.2)).to_string()
                        ></line>
                    </g>
                    <Show when=move || { gutter_x() > 0.0 }>
                        <rect class="timeline__gutter" x="0" y="0" width=move || px(gutter_x()).to_string()
                            height=move || px(markup.with(|m| m.2)).to_string()></rect>
                        <g aria-hidden="true" inner_html=move || markup.with(|m| m.1.clone())></g>
                    </Show>
                </svg>
                    }),
                }}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, Text};

    fn item(id: &str, lane: Lane, start: &str, end: Option<&str>, point: bool) -> Item {
        Item {
            id: id.into(),
            lane,
            label: Text::new(format!("<{id}>"), id),
            span: Span::new(
                Some(PartialDate::parse(start).unwrap()),
                end.map(|e| PartialDate::parse(e).unwrap()),
            ),
            point,
            involves: vec!["org".into()],
        }
    }

    fn scale() -> TimeScale {
        TimeScale::new(
            PartialDate::year(2010).first_day(),
            PartialDate::year(2030).first_day(),
            1000.0,
        )
    }

    #[test]
    fn year_only_events_are_soft_bands_and_day_events_dots() {
        let items = [
            item("a", Lane::Events, "2015", None, true),
            item("b", Lane::Events, "2016-03-01", None, true),
        ];
        let items: Vec<Item> = items
            .into_iter()
            .map(|mut i| {
                i.span.end = i.span.start;
                i
            })
            .collect();
        let svg = lanes_svg(
            &items,
            &scale(),
            scale().end,
            Lang::En,
            Marks::default(),
            Layout::Named,
        )
        .plot;
        assert!(svg.contains(r#"data-id="a""#) && svg.contains("timeline__bar--soft"));
        assert!(svg.contains(r#"<circle class="timeline__dot""#));
        assert!(svg.contains("&lt;a&gt;"), "labels are escaped");
    }

    #[test]
    fn open_spans_and_fuzzy_starts_are_marked() {
        let items = [item("p", Lane::Eu, "2015", None, false)];
        let svg = lanes_svg(
            &items,
            &scale(),
            scale().end,
            Lang::Fr,
            Marks {
                selected: Some("org"),
                related: &["org"],
            },
            Layout::Named,
        )
        .plot;
        assert!(svg.contains("timeline__bar--open"));
        assert!(
            svg.contains("timeline__fuzzy"),
            "the year 2015 is drawn as uncertain"
        );
        assert!(
            svg.contains("is-related"),
            "items involving the selection are highlighted"
        );
        assert!(svg.contains("depuis 2015"));
    }

    #[test]
    fn overlapping_items_in_a_lane_take_separate_rows() {
        let items = [
            item("x", Lane::Eu, "2015", Some("2020"), false),
            item("y", Lane::Eu, "2016", Some("2018"), false),
        ];
        let height = |items: &[Item]| {
            lanes_svg(
                items,
                &scale(),
                scale().end,
                Lang::En,
                Marks::default(),
                Layout::Named,
            )
            .height
        };
        assert!((height(&items) - height(&items[..1]) - ROW_PX).abs() < 1e-9);
    }

    #[test]
    fn compact_rows_fit_the_box_and_leave_names_to_tooltips() {
        // Ten overlapping spans in a lane, and events: day dots and a year band.
        let mut items: Vec<Item> = (0..10)
            .map(|k| item(&format!("s{k}"), Lane::Unicancer, "2012", None, false))
            .collect();
        for (id, date) in [("d1", "2016-03-01"), ("d2", "2016-03-02"), ("y", "2017")] {
            let mut e = item(id, Lane::Events, date, None, true);
            e.span.end = e.span.start;
            items.push(e);
        }
        let layout = Layout::Compact { height: 200.0 };
        let drawn = lanes_svg(
            &items,
            &scale(),
            scale().end,
            Lang::En,
            Marks {
                selected: Some("s3"),
                related: &["s3"],
            },
            layout,
        );
        assert!(drawn.height <= 200.0, "fits: {}", drawn.height);
        // 10 + 2 event rows + one empty row for each empty lane, in what is left of 200 px.
        let rows = 10 + 2 + 2;
        let row = ((200.0 - AXIS_PX - 4.0 * COMPACT_LANE_GAP) / rows as f64).floor();
        assert!(
            (drawn.height - (AXIS_PX + rows as f64 * row + 4.0 * COMPACT_LANE_GAP)).abs() < 1e-9
        );
        // Only the selected item's name is written; every item keeps its accessible name.
        assert_eq!(drawn.plot.matches("timeline__label").count(), 1);
        assert_eq!(drawn.plot.matches("aria-label=").count(), items.len());
        assert!(drawn.gutter.contains("Unicancer") && drawn.gutter.contains("<tspan"));
        assert_eq!(layout.gutter(), GUTTER_PX);
        // Many more rows than fit: rows stop at their minimum and the lanes scroll.
        let crowded: Vec<Item> = (0..100)
            .map(|k| item(&format!("c{k}"), Lane::Eu, "2012", None, false))
            .collect();
        let tall = lanes_svg(
            &crowded,
            &scale(),
            scale().end,
            Lang::En,
            Marks::default(),
            layout,
        );
        assert!(tall.height > 200.0);
        assert_eq!(
            title_lines("EU projects and joint actions"),
            ["EU projects and", "joint actions"]
        );
        assert_eq!(title_lines("Events"), ["Events"]);
    }

    #[test]
    fn a_programme_marks_its_projects_items() {
        let items = [
            item("proj", Lane::Eu, "2015", Some("2020"), false),
            item("other", Lane::Eu, "2021", Some("2022"), false),
        ];
        let marks = Marks {
            selected: Some("prog"),
            related: &["hub", "proj"],
        };
        let svg = lanes_svg(
            &items,
            &scale(),
            scale().end,
            Lang::En,
            marks,
            Layout::Named,
        )
        .plot;
        assert_eq!(svg.matches("is-related").count(), 1, "{svg}");
        assert!(svg.contains(
            r#"timeline__item--span is-related" role="button" tabindex="0" data-id="proj""#
        ));
    }

    #[test]
    fn long_labels_are_cut_to_the_reserved_width() {
        assert_eq!(clip_label("CraNE"), "CraNE");
        let long = "Paris Conference for an International Childhood Cancer Data Partnership";
        let cut = clip_label(long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() as f64 * CHAR_PX <= LABEL_MAX_PX);
        assert!(
            long.starts_with(cut.trim_end_matches('…')),
            "a prefix of the name"
        );
        assert_eq!(
            clip_label("ONCOBIOME starts (Horizon 2020, coordinated by Gustave Roussy)"),
            "ONCOBIOME starts…"
        );
    }

    #[test]
    fn dates_read_naturally() {
        let i = item("p", Lane::Eu, "2022-10-01", Some("2024-09-30"), false);
        assert_eq!(
            dates_text(&i, Lang::En),
            "1 October 2022 – 30 September 2024"
        );
        assert_eq!(
            dates_text(&i, Lang::Fr),
            "1er octobre 2022 – 30 septembre 2024"
        );
    }
}
