//! Map geometry: the Equal Earth projection, the pan/zoom view, and screen-space clustering
//! of markers. Pure: no leptos, no web-sys; total over its inputs (clamps, never panics).

pub mod equal_earth;
pub mod focus;
pub mod svg;
pub mod world;

/// Map units per unit of the projection: the committed country paths and marker positions
/// use this scale, with y pointing down (SVG convention).
pub const MAP_SCALE: f64 = 100.0;

/// A point in map units (projected, scaled, y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPoint {
    pub x: f64,
    pub y: f64,
}

/// Projects a WGS84 position to map units.
pub fn to_map(lon: f64, lat: f64) -> MapPoint {
    let (x, y) = equal_earth::project(lon, lat);
    MapPoint {
        x: x * MAP_SCALE,
        y: -y * MAP_SCALE,
    }
}

/// The whole world in map units: (min x, min y, width, height).
pub fn world_bounds() -> (f64, f64, f64, f64) {
    let w = equal_earth::HALF_WIDTH * MAP_SCALE;
    let h = equal_earth::HALF_HEIGHT * MAP_SCALE;
    (-w, -h, 2.0 * w, 2.0 * h)
}

pub const MIN_ZOOM: f64 = 1.0;
pub const MAX_ZOOM: f64 = 64.0;

/// What part of the map a screen of `width` × `height` pixels shows. At zoom 1 the whole
/// world fits the screen; `center` is the map point at the middle of the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub center: MapPoint,
    pub zoom: f64,
    pub width: f64,
    pub height: f64,
}

impl View {
    /// The whole world, centred, on a screen of this size.
    pub fn world(width: f64, height: f64) -> View {
        View {
            center: MapPoint { x: 0.0, y: 0.0 },
            zoom: 1.0,
            width: positive(width),
            height: positive(height),
        }
        .clamped()
    }

    /// Europe (lon −25…45, lat 34…72) framed, with the rest of the world around it.
    pub fn europe(width: f64, height: f64) -> View {
        let sw = to_map(-25.0, 34.0);
        let ne = to_map(45.0, 72.0);
        View::world(width, height).fit(sw, ne)
    }

    /// A screen `width` wide and exactly as high as Europe's framing needs. Drawn for this
    /// size and scaled to fit another box, centred (SVG `viewBox` with
    /// `preserveAspectRatio="xMidYMid meet"`), the picture is [`View::europe`] of that box:
    /// how the prerendered page frames the map for any screen.
    pub fn europe_screen(width: f64) -> (f64, f64) {
        let sw = to_map(-25.0, 34.0);
        let ne = to_map(45.0, 72.0);
        (width, width * (sw.y - ne.y).abs() / (sw.x - ne.x).abs())
    }

    /// Centre and zoom as a link writes them: centre to 0.1 map unit, zoom to 0.01.
    pub fn framing(&self) -> (f64, f64, f64) {
        let round = |v: f64, scale: f64| (v * scale).round() / scale;
        (
            round(self.center.x, 10.0),
            round(self.center.y, 10.0),
            round(self.zoom, 100.0),
        )
    }

    /// This screen, framed at a link's centre and zoom.
    pub fn framed(self, (x, y, zoom): (f64, f64, f64)) -> View {
        View {
            center: MapPoint { x, y },
            zoom,
            ..self
        }
        .clamped()
    }

    /// Pixels per map unit.
    pub fn scale(&self) -> f64 {
        let (_, _, w, h) = world_bounds();
        (self.width / w).min(self.height / h) * self.zoom
    }

    pub fn to_screen(&self, p: MapPoint) -> (f64, f64) {
        let k = self.scale();
        (
            (p.x - self.center.x) * k + self.width / 2.0,
            (p.y - self.center.y) * k + self.height / 2.0,
        )
    }

    pub fn to_map(&self, sx: f64, sy: f64) -> MapPoint {
        let k = self.scale();
        MapPoint {
            x: (sx - self.width / 2.0) / k + self.center.x,
            y: (sy - self.height / 2.0) / k + self.center.y,
        }
    }

    /// Zooms by `factor` keeping the map point under screen position (sx, sy) in place.
    pub fn zoom_at(&self, factor: f64, sx: f64, sy: f64) -> View {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let anchor = self.to_map(sx, sy);
        let mut next = View {
            zoom: (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM),
            ..*self
        };
        // Move the centre so that `anchor` is again at (sx, sy).
        let k = next.scale();
        next.center = MapPoint {
            x: anchor.x - (sx - self.width / 2.0) / k,
            y: anchor.y - (sy - self.height / 2.0) / k,
        };
        next.clamped()
    }

