//! Pointer gestures over a view that pans and zooms (the map, the network): which pointers
//! are down, when a press becomes a drag, and what a move asks for, a pan with one pointer
//! or a pinch with two. Pure: no leptos, no web-sys; the views only feed it events.

/// A pointer must move this far before a press becomes a drag: a few pixels of jitter
/// during a click are not a drag.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;

/// The zoom a wheel turn asks for: only with Ctrl (or ⌘), which is also how browsers report
/// a trackpad's pinch; a plain wheel scrolls the page. One notch (100) halves or doubles.
pub fn wheel_zoom(ctrl_or_meta: bool, delta_y: f64) -> Option<f64> {
    (ctrl_or_meta && delta_y.is_finite()).then(|| (-delta_y * 0.01).exp2().clamp(0.25, 4.0))
}

/// What a pointer's move asks of the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Gesture {
    /// Nothing yet (jitter before a drag, or a pinch too small to measure).
    Nothing,
    /// Pan by this many pixels.
    Pan(f64, f64),
    /// Zoom by `factor` about the point between the two fingers.
    Zoom { factor: f64, x: f64, y: f64 },
}

/// The pointers that are down (id and position in the view's box), and whether they drag.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pointers {
    down: Vec<(i32, f64, f64)>,
    dragging: bool,
}

impl Pointers {
    /// A pointer pressed at (`x`, `y`).
    pub fn press(&mut self, id: i32, x: f64, y: f64) {
        self.down.retain(|p| p.0 != id);
        self.down.push((id, x, y));
    }

    /// A pointer lifted or cancelled; true when it was the last one and they had dragged
    /// (the click that follows a drag is not a choice).
    pub fn release(&mut self, id: i32) -> bool {
        self.down.retain(|p| p.0 != id);
        if self.down.is_empty() {
            std::mem::take(&mut self.dragging)
        } else {
            false
        }
    }

    /// Whether the pointers are dragging.
    pub fn dragging(&self) -> bool {
        self.dragging
    }

    /// A pointer moved to (`x`, `y`): None when it is not down (a mouse hovering), else
    /// what the move asks for.
    pub fn moved(&mut self, id: i32, x: f64, y: f64) -> Option<Gesture> {
        let at = self.down.iter().position(|p| p.0 == id)?;
        let before = self.down.clone();
        if !self.dragging {
            let (_, x0, y0) = before[at];
            if (x - x0).hypot(y - y0) < DRAG_THRESHOLD_PX && before.len() == 1 {
                return Some(Gesture::Nothing);
            }
            self.dragging = true;
        }
        self.down[at] = (id, x, y);
        Some(match (before.as_slice(), self.down.as_slice()) {
            ([a], [b]) => Gesture::Pan(b.1 - a.1, b.2 - a.2),
            ([a0, a1, ..], [b0, b1, ..]) => {
                let d0 = (a0.1 - a1.1).hypot(a0.2 - a1.2);
                let d1 = (b0.1 - b1.1).hypot(b0.2 - b1.2);
                if d0 > 1.0 {
                    Gesture::Zoom {
                        factor: d1 / d0,
                        x: (b0.1 + b1.1) / 2.0,
                        y: (b0.2 + b1.2) / 2.0,
                    }
                } else {
                    Gesture::Nothing
                }
            }
            _ => Gesture::Nothing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_ctrl_wheel_zooms_and_a_notch_doubles() {
        assert_eq!(wheel_zoom(false, -100.0), None);
        assert_eq!(wheel_zoom(true, -100.0), Some(2.0));
        assert_eq!(wheel_zoom(true, 100.0), Some(0.5));
        assert_eq!(wheel_zoom(true, -1e9), Some(4.0));
        assert_eq!(wheel_zoom(true, f64::NAN), None);
    }

    #[test]
    fn a_few_pixels_of_jitter_are_not_a_drag() {
        let mut p = Pointers::default();
        p.press(1, 100.0, 100.0);
        assert_eq!(p.moved(1, 102.0, 101.0), Some(Gesture::Nothing));
        assert!(!p.dragging());
        assert!(!p.release(1), "a click, not a drag");
    }

    #[test]
    fn one_pointer_pans_by_its_moves_and_its_release_ends_a_drag() {
        let mut p = Pointers::default();
        p.press(1, 100.0, 100.0);
        assert_eq!(p.moved(1, 110.0, 95.0), Some(Gesture::Pan(10.0, -5.0)));
        assert_eq!(p.moved(1, 120.0, 95.0), Some(Gesture::Pan(10.0, 0.0)));
        assert!(p.release(1), "the click after a drag is not a choice");
        assert!(!p.dragging());
    }

    #[test]
    fn two_pointers_pinch_about_their_middle() {
        let mut p = Pointers::default();
        p.press(1, 100.0, 100.0);
        p.press(2, 200.0, 100.0);
        match p.moved(2, 300.0, 100.0) {
            Some(Gesture::Zoom { factor, x, y }) => {
                assert!((factor - 2.0).abs() < 1e-9);
                assert_eq!((x, y), (200.0, 100.0));
            }
            other => panic!("{other:?}"),
        }
        assert!(!p.release(1), "one finger is still down");
        assert!(p.release(2));
    }

    #[test]
    fn a_pointer_that_is_not_down_only_hovers() {
        let mut p = Pointers::default();
        assert_eq!(p.moved(7, 1.0, 1.0), None);
        p.press(1, 0.0, 0.0);
        assert_eq!(p.moved(7, 1.0, 1.0), None);
    }
}
