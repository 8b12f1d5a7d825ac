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
