//! "About the data": a page of its own for each language (`/about/`, `/fr/about/`), written
//! at build time, so that a visit of the atlas never loads it: the dataset's version and
//! changes, its licence, the coverage per programme, how the data is gathered and checked,
//! and the downloads.

use cancer_atlas::data::report::Report;
use cancer_atlas::geo::svg::escape;
use cancer_atlas::i18n::Lang;
use cancer_atlas::model::{Dataset, PartialDate};
use cancer_atlas::release::{LICENCE, LICENCE_URL, RELEASES};

struct Words {
    title: &'static str,
    intro: &'static str,
    version: &'static str,
    changes: &'static str,
    licence: &'static str,
    licence_text: &'static str,
    coverage: &'static str,
    coverage_text: &'static str,
    project: &'static str,
    named: &'static str,
    stated: &'static str,
    countries: &'static str,
    method: &'static str,
    method_text: [&'static str; 4],
    downloads: &'static str,
    package: &'static str,
    whole: &'static str,
    correct: &'static str,
    correct_text: &'static str,
    back: &'static str,
}

const EN: Words = Words {
    title: "About the data",
    intro: "The Cancer Cooperation Atlas gathers who works with whom against cancer across borders: the G7 Cancer alliance, Unicancer’s international partnerships and the European joint actions on cancer.",
    version: "Version",
    changes: "What changed",
    licence: "Licence",
    licence_text: "for the compilation. Each cited page keeps its own terms.",
    coverage: "Coverage",
    coverage_text: "For each programme, the partners the atlas names against the number its sources state (— when no source gives one).",
    project: "Project",
    named: "Named",
    stated: "Stated",
    countries: "Countries named",
    method: "How the data is gathered and checked",
    method_text: [
        "Every record cites the public pages it comes from: the projects’ and partners’ own pages, ministries, agencies and official journals.",
        "Each record has a confidence level, from confirmed by an independent source to disputed; where sources disagree, both sides are kept and the atlas says which it shows.",
        "Every build checks the whole dataset (references, dates, countries, duplicates, both languages and their typography) and refuses it at the first problem.",
        "Samples of the records are re-read against their pages; the changes above say what each re-read corrected.",
    ],
    downloads: "Download",
    package: "Data package: one CSV table per kind of record, with their schemas (Frictionless Data)",
    whole: "The whole dataset as one JSON document, which the atlas itself can open",
    correct: "Report a correction",
    correct_text: "Every record’s card in the atlas ends with a link that opens a report naming the record. Reports go to",
    back: "Back to the atlas",
};

const FR: Words = Words {
    title: "À propos des données",
    intro: "L’Atlas de la coopération contre le cancer rassemble qui travaille avec qui contre le cancer par-delà les frontières\u{202f}: l’alliance G7 Cancer, les partenariats internationaux d’Unicancer et les actions conjointes européennes contre le cancer.",
    version: "Version",
    changes: "Ce qui a changé",
    licence: "Licence",
    licence_text: "pour la compilation. Chaque page citée garde ses propres conditions.",
    coverage: "Couverture",
    coverage_text: "Pour chaque programme, les partenaires que l’atlas nomme au regard du nombre qu’indiquent ses sources (— quand aucune source n’en donne).",
    project: "Projet",
    named: "Nommés",
    stated: "Selon les sources",
    countries: "Pays nommés",
    method: "Comment les données sont réunies et vérifiées",
    method_text: [
        "Chaque fiche cite les pages publiques dont elle vient\u{202f}: pages des projets et des partenaires, ministères, agences et journaux officiels.",
        "Chaque fiche a un degré de fiabilité, de «\u{202f}confirmé par une source indépendante\u{202f}» à «\u{202f}contesté\u{202f}»\u{202f}; quand les sources divergent, les deux versions sont conservées et l’atlas indique celle qu’il retient.",
        "Chaque construction du site vérifie tout le jeu de données (références, dates, pays, doublons, les deux langues et leur typographie) et le refuse au premier problème.",
        "Des échantillons de fiches sont relus au regard de leurs pages\u{202f}; les changements ci-dessus disent ce que chaque relecture a corrigé.",
    ],
    downloads: "Télécharger",
    package: "Paquet de données\u{202f}: un tableau CSV par type de fiche, avec leurs schémas (Frictionless Data)",
    whole: "Le jeu de données complet en un document JSON, que l’atlas lui-même sait ouvrir",
    correct: "Signaler une erreur",
    correct_text: "La fiche de chaque enregistrement, dans l’atlas, se termine par un lien qui ouvre un signalement nommant la fiche. Les signalements vont à",
    back: "Revenir à l’atlas",
};

/// The page's title, for its `<title>`.
pub fn title(lang: Lang) -> String {
    let w = words(lang);
    format!("{} — {}", w.title, lang.strings().app_title)
}

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// The page's body: `<main>` and its sections.
pub fn body(data: &Dataset, lang: Lang, corrections: &str) -> String {
    let w = words(lang);
    let home = match lang {
        Lang::En => "/",
        Lang::Fr => "/fr/",
    };
    let mut out = String::new();
    out.push_str(&format!(
        "<main class=\"about\" id=\"main\"><p><a href=\"{home}\">{}</a></p><h1>{}</h1><p>{}</p>",
        escape(w.back),
        escape(w.title),
        escape(w.intro)
    ));
    // Version and changes, newest first.
    let latest = &RELEASES[0];
    let day = |d: &str| {
        PartialDate::parse(d)
            .map(|p| lang.date(p))
            .unwrap_or_default()
    };
    out.push_str(&format!(
        "<h2>{}</h2><p class=\"about__version\">{}</p><h3>{}</h3><ul class=\"about__changes\">",
        escape(w.version),
        escape(
            &PartialDate::parse(latest.date)
                .map(|d| lang.data_release(latest.version, d))
                .unwrap_or_default()
        ),
        escape(w.changes)
    ));
    for r in RELEASES {
        let items = match lang {
            Lang::En => r.en,
            Lang::Fr => r.fr,
        };
        for item in items {
            out.push_str(&format!(
                "<li><strong>{} ({})</strong>{}{}</li>",
                escape(r.version),
                escape(&day(r.date)),
                escape(lang.colon()),
                escape(item)
            ));
        }
    }
    out.push_str("</ul>");
    // Licence.
    out.push_str(&format!(
        "<h2>{}</h2><p><a rel=\"license\" href=\"{}\">{}</a> {}</p>",
        escape(w.licence),
        escape(LICENCE_URL),
        escape(LICENCE),
        escape(w.licence_text)
    ));
    // Coverage, per programme.
    out.push_str(&format!(
        "<h2>{}</h2><p>{}</p>",
        escape(w.coverage),
        escape(w.coverage_text)
    ));
    let report = Report::of(data);
    let count = |n: Option<u32>| n.map_or("—".to_owned(), |n| lang.number(n as usize));
    for prog in &report.coverage {
        let name = data
            .programmes
            .iter()
            .find(|p| p.id == prog.id)
            .map_or(prog.name.clone(), |p| p.name.get(lang).to_owned());
        out.push_str(&format!(
            "<h3>{}</h3><table class=\"table about__coverage\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&name),
            escape(w.project),
            escape(w.named),
            escape(w.stated),
            escape(w.countries)
        ));
        for p in &prog.projects {
            let pname = data
                .projects
                .iter()
                .find(|x| x.id == p.id)
                .map_or(p.name.clone(), |x| {
                    x.acronym
                        .as_ref()
                        .map_or(x.name.get(lang), |a| a.get(lang))
                        .to_owned()
                });
            out.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&pname),
                lang.number(p.named),
                count(p.stated),
                lang.number(p.countries)
            ));
        }
        out.push_str("</tbody></table>");
    }
    // Method.
    out.push_str(&format!("<h2>{}</h2><ul>", escape(w.method)));
    for line in w.method_text {
        out.push_str(&format!("<li>{}</li>", escape(line)));
    }
    out.push_str("</ul>");
    // Downloads and corrections.
    out.push_str(&format!(
        "<h2>{}</h2><ul><li><a href=\"/data/datapackage.json\" type=\"application/json\">{}</a></li><li><a href=\"/data/atlas.json\" type=\"application/json\">{}</a></li></ul>",
        escape(w.downloads),
        escape(w.package),
        escape(w.whole)
    ));
    let shown = corrections.strip_prefix("mailto:").unwrap_or(corrections);
    out.push_str(&format!(
        "<h2>{}</h2><p>{} <code>{}</code>.</p></main>",
        escape(w.correct),
        escape(w.correct_text),
        escape(shown)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_gives_version_changes_licence_coverage_and_downloads_in_each_language() {
        let data = cancer_atlas::data::embedded().unwrap();
        for lang in Lang::ALL {
            let html = body(&data, lang, "corrections@example.org");
            assert!(html.contains(RELEASES[0].version));
            assert!(html.contains(LICENCE_URL));
            assert!(html.contains("/data/datapackage.json") && html.contains("/data/atlas.json"));
            assert!(html.contains("EUnetCCC"));
            assert!(html.contains("corrections@example.org"));
            assert_eq!(
                html.matches("<table").count(),
                html.matches("</table>").count()
            );
        }
        assert!(body(&data, Lang::Fr, "x").contains("Ce qui a changé"));
    }
}
