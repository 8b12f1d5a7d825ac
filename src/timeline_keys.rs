//! The timeline's items as one keyboard stop (WAI-ARIA's composite widget with a roving
//! tabindex): which item holds the stop, and which item each key moves to. Left and Right
//! step through a lane in chronological order, Up and Down go to the nearest item in time in
//! the lane above or below, Home and End to a lane's ends. Pure: no leptos, no pixels (items
//! are placed by days, so a move does not depend on the zoom).

/// One item as the keys see it: its lane (top to bottom) and its extent in days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub lane: usize,
    pub from: f64,
    pub to: f64,
}

/// A key that moves inside the timeline's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Previous,
    Next,
    LaneAbove,
    LaneBelow,
    First,
    Last,
}

impl Move {
    /// The move a key (`KeyboardEvent.key`) asks for, if any.
    pub fn from_key(key: &str) -> Option<Move> {
        Some(match key {
            "ArrowLeft" => Move::Previous,
            "ArrowRight" => Move::Next,
            "ArrowUp" => Move::LaneAbove,
            "ArrowDown" => Move::LaneBelow,
            "Home" => Move::First,
            "End" => Move::Last,
            _ => return None,
        })
    }
}

/// The item `step` leads to from `current`, or `None` where there is nowhere to go (the
/// lane's end, the top or bottom lane). `slots` are in lane order, each lane in
/// chronological order (as `lanes::items` gives them); lanes with no item are skipped.
pub fn step(slots: &[Slot], current: usize, step: Move) -> Option<usize> {
    let here = *slots.get(current)?;
    let lane_of = |lane: usize| (0..slots.len()).filter(move |&i| slots[i].lane == lane);
    match step {
        Move::Previous => lane_of(here.lane).take_while(|&i| i < current).last(),
        Move::Next => lane_of(here.lane).find(|&i| i > current),
        Move::First => lane_of(here.lane).next(),
        Move::Last => lane_of(here.lane).next_back(),
        Move::LaneAbove | Move::LaneBelow => {
            let lane = slots
                .iter()
                .map(|s| s.lane)
                .filter(|&l| {
                    if step == Move::LaneAbove {
                        l < here.lane
                    } else {
                        l > here.lane
                    }
                })
                .reduce(|a, b| {
                    if (step == Move::LaneAbove) == (a > b) {
                        a
                    } else {
                        b
                    }
                })?;
            // Nearest in time: the gap between the two extents (none if they overlap),
            // then the distance between their middles, then the earlier.
            let middle = |s: Slot| (s.from + s.to) / 2.0;
            lane_of(lane).min_by(|&a, &b| {
                let key = |i: usize| {
                    let s = slots[i];
                    let gap = (s.from - here.to).max(here.from - s.to).max(0.0);
                    (gap, (middle(s) - middle(here)).abs())
                };
                let (ka, kb) = (key(a), key(b));
                ka.0.total_cmp(&kb.0)
                    .then(ka.1.total_cmp(&kb.1))
                    .then(a.cmp(&b))
            })
        }
    }
}

/// Which item holds the timeline's one Tab stop: the item last focused, while it is still
/// drawn; else the selected item, if it is on the timeline; else the first item in view;
/// else the first item. `None` only when there is no item.
pub fn tab_stop(
    count: usize,
    last_focused: Option<usize>,
    selected: Option<usize>,
    in_view: impl Fn(usize) -> bool,
) -> Option<usize> {
    last_focused
        .filter(|&i| i < count)
        .or(selected.filter(|&i| i < count))
        .or_else(|| (0..count).find(|&i| in_view(i)))
        .or((count > 0).then_some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(lane: usize, from: f64, to: f64) -> Slot {
        Slot { lane, from, to }
    }

    /// Lane 0: 0..10, 20..30, 40..50; lane 1 empty; lane 2: 5..6, 28..29, 90..100.
    fn slots() -> Vec<Slot> {
        vec![
            slot(0, 0.0, 10.0),
            slot(0, 20.0, 30.0),
            slot(0, 40.0, 50.0),
            slot(2, 5.0, 6.0),
            slot(2, 28.0, 29.0),
            slot(2, 90.0, 100.0),
        ]
    }

    #[test]
    fn left_and_right_step_through_a_lane_and_stop_at_its_ends() {
        let s = slots();
        assert_eq!(step(&s, 1, Move::Next), Some(2));
        assert_eq!(step(&s, 1, Move::Previous), Some(0));
        assert_eq!(step(&s, 2, Move::Next), None, "no wrap into the next lane");
        assert_eq!(step(&s, 3, Move::Previous), None);
        assert_eq!(step(&s, 4, Move::Next), Some(5));
    }

    #[test]
    fn home_and_end_go_to_the_lanes_ends() {
        let s = slots();
        assert_eq!(step(&s, 1, Move::First), Some(0));
        assert_eq!(step(&s, 1, Move::Last), Some(2));
        assert_eq!(step(&s, 4, Move::First), Some(3));
        assert_eq!(step(&s, 4, Move::Last), Some(5));
    }

    #[test]
    fn up_and_down_go_to_the_nearest_item_in_time_skipping_empty_lanes() {
        let s = slots();
        assert_eq!(
            step(&s, 1, Move::LaneBelow),
            Some(4),
            "28..29 lies within 20..30"
        );
        assert_eq!(step(&s, 0, Move::LaneBelow), Some(3));
        assert_eq!(
            step(&s, 2, Move::LaneBelow),
            Some(4),
            "29 is nearer 40 than 90 is 50"
        );
        assert_eq!(step(&s, 5, Move::LaneAbove), Some(2));
        assert_eq!(step(&s, 0, Move::LaneAbove), None, "the top lane");
        assert_eq!(step(&s, 5, Move::LaneBelow), None, "the bottom lane");
    }

    #[test]
    fn of_two_overlapping_items_the_one_centred_nearer_wins() {
        let s = [slot(0, 40.0, 60.0), slot(1, 0.0, 60.0), slot(1, 45.0, 55.0)];
        assert_eq!(step(&s, 0, Move::LaneBelow), Some(2));
    }

    #[test]
    fn every_item_is_reachable_with_the_arrows() {
        let s = slots();
        let mut seen = vec![false; s.len()];
        let mut todo = vec![0];
        while let Some(i) = todo.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            for m in [Move::Previous, Move::Next, Move::LaneAbove, Move::LaneBelow] {
                todo.extend(step(&s, i, m));
            }
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn keys_other_than_arrows_home_and_end_move_nothing() {
        assert_eq!(Move::from_key("ArrowUp"), Some(Move::LaneAbove));
        assert_eq!(Move::from_key("Enter"), None);
        assert_eq!(step(&slots(), 99, Move::Next), None, "an unknown item");
    }

    #[test]
    fn the_tab_stop_is_the_last_focused_then_the_selection_then_the_first_in_view() {
        assert_eq!(tab_stop(5, Some(3), Some(1), |_| true), Some(3));
        assert_eq!(tab_stop(5, None, Some(1), |_| true), Some(1));
        assert_eq!(tab_stop(5, None, None, |i| i >= 2), Some(2));
        assert_eq!(tab_stop(5, None, None, |_| false), Some(0));
        assert_eq!(
            tab_stop(5, Some(9), None, |_| true),
            Some(0),
            "no longer drawn"
        );
        assert_eq!(tab_stop(0, None, None, |_| true), None);
    }
}
