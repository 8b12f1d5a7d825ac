//! The free arrangement: a force-directed layout in the manner of d3-force. Link springs
//! pull linked nodes together (programmes and projects become the hubs their organisations
//! gather around), every node repels every other (Barnes–Hut: a quadtree, so that 10 000
//! nodes cost n log n per step), a weak pull to the centre keeps separate groups close, and
//! colliding nodes are pushed apart; positions and velocities follow d3's velocity Verlet
//! with the same cooling. Organisations without any link sit in a tidy grid under the
//! picture rather than being flung to its edges. A last pass ([`super::collide`])
//! guarantees that no two nodes overlap.
//!
//! Hand-written rather than taken from `fdg-sim` or `forceatlas2`: the layout must give
//! the same bits on every machine and in wasm (no threads, no `sin`/`cos`, no hash maps,
//! no random generator), and it must run inside the dataset worker.

use super::collide::{self, Point};
use super::{Graph, Placement};

/// How many steps of the simulation: d3's default cooling (alpha from 1 to 0.001 in 300
/// steps: `alphaDecay = 1 − 0.001^(1/300)`), and in 120 steps for graphs of more than
/// 2 000 nodes, whose layout must fit in the dataset worker's time.
const ALPHA_MIN: f64 = 0.001;
const ALPHA_DECAY: f64 = 0.022_762_779_044_189_33;
const ALPHA_DECAY_LARGE: f64 = 0.066_745_699_203_008_99;
const LARGE: usize = 2000;
const VELOCITY_DECAY: f64 = 0.4;
/// Barnes–Hut's accuracy: a cell this wide for its distance acts as one body (squared;
/// d3's θ = 0.9, and 1.2 for large graphs: a picture needs less accuracy than physics).
const THETA2: f64 = 0.81;
const THETA2_LARGE: f64 = 1.44;
/// Repulsion per unit of radius (d3's default is −30 for 5-unit nodes).
const CHARGE: f64 = -8.0;
/// The pull to the centre (d3's forceX/forceY strength).
const GRAVITY: f64 = 0.04;
/// Room for a link beyond its two nodes' radii.
const LINK_ROOM: f64 = 18.0;

/// Every node's position in the free arrangement.
pub fn arrange(graph: &Graph, radii: &[f32]) -> Placement {
    let n = graph.nodes.len();
    let radii: Vec<f64> = radii.iter().map(|&r| f64::from(r)).collect();
    let linked: Vec<usize> = (0..n).filter(|&i| graph.nodes[i].degree > 0).collect();
    let mut pos: Vec<Point> = vec![(0.0, 0.0); n];
    if !linked.is_empty() {
        let placed = simulate(graph, &radii, &linked);
        for (k, &i) in linked.iter().enumerate() {
            pos[i] = placed[k];
        }
        let sub_radii: Vec<f64> = linked.iter().map(|&i| radii[i]).collect();
        let mut sub: Vec<Point> = linked.iter().map(|&i| pos[i]).collect();
        collide::resolve(&mut sub, &sub_radii, f64::from(super::GAP) + 0.25);
        for (k, &i) in linked.iter().enumerate() {
            pos[i] = sub[k];
        }
    }
    place_unlinked(graph, &radii, &linked, &mut pos);
    Placement {
        pos: pos.iter().map(|&(x, y)| (x as f32, y as f32)).collect(),
        regions: Vec::new(),
        bounds: (0.0, 0.0, 0.0, 0.0),
    }
}

/// The order nodes start in: breadth first from the best-linked node, so that linked
/// nodes start near each other on the spiral and the simulation has less to undo.
fn start_order(graph: &Graph, members: &[usize]) -> Vec<usize> {
    let n = graph.nodes.len();
    let mut member = vec![false; n];
    for &i in members {
        member[i] = true;
    }
    let mut by_degree = members.to_vec();
    crate::sort::sort_by(&mut by_degree, |&a, &b| {
        graph.nodes[b].degree.cmp(&graph.nodes[a].degree)
    });
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(members.len());
    for &root in &by_degree {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut head = order.len();
        order.push(root);
        while head < order.len() {
            let i = order[head];
            head += 1;
            for &j in graph.neighbour_slice(i as u32) {
                let j = j as usize;
                if member[j] && !seen[j] {
                    seen[j] = true;
                    order.push(j);
                }
            }
        }
    }
    order
}

