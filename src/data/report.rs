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

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub counts: Vec<(&'static str, usize)>,
    pub records: usize,
    pub sourced: usize,
    pub texts: usize,
    pub bilingual_texts: usize,
    pub cautions: Vec<Caution>,
    pub conflicts: Vec<(String, Confidence, String)>,
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
        let bilingual = all_texts
            .iter()
            .filter(|t| !t.en.trim().is_empty() && !t.fr.trim().is_empty())
            .count();
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
