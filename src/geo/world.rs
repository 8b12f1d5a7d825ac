//! The committed country shapes (`world.tsv`, made by `cargo xtask geo`), read without
//! serde: one line per country, `ISO3 <tab> name <tab> SVG path`, `#` lines are comments.

/// One country's outline, pre-projected in map units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-3.
    pub iso3: &'static str,
    /// English short name from Natural Earth (not shown: labels come from the dataset).
    pub name: &'static str,
    pub path: &'static str,
}

pub const WORLD_TSV: &str = include_str!("world.tsv");

/// Parses a world file; malformed lines are skipped (the file is generated and tested).
pub fn parse(text: &'static str) -> Vec<CountryShape> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.splitn(3, '\t');
            let (iso3, name, path) = (cols.next()?, cols.next()?, cols.next()?);
            (iso3.len() == 3 && path.starts_with('M')).then_some(CountryShape { iso3, name, path })
        })
        .collect()
}

/// The bounding box of a shape's path, in map units: (min x, min y, max x, max y). Reads the
/// generated paths' own grammar (`M x y l dx dy … z`, repeated); `None` for a path without
/// points or with a number it cannot read.
pub fn bounds(path: &str) -> Option<(f64, f64, f64, f64)> {
    let (mut min, mut max) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    let (mut x, mut y, mut relative) = (0.0, 0.0, false);
    let mut pending: Option<f64> = None;
    let mut token = String::new();
    // Ends the number being read; every second number completes a point.
    let mut flush = |token: &mut String, relative: &mut bool| -> Option<()> {
        if token.is_empty() {
            return Some(());
        }
        let v = token.parse::<f64>().ok().filter(|v| v.is_finite())?;
        token.clear();
        match pending.take() {
            None => pending = Some(v),
            Some(first) => {
                (x, y) = if *relative {
                    (x + first, y + v)
                } else {
                    (first, v)
                };
                // After the first pair of an `M`, further pairs continue as lines.
                *relative = true;
                min = (min.0.min(x), min.1.min(y));
                max = (max.0.max(x), max.1.max(y));
            }
        }
        Some(())
    };
    for ch in path.chars().chain(std::iter::once(' ')) {
        match ch {
            'M' | 'l' | 'z' => {
                flush(&mut token, &mut relative)?;
                relative = ch == 'l';
            }
            '-' if !token.is_empty() && !token.ends_with('e') => {
                flush(&mut token, &mut relative)?;
                token.push(ch);
            }
            ' ' | ',' => flush(&mut token, &mut relative)?,
            c if c.is_ascii_digit() || c == '.' || c == '-' || c == 'e' => token.push(c),
            _ => return None,
        }
    }
    drop(flush);
    (pending.is_none() && min.0 <= max.0).then_some((min.0, min.1, max.0, max.1))
}

/// Every country of the embedded world file.
pub fn countries() -> Vec<CountryShape> {
    parse(WORLD_TSV)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_world_has_the_countries_the_dataset_needs() {
        let world = countries();
        assert!(world.len() > 150, "{}", world.len());
        for iso3 in [
            "AUS", "BEL", "CAN", "CHE", "DEU", "FRA", "GBR", "ITA", "JPN", "PYF", "SVN", "USA",
            "LUX", "MLT",
        ] {
            assert!(world.iter().any(|c| c.iso3 == iso3), "{iso3} missing");
        }
    }

    #[test]
    fn bounds_follow_absolute_moves_and_relative_lines() {
        assert_eq!(bounds("M1 2l3 4-5-10z"), Some((-1.0, -4.0, 4.0, 6.0)));
        assert_eq!(
            bounds("M0 0l1 1zM-3.5 2l0.5-0.5z"),
            Some((-3.5, 0.0, 1.0, 2.0))
        );
        assert_eq!(bounds("M1 2l3 x4z"), None);
        assert_eq!(bounds(""), None);
        // France's outline holds Paris; Japan's does not.
        let world = countries();
        let shape = |iso3: &str| world.iter().find(|c| c.iso3 == iso3).unwrap().path;
        let paris = crate::geo::to_map(2.35, 48.86);
        let inside = |b: (f64, f64, f64, f64)| {
            paris.x >= b.0 && paris.x <= b.2 && paris.y >= b.1 && paris.y <= b.3
        };
        assert!(inside(bounds(shape("FRA")).unwrap()));
        assert!(!inside(bounds(shape("JPN")).unwrap()));
    }

    #[test]
    fn skips_comments_and_malformed_lines() {
        let parsed = parse("# comment\nFRA\tFrance\tM1 2l3 4z\nbad line\nXX\tShort\tM0 0z\n");
        assert_eq!(
            parsed,
            vec![CountryShape {
                iso3: "FRA",
                name: "France",
                path: "M1 2l3 4z"
            }]
        );
    }
}
