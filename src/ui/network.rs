//! The network: who works with whom as a whole. Every organisation, programme and project
//! as a node at the place the layout gave it (computed when the app was built, or by the
//! dataset worker for `?data=`: `crate::graph`), every relation as a link. The date and the
//! filters only show and hide; nothing moves. Drawn as one escaped markup string (like the
//! map's markers) with delegated listeners; pan and zoom over `crate::viewport`.
//!
//! For the keyboard the network is one Tab stop, a roving cursor: the arrows go to a
//! linked node in that direction, else the nearest one; Home and End to the largest and the
//! smallest node shown; Enter chooses.

use crate::geo::svg::escape;
use crate::gesture::{Gesture, Pointers};
use crate::graph::{self, Anchor, Candidate, LinkKind, NodeKind};
use crate::i18n::Lang;
use crate::model::{Dataset, RelationKind};
use crate::state::Arrange;
use crate::viewport::{Bounds, Viewport};
use crate::{lanes, use_as_of, use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;
use std::fmt::Write as _;

/// Screen size used until the box has been measured.
const DEFAULT_SIZE: (f64, f64) = (800.0, 450.0);
const ZOOM_STEP: f64 = 1.6;
/// The smallest a node is drawn, whatever the zoom, so that it stays visible.
const MIN_RADIUS_PX: f64 = 2.5;
/// A tap this close to a node chooses it (a finger is wider than a small node).
const TAP_RADIUS_PX: f64 = 18.0;
/// Label font size and the width of one of its characters, for the label boxes.
const LABEL_PX: f64 = 12.0;
const LABEL_CHAR_PX: f64 = 6.6;
/// Above this many nodes on screen, small organisations are drawn massed by kind.
pub const DETAIL_LIMIT: usize = 1500;
/// At most this many names are tried at each draw (the largest nodes first).
const MAX_LABELS: usize = 90;

/// How a link is drawn: the stronger the role, the heavier the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkClass {
    /// A project within a programme.
    Structure,
    /// Partnerships, support, labels and other ties between bodies.
    Partner,
    /// Taking part in a project (beneficiary, affiliated entity, associated partner...).
    Part,
    /// Membership, signature, observer status.
    Member,
    /// Coordinating, co-leading, chairing or running a secretariat.
    Lead,
}

impl LinkClass {
    pub const ALL: [LinkClass; 5] = [
        LinkClass::Lead,
        LinkClass::Member,
        LinkClass::Part,
        LinkClass::Partner,
        LinkClass::Structure,
    ];

    pub fn of(kind: RelationKind) -> LinkClass {
        use RelationKind as K;
        match kind {
            K::Coordinates | K::CoLeads | K::Presidency | K::Secretariat => LinkClass::Lead,
            K::MemberOf | K::AffiliatedMemberOf | K::Signatory | K::BoardSeat | K::ObserverOf => {
                LinkClass::Member
            }
            K::ParticipatesIn
            | K::BeneficiaryOf
            | K::AffiliatedEntityOf
            | K::AssociatedPartnerOf
            | K::CollaboratingPartnerOf
            | K::SubcontractorOf => LinkClass::Part,
            K::PartOf => LinkClass::Structure,
            K::PartnerOf
            | K::CollaboratesWith
            | K::Liaison
            | K::LabelledBy
            | K::Supports
            | K::Implements
            | K::FundedUnder
            | K::Adopted
            | K::Launched
            | K::SuccessorOf => LinkClass::Partner,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            LinkClass::Structure => "structure",
            LinkClass::Partner => "partner",
            LinkClass::Part => "part",
            LinkClass::Member => "member",
            LinkClass::Lead => "lead",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.strings();
        match self {
            LinkClass::Structure => t.link_structure,
            LinkClass::Partner => t.link_partner,
            LinkClass::Part => t.link_part,
            LinkClass::Member => t.link_member,
            LinkClass::Lead => t.link_lead,
        }
    }
}

/// A link's class in the dataset.
fn link_class(data: &Dataset, kind: LinkKind) -> LinkClass {
    match kind {
        LinkKind::Relation(r) => data
            .relations
            .get(r as usize)
            .map_or(LinkClass::Partner, |r| LinkClass::of(r.kind)),
        LinkKind::PartOf => LinkClass::Structure,
    }
}

/// The shape of a programme (a hexagon) and of a project (a rounded square), around 0,0 and
/// about 16 px across, beside the organisations' marker shapes.
const PROGRAMME_PATH: &str = "M0-9l7.8 4.5v9l-7.8 4.5l-7.8-4.5v-9z";
const PROJECT_PATH: &str =
    "M-5-7h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-10a2 2 0 0 1-2-2v-10a2 2 0 0 1 2-2z";

/// A node's shape and CSS key.
pub fn node_shape(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Organisation(k) => (super::map::marker_path(k), k.key()),
        NodeKind::Programme => (PROGRAMME_PATH, "programme"),
        NodeKind::Project(_) => (PROJECT_PATH, "project"),
    }
}

/// What is shown on a day under the filters: nodes and links, by index. Positions never
/// depend on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    pub nodes: Vec<bool>,
    pub links: Vec<bool>,
}

impl Shown {
    pub fn count(&self) -> (usize, usize) {
        (
            self.nodes.iter().filter(|&&x| x).count(),
            self.links.iter().filter(|&&x| x).count(),
        )
    }
}

/// Which nodes and links show: organisations active on the day that the filters keep,
/// projects under way that the filters keep (or that a shown relation reaches), relations
/// active on the day that the filters keep between shown ends, and programmes the
/// programme filter keeps that any shown link reaches.
pub fn shown(
    data: &Dataset,
    graph: &graph::Graph,
    orgs_on_day: &[bool],
    relations_on_day: &[bool],
    visible: &crate::filter::Visible,
    programmes: &std::collections::BTreeSet<String>,
    day: crate::model::Day,
) -> Shown {
    let mut nodes: Vec<bool> = graph
        .nodes
        .iter()
        .map(|n| {
            let i = n.record as usize;
            match n.kind {
                NodeKind::Organisation(_) => {
                    orgs_on_day.get(i).copied().unwrap_or(false)
                        && visible.organisations.get(i).copied().unwrap_or(false)
                }
                NodeKind::Project(_) => {
                    visible.projects.get(i).copied().unwrap_or(false)
                        && data.projects.get(i).is_some_and(|p| p.span.active_on(day))
                }
                NodeKind::Programme => data
                    .programmes
                    .get(i)
                    .is_some_and(|p| programmes.is_empty() || programmes.contains(&p.id)),
            }
        })
        .collect();
    let relation_on = |r: u32| {
        let r = r as usize;
        relations_on_day.get(r).copied().unwrap_or(false)
            && visible.relations.get(r).copied().unwrap_or(false)
    };
    // A relation active that day reaches a project the filters keep even outside its
    // dates (a partner recorded before the project's start).
    for l in &graph.links {
        if let LinkKind::Relation(r) = l.kind {
            if relation_on(r) {
                for (end, other) in [(l.a, l.b), (l.b, l.a)] {
                    let (e, o) = (end as usize, other as usize);
                    if let (Some(NodeKind::Project(_)), Some(true)) =
                        (graph.nodes.get(e).map(|n| n.kind), nodes.get(o))
                    {
                        let p = graph.nodes[e].record as usize;
                        if visible.projects.get(p).copied().unwrap_or(false) {
                            nodes[e] = true;
                        }
                    }
                }
            }
        }
    }
    let ends_on = |nodes: &[bool], a: u32, b: u32| {
        nodes.get(a as usize).copied().unwrap_or(false)
            && nodes.get(b as usize).copied().unwrap_or(false)
    };
    let mut links: Vec<bool> = graph
        .links
        .iter()
        .map(|l| {
            ends_on(&nodes, l.a, l.b)
                && match l.kind {
                    LinkKind::Relation(r) => relation_on(r),
                    LinkKind::PartOf => true,
                }
        })
        .collect();
    // A programme shows when something it holds shows.
    let mut reached = vec![false; nodes.len()];
    for (l, &on) in graph.links.iter().zip(&links) {
        if on {
            reached[l.a as usize] = true;
            reached[l.b as usize] = true;
        }
    }
    for (i, n) in graph.nodes.iter().enumerate() {
        if n.kind == NodeKind::Programme && !reached[i] {
            nodes[i] = false;
        }
    }
    for (l, on) in graph.links.iter().zip(links.iter_mut()) {
        *on = *on && ends_on(&nodes, l.a, l.b);
    }
    Shown { nodes, links }
}

