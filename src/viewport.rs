//! Pan and zoom over a plane drawn in its own units (the network's layout): which part of
//! the plane a box of the screen shows, and how a drag, a pinch or a key moves it. Total:
//! sizes and factors that are not finite or not positive are ignored, never a panic.
//! Pure: no leptos.

/// How far in or out the view may go, relative to the scale that fits everything.
pub const MIN_RELATIVE_ZOOM: f64 = 0.5;
pub const MAX_RELATIVE_ZOOM: f64 = 40.0;

/// A box's extent in plane units: min x, min y, max x, max y.
pub type Bounds = (f64, f64, f64, f64);

/// A box of `width` × `height` screen pixels showing the plane around (`cx`, `cy`) at
/// `scale` pixels per unit; `fit` is the scale at which `bounds` (everything) fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub cx: f64,
    pub cy: f64,
    pub scale: f64,
    pub width: f64,
    pub height: f64,
    pub bounds: Bounds,
}

fn positive(v: f64, fallback: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        fallback
    }
}

impl Viewport {
    /// The whole of `bounds` in a box, with `margin` pixels around it.
    pub fn fitting(bounds: Bounds, width: f64, height: f64, margin: f64) -> Viewport {
        let width = positive(width, 1.0);
        let height = positive(height, 1.0);
        let bounds = if [bounds.0, bounds.1, bounds.2, bounds.3]
            .iter()
            .all(|v| v.is_finite())
            && bounds.2 >= bounds.0
            && bounds.3 >= bounds.1
        {
            bounds
        } else {
            (0.0, 0.0, 0.0, 0.0)
        };
        let mut v = Viewport {
            cx: 0.0,
            cy: 0.0,
            scale: 1.0,
            width,
            height,
            bounds,
        };
        v = v.framing(bounds, margin);
        v
    }

    /// The scale at which the whole plane fits the box.
    pub fn fit_scale(&self) -> f64 {
        Self::scale_for(self.bounds, self.width, self.height, 16.0)
    }

    fn scale_for(b: Bounds, width: f64, height: f64, margin: f64) -> f64 {
        let w = (b.2 - b.0).max(1.0);
        let h = (b.3 - b.1).max(1.0);
        let sx = (width - 2.0 * margin).max(width * 0.5) / w;
        let sy = (height - 2.0 * margin).max(height * 0.5) / h;
        positive(sx.min(sy), 1.0)
    }

    /// This view moved and zoomed so that `part` fills the box (with `margin` pixels),
    /// within the zoom limits.
    pub fn framing(&self, part: Bounds, margin: f64) -> Viewport {
        let scale = Self::scale_for(part, self.width, self.height, margin);
        Viewport {
            cx: (part.0 + part.2) / 2.0,
            cy: (part.1 + part.3) / 2.0,
            scale,
            ..*self
        }
        .clamped()
    }

