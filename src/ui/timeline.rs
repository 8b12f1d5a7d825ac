//! The timeline: lanes of projects, partnerships and events on a zoomable time axis, and
//! the "as of" slider that decides what the map shows. Items are drawn as one escaped
//! markup string (like the map's markers) with one delegated listener.

use crate::geo::svg::escape;
use crate::i18n::Lang;
use crate::lanes::{self, Item, Lane};
use crate::model::{Day, PartialDate, Precision};
use crate::time::{self, TimeScale};
use crate::timeline_keys as keys;
use crate::timeline_labels as labels;
use crate::{today, use_as_of, use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;
use std::fmt::Write as _;

const DEFAULT_WIDTH: f64 = 800.0;
const ROW_PX: f64 = 20.0;
const LANE_HEADER_PX: f64 = 20.0;
const AXIS_PX: f64 = 20.0;
/// Minimum distance between tick labels.
const TICK_MIN_PX: f64 = 56.0;
const ZOOM_STEP: f64 = 1.5;
/// Room kept between an item the keyboard reaches and the timeline's edges.
const REVEAL_MARGIN_PX: f64 = 24.0;
/// Width reserved for an item's written label; longer labels are cut with "…" (the full
/// text stays in the item's accessible name and tooltip).
const LABEL_MAX_PX: f64 = 190.0;
/// The wide frame's timeline box at 1440×900, which the prerendered page draws it for
/// besides a phone's (`super::PRERENDER_TIMELINE_WIDTH`, named rows).
const PRERENDER_WIDE_WIDTH: f64 = 1398.0;
const PRERENDER_WIDE_HEIGHT: f64 = 252.0;
/// The label as drawn: at most [`LABEL_MAX_PX`] wide, cut after a whole word so that what
/// is seen stays part of the spoken name (WCAG 2.5.3); a parenthesis is dropped whole
/// rather than left open.
pub fn clip_label(label: &str) -> String {
    let width = |s: &str| labels::text_width(s, labels::FONT_PX);
    if width(label) <= LABEL_MAX_PX {
        return label.to_owned();
    }
    let room = LABEL_MAX_PX - width("…");
    if let Some((head, _)) = label.split_once(" (") {
        if width(head) <= room {
            return format!("{head}…");
        }
    }
    let mut cut = String::new();
    for c in label.chars() {
        cut.push(c);
        if width(&cut) > room {
            cut.pop();
            break;
        }
    }
    let whole = match cut.rfind(' ') {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        whole.trim_end_matches([' ', ',', ':', ';', '–', '-', '('])
    )
}

/// An item's date range in words (see [`lanes::span_text`]).
pub fn dates_text(item: &Item, lang: Lang) -> String {
    lanes::span_text(&item.span, lang)
}

/// Whole pixels, for compact markup.
fn px(v: f64) -> i64 {
    if v.is_finite() {
        v.round().clamp(-1e7, 1e7) as i64
    } else {
        0
    }
}

/// How the lanes are laid out. In both, names are written where they fit
/// (`timeline_labels`); every item keeps its name in its tooltip and accessible name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    /// Rows 20 px high stacked so that every name has room, lane titles on rows of their
    /// own: the page layout (phones), or on request ("Names": the full list).
    Named,
    /// Rows fitted to a box `height` px high so that every lane shows without scrolling,
    /// as tall as they can be with room for the projects' names (else packed, names where
    /// room is left); lane titles in a left gutter, and the item pointed at or focused
    /// written out in a readout above the lanes.
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
const COMPACT_LANE_GAP: f64 = 3.0;

/// The lanes as drawn: the time-scaled part (axis origin at x = 0, to be placed right of
/// the gutter), the gutter's lane titles (compact layout only), and the total height.
#[derive(Debug, Default)]
pub struct Drawn {
    pub plot: String,
    pub gutter: String,
    pub height: f64,
    /// How many items carry their name.
    pub labels: usize,
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
    /// The item the keyboard last focused, which keeps the Tab stop while it is drawn.
    pub focused: Option<&'a str>,
}

/// Lanes with more items than this (a large dataset by `?data=`) are packed without room
/// for names: stacking with names costs the square of the items, and such a lane could
/// not show their names anyway.
const NAMED_STACK_MAX: usize = 150;

/// How a lane's items are stacked in rows.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Room {
    /// Each item in a row where its name fits too (`timeline_labels::stack_named`): more
    /// rows, each thinner.
    Names,
    /// Each item in the first row its bar fits in: the fewest rows; names where room is
    /// left.
    Bars,
}

