//! The table view's content: rows for organisations, relations, projects, events and
//! countries under the current filters and search, sortable by any column, and the same rows as CSV and
//! JSON for export (with confidence and sources). Pure: no leptos.

use crate::filter::{self, Visible};
use crate::i18n::Lang;
use crate::model::{Confidence, Dataset, PartialDate, Provenance};
use std::cmp::Ordering;
use std::fmt::Write as _;

/// Which records the table lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tab {
    #[default]
    Organisations,
    Relations,
    Projects,
    Events,
    /// Countries: their organisations and the projects they take part in (the text
    /// alternative to the map's country layer).
    Countries,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Organisations,
        Tab::Relations,
        Tab::Projects,
        Tab::Events,
        Tab::Countries,
    ];

    /// The URL and file-name key.
    pub fn key(self) -> &'static str {
        match self {
            Tab::Organisations => "organisations",
            Tab::Relations => "relations",
            Tab::Projects => "projects",
            Tab::Events => "events",
            Tab::Countries => "countries",
        }
    }

    pub fn from_key(key: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == key)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Tab::Organisations, _) => "Organisations",
            (Tab::Relations, _) => "Relations",
            (Tab::Projects, Lang::En) => "Projects",
            (Tab::Projects, Lang::Fr) => "Projets",
            (Tab::Events, Lang::En) => "Events",
            (Tab::Events, Lang::Fr) => "Événements",
            (Tab::Countries, Lang::En) => "Countries",
            (Tab::Countries, Lang::Fr) => "Pays",
        }
    }

    /// The order a tab opens in, before any header is chosen: by name as the visitor's
    /// language writes it (accents and case aside), and events by date. The URL says
    /// nothing of it (`sort=` appears once a header is chosen).
    pub fn default_sort(self) -> Sort {
        let column = match self {
            Tab::Organisations | Tab::Projects => "name",
            Tab::Relations => "from",
            Tab::Events => "date",
            Tab::Countries => "country",
        };
        Sort {
            column: column.to_owned(),
            descending: false,
        }
    }

    /// The columns' keys (used in the URL's `sort`) and their headers in each language.
    pub fn columns(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Tab::Organisations => &[
                ("name", "Name", "Nom"),
                ("kind", "Kind", "Type"),
                ("city", "City", "Ville"),
                ("country", "Country", "Pays"),
                ("links", "Relations", "Relations"),
                ("confidence", "Confidence", "Fiabilité"),
            ],
            Tab::Relations => &[
                ("from", "From", "De"),
                ("kind", "Relation", "Relation"),
                ("to", "To", "Vers"),
                ("start", "Start", "Début"),
                ("end", "End", "Fin"),
                ("confidence", "Confidence", "Fiabilité"),
            ],
            Tab::Projects => &[
                ("name", "Name", "Nom"),
                ("kind", "Kind", "Type"),
                ("coordinator", "Coordinator", "Coordination"),
                ("start", "Start", "Début"),
                ("end", "End", "Fin"),
                ("confidence", "Confidence", "Fiabilité"),
            ],
            Tab::Events => &[
                ("date", "Date", "Date"),
                ("event", "Event", "Événement"),
                ("kind", "Kind", "Type"),
                ("place", "Place", "Lieu"),
                ("confidence", "Confidence", "Fiabilité"),
            ],
            Tab::Countries => &[
                ("country", "Country", "Pays"),
                ("organisations", "Organisations", "Organisations"),
                (
                    "projects",
                    "Joint actions and projects (role)",
                    "Actions conjointes et projets (rôle)",
                ),
                ("first", "First participation", "Première participation"),
                ("last", "Last participation", "Dernière participation"),
                ("confidence", "Confidence", "Fiabilité"),
            ],
        }
    }
}

/// A column to sort by, and the direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: String,
    pub descending: bool,
}

impl Sort {
    /// `name` or `-name` (descending).
    pub fn key(&self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.column)
    }

    pub fn parse(text: &str) -> Option<Sort> {
        let (descending, column) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let known = Tab::ALL
            .iter()
            .any(|t| t.columns().iter().any(|c| c.0 == column));
        known.then(|| Sort {
            column: column.to_owned(),
            descending,
        })
    }
}

/// How a cell sorts: text without accents or case, or a number (days, counts).
#[derive(Clone, Debug, PartialEq, PartialOrd)]
pub enum Key {
    Number(f64),
    Text(String),
    /// Empty cells sort last in either direction.
    Missing,
}

