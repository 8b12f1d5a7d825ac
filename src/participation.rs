//! Who takes part in a project, country by country: the organisations the dataset names
//! with their role, the countries sources name without an organisation, and the counts the
//! sources state. Used by the project page and by the dataset's coverage report. Pure: no
//! leptos.

use crate::model::{Dataset, Organisation, Project, Relation, RelationKind};

/// The roles an organisation can hold in a project, strongest first: a country's role is
/// the strongest of its organisations'.
pub const ROLES: [RelationKind; 11] = [
    RelationKind::Coordinates,
    RelationKind::CoLeads,
    RelationKind::BeneficiaryOf,
    RelationKind::AffiliatedEntityOf,
    RelationKind::MemberOf,
    RelationKind::Signatory,
    RelationKind::ParticipatesIn,
    RelationKind::AssociatedPartnerOf,
    RelationKind::CollaboratingPartnerOf,
    RelationKind::ObserverOf,
    RelationKind::SubcontractorOf,
];

/// Whether a role makes its holder one of the project's partners (what a stated partner
/// count counts). Observers and subcontractors take part without being partners.
pub fn is_partner_role(kind: RelationKind) -> bool {
    ROLES.contains(&kind)
        && !matches!(
            kind,
            RelationKind::ObserverOf | RelationKind::SubcontractorOf
        )
}

fn strength(kind: RelationKind) -> usize {
    ROLES.iter().position(|k| *k == kind).unwrap_or(ROLES.len())
}

/// One named organisation and the relation that says how it takes part.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    pub organisation: &'a Organisation,
    pub relation: &'a Relation,
}

/// One country's part in a project.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryPart<'a> {
    /// ISO 3166-1 alpha-2.
    pub code: &'a str,
    /// The strongest role of its named organisations; `None` when no organisation of the
    /// country is named (only the country is).
    pub role: Option<RelationKind>,
    /// Strongest role first, then in dataset order.
    pub members: Vec<Member<'a>>,
    /// Sources that name the country as taking part (from the project's `countries`).
    pub named_by: Vec<&'a str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Participation<'a> {
    pub project: &'a Project,
    /// In the order of `order` (the caller's, e.g. country names in the reader's language).
    pub countries: Vec<CountryPart<'a>>,
}

impl<'a> Participation<'a> {
    /// Distinct organisations named as partners (observers and subcontractors aside).
    pub fn named_partners(&self) -> usize {
        let mut ids: Vec<&str> = self
            .countries
            .iter()
            .flat_map(|c| &c.members)
            .filter(|m| is_partner_role(m.relation.kind))
            .map(|m| m.organisation.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Countries the dataset shows as taking part: with a named partner, or named by a source.
    pub fn countries_shown(&self) -> usize {
        self.countries
            .iter()
            .filter(|c| {
                !c.named_by.is_empty() || c.members.iter().any(|m| is_partner_role(m.relation.kind))
            })
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }
}

/// The participation in project `id`, countries sorted by `order` (ties keep first-seen
/// order); `None` for an unknown project.
pub fn of<'a, K: Ord>(
    data: &'a Dataset,
    id: &str,
    order: impl Fn(&str) -> K,
) -> Option<Participation<'a>> {
    let project = data.projects.iter().find(|p| p.id == id)?;
    let mut countries: Vec<CountryPart<'a>> = Vec::new();
    fn part<'a, 'b>(
        countries: &'b mut Vec<CountryPart<'a>>,
        code: &'a str,
    ) -> &'b mut CountryPart<'a> {
        let at = match countries.iter().position(|c| c.code == code) {
            Some(i) => i,
            None => {
                countries.push(CountryPart {
                    code,
                    role: None,
                    members: Vec::new(),
                    named_by: Vec::new(),
                });
                countries.len() - 1
            }
        };
        &mut countries[at]
    }
    for relation in data
        .relations
        .iter()
        .filter(|r| r.to == id && ROLES.contains(&r.kind))
    {
        let Some(org) = data.organisations.iter().find(|o| o.id == relation.from) else {
            continue;
        };
        let c = part(&mut countries, &org.country);
        c.members.push(Member {
            organisation: org,
            relation,
        });
    }
    for mention in &project.countries {
        let c = part(&mut countries, &mention.code);
        for s in &mention.sources {
            if !c.named_by.contains(&s.as_str()) {
                c.named_by.push(s);
            }
        }
    }
    for c in &mut countries {
        crate::sort::sort_by_key(&mut c.members, |m| strength(m.relation.kind));
        c.role = c.members.first().map(|m| m.relation.kind);
    }
    crate::sort::sort_by_key(&mut countries, |c| order(c.code));
    Some(Participation { project, countries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participation_groups_by_country_with_the_strongest_role_first() {
        let data = crate::data::embedded().unwrap();
        let p = of(&data, "crane", |code| code.to_owned()).unwrap();
        let si = p
            .countries
            .iter()
            .find(|c| c.code == "SI")
            .expect("Slovenia");
        assert_eq!(si.role, Some(RelationKind::Coordinates));
        assert_eq!(si.members[0].organisation.id, "nijz");
        let be = p
            .countries
            .iter()
            .find(|c| c.code == "BE")
            .expect("Belgium");
        assert!(
            be.members
                .iter()
                .any(|m| m.relation.kind == RelationKind::SubcontractorOf),
            "OECI, a subcontractor, is listed"
        );
        // Sorted by the caller's order, every member's country is its group's.
        let codes: Vec<&str> = p.countries.iter().map(|c| c.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
        for c in &p.countries {
            assert!(c.members.iter().all(|m| m.organisation.country == c.code));
            let strengths: Vec<usize> = c
                .members
                .iter()
                .map(|m| strength(m.relation.kind))
                .collect();
            assert!(strengths.windows(2).all(|w| w[0] <= w[1]));
        }
        // A subcontractor is listed but not counted as a partner.
        let partners = p.named_partners();
        let all: std::collections::BTreeSet<&str> = p
            .countries
            .iter()
            .flat_map(|c| &c.members)
            .map(|m| m.organisation.id.as_str())
            .collect();
        assert!(partners < all.len(), "{partners} of {}", all.len());
        assert!(of(&data, "nowhere", |c| c.to_owned()).is_none());
    }

    #[test]
    fn countries_named_without_an_organisation_are_kept_with_their_sources() {
        let mut data = crate::data::embedded().unwrap();
        let crane = data.projects.iter_mut().find(|p| p.id == "crane").unwrap();
        crane.countries.push(crate::model::CountryMention {
            code: "MT".into(),
            sources: vec!["crane-site".into()],
        });
        let p = of(&data, "crane", |code| code.to_owned()).unwrap();
        let mt = p.countries.iter().find(|c| c.code == "MT").unwrap();
        assert_eq!(mt.role, None);
        assert!(mt.members.is_empty());
        assert_eq!(mt.named_by, vec!["crane-site"]);
        assert!(p.countries_shown() >= 2);
    }
}