/// The lanes laid out: rows, each item's shape and name, and where each lane starts.
struct Plan {
    /// Each lane and the y it starts at.
    lanes: Vec<(Lane, f64)>,
    shapes: Vec<Option<Shape>>,
    labels: Vec<Option<labels::Label>>,
    height: f64,
}

impl Plan {
    /// What a layout is judged by: the projects named, then all items named.
    fn score(&self, items: &[Item]) -> (usize, usize) {
        let named = |i: &usize| self.labels[*i].is_some();
        (
            (0..items.len())
                .filter(|i| items[*i].project)
                .filter(named)
                .count(),
            (0..items.len()).filter(named).count(),
        )
    }
}

/// Stacks each lane's items in rows as `room` says, fits the rows to the layout, and places
/// the names.
fn plan(
    items: &[Item],
    widths: &[f64],
    scale: &TimeScale,
    bounds_end: Day,
    marks: Marks,
    layout: Layout,
    room: Room,
) -> Plan {
    let compact = matches!(layout, Layout::Compact { .. });
    let extent = |i: &Item| {
        let from = i.span.start.map_or(0.0, |s| scale.x(s.first_day()));
        let to = i
            .span
            .end
            .map_or(scale.x(bounds_end), |e| scale.x(e.last_day()));
        (from, to.max(from + 8.0))
    };
    let in_lanes: Vec<(Lane, Vec<usize>)> = Lane::ALL
        .into_iter()
        .map(|lane| {
            let in_lane = (0..items.len()).filter(|&i| items[i].lane == lane);
            (lane, in_lane.collect())
        })
        .collect();
    let timeline = (scale.x(scale.start.min(bounds_end)), scale.x(bounds_end));
    // Each lane's rows for rows `row` px high: each item's row, and the lane's height.
    let stack = |row: f64| -> Vec<(Vec<usize>, f64)> {
        in_lanes
            .iter()
            .map(|(lane, in_lane)| {
                let (rows, height) = if compact && *lane == Lane::Events {
                    // A strip of dots, and one of soft bands: events may overlap there, and
                    // the keyboard, the tooltips and the table still reach each one.
                    let rows: Vec<usize> = in_lane
                        .iter()
                        .map(|&i| usize::from(!is_dot(&items[i])))
                        .collect();
                    let count = rows.iter().max().map_or(0, |m| m + 1);
                    (rows, count as f64 * row)
                } else if room == Room::Names && in_lane.len() <= NAMED_STACK_MAX {
                    let extents: Vec<labels::Extent> = in_lane
                        .iter()
                        .map(|&i| {
                            let (from, to) = extent(&items[i]);
                            labels::Extent {
                                from,
                                to,
                                width: widths[i],
                                named: items[i].project || !compact,
                            }
                        })
                        .collect();
                    let gap = if compact { 3.0 } else { 6.0 };
                    let stacked = labels::stack_named(&extents, row, inset(row), gap, timeline);
                    (stacked.rows, stacked.height)
                } else {
                    let extents: Vec<(f64, f64)> =
                        in_lane.iter().map(|&i| extent(&items[i])).collect();
                    let (rows, count) = time::stack(&extents, if compact { 3.0 } else { 6.0 });
                    (rows, count as f64 * row)
                };
                (rows, height.max(row))
            })
            .collect()
    };
    let (row_px, header_px, gap) = match layout {
        Layout::Named => (ROW_PX, LANE_HEADER_PX, 8.0),
        Layout::Compact { height } => {
            let free = height - AXIS_PX - COMPACT_LANE_GAP * Lane::ALL.len() as f64;
            let row = if room == Room::Names {
                // The tallest rows with which the lanes still fit the box.
                let mut row = COMPACT_ROW_MAX;
                while row > COMPACT_ROW_MIN && stack(row).iter().map(|l| l.1).sum::<f64>() > free {
                    row -= 1.0;
                }
                row
            } else {
                let rows: f64 = stack(1.0).iter().map(|l| l.1).sum();
                (free / rows.max(1.0)).floor()
            };
            (
                row.clamp(COMPACT_ROW_MIN, COMPACT_ROW_MAX),
                0.0,
                COMPACT_LANE_GAP,
            )
        }
    };
    let stacked = stack(row_px);
    let mut tops = vec![0.0; items.len()];
    let mut lanes = Vec::new();
    let mut bands: Vec<(Lane, f64, f64)> = Vec::new();
    let mut y = AXIS_PX;
    for ((lane, in_lane), (lane_rows, height)) in in_lanes.iter().zip(&stacked) {
        let start = y + header_px;
        for (k, &i) in in_lane.iter().enumerate() {
            tops[i] = start + lane_rows[k] as f64 * row_px;
        }
        let end = start + height + gap;
        // Names stay in their lane: off its title and the rule under it.
        bands.push((*lane, start - 1.0, end - 3.0));
        lanes.push((*lane, y));
        y = end;
    }
    let shapes: Vec<Option<Shape>> = items
        .iter()
        .zip(&tops)
        .map(|(i, &top)| {
            shape(
                i,
                scale,
                bounds_end,
                Row {
                    top,
                    height: row_px,
                },
            )
        })
        .collect();
    // Names: the selection's first, then projects, partnerships, events.
    let order = crate::sort::order(items.len(), &|a, b| {
        let rank = |i: usize| {
            (
                marks.selected != Some(items[i].id.as_str()),
                !items[i].project,
                items[i].lane == Lane::Events,
            )
        };
        rank(a).cmp(&rank(b))
    });
    let nowhere = labels::Rect {
        x0: -1.0,
        y0: -1.0,
        x1: -1.0,
        y1: -1.0,
    };
    let within = |lane: Lane| {
        bands
            .iter()
            .find(|b| b.0 == lane)
            .map_or(nowhere, |&(_, y0, y1)| labels::Rect {
                x0: 0.0,
                y0,
                x1: scale.width,
                y1,
            })
    };
    let placed = labels::place(
        &order
            .iter()
            .map(|&i| labels::Mark {
                bar: shapes[i].as_ref().map_or(nowhere, Shape::bounds),
                width: widths[i],
                within: within(items[i].lane),
            })
            .collect::<Vec<_>>(),
    );
    let mut labels = vec![None; items.len()];
    for (k, &i) in order.iter().enumerate() {
        labels[i] = placed[k];
    }
    Plan {
        lanes,
        shapes,
        labels,
        height: y,
    }
}

