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

/// A date range in words: "1 October 2022 – 30 September 2024", "since 2015".
pub fn dates_text(item: &Item, lang: Lang) -> String {
    let fmt = |d: PartialDate| lang.date(d);
    match (item.span.start, item.span.end) {
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

/// The lanes' markup for a scale: lane headers, then items stacked in rows. Returns the
/// markup and its height. `selected` marks the selected item and the items that involve
/// the selected organisation or project.
pub fn lanes_svg(
    items: &[Item],
    scale: &TimeScale,
    bounds_end: Day,
    lang: Lang,
    selected: Option<&str>,
) -> (String, f64) {
    let mut out = String::new();
    let mut y = AXIS_PX;
    for lane in Lane::ALL {
        let in_lane: Vec<&Item> = items.iter().filter(|i| i.lane == lane).collect();
        let _ = write!(
            out,
            r#"<text class="timeline__lane-title" x="4" y="{}">{}</text>"#,
            px(y + 14.0),
            escape(lane.label(lang))
        );
        y += LANE_HEADER_PX;
        let extents: Vec<(f64, f64)> = in_lane
            .iter()
            .map(|i| {
                let from = i.span.start.map_or(0.0, |s| scale.x(s.first_day()));
                let to = i
                    .span
                    .end
                    .map_or(scale.x(bounds_end), |e| scale.x(e.last_day()));
                // Room for the label (about 6.5 px a character) when it is written beside.
                let label = clip_label(i.label.get(lang)).chars().count() as f64 * CHAR_PX;
                (from, to.max(from + 8.0).max(from + label + 8.0))
            })
            .collect();
        let (rows, count) = time::stack(&extents, 6.0);
        for (k, item) in in_lane.iter().enumerate() {
            let top = y + rows[k] as f64 * ROW_PX;
            item_svg(&mut out, item, scale, bounds_end, top, lang, selected);
        }
        y += count.max(1) as f64 * ROW_PX + 8.0;
    }
    (out, y)
}

fn item_svg(
    out: &mut String,
    item: &Item,
    scale: &TimeScale,
    bounds_end: Day,
    top: f64,
    lang: Lang,
    selected: Option<&str>,
) {
    let Some(start) = item.span.start else { return };
    let label = item.label.get(lang);
    let dates = dates_text(item, lang);
    let state = if selected == Some(item.id.as_str()) {
        " is-selected"
    } else if selected.is_some_and(|s| item.involves.iter().any(|i| i == s)) {
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
    let mid = top + ROW_PX / 2.0;
    if item.point && start.precision() == Precision::Day && item.span.end.is_none_or(|e| e == start)
    {
        let _ = write!(
            out,
            r#"<circle class="timeline__dot" cx="{}" cy="{}" r="5"/>"#,
            px(scale.x(start.first_day())),
            px(mid)
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
        let _ = write!(
            out,
            r#"<rect class="timeline__bar{open}{soft}" x="{}" y="{}" width="{}" height="{}" rx="3"/>"#,
            px(x0),
            px(top + 4.0),
            px(w),
            px(ROW_PX - 8.0)
        );
        // The uncertain part of a start or end given only to the month or year.
        for d in [Some(start), item.span.end].into_iter().flatten() {
            if d.precision() != Precision::Day && !item.point {
                let (a, b) = (scale.x(d.first_day()), scale.x(d.last_day()));
                let _ = write!(
                    out,
                    r#"<rect class="timeline__fuzzy" x="{}" y="{}" width="{}" height="{}"/>"#,
                    px(a),
                    px(top + 4.0),
                    px((b - a).max(1.0)),
                    px(ROW_PX - 8.0)
                );
            }
        }
    }
    let text_x = scale.x(start.first_day()) + if item.point { 8.0 } else { 4.0 };
    let _ = write!(
        out,
        r#"<text class="timeline__label" x="{}" y="{}" aria-hidden="true">{}</text></g>"#,
        px(text_x),
        px(mid + 4.0),
        escape(&clip_label(label))
    );
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
    let scale = RwSignal::new(initial(DEFAULT_WIDTH));
    let container = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let w = el.get_bounding_client_rect().width();
            if w >= 50.0 {
                scale.update(|s| *s = TimeScale::new(s.start, s.end, w));
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
        let (lanes_markup, height) =
            shown.with(|items| lanes_svg(items, &s, bounds.1, lang, selected.as_deref()));
        let axis = axis_svg(&s, lang, height);
        (format!("{axis}{lanes_markup}"), height)
    });
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
                        (b0.1 + b1.1) / 2.0 - el.get_bounding_client_rect().left()
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
            client_x - el.get_bounding_client_rect().left()
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
            <div class="timeline__controls">
                <button type="button" class="button" on:click=toggle_play aria-pressed=move || playing.get().to_string()>
                    {move || if playing.get() { locale.strings().pause } else { locale.strings().play }}
                </button>
                <button type="button" class="button" on:click=move |_| zoom(ZOOM_STEP) aria-label=move || locale.strings().zoom_in>"+"</button>
                <button type="button" class="button" on:click=move |_| zoom(1.0 / ZOOM_STEP) aria-label=move || locale.strings().zoom_out>"−"</button>
                <button type="button" class="button" on:click=move |_| scale.update(|s| *s = TimeScale::new(bounds.0, bounds.1, s.width))>
                    {move || locale.strings().view_world}
                </button>
                <button type="button" class="button" on:click=move |_| as_of.0.set(now)>{move || locale.strings().today}</button>
            </div>
            <label class="timeline__asof-control">
                <span>{move || locale.strings().as_of_label}</span>
                <input
                    type="range"
                    class="timeline__slider"
                    min=bounds.0
                    max=bounds.1
                    step="1"
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
                <svg
                    class="timeline__svg"
                    width="100%"
                    height=move || px(markup.with(|m| m.1)).to_string()
                    on:click=on_click
                    on:keydown=on_item_key
                >
                    <g inner_html=move || markup.with(|m| m.0.clone())></g>
                    <line
                        class="timeline__asof"
                        x1=as_of_x
                        x2=as_of_x
                        y1="0"
                        y2=move || px(markup.with(|m| m.1)).to_string()
                    ></line>
                </svg>
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
        let (svg, _) = lanes_svg(&items, &scale(), scale().end, Lang::En, None);
        assert!(svg.contains(r#"data-id="a""#) && svg.contains("timeline__bar--soft"));
        assert!(svg.contains(r#"<circle class="timeline__dot""#));
        assert!(svg.contains("&lt;a&gt;"), "labels are escaped");
    }

    #[test]
    fn open_spans_and_fuzzy_starts_are_marked() {
        let items = [item("p", Lane::Eu, "2015", None, false)];
        let (svg, _) = lanes_svg(&items, &scale(), scale().end, Lang::Fr, Some("org"));
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
        let (_, two_rows) = lanes_svg(&items, &scale(), scale().end, Lang::En, None);
        let (_, one_row) = lanes_svg(&items[..1], &scale(), scale().end, Lang::En, None);
        assert!((two_rows - one_row - ROW_PX).abs() < 1e-9);
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
