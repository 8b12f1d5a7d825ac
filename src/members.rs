//! Who and what a programme brings together, for the top of its page: the organisations
//! linked to its hub (members, observers, partners), each with its relations to the hub as
//! the data gives them, and its projects by kind in chronological order. Driven by the
//! relations' kinds only, so that any dataset's programme gets the same lists. Pure: no
//! leptos.

use crate::model::{Dataset, Organisation, Project, ProjectKind, Relation, RelationKind};

/// Relations from an organisation to the hub that make it a member, in the order an
/// entry names them (what it is, then what it holds).
const MEMBERSHIP: [RelationKind; 6] = [
    RelationKind::MemberOf,
    RelationKind::AffiliatedMemberOf,
    RelationKind::Signatory,
    RelationKind::Presidency,
    RelationKind::Secretariat,
    RelationKind::BoardSeat,
];

/// Relations between the hub and an organisation, either way, that make it a partner
/// (with the hub's own memberships of other bodies): grant roles in projects, support for
/// a plan and structural links (part of, implements...) are not partnerships.
const PARTNERSHIP: [RelationKind; 10] = [
    RelationKind::PartnerOf,
    RelationKind::AssociatedPartnerOf,
    RelationKind::CollaboratingPartnerOf,
    RelationKind::CollaboratesWith,
    RelationKind::Liaison,
    RelationKind::MemberOf,
    RelationKind::AffiliatedMemberOf,
    RelationKind::Signatory,
    RelationKind::BoardSeat,
    RelationKind::ObserverOf,
];

/// What a group of a programme's page lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    /// Organisations that are members of the hub (or hold a seat in it).
    Members,
    /// Organisations that observe the hub without being members.
    Observers,
    /// Organisations the hub partners with, or is itself a member of.
    Partners,
    /// The programme's projects of one kind.
    Projects(ProjectKind),
}

/// An organisation and its relations with the hub, in the order of the kinds above.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'a> {
    pub organisation: &'a Organisation,
    pub relations: Vec<&'a Relation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group<'a> {
    pub kind: GroupKind,
    /// For the organisations' groups, in the caller's order.
    pub entries: Vec<Entry<'a>>,
    /// For a group of projects, by start date (then end date, then dataset order).
    pub projects: Vec<&'a Project>,
}