/// One cell: what it shows, how it sorts, and the record it links to, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub key: Key,
    pub link: Option<String>,
    /// A machine-readable date for `<time datetime>`.
    pub datetime: Option<String>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        let key = if text.is_empty() {
            Key::Missing
        } else {
            Key::Text(filter::normalize(&text))
        };
        Cell {
            text,
            key,
            link: None,
            datetime: None,
        }
    }

    fn link(text: impl Into<String>, id: &str) -> Cell {
        Cell {
            link: Some(id.to_owned()),
            ..Cell::text(text)
        }
    }

    fn date(date: Option<PartialDate>, lang: Lang, last: bool) -> Cell {
        match date {
            Some(d) => Cell {
                text: lang.date(d),
                key: Key::Number(f64::from(if last { d.last_day() } else { d.first_day() })),
                link: None,
                datetime: Some(d.iso().trim_end_matches('?').to_owned()),
            },
            None => Cell::text(""),
        }
    }

    /// A relation's start or end; the project's, marked "(project)", when it has none.
    fn relation_date(data: &Dataset, r: &crate::model::Relation, lang: Lang, last: bool) -> Cell {
        let dates = data.relation_dates(r);
        let date = if last {
            dates.span.end
        } else {
            dates.span.start
        };
        let mut cell = Cell::date(date, lang, last);
        if dates.of_project && date.is_some() {
            let word = match lang {
                Lang::En => "project",
                Lang::Fr => "projet",
            };
            cell.text = format!("{} ({word})", cell.text);
        }
        cell
    }

    fn confidence(c: Confidence, lang: Lang) -> Cell {
        Cell {
            key: Key::Number(c as u8 as f64),
            ..Cell::text(lang.confidence_short(c))
        }
    }
}

/// One record as a table row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub cells: Vec<Cell>,
    /// A record's own provenance, or one gathered for a derived row (a country's).
    pub provenance: std::borrow::Cow<'a, Provenance>,
}

fn country_name(data: &Dataset, code: &str, lang: Lang) -> String {
    data.countries
        .iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_owned(), |c| c.name.get(lang).to_owned())
}

/// Text a search matches against, in both languages, normalized.
fn haystack(texts: &[&str]) -> String {
    filter::normalize(&texts.join(" "))
}

/// "Name (ACRONYM)", or the name alone when it already holds the acronym ("Unicancer (…)").
pub fn display_name(
    name: &crate::model::Text,
    acronym: Option<&crate::model::Text>,
    lang: Lang,
) -> String {
    match acronym {
        Some(a) if !name.get(lang).contains(a.get(lang)) => {
            format!("{} ({})", name.get(lang), a.get(lang))
        }
        _ => name.get(lang).to_owned(),
    }
}

