//! What the timeline shows: the dataset's dated records sorted into lanes (G7 Cancer,
//! Unicancer partnerships, EU projects and joint actions, events), and what is active on
//! a given day for the map. Pure: no leptos.

use crate::i18n::Lang;
use crate::model::{Dataset, Day, PartialDate, RelationKind, Span, Text};

/// A row of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    G7,
    Unicancer,
    Eu,
    Events,
}

impl Lane {
    pub const ALL: [Lane; 4] = [Lane::G7, Lane::Unicancer, Lane::Eu, Lane::Events];

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Lane::G7, _) => "G7 Cancer",
            (Lane::Unicancer, Lang::En) => "Unicancer partnerships",
            (Lane::Unicancer, Lang::Fr) => "Partenariats d’Unicancer",
            (Lane::Eu, Lang::En) => "EU projects and joint actions",
            (Lane::Eu, Lang::Fr) => "Projets et actions conjointes de l’UE",
            (Lane::Events, Lang::En) => "Events",
            (Lane::Events, Lang::Fr) => "Événements",
        }
    }
}

/// One thing on the timeline: a project, a partnership (relation) or an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The record's id (project, relation or event), which selection uses.
    pub id: String,
    pub lane: Lane,
    pub label: Text,
    pub span: Span,
    /// An event: drawn as a point (a day) or a soft band (a month or year).
    pub point: bool,
    /// A project (not a partnership or an event): the timeline names these first.
    pub project: bool,
    /// Organisations and projects the item involves, for highlighting.
    pub involves: Vec<String>,
}

/// A short name for an organisation or project: its acronym, or else its name.
pub fn short_name(data: &Dataset, id: &str, lang: Lang) -> String {
    short_of(
        data.organisations.iter().find(|o| o.id == id),
        data.projects.iter().find(|p| p.id == id),
        id,
        lang,
    )
}

/// The organisation's short name, else the project's, else the id itself.
fn short_of(
    org: Option<&crate::model::Organisation>,
    project: Option<&crate::model::Project>,
    id: &str,
    lang: Lang,
) -> String {
    match (org, project) {
        (Some(o), _) => o.acronym.as_ref().unwrap_or(&o.name).get(lang).to_owned(),
        (None, Some(p)) => p.acronym.as_ref().unwrap_or(&p.name).get(lang).to_owned(),
        (None, None) => id.to_owned(),
    }
}

/// Short names and organisations by id, for many lookups: a binary search each instead of
/// a scan of every record (which made the table take 20 s at 10 000 organisations).
pub struct Names<'a> {
    data: &'a Dataset,
    orgs: crate::sort::Positions<'a>,
    projects: crate::sort::Positions<'a>,
}

impl<'a> Names<'a> {
    pub fn new(data: &'a Dataset) -> Names<'a> {
        Names {
            data,
            orgs: crate::sort::Positions::new(data.organisations.iter().map(|o| o.id.as_str())),
            projects: crate::sort::Positions::new(data.projects.iter().map(|p| p.id.as_str())),
        }
    }

    pub fn organisation(&self, id: &str) -> Option<&'a crate::model::Organisation> {
        self.orgs.get(id).map(|i| &self.data.organisations[i])
    }

    /// As [`short_name`].
    pub fn short(&self, id: &str, lang: Lang) -> String {
        let project = self.projects.get(id).map(|i| &self.data.projects[i]);
        short_of(self.organisation(id), project, id, lang)
    }
}

/// How many relations each organisation takes part in, in dataset order: one pass.
pub fn relation_counts(data: &Dataset) -> Vec<usize> {
    let orgs = crate::sort::Positions::new(data.organisations.iter().map(|o| o.id.as_str()));
    let mut counts = vec![0; data.organisations.len()];
    for r in &data.relations {
        let from = orgs.get(&r.from);
        if let Some(i) = from {
            counts[i] += 1;
        }
        match orgs.get(&r.to) {
            Some(i) if Some(i) != from => counts[i] += 1,
            _ => {}
        }
    }
    counts
}