/// The lanes' markup for a scale: lane titles, then items stacked in rows, marked as the
/// selection says, each named where its name fits (`timeline_labels::place`): of the ways
/// to stack the rows, the one that names the most projects, then the most items. One item
/// holds the keyboard's Tab stop (`timeline_keys::tab_stop`), the others `tabindex="-1"`.
pub fn lanes_svg(
    items: &[Item],
    scale: &TimeScale,
    bounds_end: Day,
    lang: Lang,
    marks: Marks,
    layout: Layout,
) -> Drawn {
    let compact = matches!(layout, Layout::Compact { .. });
    let names: Vec<String> = items
        .iter()
        .map(|i| clip_label(i.label.get(lang)))
        .collect();
    let widths: Vec<f64> = names
        .iter()
        .map(|n| labels::text_width(n, labels::FONT_PX))
        .collect();
    let rooms: &[Room] = match layout {
        Layout::Named => &[Room::Names],
        Layout::Compact { .. } => &[Room::Names, Room::Bars],
    };
    // Compact lanes must fit their box: a plan that does not comes last.
    let fits = |p: &Plan| match layout {
        Layout::Compact { height } => p.height <= height + 0.5,
        Layout::Named => true,
    };
    let mut best: Option<Plan> = None;
    for &room in rooms {
        let candidate = plan(items, &widths, scale, bounds_end, marks, layout, room);
        let key = |p: &Plan| (fits(p), p.score(items));
        if best.as_ref().is_none_or(|b| key(&candidate) > key(b)) {
            best = Some(candidate);
        }
    }
    let Some(plan) = best else {
        return Drawn::default();
    };
    let mut drawn = Drawn {
        height: plan.height,
        labels: plan.labels.iter().flatten().count(),
        ..Drawn::default()
    };
    for &(lane, y) in &plan.lanes {
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
    }
    let position = |id: Option<&str>| id.and_then(|id| items.iter().position(|i| i.id == id));
    let stop = keys::tab_stop(
        items.len(),
        position(marks.focused),
        position(marks.selected),
        |i| {
            plan.shapes[i]
                .as_ref()
                .is_some_and(|s| s.bounds().x1 > 0.0 && s.bounds().x0 < scale.width)
        },
    );
    for (k, item) in items.iter().enumerate() {
        if let Some(shape) = &plan.shapes[k] {
            let name = plan.labels[k].map(|l| (l, names[k].as_str()));
            item_svg(
                &mut drawn.plot,
                item,
                shape,
                name,
                stop == Some(k),
                lang,
                marks,
            );
        }
    }
    drawn
}

