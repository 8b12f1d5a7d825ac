//! Countries as the map's layer and as records: which countries take part in which projects
//! (joint actions, research projects...) on a given day, the classes the map shades them
//! in, and what a country's card and table row say. Built once per dataset from the
//! participation data (`participation`), so that a date change only filters spans. Pure:
//! no leptos.

use crate::i18n::Lang;
use crate::model::{Dataset, Day, Organisation, Project, Relation, RelationKind, Span};
use crate::participation::{self, is_partner_role};

/// The selection key of a country: `country:FR` (ISO 3166-1 alpha-2). Record ids never
/// hold a colon, so the two cannot meet.
pub const KEY_PREFIX: &str = "country:";

/// The selection key for a country code.
pub fn key(code: &str) -> String {
    format!("{KEY_PREFIX}{code}")
}

/// The country code a selection key names, if it is a country's (`country:FR` → `FR`).
pub fn code_of(selection: &str) -> Option<&str> {
    selection.strip_prefix(KEY_PREFIX)
}

/// How a country takes part in one project, as the map shades it when that project is
/// selected. Strongest first: a country's class is that of its strongest role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoleClass {
    /// Coordinates or co-leads.
    Coordinator,
    /// A beneficiary, affiliated entity, member, signatory or participant.
    Partner,
    /// An associated or collaborating partner.
    Associated,
    /// An observer or subcontractor: takes part, not a partner.
    Other,
    /// A source names the country as taking part; no organisation of it is named.
    Named,
}

impl RoleClass {
    pub const ALL: [RoleClass; 5] = [
        RoleClass::Coordinator,
        RoleClass::Partner,
        RoleClass::Associated,
        RoleClass::Other,
        RoleClass::Named,
    ];

    pub fn of(role: Option<RelationKind>) -> RoleClass {
        match role {
            Some(RelationKind::Coordinates | RelationKind::CoLeads) => RoleClass::Coordinator,
            Some(RelationKind::AssociatedPartnerOf | RelationKind::CollaboratingPartnerOf) => {
                RoleClass::Associated
            }
            Some(RelationKind::ObserverOf | RelationKind::SubcontractorOf) => RoleClass::Other,
            Some(_) => RoleClass::Partner,
            None => RoleClass::Named,
        }
    }

    /// CSS key (`map__country--role-coordinator`...).
    pub fn key(self) -> &'static str {
        match self {
            RoleClass::Coordinator => "coordinator",
            RoleClass::Partner => "partner",
            RoleClass::Associated => "associated",
            RoleClass::Other => "other",
            RoleClass::Named => "named",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RoleClass::Coordinator, Lang::En) => "Coordinates or co-leads",
            (RoleClass::Coordinator, Lang::Fr) => "Coordonne ou codirige",
            (RoleClass::Partner, Lang::En) => "Partner (beneficiary)",
            (RoleClass::Partner, Lang::Fr) => "Partenaire (bénéficiaire)",
            (RoleClass::Associated, Lang::En) => "Associated or collaborating partner",
            (RoleClass::Associated, Lang::Fr) => "Partenaire associé ou collaborateur",
            (RoleClass::Other, Lang::En) => "Observer or subcontractor",
            (RoleClass::Other, Lang::Fr) => "Observateur ou sous-traitant",
            (RoleClass::Named, Lang::En) => "Taking part, no organisation named",
            (RoleClass::Named, Lang::Fr) => "Participe, sans organisation citée",
        }
    }
}

/// The count classes of the map's layer: 1, 2, 3–4, 5–6, 7 or more projects on the day.
pub const COUNT_CLASSES: [(usize, Option<usize>); 5] = [
    (1, Some(1)),
    (2, Some(2)),
    (3, Some(4)),
    (5, Some(6)),
    (7, None),
];

/// The class (0–4) of a number of projects; `None` for none.
pub fn count_class(n: usize) -> Option<usize> {
    COUNT_CLASSES
        .iter()
        .position(|&(from, to)| n >= from && to.is_none_or(|t| n <= t))
}

