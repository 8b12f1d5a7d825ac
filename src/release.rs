//! The dataset's version, its last update and its changelog, from `data/changelog.json`
//! (newest first), which `build.rs` checks and writes as `RELEASES`; and the licence of the
//! compilation. Pure.

/// One version of the dataset: what changed, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Release {
    pub version: &'static str,
    /// `YYYY-MM-DD`.
    pub date: &'static str,
    pub en: &'static [&'static str],
    pub fr: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/release.rs"));

/// The licence of the compilation (the sources keep their own terms).
pub const LICENCE: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The current version and its date, for the footer and the exports (`build.rs` writes
/// `VERSION` and `UPDATED` from the changelog's newest entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub version: &'static str,
    /// `YYYY-MM-DD`.
    pub date: &'static str,
}

pub const CURRENT: Stamp = Stamp {
    version: VERSION,
    date: UPDATED,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn the_latest_release_is_first_and_dated() {
        let r = &RELEASES[0];
        assert_eq!((CURRENT.version, CURRENT.date), (r.version, r.date));
        assert_eq!(r.version.split('.').count(), 3);
        let day = PartialDate::parse(r.date).unwrap();
        assert!(day.day.is_some());
        assert!(RELEASES.windows(2).all(|w| w[0].date >= w[1].date));
        assert!(RELEASES
            .iter()
            .all(|r| !r.en.is_empty() && r.en.len() == r.fr.len()));
    }
}
