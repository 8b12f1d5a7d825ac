//! A dataset's report card: counts per type, how much is sourced and bilingual, and every
//! statement a reader should treat with care. Computed from the data, never assumed.

use crate::model::*;
use std::fmt;

/// One statement marked unconfirmed, disputed or corrected.
#[derive(Clone, Debug, PartialEq)]
pub struct Caution {
    pub id: String,
    pub confidence: Confidence,
    pub what: String,
}

/// One project's participation: what the atlas names against what the sources state.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectCoverage {
    pub id: String,
    pub name: String,
    pub named: usize,
    pub stated: Option<u32>,
    pub countries: usize,
    pub stated_countries: Option<u32>,
}

/// A programme's projects, and how much of what touches them is sourced and bilingual.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeCoverage {
    pub id: String,
    pub name: String,
    pub projects: Vec<ProjectCoverage>,
    /// Distinct organisations named as partners of any of its projects, and their countries.
    pub organisations: usize,
    pub countries: usize,
    pub records: usize,
    pub sourced: usize,
    pub texts: usize,
    pub bilingual_texts: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub counts: Vec<(&'static str, usize)>,
    pub records: usize,
    pub sourced: usize,
    pub texts: usize,
    pub bilingual_texts: usize,
    pub cautions: Vec<Caution>,
    pub conflicts: Vec<(String, Confidence, String)>,
    pub coverage: Vec<ProgrammeCoverage>,
}

impl Report {
    pub fn sourced_share(&self) -> f64 {
        share(self.sourced, self.records)
    }

