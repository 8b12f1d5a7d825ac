//! No two nodes overlap: a grid of cells as wide as the largest node, in which each node
//! only meets the nodes of its own and the eight neighbouring cells. [`relax`] pushes
//! overlapping pairs apart (a few passes fix nearly all); [`settle`] then guarantees the
//! rest by moving each node still overlapping one already settled to the nearest free place
//! around it. Deterministic: cells are visited in key order, never a hash map's.

use std::collections::BTreeMap;

/// A point in layout units, computed in f64 (the stored layout is f32).
pub type Point = (f64, f64);

/// Sixteen directions around a circle, from constants (no `sin`/`cos` at run time, whose
/// last bits differ between libm implementations).
pub fn directions() -> [Point; 16] {
    // cos and sin of π/8.
    const C: f64 = 0.923_879_532_511_286_7;
    const S: f64 = 0.382_683_432_365_089_8;
    let mut out = [(1.0, 0.0); 16];
    for i in 1..16 {
        let (x, y) = out[i - 1];
        out[i] = (x * C - y * S, x * S + y * C);
    }
    out
}

/// Nodes by grid cell, for neighbour queries: a dense grid over the nodes' box, filled by
/// a counting sort (cells grow when the box would need too many).
struct Grid {
    cell: f64,
    origin: Point,
    columns: usize,
    rows: usize,
    /// The nodes of cell `c` are `nodes[start[c]..start[c + 1]]`.
    start: Vec<u32>,
    nodes: Vec<u32>,
}

impl Grid {
    fn new(pos: &[Point], cell: f64) -> Grid {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if pos.is_empty() {
            (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
        }
        // At most about four cells per node.
        let most = (4 * pos.len()).max(16) as f64;
        let mut cell = cell.max(1e-6);
        while ((x1 - x0) / cell + 1.0) * ((y1 - y0) / cell + 1.0) > most {
            cell *= 2.0;
        }
        let columns = ((x1 - x0) / cell) as usize + 1;
        let rows = ((y1 - y0) / cell) as usize + 1;
        let mut grid = Grid {
            cell,
            origin: (x0, y0),
            columns,
            rows,
            start: vec![0; columns * rows + 1],
            nodes: vec![0; pos.len()],
        };
        let cells: Vec<usize> = pos.iter().map(|&p| grid.index(p)).collect();
        for &c in &cells {
            grid.start[c + 1] += 1;
        }
        for c in 0..columns * rows {
            grid.start[c + 1] += grid.start[c];
        }
        let mut next = grid.start.clone();
        for (i, &c) in cells.iter().enumerate() {
            grid.nodes[next[c] as usize] = i as u32;
            next[c] += 1;
        }
        grid
    }

    fn column_row(&self, (x, y): Point) -> (usize, usize) {
        let at = |v: f64, o: f64, n: usize| {
            let k = ((v - o) / self.cell).floor();
            if k.is_nan() || k < 0.0 {
                0
            } else {
                (k as usize).min(n - 1)
            }
        };
        (
            at(x, self.origin.0, self.columns),
            at(y, self.origin.1, self.rows),
        )
    }

    fn index(&self, p: Point) -> usize {
        let (c, r) = self.column_row(p);
        r * self.columns + c
    }

    /// Every node in the 3 × 3 cells around (x, y).
    fn near(&self, p: Point, out: &mut Vec<u32>) {
        out.clear();
        let (c, r) = self.column_row(p);
        for row in r.saturating_sub(1)..(r + 2).min(self.rows) {
            let from = row * self.columns + c.saturating_sub(1);
            let to = row * self.columns + (c + 2).min(self.columns);
            out.extend_from_slice(&self.nodes[self.start[from] as usize..self.start[to] as usize]);
        }
    }
}

/// Pushes overlapping nodes apart (by the square of the other's radius, as d3's collision
/// force weighs them), up to `passes` times or until none overlaps; returns whether some
/// pair still overlaps.
pub fn relax(pos: &mut [Point], radii: &[f64], gap: f64, passes: usize) -> bool {
    let largest = radii.iter().copied().fold(0.0, f64::max);
    let cell = 2.0 * largest + gap;
    let dirs = directions();
    let mut near = Vec::new();
    for _ in 0..passes {
        let grid = Grid::new(pos, cell);
        let mut moved = false;
        for i in 0..pos.len() {
            grid.near(pos[i], &mut near);
            for &j in &near {
                let j = j as usize;
                if j <= i {
                    continue;
                }
                let min = radii[i] + radii[j] + gap;
                let (dx, dy) = (pos[j].0 - pos[i].0, pos[j].1 - pos[i].1);
                let d2 = dx * dx + dy * dy;
                if d2 >= min * min {
                    continue;
                }
                moved = true;
                let d = d2.sqrt();
                // Coincident nodes part in a direction of their own.
                let (ux, uy) = if d > 1e-9 {
                    (dx / d, dy / d)
                } else {
                    dirs[(i * 7 + j) % 16]
                };
                let push = (min - d) * 0.5 + 1e-6;
                let (wi, wj) = (radii[j] * radii[j], radii[i] * radii[i]);
                let (si, sj) = (2.0 * wi / (wi + wj), 2.0 * wj / (wi + wj));
                pos[i].0 -= ux * push * si;
                pos[i].1 -= uy * push * si;
                pos[j].0 += ux * push * sj;
                pos[j].1 += uy * push * sj;
            }
        }
        if !moved {
            return false;
        }
    }
    true
}

/// Guarantees that no two nodes overlap: nodes are settled in order (the first stays where
/// it is), each at its place if it is free, else at the nearest free place found on rings
/// around it. Call [`relax`] first: then few nodes move.
pub fn settle(pos: &mut [Point], radii: &[f64], gap: f64) {
    let largest = radii.iter().copied().fold(0.0, f64::max);
    let cell = 2.0 * largest + gap;
    let dirs = directions();
    let mut settled: BTreeMap<(i64, i64), Vec<u32>> = BTreeMap::new();
    let cell_of = |(x, y): Point| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let free = |settled: &BTreeMap<(i64, i64), Vec<u32>>, p: Point, r: f64, pos: &[Point]| {
        let (cx, cy) = cell_of(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &j in settled
                    .get(&(cx + dx, cy + dy))
                    .map_or(&[][..], Vec::as_slice)
                {
                    let j = j as usize;
                    let min = r + radii[j] + gap;
                    let (ex, ey) = (pos[j].0 - p.0, pos[j].1 - p.1);
                    if ex * ex + ey * ey < min * min {
                        return false;
                    }
                }
            }
        }
        true
    };
    for i in 0..pos.len() {
        let r = radii[i];
        let mut place = pos[i];
        if !free(&settled, place, r, pos) {
            let step = 0.5 * r + gap;
            'rings: for ring in 1.. {
                let reach = step * ring as f64;
                // Turn each ring by a sixteenth and a half so that rings interleave.
                let offset = ring % 16;
                for k in 0..16 {
                    let (ux, uy) = dirs[(k + offset) % 16];
                    let p = (pos[i].0 + ux * reach, pos[i].1 + uy * reach);
                    if free(&settled, p, r, pos) {
                        place = p;
                        break 'rings;
                    }
                }
            }
        }
        pos[i] = place;
        settled.entry(cell_of(place)).or_default().push(i as u32);
    }
}

/// No overlaps, moving nodes as little as it can: [`relax`], then [`settle`].
pub fn resolve(pos: &mut [Point], radii: &[f64], gap: f64) {
    if relax(pos, radii, gap, 50) {
        settle(pos, radii, gap);
    }
}
