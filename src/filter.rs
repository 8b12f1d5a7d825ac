//! Finding and narrowing: search that forgives accents and case ("leon berard" finds
//! Centre Léon Bérard) over names, acronyms and cities in both languages, and the facets
//! (programme, organisation kind, country, relation kind) that filter the map, the
//! timeline and the table together. Pure: no leptos.

use crate::model::{Dataset, OrgKind, RelationKind};
use std::collections::BTreeSet;

/// Lower-case, without diacritics, punctuation turned into spaces, spaces collapsed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        out.push_str(mapped);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when every word of the (normalized) query starts a word of the (normalized) text.
pub fn matches(query: &str, text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    let mut terms = query.split(' ').filter(|t| !t.is_empty()).peekable();
    terms.peek().is_some() && terms.all(|t| words.iter().any(|w| w.starts_with(t)))
}

/// One search hit: the record id and how well it matched (lower is better).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    pub rank: u8,
}

/// Organisations and projects whose names, acronyms or cities (EN or FR) match the query.
/// Acronym matches rank first, then names, then cities; ties keep dataset order.
pub fn search(data: &Dataset, query: &str) -> Vec<Hit> {
    let q = normalize(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let rank_of = |acronyms: &[&str], names: &[&str], places: &[&str]| -> Option<u8> {
        let hit = |texts: &[&str]| texts.iter().any(|t| matches(&q, &normalize(t)));
        if hit(acronyms) {
            Some(0)
        } else if hit(names) {
            Some(1)
        } else if hit(places) {
            Some(2)
        } else {
            None
        }
    };
    for o in &data.organisations {
        let acronyms: Vec<&str> = o
            .acronym
            .iter()
            .flat_map(|a| [a.en.as_str(), a.fr.as_str()])
            .collect();
        if let Some(rank) = rank_of(
            &acronyms,
            &[&o.name.en, &o.name.fr],
            &[&o.city.en, &o.city.fr],
        ) {
            hits.push(Hit {
                id: o.id.clone(),
                rank,
            });
        }
    }
    for p in &data.projects {
        let acronyms: Vec<&str> = p
            .acronym
            .iter()
            .flat_map(|a| [a.en.as_str(), a.fr.as_str()])
            .collect();
        if let Some(rank) = rank_of(&acronyms, &[&p.name.en, &p.name.fr], &[]) {
            hits.push(Hit {
                id: p.id.clone(),
                rank,
            });
        }
    }
    crate::sort::sort_by_key(&mut hits, |h| h.rank);
    hits
}

/// The facets a visitor has ticked. Within a group any ticked value matches (OR); across
/// groups every group must match (AND). An empty group does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Programme ids (`prog-g7`...).
    pub programmes: BTreeSet<String>,
    pub kinds: BTreeSet<OrgKind>,
    /// Country codes (`FR`...).
    pub countries: BTreeSet<String>,
    pub relation_kinds: BTreeSet<RelationKind>,
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// How many values are ticked, over all groups.
    pub fn count(&self) -> usize {
        self.programmes.len() + self.kinds.len() + self.countries.len() + self.relation_kinds.len()
    }
}

/// Which records pass the facets, by position in their dataset list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visible {
    pub organisations: Vec<bool>,
    pub relations: Vec<bool>,
    pub projects: Vec<bool>,
    pub events: Vec<bool>,
}

impl Visible {
    /// The ids of every record that passes, sorted (for `binary_search`).
    pub fn ids<'a>(&self, data: &'a Dataset) -> Vec<&'a str> {
        let orgs = data
            .organisations
            .iter()
            .map(|o| &o.id)
            .zip(&self.organisations);
        let relations = data.relations.iter().map(|r| &r.id).zip(&self.relations);
        let projects = data.projects.iter().map(|p| &p.id).zip(&self.projects);
        let events = data.events.iter().map(|e| &e.id).zip(&self.events);
        let mut ids = orgs
            .chain(relations)
            .chain(projects)
            .chain(events)
            .filter(|(_, &shown)| shown)
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>();
        crate::sort::sort(&mut ids);
        ids
    }
}

