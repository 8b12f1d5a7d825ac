//! "Cite this": the atlas, or the view a visitor is looking at, as an in-line citation, a
//! full one and a BibTeX entry, each with the title, the dataset's version, the view's
//! address and the day it was read. Pure.

use crate::i18n::Lang;
use crate::model::PartialDate;

/// What a citation names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cited<'a> {
    /// The dataset's version and its date (`release::CURRENT`).
    pub version: &'a str,
    pub released: PartialDate,
    /// The view's address (its share link).
    pub url: &'a str,
    /// The day the reader saw it.
    pub accessed: PartialDate,
    /// What the view shows, when something is selected: "CraNE".
    pub subject: Option<&'a str>,
}

fn title(lang: Lang) -> &'static str {
    lang.strings().app_title
}

/// "Cancer Cooperation Atlas, version 1.2.0, https://… (accessed 7 December 2026)".
pub fn inline(c: &Cited, lang: Lang) -> String {
    let subject = c.subject.map(|s| format!(" — {s}")).unwrap_or_default();
    let accessed = match lang {
        Lang::En => "accessed",
        Lang::Fr => "consulté le",
    };
    format!(
        "{}{subject}, version {}, {} ({accessed} {})",
        title(lang),
        c.version,
        c.url,
        lang.date(c.accessed)
    )
}

/// The full reference, as a bibliography lists it.
pub fn full(c: &Cited, lang: Lang) -> String {
    let subject = c.subject.map(|s| format!(" {s}.")).unwrap_or_default();
    let colon = lang.colon();
    match lang {
        Lang::En => format!(
            "Cancer Cooperation Atlas ({}). {}, version {}.{subject} Dataset and interactive atlas, \
             licence CC BY 4.0. Available at{colon}{} (accessed {}).",
            c.released.year,
            title(lang),
            c.version,
            c.url,
            lang.date(c.accessed)
        ),
        Lang::Fr => format!(
            "Atlas de la coopération contre le cancer ({}). {}, version {}.{subject} Jeu de \
             données et atlas interactif, licence CC BY 4.0. Disponible à l’adresse{colon}{} \
             (consulté le {}).",
            c.released.year,
            title(lang),
            c.version,
            c.url,
            lang.date(c.accessed)
        ),
    }
}

/// A BibTeX `@misc` entry (braces in values escaped; the title kept as written).
pub fn bibtex(c: &Cited, lang: Lang) -> String {
    let clean = |s: &str| s.replace(['{', '}'], "");
    let subject = c
        .subject
        .map(|s| format!(": {}", clean(s)))
        .unwrap_or_default();
    format!(
        "@misc{{cancer_atlas_{year},\n  author = {{{{{name}}}}},\n  title = {{{{{title}}}{subject}}},\n  \
         year = {{{year}}},\n  version = {{{version}}},\n  url = {{{url}}},\n  urldate = {{{accessed}}},\n  \
         note = {{Licence CC BY 4.0}},\n  language = {{{lang}}}\n}}",
        year = c.released.year,
        name = clean(title(Lang::En)),
        title = clean(title(lang)),
        version = clean(c.version),
        url = clean(c.url),
        accessed = c.accessed.iso(),
        lang = match lang {
            Lang::En => "english",
            Lang::Fr => "french",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(subject: Option<&'static str>) -> Cited<'static> {
        Cited {
            version: "1.2.0",
            released: PartialDate::parse("2026-12-07").unwrap(),
            url: "https://atlas.example.org/?sel=crane&date=2023-05-09",
            accessed: PartialDate::parse("2026-12-08").unwrap(),
            subject,
        }
    }

    #[test]
    fn each_citation_holds_the_title_version_address_and_access_day() {
        for lang in Lang::ALL {
            for subject in [None, Some("CraNE")] {
                let c = cited(subject);
                for text in [inline(&c, lang), full(&c, lang), bibtex(&c, lang)] {
                    assert!(text.contains(lang.strings().app_title), "{text}");
                    assert!(text.contains("1.2.0"), "{text}");
                    assert!(text.contains(c.url), "{text}");
                    assert!(
                        text.contains(&lang.date(c.accessed)) || text.contains("2026-12-08"),
                        "{text}"
                    );
                    if let Some(s) = subject {
                        assert!(text.contains(s), "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn french_citations_read_as_french() {
        let c = cited(Some("CraNE"));
        assert_eq!(
            inline(&c, Lang::Fr),
            "Atlas de la coopération contre le cancer — CraNE, version 1.2.0, \
             https://atlas.example.org/?sel=crane&date=2023-05-09 (consulté le 8 décembre 2026)"
        );
        assert!(full(&c, Lang::Fr).contains("Disponible à l’adresse\u{202f}: https://"));
        assert!(crate::typography::fault(&full(&c, Lang::Fr), true).is_none());
    }

    #[test]
    fn bibtex_is_one_balanced_misc_entry() {
        let b = bibtex(&cited(Some("A {tricky} name")), Lang::En);
        assert!(b.starts_with("@misc{cancer_atlas_2026,\n"));
        assert!(b.contains("  urldate = {2026-12-08},\n"));
        assert!(b.contains("title = {{Cancer Cooperation Atlas}: A tricky name}"));
        let opens = b.matches('{').count();
        assert_eq!(opens, b.matches('}').count(), "{b}");
        assert!(b.ends_with('}'));
    }
}
