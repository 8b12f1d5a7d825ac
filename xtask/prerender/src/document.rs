//! The atlas as text, in one language: a page of its own (`/text/`, `/fr/text/`), linked
//! from the app page's `<noscript>` and listed in the sitemap. Each programme with its
//! summary and lists, then the records at its centre (its hub and its projects), each with
//! the organisations that take part: name, place, role, and the sources that say so,
//! linked. The app never draws this, so it is written here as plain markup over the same
//! dataset and the app's own words.

use cancer_atlas::i18n::Lang;
use cancer_atlas::model::{Dataset, Organisation, Provenance, Relation};
use std::fmt::Write;

/// Text for HTML content or a quoted attribute: the app's own escaping.
use cancer_atlas::geo::svg::escape as esc;

/// The words this document adds to the app's, in each language.
struct Words {
    title: &'static str,
    intro: &'static str,
    open: &'static str,
    needs: &'static str,
    atlas: &'static str,
    taking_part: &'static str,
    none_named: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "The atlas as text",
            intro: "What the interactive atlas (map, timeline, network, search) shows, written out as a document: the three programmes, the organisations that take part in each, their place and role, and the sources for each.",
            open: "Open the interactive atlas",
            needs: " (it needs JavaScript).",
            atlas: "/",
            taking_part: "Taking part",
            none_named: "No organisation named by the sources.",
        },
        Lang::Fr => Words {
            title: "L’atlas en texte",
            intro: "Ce que montre l’atlas interactif (carte, frise, réseau, recherche), écrit sous forme de document\u{202f}: les trois programmes, les organismes qui participent à chacun, leur lieu et leur rôle, et les sources de chaque fait.",
            open: "Ouvrir l’atlas interactif",
            needs: " (il a besoin de JavaScript).",
            atlas: "/fr/",
            taking_part: "Participants",
            none_named: "Aucun organisme nommé par les sources.",
        },
    }
}

/// The page's title in `lang`: "The atlas as text — Cancer Cooperation Atlas".
pub fn title(lang: Lang) -> String {
    format!("{} — {}", words(lang).title, lang.strings().app_title)
}

