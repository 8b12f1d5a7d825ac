//! The map's SVG markup, built as strings: country shapes, markers, clusters and arcs.
//!
//! Strings rather than one reactive view per marker: a redraw after a zoom step is one
//! `innerHTML` assignment, which keeps thousands of markers within a frame and keeps the
//! wasm small. Every text that comes from data goes through [`escape`]; numbers are
//! written as whole pixels (or fixed-point) to stay compact and deterministic.

use super::{focus, Cluster, View};
use std::fmt::Write as _;

/// Escapes text for use inside an XML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape`] does.
pub fn escape_into(out: &mut String, text: &str) {
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
}

/// A pixel position rounded to a whole number (enough for markers, and compact).
fn px(v: f64) -> i64 {
    if v.is_finite() {
        v.round().clamp(-1e7, 1e7) as i64
    } else {
        0
    }
}

/// `value` with 4 decimals, written without float formatting machinery.
fn fixed4(value: f64) -> String {
    let scaled = px(value * 10_000.0);
    let sign = if scaled < 0 { "-" } else { "" };
    let a = scaled.unsigned_abs();
    format!("{sign}{}.{:04}", a / 10_000, a % 10_000)
}

/// The transform that places map units on screen for a view.
pub fn land_transform(view: &View) -> String {
    let k = view.scale();
    format!(
        "translate({} {}) scale({})",
        fixed4(view.width / 2.0 - view.center.x * k),
        fixed4(view.height / 2.0 - view.center.y * k),
        fixed4(k)
    )
}

/// One `<path>` per country, each with its modifier class (`member`, `count-2`...; none if empty).
pub fn countries<'a>(shapes: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (iso3, path, modifier) in shapes {
        let _ = write!(out, r#"<path class="map__country"#);
        if !modifier.is_empty() {
            let _ = write!(out, " map__country--{}", escape(modifier));
        }
        let _ = write!(
            out,
            r#"" data-iso3="{}" d="{}"/>"#,
            escape(iso3),
            escape(path)
        );
    }
    out
}

/// What the markup needs to know about one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkerInfo<'a> {
    pub id: &'a str,
    /// CSS key of its kind (`cancer-centre`...).
    pub kind: &'a str,
    /// The shape, a path around 0,0.
    pub shape: &'a str,
    /// What a screen reader says.
    pub label: &'a str,
    /// Involved in the current selection (drawn highlighted).
    pub related: bool,
}

