//! The arrangement by country: each country's organisations packed in a disc of its own
//! (the best-linked in the middle), the programmes and projects in a disc at the centre
//! (country ""), and the countries' discs around it, each placed, largest first, at the
//! free place nearest to where its organisations lie on the globe (scaled down): the
//! picture is compact, and Europe's countries stay near each other. Discs never overlap and
//! hold their nodes whole, so no two nodes overlap either.

use super::collide::{self, Point};
use super::{Graph, NodeKind, Placement, Region};
use crate::model::Dataset;

/// Room between a region's nodes and its edge, and between two regions.
const PADDING: f64 = 6.0;

/// One group of nodes and its disc.
struct Group<'a> {
    country: &'a str,
    members: Vec<usize>,
    /// Positions relative to the disc's centre.
    local: Vec<Point>,
    radius: f64,
    /// Where its organisations are on the globe: mean longitude and latitude.
    geo: Point,
    centre: Point,
}

/// Every node's position grouped by country, with the countries' discs.
pub fn arrange(data: &Dataset, graph: &Graph, radii: &[f32]) -> Placement {
    let radii: Vec<f64> = radii.iter().map(|&r| f64::from(r)).collect();
    let mut groups = groups(data, graph);
    for g in &mut groups {
        pack(graph, &radii, g);
    }
    place_discs(&mut groups);
    let mut pos = vec![(0.0f32, 0.0f32); graph.nodes.len()];
    let mut regions = Vec::with_capacity(groups.len());
    for g in &groups {
        for (k, &i) in g.members.iter().enumerate() {
            pos[i] = (
                (g.centre.0 + g.local[k].0) as f32,
                (g.centre.1 + g.local[k].1) as f32,
            );
        }
        regions.push(Region {
            country: g.country.to_owned(),
            cx: g.centre.0 as f32,
            cy: g.centre.1 as f32,
            r: g.radius as f32,
        });
    }
    Placement {
        pos,
        regions,
        bounds: (0.0, 0.0, 0.0, 0.0),
    }
}

