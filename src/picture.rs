//! A picture of the map for downloading: the map as it is on screen with its title, date,
//! legend and source line drawn around it, as one standalone SVG document. The app turns
//! it into a PNG (`ui::export`); this module only lays it out. Pure: no leptos.

use crate::geo::svg::escape;

/// How a legend entry is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    /// A marker's symbol: its path (in an 18 × 18 box centred on 0) and colours.
    Symbol {
        path: String,
        fill: String,
        stroke: String,
    },
    /// A shaded square, as the country layer's classes.
    Fill { fill: String, stroke: String },
}

/// One line of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub swatch: Swatch,
    pub label: String,
}

/// A heading of the legend and its lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub heading: String,
    pub entries: Vec<Entry>,
}

/// What the picture shows.
pub struct Picture<'a> {
    pub title: &'a str,
    /// The date and, when something is chosen, its name.
    pub subtitle: &'a str,
    /// The map as a standalone `<svg>` document, `map_size` CSS pixels.
    pub map: &'a str,
    pub map_size: (u32, u32),
    pub legend: &'a [Group],
    pub source: &'a str,
    /// Text and background colours.
    pub ink: &'a str,
    pub muted: &'a str,
    pub paper: &'a str,
}

const PAD: u32 = 24;
const TITLE: u32 = 22;
const SUBTITLE: u32 = 15;
const ROW: u32 = 22;
/// The narrowest a legend column gets.
const MIN_COLUMN: u32 = 200;
const SOURCE: u32 = 13;

/// The picture as an SVG document, and its size in CSS pixels.
pub fn svg(p: &Picture<'_>) -> (String, u32, u32) {
    let (map_w, map_h) = p.map_size;
    let width = map_w.max(480) + 2 * PAD;
    // Columns as wide as the longest label needs (about 0.55 em a character at 13 px).
    let longest = p
        .legend
        .iter()
        .flat_map(|g| &g.entries)
        .map(|e| e.label.chars().count() as u32)
        .max()
        .unwrap_or(0);
    let column = (longest * 15 / 2 + 40).clamp(MIN_COLUMN, width - 2 * PAD);
    let columns = ((width - 2 * PAD) / column).max(1);
    let mut y = PAD + TITLE;
    let mut out = String::new();
    let text = |out: &mut String, x: u32, y: u32, size: u32, weight: u32, fill: &str, s: &str| {
        out.push_str(&format!(
            r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{}">{}</text>"#,
            escape(fill),
            escape(s)
        ));
    };
    text(&mut out, PAD, y, TITLE, 700, p.ink, p.title);
    y += SUBTITLE + 10;
    text(&mut out, PAD, y, SUBTITLE, 400, p.muted, p.subtitle);
    y += 14;
    // The map, centred, with its own coordinates.
    let map_x = (width - map_w) / 2;
    out.push_str(&format!(
        r#"<svg x="{map_x}" y="{y}" width="{map_w}" height="{map_h}">{}</svg>"#,
        strip_outer_svg(p.map)
    ));
    y += map_h + 20;
    for group in p.legend {
        text(&mut out, PAD, y + 4, 14, 700, p.ink, &group.heading);
        y += ROW;
        for (i, entry) in group.entries.iter().enumerate() {
            let col = i as u32 % columns;
            let x = PAD + col * column;
            let cy = y + (i as u32 / columns) * ROW;
            match &entry.swatch {
                Swatch::Symbol { path, fill, stroke } => out.push_str(&format!(
                    r#"<path transform="translate({} {}) scale(0.8)" d="{}" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
                    x + 8,
                    cy - 4,
                    escape(path),
                    escape(fill),
                    escape(stroke)
                )),
                Swatch::Fill { fill, stroke } => out.push_str(&format!(
                    r#"<rect x="{x}" y="{}" width="16" height="12" fill="{}" stroke="{}"/>"#,
                    cy - 10,
                    escape(fill),
                    escape(stroke)
                )),
            }
            text(&mut out, x + 24, cy, 13, 400, p.ink, &entry.label);
        }
        let rows = (group.entries.len() as u32).div_ceil(columns);
        y += rows * ROW + 8;
    }
    y += 6;
    text(&mut out, PAD, y, SOURCE, 400, p.muted, p.source);
    let height = y + PAD;
    let doc = format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" "#,
            r#"font-family="system-ui, sans-serif"><title>{title}</title>"#,
            r#"<rect width="{w}" height="{h}" fill="{paper}"/>{body}</svg>"#
        ),
        w = width,
        h = height,
        title = escape(p.title),
        paper = escape(p.paper),
        body = out
    );
    (doc, width, height)
}