/// The simulation over the `members` (linked nodes); their positions, in that order.
fn simulate(graph: &Graph, radii: &[f64], members: &[usize]) -> Vec<Point> {
    let m = members.len();
    let mut local = vec![u32::MAX; graph.nodes.len()];
    for (k, &i) in members.iter().enumerate() {
        local[i] = k as u32;
    }
    let r: Vec<f64> = members.iter().map(|&i| radii[i]).collect();
    // Start on a sunflower spiral (d3's phyllotaxis), in breadth-first order; the golden
    // angle's rotation is applied by multiplication, so no trigonometry is needed.
    const GOLDEN_COS: f64 = -0.737_368_878_078_319_7;
    const GOLDEN_SIN: f64 = 0.675_490_294_261_523_8;
    let spacing = 2.0 * r.iter().sum::<f64>() / m as f64 + 4.0;
    let mut pos = vec![(0.0, 0.0); m];
    let mut turn = (1.0, 0.0);
    for (slot, &i) in start_order(graph, members).iter().enumerate() {
        let reach = spacing * (slot as f64 + 0.5).sqrt();
        pos[local[i] as usize] = (turn.0 * reach, turn.1 * reach);
        turn = (
            turn.0 * GOLDEN_COS - turn.1 * GOLDEN_SIN,
            turn.0 * GOLDEN_SIN + turn.1 * GOLDEN_COS,
        );
    }
    // Links between members, with d3's strength (1 / the smaller degree) and bias (the
    // better-linked end moves less).
    let degree: Vec<f64> = members
        .iter()
        .map(|&i| f64::from(graph.nodes[i].degree.max(1)))
        .collect();
    let links: Vec<(usize, usize, f64, f64, f64)> = graph
        .links
        .iter()
        .filter(|l| l.a != l.b)
        .map(|l| {
            let (a, b) = (local[l.a as usize] as usize, local[l.b as usize] as usize);
            let strength = 1.0 / degree[a].min(degree[b]);
            let bias = degree[a] / (degree[a] + degree[b]);
            (a, b, strength, bias, r[a] + r[b] + LINK_ROOM)
        })
        .collect();
    let charge: Vec<f64> = r.iter().map(|&ri| CHARGE * ri).collect();
    let mut vel = vec![(0.0, 0.0); m];
    let mut alpha = 1.0;
    // Large graphs cool faster: their layout must fit in the worker's time.
    let decay = if m > LARGE {
        ALPHA_DECAY_LARGE
    } else {
        ALPHA_DECAY
    };
    let mut tree = QuadTree {
        theta2: if m > LARGE { THETA2_LARGE } else { THETA2 },
        ..QuadTree::default()
    };
    let mut stack = Vec::new();
    let mut repulsion = vec![(0.0, 0.0); m];
    let mut tick = 0usize;
    let gap = f64::from(super::GAP);
    while alpha >= ALPHA_MIN {
        alpha += (0.0 - alpha) * decay;
        for &(a, b, strength, bias, distance) in &links {
            let mut dx = pos[b].0 + vel[b].0 - pos[a].0 - vel[a].0;
            let mut dy = pos[b].1 + vel[b].1 - pos[a].1 - vel[a].1;
            let mut l = (dx * dx + dy * dy).sqrt();
            if l < 1e-6 {
                dx = 1e-6;
                dy = 0.0;
                l = 1e-6;
            }
            let k = (l - distance) / l * alpha * strength;
            dx *= k;
            dy *= k;
            vel[b].0 -= dx * bias;
            vel[b].1 -= dy * bias;
            vel[a].0 += dx * (1.0 - bias);
            vel[a].1 += dy * (1.0 - bias);
        }
        // Large graphs: the repulsion, which costs most, is measured every other step and
        // reused in between (nodes move little in one step).
        if m <= LARGE || tick.is_multiple_of(2) {
            tree.build(&pos, &charge);
            for (i, f) in repulsion.iter_mut().enumerate() {
                *f = tree.force(i, &pos, &charge, &mut stack);
            }
        }
        tick += 1;
        for i in 0..m {
            let (fx, fy) = repulsion[i];
            vel[i].0 += fx * alpha;
            vel[i].1 += fy * alpha;
            vel[i].0 -= pos[i].0 * GRAVITY * alpha;
            vel[i].1 -= pos[i].1 * GRAVITY * alpha;
        }
        for i in 0..m {
            vel[i].0 *= 1.0 - VELOCITY_DECAY;
            vel[i].1 *= 1.0 - VELOCITY_DECAY;
            pos[i].0 += vel[i].0;
            pos[i].1 += vel[i].1;
        }
        // Collisions once the picture has formed (earlier, nodes still cross each other).
        if alpha < 0.3 && (m <= LARGE || tick.is_multiple_of(2)) {
            collide::relax(&mut pos, &r, gap, 1);
        }
    }
    pos
}