fn is_org(data: &Dataset, id: &str) -> bool {
    data.organisations.iter().any(|o| o.id == id)
}

/// Every dated item, lane by lane, each lane in chronological order.
pub fn items(data: &Dataset) -> Vec<Item> {
    let mut out = Vec::new();
    let in_programme =
        |p: &crate::model::Project, prog: &str| p.programmes.iter().any(|x| x == prog);
    for p in &data.projects {
        if p.span.start.is_none() {
            continue;
        }
        let lane = if in_programme(p, "prog-g7") {
            Lane::G7
        } else if in_programme(p, "prog-eu") {
            Lane::Eu
        } else if in_programme(p, "prog-unicancer") {
            Lane::Unicancer
        } else {
            continue;
        };
        let label = p.acronym.clone().unwrap_or_else(|| p.name.clone());
        let mut involves = vec![p.id.clone()];
        involves.extend(p.coordinator.clone());
        involves.extend(
            data.relations
                .iter()
                .filter(|r| r.to == p.id && is_org(data, &r.from))
                .map(|r| r.from.clone()),
        );
        out.push(Item {
            id: p.id.clone(),
            lane,
            label,
            span: p.span,
            point: false,
            project: true,
            involves,
        });
    }
    // Unicancer's partnerships with other organisations, when their start is known.
    for r in &data.relations {
        let other = if r.from == "unicancer" {
            &r.to
        } else if r.to == "unicancer" {
            &r.from
        } else {
            continue;
        };
        if r.span.start.is_none()
            || !is_org(data, other)
            || r.kind == RelationKind::MemberOf && r.to == "unicancer"
        {
            continue;
        }
        let phrase = |lang: Lang| {
            lang.relation_phrase(
                &short_name(data, &r.from, lang),
                r.kind,
                &short_name(data, &r.to, lang),
            )
        };
        let label = Text::new(phrase(Lang::En), phrase(Lang::Fr));
        out.push(Item {
            id: r.id.clone(),
            lane: Lane::Unicancer,
            label,
            span: r.span,
            point: false,
            project: false,
            involves: vec![r.from.clone(), r.to.clone()],
        });
    }
    for e in &data.events {
        let Some(date) = e.date else { continue };
        out.push(Item {
            id: e.id.clone(),
            lane: Lane::Events,
            label: e.label.clone(),
            span: Span::new(Some(date), Some(e.until.unwrap_or(date))),
            point: true,
            project: false,
            involves: e.related.clone(),
        });
    }
    crate::sort::sort_by(&mut out, |a, b| {
        a.lane
            .cmp(&b.lane)
            .then(a.span.chronological(&b.span))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// The first and last days any item can mean (open ends count as `today`).
pub fn extent(items: &[Item], today: Day) -> (Day, Day) {
    let first = items
        .iter()
        .filter_map(|i| i.span.start.map(|s| s.first_day()))
        .min()
        .unwrap_or(today);
    let last = items
        .iter()
        .map(|i| i.span.end.map_or(today, |e| e.last_day()))
        .max()
        .unwrap_or(today)
        .max(today);
    (first, last)
}

/// What the map shows on `day`: organisations with at least one relation active then (or
/// with no relation at all), relations active then, and the ISO alpha-3 codes of countries
/// with an active G7 Cancer member or observer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub organisations: Vec<bool>,
    pub relations: Vec<bool>,
    pub g7_countries: Vec<String>,
}

/// The snapshot for one day (builds the [`SnapshotIndex`] each time: for tests and one-offs).
pub fn snapshot(data: &Dataset, day: Day) -> Snapshot {
    SnapshotIndex::new(data).snapshot(data, day)
}

/// What a snapshot needs about the dataset whatever the day, built once: each relation's
/// ends as organisation indices. Without it a snapshot compared every organisation with
/// every relation (230 million comparisons, a second, at 10 000 organisations).
#[derive(Clone, Debug, Default)]
pub struct SnapshotIndex {
    ends: Vec<[Option<usize>; 2]>,
}

impl SnapshotIndex {
    pub fn new(data: &Dataset) -> SnapshotIndex {
        let orgs = crate::sort::Positions::new(data.organisations.iter().map(|o| o.id.as_str()));
        let ends = data
            .relations
            .iter()
            .map(|r| [orgs.get(&r.from), orgs.get(&r.to)])
            .collect();
        SnapshotIndex { ends }
    }

    /// What holds on `day`: an organisation shows when it has no relation at all or one
    /// active that day.
    pub fn snapshot(&self, data: &Dataset, day: Day) -> Snapshot {
        let relations: Vec<bool> = data
            .relations
            .iter()
            .map(|r| r.span.active_on(day))
            .collect();
        // Per organisation: has any relation, has an active one.
        let mut touched = vec![(false, false); data.organisations.len()];
        for (ends, &active) in self.ends.iter().zip(&relations) {
            for &i in ends.iter().flatten() {
                touched[i].0 = true;
                touched[i].1 |= active;
            }
        }
        let organisations = touched
            .iter()
            .map(|&(any, active)| !any || active)
            .collect();
        let mut g7_countries: Vec<String> = data
            .relations
            .iter()
            .zip(self.ends.iter().zip(&relations))
            .filter(|(r, (_, &active))| {
                active
                    && r.to == "g7-cancer"
                    && matches!(r.kind, RelationKind::MemberOf | RelationKind::ObserverOf)
            })
            .filter_map(|(_, ([from, _], _))| data.organisations.get((*from)?))
            .filter_map(|o| data.countries.iter().find(|c| c.code == o.country))
            .map(|c| c.iso3.clone())
            .collect();
        crate::sort::sort(&mut g7_countries);
        g7_countries.dedup();
        Snapshot {
            organisations,
            relations,
            g7_countries,
        }
    }
}

/// A day written out: "9 May 2023" / "9 mai 2023".
pub fn long_date(day: Day, lang: Lang) -> String {
    lang.date(PartialDate::from_day(day))
}

/// A date range in words: "1 October 2022 – 30 September 2024", "since 2015".
pub fn span_text(span: &Span, lang: Lang) -> String {
    let fmt = |d: PartialDate| lang.date(d);
    match (span.start, span.end) {
        (Some(s), Some(e)) if s == e => fmt(s),
        (Some(s), Some(e)) => format!("{} – {}", fmt(s), fmt(e)),
        (Some(s), None) => lang.since(s),
        (None, Some(e)) => match lang {
            Lang::En => format!("until {}", fmt(e)),
            Lang::Fr => format!("jusqu’à {}", fmt(e)),
        },
        (None, None) => String::new(),
    }
}

/// The ids a programme gathers: its hub and its projects (its page lists them, the
/// timeline marks their items).
pub fn programme_ids<'a>(data: &'a Dataset, prog: &'a str) -> Vec<&'a str> {
    let hub = data
        .programmes
        .iter()
        .find(|p| p.id == prog)
        .map(|p| p.hub.as_str());
    hub.into_iter()
        .chain(
            data.projects
                .iter()
                .filter(|p| p.programmes.iter().any(|x| x == prog))
                .map(|p| p.id.as_str()),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        PartialDate::parse(text).unwrap().first_day()
    }

    #[test]
    fn indexed_lookups_agree_with_the_scans_they_replace() {
        let mut data = crate::data::embedded().unwrap();
        // A relation from an organisation to itself counts once, as the scan did.
        let mut own = data.relations[0].clone();
        own.to = own.from.clone();
        data.relations.push(own);
        let counts = relation_counts(&data);
        let names = Names::new(&data);
        for (o, &n) in data.organisations.iter().zip(&counts) {
            let scanned = data
                .relations
                .iter()
                .filter(|r| r.from == o.id || r.to == o.id)
                .count();
            assert_eq!(n, scanned, "{}", o.id);
            assert_eq!(names.organisation(&o.id).map(|x| &x.id), Some(&o.id));
        }
        assert!(counts.iter().any(|&n| n > 2));
        let ids = data.organisations.iter().map(|o| &o.id);
        for id in ids.chain(data.projects.iter().map(|p| &p.id)) {
            for lang in [Lang::En, Lang::Fr] {
                assert_eq!(names.short(id, lang), short_name(&data, id, lang));
            }
        }
        assert_eq!(names.short("no-such-id", Lang::En), "no-such-id");
        assert!(names.organisation("no-such-id").is_none());
    }

    #[test]
    fn lanes_hold_the_expected_records() {
        let data = crate::data::embedded().unwrap();
        let all = items(&data);
        let lane_of = |id: &str| all.iter().find(|i| i.id == id).map(|i| i.lane);
        assert_eq!(lane_of("g7-cancer"), Some(Lane::G7));
        assert_eq!(lane_of("crane"), Some(Lane::Eu));
        assert_eq!(lane_of("mypebs"), Some(Lane::Unicancer));
        assert_eq!(
            lane_of("rel-024"),
            Some(Lane::Unicancer),
            "Unicancer member of HOPE since 2012"
        );
        assert_eq!(lane_of("ev-g7-launch"), Some(Lane::Events));
        assert_eq!(
            lane_of("ev-curie-oeci"),
            None,
            "undated events stay off the timeline"
        );
        let hope = all.iter().find(|i| i.id == "rel-024").unwrap();
        assert_eq!(hope.label.en, "Unicancer member of HOPE");
        assert_eq!(hope.label.fr, "Unicancer membre de HOPE");
        // Lanes are contiguous and chronological.
        for pair in all.windows(2) {
            assert!(pair[0].lane <= pair[1].lane);
        }
    }

    #[test]
    fn as_of_2014_there_is_no_g7_cancer_yet_but_hope_and_ihf_hold() {
        let data = crate::data::embedded().unwrap();
        let then = snapshot(&data, day("2014-06-01"));
        assert!(then.g7_countries.is_empty());
        let active =
            |id: &str| then.relations[data.relations.iter().position(|r| r.id == id).unwrap()];
        assert!(
            active("rel-023") && active("rel-024"),
            "IHF and HOPE memberships (2012)"
        );
        assert!(!active("rel-001"), "INCa joins G7 Cancer only in 2023");
        let now = snapshot(&data, day("2026-11-25"));
        for iso3 in ["AUS", "CAN", "DEU", "FRA", "GBR", "JPN", "USA"] {
            assert!(now.g7_countries.iter().any(|c| c == iso3), "{iso3}");
        }
        let shown = |s: &Snapshot, id: &str| {
            s.organisations[data.organisations.iter().position(|o| o.id == id).unwrap()]
        };
        assert!(
            !shown(&then, "cancer-australia"),
            "Cancer Australia's only link starts in 2023"
        );
        assert!(shown(&now, "cancer-australia"));
        assert!(
            shown(&then, "institut-curie"),
            "undated memberships hold at every date"
        );
    }

    #[test]
    fn extent_runs_from_the_first_record_to_today_at_least() {
        let data = crate::data::embedded().unwrap();
        let (first, last) = extent(&items(&data), day("2026-11-25"));
        assert_eq!(first, day("1964-01-01"));
        assert!(last >= day("2028-10-31"));
    }

    #[test]
    fn long_dates_in_both_languages() {
        assert_eq!(long_date(day("2023-05-09"), Lang::En), "9 May 2023");
        assert_eq!(long_date(day("2023-05-09"), Lang::Fr), "9 mai 2023");
    }
}