/// The groups of programme `id`'s page: members, observers, partners (each only if not
/// empty, and an organisation in the first that fits), then its projects other than the
/// hub, a group per kind, the largest first. Organisations are sorted by `order` (the
/// caller's, e.g. names in the reader's language). Empty for an unknown programme.
pub fn of<'a, K: Ord>(
    data: &'a Dataset,
    id: &str,
    order: impl Fn(&Organisation) -> K,
) -> Vec<Group<'a>> {
    let Some(programme) = data.programmes.iter().find(|p| p.id == id) else {
        return Vec::new();
    };
    let hub = programme.hub.as_str();
    let is_hub = |x: &str| x == hub || x == programme.id;
    let organisation = |x: &str| data.organisations.iter().find(|o| o.id == x);
    // Each organisation linked to the hub, with the relations that link them.
    let mut linked: Vec<(&'a Organisation, Vec<&'a Relation>)> = Vec::new();
    for r in &data.relations {
        let other = match (is_hub(&r.from), is_hub(&r.to)) {
            (false, true) => &r.from,
            (true, false) => &r.to,
            _ => continue,
        };
        let Some(o) = organisation(other) else {
            continue;
        };
        match linked.iter_mut().find(|(x, _)| x.id == o.id) {
            Some((_, rels)) => rels.push(r),
            None => linked.push((o, vec![r])),
        }
    }
    let incoming = |r: &Relation, kinds: &[RelationKind]| is_hub(&r.to) && kinds.contains(&r.kind);
    let mut members = Vec::new();
    let mut observers = Vec::new();
    let mut partners = Vec::new();
    for (o, rels) in linked {
        let pick = |keep: &dyn Fn(&Relation) -> bool, rank: &[RelationKind]| {
            let mut picked: Vec<&'a Relation> = rels.iter().copied().filter(|r| keep(r)).collect();
            crate::sort::sort_by_key(&mut picked, |r| {
                rank.iter().position(|k| *k == r.kind).unwrap_or(rank.len())
            });
            Entry {
                organisation: o,
                relations: picked,
            }
        };
        if rels.iter().any(|r| incoming(r, &MEMBERSHIP[..3])) {
            members.push(pick(&|r| incoming(r, &MEMBERSHIP), &MEMBERSHIP));
        } else if rels
            .iter()
            .any(|r| incoming(r, &[RelationKind::ObserverOf]))
        {
            observers.push(pick(&|r| incoming(r, &[RelationKind::ObserverOf]), &[]));
        } else if rels.iter().any(|r| PARTNERSHIP.contains(&r.kind)) {
            partners.push(pick(&|r| PARTNERSHIP.contains(&r.kind), &PARTNERSHIP));
        }
    }
    let mut groups = Vec::new();
    for (kind, mut entries) in [
        (GroupKind::Members, members),
        (GroupKind::Observers, observers),
        (GroupKind::Partners, partners),
    ] {
        if !entries.is_empty() {
            crate::sort::sort_by_key(&mut entries, |e| order(e.organisation));
            groups.push(Group {
                kind,
                entries,
                projects: Vec::new(),
            });
        }
    }
    // The programme's projects by kind, each kind in chronological order.
    let mut by_kind: Vec<(ProjectKind, Vec<&'a Project>)> = Vec::new();
    for p in data
        .projects
        .iter()
        .filter(|p| p.id != hub && p.programmes.iter().any(|x| x == id))
    {
        match by_kind.iter_mut().find(|(k, _)| *k == p.kind) {
            Some((_, list)) => list.push(p),
            None => by_kind.push((p.kind, vec![p])),
        }
    }
    for (_, list) in &mut by_kind {
        crate::sort::sort_by(list, |a, b| a.span.chronological(&b.span));
    }
    crate::sort::sort_by(&mut by_kind, |a, b| {
        b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0))
    });
    groups.extend(by_kind.into_iter().map(|(kind, projects)| Group {
        kind: GroupKind::Projects(kind),
        entries: Vec::new(),
        projects,
    }));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Confidence;

    fn data() -> Dataset {
        crate::data::embedded().expect("the shipped dataset is valid")
    }

    fn group<'a>(groups: &'a [Group<'a>], kind: GroupKind) -> &'a Group<'a> {
        groups
            .iter()
            .find(|g| g.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} group"))
    }

    fn ids<'a>(g: &'a Group<'a>) -> Vec<&'a str> {
        g.entries
            .iter()
            .map(|e| e.organisation.id.as_str())
            .collect()
    }

    #[test]
    fn g7_cancer_names_its_seven_signatories_and_iarc_as_an_observer() {
        let data = data();
        let groups = of(&data, "prog-g7", |o| o.id.clone());
        let members = group(&groups, GroupKind::Members);
        assert_eq!(
            ids(members),
            [
                "cancer-australia",
                "cihr",
                "cruk",
                "dkfz",
                "inca",
                "ncc-japan",
                "nci-us"
            ]
        );
        for e in &members.entries {
            let kinds: Vec<RelationKind> = e.relations.iter().map(|r| r.kind).collect();
            assert_eq!(
                kinds[..2],
                [RelationKind::MemberOf, RelationKind::Signatory]
            );
        }
        // INCa also held the presidency and the secretariat, as the data says.
        let inca = &members.entries[4];
        assert_eq!(inca.relations.len(), 4);
        let observers = group(&groups, GroupKind::Observers);
        assert_eq!(ids(observers), ["iarc"]);
        let iarc = observers.entries[0].relations[0];
        assert_eq!(iarc.kind, RelationKind::ObserverOf);
        assert_eq!(iarc.provenance.confidence, Confidence::Confirmed);
        assert!(!iarc.provenance.sources.is_empty());
        // Nobody else: the working groups are projects, not members.
        assert!(!groups.iter().any(|g| g.kind == GroupKind::Partners));
        assert_eq!(
            group(&groups, GroupKind::Projects(ProjectKind::WorkingGroup))
                .projects
                .len(),
            5
        );
    }

    #[test]
    fn unicancer_names_its_centres_and_its_partners_apart() {
        let data = data();
        let groups = of(&data, "prog-unicancer", |o| o.id.clone());
        let members = group(&groups, GroupKind::Members);
        let kinds = |kind: RelationKind| {
            members
                .entries
                .iter()
                .filter(|e| e.relations[0].kind == kind)
                .count()
        };
        assert_eq!(kinds(RelationKind::MemberOf), 18);
        assert_eq!(kinds(RelationKind::AffiliatedMemberOf), 2);
        assert!(members
            .entries
            .iter()
            .all(|e| e.organisation.kind == crate::model::OrgKind::CancerCentre));
        let partners = ids(group(&groups, GroupKind::Partners));
        for id in [
            "who",
            "uicc",
            "hope",
            "ihf",
            "esmo",
            "eco",
            "eortc",
            "french-healthcare",
        ] {
            assert!(partners.contains(&id), "{id} missing from {partners:?}");
        }
        // A grant role through INCa in a joint action is not a partnership.
        assert!(!partners.contains(&"inca"));
        // HOPE: a membership and a board seat, both named.
        let hope = group(&groups, GroupKind::Partners)
            .entries
            .iter()
            .find(|e| e.organisation.id == "hope")
            .unwrap();
        let kinds: Vec<RelationKind> = hope.relations.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RelationKind::MemberOf, RelationKind::BoardSeat]);
    }

    #[test]
    fn the_eu_programme_lists_its_joint_actions_in_chronological_order() {
        let data = data();
        let groups = of(&data, "prog-eu", |o| o.id.clone());
        // No organisation is a member or partner of the Plan (Unicancer supports it, which
        // is not a partnership); the largest group first: the joint actions.
        assert_eq!(
            groups[0].kind,
            GroupKind::Projects(ProjectKind::JointAction)
        );
        let order: Vec<&str> = groups[0].projects.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(order[..3], ["epaac", "cancon", "ipaac"]);
        let at = |id: &str| order.iter().position(|x| *x == id).unwrap();
        assert!(at("ipaac") < at("crane") && at("crane") < at("eunetccc"));
        assert!(at("eucanscreen") < at("eunetccc") && at("eunetccc") < at("jane-2"));
        assert_eq!(order.len(), 14);
        for pair in groups[0].projects.windows(2) {
            assert!(pair[0].span.chronological(&pair[1].span).is_le());
        }
        // The plan itself is the hub, not one of its projects.
        assert!(groups
            .iter()
            .all(|g| g.projects.iter().all(|p| p.id != "ebcp")));
    }

    #[test]
    fn another_datasets_programme_gets_its_lists_from_its_relations_kinds() {
        // A programme of another dataset, around a body that is only a member of others
        // and a partner: HOPE, whose members are named by `member-of` relations.
        let mut data = data();
        let mut programme = data.programmes[0].clone();
        programme.id = "prog-hope".into();
        programme.hub = "hope".into();
        data.programmes.push(programme);
        let groups = of(&data, "prog-hope", |o| o.id.clone());
        assert_eq!(groups[0].kind, GroupKind::Members);
        let unicancer = groups[0]
            .entries
            .iter()
            .find(|e| e.organisation.id == "unicancer")
            .expect("Unicancer is a member of HOPE");
        let kinds: Vec<RelationKind> = unicancer.relations.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RelationKind::MemberOf, RelationKind::BoardSeat]);
        // No project names it as its programme: no project group.
        assert!(groups.iter().all(|g| g.projects.is_empty()));
    }

    #[test]
    fn an_unknown_programme_has_no_groups() {
        assert!(of(&data(), "nope", |o| o.id.clone()).is_empty());
    }
}