/// The nodes a selection stands for: the record itself, a relation's two ends, an event's
/// records, a country's organisations.
pub fn selected_nodes(data: &Dataset, g: &graph::Graph, id: &str) -> Vec<u32> {
    if let Some(n) = g.node_of(data, id) {
        return vec![n];
    }
    let mut out: Vec<u32> = if let Some(r) = data.relations.iter().find(|r| r.id == id) {
        [&r.from, &r.to]
            .iter()
            .filter_map(|x| g.node_of(data, x))
            .collect()
    } else if let Some(e) = data.events.iter().find(|e| e.id == id) {
        e.related
            .iter()
            .filter_map(|x| g.node_of(data, x))
            .collect()
    } else if let Some(code) = crate::countries::code_of(id) {
        g.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                matches!(n.kind, NodeKind::Organisation(_))
                    && data
                        .organisations
                        .get(n.record as usize)
                        .is_some_and(|o| o.country == code)
            })
            .map(|(i, _)| i as u32)
            .collect()
    } else {
        Vec::new()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// A direction of an arrow key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// Height of the bands that make the reading order, in layout units (about two rows of
/// organisations).
pub const READING_BAND: f64 = 24.0;

/// The shown nodes in reading order: bands from top to bottom, left to right within a
/// band, as eyes read the picture. A total order, so Left and Right reach every node.
pub fn reading_order(points: &[(f64, f64)], shown: &[u32]) -> Vec<u32> {
    let mut order = shown.to_vec();
    let band = |n: u32| {
        points
            .get(n as usize)
            .map_or(i64::MAX, |p| (p.1 / READING_BAND).floor() as i64)
    };
    let x = |n: u32| points.get(n as usize).map_or(0.0, |p| p.0);
    crate::sort::sort_by(&mut order, |&a, &b| {
        band(a)
            .cmp(&band(b))
            .then(x(a).total_cmp(&x(b)))
            .then(a.cmp(&b))
    });
    order
}

/// The node an arrow key goes to from `from`. Left and Right: the previous or next node
/// in reading order (`order`), so that every node can be reached. Up and Down: among the
/// shown nodes within 60° of that direction, a linked one (`linked`) if any, else any;
/// the nearest, the sideways distance counting double. None when nothing lies that way.
/// Deterministic: ties go to the lower index.
pub fn step(
    points: &[(f64, f64)],
    order: &[u32],
    linked: &[u32],
    from: u32,
    direction: Direction,
) -> Option<u32> {
    let at = order.iter().position(|&n| n == from);
    match direction {
        Direction::Left => return at.and_then(|i| i.checked_sub(1)).map(|i| order[i]),
        Direction::Right => return at.and_then(|i| order.get(i + 1)).copied(),
        Direction::Up | Direction::Down => {}
    }
    let (fx, fy) = *points.get(from as usize)?;
    let uy = if direction == Direction::Up {
        -1.0
    } else {
        1.0
    };
    let best = |pool: &mut dyn Iterator<Item = u32>| -> Option<u32> {
        let mut best: Option<(f64, u32)> = None;
        for c in pool {
            if c == from {
                continue;
            }
            let Some(&(x, y)) = points.get(c as usize) else {
                continue;
            };
            let along = (y - fy) * uy;
            let across = (x - fx).abs();
            // Within 60° of the direction: across ≤ tan 60° × along.
            if along <= 0.0 || across > along * 1.732 {
                continue;
            }
            let cost = along + 2.0 * across;
            if best.is_none_or(|(b, i)| cost < b || (cost == b && c < i)) {
                best = Some((cost, c));
            }
        }
        best.map(|(_, i)| i)
    };
    best(&mut linked.iter().copied().filter(|l| order.contains(l)))
        .or_else(|| best(&mut order.iter().copied()))
}

/// The name a node's label shows (acronym or short name) and its accessible name.
fn names(data: &Dataset, g: &graph::Graph, n: u32, lang: Lang) -> (String, String) {
    let node = &g.nodes[n as usize];
    let id = g.id_of(data, n);
    let t = lang.strings();
    let links = lang.relations(node.degree as usize);
    match node.kind {
        NodeKind::Organisation(kind) => {
            let o = &data.organisations[node.record as usize];
            let country = data
                .countries
                .iter()
                .find(|c| c.code == o.country)
                .map(|c| c.name.get(lang))
                .unwrap_or(&o.country);
            (
                lanes::short_name(data, id, lang),
                format!(
                    "{}, {}, {country}, {links}",
                    lang.org_kind(kind),
                    o.name.get(lang)
                ),
            )
        }
        NodeKind::Programme => {
            let p = &data.programmes[node.record as usize];
            (
                p.name.get(lang).to_owned(),
                format!("{}, {}, {links}", t.network_programme, p.name.get(lang)),
            )
        }
        NodeKind::Project(kind) => {
            let p = &data.projects[node.record as usize];
            (
                lanes::short_name(data, id, lang),
                format!("{}, {}, {links}", lang.project_kind(kind), p.name.get(lang)),
            )
        }
    }
}

/// Everything one draw needs.
pub struct Scene<'a> {
    pub data: &'a Dataset,
    pub graph: &'a graph::Graph,
    pub placement: &'a graph::Placement,
    pub view: &'a Viewport,
    pub shown: &'a Shown,
    pub lang: Lang,
    /// The chosen nodes and, for each node, whether it stands out (chosen or linked to).
    pub chosen: &'a [u32],
    pub lit: &'a [bool],
    /// The keyboard cursor and whether the network has the focus.
    pub cursor: Option<u32>,
}

/// A node's radius on screen.
fn radius_px(scene: &Scene, n: usize) -> f64 {
    (f64::from(graph::radius(&scene.graph.nodes[n])) * scene.view.scale).max(MIN_RADIUS_PX)
}