/// Organisations without a link: a grid under the picture, by kind then in dataset
/// order, as wide as the picture.
fn place_unlinked(graph: &Graph, radii: &[f64], linked: &[usize], pos: &mut [Point]) {
    let mut lonely: Vec<usize> = (0..graph.nodes.len())
        .filter(|&i| graph.nodes[i].degree == 0)
        .collect();
    if lonely.is_empty() {
        return;
    }
    crate::sort::sort_by_key(&mut lonely, |&i| kind_rank(graph, i));
    let (mut min_x, mut max_x, mut max_y) = (0.0f64, 0.0f64, 0.0f64);
    for &i in linked {
        min_x = min_x.min(pos[i].0 - radii[i]);
        max_x = max_x.max(pos[i].0 + radii[i]);
        max_y = max_y.max(pos[i].1 + radii[i]);
    }
    let cell =
        2.0 * lonely.iter().map(|&i| radii[i]).fold(0.0, f64::max) + 3.0 * f64::from(super::GAP);
    let width = (max_x - min_x).max(cell * (lonely.len() as f64).sqrt());
    let per_row = ((width / cell).floor() as usize).max(1);
    let rows_width = per_row.min(lonely.len()) as f64 * cell;
    let left = (min_x + max_x) / 2.0 - rows_width / 2.0 + cell / 2.0;
    let top = if linked.is_empty() {
        0.0
    } else {
        max_y + 2.0 * cell
    };
    for (k, &i) in lonely.iter().enumerate() {
        pos[i] = (
            left + (k % per_row) as f64 * cell,
            top + (k / per_row) as f64 * cell,
        );
    }
}

/// Sorts nodes by kind (organisations by their kind, then programmes, then projects).
fn kind_rank(graph: &Graph, i: usize) -> (u8, u8) {
    match graph.nodes[i].kind {
        super::NodeKind::Organisation(k) => (0, k as u8),
        super::NodeKind::Programme => (1, 0),
        super::NodeKind::Project(k) => (2, k as u8),
    }
}

/// A Barnes–Hut quadtree over the nodes, rebuilt at each step: each cell holds its total
/// charge and the charge's centre, so that a far cell acts as one body.
#[derive(Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// Node indices, grouped so that each cell's nodes are contiguous.
    order: Vec<u32>,
    /// Room to regroup them.
    scratch: Vec<u32>,
    theta2: f64,
}

#[derive(Clone, Copy)]
struct Cell {
    /// The cell's width.
    size: f64,
    /// Charge-weighted centre and total charge.
    x: f64,
    y: f64,
    charge: f64,
    /// Children (indices into cells), or none for a leaf.
    children: [u32; 4],
    /// For a leaf: its nodes, `order[start..end]`.
    start: u32,
    end: u32,
}

const NONE: u32 = u32::MAX;
/// Below this many nodes a cell is a leaf (its nodes met one by one).
const LEAF: usize = 4;

