//! The network view's geometry: the graph of organisations, programmes and projects and
//! the links between them, its two layouts (free, force-directed; and grouped by country),
//! their compact binary form, the labels' placement on screen and the count of links
//! between countries. Pure: no leptos, no web-sys.
//!
//! One layout serves every date and filter: [`layout`] takes a dataset, never a date, and
//! the view shows or hides nodes without moving the rest. The layout is computed when the
//! app is built (`build.rs` writes `network.bin`, read back by [`embedded`]) or, for a
//! dataset given by address, in the dataset worker: the page's wasm never runs it.
//!
//! Deterministic: the same dataset gives the same bits. The layout uses only `+ − × ÷` and
//! `sqrt` (IEEE-exact on every target: no `sin`, `cos`, `exp` or `powf`, whose libm
//! implementations differ), no hash-map order, no clock and no random generator.

mod collide;
mod country;
mod force;
mod labels;

use crate::data::binary::{self, Binary, Reader, Writer};
use crate::model::{Dataset, OrgKind, ProjectKind};
use crate::sort;

pub use labels::{label_box, place_labels, Anchor, Candidate, Placed};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NodeKind {
    Organisation(OrgKind),
    Programme,
    Project(ProjectKind),
}

/// One organisation, programme or project.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// Index into `data.organisations`, `data.programmes` or `data.projects`, by kind.
    pub record: u32,
    /// Number of links touching it.
    pub degree: u32,
}

/// What a link stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LinkKind {
    /// Index into `data.relations`.
    Relation(u32),
    /// A project listed in a programme (`Project.programmes`).
    PartOf,
}

/// A link between two nodes (their indices in [`Graph::nodes`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub a: u32,
    pub b: u32,
    pub kind: LinkKind,
}

/// Nodes in dataset order: every organisation, then every programme, then every project.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// Node indices sorted by their record's id, for [`Graph::node_of`].
    by_id: Vec<u32>,
    /// Adjacency in compressed rows: the neighbours of node `n` are
    /// `adjacent[first[n]..first[n + 1]]`, ascending, each once.
    first: Vec<u32>,
    adjacent: Vec<u32>,
}

/// The id of any record a node can stand for.
fn record_id(data: &Dataset, kind: NodeKind, record: u32) -> &str {
    let i = record as usize;
    let id = match kind {
        NodeKind::Organisation(_) => data.organisations.get(i).map(|o| o.id.as_str()),
        NodeKind::Programme => data.programmes.get(i).map(|p| p.id.as_str()),
        NodeKind::Project(_) => data.projects.get(i).map(|p| p.id.as_str()),
    };
    id.unwrap_or("")
}

impl Graph {
    /// The graph of `data`: one link per relation whose two ends are nodes (organisations,
    /// programmes or projects) and one `PartOf` link per (project, programme it is listed in).
    pub fn new(data: &Dataset) -> Graph {
        let mut nodes: Vec<Node> = Vec::with_capacity(
            data.organisations.len() + data.programmes.len() + data.projects.len(),
        );
        nodes.extend(data.organisations.iter().zip(0..).map(|(o, i)| Node {
            kind: NodeKind::Organisation(o.kind),
            record: i,
            degree: 0,
        }));
        nodes.extend((0..data.programmes.len() as u32).map(|i| Node {
            kind: NodeKind::Programme,
            record: i,
            degree: 0,
        }));
        nodes.extend(data.projects.iter().zip(0..).map(|(p, i)| Node {
            kind: NodeKind::Project(p.kind),
            record: i,
            degree: 0,
        }));
        let mut by_id: Vec<u32> = (0..nodes.len() as u32).collect();
        let id = |n: u32| record_id(data, nodes[n as usize].kind, nodes[n as usize].record);
        sort::sort_by(&mut by_id, |&a, &b| id(a).cmp(id(b)));
        let mut graph = Graph {
            nodes,
            links: Vec::new(),
            by_id,
            first: Vec::new(),
            adjacent: Vec::new(),
        };
        let mut links = Vec::with_capacity(data.relations.len());
        for (r, i) in data.relations.iter().zip(0..) {
            if let (Some(a), Some(b)) = (graph.node_of(data, &r.from), graph.node_of(data, &r.to)) {
                links.push(Link {
                    a,
                    b,
                    kind: LinkKind::Relation(i),
                });
            }
        }
        let projects = (data.organisations.len() + data.programmes.len()) as u32;
        for (p, i) in data.projects.iter().zip(0..) {
            for programme in &p.programmes {
                if let Some(b) = graph.node_of(data, programme) {
                    links.push(Link {
                        a: projects + i,
                        b,
                        kind: LinkKind::PartOf,
                    });
                }
            }
        }
        for link in &links {
            graph.nodes[link.a as usize].degree += 1;
            graph.nodes[link.b as usize].degree += 1;
        }
        graph.links = links;
        graph.index_neighbours();
        graph
    }