/// A class's name in the legend: "1 project", "3–4 projects", "7 or more projects".
pub fn count_class_label(class: usize, lang: Lang) -> String {
    let (from, to) = COUNT_CLASSES[class.min(COUNT_CLASSES.len() - 1)];
    let noun = |n: usize| match (lang, n) {
        (Lang::En, 1) => "project",
        (Lang::En, _) => "projects",
        (Lang::Fr, 1) => "projet",
        (Lang::Fr, _) => "projets",
    };
    match (to, lang) {
        (Some(t), _) if t == from => format!("{from} {}", noun(from)),
        (Some(t), _) => format!("{from}–{t} {}", noun(t)),
        (None, Lang::En) => format!("{from} or more projects"),
        (None, Lang::Fr) => format!("{from} projets ou plus"),
    }
}

/// One country's part in one project.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub code: String,
    /// Its strongest role (None: named by a source only).
    pub role: Option<RelationKind>,
    /// Whether it counts as taking part: a partner role, or named by a source.
    pub partner: bool,
    /// When its organisations took part, where their relations are dated more narrowly
    /// than the project (empty: the project's own span).
    pub spans: Vec<Span>,
}

impl Part {
    /// Taking part on `day`, within a project active that day.
    fn active_on(&self, day: Day) -> bool {
        self.spans.is_empty() || self.spans.iter().any(|s| s.active_on(day))
    }
}

/// A project's countries, once.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectParts {
    /// Its position in the dataset's projects (for the filters' verdicts).
    pub index: usize,
    pub id: String,
    pub span: Span,
    pub parts: Vec<Part>,
}

/// Every dated project's countries, built once per dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layer {
    pub projects: Vec<ProjectParts>,
}

impl Layer {
    /// Projects without a start date stay out: they cannot be placed on a day.
    pub fn new(data: &Dataset) -> Layer {
        let projects = data
            .projects
            .iter()
            .enumerate()
            .filter(|(_, p)| p.span.start.is_some())
            .filter_map(|(i, p)| Some((i, participation::of(data, &p.id, |code| code.to_owned())?)))
            .map(|(index, part)| ProjectParts {
                index,
                id: part.project.id.clone(),
                span: part.project.span,
                parts: part
                    .countries
                    .iter()
                    .map(|c| {
                        let partners: Vec<&Relation> = c
                            .members
                            .iter()
                            .map(|m| m.relation)
                            .filter(|r| is_partner_role(r.kind))
                            .collect();
                        let dated_narrower = partners.iter().all(|r| r.span.start.is_some());
                        Part {
                            code: c.code.to_owned(),
                            role: c.role,
                            partner: !partners.is_empty() || !c.named_by.is_empty(),
                            // A country named by a source without dates follows the project.
                            spans: if dated_narrower && c.named_by.is_empty() {
                                partners.iter().map(|r| r.span).collect()
                            } else {
                                Vec::new()
                            },
                        }
                    })
                    .collect(),
            })
            .collect();
        Layer { projects }
    }

    /// How many of the projects `keep` keeps each country takes part in on `day`, sorted by
    /// country code; countries in none are left out.
    pub fn counts(&self, day: Day, keep: impl Fn(&ProjectParts) -> bool) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in self
            .projects
            .iter()
            .filter(|p| p.span.active_on(day) && keep(p))
        {
            for part in p.parts.iter().filter(|c| c.partner && c.active_on(day)) {
                match counts.binary_search_by(|(code, _)| code.as_str().cmp(&part.code)) {
                    Ok(i) => counts[i].1 += 1,
                    Err(i) => counts.insert(i, (part.code.clone(), 1)),
                }
            }
        }
        counts
    }

    /// One project's countries by role class on `day` (none when the project is not active
    /// then), sorted by country code.
    pub fn roles(&self, project: &str, day: Day) -> Vec<(String, RoleClass)> {
        let Some(p) = self.projects.iter().find(|p| p.id == project) else {
            return Vec::new();
        };
        if !p.span.active_on(day) {
            return Vec::new();
        }
        let mut out: Vec<(String, RoleClass)> = p
            .parts
            .iter()
            .filter(|c| c.active_on(day))
            .map(|c| (c.code.clone(), RoleClass::of(c.role)))
            .collect();
        crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        out
    }
}

/// What a country's card and table row say: its organisations in the atlas, and the
/// projects it takes part in with its role, dates and sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile<'a> {
    pub code: &'a str,
    pub organisations: Vec<&'a Organisation>,
    /// In chronological order of the projects.
    pub projects: Vec<Involvement<'a>>,
}

