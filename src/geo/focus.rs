//! Keyboard focus among the map's markers, a composite widget with a roving tabindex
//! (WAI-ARIA's practice): all markers together are one Tab stop, and the arrow keys move
//! between them. This module says which marker holds the Tab stop and where a key moves
//! focus; `ui::map` only reads keys and moves focus. Pure, total: no marker, no move.

use super::Cluster;

/// Height of the bands that set the reading order of markers.
const READING_BAND_PX: f64 = 48.0;

/// Markers in reading order (bands from top to bottom, left to right within a band): the
/// order of the markup, of Home and End, and of a screen reader's walk through the map.
pub fn reading_order(clusters: &[Cluster]) -> Vec<&Cluster> {
    let mut sorted: Vec<&Cluster> = clusters.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| {
        let band = |c: &Cluster| (c.y / READING_BAND_PX).floor() as i64;
        band(a).cmp(&band(b)).then(a.x.total_cmp(&b.x))
    });
    sorted
}

/// A key that moves focus inside the markers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    /// Home: the first marker in reading order.
    First,
    /// End: the last marker in reading order.
    Last,
}

impl Move {
    /// The move a key (`KeyboardEvent.key`) asks for, if any.
    pub fn from_key(key: &str) -> Option<Move> {
        Some(match key {
            "ArrowLeft" => Move::Left,
            "ArrowRight" => Move::Right,
            "ArrowUp" => Move::Up,
            "ArrowDown" => Move::Down,
            "Home" => Move::First,
            "End" => Move::Last,
            _ => return None,
        })
    }
}

/// Whether a screen position is inside a `width` × `height` screen (markers in the margin
/// around it are drawn, but cannot be seen: focus never goes there).
fn on_screen((x, y): (f64, f64), (width, height): (f64, f64)) -> bool {
    (0.0..=width).contains(&x) && (0.0..=height).contains(&y)
}

/// Where focus goes from the marker at `from` for a move, among markers at screen
/// `positions` (in reading order) on a screen of `screen` pixels. `None`: stay.
///
/// An arrow goes to the nearest marker (straight-line distance) in the quarter of the plane
/// that the arrow points to (a 90° cone around its axis); if that is empty, in its half of
/// the plane. The four cones are half-open (the diagonal on a cone's left edge, seen along
/// its arrow, belongs to it, the other to the next cone), so that a marker exactly on a
/// diagonal is reached by exactly one arrow. Ties go to the marker closer to the arrow's
/// axis, then to the first in reading order. With these rules every marker can be reached
/// from any other by arrows (tested on random and grid-aligned sets below).
pub fn step(
    positions: &[(f64, f64)],
    from: usize,
    movement: Move,
    screen: (f64, f64),
) -> Option<usize> {
    let shown = || (0..positions.len()).filter(move |&i| on_screen(positions[i], screen));
    let candidates = || shown().filter(move |&i| i != from);
    let origin = *positions.get(from)?;
    // The arrow's frame: `ahead` along the arrow, `side` across it (rotated with it).
    let frame = |(x, y): (f64, f64)| -> (f64, f64) {
        let (dx, dy) = (x - origin.0, y - origin.1);
        match movement {
            Move::Right => (dx, dy),
            Move::Down => (dy, -dx),
            Move::Left => (-dx, -dy),
            Move::Up => (-dy, dx),
            Move::First | Move::Last => (0.0, 0.0),
        }
    };
    match movement {
        Move::First => return shown().next().filter(|&i| i != from),
        Move::Last => return shown().next_back().filter(|&i| i != from),
        _ => {}
    }
    let nearest = |in_cone: bool| {
        candidates()
            .filter_map(|i| {
                let (ahead, side) = frame(positions[i]);
                let inside = ahead > 0.0 && (!in_cone || (-ahead < side && side <= ahead));
                inside.then(|| (ahead.hypot(side), side.abs(), i))
            })
            .min_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then(a.2.cmp(&b.2))
            })
            .map(|(_, _, i)| i)
    };
    nearest(true).or_else(|| nearest(false))
}