/// The rows of `tab` that pass the facets and the search, in dataset order.
pub fn rows<'a>(
    data: &'a Dataset,
    tab: Tab,
    visible: &Visible,
    query: &str,
    lang: Lang,
) -> Vec<Row<'a>> {
    let q = filter::normalize(query);
    let found = |texts: &[&str]| q.is_empty() || filter::matches(&q, &haystack(texts));
    let names = crate::lanes::Names::new(data);
    let name_texts = |id: &str| -> Vec<String> {
        [Lang::En, Lang::Fr]
            .into_iter()
            .map(|l| names.short(id, l))
            .chain(
                names
                    .organisation(id)
                    .map(|o| format!("{} {}", o.name.en, o.name.fr)),
            )
            .collect()
    };
    let mut out = Vec::new();
    match tab {
        Tab::Organisations => {
            let links = crate::lanes::relation_counts(data);
            for (i, (o, _)) in data
                .organisations
                .iter()
                .zip(&visible.organisations)
                .enumerate()
                .filter(|x| *x.1 .1)
            {
                let acr = o.acronym.as_ref();
                let texts = [
                    o.name.en.as_str(),
                    &o.name.fr,
                    acr.map_or("", |a| &a.en),
                    acr.map_or("", |a| &a.fr),
                    &o.city.en,
                    &o.city.fr,
                ];
                if !found(&texts) {
                    continue;
                }
                let links = links[i];
                out.push(Row {
                    id: &o.id,
                    cells: vec![
                        Cell::link(display_name(&o.name, acr, lang), &o.id),
                        Cell::text(lang.org_kind(o.kind)),
                        Cell::text(o.city.get(lang)),
                        Cell::text(country_name(data, &o.country, lang)),
                        Cell {
                            key: Key::Number(links as f64),
                            ..Cell::text(lang.number(links))
                        },
                        Cell::confidence(o.provenance.confidence, lang),
                    ],
                    provenance: std::borrow::Cow::Borrowed(&o.provenance),
                });
            }
        }
        Tab::Relations => {
            for (r, _) in data
                .relations
                .iter()
                .zip(&visible.relations)
                .filter(|x| *x.1)
            {
                let mut texts = name_texts(&r.from);
                texts.extend(name_texts(&r.to));
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                if !found(&texts) {
                    continue;
                }
                out.push(Row {
                    id: &r.id,
                    cells: vec![
                        Cell::link(names.short(&r.from, lang), &r.from),
                        Cell::link(lang.relation_kind(r.kind), &r.id),
                        Cell::link(names.short(&r.to, lang), &r.to),
                        Cell::relation_date(data, r, lang, false),
                        Cell::relation_date(data, r, lang, true),
                        Cell::confidence(r.provenance.confidence, lang),
                    ],
                    provenance: std::borrow::Cow::Borrowed(&r.provenance),
                });
            }
        }
        Tab::Projects => {
            for (p, _) in data.projects.iter().zip(&visible.projects).filter(|x| *x.1) {
                let acr = p.acronym.as_ref();
                let texts = [
                    p.name.en.as_str(),
                    &p.name.fr,
                    acr.map_or("", |a| &a.en),
                    acr.map_or("", |a| &a.fr),
                ];
                if !found(&texts) {
                    continue;
                }
                let coordinator = match &p.coordinator {
                    Some(c) => Cell::link(names.short(c, lang), c),
                    None => Cell::text(""),
                };
                out.push(Row {
                    id: &p.id,
                    cells: vec![
                        Cell::link(display_name(&p.name, acr, lang), &p.id),
                        Cell::text(lang.project_kind(p.kind)),
                        coordinator,
                        Cell::date(p.span.start, lang, false),
                        Cell::date(p.span.end, lang, true),
                        Cell::confidence(p.provenance.confidence, lang),
                    ],
                    provenance: std::borrow::Cow::Borrowed(&p.provenance),
                });
            }
        }
        Tab::Events => {
            for (e, _) in data.events.iter().zip(&visible.events).filter(|x| *x.1) {
                let place = e.place.as_ref();
                let texts = [
                    e.label.en.as_str(),
                    &e.label.fr,
                    place.map_or("", |p| &p.en),
                    place.map_or("", |p| &p.fr),
                ];
                if !found(&texts) {
                    continue;
                }
                out.push(Row {
                    id: &e.id,
                    cells: vec![
                        Cell::date(e.date, lang, false),
                        Cell::link(e.label.get(lang), &e.id),
                        Cell::text(lang.event_kind(e.kind)),
                        Cell::text(place.map_or("", |p| p.get(lang))),
                        Cell::confidence(e.provenance.confidence, lang),
                    ],
                    provenance: std::borrow::Cow::Borrowed(&e.provenance),
                });
            }
        }
        Tab::Countries => {
            // What the filters keep, by id (sorted), for many lookups.
            let kept = visible.ids(data);
            let kept = |id: &str| kept.binary_search(&id).is_ok();
            for (c, mut profile) in data.countries.iter().zip(crate::countries::profiles(data)) {
                if !found(&[c.name.en.as_str(), &c.name.fr, &c.code]) {
                    continue;
                }
                // Under the filters: its organisations and projects that they keep; a
                // country left with neither has no row.
                profile.projects.retain(|i| kept(&i.project.id));
                profile.organisations.retain(|o| kept(&o.id));
                if profile.projects.is_empty() && profile.organisations.is_empty() {
                    continue;
                }
                let (first, last) = profile.first_and_last();
                let orgs = profile.organisations.len();
                let projects: Vec<String> = profile
                    .projects
                    .iter()
                    .map(|i| {
                        let name = i
                            .project
                            .acronym
                            .as_ref()
                            .unwrap_or(&i.project.name)
                            .get(lang);
                        let role = i
                            .role
                            .map_or(lang.strings().participation_country_only, |k| lang.role(k));
                        format!("{name} ({role})")
                    })
                    .collect();
                // What the row rests on: every source of its parts; the least sure of the
                // relations' confidences (confirmed when it rests on sources naming it).
                let mut sources: Vec<String> = Vec::new();
                let mut confidence = Confidence::Confirmed;
                for i in &profile.projects {
                    for s in i.sources() {
                        if !sources.iter().any(|x| x == s) {
                            sources.push(s.to_owned());
                        }
                    }
                    for (_, r) in &i.members {
                        if (r.provenance.confidence as u8) > (confidence as u8) {
                            confidence = r.provenance.confidence;
                        }
                    }
                }
                out.push(Row {
                    id: &c.code,
                    cells: vec![
                        Cell::link(c.name.get(lang), &crate::countries::key(&c.code)),
                        Cell {
                            key: Key::Number(orgs as f64),
                            ..Cell::text(lang.number(orgs))
                        },
                        Cell {
                            key: Key::Number(projects.len() as f64),
                            ..Cell::text(projects.join(", "))
                        },
                        Cell::date(first, lang, false),
                        match (last, first) {
                            (None, Some(_)) => Cell {
                                key: Key::Number(f64::MAX),
                                ..Cell::text(lang.strings().ongoing)
                            },
                            _ => Cell::date(last, lang, true),
                        },
                        Cell::confidence(confidence, lang),
                    ],
                    provenance: std::borrow::Cow::Owned(Provenance {
                        confidence,
                        sources,
                        note: None,
                    }),
                });
            }
        }
    }
    out
}

