//! The Equal Earth projection (Šavrič, Patterson & Jenny, 2018) on the unit sphere.
//!
//! Written by hand because it is a dozen lines and the one crate that offers it
//! (`d3_geo_rs`) has a wrong constant. Depends on nothing: `xtask geo` compiles this same
//! file to project the country shapes at generation time.

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Half the width of the projected world (x at longitude ±180°, latitude 0).
pub const HALF_WIDTH: f64 = 2.706_629_984_280_97;
/// Half the height of the projected world (y at latitude ±90°).
pub const HALF_HEIGHT: f64 = 1.317_362_759_157_4;

/// Projects (longitude, latitude) in degrees to (x, y), y growing northwards.
/// Out-of-range input is clamped to the valid range.
pub fn project(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let lon = clamp_or_zero(lon_deg, 180.0).to_radians();
    let lat = clamp_or_zero(lat_deg, 90.0).to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * lat.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lon * theta.cos()
        / (3.0 * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

fn clamp_or_zero(value: f64, limit: f64) -> f64 {
    if value.is_finite() {
        value.clamp(-limit, limit)
    } else {
        0.0
    }
}