/// A country's part in one project.
#[derive(Clone, Debug, PartialEq)]
pub struct Involvement<'a> {
    pub project: &'a Project,
    pub role: Option<RelationKind>,
    /// Its organisations in the project, strongest role first.
    pub members: Vec<(&'a Organisation, &'a Relation)>,
    /// Sources that name the country as taking part.
    pub named_by: Vec<&'a str>,
}

impl Involvement<'_> {
    /// Every source behind the country's part: the relations' and the mentions'.
    pub fn sources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in self
            .members
            .iter()
            .flat_map(|(_, r)| r.provenance.sources.iter().map(String::as_str))
            .chain(self.named_by.iter().copied())
        {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

impl Profile<'_> {
    /// The earliest start and the latest end of its projects (None: ongoing or undated).
    pub fn first_and_last(
        &self,
    ) -> (
        Option<crate::model::PartialDate>,
        Option<crate::model::PartialDate>,
    ) {
        let first = self
            .projects
            .iter()
            .filter_map(|i| i.project.span.start)
            .min();
        let ongoing = self.projects.iter().any(|i| i.project.span.end.is_none());
        let last = if ongoing {
            None
        } else {
            self.projects
                .iter()
                .filter_map(|i| i.project.span.end)
                .max()
        };
        (first, last)
    }
}

/// The profile of the country with `code`; `None` when the dataset has no such country.
pub fn profile<'a>(data: &'a Dataset, code: &str) -> Option<Profile<'a>> {
    let country = data.countries.iter().find(|c| c.code == code)?;
    profiles_of(data, std::slice::from_ref(country)).pop()
}

/// Every country's profile, in the dataset's order (each project's participation is
/// worked out once for all of them).
pub fn profiles(data: &Dataset) -> Vec<Profile<'_>> {
    profiles_of(data, &data.countries)
}