fn compare(a: &Key, b: &Key) -> Ordering {
    match (a, b) {
        (Key::Number(x), Key::Number(y)) => x.total_cmp(y),
        (Key::Text(x), Key::Text(y)) => x.cmp(y),
        (Key::Missing, Key::Missing) => Ordering::Equal,
        (Key::Missing, _) => Ordering::Greater,
        (_, Key::Missing) => Ordering::Less,
        (Key::Number(_), Key::Text(_)) => Ordering::Less,
        (Key::Text(_), Key::Number(_)) => Ordering::Greater,
    }
}

/// Sorts rows by a column of `tab` (stable: ties keep dataset order; empty cells last).
/// An unknown column leaves the order as it is.
pub fn sort(rows: &mut Vec<Row>, tab: Tab, by: &Sort) {
    let Some(col) = tab.columns().iter().position(|c| c.0 == by.column) else {
        return;
    };
    crate::sort::sort_by(rows, |a, b| {
        let (ka, kb) = (&a.cells[col].key, &b.cells[col].key);
        match (ka, kb) {
            (Key::Missing, _) | (_, Key::Missing) => compare(ka, kb),
            _ if by.descending => compare(kb, ka),
            _ => compare(ka, kb),
        }
    });
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). Fields that
/// a spreadsheet would run as a formula get a leading apostrophe.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && !text.starts_with("- ") {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Titles and addresses of a provenance's sources.
fn sources_of<'a>(
    data: &'a Dataset,
    p: &'a Provenance,
) -> impl Iterator<Item = &'a crate::model::Source> {
    p.sources
        .iter()
        .filter_map(|id| data.sources.iter().find(|s| &s.id == id))
}