/// The network as markup for the screen: regions, links by class, nodes, names, and the
/// keyboard's cursor (the one element in the Tab order).
pub fn draw(scene: &Scene) -> String {
    let v = scene.view;
    let pos = &scene.placement.pos;
    let mut out = String::with_capacity(64 * 1024);
    let any_lit = !scene.chosen.is_empty();
    // With a selection, the scene says so, and what it does not light fades (CSS).
    out.push_str(if any_lit {
        r#"<g class="net__scene net__scene--focus">"#
    } else {
        r#"<g class="net__scene">"#
    });
    // Regions: countries' discs and their names, drawn under everything.
    if !scene.placement.regions.is_empty() {
        out.push_str(r#"<g class="net__regions" aria-hidden="true">"#);
        for (i, r) in scene.placement.regions.iter().enumerate() {
            let (cx, cy) = v.to_screen(f64::from(r.cx), f64::from(r.cy));
            let rr = f64::from(r.r) * v.scale;
            if cx + rr < 0.0 || cy + rr < 0.0 || cx - rr > v.width || cy - rr > v.height {
                continue;
            }
            let _ = write!(
                out,
                r#"<circle class="net__region" cx="{:.1}" cy="{:.1}" r="{:.1}" data-region="{i}"/>"#,
                cx, cy, rr
            );
            let name = region_name(scene.data, &r.country, scene.lang);
            if rr * 2.0 > name.chars().count() as f64 * LABEL_CHAR_PX * 0.9 && rr > 14.0 {
                let _ = write!(
                    out,
                    r#"<text class="net__region-name" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    cx,
                    cy - rr + 14.0,
                    escape(&name)
                );
            }
        }
        out.push_str("</g>");
    }
    // Nodes on screen.
    let on_screen: Vec<usize> = (0..pos.len())
        .filter(|&n| {
            scene.shown.nodes.get(n).copied().unwrap_or(false) && {
                let (x, y) = pos[n];
                v.shows(f64::from(x), f64::from(y), radius_px(scene, n))
            }
        })
        .collect();
    // Links, one path per class and emphasis: a link is drawn when its box meets the screen.
    let mut paths: std::collections::BTreeMap<(bool, LinkClass), String> = Default::default();
    for (l, link) in scene.graph.links.iter().enumerate() {
        if !scene.shown.links.get(l).copied().unwrap_or(false) {
            continue;
        }
        let (Some(&(ax, ay)), Some(&(bx, by))) =
            (pos.get(link.a as usize), pos.get(link.b as usize))
        else {
            continue;
        };
        let (ax, ay) = v.to_screen(f64::from(ax), f64::from(ay));
        let (bx, by) = v.to_screen(f64::from(bx), f64::from(by));
        if ax.max(bx) < 0.0 || ay.max(by) < 0.0 || ax.min(bx) > v.width || ay.min(by) > v.height {
            continue;
        }
        let lit = any_lit && (scene.chosen.contains(&link.a) || scene.chosen.contains(&link.b));
        let d = paths
            .entry((lit, link_class(scene.data, link.kind)))
            .or_default();
        let _ = write!(d, "M{ax:.1} {ay:.1}L{bx:.1} {by:.1}");
    }
    out.push_str(r#"<g class="net__links" aria-hidden="true">"#);
    for ((lit, class), d) in &paths {
        let _ = write!(
            out,
            r#"<path class="net__link net__link--{}{}" d="{d}"/>"#,
            class.key(),
            if *lit { " net__link--lit" } else { "" }
        );
    }
    out.push_str("</g>");
    // Nodes, larger ones last (on top). Beyond what a screen can tell apart, small
    // organisations that nothing singles out are drawn together, one path of squares per
    // kind: the picture stays the same and the markup a fraction of the size.
    let mut order = on_screen.clone();
    crate::sort::sort_by_key(&mut order, |&n| scene.graph.nodes[n].degree);
    let crowded = on_screen.len() > DETAIL_LIMIT;
    let mut massed: std::collections::BTreeMap<&str, String> = Default::default();
    out.push_str(r#"<g class="net__nodes" aria-hidden="true">"#);
    for &n in &order {
        let (x, y) = v.to_screen(f64::from(pos[n].0), f64::from(pos[n].1));
        let node = &scene.graph.nodes[n];
        let (shape, key) = node_shape(node.kind);
        let chosen = scene.chosen.contains(&(n as u32));
        let lit = any_lit && scene.lit.get(n).copied().unwrap_or(false);
        let r = radius_px(scene, n);
        if crowded && !chosen && !lit && r < 4.0 && matches!(node.kind, NodeKind::Organisation(_)) {
            let d = massed.entry(key).or_default();
            let _ = write!(
                d,
                "M{:.1} {:.1}h{:.1}v{:.1}h-{:.1}z",
                x - r,
                y - r,
                2.0 * r,
                2.0 * r,
                2.0 * r
            );
            continue;
        }
        let state = if chosen {
            " net__node--chosen"
        } else if lit {
            " net__node--lit"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<path class="net__node net__node--{key}{state}" d="{shape}" transform="translate({x:.1} {y:.1}) scale({:.3})" data-n="{n}" data-id="{}"/>"#,
            r / 8.0,
            escape(scene.graph.id_of(scene.data, n as u32))
        );
    }
    for (key, d) in &massed {
        let _ = write!(out, r#"<path class="net__mass net__node--{key}" d="{d}"/>"#);
    }
    out.push_str("</g>");
    // Names: programmes and projects first, then by number of links; where they fit.
    let mut candidates: Vec<usize> = on_screen
        .iter()
        .copied()
        .filter(|&n| {
            let node = &scene.graph.nodes[n];
            !matches!(node.kind, NodeKind::Organisation(_)) || node.degree >= 2
        })
        .collect();
    crate::sort::sort_by(&mut candidates, |&a, &b| {
        let rank = |n: usize| {
            let node = &scene.graph.nodes[n];
            let chosen = scene.chosen.contains(&(n as u32));
            let lit = any_lit && scene.lit.get(n).copied().unwrap_or(false);
            (
                !chosen,
                !lit,
                matches!(node.kind, NodeKind::Organisation(_)),
                std::cmp::Reverse(node.degree),
                n,
            )
        };
        rank(a).cmp(&rank(b))
    });
    candidates.truncate(MAX_LABELS);
    let texts: Vec<String> = candidates
        .iter()
        .map(|&n| names(scene.data, scene.graph, n as u32, scene.lang).0)
        .collect();
    let boxes: Vec<Candidate> = candidates
        .iter()
        .zip(&texts)
        .map(|(&n, text)| {
            let (x, y) = v.to_screen(f64::from(pos[n].0), f64::from(pos[n].1));
            Candidate {
                x,
                y,
                r: radius_px(scene, n),
                // Bold names (programmes, and what the selection lights) are wider.
                width: text.chars().count() as f64
                    * LABEL_CHAR_PX
                    * if scene.graph.nodes[n].kind == NodeKind::Programme
                        || (any_lit && scene.lit.get(n).copied().unwrap_or(false))
                    {
                        1.12
                    } else {
                        1.0
                    }
                    + 4.0,
                height: LABEL_PX + 2.0,
            }
        })
        .collect();
    let obstacles: Vec<(f64, f64, f64)> = on_screen
        .iter()
        .map(|&n| {
            let (x, y) = v.to_screen(f64::from(pos[n].0), f64::from(pos[n].1));
            (x, y, radius_px(scene, n))
        })
        .collect();
    // Programmes first, over the small nodes if need be (their names have a halo): the
    // hubs of the picture are always named when their name fits the box. Then the rest,
    // around every node and the programmes' names.
    let is_programme = |n: usize| scene.graph.nodes[n].kind == NodeKind::Programme;
    let (first, rest): (Vec<usize>, Vec<usize>) =
        (0..candidates.len()).partition(|&i| is_programme(candidates[i]));
    let large: Vec<(f64, f64, f64)> = on_screen
        .iter()
        .zip(&obstacles)
        .filter(|(&n, _)| !matches!(scene.graph.nodes[n].kind, NodeKind::Organisation(_)))
        .map(|(_, &o)| o)
        .collect();
    let pick = |which: &[usize]| -> Vec<Candidate> { which.iter().map(|&i| boxes[i]).collect() };
    let mut placed: Vec<Option<graph::Placed>> = vec![None; candidates.len()];
    let mut around = obstacles.clone();
    for (&i, at) in first.iter().zip(graph::place_labels(&pick(&first), &large)) {
        if let Some(at) = at {
            // The name's box as a row of circles, for the second pass to keep clear of.
            let b = &boxes[i];
            let left = match at.anchor {
                Anchor::Start => at.x,
                Anchor::Middle => at.x - b.width / 2.0,
                Anchor::End => at.x - b.width,
            };
            let r = b.height / 2.0;
            let mut x = left + r;
            while x < left + b.width {
                around.push((x, at.y, r));
                x += r;
            }
        }
        placed[i] = at;
    }
    for (&i, at) in rest.iter().zip(graph::place_labels(&pick(&rest), &around)) {
        placed[i] = at;
    }
    out.push_str(r#"<g class="net__names" aria-hidden="true">"#);
    for (((&n, text), at), b) in candidates.iter().zip(&texts).zip(&placed).zip(&boxes) {
        let Some(at) = at else { continue };
        // A name is drawn whole or not at all: never cut by the box's edge.
        let left = match at.anchor {
            Anchor::Start => at.x,
            Anchor::Middle => at.x - b.width / 2.0,
            Anchor::End => at.x - b.width,
        };
        if left < 0.0
            || left + b.width > v.width
            || at.y - b.height / 2.0 < 0.0
            || at.y + b.height / 2.0 > v.height
        {
            continue;
        }
        let anchor = match at.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let lit = any_lit && scene.lit.get(n).copied().unwrap_or(false);
        let _ = write!(
            out,
            r#"<text class="net__name{}{}" x="{:.1}" y="{:.1}" text-anchor="{anchor}" dy="0.35em" data-n="{n}">{}</text>"#,
            if lit { " net__name--lit" } else { "" },
            if is_programme(n) {
                " net__name--programme"
            } else {
                ""
            },
            at.x,
            at.y,
            escape(text)
        );
    }
    out.push_str("</g>");
    out.push_str("</g>");
    // The keyboard's cursor: the one node in the Tab order, with its accessible name.
    if let Some(c) = scene
        .cursor
        .filter(|&c| scene.shown.nodes.get(c as usize).copied().unwrap_or(false))
    {
        let n = c as usize;
        let (x, y) = v.to_screen(f64::from(pos[n].0), f64::from(pos[n].1));
        let label = names(scene.data, scene.graph, c, scene.lang).1;
        let _ = write!(
            out,
            r#"<g class="net__cursor" transform="translate({x:.1} {y:.1})" tabindex="0" role="button" aria-pressed="{}" aria-label="{}" data-n="{n}"><circle r="{:.1}"/></g>"#,
            scene.chosen.contains(&c),
            escape(&label),
            radius_px(scene, n) + 5.0
        );
    }
    out
}

/// A region's name: the country's, or the programmes' and projects' own region.
fn region_name(data: &Dataset, code: &str, lang: Lang) -> String {
    if code.is_empty() {
        return lang.strings().network_programmes_region.to_owned();
    }
    data.countries
        .iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_owned(), |c| c.name.get(lang).to_owned())
}

/// A country's links across borders in words: "France — links across borders: Germany 34,
/// Belgium 20…" (the five largest, then how many more countries).
pub fn across_borders(
    data: &Dataset,
    pairs: &[(String, String, u32)],
    code: &str,
    lang: Lang,
) -> String {
    let mut with: Vec<(u32, String)> = pairs
        .iter()
        .filter_map(|(a, b, n)| {
            if a == code {
                Some((*n, b.clone()))
            } else if b == code {
                Some((*n, a.clone()))
            } else {
                None
            }
        })
        .collect();
    crate::sort::sort_by(&mut with, |a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let name = region_name(data, code, lang);
    let sep = match lang {
        Lang::En => ": ",
        Lang::Fr => "\u{202f}: ",
    };
    if with.is_empty() {
        return name;
    }
    let shown: Vec<String> = with
        .iter()
        .take(5)
        .map(|(n, c)| {
            format!(
                "{} {}",
                region_name(data, c, lang),
                lang.number(*n as usize)
            )
        })
        .collect();
    let more = with.len().saturating_sub(5);
    let tail = match (more, lang) {
        (0, _) => String::new(),
        (1, Lang::En) => ", and 1 more country".to_owned(),
        (1, Lang::Fr) => " et 1 autre pays".to_owned(),
        (m, Lang::En) => format!(", and {m} more countries"),
        (m, Lang::Fr) => format!(" et {m} autres pays"),
    };
    format!(
        "{name} — {}{sep}{}{tail}",
        lang.strings().network_across.to_lowercase(),
        shown.join(", ")
    )
}

/// What pointing at or focusing a node shows: its accessible name and, arranged by
/// country, its country's links across borders.
fn tip_text(data: &Dataset, net: &graph::Network, n: u32, arrange: Arrange, lang: Lang) -> String {
    let name = names(data, &net.graph, n, lang).1;
    let country = net.graph.country_of(data, n);
    if arrange == Arrange::Countries && !country.is_empty() {
        format!(
            "{name}. {}",
            across_borders(data, &net.country_links, country, lang)
        )
    } else {
        name
    }
}

/// The part of the plane the chosen nodes and their neighbours take.
fn extent(pos: &[(f32, f32)], nodes: impl IntoIterator<Item = usize>) -> Option<Bounds> {
    let mut b: Option<Bounds> = None;
    for n in nodes {
        let Some(&(x, y)) = pos.get(n) else { continue };
        let (x, y) = (f64::from(x), f64::from(y));
        b = Some(match b {
            None => (x - 20.0, y - 20.0, x + 20.0, y + 20.0),
            Some(b) => (
                b.0.min(x - 20.0),
                b.1.min(y - 20.0),
                b.2.max(x + 20.0),
                b.3.max(y + 20.0),
            ),
        });
    }
    b
}

fn bounds_of(p: &graph::Placement) -> Bounds {
    let (a, b, c, d) = p.bounds;
    (f64::from(a), f64::from(b), f64::from(c), f64::from(d))
}

#[component]
pub fn NetworkRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let net = crate::use_network().0;
    let selection = use_selection();
    let as_of = use_as_of();
    let explore = use_explore();
    let nodes_total = net.graph.nodes.len();
    let usable = nodes_total > 0
        && net.layouts.free.pos.len() == nodes_total
        && net.layouts.by_country.pos.len() == nodes_total;
    if !usable {
        return view! {
            <section class="region region--map region--network" aria-labelledby="net-heading">
                <h2 id="net-heading" class="region__title">{move || locale.strings().network_title}</h2>
                <p class="notice" role="status">{move || locale.strings().network_unavailable}</p>
            </section>
        }
        .into_any();
    }
    let placement = {
        let net = net.clone();
        move |arrange: Arrange| -> graph::Placement {
            match arrange {
                Arrange::Links => net.layouts.free.clone(),
                Arrange::Countries => net.layouts.by_country.clone(),
            }
        }
    };
    let placement = Memo::new(move |_| placement(explore.arrange.get()));

    // What shows on the as-of day under the filters.
    let snapshot_index = lanes::SnapshotIndex::new(&atlas);
    let shown = {
        let atlas = atlas.clone();
        let net = net.clone();
        Memo::new(move |_| {
            let day = as_of.0.get();
            let snap = snapshot_index.snapshot(&atlas, day);
            let programmes = explore.facets.with(|f| f.programmes.clone());
            explore.visible.with(|v| {
                shown(
                    &atlas,
                    &net.graph,
                    &snap.organisations,
                    &snap.relations,
                    v,
                    &programmes,
                    day,
                )
            })
        })
    };

    let view = RwSignal::new(Viewport::fitting(
        bounds_of(&placement.get_untracked()),
        DEFAULT_SIZE.0,
        DEFAULT_SIZE.1,
        16.0,
    ));
    // A new arrangement shows everything again.
    Effect::new(move |previous: Option<Arrange>| {
        let now = explore.arrange.get();
        if previous.is_some_and(|p| p != now) {
            let p = placement.get_untracked();
            view.update(|v| *v = Viewport::fitting(bounds_of(&p), v.width, v.height, 16.0));
        }
        now
    });
    let container = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let rect = el.get_bounding_client_rect();
            if rect.width() >= 10.0 && rect.height() >= 10.0 {
                let fresh = view.get_untracked();
                let first = fresh.width == DEFAULT_SIZE.0 && fresh.height == DEFAULT_SIZE.1;
                view.update(|v| {
                    *v = if first {
                        Viewport::fitting(v.bounds, rect.width(), rect.height(), 16.0)
                    } else {
                        v.resized(rect.width(), rect.height())
                    }
                });
            }
        }
    };
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            super::on_resize(&el, measure);
        }
    });

    // The chosen nodes, and which nodes stand out: the chosen and their shown neighbours.
    let chosen = {
        let atlas = atlas.clone();
        let net = net.clone();
        Memo::new(move |_| -> (Vec<u32>, Vec<bool>) {
            let Some(id) = selection.0.get() else {
                return (Vec::new(), Vec::new());
            };
            let chosen = selected_nodes(&atlas, &net.graph, &id);
            let mut lit = vec![false; net.graph.nodes.len()];
            shown.with(|s| {
                for &c in &chosen {
                    lit[c as usize] = true;
                }
                for (l, link) in net.graph.links.iter().enumerate() {
                    if !s.links[l] {
                        continue;
                    }
                    if chosen.contains(&link.a) || chosen.contains(&link.b) {
                        lit[link.a as usize] = true;
                        lit[link.b as usize] = true;
                    }
                }
            });
            (chosen, lit)
        })
    };

    // The keyboard's cursor: the selection if it shows, else the largest node shown.
    let cursor = RwSignal::new(None::<u32>);
    let default_cursor = {
        let net = net.clone();
        move || -> Option<u32> {
            let first_chosen = chosen.with(|(c, _)| c.first().copied());
            shown.with(|s| {
                first_chosen.filter(|&c| s.nodes[c as usize]).or_else(|| {
                    (0..net.graph.nodes.len())
                        .filter(|&n| s.nodes[n])
                        .max_by_key(|&n| (net.graph.nodes[n].degree, std::cmp::Reverse(n)))
                        .map(|n| n as u32)
                })
            })
        }
    };
    let cursor_now = {
        let default_cursor = default_cursor.clone();
        Memo::new(move |_| {
            let wanted = cursor.get();
            let ok = wanted.filter(|&c| shown.with(|s| s.nodes[c as usize]));
            ok.or_else(&default_cursor)
        })
    };
    // A selection made elsewhere (the map, the timeline, the search) moves the cursor to
    // it and brings it into view.
    {
        let net = net.clone();
        Effect::new(move |previous: Option<Vec<u32>>| {
            let now = chosen.with(|(c, _)| c.clone());
            if previous.is_some_and(|p| p != now) {
                if let Some(&first) = now.first() {
                    cursor.set(Some(first));
                    let (x, y) = placement.with_untracked(|p| p.pos[first as usize]);
                    let _ = &net;
                    view.update(|v| *v = v.revealing(f64::from(x), f64::from(y), 60.0));
                }
            }
            now
        });
    }

    let markup = {
        let atlas = atlas.clone();
        let net = net.clone();
        move || {
            let lang = locale.0.get();
            let v = view.get();
            let c = cursor_now.get();
            placement.with(|p| {
                shown.with(|s| {
                    chosen.with(|(chosen, lit)| {
                        draw(&Scene {
                            data: &atlas,
                            graph: &net.graph,
                            placement: p,
                            view: &v,
                            shown: s,
                            lang,
                            chosen,
                            lit,
                            cursor: c,
                        })
                    })
                })
            })
        }
    };
    let layer = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |_| {
        let html = markup();
        let Some(layer) = layer.get() else {
            return;
        };
        let had_focus = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|el| layer.contains(Some(&el)));
        layer.set_inner_html(&html);
        if had_focus {
            focus_cursor(&layer);
        }
    });

    // Pointer gestures: one pointer drags, two pinch; a tap chooses the nearest node.
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
    let tip = RwSignal::new(None::<(f64, f64, String)>);
    // The node under a screen point (or within a finger's reach of it).
    let node_at = {
        let net = net.clone();
        move |sx: f64, sy: f64, reach: f64| -> Option<u32> {
            let v = view.get_untracked();
            placement.with_untracked(|p| {
                shown.with_untracked(|s| {
                    let mut best: Option<(f64, u32)> = None;
                    for (n, &(x, y)) in p.pos.iter().enumerate() {
                        if !s.nodes[n] {
                            continue;
                        }
                        let (px, py) = v.to_screen(f64::from(x), f64::from(y));
                        let r = (f64::from(graph::radius(&net.graph.nodes[n])) * v.scale)
                            .max(MIN_RADIUS_PX);
                        let d = (px - sx).hypot(py - sy) - r;
                        if d <= reach && best.is_none_or(|(b, _)| d < b) {
                            best = Some((d, n as u32));
                        }
                    }
                    best.map(|(_, n)| n)
                })
            })
        }
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
        pointers.update_value(|p| p.press(ev.pointer_id(), x, y));
    };
    let hover = {
        let atlas = atlas.clone();
        let net = net.clone();
        let node_at = node_at.clone();
        move |x: f64, y: f64| {
            let lang = locale.0.get_untracked();
            if let Some(n) = node_at(x, y, 4.0) {
                tip.set(Some((
                    x,
                    y,
                    tip_text(&atlas, &net, n, explore.arrange.get_untracked(), lang),
                )));
                return;
            }
            let v = view.get_untracked();
            let region = placement.with_untracked(|p| {
                let (px, py) = v.to_plane(x, y);
                p.regions
                    .iter()
                    .find(|r| (f64::from(r.cx) - px).hypot(f64::from(r.cy) - py) <= f64::from(r.r))
                    .map(|r| r.country.clone())
            });
            tip.set(region.map(|code| {
                (
                    x,
                    y,
                    across_borders(&atlas, &net.country_links, &code, lang),
                )
            }));
        }
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
        let Some(gesture) = pointers
            .try_update_value(|p| p.moved(ev.pointer_id(), x, y))
            .flatten()
        else {
            if ev.pointer_type() == "mouse" {
                hover(x, y);
            }
            return;
        };
        if gesture == Gesture::Nothing && !pointers.with_value(Pointers::dragging) {
            return;
        }
        tip.set(None);
        super::map::capture(&ev);
        match gesture {
            Gesture::Pan(dx, dy) => view.update(|v| *v = v.pan_by(dx, dy)),
            Gesture::Zoom { factor, x, y } => view.update(|v| *v = v.zoom_at(factor, x, y)),
            Gesture::Nothing => {}
        }
    };
    let was_drag = StoredValue::new(false);
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        if pointers
            .try_update_value(|p| p.release(ev.pointer_id()))
            .unwrap_or(false)
        {
            was_drag.set_value(true);
        }
    };
    let on_click = {
        let atlas = atlas.clone();
        let net = net.clone();
        let node_at = node_at.clone();
        move |ev: leptos::ev::MouseEvent| {
            if was_drag.get_value() {
                was_drag.set_value(false);
                return;
            }
            let (x, y) = local(ev.client_x() as f64, ev.client_y() as f64);
            if let Some(n) = node_at(x, y, TAP_RADIUS_PX) {
                cursor.set(Some(n));
                selection.0.set(Some(net.graph.id_of(&atlas, n).to_owned()));
            }
        }
    };
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
        view.update(|v| *v = v.zoom_at(factor, x, y));
    };
    let zoom_centre = move |factor: f64| {
        view.update(|v| *v = v.zoom_at(factor, v.width / 2.0, v.height / 2.0));
    };
    let fit_all = move || {
        placement.with_untracked(|p| {
            view.update(|v| *v = Viewport::fitting(bounds_of(p), v.width, v.height, 16.0))
        })
    };
    let frame_selection = {
        let net = net.clone();
        move || {
            let (chosen, lit) = chosen.get_untracked();
            if chosen.is_empty() {
                return;
            }
            let nodes = lit
                .iter()
                .enumerate()
                .filter(|(_, &on)| on)
                .map(|(i, _)| i)
                .chain(chosen.iter().map(|&c| c as usize));
            let _ = &net;
            if let Some(b) = placement.with_untracked(|p| extent(&p.pos, nodes)) {
                view.update(|v| *v = v.framing(b, 40.0));
            }
        }
    };

    // The cursor's keys.
    let on_keydown = {
        let atlas = atlas.clone();
        let net = net.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let Some(from) = cursor_now.get_untracked() else {
                return;
            };
            let key = ev.key();
            let direction = match key.as_str() {
                "ArrowLeft" => Some(Direction::Left),
                "ArrowRight" => Some(Direction::Right),
                "ArrowUp" => Some(Direction::Up),
                "ArrowDown" => Some(Direction::Down),
                _ => None,
            };
            let go = |to: u32| {
                cursor.set(Some(to));
                let (x, y) = placement.with_untracked(|p| p.pos[to as usize]);
                view.update(|v| *v = v.revealing(f64::from(x), f64::from(y), 48.0));
            };
            let handled = if let Some(direction) = direction {
                let (points, candidates, linked) = placement.with_untracked(|p| {
                    shown.with_untracked(|s| {
                        let points: Vec<(f64, f64)> = p
                            .pos
                            .iter()
                            .map(|&(x, y)| (f64::from(x), f64::from(y)))
                            .collect();
                        let candidates: Vec<u32> = reading_order(
                            &points,
                            &(0..s.nodes.len() as u32)
                                .filter(|&n| s.nodes[n as usize])
                                .collect::<Vec<u32>>(),
                        );
                        let linked: Vec<u32> = net
                            .graph
                            .links
                            .iter()
                            .zip(&s.links)
                            .filter(|(_, &on)| on)
                            .filter_map(|(l, _)| {
                                if l.a == from {
                                    Some(l.b)
                                } else if l.b == from {
                                    Some(l.a)
                                } else {
                                    None
                                }
                            })
                            .collect();
                        (points, candidates, linked)
                    })
                });
                if let Some(to) = step(&points, &candidates, &linked, from, direction) {
                    go(to);
                }
                true
            } else {
                match key.as_str() {
                    "Home" | "End" => {
                        let mut order: Vec<u32> = shown.with_untracked(|s| {
                            (0..s.nodes.len() as u32)
                                .filter(|&n| s.nodes[n as usize])
                                .collect()
                        });
                        crate::sort::sort_by_key(&mut order, |&n| {
                            (std::cmp::Reverse(net.graph.nodes[n as usize].degree), n)
                        });
                        let to = if key == "Home" {
                            order.first()
                        } else {
                            order.last()
                        };
                        if let Some(&to) = to {
                            go(to);
                        }
                        true
                    }
                    "Enter" | " " => {
                        selection
                            .0
                            .set(Some(net.graph.id_of(&atlas, from).to_owned()));
                        true
                    }
                    "+" | "=" => {
                        let (x, y) = placement.with_untracked(|p| p.pos[from as usize]);
                        let (sx, sy) = view.get_untracked().to_screen(f64::from(x), f64::from(y));
                        view.update(|v| *v = v.zoom_at(ZOOM_STEP, sx, sy));
                        true
                    }
                    "-" | "_" => {
                        zoom_centre(1.0 / ZOOM_STEP);
                        true
                    }
                    "0" => {
                        fit_all();
                        true
                    }
                    _ => false,
                }
            };
            if handled {
                ev.prevent_default();
                ev.stop_propagation();
            }
        }
    };
    // The focused node's name shows beside it, as a pointer's does.
    let on_focus_in = {
        let atlas = atlas.clone();
        let net = net.clone();
        move |_| {
            if let Some(c) = cursor_now.get_untracked() {
                let v = view.get_untracked();
                let (x, y) = placement.with_untracked(|p| p.pos[c as usize]);
                let (sx, sy) = v.to_screen(f64::from(x), f64::from(y));
                let text = tip_text(
                    &atlas,
                    &net,
                    c,
                    explore.arrange.get_untracked(),
                    locale.0.get_untracked(),
                );
                tip.set(Some((sx, sy, text)));
            }
        }
    };
    // Keep the focus tooltip on the cursor as it moves.
    Effect::new({
        let on_focus_in = on_focus_in.clone();
        move |_| {
            cursor_now.track();
            view.track();
            let focused = layer.get_untracked().is_some_and(|l| {
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_some_and(|el| l.contains(Some(&el)))
            });
            if focused {
                on_focus_in(());
            }
        }
    });

    let counts = move || {
        let lang = locale.0.get();
        let (n, l) = shown.with(Shown::count);
        match lang {
            Lang::En => format!(
                "{} nodes and {} {}",
                lang.number(n),
                lang.number(l),
                if l == 1 { "link shown" } else { "links shown" }
            ),
            Lang::Fr => format!(
                "{} nœuds et {} {}",
                lang.number(n),
                lang.number(l),
                if l == 1 {
                    "lien affiché"
                } else {
                    "liens affichés"
                }
            ),
        }
    };
    // The controls and the arrangement switch, as markup (one click listener for all):
    // redrawn when the language, the arrangement or the selection changes, the focus kept
    // on the same button.
    let tools = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let html = controls_markup(
            locale.0.get(),
            explore.arrange.get(),
            selection.0.with(Option::is_some),
        );
        let Some(el) = tools.get() else {
            return;
        };
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|a| el.contains(Some(a)))
            .and_then(|a| a.get_attribute("data-action"));
        el.set_inner_html(&html);
        if let Some(action) = focused {
            use wasm_bindgen::JsCast;
            if let Some(button) = el
                .query_selector(&format!("[data-action='{action}']"))
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
    });
    let on_tool = {
        let frame_selection = frame_selection.clone();
        move |ev: leptos::ev::MouseEvent| {
            use wasm_bindgen::JsCast;
            let action = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("[data-action]").ok().flatten())
                .and_then(|b| b.get_attribute("data-action"));
            match action.as_deref() {
                Some("in") => zoom_centre(ZOOM_STEP),
                Some("out") => zoom_centre(1.0 / ZOOM_STEP),
                Some("all") => fit_all(),
                Some("frame") => frame_selection(),
                Some("links") => explore.arrange.set(Arrange::Links),
                Some("countries") => explore.arrange.set(Arrange::Countries),
                _ => {}
            }
        }
    };
    let legend = move || legend_markup(locale.0.get());

    view! {
        <section class="region region--map region--geo region--network" aria-labelledby="net-heading">
            <h2 id="net-heading" class="region__title visually-hidden">{move || locale.strings().network_title}</h2>
            <p id="net-help" class="map__help">{move || locale.strings().network_help}</p>
            <div
                class="map net"
                node_ref=container
                role="group"
                aria-label=move || locale.strings().network_label
                aria-describedby="net-help"
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_up
                on:pointerleave=move |_| tip.set(None)
                on:wheel=on_wheel
                on:dblclick=on_dblclick
            >
                <svg class="map__svg net__svg" width="100%" height="100%"
                    data-nodes=move || shown.with(|s| s.count().0)
                    data-links=move || shown.with(|s| s.count().1)>
                    <rect class="map__sea net__ground" width="100%" height="100%"/>
                    <g class="net__drawing" node_ref=layer on:click=on_click on:keydown=on_keydown
                        on:focusin=move |_| on_focus_in(())
                        on:focusout=move |_| tip.set(None)></g>
                </svg>
                {move || tip.get().map(|(x, y, text)| {
                    // Beside the point, kept inside the box.
                    let v = view.get_untracked();
                    let left = x.min(v.width - 40.0).max(0.0);
                    let above = y > v.height / 2.0;
                    let class = if above { "net__tip net__tip--above" } else { "net__tip" };
                    // Placed through the CSSOM (allowed by the CSP, unlike a style attribute).
                    view! {
                        <p class=class aria-hidden="true"
                            style:left=format!("{left:.0}px") style:top=format!("{y:.0}px")>{text}</p>
                    }
                })}
                <p class="map__asof" aria-live="polite">
                    {move || format!("{} {}", locale.strings().as_of, lanes::long_date(as_of.0.get(), locale.0.get()))}
                    " · "{counts}
                </p>
                <div class="net__tools" node_ref=tools on:click=on_tool></div>
            </div>
            <details class="map__legend">
                <summary><h3>{move || locale.strings().legend_title}</h3></summary>
                <div inner_html=legend></div>
            </details>
        </section>
    }
    .into_any()
}