/// Markers and clusters for a view, in reading order ([`focus::reading_order`]). Single
/// markers carry `data-id`; clusters carry `data-cluster` (the index of their first member)
/// and show their count. They are one Tab stop (a roving tabindex): only the one at
/// `tab_stop` (a position in reading order, from [`focus::tab_stop`]) has `tabindex="0"`.
pub fn markers(
    clusters: &[Cluster],
    info: &[MarkerInfo<'_>],
    selected: Option<&str>,
    tab_stop: Option<usize>,
    cluster_label: impl Fn(usize) -> String,
    count_text: impl Fn(usize) -> String,
) -> String {
    let mut out = String::new();
    for (k, c) in focus::reading_order(clusters).into_iter().enumerate() {
        let (x, y) = (px(c.x), px(c.y));
        let tabindex = if tab_stop == Some(k) { "0" } else { "-1" };
        if let [i] = c.members[..] {
            let m = &info[i];
            let is_selected = selected == Some(m.id);
            let _ = write!(
                out,
                r#"<g class="map__marker map__marker--{kind}{sel}" transform="translate({x} {y})" role="button" tabindex="{tabindex}" aria-pressed="{pressed}" aria-label="{label}" data-id="{id}"><circle class="map__hit" r="14"/><path d="{shape}"/></g>"#,
                kind = escape(m.kind),
                sel = if is_selected {
                    " map__marker--selected"
                } else if m.related {
                    " map__marker--related"
                } else {
                    ""
                },
                pressed = is_selected,
                label = escape(m.label),
                id = escape(m.id),
                shape = escape(m.shape),
            );
        } else {
            let n = c.members.len();
            let r = 11 + px((n as f64).sqrt() * 2.5);
            let _ = write!(
                out,
                r#"<g class="map__cluster" transform="translate({x} {y})" role="button" tabindex="{tabindex}" aria-label="{label}" data-cluster="{first}"><circle class="map__hit" r="{r}"/><circle r="{r}"/><text text-anchor="middle" dy="0.35em">{count}</text></g>"#,
                label = escape(&cluster_label(n)),
                first = c.members[0],
                count = escape(&count_text(n)),
            );
        }
    }
    out
}

/// Curved arcs from `from` to each of `to`, in screen pixels.
pub fn arcs(from: (f64, f64), to: impl IntoIterator<Item = (f64, f64)>) -> String {
    let mut out = String::new();
    for b in to {
        let a = from;
        let (mx, my) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        // Bowed to the left of the way from a to b, by a quarter of its length.
        let (cx, cy) = (mx + dy * 0.25, my - dx * 0.25);
        let _ = write!(
            out,
            r#"<path class="map__arc" d="M{} {}Q{} {} {} {}"/>"#,
            px(a.0),
            px(a.1),
            px(cx),
            px(cy),
            px(b.0),
            px(b.1)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{cluster, to_map, MapPoint};

    #[test]
    fn escape_makes_markup_inert() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn fixed_point_numbers() {
        assert_eq!(fixed4(1.5), "1.5000");
        assert_eq!(fixed4(-0.00004), "0.0000");
        assert_eq!(fixed4(-12.34567), "-12.3457");
        assert_eq!(fixed4(f64::NAN), "0.0000");
    }

    /// A snapshot of the markup for a fixed view: any change to geometry or markup shows
    /// up here and must be deliberate.
    #[test]
    fn snapshot_of_markers_for_a_fixed_view() {
        let points: Vec<MapPoint> = vec![
            to_map(4.8467, 45.7485),
            to_map(4.8467, 45.7485),
            to_map(151.2073, -33.8679),
        ];
        let info = vec![
            MarkerInfo {
                id: "clb",
                kind: "cancer-centre",
                shape: "M0 0z",
                label: "Centre Léon Bérard",
                related: false,
            },
            MarkerInfo {
                id: "iarc",
                kind: "international",
                shape: "M1 1z",
                label: "IARC <Lyon>",
                related: false,
            },
            MarkerInfo {
                id: "ca",
                kind: "public-agency",
                shape: "M2 2z",
                label: "Cancer Australia",
                related: false,
            },
        ];
        let view = View::world(1000.0, 500.0);
        let svg = markers(
            &cluster(&points, &view),
            &info,
            Some("ca"),
            Some(1),
            |n| format!("{n} organisations"),
            |n| n.to_string(),
        );
        assert_eq!(
            svg,
            concat!(
                r#"<g class="map__cluster" transform="translate(511 89)" role="button" tabindex="-1" aria-label="2 organisations" data-cluster="0"><circle class="map__hit" r="15"/><circle r="15"/><text text-anchor="middle" dy="0.35em">2</text></g>"#,
                r#"<g class="map__marker map__marker--public-agency map__marker--selected" transform="translate(886 373)" role="button" tabindex="0" aria-pressed="true" aria-label="Cancer Australia" data-id="ca"><circle class="map__hit" r="14"/><path d="M2 2z"/></g>"#,
            )
        );
        assert!(land_transform(&view).starts_with("translate(500.0000 250.0000) scale("));
    }

    #[test]
    fn arcs_bow_to_the_left() {
        assert_eq!(
            arcs((0.0, 0.0), [(100.0, 0.0)]),
            r#"<path class="map__arc" d="M0 0Q50 -25 100 0"/>"#
        );
    }

    #[test]
    fn countries_markup_escapes_and_shades() {
        let svg = countries([("FRA", "M0 0z", "member"), ("X\"Y", "M1 1z", "")]);
        assert!(svg.contains(r#"class="map__country map__country--member" data-iso3="FRA""#));
        assert!(svg.contains(r#"<path class="map__country" data-iso3="X&quot;Y""#));
        assert!(svg.contains(r#"data-iso3="X&quot;Y""#));
    }
}