    /// Screen position of a plane point.
    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.cx) * self.scale + self.width / 2.0,
            (y - self.cy) * self.scale + self.height / 2.0,
        )
    }

    /// Plane point under a screen position.
    pub fn to_plane(&self, sx: f64, sy: f64) -> (f64, f64) {
        (
            (sx - self.width / 2.0) / self.scale + self.cx,
            (sy - self.height / 2.0) / self.scale + self.cy,
        )
    }

    /// Zoomed by `factor` keeping the plane point under (`sx`, `sy`) where it is.
    pub fn zoom_at(&self, factor: f64, sx: f64, sy: f64) -> Viewport {
        if !factor.is_finite() || factor <= 0.0 || !sx.is_finite() || !sy.is_finite() {
            return *self;
        }
        let (px, py) = self.to_plane(sx, sy);
        let scale = self.limit(self.scale * factor);
        Viewport {
            cx: px - (sx - self.width / 2.0) / scale,
            cy: py - (sy - self.height / 2.0) / scale,
            scale,
            ..*self
        }
        .clamped()
    }

    /// Moved by a drag of (`dx`, `dy`) pixels: the plane follows the pointer.
    pub fn pan_by(&self, dx: f64, dy: f64) -> Viewport {
        if !dx.is_finite() || !dy.is_finite() {
            return *self;
        }
        Viewport {
            cx: self.cx - dx / self.scale,
            cy: self.cy - dy / self.scale,
            ..*self
        }
        .clamped()
    }

    /// The same centre and zoom relative to the fit, in a box of another size.
    pub fn resized(&self, width: f64, height: f64) -> Viewport {
        let relative = self.scale / self.fit_scale();
        let mut v = Viewport {
            width: positive(width, self.width),
            height: positive(height, self.height),
            ..*self
        };
        v.scale = v.fit_scale() * relative;
        v.clamped()
    }

    /// Scrolled the least so that a point (and `margin` pixels around it) is on screen.
    pub fn revealing(&self, x: f64, y: f64, margin: f64) -> Viewport {
        let (sx, sy) = self.to_screen(x, y);
        let margin = margin.min(self.width / 2.0).min(self.height / 2.0);
        let dx = if sx < margin {
            margin - sx
        } else if sx > self.width - margin {
            self.width - margin - sx
        } else {
            0.0
        };
        let dy = if sy < margin {
            margin - sy
        } else if sy > self.height - margin {
            self.height - margin - sy
        } else {
            0.0
        };
        self.pan_by(dx, dy)
    }

    /// Whether a plane point with a screen radius is at least partly in the box.
    pub fn shows(&self, x: f64, y: f64, r_px: f64) -> bool {
        let (sx, sy) = self.to_screen(x, y);
        sx >= -r_px && sy >= -r_px && sx <= self.width + r_px && sy <= self.height + r_px
    }

    fn limit(&self, scale: f64) -> f64 {
        let fit = self.fit_scale();
        positive(scale, fit).clamp(fit * MIN_RELATIVE_ZOOM, fit * MAX_RELATIVE_ZOOM)
    }

    /// Within the zoom limits, and with the centre kept over the plane's bounds.
    pub fn clamped(self) -> Viewport {
        let scale = self.limit(self.scale);
        let b = self.bounds;
        let clamp = |v: f64, lo: f64, hi: f64| {
            if v.is_finite() {
                v.clamp(lo, hi)
            } else {
                (lo + hi) / 2.0
            }
        };
        Viewport {
            cx: clamp(self.cx, b.0, b.2),
            cy: clamp(self.cy, b.1, b.3),
            scale,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLANE: Bounds = (-500.0, -300.0, 500.0, 300.0);

    #[test]
    fn fitting_shows_the_whole_plane_inside_the_box() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0);
        for (x, y) in [(-500.0, -300.0), (500.0, 300.0), (-500.0, 300.0)] {
            let (sx, sy) = v.to_screen(x, y);
            assert!((0.0..=800.0).contains(&sx) && (0.0..=400.0).contains(&sy));
        }
        assert_eq!(v.to_screen(0.0, 0.0), (400.0, 200.0));
    }

    #[test]
    fn screen_and_plane_are_inverse() {
        let v = Viewport::fitting(PLANE, 640.0, 480.0, 10.0).zoom_at(3.0, 100.0, 50.0);
        let (x, y) = v.to_plane(123.0, 321.0);
        let (sx, sy) = v.to_screen(x, y);
        assert!((sx - 123.0).abs() < 1e-9 && (sy - 321.0).abs() < 1e-9);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0);
        let before = v.to_plane(600.0, 100.0);
        let z = v.zoom_at(2.0, 600.0, 100.0);
        let after = z.to_plane(600.0, 100.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert!((z.scale / v.scale - 2.0).abs() < 1e-9);
    }

    #[test]
    fn zoom_stays_within_its_limits() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0);
        let fit = v.fit_scale();
        assert!((v.zoom_at(1e9, 0.0, 0.0).scale - fit * MAX_RELATIVE_ZOOM).abs() < 1e-9);
        assert!((v.zoom_at(1e-9, 0.0, 0.0).scale - fit * MIN_RELATIVE_ZOOM).abs() < 1e-9);
    }

    #[test]
    fn panning_cannot_lose_the_plane() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0).pan_by(1e7, -1e7);
        assert!(v.cx >= PLANE.0 && v.cx <= PLANE.2 && v.cy >= PLANE.1 && v.cy <= PLANE.3);
    }

    #[test]
    fn bad_numbers_change_nothing_and_never_panic() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0);
        assert_eq!(v.zoom_at(f64::NAN, 1.0, 1.0), v);
        assert_eq!(v.zoom_at(-2.0, 1.0, 1.0), v);
        assert_eq!(v.pan_by(f64::INFINITY, 0.0), v);
        let odd = Viewport::fitting((f64::NAN, 0.0, 1.0, 1.0), 0.0, -5.0, 16.0);
        assert!(odd.scale.is_finite() && odd.cx.is_finite());
    }

    #[test]
    fn revealing_scrolls_a_point_into_view_and_leaves_a_visible_one_alone() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0).zoom_at(8.0, 400.0, 200.0);
        assert_eq!(v.revealing(v.cx, v.cy, 40.0), v);
        let moved = v.revealing(450.0, 250.0, 40.0);
        let (sx, sy) = moved.to_screen(450.0, 250.0);
        assert!((40.0 - 1e-6..=760.0 + 1e-6).contains(&sx), "{sx}");
        assert!((40.0 - 1e-6..=360.0 + 1e-6).contains(&sy), "{sy}");
    }

    #[test]
    fn a_resize_keeps_the_relative_zoom() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0).zoom_at(4.0, 400.0, 200.0);
        let r = v.resized(375.0, 300.0);
        assert!((r.scale / r.fit_scale() - v.scale / v.fit_scale()).abs() < 1e-9);
    }

    #[test]
    fn framing_a_part_centres_it() {
        let v = Viewport::fitting(PLANE, 800.0, 400.0, 16.0);
        let f = v.framing((100.0, 100.0, 200.0, 150.0), 20.0);
        assert_eq!((f.cx, f.cy), (150.0, 125.0));
        assert!(f.scale > v.scale);
    }
}