/// The network's controls (zoom in and out, the whole network, and with a selection,
/// framing it) and its arrangement switch, as markup; each button says what it does in
/// `data-action`.
pub fn controls_markup(lang: Lang, arrange: Arrange, selected: bool) -> String {
    const FRAME: &str = "M-8-3v-5h5M3-8h5v5M8 3v5h-5M-3 8h-5v-5";
    let t = lang.strings();
    let mut out = String::from(r#"<div class="map__controls">"#);
    let button = |out: &mut String, action: &str, label: &str, inside: &str| {
        let label = escape(label);
        let _ = write!(
            out,
            r#"<button type="button" class="button map__icon" data-action="{action}" aria-label="{label}" title="{label}">{inside}</button>"#
        );
    };
    let icon = |path: &str, extra: &str| {
        format!(
            r#"<svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false"><path d="{path}"/>{extra}</svg>"#
        )
    };
    button(&mut out, "in", t.zoom_in, "+");
    button(&mut out, "out", t.zoom_out, "−");
    button(&mut out, "all", t.fit_network, &icon(FRAME, ""));
    if selected {
        button(
            &mut out,
            "frame",
            t.frame_selection,
            &icon(FRAME, r#"<circle r="2.5"/>"#),
        );
    }
    let _ = write!(
        out,
        r#"</div><div class="net__arrange" role="group" aria-label="{}">"#,
        escape(t.arrange_label)
    );
    for (action, which, label) in [
        ("links", Arrange::Links, t.arrange_links),
        ("countries", Arrange::Countries, t.arrange_countries),
    ] {
        let _ = write!(
            out,
            r#"<button type="button" class="button" data-action="{action}" aria-pressed="{}">{}</button>"#,
            arrange == which,
            escape(label)
        );
    }
    out.push_str("</div>");
    out
}

/// The legend as markup (the same shape as the map's, which the picture download reads):
/// organisations' kinds, programmes and projects, and the classes of links.
pub fn legend_markup(lang: Lang) -> String {
    let t = lang.strings();
    let mut out = String::new();
    let symbol = |out: &mut String, key: &str, path: &str, label: &str| {
        let _ = write!(
            out,
            r#"<li><svg class="map__legend-symbol net__node--{key}" viewBox="-9 -9 18 18" aria-hidden="true"><path d="{path}"/></svg>{}</li>"#,
            escape(label)
        );
    };
    let _ = write!(
        out,
        r#"<h3>{}</h3><ul class="inline-list">"#,
        escape(t.legend_title)
    );
    for k in crate::model::OrgKind::ALL {
        symbol(
            &mut out,
            k.key(),
            super::map::marker_path(k),
            lang.org_kind(k),
        );
    }
    let _ = write!(
        out,
        r#"</ul><h3>{}</h3><ul class="inline-list">"#,
        escape(t.network_shapes)
    );
    symbol(&mut out, "programme", PROGRAMME_PATH, t.network_programme);
    symbol(&mut out, "project", PROJECT_PATH, t.network_project);
    let _ = write!(
        out,
        r#"</ul><h3>{}</h3><ul class="inline-list">"#,
        escape(t.network_links)
    );
    for c in LinkClass::ALL {
        let _ = write!(
            out,
            r#"<li><svg class="map__legend-symbol net__legend-line" viewBox="0 0 24 12" aria-hidden="true"><path class="net__link net__link--{}" d="M1 6h22"/></svg>{}</li>"#,
            c.key(),
            escape(c.label(lang))
        );
    }
    out.push_str("</ul>");
    out
}

/// Puts the focus on the cursor after a redraw.
fn focus_cursor(layer: &web_sys::SvgElement) {
    use wasm_bindgen::JsCast;
    if let Ok(Some(el)) = layer.query_selector(".net__cursor") {
        if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
            let _ = el.focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_controls_name_their_buttons_and_say_which_arrangement_is_on() {
        let none = controls_markup(Lang::Fr, Arrange::Countries, false);
        assert!(none.contains(r#"aria-label="Tout le réseau""#));
        assert!(!none.contains(r#"data-action="frame""#));
        assert!(none.contains(r#"data-action="countries" aria-pressed="true""#));
        assert!(none.contains(r#"data-action="links" aria-pressed="false""#));
        let chosen = controls_markup(Lang::En, Arrange::Links, true);
        assert!(chosen.contains(r#"data-action="frame" aria-label="Frame the selection""#));
    }

    #[test]
    fn every_relation_kind_has_a_link_class_and_leading_is_heaviest() {
        for kind in RelationKind::ALL {
            let _ = LinkClass::of(kind);
        }
        assert_eq!(LinkClass::of(RelationKind::Coordinates), LinkClass::Lead);
        assert!(LinkClass::Lead > LinkClass::Part && LinkClass::Member > LinkClass::Partner);
    }

    #[test]
    fn left_and_right_read_in_bands_and_up_and_down_prefer_a_linked_node() {
        let points = [
            (0.0, 0.0),
            (10.0, 0.0),
            (30.0, 5.0),
            (-10.0, 0.0),
            (0.0, 40.0),
            (20.0, 45.0),
        ];
        let order = reading_order(&points, &[0, 1, 2, 3, 4, 5]);
        assert_eq!(order, vec![3, 0, 1, 2, 4, 5]);
        assert_eq!(step(&points, &order, &[], 0, Direction::Right), Some(1));
        assert_eq!(step(&points, &order, &[], 0, Direction::Left), Some(3));
        assert_eq!(step(&points, &order, &[], 3, Direction::Left), None);
        assert_eq!(step(&points, &order, &[], 0, Direction::Down), Some(4));
        assert_eq!(step(&points, &order, &[5], 0, Direction::Down), Some(5));
        assert_eq!(step(&points, &order, &[], 0, Direction::Up), None);
        // A node that is not shown is never a target.
        let fewer = reading_order(&points, &[0, 5]);
        assert_eq!(step(&points, &fewer, &[], 0, Direction::Down), Some(5));
    }

    #[test]
    fn arrows_reach_every_node_of_the_real_network() {
        let data = crate::data::embedded().unwrap();
        let g = graph::Graph::new(&data);
        let layouts = graph::layout(&data, &g);
        let points: Vec<(f64, f64)> = layouts
            .free
            .pos
            .iter()
            .map(|&(x, y)| (f64::from(x), f64::from(y)))
            .collect();
        let all = reading_order(&points, &(0..points.len() as u32).collect::<Vec<u32>>());
        let mut seen = vec![false; points.len()];
        let mut stack = vec![0u32];
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n as usize], true) {
                continue;
            }
            for d in [
                Direction::Left,
                Direction::Right,
                Direction::Up,
                Direction::Down,
            ] {
                if let Some(m) = step(&points, &all, &g.neighbours(n), n, d) {
                    stack.push(m);
                }
            }
        }
        let missed = seen.iter().filter(|s| !**s).count();
        assert_eq!(
            missed, 0,
            "{missed} nodes cannot be reached with the arrows"
        );
    }

    #[test]
    fn going_back_in_time_shows_fewer_nodes() {
        let data = crate::data::embedded().unwrap();
        let g = graph::Graph::new(&data);
        let visible =
            crate::filter::Index::new(&data).apply(&data, &crate::filter::Facets::default());
        let at = |y: i32| {
            let day = crate::model::date::day_number(y, 6, 1);
            let snap = lanes::snapshot(&data, day);
            shown(
                &data,
                &g,
                &snap.organisations,
                &snap.relations,
                &visible,
                &Default::default(),
                day,
            )
            .count()
        };
        let (n2010, l2010) = at(2010);
        let (n2026, l2026) = at(2026);
        assert!(n2010 < n2026 && l2010 < l2026, "{n2010} {n2026}");
        assert!(n2010 > 0);
    }

    #[test]
    fn a_shown_link_always_has_both_ends_shown() {
        let data = crate::data::embedded().unwrap();
        let g = graph::Graph::new(&data);
        let visible =
            crate::filter::Index::new(&data).apply(&data, &crate::filter::Facets::default());
        for y in [2009, 2015, 2023, 2026] {
            let day = crate::model::date::day_number(y, 1, 1);
            let snap = lanes::snapshot(&data, day);
            let s = shown(
                &data,
                &g,
                &snap.organisations,
                &snap.relations,
                &visible,
                &Default::default(),
                day,
            );
            for (l, link) in g.links.iter().enumerate() {
                if s.links[l] {
                    assert!(s.nodes[link.a as usize] && s.nodes[link.b as usize]);
                }
            }
        }
    }

    #[test]
    fn choosing_a_relation_or_a_country_stands_for_its_nodes() {
        let data = crate::data::embedded().unwrap();
        let g = graph::Graph::new(&data);
        let r = &data.relations[0];
        let nodes = selected_nodes(&data, &g, &r.id);
        assert!(!nodes.is_empty());
        let fr = selected_nodes(&data, &g, "country:FR");
        assert!(fr.len() >= 18, "{}", fr.len());
        assert!(selected_nodes(&data, &g, "nothing-like-this").is_empty());
    }

    #[test]
    fn a_country_says_whom_it_works_with_across_borders() {
        let data = crate::data::embedded().unwrap();
        let pairs = vec![
            ("DE".to_owned(), "FR".to_owned(), 3),
            ("BE".to_owned(), "FR".to_owned(), 5),
        ];
        let en = across_borders(&data, &pairs, "FR", Lang::En);
        assert!(
            en.starts_with("France — links across borders: Belgium 5, Germany 3"),
            "{en}"
        );
        let fr = across_borders(&data, &pairs, "FR", Lang::Fr);
        assert!(
            fr.contains("frontières\u{202f}: Belgique 5, Allemagne 3"),
            "{fr}"
        );
    }

    #[test]
    fn the_drawing_names_the_programmes_and_has_one_cursor() {
        let data = crate::data::embedded().unwrap();
        let g = graph::Graph::new(&data);
        let layouts = graph::layout(&data, &g);
        let shown = Shown {
            nodes: vec![true; g.nodes.len()],
            links: vec![true; g.links.len()],
        };
        let view = Viewport::fitting(bounds_of(&layouts.free), 1400.0, 500.0, 16.0);
        let markup = draw(&Scene {
            data: &data,
            graph: &g,
            placement: &layouts.free,
            view: &view,
            shown: &shown,
            lang: Lang::En,
            chosen: &[],
            lit: &[],
            cursor: Some(0),
        });
        assert_eq!(markup.matches("tabindex=").count(), 1);
        assert_eq!(markup.matches("class=\"net__node ").count(), g.nodes.len());
        assert!(
            markup.contains(">G7 Cancer</text>"),
            "G7 Cancer is not named"
        );
        // Every programme is named, in bold: the hubs of the picture.
        for p in &data.programmes {
            let name = escape(p.name.get(Lang::En));
            let named = markup
                .split("<text class=\"net__name net__name--programme\"")
                .skip(1)
                .any(|t| {
                    t.split("</text>")
                        .next()
                        .is_some_and(|t| t.ends_with(&format!(">{name}")))
                });
            assert!(named, "{name} is not named");
        }
    }
}
