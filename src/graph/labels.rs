//! Where the names go on screen: beside their node, never over another name or a node.
//! Run by the view at each draw, in screen pixels, so that names keep one size at every
//! zoom.

/// A node whose name is to be drawn: its centre and radius on screen, and its label's box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub width: f64,
    pub height: f64,
}

/// How a label's text is anchored at its position (SVG `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Where a label goes: its text's anchor point, `y` the middle of the text
/// (SVG `dominant-baseline="middle"`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
}

/// Room between a node's edge and its label, in pixels.
const OFFSET: f64 = 4.0;

/// A box on screen: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// True when the circle (x, y, r) reaches into the box.
fn covers(rect: Rect, (x, y, r): (f64, f64, f64)) -> bool {
    let dx = x - x.clamp(rect.0, rect.2);
    let dy = y - y.clamp(rect.1, rect.3);
    dx * dx + dy * dy < r * r
}

/// The places tried for a label, best first: right of the node, left, above, below,
/// then at its four corners.
fn places(c: &Candidate) -> [(Placed, Rect); 8] {
    let (w, h) = (c.width, c.height);
    let side = c.r + OFFSET;
    // Diagonal places keep the box's corner off the circle.
    let corner = c.r * 0.7072 + OFFSET;
    let at = |x: f64, y: f64, anchor: Anchor| {
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        (
            Placed { x, y, anchor },
            (left, y - h / 2.0, left + w, y + h / 2.0),
        )
    };
    [
        at(c.x + side, c.y, Anchor::Start),
        at(c.x - side, c.y, Anchor::End),
        at(c.x, c.y - side - h / 2.0, Anchor::Middle),
        at(c.x, c.y + side + h / 2.0, Anchor::Middle),
        at(c.x + corner, c.y - corner - h / 2.0, Anchor::Start),
        at(c.x + corner, c.y + corner + h / 2.0, Anchor::Start),
        at(c.x - corner, c.y - corner - h / 2.0, Anchor::End),
        at(c.x - corner, c.y + corner + h / 2.0, Anchor::End),
    ]
}

/// Boxes and circles by grid cell, so that each place is checked against its neighbours
/// only (a draw can hold thousands of nodes).
struct Cells<T> {
    origin: (f64, f64),
    size: f64,
    columns: usize,
    rows: usize,
    items: Vec<Vec<T>>,
}

impl<T: Copy> Cells<T> {
    fn new(area: Rect, size: f64) -> Cells<T> {
        let columns = (((area.2 - area.0) / size).ceil() as usize).clamp(1, 64);
        let rows = (((area.3 - area.1) / size).ceil() as usize).clamp(1, 64);
        let size = size
            .max((area.2 - area.0) / columns as f64)
            .max((area.3 - area.1) / rows as f64);
        Cells {
            origin: (area.0, area.1),
            size,
            columns,
            rows,
            items: vec![Vec::new(); columns * rows],
        }
    }

    /// The cells a box touches (clamped to the grid: what lies outside is in the edge cells).
    fn range(&self, r: Rect) -> (usize, usize, usize, usize) {
        let cell = |v: f64, o: f64, n: usize| {
            let k = ((v - o) / self.size).floor();
            if k.is_nan() || k < 0.0 {
                0
            } else {
                (k as usize).min(n - 1)
            }
        };
        (
            cell(r.0, self.origin.0, self.columns),
            cell(r.1, self.origin.1, self.rows),
            cell(r.2, self.origin.0, self.columns),
            cell(r.3, self.origin.1, self.rows),
        )
    }

    fn insert(&mut self, r: Rect, item: T) {
        let (c0, r0, c1, r1) = self.range(r);
        for row in r0..=r1 {
            for column in c0..=c1 {
                self.items[row * self.columns + column].push(item);
            }
        }
    }

    fn any(&self, r: Rect, hit: impl Fn(T) -> bool) -> bool {
        let (c0, r0, c1, r1) = self.range(r);
        (r0..=r1).any(|row| {
            (c0..=c1).any(|column| {
                self.items[row * self.columns + column]
                    .iter()
                    .any(|&t| hit(t))
            })
        })
    }
}

/// For each candidate (in priority order), where its label goes, or `None` when it cannot
/// be placed without overlapping an earlier label or any node of `obstacles` (screen
/// centres and radii of all drawn nodes). The first of eight places around the node that
/// is free wins: right, left, above, below, then the corners.
pub fn place_labels(
    candidates: &[Candidate],
    obstacles: &[(f64, f64, f64)],
) -> Vec<Option<Placed>> {
    let finite = |v: f64| v.is_finite();
    // The area where labels can go; obstacles beyond it cannot be in the way.
    let mut area = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut tallest: f64 = 1.0;
    for c in candidates {
        if ![c.x, c.y, c.r, c.width, c.height].into_iter().all(finite) {
            continue;
        }
        let reach = c.r + OFFSET + c.width + c.height;
        area = (
            area.0.min(c.x - reach),
            area.1.min(c.y - reach),
            area.2.max(c.x + reach),
            area.3.max(c.y + reach),
        );
        tallest = tallest.max(c.height);
    }
    if area.0 > area.2 {
        return vec![None; candidates.len()];
    }
    let size = 4.0 * tallest;
    let mut nodes: Cells<(f64, f64, f64)> = Cells::new(area, size);
    for &(x, y, r) in obstacles {
        let r = r.max(0.0);
        if [x, y, r].into_iter().all(finite) {
            let b = (x - r, y - r, x + r, y + r);
            if overlaps(b, area) {
                nodes.insert(b, (x, y, r));
            }
        }
    }
    let mut labels: Cells<Rect> = Cells::new(area, size);
    candidates
        .iter()
        .map(|c| {
            if ![c.x, c.y, c.r, c.width, c.height].into_iter().all(finite) {
                return None;
            }
            let (placed, rect) = places(c).into_iter().find(|&(_, rect)| {
                !labels.any(rect, |other| overlaps(rect, other))
                    && !nodes.any(rect, |circle| covers(rect, circle))
            })?;
            labels.insert(rect, rect);
            Some(placed)
        })
        .collect()
}

/// The box a placed label covers, for a label of `width` × `height` (for tests and for a
/// view that outlines it).
pub fn label_box(p: &Placed, width: f64, height: f64) -> (f64, f64, f64, f64) {
    let left = match p.anchor {
        Anchor::Start => p.x,
        Anchor::Middle => p.x - width / 2.0,
        Anchor::End => p.x - width,
    };
    (left, p.y - height / 2.0, left + width, p.y + height / 2.0)
}