/// Which programmes each record belongs to, worked out once per dataset.
///
/// A programme holds its hub, the projects that list it, every relation that touches the
/// hub or one of those projects, the organisations at the other end of those relations,
/// and the events that involve any of them.
#[derive(Clone, Debug)]
pub struct Index {
    /// Programme ids, in dataset order.
    pub programmes: Vec<String>,
    /// Per organisation, relation, project and event: the programmes (positions in
    /// `programmes`) it belongs to, as a bit set.
    org_programmes: Vec<u64>,
    relation_programmes: Vec<u64>,
    project_programmes: Vec<u64>,
    event_programmes: Vec<u64>,
    /// Per organisation: the relations touching it.
    org_relations: Vec<Vec<usize>>,
    /// Per project: the organisations linked to it (coordinator and relations).
    project_orgs: Vec<Vec<usize>>,
    /// Per project: the relations touching it.
    project_relations: Vec<Vec<usize>>,
    /// Per relation: the organisations at its ends.
    relation_orgs: Vec<Vec<usize>>,
    /// Per event: the organisations and the projects it involves.
    event_orgs: Vec<Vec<usize>>,
    event_projects: Vec<Vec<usize>>,
}

impl Index {
    pub fn new(data: &Dataset) -> Index {
        let orgs = crate::sort::Positions::new(data.organisations.iter().map(|o| o.id.as_str()));
        let projects = crate::sort::Positions::new(data.projects.iter().map(|p| p.id.as_str()));
        let org_at = |id: &str| orgs.get(id);
        let project_at = |id: &str| projects.get(id);
        // Programme bits of every id that anchors a programme (hubs and projects).
        let mut anchor_bits: std::collections::BTreeMap<&str, u64> = Default::default();
        for (i, prog) in data.programmes.iter().enumerate().take(64) {
            *anchor_bits.entry(&prog.hub).or_default() |= 1 << i;
        }
        let mut project_programmes = Vec::with_capacity(data.projects.len());
        for p in &data.projects {
            let bits = data
                .programmes
                .iter()
                .enumerate()
                .take(64)
                .filter(|(_, prog)| p.programmes.contains(&prog.id))
                .fold(0u64, |b, (i, _)| b | 1 << i);
            *anchor_bits.entry(&p.id).or_default() |= bits;
            project_programmes.push(bits);
        }
        // Hubs that are projects belong to their programme too.
        for (j, p) in data.projects.iter().enumerate() {
            project_programmes[j] |= anchor_bits.get(p.id.as_str()).copied().unwrap_or(0);
        }
        let bits_of = |id: &str| anchor_bits.get(id).copied().unwrap_or(0);
        let mut org_programmes: Vec<u64> =
            data.organisations.iter().map(|o| bits_of(&o.id)).collect();
        let mut org_relations = vec![Vec::new(); data.organisations.len()];
        let mut project_orgs = vec![Vec::new(); data.projects.len()];
        let mut project_relations = vec![Vec::new(); data.projects.len()];
        let mut relation_programmes = Vec::with_capacity(data.relations.len());
        let mut relation_orgs = Vec::with_capacity(data.relations.len());
        for (k, r) in data.relations.iter().enumerate() {
            let bits = bits_of(&r.from) | bits_of(&r.to);
            relation_programmes.push(bits);
            let (from_org, to_org) = (org_at(&r.from), org_at(&r.to));
            relation_orgs.push([from_org, to_org].into_iter().flatten().collect());
            for o in [from_org, to_org].into_iter().flatten() {
                org_programmes[o] |= bits;
                org_relations[o].push(k);
            }
            for (end, other) in [(&r.from, to_org), (&r.to, from_org)] {
                if let Some(p) = project_at(end) {
                    project_relations[p].push(k);
                    project_orgs[p].extend(other);
                }
            }
        }
        for (j, p) in data.projects.iter().enumerate() {
            project_orgs[j].extend(p.coordinator.as_deref().and_then(org_at));
        }
        let event_programmes = data
            .events
            .iter()
            .map(|e| e.related.iter().fold(0, |b, id| b | bits_of(id)))
            .collect();
        let event_orgs = data
            .events
            .iter()
            .map(|e| e.related.iter().filter_map(|id| org_at(id)).collect())
            .collect();
        let event_projects = data
            .events
            .iter()
            .map(|e| e.related.iter().filter_map(|id| project_at(id)).collect())
            .collect();
        Index {
            relation_orgs,
            event_orgs,
            event_projects,
            programmes: data.programmes.iter().map(|p| p.id.clone()).collect(),
            org_programmes,
            relation_programmes,
            project_programmes,
            event_programmes,
            org_relations,
            project_orgs,
            project_relations,
        }
    }