/// Where an item's row is: its top and height.
#[derive(Clone, Copy)]
struct Row {
    top: f64,
    height: f64,
}

/// The margin bars leave above and below in their row: 3 px on named rows, 1 px on compact
/// ones.
fn inset(row: f64) -> f64 {
    if row >= ROW_PX {
        3.0
    } else {
        1.0
    }
}

/// What an item is drawn as, in whole pixels.
enum Shape {
    Dot {
        cx: f64,
        cy: f64,
        r: f64,
    },
    /// `fuzzy`: the uncertain parts (x, width) of a start or end given only to the month
    /// or year.
    Bar {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fuzzy: Vec<(f64, f64)>,
    },
}

impl Shape {
    fn bounds(&self) -> labels::Rect {
        match *self {
            Shape::Dot { cx, cy, r } => labels::Rect {
                x0: cx - r,
                y0: cy - r,
                x1: cx + r,
                y1: cy + r,
            },
            Shape::Bar { x, y, w, h, .. } => labels::Rect {
                x0: x,
                y0: y,
                x1: x + w,
                y1: y + h,
            },
        }
    }
}

fn shape(item: &Item, scale: &TimeScale, bounds_end: Day, row: Row) -> Option<Shape> {
    let start = item.span.start?;
    let round = |v: f64| px(v) as f64;
    let inset = inset(row.height);
    Some(if is_dot(item) {
        Shape::Dot {
            cx: round(scale.x(start.first_day())),
            cy: round(row.top + row.height / 2.0),
            r: round((row.height / 2.0 - 1.0).clamp(2.0, 5.0)),
        }
    } else {
        let x0 = scale.x(start.first_day());
        let x1 = item
            .span
            .end
            .map_or(scale.x(bounds_end), |e| scale.x(e.last_day()));
        let fuzzy = [Some(start), item.span.end]
            .into_iter()
            .flatten()
            .filter(|d| d.precision() != Precision::Day && !item.point)
            .map(|d| {
                let (a, b) = (scale.x(d.first_day()), scale.x(d.last_day()));
                (round(a), round((b - a).max(1.0)))
            })
            .collect();
        Shape::Bar {
            x: round(x0),
            y: round(row.top + inset),
            w: round((x1 - x0).max(3.0)),
            h: round((row.height - 2.0 * inset).max(2.0)),
            fuzzy,
        }
    })
}