    fn index_neighbours(&mut self) {
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(2 * self.links.len());
        for l in &self.links {
            if l.a != l.b {
                pairs.push((l.a, l.b));
                pairs.push((l.b, l.a));
            }
        }
        sort::sort(&mut pairs);
        pairs.dedup();
        let mut first = vec![0u32; self.nodes.len() + 1];
        for &(a, _) in &pairs {
            first[a as usize + 1] += 1;
        }
        for i in 0..self.nodes.len() {
            first[i + 1] += first[i];
        }
        self.first = first;
        self.adjacent = pairs.into_iter().map(|(_, b)| b).collect();
    }

    /// The node standing for the record `id`, if it is an organisation, programme or project.
    pub fn node_of(&self, data: &Dataset, id: &str) -> Option<u32> {
        let found = self.by_id.binary_search_by(|&n| {
            let node = &self.nodes[n as usize];
            record_id(data, node.kind, node.record).cmp(id)
        });
        found.ok().map(|i| self.by_id[i])
    }

    /// The id of the record `node` stands for ("" for a node that is not in the graph).
    pub fn id_of<'a>(&self, data: &'a Dataset, node: u32) -> &'a str {
        match self.nodes.get(node as usize) {
            Some(n) => record_id(data, n.kind, n.record),
            None => "",
        }
    }

    /// The nodes linked to `node`, ascending, each once.
    pub fn neighbours(&self, node: u32) -> Vec<u32> {
        self.neighbour_slice(node).to_vec()
    }

    /// The nodes linked to `node`, without a copy.
    pub fn neighbour_slice(&self, node: u32) -> &[u32] {
        let n = node as usize;
        match (self.first.get(n), self.first.get(n + 1)) {
            (Some(&a), Some(&b)) => &self.adjacent[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The country (ISO code) of an organisation's node; "" for programmes and projects.
    pub fn country_of<'a>(&self, data: &'a Dataset, node: u32) -> &'a str {
        match self.nodes.get(node as usize) {
            Some(Node {
                kind: NodeKind::Organisation(_),
                record,
                ..
            }) => data
                .organisations
                .get(*record as usize)
                .map_or("", |o| o.country.as_str()),
            _ => "",
        }
    }
}

/// A node's radius in layout units: programmes largest, then projects, then
/// organisations; more links make a larger node (as the square root, so a hub stays
/// readable next to its partners).
pub fn radius(node: &Node) -> f32 {
    let base = match node.kind {
        NodeKind::Organisation(_) => 4.0,
        NodeKind::Project(_) => 8.0,
        NodeKind::Programme => 12.0,
    };
    let extra = (node.degree as f32).sqrt().min(12.0);
    base + extra
}

/// The smallest distance between two nodes' edges, in layout units.
pub const GAP: f32 = 2.0;

/// A country's disc in the by-country arrangement; `country` is "" for the disc of the
/// programmes and projects, in the middle.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub country: String,
    pub cx: f32,
    pub cy: f32,
    pub r: f32,
}

/// Where each node goes in one arrangement.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Placement {
    /// One per node, in layout units.
    pub pos: Vec<(f32, f32)>,
    /// Empty in the free arrangement.
    pub regions: Vec<Region>,
    /// Min x, min y, max x, max y, including the nodes' radii and the regions.
    pub bounds: (f32, f32, f32, f32),
}

/// Both arrangements of one graph.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layouts {
    pub free: Placement,
    pub by_country: Placement,
}

impl Layouts {
    /// True when both arrangements place exactly the nodes of `graph`.
    pub fn fits(&self, graph: &Graph) -> bool {
        self.free.pos.len() == graph.nodes.len() && self.by_country.pos.len() == graph.nodes.len()
    }
}