/// The marker (position in reading order) that holds the Tab stop: the first of the
/// `preferred` organisations (indices into the dataset's points) that a marker or cluster
/// on screen holds, else the first marker on screen, else the first drawn.
pub fn tab_stop(order: &[&Cluster], preferred: &[usize], screen: (f64, f64)) -> Option<usize> {
    let shown = |k: &usize| on_screen((order[*k].x, order[*k].y), screen);
    preferred
        .iter()
        .find_map(|&org| holding(order, org).filter(shown))
        .or_else(|| (0..order.len()).find(shown))
        .or_else(|| (!order.is_empty()).then_some(0))
}

/// The marker or cluster (position in reading order) that holds an organisation, if drawn.
pub fn holding(order: &[&Cluster], org: usize) -> Option<usize> {
    order.iter().position(|c| c.members.contains(&org))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN: (f64, f64) = (1000.0, 1000.0);

    fn walk(points: &[(f64, f64)], from: usize, moves: &[Move]) -> usize {
        moves
            .iter()
            .fold(from, |at, &m| step(points, at, m, SCREEN).unwrap_or(at))
    }

    /// Every marker reached from the first by arrows alone.
    fn reachable(points: &[(f64, f64)]) -> bool {
        let mut seen = vec![false; points.len()];
        let mut todo = vec![0];
        seen[0] = true;
        while let Some(at) = todo.pop() {
            for m in [Move::Left, Move::Right, Move::Up, Move::Down] {
                if let Some(next) = step(points, at, m, SCREEN) {
                    if !std::mem::replace(&mut seen[next], true) {
                        todo.push(next);
                    }
                }
            }
        }
        seen.iter().all(|&s| s)
    }

    #[test]
    fn an_arrow_goes_to_the_nearest_marker_in_its_direction() {
        // A plus shape around the centre, with a farther marker to the right.
        let points = [
            (500.0, 500.0),
            (600.0, 500.0),
            (800.0, 500.0),
            (400.0, 500.0),
            (500.0, 400.0),
            (500.0, 620.0),
        ];
        assert_eq!(step(&points, 0, Move::Right, SCREEN), Some(1));
        assert_eq!(step(&points, 0, Move::Left, SCREEN), Some(3));
        assert_eq!(step(&points, 0, Move::Up, SCREEN), Some(4));
        assert_eq!(step(&points, 0, Move::Down, SCREEN), Some(5));
        assert_eq!(walk(&points, 0, &[Move::Right, Move::Right]), 2);
    }

    #[test]
    fn a_nearer_marker_off_the_arrows_cone_loses_to_one_inside_it() {
        // Above-right at 45°+ is Up's, not Right's, even though it is nearer.
        let points = [(500.0, 500.0), (530.0, 450.0), (650.0, 520.0)];
        assert_eq!(step(&points, 0, Move::Right, SCREEN), Some(2));
        assert_eq!(step(&points, 0, Move::Up, SCREEN), Some(1));
    }

    #[test]
    fn an_empty_cone_falls_back_to_the_half_plane() {
        let points = [(500.0, 500.0), (520.0, 100.0), (700.0, 900.0)];
        // Nothing within 45° of the right: the nearer of those to the right.
        assert_eq!(step(&points, 0, Move::Right, SCREEN), Some(1));
        // Nothing to the left at all: stay.
        assert_eq!(step(&points, 0, Move::Left, SCREEN), None);
    }

    #[test]
    fn a_marker_on_a_diagonal_belongs_to_exactly_one_arrow() {
        // Down-right is on the edge of Right's cone and of Down's: Right owns it, so Down
        // goes on to the marker straight below, farther away.
        let points = [
            (500.0, 500.0),
            (600.0, 600.0),
            (900.0, 500.0),
            (500.0, 900.0),
        ];
        assert_eq!(step(&points, 0, Move::Right, SCREEN), Some(1));
        assert_eq!(step(&points, 0, Move::Down, SCREEN), Some(3));
    }

    #[test]
    fn ties_go_to_the_marker_nearer_the_axis_then_to_reading_order() {
        // Two at the same distance to the right: the one straighter ahead wins.
        let points = [(500.0, 500.0), (580.0, 440.0), (600.0, 500.0)];
        assert_eq!(step(&points, 0, Move::Right, SCREEN), Some(2));
        // Two mirror images: the first in reading order wins, on every run.
        let mirror = [(500.0, 500.0), (600.0, 450.0), (600.0, 550.0)];
        assert_eq!(step(&mirror, 0, Move::Right, SCREEN), Some(1));
    }

    #[test]
    fn home_and_end_go_to_the_first_and_last_in_reading_order() {
        let points = [(10.0, 10.0), (500.0, 500.0), (900.0, 900.0)];
        assert_eq!(step(&points, 1, Move::First, SCREEN), Some(0));
        assert_eq!(step(&points, 1, Move::Last, SCREEN), Some(2));
        assert_eq!(step(&points, 0, Move::First, SCREEN), None);
        assert_eq!(step(&points, 2, Move::Last, SCREEN), None);
    }

    #[test]
    fn markers_off_screen_are_never_focused() {
        let points = [(-40.0, 500.0), (500.0, 500.0), (1040.0, 500.0)];
        assert_eq!(step(&points, 1, Move::Left, SCREEN), None);
        assert_eq!(step(&points, 1, Move::Right, SCREEN), None);
        assert_eq!(step(&points, 1, Move::First, SCREEN), None);
        assert_eq!(step(&points, 1, Move::Last, SCREEN), None);
    }

    #[test]
    fn no_marker_or_a_bad_index_means_no_move() {
        assert_eq!(step(&[], 0, Move::Right, SCREEN), None);
        assert_eq!(step(&[(1.0, 1.0)], 3, Move::Right, SCREEN), None);
        assert_eq!(step(&[(1.0, 1.0)], 0, Move::Right, SCREEN), None);
        assert_eq!(Move::from_key("a"), None);
        assert_eq!(Move::from_key("End"), Some(Move::Last));
    }

    #[test]
    fn every_marker_is_reachable_by_arrows_in_random_and_grid_aligned_sets() {
        let mut rng = crate::testing::Lcg(30);
        for round in 0..3000 {
            let n = 2 + rng.below(40) as usize;
            let mut points: Vec<(f64, f64)> = (0..n)
                .map(|_| match round % 3 {
                    // Scattered over the screen.
                    0 => (rng.unit() * 1000.0, rng.unit() * 1000.0),
                    // On a coarse grid: many ties and exact diagonals.
                    1 => (rng.below(6) as f64 * 100.0, rng.below(6) as f64 * 100.0),
                    // Three dense groups, as cities are.
                    _ => {
                        let g = rng.below(3) as f64;
                        (
                            200.0 + 300.0 * g + rng.unit() * 60.0,
                            300.0 + 200.0 * g + rng.unit() * 60.0,
                        )
                    }
                })
                .collect();
            let mut unique = Vec::new();
            points.retain(|p| {
                let fresh = !unique.contains(&(p.0.to_bits(), p.1.to_bits()));
                unique.push((p.0.to_bits(), p.1.to_bits()));
                fresh
            });
            assert!(reachable(&points), "round {round}: {points:?}");
        }
    }

    #[test]
    fn the_tab_stop_is_the_preferred_organisation_else_the_first_on_screen() {
        let at = |x: f64, y: f64, members: Vec<usize>| Cluster { members, x, y };
        let clusters = [
            at(-30.0, 10.0, vec![4]),
            at(300.0, 10.0, vec![0]),
            at(20.0, 200.0, vec![1, 2]),
        ];
        let order = reading_order(&clusters);
        // Reading order: the off-screen one first (same band), then 0, then the cluster.
        assert_eq!(order[1].members, [0]);
        assert_eq!(tab_stop(&order, &[2], SCREEN), Some(2));
        assert_eq!(tab_stop(&order, &[9, 0], SCREEN), Some(1));
        assert_eq!(tab_stop(&order, &[4], SCREEN), Some(1));
        assert_eq!(tab_stop(&order, &[], SCREEN), Some(1));
        assert_eq!(tab_stop(&[], &[1], SCREEN), None);
        assert_eq!(holding(&order, 1), Some(2));
        assert_eq!(holding(&order, 7), None);
    }

    #[test]
    fn reading_order_goes_by_bands_then_left_to_right() {
        let at = |x: f64, y: f64, i: usize| Cluster {
            members: vec![i],
            x,
            y,
        };
        let order: Vec<usize> =
            reading_order(&[at(300.0, 10.0, 0), at(10.0, 200.0, 1), at(20.0, 20.0, 2)])
                .iter()
                .map(|c| c.members[0])
                .collect();
        assert_eq!(order, [2, 0, 1]);
    }
}