    /// The programme bit set of a list of programme ids (unknown ids match nothing).
    fn programme_bits(&self, ids: &BTreeSet<String>) -> u64 {
        self.programmes
            .iter()
            .enumerate()
            .take(64)
            .filter(|(_, id)| ids.contains(*id))
            .fold(0, |b, (i, _)| b | 1 << i)
    }

    /// The programmes (ids) an organisation, project, relation or event belongs to.
    pub fn programmes_of(&self, data: &Dataset, id: &str) -> Vec<&str> {
        let bits = data
            .organisations
            .iter()
            .position(|o| o.id == id)
            .map(|i| self.org_programmes[i])
            .or_else(|| {
                data.projects
                    .iter()
                    .position(|p| p.id == id)
                    .map(|i| self.project_programmes[i])
            })
            .or_else(|| {
                data.relations
                    .iter()
                    .position(|r| r.id == id)
                    .map(|i| self.relation_programmes[i])
            })
            .or_else(|| {
                data.events
                    .iter()
                    .position(|e| e.id == id)
                    .map(|i| self.event_programmes[i])
            })
            .unwrap_or(0);
        self.programmes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 64 && bits & 1 << i != 0)
            .map(|(_, id)| id.as_str())
            .collect()
    }

    /// Which records pass `facets`.
    pub fn apply(&self, data: &Dataset, facets: &Facets) -> Visible {
        let progs = self.programme_bits(&facets.programmes);
        let in_progs = |bits: u64| facets.programmes.is_empty() || bits & progs != 0;
        let kind_ok = |k: RelationKind| {
            facets.relation_kinds.is_empty() || facets.relation_kinds.contains(&k)
        };
        let place_ok = |o: usize| {
            let org = &data.organisations[o];
            (facets.kinds.is_empty() || facets.kinds.contains(&org.kind))
                && (facets.countries.is_empty() || facets.countries.contains(&org.country))
        };
        let place_filtered = !facets.kinds.is_empty() || !facets.countries.is_empty();

        let relations: Vec<bool> = data
            .relations
            .iter()
            .enumerate()
            .map(|(k, r)| {
                kind_ok(r.kind)
                    && in_progs(self.relation_programmes[k])
                    && (!place_filtered || self.relation_orgs[k].iter().any(|&o| place_ok(o)))
            })
            .collect();
        let organisations: Vec<bool> = (0..data.organisations.len())
            .map(|o| {
                place_ok(o)
                    && in_progs(self.org_programmes[o])
                    && (facets.relation_kinds.is_empty()
                        || self.org_relations[o].iter().any(|&k| relations[k]))
            })
            .collect();
        let projects: Vec<bool> = (0..data.projects.len())
            .map(|j| {
                in_progs(self.project_programmes[j])
                    && (!place_filtered || self.project_orgs[j].iter().any(|&o| organisations[o]))
                    && (facets.relation_kinds.is_empty()
                        || self.project_relations[j].iter().any(|&k| relations[k]))
            })
            .collect();
        let narrowed = place_filtered || !facets.relation_kinds.is_empty();
        let events = (0..data.events.len())
            .map(|i| {
                in_progs(self.event_programmes[i])
                    && (!narrowed
                        || self.event_orgs[i].iter().any(|&o| organisations[o])
                        || self.event_projects[i].iter().any(|&j| projects[j]))
            })
            .collect();
        Visible {
            organisations,
            relations,
            projects,
            events,
        }
    }
}

/// How many organisations (relations, for relation kinds) each facet value would show,
/// given the other groups' ticks: the usual faceted-search count, so a visitor sees what
/// ticking a value would leave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub programmes: Vec<(String, usize)>,
    pub kinds: Vec<(OrgKind, usize)>,
    pub countries: Vec<(String, usize)>,
    pub relation_kinds: Vec<(RelationKind, usize)>,
}