fn profiles_of<'a>(data: &'a Dataset, countries: &'a [crate::model::Country]) -> Vec<Profile<'a>> {
    let mut out: Vec<Profile<'a>> = countries
        .iter()
        .map(|c| Profile {
            code: &c.code,
            organisations: Vec::new(),
            projects: Vec::new(),
        })
        .collect();
    let mut order: Vec<(&str, usize)> = out.iter().enumerate().map(|(i, p)| (p.code, i)).collect();
    crate::sort::sort_by(&mut order, |a, b| a.0.cmp(b.0));
    let at = |code: &str| {
        order
            .binary_search_by(|(c, _)| (*c).cmp(code))
            .ok()
            .map(|k| order[k].1)
    };
    for o in &data.organisations {
        if let Some(i) = at(&o.country) {
            out[i].organisations.push(o);
        }
    }
    for p in &data.projects {
        let Some(part) = participation::of(data, &p.id, |c| c.to_owned()) else {
            continue;
        };
        for c in part.countries {
            let Some(i) = at(c.code) else { continue };
            out[i].projects.push(Involvement {
                project: part.project,
                role: c.role,
                members: c
                    .members
                    .iter()
                    .map(|m| (m.organisation, m.relation))
                    .collect(),
                named_by: c.named_by,
            });
        }
    }
    for profile in &mut out {
        crate::sort::sort_by(&mut profile.projects, |a, b| {
            a.project.span.chronological(&b.project.span)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn day(text: &str) -> Day {
        PartialDate::parse(text).unwrap().first_day()
    }

    #[test]
    fn keys_round_trip_and_never_meet_record_ids() {
        assert_eq!(key("FR"), "country:FR");
        assert_eq!(code_of("country:FR"), Some("FR"));
        assert_eq!(code_of("unicancer"), None);
        let data = crate::data::embedded().unwrap();
        assert!(data.organisations.iter().all(|o| !o.id.contains(':')));
        assert!(data.projects.iter().all(|p| !p.id.contains(':')));
    }

    #[test]
    fn a_day_in_2012_shades_epaac_countries_and_not_eunetccc_ones() {
        let data = crate::data::embedded().unwrap();
        let layer = Layer::new(&data);
        let only = |id: &'static str| move |p: &ProjectParts| p.id == id;
        let epaac_2012 = layer.counts(day("2012-06-01"), only("epaac"));
        assert!(epaac_2012.len() >= 10, "EPAAC's countries: {epaac_2012:?}");
        assert!(layer.counts(day("2012-06-01"), only("eunetccc")).is_empty());
        let eunetccc_2025 = layer.counts(day("2025-06-01"), only("eunetccc"));
        assert!(eunetccc_2025.len() >= 25, "{}", eunetccc_2025.len());
        // Sorted by code, each country once; with every project, counts add up.
        let all = layer.counts(day("2025-06-01"), |_| true);
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
        let fr = all.iter().find(|c| c.0 == "FR").unwrap().1;
        let by_project: usize = layer
            .projects
            .iter()
            .filter(|p| {
                layer
                    .counts(day("2025-06-01"), |q| q.id == p.id)
                    .iter()
                    .any(|c| c.0 == "FR")
            })
            .count();
        assert_eq!(fr, by_project);
        assert!(
            fr >= 3,
            "France takes part in several actions in 2025: {fr}"
        );
    }

    #[test]
    fn roles_take_the_strongest_and_undated_projects_stay_out() {
        let data = crate::data::embedded().unwrap();
        let layer = Layer::new(&data);
        let roles = layer.roles("crane", day("2023-06-01"));
        assert!(
            roles.contains(&("SI".to_owned(), RoleClass::Coordinator)),
            "{roles:?}"
        );
        assert!(
            layer.roles("crane", day("2030-01-01")).is_empty(),
            "over by then"
        );
        assert!(data
            .projects
            .iter()
            .filter(|p| p.span.start.is_none())
            .all(|p| layer.projects.iter().all(|q| q.id != p.id)));
        // Precedence: the strongest role wins, and the classes follow it.
        assert_eq!(
            RoleClass::of(Some(RelationKind::Coordinates)),
            RoleClass::Coordinator
        );
        assert_eq!(
            RoleClass::of(Some(RelationKind::BeneficiaryOf)),
            RoleClass::Partner
        );
        assert_eq!(
            RoleClass::of(Some(RelationKind::SubcontractorOf)),
            RoleClass::Other
        );
        assert_eq!(RoleClass::of(None), RoleClass::Named);
        assert!(RoleClass::Coordinator < RoleClass::Partner);
    }

    #[test]
    fn a_partner_dated_more_narrowly_than_its_project_counts_only_then() {
        let part = Part {
            code: "XX".into(),
            role: Some(RelationKind::BeneficiaryOf),
            partner: true,
            spans: vec![Span::new(
                Some(PartialDate::parse("2020").unwrap()),
                Some(PartialDate::parse("2021").unwrap()),
            )],
        };
        let layer = Layer {
            projects: vec![ProjectParts {
                index: 0,
                id: "p".into(),
                span: Span::new(Some(PartialDate::parse("2018").unwrap()), None),
                parts: vec![part],
            }],
        };
        assert!(layer.counts(day("2019-01-01"), |_| true).is_empty());
        assert_eq!(
            layer.counts(day("2020-06-01"), |_| true),
            [("XX".to_owned(), 1)]
        );
        assert!(layer.counts(day("2022-06-01"), |_| true).is_empty());
    }

    #[test]
    fn classes_and_profiles() {
        assert_eq!(count_class(0), None);
        assert_eq!(count_class(1), Some(0));
        assert_eq!(count_class(4), Some(2));
        assert_eq!(count_class(30), Some(4));
        assert_eq!(count_class_label(2, Lang::En), "3–4 projects");
        assert_eq!(count_class_label(0, Lang::Fr), "1 projet");
        assert_eq!(count_class_label(4, Lang::Fr), "7 projets ou plus");
        let data = crate::data::embedded().unwrap();
        let si = profile(&data, "SI").unwrap();
        let crane = si
            .projects
            .iter()
            .find(|i| i.project.id == "crane")
            .unwrap();
        assert_eq!(crane.role, Some(RelationKind::Coordinates));
        assert!(!crane.sources().is_empty());
        assert!(si.organisations.iter().any(|o| o.id == "nijz"));
        let days: Vec<_> = si.projects.iter().map(|i| i.project.span.start).collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
        assert!(profile(&data, "ZZ").is_none());
        let all = profiles(&data);
        assert_eq!(all.len(), data.countries.len());
        assert_eq!(all.iter().find(|p| p.code == "SI"), Some(&si));
    }
}
