//! Who is linked to whom: the organisations an organisation or project works with, and
//! through which relations. Pure: no leptos.

use crate::model::{Dataset, Relation};

/// An organisation linked to the selection, with the relations that link them.
#[derive(Clone, Debug, PartialEq)]
pub struct Partner<'a> {
    pub organisation: &'a str,
    /// Direct relations between the two, or the selection's and the partner's relations
    /// to a shared project.
    pub via: Vec<&'a Relation>,
}

fn is_organisation(data: &Dataset, id: &str) -> bool {
    data.organisations.iter().any(|o| o.id == id)
}

/// The other end of a relation touching `id`, if it touches it.
fn other_end<'a>(r: &'a Relation, id: &str) -> Option<&'a str> {
    if r.from == id {
        Some(&r.to)
    } else if r.to == id {
        Some(&r.from)
    } else {
        None
    }
}

/// The organisations linked to `id` (an organisation or a project), in dataset order,
/// keeping only relations for which `keep` is true (e.g. "active on the as-of date").
pub fn partners<'a>(
    data: &'a Dataset,
    id: &str,
    keep: impl Fn(&Relation) -> bool,
) -> Vec<Partner<'a>> {
    let mut found: Vec<Partner<'a>> = Vec::new();
    let mut add = |org: &'a str, rels: &[&'a Relation]| {
        if org == id || !is_organisation(data, org) {
            return;
        }
        match found.iter_mut().find(|p| p.organisation == org) {
            Some(p) => {
                for r in rels {
                    if !p.via.iter().any(|v| v.id == r.id) {
                        p.via.push(r);
                    }
                }
            }
            None => found.push(Partner {
                organisation: org,
                via: rels.to_vec(),
            }),
        }
    };
    let mine: Vec<&'a Relation> = data
        .relations
        .iter()
        .filter(|r| keep(r) && other_end(r, id).is_some())
        .collect();
    for r in &mine {
        let Some(other) = other_end(r, id) else {
            continue;
        };
        if is_organisation(data, other) {
            add(other, &[r]);
        } else {
            // A project both take part in: its other organisations are partners too.
            for r2 in data.relations.iter().filter(|r2| keep(r2) && r2.id != r.id) {
                if let Some(org) = other_end(r2, other) {
                    add(org, &[r, r2]);
                }
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |p| {
        data.organisations
            .iter()
            .position(|o| o.id == p.organisation)
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_direct_and_shared_project_partners() {
        let data = crate::data::embedded().unwrap();
        let nijz = partners(&data, "nijz", |_| true);
        let ids: Vec<&str> = nijz.iter().map(|p| p.organisation).collect();
        // NIJZ coordinates CraNE, in which INCa, Unicancer and OECI take part.
        for expected in ["inca", "unicancer", "oeci", "dkfz"] {
            assert!(ids.contains(&expected), "{expected} missing from {ids:?}");
        }
        assert!(!ids.contains(&"nijz"));
        let inca = nijz.iter().find(|p| p.organisation == "inca").unwrap();
        assert!(inca.via.iter().any(|r| r.to == "crane"));
    }

    #[test]
    fn a_filter_removes_relations() {
        let data = crate::data::embedded().unwrap();
        assert!(partners(&data, "nijz", |_| false).is_empty());
    }

    #[test]
    fn a_project_lists_its_organisations() {
        let data = crate::data::embedded().unwrap();
        let crane: Vec<&str> = partners(&data, "crane", |_| true)
            .iter()
            .map(|p| p.organisation)
            .collect();
        for expected in ["nijz", "inca", "unicancer", "oeci"] {
            assert!(
                crane.contains(&expected),
                "{expected} missing from {crane:?}"
            );
        }
    }
}