/// Both arrangements of `graph` (built from `data`). Takes no date and no filter: one
/// layout serves every view of the dataset.
pub fn layout(data: &Dataset, graph: &Graph) -> Layouts {
    let radii: Vec<f32> = graph.nodes.iter().map(radius).collect();
    let free = force::arrange(graph, &radii);
    let by_country = country::arrange(data, graph, &radii);
    Layouts {
        free: quantized(free, &radii),
        by_country: quantized(by_country, &radii),
    }
}

/// Positions are stored to an eighth of a unit: the binary form is then small and exact
/// (an eighth is a power of two), and [`encode`] loses nothing from what [`layout`] gives.
const STEP: f32 = 8.0;

fn snap(v: f32) -> f32 {
    (v * STEP).round() / STEP
}

fn quantized(mut p: Placement, radii: &[f32]) -> Placement {
    for (x, y) in &mut p.pos {
        *x = snap(*x);
        *y = snap(*y);
    }
    for region in &mut p.regions {
        region.cx = snap(region.cx);
        region.cy = snap(region.cy);
        // Rounded up, so that the region still holds its nodes.
        region.r = (region.r * STEP).ceil() / STEP;
    }
    p.bounds = bounds(&p.pos, radii, &p.regions);
    p
}

/// The box around the nodes (with their radii) and the regions; zero for nothing.
fn bounds(pos: &[(f32, f32)], radii: &[f32], regions: &[Region]) -> (f32, f32, f32, f32) {
    let mut b = (
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    );
    let mut grow = |x: f32, y: f32, r: f32| {
        b = (
            b.0.min(x - r),
            b.1.min(y - r),
            b.2.max(x + r),
            b.3.max(y + r),
        );
    };
    for (&(x, y), &r) in pos.iter().zip(radii) {
        grow(x, y, r);
    }
    for region in regions {
        grow(region.cx, region.cy, region.r);
    }
    if b.0 > b.2 {
        return (0.0, 0.0, 0.0, 0.0);
    }
    (
        snap_down(b.0),
        snap_down(b.1),
        -snap_down(-b.2),
        -snap_down(-b.3),
    )
}

fn snap_down(v: f32) -> f32 {
    (v * STEP).floor() / STEP
}

/// A coordinate on the eighth-unit grid, as a zig-zag integer.
struct Coordinate(f32);

impl Binary for Coordinate {
    fn write(&self, w: &mut Writer) {
        ((self.0 * STEP).round() as i32).write(w);
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        Some(Coordinate(i32::read(r)? as f32 / STEP))
    }
}

impl Binary for Region {
    fn write(&self, w: &mut Writer) {
        self.country.write(w);
        for v in [self.cx, self.cy, self.r] {
            Coordinate(v).write(w);
        }
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        Some(Region {
            country: String::read(r)?,
            cx: Coordinate::read(r)?.0,
            cy: Coordinate::read(r)?.0,
            r: Coordinate::read(r)?.0,
        })
    }
}

impl Binary for Placement {
    // Positions as the difference from the previous node's: neighbours in dataset order
    // are often neighbours in the picture, and small numbers take fewer bytes.
    fn write(&self, w: &mut Writer) {
        (self.pos.len() as u32).write(w);
        let mut last = (0i32, 0i32);
        for &(x, y) in &self.pos {
            let q = ((x * STEP).round() as i32, (y * STEP).round() as i32);
            q.0.wrapping_sub(last.0).write(w);
            q.1.wrapping_sub(last.1).write(w);
            last = q;
        }
        self.regions.write(w);
        let (a, b, c, d) = self.bounds;
        for v in [a, b, c, d] {
            Coordinate(v).write(w);
        }
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        let len = u32::read(r)? as usize;
        let mut pos = Vec::with_capacity(len.min(1 << 20));
        let mut last = (0i32, 0i32);
        for _ in 0..len {
            last = (
                last.0.wrapping_add(i32::read(r)?),
                last.1.wrapping_add(i32::read(r)?),
            );
            pos.push((last.0 as f32 / STEP, last.1 as f32 / STEP));
        }
        let regions = Vec::read(r)?;
        let mut b = [0f32; 4];
        for v in &mut b {
            *v = Coordinate::read(r)?.0;
        }
        Some(Placement {
            pos,
            regions,
            bounds: (b[0], b[1], b[2], b[3]),
        })
    }
}

impl Binary for Layouts {
    fn write(&self, w: &mut Writer) {
        self.free.write(w);
        self.by_country.write(w);
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        Some(Layouts {
            free: Placement::read(r)?,
            by_country: Placement::read(r)?,
        })
    }
}

