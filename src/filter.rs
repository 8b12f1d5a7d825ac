//! Search that forgives accents and case ("leon berard" finds Centre Léon Bérard), over
//! names, acronyms and cities in both languages. Pure: no leptos.

use crate::model::Dataset;

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
    hits.sort_by_key(|h| h.rank);
    hits
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
}