/// The nodes by country, in code order ("" first: programmes and projects).
fn groups<'a>(data: &'a Dataset, graph: &Graph) -> Vec<Group<'a>> {
    let mut keyed: Vec<(&'a str, usize)> = (0..graph.nodes.len())
        .map(|i| (graph.country_of(data, i as u32), i))
        .collect();
    crate::sort::sort(&mut keyed);
    let mut groups: Vec<Group<'a>> = Vec::new();
    for (country, i) in keyed {
        if groups.last().is_none_or(|g| g.country != country) {
            groups.push(Group {
                country,
                members: Vec::new(),
                local: Vec::new(),
                radius: 0.0,
                geo: (0.0, 0.0),
                centre: (0.0, 0.0),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.members.push(i);
        }
    }
    for g in &mut groups {
        let (mut lon, mut lat, mut n) = (0.0, 0.0, 0.0);
        for &i in &g.members {
            if let NodeKind::Organisation(_) = graph.nodes[i].kind {
                if let Some(o) = data.organisations.get(graph.nodes[i].record as usize) {
                    lon += o.lon;
                    lat += o.lat;
                    n += 1.0;
                }
            }
        }
        if n > 0.0 {
            g.geo = (lon / n, lat / n);
        }
    }
    groups
}

/// Packs a group's nodes in a disc: the best-linked first, in the middle, the others on a
/// sunflower spiral as dense as their areas allow, then no overlaps; the disc's radius
/// holds them all.
fn pack(graph: &Graph, radii: &[f64], g: &mut Group<'_>) {
    crate::sort::sort_by(&mut g.members, |&a, &b| {
        graph.nodes[b].degree.cmp(&graph.nodes[a].degree)
    });
    const GOLDEN_COS: f64 = -0.737_368_878_078_319_7;
    const GOLDEN_SIN: f64 = 0.675_490_294_261_523_8;
    let gap = f64::from(super::GAP) + 0.25;
    let mut turn = (1.0, 0.0);
    // The spiral's reach grows with the area already placed, each node counted with half
    // the gap around it, at the density of a sunflower's seeds.
    const DENSITY: f64 = 0.8;
    let mut area: f64 = 0.0;
    let mut local = Vec::with_capacity(g.members.len());
    for &i in &g.members {
        let r = radii[i] + gap / 2.0;
        let reach = if local.is_empty() {
            0.0
        } else {
            (area / DENSITY).sqrt() + r * 0.5
        };
        area += r * r;
        local.push((turn.0 * reach, turn.1 * reach));
        turn = (
            turn.0 * GOLDEN_COS - turn.1 * GOLDEN_SIN,
            turn.0 * GOLDEN_SIN + turn.1 * GOLDEN_COS,
        );
    }
    let sub: Vec<f64> = g.members.iter().map(|&i| radii[i]).collect();
    collide::resolve(&mut local, &sub, gap);
    // Centre the disc on its nodes' middle, and make it hold them all.
    let n = local.len().max(1) as f64;
    let (mx, my) = local.iter().fold((0.0, 0.0), |s, p| (s.0 + p.0, s.1 + p.1));
    let (mx, my) = (mx / n, my / n);
    let mut radius: f64 = 0.0;
    for (p, &r) in local.iter_mut().zip(&sub) {
        *p = (p.0 - mx, p.1 - my);
        radius = radius.max((p.0 * p.0 + p.1 * p.1).sqrt() + r);
    }
    g.local = local;
    g.radius = radius + PADDING;
}

/// True when a disc at `p` of radius `r` overlaps none of the `placed` groups.
fn free(groups: &[Group<'_>], placed: &[usize], p: Point, r: f64) -> bool {
    placed.iter().all(|&j| {
        let g = &groups[j];
        let min = g.radius + r + PADDING - 1e-9;
        let (dx, dy) = (g.centre.0 - p.0, g.centre.1 - p.1);
        dx * dx + dy * dy >= min * min
    })
}

/// Places the discs: "" at the centre, then the countries largest first, each at the free
/// place nearest its target (its geography, scaled): a place touching one placed disc on
/// the way to it, or touching two placed discs. Every disc touches one placed before it,
/// so the picture stays compact: a country far away on the globe goes to that side of
/// the others, not far from them.
fn place_discs(groups: &mut [Group<'_>]) {
    if groups.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..groups.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        let rank = |i: usize| groups[i].country.is_empty();
        rank(b)
            .cmp(&rank(a))
            .then(groups[b].radius.total_cmp(&groups[a].radius))
    });
    // The globe's middle, weighted by organisations, and a scale that brings the typical
    // country as far from it as the packed discs reach.
    let countries: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| !groups[i].country.is_empty())
        .collect();
    let weight: f64 = countries
        .iter()
        .map(|&i| groups[i].members.len() as f64)
        .sum();
    let mut middle = (0.0, 0.0);
    for &i in &countries {
        let w = groups[i].members.len() as f64 / weight.max(1.0);
        middle.0 += groups[i].geo.0 * w;
        middle.1 += groups[i].geo.1 * w;
    }
    let area: f64 = groups.iter().map(|g| g.radius * g.radius).sum();
    let reach = area.sqrt();
    let spread = {
        let mut sum = 0.0;
        for &i in &countries {
            let (dx, dy) = (groups[i].geo.0 - middle.0, groups[i].geo.1 - middle.1);
            sum += (dx * dx + dy * dy).sqrt();
        }
        (sum / countries.len().max(1) as f64).max(1.0)
    };
    let scale = 0.6 * reach / spread;
    let mut placed: Vec<usize> = Vec::with_capacity(groups.len());
    for &i in &order {
        let r = groups[i].radius;
        // Longitude east, latitude north (screen y grows downwards).
        let target = if groups[i].country.is_empty() {
            (0.0, 0.0)
        } else {
            (
                (groups[i].geo.0 - middle.0) * scale,
                -(groups[i].geo.1 - middle.1) * scale,
            )
        };
        let mut best: Option<(f64, Point)> = None;
        let mut consider = |p: Point, groups: &[Group<'_>]| {
            let (dx, dy) = (p.0 - target.0, p.1 - target.1);
            let d2 = dx * dx + dy * dy;
            if best.is_none_or(|(b, _)| d2 < b) && free(groups, &placed, p, r) {
                best = Some((d2, p));
            }
        };
        if placed.is_empty() {
            consider(target, groups);
        }
        for (a, &j) in placed.iter().enumerate() {
            let gj = &groups[j];
            let rj = gj.radius + r + PADDING;
            // Touching disc j, on the way from its centre to the target.
            let (dx, dy) = (target.0 - gj.centre.0, target.1 - gj.centre.1);
            let d = (dx * dx + dy * dy).sqrt();
            let (ux, uy) = if d > 1e-9 {
                (dx / d, dy / d)
            } else {
                (0.0, -1.0)
            };
            consider((gj.centre.0 + ux * rj, gj.centre.1 + uy * rj), groups);
            // Touching discs j and k.
            for &k in &placed[a + 1..] {
                let gk = &groups[k];
                let rk = gk.radius + r + PADDING;
                for p in touching(gj.centre, rj, gk.centre, rk) {
                    consider(p, groups);
                }
            }
        }
        let p = match best {
            Some((_, p)) => p,
            None => {
                // Beyond every placed disc, towards the target: always free.
                let far = placed
                    .iter()
                    .map(|&j| {
                        let c = groups[j].centre;
                        (c.0 * c.0 + c.1 * c.1).sqrt() + groups[j].radius
                    })
                    .fold(0.0, f64::max)
                    + r
                    + PADDING;
                let d = (target.0 * target.0 + target.1 * target.1).sqrt();
                let (ux, uy) = if d > 1e-9 {
                    (target.0 / d, target.1 / d)
                } else {
                    (0.0, -1.0)
                };
                (ux * far, uy * far)
            }
        };
        groups[i].centre = p;
        placed.push(i);
    }
}

/// The two points at distance `ra` from `a` and `rb` from `b` (none if there are none).
fn touching(a: Point, ra: f64, b: Point, rb: f64) -> Vec<Point> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let d2 = dx * dx + dy * dy;
    let d = d2.sqrt();
    if d < 1e-9 || d > ra + rb || d < (ra - rb).abs() {
        return Vec::new();
    }
    let along = (ra * ra - rb * rb + d2) / (2.0 * d);
    let h = (ra * ra - along * along).max(0.0).sqrt();
    let (ux, uy) = (dx / d, dy / d);
    let (mx, my) = (a.0 + ux * along, a.1 + uy * along);
    vec![(mx - uy * h, my + ux * h), (mx + uy * h, my - ux * h)]
}