fn item_svg(
    out: &mut String,
    item: &Item,
    shape: &Shape,
    name: Option<(labels::Label, &str)>,
    tab_stop: bool,
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
    let kind = match (item.point, item.project) {
        (true, _) => "point",
        (false, true) => "span timeline__item--project",
        (false, false) => "span",
    };
    let _ = write!(
        out,
        r#"<g class="timeline__item timeline__item--{kind}{state}" role="button" tabindex="{tabindex}" data-id="{id}" aria-label="{name} ({dates})"><title>{name} ({dates})</title>"#,
        tabindex = if tab_stop { "0" } else { "-1" },
        id = escape(&item.id),
        name = escape(label),
        dates = escape(&dates),
    );
    match shape {
        Shape::Dot { cx, cy, r } => {
            let _ = write!(
                out,
                r#"<circle class="timeline__dot" cx="{}" cy="{}" r="{}"/>"#,
                px(*cx),
                px(*cy),
                px(*r)
            );
        }
        Shape::Bar { x, y, w, h, fuzzy } => {
            // A bar that carries its name is drawn lighter, for the name's contrast.
            let named = if name.is_some_and(|(l, _)| l.side == labels::Side::Inside) {
                " timeline__bar--named"
            } else {
                ""
            };
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
            let rx = if *h >= 10.0 { 3 } else { 2 };
            let _ = write!(
                out,
                r#"<rect class="timeline__bar{open}{soft}{named}" x="{}" y="{}" width="{}" height="{}" rx="{rx}"/>"#,
                px(*x),
                px(*y),
                px(*w),
                px(*h)
            );
            for (a, width) in fuzzy {
                let _ = write!(
                    out,
                    r#"<rect class="timeline__fuzzy" x="{}" y="{}" width="{}" height="{}"/>"#,
                    px(*a),
                    px(*y),
                    px(*width),
                    px(*h)
                );
            }
        }
    }
    if let Some((at, text)) = name {
        let side = match at.side {
            labels::Side::Inside => " timeline__label--inside",
            labels::Side::Right | labels::Side::Left => "",
        };
        // The baseline a 12 px line's box centred on the row puts the text on.
        let _ = write!(
            out,
            r#"<text class="timeline__label{side}" x="{}" y="{}" aria-hidden="true">{}</text>"#,
            px(at.text.x0),
            px((at.text.y0 + at.text.y1) / 2.0 + 4.0),
            escape(text)
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
    // The item the keyboard last reached, which holds the items' one Tab stop until the
    // selection changes (then the selected item, or the first in view, holds it).
    let focused = StoredValue::new(None::<String>);
    let plot_layer = NodeRef::<leptos::svg::G>::new();
    let drawn_for = StoredValue::new(None::<String>);
    let markup = Memo::new(move |_| {
        let s = scale.get();
        let lang = locale.0.get();
        let selected = selection.0.get();
        let layout = layout.get();
        if drawn_for.with_value(|d| *d != selected) {
            drawn_for.set_value(selected.clone());
            focused.set_value(None);
        }
        let focused = focused.get_value();
        // A programme marks its hub's and its projects' items; anything else, its own.
        let related: Vec<&str> = match selected.as_deref() {
            Some(id) if atlas.programmes.iter().any(|p| p.id == id) => {
                lanes::programme_ids(&atlas, id)
            }
            Some(id) => vec![id],
            None => Vec::new(),
        };
        let marks = Marks {
            selected: selected.as_deref(),
            related: &related,
            focused: focused.as_deref(),
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
        let marks = Marks::default();
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
    // What the pointer or the focus is on, written out in full (a name may be cut, or
    // not drawn where there is no room).
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
    // The items are one Tab stop; the arrow keys, Home and End move between them
    // (timeline_keys), panning the timeline to show the item reached.
    let days_of = move |item: &Item| {
        let from = item.span.start.map_or(bounds.0, |d| d.first_day());
        (
            from,
            item.span.end.map_or(bounds.1, |d| d.last_day()).max(from),
        )
    };
    let item_element = move |id: &str| {
        use wasm_bindgen::JsCast;
        let selector = format!("[data-id='{}']", id.replace(['\'', '\\'], ""));
        plot_layer
            .get_untracked()
            .and_then(|layer| layer.query_selector(&selector).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok())
    };
    let on_item_key = move |ev: leptos::ev::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        let key = ev.key();
        if key == "Enter" || key == " " {
            if select_from(ev.target()).is_some() {
                ev.prevent_default();
            }
            return;
        }
        let Some(step) = keys::Move::from_key(&key) else {
            return;
        };
        let Some(id) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-id]").ok().flatten())
            .and_then(|hit| hit.get_attribute("data-id"))
        else {
            return;
        };
        // The timeline's own keys (pan) are for the box, not for an item.
        ev.prevent_default();
        ev.stop_propagation();
        let next = shown.with_untracked(|items| {
            let slots: Vec<keys::Slot> = items
                .iter()
                .map(|i| {
                    let (from, to) = days_of(i);
                    keys::Slot {
                        lane: i.lane as usize,
                        from: f64::from(from),
                        to: f64::from(to),
                    }
                })
                .collect();
            let here = items.iter().position(|i| i.id == id)?;
            keys::step(&slots, here, step).map(|k| (items[k].id.clone(), days_of(&items[k])))
        });
        if let Some((next, (from, to))) = next {
            if let Some(el) = item_element(&next) {
                let _ = el.focus();
            }
            scale.update(|s| *s = s.reveal(from, to, REVEAL_MARGIN_PX, bounds));
        }
    };
    // Whichever way an item gets the focus, it takes the Tab stop; reached by the keyboard
    // (Tab back into the items after a pan), it is brought into view.
    let on_item_focus = move |ev: leptos::ev::FocusEvent| {
        use wasm_bindgen::JsCast;
        read_item(ev.target());
        let Some(hit) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-id]").ok().flatten())
        else {
            return;
        };
        let Some(id) = hit.get_attribute("data-id") else {
            return;
        };
        if let Some(layer) = plot_layer.get_untracked() {
            if let Ok(Some(old)) = layer.query_selector("[data-id][tabindex='0']") {
                let _ = old.set_attribute("tabindex", "-1");
            }
        }
        let _ = hit.set_attribute("tabindex", "0");
        if hit.matches(":focus-visible").unwrap_or(false) {
            let extent =
                shown.with_untracked(|items| items.iter().find(|i| i.id == id).map(days_of));
            if let Some((from, to)) = extent {
                let moved = scale.with_untracked(|s| s.reveal(from, to, REVEAL_MARGIN_PX, bounds));
                if scale.with_untracked(|s| *s != moved) {
                    scale.set(moved);
                }
            }
        }
        focused.set_value(Some(id));
    };
    // The items are redrawn as one string; keep the keyboard focus on the same item.
    Effect::new(move |_| {
        let Some(layer) = plot_layer.get() else {
            return;
        };
        let focus = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|el| layer.contains(Some(el)))
            .and_then(|el| el.get_attribute("data-id"));
        markup.with(|m| layer.set_inner_html(&m.0));
        if let Some(el) = focus.as_deref().and_then(item_element) {
            let _ = el.focus();
        }
    });

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
            // The date beside the slider stays outside its label: a label names one
            // control, and an <output> is one (the Nu HTML Checker refuses two).
            <div class="timeline__asof-control">
                <label for="timeline-slider">{move || locale.strings().as_of_label}</label>
                <input
                    id="timeline-slider"
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
            </div>
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
                // Out of the Tab order: the lanes' box and the items are the stops (Chromium
                // otherwise gives the SVG a stop of its own, between them).
                <svg
                    tabindex="-1"
                    class="timeline__svg"
                    class:timeline__svg--compact=move || layout.get() != Layout::Named
                    width="100%"
                    height=move || px(markup.with(|m| m.2)).to_string()
                    on:click=on_click
                    on:keydown=on_item_key
                    on:pointerover=move |ev| read_item(ev.target())
                    on:pointerleave=move |_| readout.set(String::new())
                    on:focusin=on_item_focus
                    on:focusout=move |_| readout.set(String::new())
                >
                    <g transform=move || format!("translate({},0)", px(gutter_x()))>
                        <g node_ref=plot_layer></g>
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
            project: !point,
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
                focused: None,
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
    fn compact_rows_fit_the_box_and_name_what_fits() {
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
                focused: None,
            },
            layout,
        );
        assert!(drawn.height <= 200.0, "fits: {}", drawn.height);
        // Names where they fit, the selected item's first; every item keeps its
        // accessible name.
        assert!(drawn.labels >= 1);
        assert_eq!(drawn.plot.matches("timeline__label").count(), drawn.labels);
        let selected = &drawn.plot[drawn.plot.find(r#"data-id="s3""#).unwrap()..];
        assert!(selected[..selected.find("</g>").unwrap()].contains("timeline__label"));
        assert_eq!(drawn.plot.matches("aria-label=").count(), items.len());
        // One Tab stop: the selected item.
        assert_eq!(drawn.plot.matches(r#"tabindex="0""#).count(), 1);
        assert!(drawn.plot.contains(r#"tabindex="0" data-id="s3""#));
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
            focused: None,
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
            r#"timeline__item--span timeline__item--project is-related" role="button" tabindex="0" data-id="proj""#
        ));
    }

    #[test]
    fn long_labels_are_cut_to_the_reserved_width() {
        assert_eq!(clip_label("CraNE"), "CraNE");
        let long = "Paris Conference for an International Childhood Cancer Data Partnership";
        let cut = clip_label(long);
        assert!(cut.ends_with('…'));
        assert!(labels::text_width(&cut, labels::FONT_PX) <= LABEL_MAX_PX);
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