    pub fn bilingual_share(&self) -> f64 {
        share(self.bilingual_texts, self.texts)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn prov(p: &Provenance) -> Option<&Text> {
    p.note.as_ref()
}

/// Every bilingual text of a dataset, for counting.
fn texts(data: &Dataset) -> Vec<&Text> {
    let mut out: Vec<&Text> = Vec::new();
    for c in &data.countries {
        out.push(&c.name);
    }
    for o in &data.organisations {
        out.extend([&o.name, &o.city]);
        out.extend(o.acronym.as_ref());
        out.extend(prov(&o.provenance));
    }
    for p in &data.programmes {
        out.extend([&p.name, &p.summary]);
        for s in &p.sections {
            out.push(&s.title);
            out.extend(&s.items);
        }
        out.extend(prov(&p.provenance));
    }
    for p in &data.projects {
        out.extend([&p.name, &p.summary]);
        out.extend(
            p.acronym
                .iter()
                .chain(&p.funding)
                .chain(&p.partners_note)
                .chain(&p.budget),
        );
        out.extend(prov(&p.provenance));
    }
    for r in &data.relations {
        out.extend(prov(&r.provenance));
    }
    for e in &data.events {
        out.push(&e.label);
        out.extend(e.place.as_ref());
        out.extend(prov(&e.provenance));
    }
    for f in &data.figures {
        out.extend([&f.unit, &f.subject]);
        out.extend(prov(&f.provenance));
    }
    for c in &data.conflicts {
        out.extend([&c.topic, &c.resolution]);
        out.extend(c.claims.iter().map(|claim| &claim.says));
    }
    out
}

fn bilingual(t: &Text) -> bool {
    !t.en.trim().is_empty() && !t.fr.trim().is_empty()
}

/// Per programme: each project's named partners against the stated count, and the share of
/// sourced records and bilingual texts among the project, its relations, its partners and
/// its events.
fn coverage(data: &Dataset) -> Vec<ProgrammeCoverage> {
    data.programmes
        .iter()
        .map(|prog| {
            let projects: Vec<&Project> = data
                .projects
                .iter()
                .filter(|p| p.programmes.contains(&prog.id))
                .collect();
            let mut orgs: Vec<&str> = Vec::new();
            let mut countries: Vec<&str> = Vec::new();
            let mut rows = Vec::new();
            let (mut records, mut sourced, mut texts, mut bilingual_texts) = (0, 0, 0, 0);
            let mut count = |prov: &Provenance, own: &[&Text]| {
                records += 1;
                sourced += usize::from(!prov.sources.is_empty());
                for t in own.iter().copied().chain(prov.note.as_ref()) {
                    texts += 1;
                    bilingual_texts += usize::from(bilingual(t));
                }
            };
            for p in &projects {
                let Some(part) = crate::participation::of(data, &p.id, |c| c.to_owned()) else {
                    continue;
                };
                for c in &part.countries {
                    let partners: Vec<&str> = c
                        .members
                        .iter()
                        .filter(|m| crate::participation::is_partner_role(m.relation.kind))
                        .map(|m| m.organisation.id.as_str())
                        .collect();
                    if (!partners.is_empty() || !c.named_by.is_empty())
                        && !countries.contains(&c.code)
                    {
                        countries.push(c.code);
                    }
                    for id in partners {
                        if !orgs.contains(&id) {
                            orgs.push(id);
                        }
                    }
                }
                rows.push(ProjectCoverage {
                    id: p.id.clone(),
                    name: p.acronym.as_ref().unwrap_or(&p.name).en.clone(),
                    named: part.named_partners(),
                    stated: p.partners,
                    countries: part.countries_shown(),
                    stated_countries: p.partner_countries,
                });
                let own: Vec<&Text> = [&p.name, &p.summary]
                    .into_iter()
                    .chain(&p.acronym)
                    .chain(&p.funding)
                    .chain(&p.partners_note)
                    .chain(&p.budget)
                    .collect();
                count(&p.provenance, &own);
                for r in data
                    .relations
                    .iter()
                    .filter(|r| r.from == p.id || r.to == p.id)
                {
                    count(&r.provenance, &[]);
                }
                for e in data.events.iter().filter(|e| e.related.contains(&p.id)) {
                    let own: Vec<&Text> = std::iter::once(&e.label).chain(&e.place).collect();
                    count(&e.provenance, &own);
                }
            }
            for o in data
                .organisations
                .iter()
                .filter(|o| orgs.contains(&o.id.as_str()))
            {
                let own: Vec<&Text> = [&o.name, &o.city].into_iter().chain(&o.acronym).collect();
                count(&o.provenance, &own);
            }
            ProgrammeCoverage {
                id: prog.id.clone(),
                name: prog.name.en.clone(),
                projects: rows,
                organisations: orgs.len(),
                countries: countries.len(),
                records,
                sourced,
                texts,
                bilingual_texts,
            }
        })
        .collect()
}

impl ProgrammeCoverage {
    pub fn sourced_share(&self) -> f64 {
        share(self.sourced, self.records)
    }

    pub fn bilingual_share(&self) -> f64 {
        share(self.bilingual_texts, self.texts)
    }
}

impl Report {
    pub fn of(data: &Dataset) -> Report {
        let mut provenances: Vec<(&str, &Provenance, String)> = Vec::new();
        for o in &data.organisations {
            provenances.push((&o.id, &o.provenance, o.name.en.clone()));
        }
        for p in &data.programmes {
            provenances.push((&p.id, &p.provenance, p.name.en.clone()));
        }
        for p in &data.projects {
            provenances.push((&p.id, &p.provenance, p.name.en.clone()));
        }
        for r in &data.relations {
            provenances.push((
                &r.id,
                &r.provenance,
                format!("{} {} {}", r.from, r.kind.key(), r.to),
            ));
        }
        for e in &data.events {
            provenances.push((&e.id, &e.provenance, e.label.en.clone()));
        }
        for f in &data.figures {
            provenances.push((&f.id, &f.provenance, f.subject.en.clone()));
        }
        let conflicts_sourced = data
            .conflicts
            .iter()
            .filter(|c| c.claims.iter().all(|cl| !cl.sources.is_empty()))
            .count();
        let records = provenances.len() + data.conflicts.len();
        let sourced = provenances
            .iter()
            .filter(|(_, p, _)| !p.sources.is_empty())
            .count()
            + conflicts_sourced;
        let all_texts = texts(data);
        let bilingual = all_texts.iter().filter(|t| bilingual(t)).count();
        let cautions = provenances
            .iter()
            .filter(|(_, p, _)| p.confidence.needs_caution())
            .map(|(id, p, what)| Caution {
                id: id.to_string(),
                confidence: p.confidence,
                what: what.clone(),
            })
            .collect();
        Report {
            counts: vec![
                ("sources", data.sources.len()),
                ("countries", data.countries.len()),
                ("organisations", data.organisations.len()),
                ("programmes", data.programmes.len()),
                ("projects", data.projects.len()),
                ("relations", data.relations.len()),
                ("events", data.events.len()),
                ("figures", data.figures.len()),
                ("conflicts", data.conflicts.len()),
            ],
            records,
            sourced,
            texts: all_texts.len(),
            bilingual_texts: bilingual,
            cautions,
            conflicts: data
                .conflicts
                .iter()
                .map(|c| (c.id.clone(), c.status, c.topic.en.clone()))
                .collect(),
            coverage: coverage(data),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "## Dataset report\n")?;
        writeln!(f, "| records | count |\n|---|---:|")?;
        for (name, n) in &self.counts {
            writeln!(f, "| {name} | {n} |")?;
        }
        writeln!(
            f,
            "\nSourced records: {}/{} ({:.1} %). Bilingual texts: {}/{} ({:.1} %).",
            self.sourced,
            self.records,
            100.0 * self.sourced_share(),
            self.bilingual_texts,
            self.texts,
            100.0 * self.bilingual_share()
        )?;
        writeln!(f, "\n### Coverage by programme\n")?;
        writeln!(
            f,
            "Named partners are the organisations the atlas links to a project as coordinator, \
             co-lead, beneficiary, affiliated entity, member, signatory, participant, associated \
             or collaborating partner (observers and subcontractors are listed, not counted). \
             Stated: the count the sources give (— none found).\n"
        )?;
        let opt = |v: Option<u32>| v.map_or_else(|| "—".to_owned(), |n| n.to_string());
        for prog in &self.coverage {
            writeln!(
                f,
                "#### {} ({} organisations named in {} countries; sourced {:.1} %, bilingual {:.1} %)\n",
                prog.name,
                prog.organisations,
                prog.countries,
                100.0 * prog.sourced_share(),
                100.0 * prog.bilingual_share()
            )?;
            writeln!(
                f,
                "| project | named partners | stated partners | countries | stated countries |\n|---|---:|---:|---:|---:|"
            )?;
            for p in &prog.projects {
                writeln!(
                    f,
                    "| {} | {} | {} | {} | {} |",
                    p.name,
                    p.named,
                    opt(p.stated),
                    p.countries,
                    opt(p.stated_countries)
                )?;
            }
            let named: usize = prog.projects.iter().map(|p| p.named).sum();
            let stated: u32 = prog.projects.iter().filter_map(|p| p.stated).sum();
            writeln!(
                f,
                "| **total** | **{named}** | **{stated}** (where stated) | **{}** (distinct) | |\n",
                prog.countries
            )?;
        }
        writeln!(
            f,
            "\n### Statements to treat with care ({})\n",
            self.cautions.len()
        )?;
        for c in &self.cautions {
            writeln!(f, "- `{}` ({}): {}", c.id, c.confidence.key(), c.what)?;
        }
        writeln!(
            f,
            "\n### Conflicts between sources ({})\n",
            self.conflicts.len()
        )?;
        for (id, status, topic) in &self.conflicts {
            writeln!(f, "- `{id}` ({}): {topic}", status.key())?;
        }
        Ok(())
    }
}
