//! The world map: country shapes (pre-projected, from `geo::world`), a marker per
//! organisation (clustered in screen space), the selected organisation's links as arcs,
//! and the same links as a text list. Pan and zoom by drag, Ctrl+wheel or pinch,
//! double-click, buttons and keyboard. Geometry comes from `crate::geo`; this file only
//! wires events and renders.

use crate::geo::{self, MapPoint, View};
use crate::gesture::{Gesture, Pointers};
use crate::model::{OrgKind, RelationKind};
use crate::{lanes, network, use_as_of, use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Screen size used until the map's box has been measured.
const DEFAULT_SIZE: (f64, f64) = (800.0, 450.0);
use super::PRERENDER_WIDTH;
/// Height of the second set of markers the prerendered page holds, for wide screens (the
/// map at 1440×900); CSS shows one set or the other (style/map.css).
const PRERENDER_WIDE_HEIGHT: f64 = 476.0;
/// Zoom factor of one button press or key press.
const ZOOM_STEP: f64 = 1.6;
/// Pixels moved by one arrow key press.
const PAN_STEP: f64 = 60.0;

/// Marker shape per kind (drawn around 0,0, about 14 px across), so that colour is never the
/// only carrier of meaning. Colours are CSS custom properties (`--kind-<key>`).
pub fn marker_path(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::PublicAgency => "M-7 -7h14v14h-14z",
        OrgKind::ResearchFunder => "M0 -8l8 8l-8 8l-8-8z",
        OrgKind::ResearchCentre => "M0 -8l7.5 13h-15z",
        OrgKind::CancerCentre => "M-7 0a7 7 0 1 0 14 0a7 7 0 1 0-14 0z",
        OrgKind::Federation => "M-2.5 -8h5v5.5h5.5v5h-5.5v5.5h-5v-5.5h-5.5v-5h5.5z",
        OrgKind::Society => "M0 8l-7.5-13h15z",
        OrgKind::International => "M0 -8l7.6 5.5l-2.9 9h-9.4l-2.9-9z",
    }
}

/// Gives keyboard focus to a marker (an SVG element) or the map (an HTML one).
fn focus_element(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(svg) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    } else if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// A partner's id and the relations (from, kind, to) that link it to the selection.
type PartnerLinks = (String, Vec<(String, RelationKind, String)>);

/// The record whose links the map draws for a selection: a programme's hub (G7 Cancer, the
/// Beating Cancer Plan, Unicancer), anything else itself.
fn links_anchor(atlas: &crate::model::Dataset, id: &str) -> String {
    atlas
        .programmes
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_owned(), |p| p.hub.clone())
}