fn count(flags: &[bool]) -> usize {
    flags.iter().filter(|&&f| f).count()
}

impl Index {
    /// Counts for every value present in the dataset (kinds and relation kinds that no
    /// record uses are left out).
    pub fn counts(&self, data: &Dataset, facets: &Facets) -> FacetCounts {
        let with = |change: &dyn Fn(&mut Facets)| {
            let mut f = facets.clone();
            change(&mut f);
            self.apply(data, &f)
        };
        let programmes = self
            .programmes
            .iter()
            .map(|p| {
                let v = with(&|f| f.programmes = BTreeSet::from([p.clone()]));
                (p.clone(), count(&v.organisations))
            })
            .collect();
        let kinds = OrgKind::ALL
            .into_iter()
            .filter(|k| data.organisations.iter().any(|o| o.kind == *k))
            .map(|k| {
                let v = with(&|f| f.kinds = BTreeSet::from([k]));
                (k, count(&v.organisations))
            })
            .collect();
        let mut codes: Vec<&String> = data.organisations.iter().map(|o| &o.country).collect();
        crate::sort::sort(&mut codes);
        codes.dedup();
        let countries = codes
            .into_iter()
            .map(|c| {
                let v = with(&|f| f.countries = BTreeSet::from([c.clone()]));
                (c.clone(), count(&v.organisations))
            })
            .collect();
        let relation_kinds = RelationKind::ALL
            .into_iter()
            .filter(|k| data.relations.iter().any(|r| r.kind == *k))
            .map(|k| {
                let v = with(&|f| f.relation_kinds = BTreeSet::from([k]));
                (k, count(&v.relations))
            })
            .collect();
        FacetCounts {
            programmes,
            kinds,
            countries,
            relation_kinds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_accents_case_and_punctuation() {
        assert_eq!(normalize("Centre Léon Bérard"), "centre leon berard");
        assert_eq!(
            normalize("  Institut Claudius Regaud – IUCT-Oncopole "),
            "institut claudius regaud iuct oncopole"
        );
        assert_eq!(normalize("Œuvre ÉTÉ Straße"), "oeuvre ete strasse");
        assert_eq!(
            normalize("Nacionalni inštitut za javno zdravje"),
            "nacionalni institut za javno zdravje"
        );
        assert_eq!(normalize("!!!"), "");
    }

    #[test]
    fn every_query_word_must_start_a_word() {
        assert!(matches("leon ber", "centre leon berard"));
        assert!(!matches("eon", "centre leon berard"));
        assert!(!matches("", "anything"));
    }

    #[test]
    fn finds_organisations_by_name_acronym_and_city_in_both_languages() {
        let data = crate::data::embedded().unwrap();
        let ids = |q: &str| {
            search(&data, q)
                .into_iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("leon berard"), ["centre-leon-berard"]);
        assert_eq!(ids("LÉON BÉRARD"), ["centre-leon-berard"]);
        assert!(
            ids("geneve").contains(&"who".to_owned()),
            "French city name"
        );
        assert!(
            ids("geneva").contains(&"uicc".to_owned()),
            "English city name"
        );
        assert_eq!(
            ids("circ").first().map(String::as_str),
            Some("iarc"),
            "French acronym ranks first"
        );
        assert!(ids("crane").contains(&"crane".to_owned()), "projects too");
        assert!(ids("zzzz").is_empty());
    }

    fn facets(f: impl FnOnce(&mut Facets)) -> Facets {
        let mut x = Facets::default();
        f(&mut x);
        x
    }

    #[test]
    fn no_facet_shows_everything() {
        let data = crate::data::embedded().unwrap();
        let v = Index::new(&data).apply(&data, &Facets::default());
        assert!(v.organisations.iter().all(|&x| x));
        assert!(v.relations.iter().all(|&x| x));
        assert!(v.projects.iter().all(|&x| x));
        assert!(v.events.iter().all(|&x| x));
    }

    #[test]
    fn programme_facet_keeps_its_members_projects_and_events() {
        let data = crate::data::embedded().unwrap();
        let index = Index::new(&data);
        let v = index.apply(
            &data,
            &facets(|f| {
                f.programmes.insert("prog-g7".into());
            }),
        );
        let ids = v.ids(&data);
        let shown = |id: &str| ids.binary_search(&id).is_ok();
        assert!(
            shown("inca") && shown("nci-us") && shown("iarc"),
            "members and observer"
        );
        assert!(
            !shown("centre-leon-berard"),
            "a French centre is not in G7 Cancer"
        );
        assert!(shown("g7-cancer") && !shown("crane"));
        assert!(shown("ev-g7-launch") && !shown("ev-fnclcc-founded"));
        assert_eq!(
            index.programmes_of(&data, "crane"),
            ["prog-unicancer", "prog-eu"]
        );
        assert_eq!(index.programmes_of(&data, "ipaac"), ["prog-eu"]);
        assert!(index
            .programmes_of(&data, "unicancer")
            .contains(&"prog-unicancer"));
    }

    #[test]
    fn groups_combine_with_and_values_with_or() {
        let data = crate::data::embedded().unwrap();
        let index = Index::new(&data);
        let fr = facets(|f| {
            f.countries.insert("FR".into());
        });
        let fr_centres = facets(|f| {
            f.countries.insert("FR".into());
            f.kinds.insert(OrgKind::CancerCentre);
        });
        let fr_or_it = facets(|f| {
            f.countries.insert("FR".into());
            f.countries.insert("IT".into());
        });
        let n = |f: &Facets| count(&index.apply(&data, f).organisations);
        assert!(n(&fr_centres) < n(&fr), "AND across groups narrows");
        assert!(n(&fr_or_it) > n(&fr), "OR within a group widens");
        assert!(
            n(&fr_centres) >= 18,
            "the 18 French comprehensive cancer centres"
        );
        // Every organisation shown really has the ticked kind and country.
        let v = index.apply(&data, &fr_centres);
        for (o, shown) in data.organisations.iter().zip(&v.organisations) {
            assert_eq!(
                *shown,
                o.country == "FR" && o.kind == OrgKind::CancerCentre,
                "{}",
                o.id
            );
        }
    }

    #[test]
    fn relation_kind_facet_narrows_organisations_to_those_with_such_a_link() {
        let data = crate::data::embedded().unwrap();
        let index = Index::new(&data);
        let coord = facets(|f| {
            f.relation_kinds.insert(RelationKind::Coordinates);
        });
        let v = index.apply(&data, &coord);
        for (r, shown) in data.relations.iter().zip(&v.relations) {
            assert_eq!(*shown, r.kind == RelationKind::Coordinates);
        }
        for (i, o) in data.organisations.iter().enumerate() {
            let has = data
                .relations
                .iter()
                .any(|r| r.kind == RelationKind::Coordinates && (r.from == o.id || r.to == o.id));
            assert_eq!(v.organisations[i], has, "{}", o.id);
        }
    }

    #[test]
    fn facet_counts_match_what_ticking_the_value_shows() {
        let data = crate::data::embedded().unwrap();
        let index = Index::new(&data);
        let base = facets(|f| {
            f.programmes.insert("prog-unicancer".into());
        });
        let counts = index.counts(&data, &base);
        // Counts in a group ignore that group's own ticks...
        for (prog, n) in &counts.programmes {
            let v = index.apply(
                &data,
                &facets(|f| {
                    f.programmes.insert(prog.clone());
                }),
            );
            assert_eq!(*n, count(&v.organisations), "{prog}");
        }
        // ...but respect the other groups'.
        for (kind, n) in &counts.kinds {
            let mut f = base.clone();
            f.kinds.insert(*kind);
            assert_eq!(*n, count(&index.apply(&data, &f).organisations), "{kind:?}");
        }
        let fr = counts.countries.iter().find(|(c, _)| c == "FR").unwrap().1;
        assert!(fr >= 19, "Unicancer and its centres: {fr}");
        let total: usize = counts.kinds.iter().map(|(_, n)| n).sum();
        assert_eq!(
            total,
            count(&index.apply(&data, &base).organisations),
            "kinds partition"
        );
        for (kind, n) in &counts.relation_kinds {
            let mut f = base.clone();
            f.relation_kinds.insert(*kind);
            assert_eq!(*n, count(&index.apply(&data, &f).relations), "{kind:?}");
        }
    }
}