/// The layouts' binary form: coordinates to an eighth of a unit (what [`layout`] gives),
/// as differences, in `data::binary`'s integers.
pub fn encode(layouts: &Layouts) -> Vec<u8> {
    binary::encode_value(layouts)
}

/// The layouts back from [`encode`]'s bytes; `None` when they are not exactly that.
pub fn decode(bytes: &[u8]) -> Option<Layouts> {
    binary::decode_value(bytes)
}

/// The built-in dataset's layouts, computed when the app was built (`build.rs` writes
/// `OUT_DIR/network.bin`, which `crate::EMBEDDED_NETWORK` includes: the bytes live at the
/// crate's root because this module is compiled into `build.rs` too, where there is no
/// `OUT_DIR` yet).
pub fn embedded() -> Option<Layouts> {
    decode(crate::EMBEDDED_NETWORK)
}

/// Links between countries: for each unordered pair of countries (ISO codes, the smaller
/// first), how many links join them: organisation–organisation relations across the
/// border, and pairs of organisations of the two countries that take part in the same
/// project or programme (linked to it by a relation; one pair per project or programme
/// they share). Sorted by the pair; pairs with no link are left out.
pub fn country_links(data: &Dataset, graph: &Graph) -> Vec<(String, String, u32)> {
    // Countries as small numbers, in code order.
    let mut codes: Vec<&str> = data
        .organisations
        .iter()
        .map(|o| o.country.as_str())
        .collect();
    sort::sort(&mut codes);
    codes.dedup();
    let country = |node: u32| -> Option<u32> {
        let code = graph.country_of(data, node);
        match graph.nodes.get(node as usize)?.kind {
            NodeKind::Organisation(_) => codes.binary_search(&code).ok().map(|i| i as u32),
            _ => None,
        }
    };
    let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
    let mut add = |a: u32, b: u32, n: u32| {
        if a != b && n > 0 {
            pairs.push((a.min(b), a.max(b), n));
        }
    };
    for link in &graph.links {
        if let (LinkKind::Relation(_), Some(a), Some(b)) =
            (link.kind, country(link.a), country(link.b))
        {
            add(a, b, 1);
        }
    }
    // Per project or programme, its organisations counted by country: c_k × c_l pairs.
    let mut per_country: Vec<u32> = Vec::new();
    for (hub, node) in graph.nodes.iter().enumerate() {
        if matches!(node.kind, NodeKind::Organisation(_)) {
            continue;
        }
        per_country.clear();
        // Its organisations, each once however many relations tie it to the hub (only
        // relations join an organisation to a programme or project).
        per_country.extend(
            graph
                .neighbour_slice(hub as u32)
                .iter()
                .filter_map(|&other| country(other)),
        );
        sort::sort(&mut per_country);
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for &c in &per_country {
            match runs.last_mut() {
                Some((k, n)) if *k == c => *n += 1,
                _ => runs.push((c, 1)),
            }
        }
        for i in 0..runs.len() {
            for j in i + 1..runs.len() {
                add(runs[i].0, runs[j].0, runs[i].1 * runs[j].1);
            }
        }
    }
    sort::sort(&mut pairs);
    let mut merged: Vec<(String, String, u32)> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    for (a, b, n) in pairs {
        if last == Some((a, b)) {
            if let Some(m) = merged.last_mut() {
                m.2 += n;
            }
        } else {
            merged.push((
                codes[a as usize].to_owned(),
                codes[b as usize].to_owned(),
                n,
            ));
            last = Some((a, b));
        }
    }
    merged
}

/// Everything the network view draws from: the graph, its layouts and the links between
/// countries.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Network {
    pub graph: Graph,
    pub layouts: Layouts,
    pub country_links: Vec<(String, String, u32)>,
}

impl Network {
    /// The network of `data` with layouts computed elsewhere (at build time, or in the
    /// dataset worker); layouts that are missing or do not fit the graph are left empty,
    /// which the view reports, and the layout is never computed here.
    pub fn new(data: &Dataset, layouts: Option<Layouts>) -> Network {
        let graph = Graph::new(data);
        let layouts = layouts.filter(|l| l.fits(&graph)).unwrap_or_default();
        let country_links = country_links(data, &graph);
        Network {
            graph,
            layouts,
            country_links,
        }
    }
}

#[cfg(test)]
mod tests;