/// The sources of a record, linked, and how sure the atlas is of it.
fn sources(out: &mut String, data: &Dataset, provenance: &Provenance, lang: Lang) {
    out.push_str(" <small>(");
    for id in &provenance.sources {
        match data.sources.iter().find(|s| &s.id == id) {
            Some(s) => match &s.url {
                Some(url) => {
                    let _ = write!(out, r#"<a href="{}">{}</a>"#, esc(url), esc(&s.title));
                }
                None => out.push_str(&esc(&s.title)),
            },
            None => out.push_str(&esc(id)),
        }
        out.push_str(" · ");
    }
    let _ = write!(
        out,
        "{})</small>",
        esc(lang.confidence_short(provenance.confidence))
    );
}

fn place(data: &Dataset, org: &Organisation, lang: Lang) -> String {
    let country = data
        .countries
        .iter()
        .find(|c| c.code == org.country)
        .map_or(org.country.as_str(), |c| c.name.get(lang));
    format!("{}, {}", org.city.get(lang), country)
}

fn name_of(data: &Dataset, id: &str, lang: Lang) -> String {
    if let Some(o) = data.organisations.iter().find(|o| o.id == id) {
        return o.name.get(lang).to_owned();
    }
    if let Some(p) = data.projects.iter().find(|p| p.id == id) {
        return p.name.get(lang).to_owned();
    }
    id.to_owned()
}

/// One relation of `record`, read from the record's side.
fn relation_item(out: &mut String, data: &Dataset, record: &str, r: &Relation, lang: Lang) {
    let (other, words) = if r.to == record {
        (r.from.as_str(), lang.role(r.kind).to_owned())
    } else {
        (r.to.as_str(), lang.relation_kind(r.kind).to_owned())
    };
    let _ = write!(
        out,
        "<li><strong>{}</strong>",
        esc(&name_of(data, other, lang))
    );
    if let Some(org) = data.organisations.iter().find(|o| o.id == other) {
        let _ = write!(out, " ({})", esc(&place(data, org, lang)));
    }
    let _ = write!(out, "{}{}", lang.colon(), esc(&words));
    if r.span.start.is_some() || r.span.end.is_some() {
        let _ = write!(out, ", {}", esc(&lang.span(r.span)));
    }
    out.push('.');
    sources(out, data, &r.provenance, lang);
    out.push_str("</li>");
}

/// The document in `lang`.
pub fn document(data: &Dataset, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<main class="nojs" id="main" lang="{}"><h1>{}</h1><p>{}</p><p><a href="{}">{}</a>{}</p>"#,
        lang.tag(),
        esc(&title(lang)),
        esc(w.intro),
        w.atlas,
        esc(w.open),
        esc(w.needs)
    );
    for prog in &data.programmes {
        let _ = write!(
            out,
            "<section><h2>{}</h2><p>{}",
            esc(prog.name.get(lang)),
            esc(prog.summary.get(lang))
        );
        sources(&mut out, data, &prog.provenance, lang);
        out.push_str("</p>");
        for section in &prog.sections {
            let _ = write!(out, "<h3>{}</h3><ul>", esc(section.title.get(lang)));
            for item in &section.items {
                let _ = write!(out, "<li>{}</li>", esc(item.get(lang)));
            }
            out.push_str("</ul>");
        }
        let records = std::iter::once(prog.hub.as_str()).chain(
            data.projects
                .iter()
                .filter(|p| p.programmes.contains(&prog.id) && p.id != prog.hub)
                .map(|p| p.id.as_str()),
        );
        for record in records {
            let _ = write!(out, "<h3>{}", esc(&name_of(data, record, lang)));
            if let Some(p) = data.projects.iter().find(|p| p.id == record) {
                if p.span.start.is_some() || p.span.end.is_some() {
                    let _ = write!(out, " <small>({})</small>", esc(&lang.span(p.span)));
                }
            }
            let _ = write!(out, "</h3><p>{}", w.taking_part);
            let related: Vec<&Relation> = data
                .relations
                .iter()
                .filter(|r| r.to == record || r.from == record)
                .collect();
            if let Some(p) = data.projects.iter().find(|p| p.id == record) {
                let named = related
                    .iter()
                    .filter(|r| {
                        r.to == record && cancer_atlas::participation::is_partner_role(r.kind)
                    })
                    .count();
                if p.partners.is_some() || named > 0 {
                    let _ = write!(out, " ({})", esc(&lang.named_of(named, p.partners)));
                }
            }
            out.push_str("</p>");
            if related.is_empty() {
                let _ = write!(out, "<p>{}</p>", w.none_named);
                continue;
            }
            out.push_str("<ul>");
            for r in related {
                relation_item(&mut out, data, record, r, lang);
            }
            out.push_str("</ul>");
        }
        out.push_str("</section>");
    }
    out.push_str("</main>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_programme_with_its_participants_places_roles_and_linked_sources() {
        let data = cancer_atlas::data::embedded().expect("the embedded dataset");
        for lang in Lang::ALL {
            let doc = document(&data, lang);
            assert_eq!(doc.matches("<section><h2>").count(), data.programmes.len());
            for p in &data.programmes {
                assert!(doc.contains(&format!("<h2>{}</h2>", esc(p.name.get(lang)))));
            }
            // Every relation appears once per record it touches that a programme lists.
            assert!(
                doc.matches("<li><strong>").count() >= 300,
                "participants listed"
            );
            for p in &data.programmes {
                let hub = esc(&name_of(&data, &p.hub, lang));
                assert!(doc.contains(&format!("<h3>{hub}")), "the hub {hub}");
            }
            let pl = doc
                .matches(&format!(
                    "{}{}",
                    lang.colon(),
                    lang.role(cancer_atlas::model::RelationKind::MemberOf)
                ))
                .count();
            assert!(
                pl >= 7,
                "G7 Cancer's members and other members, with their role: {pl}"
            );
            assert!(doc.contains(r#"<a href="https://"#));
            assert!(!doc.contains("<a href=\"javascript:"));
            assert!(!doc.to_lowercase().contains("seed"), "no internal words");
            let atlas = if lang == Lang::En { "/" } else { "/fr/" };
            assert!(
                doc.contains(&format!(r#"<a href="{atlas}">"#)),
                "the way to the atlas"
            );
            assert!(doc.starts_with(&format!(
                r#"<main class="nojs" id="main" lang="{}"><h1>{}</h1>"#,
                lang.tag(),
                esc(&title(lang))
            )));
        }
    }
}