impl QuadTree {
    fn build(&mut self, pos: &[Point], charge: &[f64]) {
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..pos.len() as u32);
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let size = (x1 - x0).max(y1 - y0).max(1.0);
        let mut order = std::mem::take(&mut self.order);
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        scratch.resize(order.len(), 0);
        self.split(&mut order, &mut scratch, 0, pos, charge, (x0, y0), size, 0);
        self.order = order;
        self.scratch = scratch;
    }

    /// Builds the cell over `order[start..]` (the nodes in the square at `corner` of
    /// width `size`) and returns its index.
    #[allow(clippy::too_many_arguments)]
    fn split(
        &mut self,
        order: &mut [u32],
        scratch: &mut [u32],
        start: usize,
        pos: &[Point],
        charge: &[f64],
        corner: Point,
        size: f64,
        depth: u32,
    ) -> u32 {
        let index = self.cells.len() as u32;
        let (mut q, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for &i in order.iter() {
            let c = charge[i as usize];
            q += c;
            sx += pos[i as usize].0 * c;
            sy += pos[i as usize].1 * c;
        }
        let (x, y) = if q != 0.0 { (sx / q, sy / q) } else { corner };
        self.cells.push(Cell {
            size,
            x,
            y,
            charge: q,
            children: [NONE; 4],
            start: start as u32,
            end: (start + order.len()) as u32,
        });
        // Coincident nodes would split forever: a depth limit makes them a leaf.
        if order.len() <= LEAF || depth >= 40 {
            return index;
        }
        let half = size / 2.0;
        let (mx, my) = (corner.0 + half, corner.1 + half);
        let quadrant = |i: u32| {
            let (x, y) = pos[i as usize];
            usize::from(x >= mx) + 2 * usize::from(y >= my)
        };
        // Group the nodes by quadrant (a stable counting sort keeps it deterministic).
        let mut counts = [0usize; 4];
        for &i in order.iter() {
            counts[quadrant(i)] += 1;
        }
        let mut next = [
            0,
            counts[0],
            counts[0] + counts[1],
            counts[0] + counts[1] + counts[2],
        ];
        let bounds = next;
        scratch.copy_from_slice(order);
        for &i in scratch.iter() {
            let q = quadrant(i);
            order[next[q]] = i;
            next[q] += 1;
        }
        let mut children = [NONE; 4];
        for (q, child) in children.iter_mut().enumerate() {
            let (from, to) = (bounds[q], bounds[q] + counts[q]);
            if from == to {
                continue;
            }
            let corner = (
                corner.0 + half * (q % 2) as f64,
                corner.1 + half * (q / 2) as f64,
            );
            *child = self.split(
                &mut order[from..to],
                &mut scratch[from..to],
                start + from,
                pos,
                charge,
                corner,
                half,
                depth + 1,
            );
        }
        self.cells[index as usize].children = children;
        index
    }

    /// The repulsion on node `i` (before alpha), as d3's many-body force computes it.
    fn force(&self, i: usize, pos: &[Point], charge: &[f64], stack: &mut Vec<u32>) -> Point {
        let (px, py) = pos[i];
        let (mut fx, mut fy) = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            let (dx, dy) = (cell.x - px, cell.y - py);
            let mut l2 = dx * dx + dy * dy;
            let leaf = cell.children == [NONE; 4];
            if !leaf && cell.size * cell.size < self.theta2 * l2 {
                l2 = l2.max(1.0);
                fx += dx * cell.charge / l2;
                fy += dy * cell.charge / l2;
                continue;
            }
            if leaf {
                for &j in &self.order[cell.start as usize..cell.end as usize] {
                    let j = j as usize;
                    if j == i {
                        continue;
                    }
                    let (mut dx, mut dy) = (pos[j].0 - px, pos[j].1 - py);
                    let mut l2 = dx * dx + dy * dy;
                    if l2 < 1e-12 {
                        // Coincident nodes: part them in a direction of their own.
                        let d = collide::directions()[(i + j) % 16];
                        dx = d.0 * 1e-3;
                        dy = d.1 * 1e-3;
                        l2 = 1e-6;
                    }
                    l2 = l2.max(1.0);
                    fx += dx * charge[j] / l2;
                    fy += dy * charge[j] / l2;
                }
                continue;
            }
            stack.extend(cell.children.iter().copied().filter(|&c| c != NONE));
        }
        (fx, fy)
    }
}