/// The inside of a standalone `<svg …>…</svg>` document (its own attributes dropped: the
/// picture places it).
fn strip_outer_svg(doc: &str) -> &str {
    let start = doc
        .find("<svg")
        .and_then(|at| doc[at..].find('>').map(|end| at + end + 1));
    let end = doc.rfind("</svg>");
    match (start, end) {
        (Some(start), Some(end)) if start <= end => &doc[start..end],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(legend: &[Group]) -> (String, u32, u32) {
        svg(&Picture {
            title: "Cancer Cooperation Atlas",
            subtitle: "As of 1 June 2025 · CraNE & <friends>",
            map: r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><title>x</title><path d="M0 0h1"/></svg>"#,
            map_size: (600, 400),
            legend,
            source: "Source: Cancer Cooperation Atlas",
            ink: "#111",
            muted: "#555",
            paper: "#fff",
        })
    }

    fn group(n: usize) -> Group {
        Group {
            heading: "Kinds".into(),
            entries: (0..n)
                .map(|i| Entry {
                    swatch: if i % 2 == 0 {
                        Swatch::Symbol {
                            path: "M0 0h1".into(),
                            fill: "#00f".into(),
                            stroke: "#fff".into(),
                        }
                    } else {
                        Swatch::Fill {
                            fill: "#ccc".into(),
                            stroke: "#999".into(),
                        }
                    },
                    label: format!("kind {i}"),
                })
                .collect(),
        }
    }

    #[test]
    fn the_picture_holds_title_date_map_legend_and_source_escaped() {
        let (doc, w, h) = picture(&[group(3)]);
        assert_eq!(w, 648, "the map's width and the margins");
        assert!(doc.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="648""#));
        assert!(doc.contains(">Cancer Cooperation Atlas</text>"));
        assert!(doc.contains("CraNE &amp; &lt;friends&gt;"));
        assert!(doc.contains(r#"<svg x="24" y="85" width="600" height="400"><title>x</title><path d="M0 0h1"/></svg>"#));
        assert!(doc.contains(">kind 2</text>") && doc.contains("<rect x="));
        assert!(doc.contains(">Source: Cancer Cooperation Atlas</text>"));
        assert!(doc.ends_with("</svg>"));
        assert!(h > 400 + 85, "{h}");
    }

    #[test]
    fn a_longer_legend_makes_a_taller_picture_and_a_narrow_map_a_readable_one() {
        let (_, _, short) = picture(&[group(2)]);
        let (_, _, long) = picture(&[group(2), group(9)]);
        assert!(long > short + 3 * ROW, "{short} {long}");
        let (_, w, _) = svg(&Picture {
            map_size: (300, 200),
            ..Picture {
                title: "t",
                subtitle: "s",
                map: "<svg></svg>",
                map_size: (0, 0),
                legend: &[],
                source: "src",
                ink: "#000",
                muted: "#000",
                paper: "#fff",
            }
        });
        assert_eq!(w, 480 + 2 * PAD, "never narrower than 480 px of content");
    }

    #[test]
    fn a_broken_map_document_leaves_an_empty_map() {
        assert_eq!(strip_outer_svg("<svg a='1'><g/></svg>"), "<g/>");
        assert_eq!(strip_outer_svg("not svg"), "");
        assert_eq!(strip_outer_svg("</svg><svg>"), "");
    }
}

#[cfg(test)]
mod columns {
    use super::*;

    #[test]
    fn long_labels_get_wider_columns_so_that_no_label_runs_into_the_next() {
        let long = Group {
            heading: "h".into(),
            entries: (0..4)
                .map(|i| Entry {
                    swatch: Swatch::Fill {
                        fill: "#ccc".into(),
                        stroke: "#999".into(),
                    },
                    label: format!("{i} Société savante, ONG ou association de patients"),
                })
                .collect(),
        };
        let (doc, ..) = svg(&Picture {
            title: "t",
            subtitle: "s",
            map: "<svg></svg>",
            map_size: (1000, 500),
            legend: &[long],
            source: "src",
            ink: "#000",
            muted: "#000",
            paper: "#fff",
        });
        // 49 characters: 407 px columns, so two of them in 1000 px.
        assert!(
            doc.contains(r#"<rect x="24" "#) && doc.contains(r#"<rect x="431" "#),
            "{doc}"
        );
        assert!(!doc.contains(r#"<rect x="838" "#));
    }
}