    /// Moves the map by (dx, dy) screen pixels (the content follows the pointer).
    pub fn pan_by(&self, dx: f64, dy: f64) -> View {
        let k = self.scale();
        let (dx, dy) = (finite(dx), finite(dy));
        View {
            center: MapPoint {
                x: self.center.x - dx / k,
                y: self.center.y - dy / k,
            },
            ..*self
        }
        .clamped()
    }

    /// The view that shows the box between two map points, with a margin.
    pub fn fit(&self, a: MapPoint, b: MapPoint) -> View {
        let (_, _, w, h) = world_bounds();
        let bw = (a.x - b.x).abs().max(1e-6) * 1.15;
        let bh = (a.y - b.y).abs().max(1e-6) * 1.15;
        let base = (self.width / w).min(self.height / h);
        let zoom = (self.width / (bw * base)).min(self.height / (bh * base));
        View {
            center: MapPoint {
                x: (a.x + b.x) / 2.0,
                y: (a.y + b.y) / 2.0,
            },
            zoom: zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            ..*self
        }
        .clamped()
    }

    /// Same view on a screen of another size.
    pub fn resized(&self, width: f64, height: f64) -> View {
        View {
            width: positive(width),
            height: positive(height),
            ..*self
        }
        .clamped()
    }

    /// Keeps the zoom in range and the centre inside the world.
    pub fn clamped(self) -> View {
        let (x0, y0, w, h) = world_bounds();
        let zoom = if self.zoom.is_finite() {
            self.zoom.clamp(MIN_ZOOM, MAX_ZOOM)
        } else {
            MIN_ZOOM
        };
        View {
            center: MapPoint {
                x: finite(self.center.x).clamp(x0, x0 + w),
                y: finite(self.center.y).clamp(y0, y0 + h),
            },
            zoom,
            ..self
        }
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

fn positive(v: f64) -> f64 {
    if v.is_finite() && v >= 1.0 {
        v
    } else {
        1.0
    }
}

/// From this zoom on, markers that share one place (several bodies in one city) are
/// spread on a ring instead of being drawn as a cluster that no zoom could separate.
pub const SPREAD_ZOOM: f64 = 16.0;
/// Markers whose screen distance to a cluster's first marker is at most this merge into it.
pub const CLUSTER_RADIUS_PX: f64 = 28.0;
/// Distance between neighbours on the ring of markers that share one place.
pub const RING_SPACING_PX: f64 = 30.0;

/// A group of markers drawn as one, or a single marker (`members.len() == 1`).
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Indices into the input points, in input order.
    pub members: Vec<usize>,
    /// Where to draw it, in screen pixels.
    pub x: f64,
    pub y: f64,
}

/// Points further than this outside the screen are left out (culled): they cannot be
/// seen, and at high zoom most of the world is off-screen.
pub const CULL_MARGIN_PX: f64 = 2.0 * CLUSTER_RADIUS_PX;

/// Groups the points (in map units) that are on screen, or near it, for a view.
/// Deterministic: depends only on the input order and the view. Greedy: each point joins
/// the oldest cluster whose first point is within the radius, found through a grid of
/// radius-sized cells.
pub fn cluster(points: &[MapPoint], view: &View) -> Vec<Cluster> {
    let m = CULL_MARGIN_PX;
    let screen: Vec<Option<(f64, f64)>> = points
        .iter()
        .map(|p| {
            let (x, y) = view.to_screen(*p);
            (x >= -m && y >= -m && x <= view.width + m && y <= view.height + m).then_some((x, y))
        })
        .collect();
    let r = CLUSTER_RADIUS_PX;
    // A dense grid of radius-sized cells over the screen and its margin (at most 1024 cells
    // a side; beyond, the edge cells take the rest, which costs time, never correctness):
    // a seed within the radius is always in the 3×3 cells around a point.
    let side = |len: f64| ((positive(len) + 2.0 * m) / r).ceil().min(1023.0) as usize + 1;
    let (cols, rows) = (side(view.width), side(view.height));
    let cell = |x: f64, y: f64| {
        let at = |v: f64, n: usize| (((v + m) / r).floor().max(0.0) as usize).min(n - 1);
        (at(x, cols), at(y, rows))
    };
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); cols * rows];
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut seeds: Vec<(f64, f64)> = Vec::new();
    for (i, &(x, y)) in screen
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.as_ref().map(|s| (i, s)))
    {
        let (cx, cy) = cell(x, y);
        let mut joined = None;
        // The oldest cluster in reach wins, so the result does not depend on cell order.
        for gy in cy.saturating_sub(1)..=(cy + 1).min(rows - 1) {
            for gx in cx.saturating_sub(1)..=(cx + 1).min(cols - 1) {
                for &c in &grid[gy * cols + gx] {
                    let (sx, sy) = seeds[c];
                    let (dx, dy) = (sx - x, sy - y);
                    if dx * dx + dy * dy <= r * r && joined.is_none_or(|j| c < j) {
                        joined = Some(c);
                    }
                }
            }
        }
        match joined {
            Some(c) => clusters[c].members.push(i),
            None => {
                grid[cy * cols + cx].push(clusters.len());
                seeds.push((x, y));
                clusters.push(Cluster {
                    members: vec![i],
                    x,
                    y,
                });
            }
        }
    }
    // Draw each cluster at the mean of its members.
    for c in &mut clusters {
        let n = c.members.len() as f64;
        let at = |i: usize| screen[i].unwrap_or_default();
        c.x = c.members.iter().map(|&i| at(i).0).sum::<f64>() / n;
        c.y = c.members.iter().map(|&i| at(i).1).sum::<f64>() / n;
    }
    if view.zoom < SPREAD_ZOOM {
        return clusters;
    }
    // Zoomed in far enough: a cluster whose members all share one place (a city point) is
    // shown as a ring of separate markers, since no further zoom could separate them.
    let mut out = Vec::with_capacity(clusters.len());
    // Members closer than the radius even at the deepest zoom count as one place too (two
    // bodies a street apart in one city): zooming in could never separate them.
    let deepest = MAX_ZOOM / view.zoom.max(MIN_ZOOM);
    for c in clusters {
        let first = screen[c.members[0]].unwrap_or_default();
        let same_place = c.members.iter().all(|&i| {
            let (x, y) = screen[i].unwrap_or_default();
            let (dx, dy) = ((x - first.0) * deepest, (y - first.1) * deepest);
            dx * dx + dy * dy <= r * r
        });
        if c.members.len() > 1 && same_place {
            out.extend(ring(&c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The members of a cluster, each alone, on a circle around the cluster's position with
/// [`RING_SPACING_PX`] between neighbours, starting at the top.
fn ring(c: &Cluster) -> Vec<Cluster> {
    let n = c.members.len();
    let radius = RING_SPACING_PX / (2.0 * (std::f64::consts::PI / n as f64).sin());
    c.members
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let angle =
                -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * k as f64 / n as f64;
            Cluster {
                members: vec![i],
                x: c.x + radius * angle.cos(),
                y: c.y + radius * angle.sin(),
            }
        })
        .collect()
}

/// The box (min, max) of some map points; None for none.
pub fn bounds(points: impl IntoIterator<Item = MapPoint>) -> Option<(MapPoint, MapPoint)> {
    points.into_iter().fold(None, |acc, p| {
        Some(match acc {
            None => (p, p),
            Some((lo, hi)) => (
                MapPoint {
                    x: lo.x.min(p.x),
                    y: lo.y.min(p.y),
                },
                MapPoint {
                    x: hi.x.max(p.x),
                    y: hi.y.max(p.y),
                },
            ),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::equal_earth::project;

    #[test]
    fn europe_screen_scaled_to_any_box_is_europe_framed_there() {
        let (w, h) = View::europe_screen(400.0);
        let reference = View::europe(w, h);
        for (bw, bh) in [
            (375.0, 422.0),
            (1422.0, 476.0),
            (800.0, 450.0),
            (412.0, 300.0),
        ] {
            let real = View::europe(bw, bh);
            let s = (bw / w).min(bh / h);
            for (lon, lat) in [
                (2.35, 48.86),
                (-9.1, 38.7),
                (24.9, 60.2),
                (139.7, 35.7),
                (-77.0, 38.9),
            ] {
                let p = to_map(lon, lat);
                let (rx, ry) = reference.to_screen(p);
                let (qx, qy) = real.to_screen(p);
                assert!(
                    (bw / 2.0 + s * (rx - w / 2.0) - qx).abs() < 1e-6,
                    "{bw}x{bh} {lon}"
                );
                assert!(
                    (bh / 2.0 + s * (ry - h / 2.0) - qy).abs() < 1e-6,
                    "{bw}x{bh} {lat}"
                );
            }
        }
    }
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) {
        assert!(
            (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6,
            "{a:?} != {b:?}"
        );
    }

    #[test]
    fn equal_earth_matches_reference_vectors() {
        close(project(180.0, 0.0), (2.706629984, 0.0));
        close(project(0.0, 90.0), (0.0, 1.317362759));
        close(project(2.3522, 48.8566), (0.029444331, 0.923361048));
        close(project(151.2093, -33.8688), (2.087106438, -0.664683777));
    }

    #[test]
    fn equal_earth_is_symmetric_and_total() {
        let (x, y) = project(-40.0, -20.0);
        close(project(40.0, 20.0), (-x, -y));
        close(project(f64::NAN, 500.0), project(0.0, 90.0));
        close(project(-999.0, 0.0), project(-180.0, 0.0));
    }

    #[test]
    fn screen_and_map_round_trip() {
        let v = View::europe(800.0, 500.0);
        let p = to_map(4.8467, 45.7485);
        let (sx, sy) = v.to_screen(p);
        let back = v.to_map(sx, sy);
        assert!((back.x - p.x).abs() < 1e-9 && (back.y - p.y).abs() < 1e-9);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_and_stays_in_range() {
        let v = View::world(1000.0, 500.0);
        let lyon = to_map(4.8467, 45.7485);
        let (sx, sy) = v.to_screen(lyon);
        let z = v.zoom_at(4.0, sx, sy);
        let (nx, ny) = z.to_screen(lyon);
        assert!((nx - sx).abs() < 1e-6 && (ny - sy).abs() < 1e-6);
        assert_eq!(z.zoom, 4.0);
        assert_eq!(v.zoom_at(1000.0, sx, sy).zoom, MAX_ZOOM);
        assert_eq!(v.zoom_at(0.001, sx, sy).zoom, MIN_ZOOM);
        assert_eq!(v.zoom_at(f64::NAN, sx, sy).zoom, 1.0);
    }

    #[test]
    fn europe_preset_frames_paris_and_keeps_the_world_around() {
        let v = View::europe(1000.0, 600.0);
        assert!(v.zoom > 2.0 && v.zoom < 8.0, "{}", v.zoom);
        let (px, py) = v.to_screen(to_map(2.35, 48.86));
        assert!((0.0..1000.0).contains(&px) && (0.0..600.0).contains(&py));
        let (sx, _) = v.to_screen(to_map(151.2, -33.9));
        assert!(sx > 1000.0, "Sydney is off-screen to the right");
    }

    #[test]
    fn pan_moves_content_with_the_pointer_and_is_clamped() {
        let v = View::world(1000.0, 500.0).zoom_at(4.0, 500.0, 250.0);
        let p = to_map(10.0, 50.0);
        let (x0, y0) = v.to_screen(p);
        let (x1, y1) = v.pan_by(30.0, -20.0).to_screen(p);
        assert!((x1 - x0 - 30.0).abs() < 1e-6 && (y1 - y0 + 20.0).abs() < 1e-6);
        let far = v.pan_by(1e9, 1e9);
        let (x0w, y0w, _, _) = world_bounds();
        assert_eq!((far.center.x, far.center.y), (x0w, y0w));
    }

    #[test]
    fn lyon_organisations_merge_at_1x_and_separate_when_zoomed() {
        // Centre Léon Bérard and IARC share Lyon's city point; Clermont-Ferrand is 140 km away.
        let lyon = to_map(4.8467, 45.7485);
        let points = [lyon, lyon, to_map(3.0863, 45.7797)];
        let world = View::world(1000.0, 500.0);
        let at_1x = cluster(&points, &world);
        assert_eq!(at_1x.len(), 1);
        assert_eq!(at_1x[0].members, vec![0, 1, 2]);

        let (sx, sy) = world.to_screen(lyon);
        let close = world.zoom_at(64.0, sx, sy);
        let spread = cluster(&points, &close);
        assert_eq!(spread.len(), 3);
        let d = (spread[0].x - spread[1].x).hypot(spread[0].y - spread[1].y);
        assert!((d - RING_SPACING_PX).abs() < 1e-6, "ring spacing {d}");
    }

    #[test]
    fn the_grid_finds_what_a_scan_of_every_cluster_finds() {
        // The definition, without the grid: each visible point joins the oldest cluster
        // whose first point is within the radius.
        fn naive(points: &[MapPoint], v: &View) -> Vec<Vec<usize>> {
            let m = CULL_MARGIN_PX;
            let mut out: Vec<(f64, f64, Vec<usize>)> = Vec::new();
            for (i, p) in points.iter().enumerate() {
                let (x, y) = v.to_screen(*p);
                if !(x >= -m && y >= -m && x <= v.width + m && y <= v.height + m) {
                    continue;
                }
                match out
                    .iter_mut()
                    .find(|(sx, sy, _)| (sx - x).hypot(sy - y) <= CLUSTER_RADIUS_PX)
                {
                    Some(c) => c.2.push(i),
                    None => out.push((x, y, vec![i])),
                }
            }
            out.into_iter().map(|c| c.2).collect()
        }
        let mut rng = crate::testing::Lcg(7);
        let (mut merged, mut alone) = (0, 0);
        for case in 0..40 {
            // Dense spots and scattered points; sizes from a phone to a very wide screen.
            let points: Vec<MapPoint> = (0..400)
                .map(|_| {
                    let (lon, lat) = if rng.below(2) == 0 {
                        (2.0 + rng.unit() * 3.0, 45.0 + rng.unit() * 3.0)
                    } else {
                        (rng.unit() * 360.0 - 180.0, rng.unit() * 140.0 - 70.0)
                    };
                    to_map(lon, lat)
                })
                .collect();
            let width = [320.0, 800.0, 1920.0, 40_000.0][case % 4];
            // Below the zoom where shared places spread on a ring, which the naive form skips.
            let v = View::world(width, 300.0 + rng.unit() * 700.0).zoom_at(
                1.0 + rng.unit() * (SPREAD_ZOOM - 2.0),
                width * rng.unit(),
                300.0,
            );
            let got: Vec<Vec<usize>> = cluster(&points, &v)
                .into_iter()
                .map(|c| c.members)
                .collect();
            assert_eq!(got, naive(&points, &v), "case {case}");
            merged += got.iter().filter(|c| c.len() > 1).count();
            alone += got.iter().filter(|c| c.len() == 1).count();
        }
        assert!(
            merged > 100 && alone > 100,
            "{merged} clusters, {alone} single markers"
        );
    }

    #[test]
    fn clusters_cover_every_visible_point_once_and_cull_the_rest() {
        let points: Vec<MapPoint> = (0..500)
            .map(|i| to_map((i * 37 % 360) as f64 - 180.0, (i * 53 % 140) as f64 - 70.0))
            .collect();
        for zoom in [1.0, 3.0, 9.0, 20.0, 64.0] {
            let v = View {
                zoom,
                ..View::world(1200.0, 700.0)
            };
            let m = CULL_MARGIN_PX;
            let visible: Vec<usize> = (0..points.len())
                .filter(|&i| {
                    let (x, y) = v.to_screen(points[i]);
                    x >= -m && y >= -m && x <= v.width + m && y <= v.height + m
                })
                .collect();
            let mut seen: Vec<usize> = cluster(&points, &v)
                .into_iter()
                .flat_map(|c| c.members)
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, visible, "zoom {zoom}");
            if zoom == 1.0 {
                assert_eq!(visible.len(), 500, "the whole world is visible at 1x");
            } else if zoom == 64.0 {
                assert!(visible.len() < 50, "{} visible at 64x", visible.len());
            }
        }
    }

    #[test]
    fn bodies_a_street_apart_spread_on_a_ring_and_every_cluster_can_be_split() {
        // Two Paris points 300 m apart: at the deepest zoom still within the radius.
        let pts = [
            to_map(2.3488, 48.8534),
            to_map(2.3522, 48.8550),
            to_map(2.3488, 48.8534),
        ];
        let view = View::world(1440.0, 900.0).framed((pts[0].x, pts[0].y, SPREAD_ZOOM));
        let c = cluster(&pts, &view);
        assert_eq!(c.len(), 3, "{c:?}");
        assert!(c.iter().all(|c| c.members.len() == 1));
        // The real dataset: at the deepest zoom, wherever the view is centred on an
        // organisation, every marker is alone.
        let data = crate::data::embedded().unwrap();
        let points: Vec<MapPoint> = data
            .organisations
            .iter()
            .map(|o| to_map(o.lon, o.lat))
            .collect();
        for p in &points {
            let view = View::world(1440.0, 900.0).framed((p.x, p.y, MAX_ZOOM));
            for c in cluster(&points, &view) {
                assert_eq!(c.members.len(), 1, "a cluster no zoom can split: {c:?}");
            }
        }
    }

    #[test]
    fn fit_frames_a_box() {
        let v = View::world(800.0, 400.0);
        let a = to_map(-5.0, 42.0);
        let b = to_map(9.0, 51.0);
        let f = v.fit(a, b);
        for p in [a, b] {
            let (x, y) = f.to_screen(p);
            assert!((0.0..=800.0).contains(&x) && (0.0..=400.0).contains(&y));
        }
        assert!(f.zoom > 5.0);
    }
}