#[component]
pub fn MapRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let selection = use_selection();
    let as_of = use_as_of();
    let explore = use_explore();
    let visible = explore.visible;
    let shapes = geo::world::countries();

    let orgs = atlas.organisations.clone();
    let points: Vec<MapPoint> = orgs.iter().map(|o| geo::to_map(o.lon, o.lat)).collect();
    let index_of: BTreeMap<String, usize> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();

    // What holds on the as-of day: organisations, relations, G7 Cancer countries.
    let snapshot = {
        let atlas = atlas.clone();
        let index = lanes::SnapshotIndex::new(&atlas);
        Memo::new(move |_| index.snapshot(&atlas, as_of.0.get()))
    };

    // The framing a link asks for, or Europe.
    let framed = move |width: f64, height: f64| match explore.map.get_untracked() {
        Some(f) => View::europe(width, height).framed(f),
        None => View::europe(width, height),
    };
    let start = if crate::IN_BROWSER {
        DEFAULT_SIZE
    } else {
        View::europe_screen(PRERENDER_WIDTH)
    };
    let view = RwSignal::new(framed(start.0, start.1));
    let container = NodeRef::<leptos::html::Div>::new();

    // Measure the map's box on mount and when it changes; keep the view's centre and zoom.
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let rect = el.get_bounding_client_rect();
            if rect.width() >= 10.0 && rect.height() >= 10.0 {
                view.update(|v| *v = v.resized(rect.width(), rect.height()));
            }
        }
    };
    // The first measurement re-frames Europe at the real size. It comes from the
    // ResizeObserver below, after the browser's own layout: measuring while the page is
    // being built would force an extra layout of the whole page.
    let measure = move || {
        let fresh = view.get_untracked();
        measure();
        let v = view.get_untracked();
        if fresh.width == DEFAULT_SIZE.0 && fresh.height == DEFAULT_SIZE.1 {
            view.set(framed(v.width, v.height));
        }
    };
    // The framing goes to the URL (None while it is the default), and a framing from the
    // URL (back, forward) moves the map.
    Effect::new(move |_| {
        let v = view.get();
        let f = v.framing();
        let default = View::europe(v.width, v.height).framing();
        let wanted = (f != default).then_some(f);
        if explore.map.get_untracked() != wanted {
            explore.map.set(wanted);
        }
    });
    Effect::new(move |_| {
        let wanted = explore.map.get();
        let v = view.get_untracked();
        let target = match wanted {
            Some(f) => v.framed(f),
            None => View::europe(v.width, v.height),
        };
        if target.framing() != v.framing() {
            view.set(target);
        }
    });
    // Measure when the map's box first gets its size, then whenever it changes: a window
    // resize, and on wide screens, where the map shares its region's height, the links
    // list under it.
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            super::on_resize(&el, measure);
        }
    });

    // Only organisations active on the as-of day are clustered and drawn. The selected
    // organisation is never inside a cluster: it is drawn on its own, where it is.
    let clusters = {
        let points = points.clone();
        let index_of = index_of.clone();
        Memo::new(move |_| {
            let chosen = selection
                .0
                .with(|s| s.as_deref().and_then(|id| index_of.get(id).copied()));
            snapshot.with(|snap| {
                let active: Vec<usize> = visible.with(|v| {
                    (0..points.len())
                        .filter(|&i| snap.organisations[i] && v.organisations[i])
                        .collect()
                });
                let shown: Vec<usize> = active
                    .iter()
                    .copied()
                    .filter(|&i| Some(i) != chosen)
                    .collect();
                let visible: Vec<MapPoint> = shown.iter().map(|&i| points[i]).collect();
                let view = view.get();
                let mut clusters = geo::cluster(&visible, &view);
                for c in &mut clusters {
                    for m in &mut c.members {
                        *m = shown[*m];
                    }
                }
                if let Some(i) = chosen.filter(|i| active.contains(i)) {
                    let (x, y) = view.to_screen(points[i]);
                    clusters.push(geo::Cluster {
                        members: vec![i],
                        x,
                        y,
                    });
                }
                clusters
            })
        })
    };

    // Pointer gestures: one pointer drags, two pinch.
    let pointers = StoredValue::new(crate::gesture::Pointers::default());
    let local = move |x: f64, y: f64| -> (f64, f64) {
        container
            .get_untracked()
            .map(|el| {
                let r = el.get_bounding_client_rect();
                (x - r.left(), y - r.top())
            })
            .unwrap_or((x, y))
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
        pointers.update_value(|p| p.press(ev.pointer_id(), x, y));
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
        let Some(gesture) = pointers
            .try_update_value(|p| p.moved(ev.pointer_id(), x, y))
            .flatten()
        else {
            return;
        };
        if gesture == Gesture::Nothing && !pointers.with_value(Pointers::dragging) {
            return;
        }
        // Capture only once the pointer really moves: capturing on pointerdown would send
        // the click that follows to the map instead of the marker under the pointer.
        capture(&ev);
        apply(view, gesture);
    };
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.release(ev.pointer_id());
        });
    };
    // Plain wheel scrolls the page; Ctrl+wheel (and trackpad pinch, which browsers report
    // as Ctrl+wheel) zooms the map.
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        if let Some(factor) =
            crate::gesture::wheel_zoom(ev.ctrl_key() || ev.meta_key(), ev.delta_y())
        {
            ev.prevent_default();
            let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
            view.update(|v| *v = v.zoom_at(factor, x, y));
        }
    };
    let on_dblclick = move |ev: leptos::ev::MouseEvent| {
        let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
        let factor = if ev.shift_key() {
            1.0 / ZOOM_STEP
        } else {
            ZOOM_STEP
        };
        view.update(|v| *v = v.zoom_at(factor * ZOOM_STEP, x, y));
    };
    let zoom_centre = move |factor: f64| {
        view.update(|v| *v = v.zoom_at(factor, v.width / 2.0, v.height / 2.0));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let handled = match ev.key().as_str() {
            "ArrowLeft" => {
                view.update(|v| *v = v.pan_by(PAN_STEP, 0.0));
                true
            }
            "ArrowRight" => {
                view.update(|v| *v = v.pan_by(-PAN_STEP, 0.0));
                true
            }
            "ArrowUp" => {
                view.update(|v| *v = v.pan_by(0.0, PAN_STEP));
                true
            }
            "ArrowDown" => {
                view.update(|v| *v = v.pan_by(0.0, -PAN_STEP));
                true
            }
            "+" | "=" => {
                zoom_centre(ZOOM_STEP);
                true
            }
            "-" | "_" => {
                zoom_centre(1.0 / ZOOM_STEP);
                true
            }
            "0" => {
                view.update(|v| *v = View::world(v.width, v.height));
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };

    let countries_svg = geo::svg::countries(shapes.iter().map(|c| (c.iso3, c.path, "")));
    let involved_shapes = shapes.clone();
    let layer_shapes = shapes.clone();
    // G7 Cancer countries as of the chosen day, drawn over the plain land.
    let shaded_svg = move || {
        snapshot.with(|snap| {
            geo::svg::countries(
                shapes
                    .iter()
                    .filter(|c| snap.g7_countries.iter().any(|m| m == c.iso3))
                    .map(|c| (c.iso3, c.path, "member")),
            )
        })
    };
    let land_transform = move || geo::svg::land_transform(&view.get());

    // The selected organisation's partners, as arcs and as a text list.
    let partners = {
        let atlas = atlas.clone();
        move || -> Vec<PartnerLinks> {
            let Some(id) = selection.0.get() else {
                return Vec::new();
            };
            let id = links_anchor(&atlas, &id);
            let day = as_of.0.get();
            network::partners(&atlas, &id, |r| r.span.active_on(day))
                .into_iter()
                .map(|p| {
                    let via = p
                        .via
                        .iter()
                        .map(|r| (r.from.clone(), r.kind, r.to.clone()))
                        .collect();
                    (p.organisation.to_owned(), via)
                })
                .collect()
        }
    };
    // The organisations the selection involves: an anchor (the selected organisation, a
    // project's coordinator, a relation's first end) and the others, by marker index.
    let focus = {
        let atlas = atlas.clone();
        let index_of = index_of.clone();
        Memo::new(move |_| -> (Option<usize>, Vec<usize>) {
            let Some(id) = selection.0.get() else {
                return (None, Vec::new());
            };
            let id = links_anchor(&atlas, &id);
            let day = as_of.0.get();
            let partners_of = |x: &str| -> Vec<String> {
                network::partners(&atlas, x, |r| r.span.active_on(day))
                    .into_iter()
                    .map(|p| p.organisation.to_owned())
                    .collect()
            };
            let mut ids: Vec<String> = if index_of.contains_key(&id) {
                std::iter::once(id.clone())
                    .chain(partners_of(&id))
                    .collect()
            } else if let Some(p) = atlas.projects.iter().find(|p| p.id == id) {
                p.coordinator
                    .iter()
                    .cloned()
                    .chain(partners_of(&id))
                    .collect()
            } else if let Some(r) = atlas.relations.iter().find(|r| r.id == id) {
                vec![r.from.clone(), r.to.clone()]
            } else if let Some(e) = atlas.events.iter().find(|e| e.id == id) {
                e.related
                    .iter()
                    .flat_map(|x| {
                        if index_of.contains_key(x) {
                            vec![x.clone()]
                        } else {
                            partners_of(x)
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let mut seen = std::collections::BTreeSet::new();
            ids.retain(|x| seen.insert(x.clone()));
            let mut indices = ids.iter().filter_map(|x| index_of.get(x).copied());
            let anchor = indices.next();
            // Links go only to organisations the filters keep.
            let others = visible.with(|v| indices.filter(|&i| v.organisations[i]).collect());
            (anchor, others)
        })
    };
    // The country layer for the as-of day: with a project selected, its countries by role;
    // otherwise countries by how many projects they take part in that day, among those the
    // filters keep (a selected programme's only). Iso3 code and class, by iso3.
    let layer = std::sync::Arc::new(crate::countries::Layer::new(&atlas));
    let country_layer = {
        let atlas = atlas.clone();
        let layer = layer.clone();
        Memo::new(move |_| -> (bool, Vec<(String, String)>) {
            let day = as_of.0.get();
            let selected = selection.0.get();
            let iso3 = |code: &str| {
                atlas
                    .countries
                    .iter()
                    .find(|c| c.code == code)
                    .map(|c| c.iso3.clone())
            };
            let project = selected
                .as_deref()
                .filter(|id| layer.projects.iter().any(|p| p.id == *id));
            let (roles, mut out): (bool, Vec<(String, String)>) = match project {
                Some(id) => (
                    true,
                    layer
                        .roles(id, day)
                        .into_iter()
                        .filter_map(|(code, class)| {
                            Some((iso3(&code)?, format!("role-{}", class.key())))
                        })
                        .collect(),
                ),
                None => {
                    let programme = selected
                        .as_deref()
                        .filter(|id| atlas.programmes.iter().any(|p| p.id == *id));
                    let counts = visible.with(|v| {
                        layer.counts(day, |p| {
                            v.projects.get(p.index).copied().unwrap_or(false)
                                && programme.is_none_or(|prog| {
                                    atlas.projects[p.index].programmes.iter().any(|x| x == prog)
                                })
                        })
                    });
                    (
                        false,
                        counts
                            .into_iter()
                            .filter_map(|(code, n)| {
                                let class = crate::countries::count_class(n)?;
                                Some((iso3(&code)?, format!("count-{}", class + 1)))
                            })
                            .collect(),
                    )
                }
            };
            crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
            (roles, out)
        })
    };
    let layer_svg = {
        let shapes = layer_shapes;
        move || {
            country_layer.with(|(_, classes)| {
                geo::svg::countries(shapes.iter().filter_map(|c| {
                    let at = classes
                        .binary_search_by(|(iso3, _)| iso3.as_str().cmp(c.iso3))
                        .ok()?;
                    Some((c.iso3, c.path, classes[at].1.as_str()))
                }))
            })
        }
    };
    // The countries of the organisations the selection involves (a programme's members,
    // a project's partners, an organisation and its partners), drawn over the G7 shading.
    let involved_svg = {
        let atlas = atlas.clone();
        let orgs = orgs.clone();
        let shapes = involved_shapes;
        move || {
            let mut codes: Vec<&str> = focus.with(|(anchor, others)| {
                anchor
                    .iter()
                    .chain(others)
                    .filter_map(|&i| orgs.get(i))
                    .filter_map(|o| atlas.countries.iter().find(|c| c.code == o.country))
                    .map(|c| c.iso3.as_str())
                    .collect()
            });
            // A selected country is outlined itself.
            let selected = selection.0.get();
            if let Some(code) = selected.as_deref().and_then(crate::countries::code_of) {
                codes.extend(
                    atlas
                        .countries
                        .iter()
                        .filter(|c| c.code == code)
                        .map(|c| c.iso3.as_str()),
                );
            }
            crate::sort::sort(&mut codes);
            codes.dedup();
            geo::svg::countries(
                shapes
                    .iter()
                    .filter(|c| codes.binary_search(&c.iso3).is_ok())
                    .map(|c| (c.iso3, c.path, "involved")),
            )
        }
    };
    // Choosing a programme (after the first view, which the address may frame) frames the
    // map on the organisations it involves: the world for G7 Cancer, Europe for the EU's
    // joint actions.
    {
        let atlas = atlas.clone();
        let points = points.clone();
        Effect::new(move |previous: Option<Option<String>>| {
            let now = selection.0.get();
            let is_programme = |id: &Option<String>| {
                id.as_ref()
                    .is_some_and(|id| atlas.programmes.iter().any(|p| &p.id == id))
            };
            if previous.is_some() && previous.as_ref() != Some(&now) && is_programme(&now) {
                let (anchor, others) = focus.get_untracked();
                let members: Vec<MapPoint> =
                    anchor.iter().chain(&others).map(|&i| points[i]).collect();
                if let Some((lo, hi)) = geo::bounds(members) {
                    view.update(|v| *v = v.fit(lo, hi));
                }
            }
            now
        });
    }
    let arcs_svg = {
        let points = points.clone();
        move || {
            let v = view.get();
            focus.with(|(anchor, others)| match anchor {
                Some(a) => geo::svg::arcs(
                    v.to_screen(points[*a]),
                    others.iter().map(|&i| v.to_screen(points[i])),
                ),
                None => String::new(),
            })
        }
    };

    // Screen-reader labels: name, city, country, number of relations; rebuilt per language.
    let labels = {
        let orgs = orgs.clone();
        let atlas = atlas.clone();
        let counts = crate::lanes::relation_counts(&atlas);
        Memo::new(move |_| {
            let lang = locale.0.get();
            orgs.iter()
                .zip(&counts)
                .map(|(org, &relations)| {
                    let country = atlas
                        .countries
                        .iter()
                        .find(|k| k.code == org.country)
                        .map(|k| k.name.get(lang))
                        .unwrap_or_default();
                    format!(
                        "{}, {}, {}, {}",
                        org.name.get(lang),
                        org.city.get(lang),
                        country,
                        lang.relations(relations)
                    )
                })
                .collect::<Vec<String>>()
        })
    };
    // The organisation whose marker (or cluster) had keyboard focus last: the Tab stop
    // returns there (a roving tabindex, see `geo::focus`).
    let last_focused: StoredValue<Option<usize>> = StoredValue::new(None);
    // The markup of the markers, with the Tab stop on the organisation `focused` (the one
    // holding focus during a redraw) if it is drawn on screen, else the selection's, else
    // the last focused, else the first in reading order; and whether `focused` got it.
    let markers_svg = {
        let orgs = orgs.clone();
        let index_of = index_of.clone();
        move |focused: Option<usize>| -> (String, bool) {
            let lang = locale.0.get();
            let selected = selection.0.get();
            let hint = locale.strings().cluster_hint;
            let clusters = clusters.get();
            let v = view.get_untracked();
            let order = geo::focus::reading_order(&clusters);
            let preferred: Vec<usize> = focused
                .into_iter()
                .chain(selected.as_ref().and_then(|id| index_of.get(id).copied()))
                .chain(last_focused.get_value())
                .collect();
            let tab_stop = geo::focus::tab_stop(&order, &preferred, (v.width, v.height));
            let kept = focused.is_some_and(|org| {
                tab_stop.is_some() && tab_stop == geo::focus::holding(&order, org)
            });
            let html = labels.with(|labels| {
                let info: Vec<geo::svg::MarkerInfo> = orgs
                    .iter()
                    .zip(labels.iter())
                    .enumerate()
                    .map(|(i, (o, label))| geo::svg::MarkerInfo {
                        id: &o.id,
                        kind: o.kind.key(),
                        shape: marker_path(o.kind),
                        label,
                        related: focus.with(|(a, others)| *a == Some(i) || others.contains(&i)),
                    })
                    .collect();
                geo::svg::markers(
                    &clusters,
                    &info,
                    selected.as_deref(),
                    tab_stop,
                    |n| format!("{}, {hint}", lang.organisations(n)),
                    |n| lang.number(n),
                )
            });
            (html, kept)
        }
    };
    // The organisation a marker element stands for (a cluster: its first member).
    let org_of = {
        let index_of = index_of.clone();
        move |el: &web_sys::Element| -> Option<usize> {
            match el.get_attribute("data-id") {
                Some(id) => index_of.get(&id).copied(),
                None => el.get_attribute("data-cluster")?.parse().ok(),
            }
        }
    };
    // Markers are redrawn as one string; keep keyboard focus on the same marker (or the
    // cluster that now holds it) across redraws.
    let markers_layer = NodeRef::<leptos::svg::G>::new();
    // At build time no effect runs: the markers are drawn once, into the markup.
    // Markers are clustered in screen space, so the clusters of a phone's map are not those
    // of a wide screen's: both sets, the wide one drawn at its size and scaled into the
    // narrow one's coordinates (both frame Europe exactly, so the views differ by a scale).
    let prerendered_markers = (!crate::IN_BROWSER).then(|| {
        let narrow_view = view.get_untracked();
        let narrow = markers_svg(None).0;
        let (w, h) = View::europe_screen(PRERENDER_WIDTH);
        let wide_width = w * PRERENDER_WIDE_HEIGHT / h;
        view.set(View::europe(wide_width, PRERENDER_WIDE_HEIGHT));
        let wide = markers_svg(None).0;
        view.set(narrow_view);
        format!(
            r#"<g class="map__prerendered--narrow">{narrow}</g><g class="map__prerendered--wide" transform="scale({})">{wide}</g>"#,
            w / wide_width
        )
    });
    {
        let org_of = org_of.clone();
        Effect::new(move |_| {
            let layer = markers_layer.get();
            let document = web_sys::window().and_then(|w| w.document());
            let focused = layer.as_ref().and_then(|layer| {
                document
                    .as_ref()
                    .and_then(|d| d.active_element())
                    .filter(|el| layer.contains(Some(el)))
            });
            let (html, kept) = markers_svg(focused.as_ref().and_then(&org_of));
            let Some(layer) = layer else {
                return;
            };
            layer.set_inner_html(&html);
            if focused.is_none() {
                return;
            }
            // Focus goes to the marker or cluster that holds the same organisation; if it is
            // no longer on screen, to the map, so that the keyboard stays where it was.
            let target = if kept {
                layer.query_selector("[tabindex='0']").ok().flatten()
            } else {
                container.get_untracked().map(web_sys::Element::from)
            };
            if let Some(el) = target {
                focus_element(&el);
            }
        });
    }
    // One listener for every marker and cluster (event delegation).
    let activate = {
        let points = points.clone();
        move |target: web_sys::Element| {
            let Ok(Some(hit)) = target.closest("[data-id],[data-cluster]") else {
                return false;
            };
            if let Some(id) = hit.get_attribute("data-id") {
                selection.0.set(Some(id));
                return true;
            }
            let Some(first) = hit
                .get_attribute("data-cluster")
                .and_then(|c| c.parse::<usize>().ok())
            else {
                return false;
            };
            let Some(c) = clusters
                .get_untracked()
                .into_iter()
                .find(|c| c.members.first() == Some(&first))
            else {
                return false;
            };
            let members: Vec<MapPoint> = c.members.iter().map(|&i| points[i]).collect();
            if let Some((lo, hi)) = geo::bounds(members) {
                view.update(|v| {
                    let fitted = v.fit(lo, hi);
                    // Points that share one place have no extent: zoom far enough to spread them.
                    let floor = if (hi.x - lo.x).abs() < 1e-9 && (hi.y - lo.y).abs() < 1e-9 {
                        geo::SPREAD_ZOOM
                    } else {
                        1.0
                    };
                    let zoom = fitted.zoom.max(v.zoom * ZOOM_STEP).max(floor);
                    *v = View { zoom, ..fitted }.clamped();
                });
            }
            true
        }
    };
    let activate2 = activate.clone();
    let on_markers_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if activate(el) {
                ev.stop_propagation();
            }
        }
    };
    // A click or tap on a country of the dataset opens its card (after a drag the pointer
    // is captured by the map, so the click that ends it lands on the map, not a country).
    let on_land_click = {
        let atlas = atlas.clone();
        move |ev: leptos::ev::MouseEvent| {
            use wasm_bindgen::JsCast;
            let iso3 = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-iso3"));
            if let Some(country) = iso3.and_then(|i| atlas.countries.iter().find(|c| c.iso3 == i)) {
                selection.0.set(Some(crate::countries::key(&country.code)));
            }
        }
    };
    // The roving Tab stop follows focus, however it came (arrows, a click, a redraw).
    let on_markers_focus = {
        let org_of = org_of.clone();
        move |ev: leptos::ev::FocusEvent| {
            use wasm_bindgen::JsCast;
            let (Some(layer), Some(el)) = (
                markers_layer.get_untracked(),
                ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
            ) else {
                return;
            };
            // Only markers and clusters (listened to on the map, not on the SVG group:
            // Chromium makes an SVG element with a focus listener focusable itself).
            if !layer.contains(Some(&el))
                || el.closest("[data-id],[data-cluster]").ok().flatten() != Some(el.clone())
            {
                return;
            }
            if el.get_attribute("tabindex").as_deref() == Some("0") {
                last_focused.set_value(org_of(&el));
                return;
            }
            if let Ok(Some(old)) = layer.query_selector("[tabindex='0']") {
                let _ = old.set_attribute("tabindex", "-1");
            }
            let _ = el.set_attribute("tabindex", "0");
            last_focused.set_value(org_of(&el));
        }
    };
    // Inside the markers: Enter (or Space) chooses; the arrows go to the nearest marker in
    // their direction, Home and End to the first and last (`geo::focus::step`). Handled
    // here, they do not reach the map, whose arrows pan.
    let on_markers_key = move |ev: leptos::ev::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if ev.key() == "Enter" || ev.key() == " " {
            if activate2(el) {
                ev.prevent_default();
                ev.stop_propagation();
            }
            return;
        }
        let Some(movement) = geo::focus::Move::from_key(&ev.key()) else {
            return;
        };
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(layer) = markers_layer.get_untracked() else {
            return;
        };
        let Ok(list) = layer.query_selector_all("[data-id],[data-cluster]") else {
            return;
        };
        let elements: Vec<web_sys::Element> = (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
            .collect();
        let Some(from) = elements.iter().position(|e| *e == el) else {
            return;
        };
        ev.prevent_default();
        ev.stop_propagation();
        let positions: Vec<(f64, f64)> = clusters.with_untracked(|clusters| {
            geo::focus::reading_order(clusters)
                .iter()
                .map(|c| (c.x, c.y))
                .collect()
        });
        // The markup is drawn from the same clusters, in the same order.
        if positions.len() != elements.len() {
            return;
        }
        let v = view.get_untracked();
        if let Some(next) = geo::focus::step(&positions, from, movement, (v.width, v.height)) {
            focus_element(&elements[next]);
        }
    };

    let legend = move || {
        let lang = locale.0.get();
        OrgKind::ALL
            .into_iter()
            .map(|kind| {
                view! {
                    <li>
                        <svg class=format!("map__legend-symbol map__marker--{}", kind.key()) viewBox="-9 -9 18 18" aria-hidden="true">
                            <path d=marker_path(kind)/>
                        </svg>
                        {lang.org_kind(kind)}
                    </li>
                }
            })
            .collect_view()
    };

    // The layer's classes: roles with a project selected, counts otherwise.
    let layer_legend = move || {
        let lang = locale.0.get();
        let classes: Vec<(String, String)> = if country_layer.with(|l| l.0) {
            crate::countries::RoleClass::ALL
                .iter()
                .map(|c| (format!("role-{}", c.key()), c.label(lang).to_owned()))
                .collect()
        } else {
            (0..crate::countries::COUNT_CLASSES.len())
                .map(|i| {
                    (
                        format!("count-{}", i + 1),
                        crate::countries::count_class_label(i, lang),
                    )
                })
                .collect()
        };
        classes
            .into_iter()
            .map(|(key, label)| {
                view! { <li><span class=format!("map__legend-swatch map__legend-swatch--{key}") aria-hidden="true"></span>{label}</li> }
            })
            .collect_view()
    };
    // The countries of the dataset as links, for the keyboard and screen readers (the
    // shapes themselves are not in the tab order).
    let country_links = {
        let atlas = atlas.clone();
        move || {
            let lang = locale.0.get();
            let mut countries: Vec<(String, String)> = atlas
                .countries
                .iter()
                .map(|c| (c.name.get(lang).to_owned(), crate::countries::key(&c.code)))
                .collect();
            crate::sort::sort_by_key(&mut countries, |c| crate::filter::normalize(&c.0));
            countries
                .into_iter()
                .map(|(name, key)| view! { <li><super::explore::SelectLink id=key>{name}</super::explore::SelectLink></li> })
                .collect_view()
        }
    };
    let atlas_countries = atlas.countries.len();
    // The prerendered page draws it open; its CSS folds it on narrow screens.
    // Open where there is room for it beside the map; folded in a frame of another site.
    let legend_open = !crate::IN_BROWSER
        || !super::location::embedded()
            && window()
                .inner_width()
                .ok()
                .and_then(|w| w.as_f64())
                .is_some_and(|w| w >= 1024.0);

    // The kinds of organisation fold by themselves while something is selected, since the
    // selection adds its own lines (roles, its countries) and the legend would otherwise
    // hide the top of the map; once the visitor opens or folds them, that choice stays.
    let kinds_choice: RwSignal<Option<bool>> = RwSignal::new(None);
    let kinds_auto = move || legend_open && selection.0.with(Option::is_none);
    let kinds_open = move || kinds_choice.get().unwrap_or_else(kinds_auto);
    let on_kinds_toggle = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(open) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|el| el.has_attribute("open"))
        else {
            return;
        };
        // The toggle that follows the selection is not a choice.
        let automatic = untrack(kinds_auto);
        kinds_choice.set((open != automatic).then_some(open));
    };

    let links_list = {
        move || {
            let lang = locale.0.get();
            let name_of = |id: &str| {
                atlas
                    .organisations
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| o.name.get(lang).to_owned())
                    .or_else(|| {
                        atlas.projects.iter().find(|p| p.id == id).map(|p| {
                            p.acronym.as_ref().map_or_else(
                                || p.name.get(lang).to_owned(),
                                |a| a.get(lang).to_owned(),
                            )
                        })
                    })
                    .or_else(|| {
                        atlas
                            .programmes
                            .iter()
                            .find(|p| p.id == id)
                            .map(|p| p.name.get(lang).to_owned())
                    })
                    .or_else(|| {
                        atlas
                            .events
                            .iter()
                            .find(|e| e.id == id)
                            .map(|e| e.label.get(lang).to_owned())
                    })
                    .or_else(|| {
                        atlas
                            .relations
                            .iter()
                            .find(|r| r.id == id)
                            .map(|r| lang.relation_kind(r.kind).to_owned())
                    })
                    .or_else(|| {
                        let code = crate::countries::code_of(id)?;
                        atlas
                            .countries
                            .iter()
                            .find(|c| c.code == code)
                            .map(|c| c.name.get(lang).to_owned())
                    })
                    .unwrap_or_else(|| id.to_owned())
            };
            let selected = selection.0.get()?;
            // A country's card says what it takes part in; it has no links of its own.
            if crate::countries::code_of(&selected).is_some() {
                return None;
            }
            let rows = partners()
                .into_iter()
                .map(|(org, via)| {
                    let how = via
                        .iter()
                        .map(|(from, kind, to)| {
                            lang.relation_phrase(&name_of(from), *kind, &name_of(to))
                        })
                        .collect::<Vec<_>>()
                        .join(lang.semicolon());
                    view! { <li><strong>{name_of(&org)}</strong>{lang.colon()}{how}</li> }
                })
                .collect::<Vec<_>>();
            let count = rows.len();
            // The arcs in words, folded: the details panel lists the same relations, and
            // folded the list leaves the map its height on wide screens.
            Some(view! {
                <div class="map__links">
                    <details>
                        <summary>
                            <h3>
                                {format!("{} — {} ({count})", locale.strings().links_title, name_of(&selected))}
                            </h3>
                        </summary>
                        {(count == 0).then(|| view! { <p>{locale.strings().links_none}</p> })}
                        <ul>{rows}</ul>
                    </details>
                    <button type="button" class="button" on:click=move |_| selection.0.set(None)>
                        {locale.strings().clear_selection}
                    </button>
                </div>
            })
        }
    };

    // At build time there is no box to measure and no effect runs: the SVG scales the
    // drawing made for the prerender's size to the real box.
    let view_box = (!crate::IN_BROWSER).then(|| {
        let v = view.get_untracked();
        format!("0 0 {} {}", v.width, v.height)
    });
    let aspect = view_box.is_some().then_some("xMidYMid meet");

    view! {
        <section class="region region--map region--geo" aria-labelledby="map-heading">
            // For screen readers: the map needs no visible title.
            <h2 id="map-heading" class="region__title visually-hidden">{move || locale.strings().map_title}</h2>
            <p id="map-help" class="map__help">{move || locale.strings().map_help}</p>
            <div
                class="map"
                node_ref=container
                tabindex="0"
                role="group"
                aria-label=move || locale.strings().map_label
                aria-describedby="map-help"
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_up
                on:wheel=on_wheel
                on:dblclick=on_dblclick
                on:keydown=on_keydown
                on:focusin=on_markers_focus
            >
                <svg class="map__svg" width="100%" height="100%" aria-hidden="false"
                    viewBox=view_box preserveAspectRatio=aspect>
                    <rect class="map__sea" width="100%" height="100%"/>
                    <g class="map__land" transform=land_transform aria-hidden="true" inner_html=countries_svg on:click=on_land_click></g>
                    <g class="map__land map__land--shaded map__land--layer" transform=land_transform aria-hidden="true" inner_html=layer_svg></g>
                    <g class="map__land map__land--shaded" transform=land_transform aria-hidden="true" inner_html=shaded_svg></g>
                    <g class="map__land map__land--shaded map__land--involved" transform=land_transform aria-hidden="true" inner_html=involved_svg></g>
                    <g class="map__arcs" aria-hidden="true" inner_html=arcs_svg></g>
                    <g class="map__markers" node_ref=markers_layer inner_html=prerendered_markers on:click=on_markers_click on:keydown=on_markers_key></g>
                </svg>
                <p class="map__asof" aria-live="polite">
                    {move || format!("{} {}", locale.strings().as_of, lanes::long_date(as_of.0.get(), locale.0.get()))}
                </p>
                <div class="map__controls">
                    <button type="button" class="button map__icon" on:click=move |_| zoom_centre(ZOOM_STEP)
                        aria-label=move || locale.strings().zoom_in title=move || locale.strings().zoom_in>"+"</button>
                    <button type="button" class="button map__icon" on:click=move |_| zoom_centre(1.0 / ZOOM_STEP)
                        aria-label=move || locale.strings().zoom_out title=move || locale.strings().zoom_out>"−"</button>
                    <button type="button" class="button map__icon" on:click=move |_| view.update(|v| *v = View::world(v.width, v.height))
                        aria-label=move || locale.strings().view_world title=move || locale.strings().view_world>
                        // A globe: the whole world.
                        <svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">
                            <circle r="8"/><ellipse rx="3.5" ry="8"/><path d="M-8 0h16M-6.9-4h13.8M-6.9 4h13.8"/>
                        </svg>
                    </button>
                    <button type="button" class="button map__icon" on:click=move |_| view.update(|v| *v = View::europe(v.width, v.height))
                        aria-label=move || locale.strings().view_europe title=move || locale.strings().view_europe>
                        // A frame around a point: Europe framed.
                        <svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">
                            <path d="M-8-3v-5h5M3-8h5v5M8 3v5h-5M-3 8h-5v-5"/><circle r="2.5"/>
                        </svg>
                    </button>
                </div>
            </div>
            // Two parts that fold on their own: open at first on wide screens (over the map,
            // each folds away with one click); on a phone folded, so that the timeline
            // follows the map.
            <div class="map__legend">
                <details class="map__legend-part" open=kinds_open on:toggle=on_kinds_toggle>
                    <summary><h3>{move || locale.strings().legend_title}</h3></summary>
                    <ul class="inline-list">
                        {legend}
                    </ul>
                </details>
                <details class="map__legend-part" open=legend_open>
                    <summary><h3 class="map__legend-layer">{move || {
                        let t = locale.strings();
                        if country_layer.with(|l| l.0) { t.legend_layer_roles } else { t.legend_layer_count }
                    }}</h3></summary>
                    <ul class="inline-list">
                        {layer_legend}
                        <li><span class="map__legend-swatch map__legend-swatch--member" aria-hidden="true"></span>{move || locale.strings().legend_member_country}</li>
                        <Show when=move || selection.0.get().is_some()>
                            <li><span class="map__legend-swatch map__legend-swatch--involved" aria-hidden="true"></span>{move || locale.strings().legend_involved_country}</li>
                        </Show>
                    </ul>
                </details>
            </div>
            {links_list}
            <details class="map__countries">
                <summary>{move || format!("{} ({})", locale.strings().countries_list, atlas_countries)}</summary>
                <ul class="inline-list">{country_links}</ul>
            </details>
        </section>
    }
}

/// Captures the pointer for the element listening (once a press has become a drag).
pub fn capture(ev: &leptos::ev::PointerEvent) {
    use wasm_bindgen::JsCast;
    if let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = el.set_pointer_capture(ev.pointer_id());
    }
}

/// Applies a pan or a pinch to the map's view.
fn apply(view: RwSignal<View>, gesture: Gesture) {
    match gesture {
        Gesture::Pan(dx, dy) => view.update(|v| *v = v.pan_by(dx, dy)),
        Gesture::Zoom { factor, x, y } => view.update(|v| *v = v.zoom_at(factor, x, y)),
        Gesture::Nothing => {}
    }
}