/// The rows as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents), with
/// the record id, confidence, note and sources after the visible columns.
/// The rows as CSV, with the record's confidence, note and sources; with `release` (the
/// atlas's own data), every row also carries the dataset's version and its licence, so
/// that a copied line keeps them.
pub fn to_csv(
    data: &Dataset,
    tab: Tab,
    rows: &[Row],
    lang: Lang,
    release: Option<&crate::release::Stamp>,
) -> String {
    let mut out = String::from("\u{feff}id");
    for (_, en, fr) in tab.columns() {
        out.push(',');
        out.push_str(&csv_field(if lang == Lang::En { en } else { fr }));
    }
    out.push_str(match lang {
        Lang::En => ",confidence_key,note,sources,source_urls",
        Lang::Fr => ",code_fiabilite,note,sources,adresses_sources",
    });
    let release_columns = release.map(|r| {
        format!(
            ",{},{}",
            csv_field(r.version),
            csv_field(&format!(
                "{} ({})",
                crate::release::LICENCE,
                crate::release::LICENCE_URL
            ))
        )
    });
    if release_columns.is_some() {
        out.push_str(match lang {
            Lang::En => ",dataset_version,licence",
            Lang::Fr => ",version_donnees,licence",
        });
    }
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&csv_field(row.id));
        for cell in &row.cells {
            out.push(',');
            out.push_str(&csv_field(&cell.text));
        }
        let p: &Provenance = &row.provenance;
        let titles: Vec<String> = sources_of(data, p)
            .map(|s| format!("{} ({})", s.title, s.publisher))
            .collect();
        let urls: Vec<&str> = sources_of(data, p)
            .filter_map(|s| s.url.as_deref())
            .collect();
        let _ = write!(
            out,
            ",{},{},{},{}{}\r\n",
            p.confidence.key(),
            csv_field(p.note.as_ref().map_or("", |n| n.get(lang))),
            csv_field(&titles.join(" | ")),
            csv_field(&urls.join(" ")),
            release_columns.as_deref().unwrap_or("")
        );
    }
    out
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every tab's rows under the same filters and search, as one JSON document: per record
/// its id, the visible columns (by key), confidence, note and sources.
pub fn to_json(
    data: &Dataset,
    visible: &Visible,
    query: &str,
    lang: Lang,
    link: &str,
    release: Option<&crate::release::Stamp>,
) -> String {
    let mut out = format!(
        "{{\n  \"atlas\": \"Cancer Cooperation Atlas\",\n  \"lang\": \"{}\",\n  \"view\": {},\n",
        lang.tag(),
        json_string(link)
    );
    if let Some(r) = release {
        let _ = write!(
            out,
            "  \"version\": {},\n  \"updated\": {},\n  \"license\": {{\"name\": {}, \"url\": {}, \"note\": \"The licence covers the compilation; each source keeps its own terms.\"}},\n",
            json_string(r.version),
            json_string(r.date),
            json_string(crate::release::LICENCE),
            json_string(crate::release::LICENCE_URL)
        );
    }
    for (t, tab) in Tab::ALL.into_iter().enumerate() {
        let _ = write!(out, "  \"{}\": [", tab.key());
        for (i, row) in rows(data, tab, visible, query, lang).iter().enumerate() {
            out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
            let _ = write!(out, "\"id\": {}", json_string(row.id));
            for ((key, _, _), cell) in tab.columns().iter().zip(&row.cells) {
                let value = cell.datetime.as_deref().unwrap_or(&cell.text);
                let _ = write!(out, ", \"{key}\": {}", json_string(value));
            }
            let p: &Provenance = &row.provenance;
            let _ = write!(out, ", \"confidence_key\": \"{}\"", p.confidence.key());
            if let Some(n) = &p.note {
                let _ = write!(out, ", \"note\": {}", json_string(n.get(lang)));
            }
            out.push_str(", \"sources\": [");
            for (k, s) in sources_of(data, p).enumerate() {
                let _ = write!(
                    out,
                    "{}{{\"title\": {}, \"publisher\": {}, \"url\": {}}}",
                    if k == 0 { "" } else { ", " },
                    json_string(&s.title),
                    json_string(&s.publisher),
                    s.url.as_deref().map_or("null".to_owned(), json_string)
                );
            }
            out.push_str("]}");
        }
        out.push_str(if t + 1 == Tab::ALL.len() {
            "\n  ]\n"
        } else {
            "\n  ],\n"
        });
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Facets, Index};

    fn all(data: &Dataset) -> Visible {
        Index::new(data).apply(data, &Facets::default())
    }

    #[test]
    fn every_tab_lists_every_record_without_filters() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        let n = |tab| rows(&data, tab, &v, "", Lang::En).len();
        assert_eq!(n(Tab::Organisations), data.organisations.len());
        assert_eq!(n(Tab::Relations), data.relations.len());
        assert_eq!(n(Tab::Projects), data.projects.len());
        assert_eq!(n(Tab::Events), data.events.len());
        for tab in Tab::ALL {
            assert_eq!(Tab::from_key(tab.key()), Some(tab));
            for row in rows(&data, tab, &v, "", Lang::Fr) {
                assert_eq!(row.cells.len(), tab.columns().len(), "{}", row.id);
            }
        }
    }

    #[test]
    fn every_tab_opens_in_the_order_people_read_it_in_each_language() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        for lang in Lang::ALL {
            for tab in Tab::ALL {
                let mut list = rows(&data, tab, &v, "", lang);
                let by = tab.default_sort();
                let col = tab.columns().iter().position(|c| c.0 == by.column).unwrap();
                sort(&mut list, tab, &by);
                let keys: Vec<&Key> = list.iter().map(|r| &r.cells[col].key).collect();
                assert!(
                    keys.windows(2)
                        .all(|w| compare(w[0], w[1]) != Ordering::Greater),
                    "{tab:?} in {lang:?}"
                );
            }
            // Countries by their name in this language, not by ISO code: "Allemagne" comes
            // before "Belgique" in French, and "Germany" after "Belgium" in English.
            let mut countries = rows(&data, Tab::Countries, &v, "", lang);
            sort(
                &mut countries,
                Tab::Countries,
                &Tab::Countries.default_sort(),
            );
            let names: Vec<&str> = countries.iter().map(|r| r.cells[0].text.as_str()).collect();
            let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
            match lang {
                Lang::Fr => {
                    assert!(at("Allemagne") < at("Belgique"), "{names:?}");
                    // Accents and case aside: « États-Unis » sorts with E, not after « Ukraine »,
                    // and « Suède » before « Suisse ».
                    assert!(at("Estonie") < at("États-Unis") && at("États-Unis") < at("Finlande"));
                    assert!(at("Suède") < at("Suisse"), "{names:?}");
                }
                Lang::En => {
                    assert!(at("Belgium") < at("Germany"), "{names:?}");
                    assert_eq!(names.first(), Some(&"Australia"));
                }
            }
        }
    }

    #[test]
    fn the_countries_tab_says_who_takes_part_in_what_and_sorts_by_it() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        let list = rows(&data, Tab::Countries, &v, "", Lang::En);
        assert!(list.len() >= 30, "{} countries", list.len());
        let si = list.iter().find(|r| r.id == "SI").unwrap();
        assert_eq!(si.cells[0].text, "Slovenia");
        assert_eq!(si.cells[0].link.as_deref(), Some("country:SI"));
        assert!(
            si.cells[2].text.contains("CraNE (coordinator)"),
            "{}",
            si.cells[2].text
        );
        assert_eq!(si.cells[3].text, "February 2011");
        assert!(
            !si.provenance.sources.is_empty(),
            "sources travel with the row"
        );
        // Sorted by how many projects, the busiest first.
        let mut sorted = list.clone();
        sort(
            &mut sorted,
            Tab::Countries,
            &Sort {
                column: "projects".into(),
                descending: true,
            },
        );
        let counts: Vec<f64> = sorted
            .iter()
            .map(|r| match r.cells[2].key {
                Key::Number(n) => n,
                _ => 0.0,
            })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]));
        // French names, and exported like any tab.
        let fr = rows(&data, Tab::Countries, &v, "slovénie", Lang::Fr);
        assert_eq!(fr.len(), 1);
        assert!(
            fr[0].cells[2].text.contains("(coordinateur"),
            "{}",
            fr[0].cells[2].text
        );
        let csv = to_csv(&data, Tab::Countries, &fr, Lang::Fr, None);
        assert!(csv.contains("Slovénie") && csv.lines().count() == 2);
        assert!(to_json(&data, &v, "", Lang::En, "x", None).contains("\"countries\": ["));
    }

    #[test]
    fn the_search_narrows_rows_in_either_language() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        let ids = |tab, q| {
            rows(&data, tab, &v, q, Lang::En)
                .iter()
                .map(|r| r.id.to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(Tab::Organisations, "leon berard"),
            ["centre-leon-berard"]
        );
        assert!(ids(Tab::Organisations, "geneve").contains(&"who".to_owned()));
        let hope = ids(Tab::Relations, "hope");
        assert!(hope.contains(&"rel-024".to_owned()), "{hope:?}");
        assert!(ids(Tab::Projects, "crane").contains(&"crane".to_owned()));
    }

    #[test]
    fn sorting_by_a_column_in_both_directions() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        let mut list = rows(&data, Tab::Projects, &v, "", Lang::En);
        let by = |col: &str, descending| Sort {
            column: col.into(),
            descending,
        };
        sort(&mut list, Tab::Projects, &by("start", false));
        let starts: Vec<&Key> = list.iter().map(|r| &r.cells[3].key).collect();
        for w in starts.windows(2) {
            assert_ne!(compare(w[0], w[1]), Ordering::Greater, "{w:?}");
        }
        assert_eq!(list[0].id, "epaac", "the oldest joint action first");
        sort(&mut list, Tab::Projects, &by("name", true));
        let names: Vec<&str> = list.iter().map(|r| r.cells[0].text.as_str()).collect();
        for w in names.windows(2) {
            assert!(filter::normalize(w[0]) >= filter::normalize(w[1]), "{w:?}");
        }
        // Accents and case do not change the order ("Île" sorts with I, not after Z).
        let mut orgs = rows(&data, Tab::Organisations, &v, "", Lang::Fr);
        sort(&mut orgs, Tab::Organisations, &by("name", false));
        let keys: Vec<String> = orgs
            .iter()
            .map(|r| filter::normalize(&r.cells[0].text))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        assert_eq!(Sort::parse("-start"), Some(by("start", true)));
        assert_eq!(Sort::parse("nonsense"), None);
    }

    #[test]
    fn exports_of_the_atlas_own_data_carry_its_version_and_licence() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        let release = &crate::release::CURRENT;
        let list = rows(&data, Tab::Projects, &v, "", Lang::En);
        let csv = to_csv(&data, Tab::Projects, &list, Lang::En, Some(release));
        let header = csv.lines().next().unwrap();
        assert!(header.ends_with(",dataset_version,licence"), "{header}");
        let first = csv.lines().nth(1).unwrap();
        assert!(
            first.contains(release.version) && first.contains("CC BY 4.0"),
            "{first}"
        );
        let json = to_json(&data, &v, "", Lang::Fr, "x", Some(release));
        assert!(json.contains(&format!("\"version\": \"{}\"", release.version)));
        assert!(json.contains("creativecommons.org/licenses/by/4.0"));
        // A dataset opened with ?data= is not the atlas's: no version, no licence claimed.
        let custom = to_csv(&data, Tab::Projects, &list, Lang::En, None);
        assert!(!custom.contains("dataset_version"));
    }

    #[test]
    fn empty_cells_sort_last_in_both_directions() {
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        for descending in [false, true] {
            let mut list = rows(&data, Tab::Relations, &v, "", Lang::En);
            sort(
                &mut list,
                Tab::Relations,
                &Sort {
                    column: "end".into(),
                    descending,
                },
            );
            let first_missing = list
                .iter()
                .position(|r| r.cells[4].key == Key::Missing)
                .unwrap();
            assert!(list[first_missing..]
                .iter()
                .all(|r| r.cells[4].key == Key::Missing));
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_carries_sources() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        let data = crate::data::embedded().unwrap();
        let v = all(&data);
        let list = rows(&data, Tab::Projects, &v, "crane", Lang::Fr);
        let csv = to_csv(&data, Tab::Projects, &list, Lang::Fr, None);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines[0].starts_with("\u{feff}id,Nom,Type,Coordination,Début,Fin,Fiabilité"));
        assert_eq!(lines.len(), 1 + list.len());
        assert!(
            lines[1].starts_with("crane,CraNE") || lines[1].contains("CraNE"),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].contains("https://"),
            "source addresses: {}",
            lines[1]
        );
        assert!(
            lines[1].contains(",confirmed,")
                || lines[1].contains(",seed,")
                || lines[1].contains(",corrected,")
        );
    }

    #[test]
    fn json_export_is_valid_and_complete() {
        let data = crate::data::embedded().unwrap();
        let index = Index::new(&data);
        let mut facets = Facets::default();
        facets.programmes.insert("prog-g7".into());
        let v = index.apply(&data, &facets);
        let text = to_json(
            &data,
            &v,
            "",
            Lang::En,
            "https://example.org/?prog=prog-g7",
            Some(&crate::release::CURRENT),
        );
        let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let orgs = doc["organisations"].as_array().unwrap();
        assert_eq!(orgs.len(), v.organisations.iter().filter(|&&x| x).count());
        let inca = orgs.iter().find(|o| o["id"] == "inca").unwrap();
        assert!(inca["sources"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["title"].is_string()));
        assert!(inca["confidence_key"].is_string());
        assert_eq!(doc["view"], "https://example.org/?prog=prog-g7");
        assert!(doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["date"] == "2023-05-09"));
        assert_eq!(json_string("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
