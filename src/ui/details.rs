//! The details panel: what is known about the current selection (an organisation, a
//! project, a partnership, an event or a whole programme), with its relations, key figures,
//! where sources disagree, its events, how confident the atlas is and its sources.

use super::markup::Markup;
use crate::i18n::{Lang, Strings};
use crate::lanes::{programme_ids, short_name, span_text};
use crate::model::{
    Conflict, Dataset, Event, Figure, Provenance, Relation, RelationKind, Span, Text,
};
use crate::{use_atlas, use_locale, use_selection};
use leptos::prelude::*;

/// A fact's value: plain text, an outside link, or a record of the atlas.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Url(String),
    Record(String, String),
}

/// A record made readable: a kind, a title, labelled facts and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub kind: String,
    pub title: String,
    /// The name in the other language, when it differs.
    pub other_name: Option<String>,
    pub facts: Vec<(&'static str, Value)>,
    pub summary: Option<String>,
    pub provenance: Provenance,
}

impl Card {
    /// The facts' values as text (for tests and plain renderings).
    pub fn fact_texts(&self) -> Vec<&str> {
        self.facts
            .iter()
            .map(|(_, v)| match v {
                Value::Text(t) | Value::Url(t) | Value::Record(_, t) => t.as_str(),
            })
            .collect()
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Fr,
        Lang::Fr => Lang::En,
    }
}

fn other_name(name: &Text, lang: Lang) -> Option<String> {
    let theirs = name.get(other(lang));
    (theirs != name.get(lang)).then(|| theirs.to_owned())
}

fn record(data: &Dataset, id: &str, lang: Lang) -> Value {
    Value::Record(id.to_owned(), short_name(data, id, lang))
}

/// The card for any record id (programmes included), or None for an unknown id.
pub fn card(data: &Dataset, id: &str, lang: Lang) -> Option<Card> {
    let t: &Strings = lang.strings();
    if let Some(o) = data.organisations.iter().find(|o| o.id == id) {
        let country = data
            .countries
            .iter()
            .find(|c| c.code == o.country)
            .map_or(o.country.clone(), |c| c.name.get(lang).to_owned());
        let mut facts = vec![(
            t.details_place,
            Value::Text(format!("{}, {country}", o.city.get(lang))),
        )];
        if let Some(url) = &o.website {
            facts.push((t.details_website, Value::Url(url.clone())));
        }
        let title = crate::table::display_name(&o.name, o.acronym.as_ref(), lang);
        // Unicancer's members hold a French legal status of their own: "centre de lutte
        // contre le cancer" names that status, never a cancer hospital elsewhere.
        let clcc = o.kind == crate::model::OrgKind::CancerCentre
            && o.country == "FR"
            && data.relations.iter().any(|r| {
                r.from == o.id
                    && r.to == "unicancer"
                    && r.kind == crate::model::RelationKind::MemberOf
            });
        return Some(Card {
            kind: if clcc {
                t.kind_clcc.to_owned()
            } else {
                lang.org_kind(o.kind).to_owned()
            },
            title,
            other_name: other_name(&o.name, lang),
            facts,
            summary: None,
            provenance: o.provenance.clone(),
        });
    }
    if let Some(p) = data.projects.iter().find(|p| p.id == id) {
        let mut facts = vec![(t.details_dates, Value::Text(lang.span(p.span)))];
        if let Some(c) = &p.coordinator {
            facts.push((t.details_coordinator, record(data, c, lang)));
            if let Some(person) = &p.coordinator_person {
                facts.push((t.details_coordinator, Value::Text(person.clone())));
            }
        }
        if let Some(f) = &p.funding {
            facts.push((t.details_funding, Value::Text(f.get(lang).to_owned())));
        }
        // The count as stated; what it covers is told under "Participation by country".
        if let Some(n) = p.partners {
            facts.push((t.details_partners, Value::Text(lang.number(n as usize))));
        }
        if let Some(b) = &p.budget {
            facts.push((t.details_budget, Value::Text(b.get(lang).to_owned())));
        }
        if let Some(g) = &p.grant {
            facts.push((t.details_grant, Value::Text(g.clone())));
        }
        for prog in data
            .programmes
            .iter()
            .filter(|x| p.programmes.contains(&x.id))
        {
            facts.push((
                t.details_programmes,
                Value::Record(prog.id.clone(), prog.name.get(lang).to_owned()),
            ));
        }
        let title = match &p.acronym {
            Some(a) => format!("{} — {}", a.get(lang), p.name.get(lang)),
            None => p.name.get(lang).to_owned(),
        };
        return Some(Card {
            kind: lang.project_kind(p.kind).to_owned(),
            title,
            other_name: other_name(&p.name, lang),
            facts,
            summary: Some(p.summary.get(lang).to_owned()),
            provenance: p.provenance.clone(),
        });
    }
    if let Some(prog) = data.programmes.iter().find(|p| p.id == id) {
        return Some(Card {
            kind: t.details_programme.to_owned(),
            title: prog.name.get(lang).to_owned(),
            other_name: other_name(&prog.name, lang),
            facts: vec![(t.details_hub, record(data, &prog.hub, lang))],
            summary: Some(prog.summary.get(lang).to_owned()),
            provenance: prog.provenance.clone(),
        });
    }
    if let Some(r) = data.relations.iter().find(|r| r.id == id) {
        let title = lang.relation_phrase(
            &short_name(data, &r.from, lang),
            r.kind,
            &short_name(data, &r.to, lang),
        );
        let facts = vec![
            (t.details_from, record(data, &r.from, lang)),
            (t.details_to, record(data, &r.to, lang)),
            (t.details_dates, Value::Text(relation_dates(data, r, lang))),
        ];
        return Some(Card {
            kind: t.details_relation.to_owned(),
            title,
            other_name: None,
            facts,
            summary: None,
            provenance: r.provenance.clone(),
        });
    }
    if let Some(e) = data.events.iter().find(|e| e.id == id) {
        let span = Span::new(e.date, e.until.or(e.date));
        let mut facts = vec![(t.details_dates, Value::Text(lang.span(span)))];
        if let Some(place) = &e.place {
            facts.push((t.details_place, Value::Text(place.get(lang).to_owned())));
        }
        for x in &e.related {
            facts.push((t.details_involves, record(data, x, lang)));
        }
        return Some(Card {
            kind: lang.event_kind(e.kind).to_owned(),
            title: e.label.get(lang).to_owned(),
            other_name: None,
            facts,
            summary: None,
            provenance: e.provenance.clone(),
        });
    }
    None
}

/// The relations touching `id`, grouped by kind (in the kinds' order), each group in
/// chronological order.
pub fn relations_of<'a>(data: &'a Dataset, id: &str) -> Vec<(RelationKind, Vec<&'a Relation>)> {
    RelationKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let mut group: Vec<&Relation> = data
                .relations
                .iter()
                .filter(|r| r.kind == kind && (r.from == id || r.to == id))
                .collect();
            crate::sort::sort_by(&mut group, |a, b| a.span.chronological(&b.span));
            (!group.is_empty()).then_some((kind, group))
        })
        .collect()
}

pub fn figures_about<'a>(data: &'a Dataset, ids: &[&str]) -> Vec<&'a Figure> {
    data.figures
        .iter()
        .filter(|f| f.about.iter().any(|a| ids.contains(&a.as_str())))
        .collect()
}

/// Conflicts about the record itself (and, for a relation, about both its ends).
pub fn conflicts_about<'a>(data: &'a Dataset, ids: &[&str]) -> Vec<&'a Conflict> {
    data.conflicts
        .iter()
        .filter(|c| c.about.iter().any(|a| ids.contains(&a.as_str())))
        .collect()
}

/// Events involving any of `ids`, in chronological order (undated ones last).
pub fn events_of<'a>(data: &'a Dataset, ids: &[&str]) -> Vec<&'a Event> {
    let mut events: Vec<&Event> = data
        .events
        .iter()
        .filter(|e| {
            e.related.iter().any(|r| ids.contains(&r.as_str())) || ids.contains(&e.id.as_str())
        })
        .collect();
    crate::sort::sort_by_key(&mut events, |e| e.date.map_or(i32::MAX, |d| d.first_day()));
    events
}

/// A figure's value as the language writes it (decimal comma in French), with up to two
/// decimals; integer arithmetic only (float formatting would add kilobytes to the wasm).
fn figure_value(value: f64, lang: Lang) -> String {
    let hundredths = (value.abs() * 100.0).round().min(1e15) as u64;
    let sign = if value < 0.0 { "-" } else { "" };
    let whole = lang.number((hundredths / 100) as usize);
    let frac = hundredths % 100;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:02}");
    let sep = if lang == Lang::Fr { ',' } else { '.' };
    format!("{sign}{whole}{sep}{}", digits.trim_end_matches('0'))
}

fn badge(m: &mut Markup, confidence: crate::model::Confidence, lang: Lang) {
    m.tag("<span")
        .attr(
            "class",
            &format!("confidence confidence--{}", confidence.key()),
        )
        .attr("title", lang.confidence(confidence))
        .tag(">")
        .text(lang.confidence_short(confidence))
        .tag("</span>");
}

/// `<ul class="details__sources">`: each source of `ids`, linked when it has an address.
fn source_list(m: &mut Markup, data: &Dataset, ids: &[String], lang: Lang) {
    let sources = ids
        .iter()
        .filter_map(|id| data.sources.iter().find(|s| &s.id == id));
    list(m, "details__sources", sources, |m, s| {
        m.tag(if s.kind == crate::model::SourceKind::Seed {
            "<li class=\"details__source--seed\">"
        } else {
            "<li>"
        });
        // The atlas's own "not checked against a source" has no title or publisher to quote.
        if s.kind == crate::model::SourceKind::GeneralKnowledge {
            m.text(lang.strings().source_unchecked).tag("</li>");
            return;
        }
        match &s.url {
            Some(url) => m.outside_link(url, &s.title),
            None => m.text(&s.title),
        };
        m.text(" — ").text(&s.publisher).tag("</li>");
    });
}

/// `<ul class="…">` with the list's items, written by `item`.
fn list<T>(
    m: &mut Markup,
    class: &str,
    items: impl IntoIterator<Item = T>,
    mut item: impl FnMut(&mut Markup, T),
) {
    m.tag("<ul").attr("class", class).tag(">");
    for i in items {
        item(m, i);
    }
    m.tag("</ul>");
}

fn value_view(m: &mut Markup, value: &Value) {
    match value {
        Value::Text(text) => m.text(text),
        Value::Url(url) => m.outside_link(url, url),
        Value::Record(id, name) => m.select_link(id, name),
    };
}

/// ` · ` then `text`, in the muted style of dates and roles.
/// A relation's dates in words; the project's, marked so, when it has none of its own:
/// "1 October 2022 – 30 September 2024 (the project's dates)".
fn relation_dates(data: &Dataset, r: &crate::model::Relation, lang: Lang) -> String {
    let dates = data.relation_dates(r);
    if dates.of_project {
        format!(
            "{} ({})",
            lang.span(dates.span),
            lang.strings().project_dates
        )
    } else {
        lang.span(dates.span)
    }
}

fn when(m: &mut Markup, text: &str) {
    m.tag("<span class=\"details__when\">")
        .text(" · ")
        .text(text)
        .tag("</span>");
}

fn relations_view(m: &mut Markup, data: &Dataset, id: &str, lang: Lang) {
    // A project's partners are listed by country in the participation section.
    let is_project = data.projects.iter().any(|p| p.id == id);
    let groups: Vec<_> = relations_of(data, id)
        .into_iter()
        .filter_map(|(kind, rels)| {
            let rels: Vec<_> = rels
                .into_iter()
                .filter(|r| !(is_project && shown_in_participation(data, r, id)))
                .collect();
            (!rels.is_empty()).then_some((kind, rels))
        })
        .collect();
    if groups.is_empty() {
        return;
    }
    m.element("h4", "", lang.strings().details_relations);
    for (kind, rels) in groups {
        m.element("h5", "details__group", lang.relation_kind(kind));
        list(m, "details__list", rels, |m, r| {
            m.tag("<li>")
                .select_link(&r.from, &short_name(data, &r.from, lang))
                .text(" ")
                .select_link(&r.id, lang.relation_kind(kind))
                .text(" ")
                .select_link(&r.to, &short_name(data, &r.to, lang));
            when(m, &relation_dates(data, r, lang));
            m.text(" ");
            if r.provenance.confidence.needs_caution() {
                badge(m, r.provenance.confidence, lang);
            }
            m.tag("</li>");
        });
    }
}

/// Whether the project page lists this relation among its participants.
fn shown_in_participation(data: &Dataset, r: &crate::model::Relation, project: &str) -> bool {
    r.to == project
        && crate::participation::ROLES.contains(&r.kind)
        && data.organisations.iter().any(|o| o.id == r.from)
}

/// A country's name in the reader's language, or its code when the dataset lacks it.
fn country_name(data: &Dataset, code: &str, lang: Lang) -> String {
    data.countries
        .iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_owned(), |c| c.name.get(lang).to_owned())
}

/// Up to this many countries, a project's participants are all shown open.
const OPEN_COUNTRIES: usize = 6;

/// `<li>` an organisation ` — ` its role, both links.
fn member(m: &mut Markup, o: &crate::model::Organisation, r: &Relation, lang: Lang) {
    m.tag("<li>")
        .select_link(
            &o.id,
            &crate::table::display_name(&o.name, o.acronym.as_ref(), lang),
        )
        .text(" — ")
        .select_link(&r.id, lang.role(r.kind));
}

/// A project's participants, country by country (in the reader's alphabetical order), with
/// what the sources state beside what the atlas names.
fn participation_view(m: &mut Markup, data: &Dataset, id: &str, lang: Lang) {
    let Some(p) = crate::participation::of(data, id, |code| {
        crate::filter::normalize(&country_name(data, code, lang))
    }) else {
        return;
    };
    let project = p.project;
    if p.is_empty() && project.partners.is_none() {
        return;
    }
    let t = lang.strings();
    let summary = lang.participation_summary(
        project.partners,
        p.named_partners(),
        project.partner_countries,
        p.countries_shown(),
    );
    // A long list opens country by country (find-in-page still reaches closed ones).
    let open = p.countries.len() <= OPEN_COUNTRIES;
    m.element("h4", "", t.participation_title)
        .element("p", "details__participation", &summary);
    if let Some(n) = &project.partners_note {
        m.element("p", "details__note", n.get(lang));
    }
    list(m, "details__countries", &p.countries, |m, c| {
        let role = c
            .role
            .map_or(t.participation_country_only, |k| lang.role(k));
        let count = if c.members.len() > 1 {
            format!(" ({})", c.members.len())
        } else {
            String::new()
        };
        m.tag(if open {
            "<li class=\"details__country\"><details open>"
        } else {
            "<li class=\"details__country\"><details>"
        });
        m.tag("<summary><h5 class=\"details__group\">")
            .text(&country_name(data, c.code, lang));
        when(m, &format!("{role}{count}"));
        m.tag("</h5></summary>");
        if !c.members.is_empty() {
            list(m, "details__list", &c.members, |m, x| {
                let r = x.relation;
                member(m, x.organisation, r, lang);
                m.text(" ");
                if r.provenance.confidence.needs_caution() {
                    badge(m, r.provenance.confidence, lang);
                }
                if let Some(n) = &r.provenance.note {
                    when(m, n.get(lang));
                }
                m.tag("</li>");
            });
        }
        if !c.named_by.is_empty() {
            let ids: Vec<String> = c.named_by.iter().map(|s| s.to_string()).collect();
            m.element(
                "p",
                "details__cite",
                &format!("{}{}", t.participation_named_by, lang.colon().trim_end()),
            );
            source_list(m, data, &ids, lang);
        }
        m.tag("</details></li>");
    });
}

/// A country's card: its organisations in the atlas, its part in G7 Cancer, and the joint
/// actions and projects it takes part in, each with its role, dates and sources.
fn country_view(m: &mut Markup, data: &Dataset, code: &str, lang: Lang) -> bool {
    let t = lang.strings();
    let Some(profile) = crate::countries::profile(data, code) else {
        return false;
    };
    let Some(country) = data.countries.iter().find(|c| c.code == code) else {
        return false;
    };
    let (first, last) = profile.first_and_last();
    let period = match (first, last) {
        (Some(f), Some(l)) => format!("{} – {}", lang.date(f), lang.date(l)),
        (Some(f), None) => lang.since(f),
        _ => String::new(),
    };
    // Its organisations that are members or observers of G7 Cancer.
    let g7: Vec<&crate::model::Relation> = data
        .relations
        .iter()
        .filter(|r| {
            r.to == "g7-cancer"
                && matches!(r.kind, RelationKind::MemberOf | RelationKind::ObserverOf)
                && profile.organisations.iter().any(|o| o.id == r.from)
        })
        .collect();
    let n_orgs = profile.organisations.len();
    let n_projects = profile.projects.len();
    m.element("p", "details__kind", t.country_kind);
    m.tag("<h3 id=\"details-name\" class=\"details__name\" tabindex=\"-1\">")
        .text(country.name.get(lang))
        .tag("</h3><p class=\"details__other-name\"")
        .attr("lang", other(lang).tag())
        .tag(">")
        .text(country.name.get(other(lang)))
        .tag("</p><dl class=\"details__facts\">");
    m.element("dt", "", t.country_organisations)
        .element("dd", "", &lang.number(n_orgs))
        .element("dt", "", t.country_projects)
        .element("dd", "", &lang.number(n_projects));
    if !period.is_empty() {
        m.element("dt", "", t.country_period)
            .element("dd", "", &period);
    }
    m.element("dt", "", t.details_programmes).tag("<dd>");
    // The programmes it takes part in: through its projects, and G7 Cancer through its
    // members.
    let programmes = data.programmes.iter().filter(|prog| {
        profile
            .projects
            .iter()
            .any(|i| i.project.programmes.iter().any(|x| x == &prog.id))
            || (!g7.is_empty() && prog.hub == "g7-cancer")
    });
    list(m, "details__inline", programmes, |m, prog| {
        m.tag("<li>")
            .select_link(&prog.id, prog.name.get(lang))
            .tag("</li>");
    });
    m.tag("</dd></dl>");
    if !g7.is_empty() {
        m.element("h4", "", t.country_g7);
        list(m, "details__list", &g7, |m, r| {
            m.tag("<li>")
                .select_link(&r.from, &crate::lanes::short_name(data, &r.from, lang))
                .text(" — ")
                .select_link(&r.id, lang.relation_kind(r.kind))
                .tag("</li>");
        });
    }
    m.element("h4", "", t.country_projects);
    if n_projects == 0 {
        m.element("p", "details__note", t.country_none);
    }
    list(m, "details__countries", &profile.projects, |m, i| {
        let p = i.project;
        let role = i
            .role
            .map_or(t.participation_country_only, |k| lang.role(k));
        let dates = span_text(&p.span, lang);
        m.tag("<li class=\"details__country\"><h5 class=\"details__group\">")
            .select_link(&p.id, p.acronym.as_ref().unwrap_or(&p.name).get(lang));
        if dates.is_empty() {
            when(m, role);
        } else {
            when(m, &format!("{role} · {dates}"));
        }
        m.tag("</h5>");
        if !i.members.is_empty() {
            list(m, "details__list", &i.members, |m, (o, r)| {
                member(m, o, r, lang);
                m.tag("</li>");
            });
        }
        let sources: Vec<String> = i.sources().into_iter().map(str::to_owned).collect();
        m.tag("<details class=\"details__cited\">").element(
            "summary",
            "",
            &format!("{} ({})", t.details_sources, sources.len()),
        );
        source_list(m, data, &sources, lang);
        m.tag("</details></li>");
    });
    m.element("h4", "", t.country_organisations);
    list(m, "details__list", &profile.organisations, |m, o| {
        m.tag("<li>")
            .select_link(
                &o.id,
                &crate::table::display_name(&o.name, o.acronym.as_ref(), lang),
            )
            .text(" · ")
            .text(o.city.get(lang))
            .tag("</li>");
    });
    true
}

fn figures_view(m: &mut Markup, data: &Dataset, ids: &[&str], lang: Lang) {
    let figures = figures_about(data, ids);
    if figures.is_empty() {
        return;
    }
    let t = lang.strings();
    m.element("h4", "", t.details_figures);
    list(m, "details__list", figures, |m, f| {
        m.tag("<li class=\"details__figure\"><strong>")
            .text(&figure_value(f.value, lang))
            .text(" ")
            .text(f.unit.get(lang))
            .tag("</strong>")
            .text(" — ")
            .text(f.subject.get(lang))
            .text(" ");
        badge(m, f.provenance.confidence, lang);
        m.tag("<blockquote")
            .attr("lang", f.statement.lang.tag())
            .tag(">")
            .text(&lang.quote(&f.statement.text))
            .tag("</blockquote>");
        if let Some(s) = data.sources.iter().find(|s| s.id == f.statement.source) {
            m.tag("<p class=\"details__cite\">")
                .text(t.details_quote)
                .text(" ")
                .element("cite", "", &s.title)
                .tag("</p>");
        }
        if let Some(n) = &f.provenance.note {
            m.element("p", "details__note", n.get(lang));
        }
        m.tag("</li>");
    });
}

fn conflicts_view(m: &mut Markup, data: &Dataset, ids: &[&str], lang: Lang) {
    let conflicts = conflicts_about(data, ids);
    if conflicts.is_empty() {
        return;
    }
    let t = lang.strings();
    m.element("h4", "", t.details_conflicts);
    list(m, "details__list", conflicts, |m, c| {
        m.tag("<li class=\"details__conflict\"><h5 class=\"details__group\">")
            .text(c.topic.get(lang))
            .text(" ");
        badge(m, c.status, lang);
        m.tag("</h5>");
        list(m, "details__claims", &c.claims, |m, claim| {
            let who = if claim.from_seed {
                t.conflict_seed
            } else {
                t.conflict_other
            };
            m.tag(if claim.from_seed {
                "<li class=\"details__claim--seed\">"
            } else {
                "<li>"
            })
            .element("strong", "", &format!("{who}{}", lang.colon()))
            .text(claim.says.get(lang));
            source_list(m, data, &claim.sources, lang);
            m.tag("</li>");
        });
        m.tag("<p>")
            .element(
                "strong",
                "",
                &format!("{}{}", t.conflict_resolution, lang.colon()),
            )
            .text(c.resolution.get(lang))
            .tag("</p></li>");
    });
}

fn events_view(m: &mut Markup, data: &Dataset, ids: &[&str], lang: Lang) {
    let events = events_of(data, ids);
    if events.is_empty() {
        return;
    }
    let t = lang.strings();
    m.element("h4", "", t.details_events);
    list(m, "details__list details__events", events, |m, e| {
        m.tag("<li><time");
        if let Some(d) = e.date {
            m.attr("datetime", d.iso().trim_end_matches('?'));
        }
        let when = e
            .date
            .map_or_else(|| t.undated.to_owned(), |d| lang.date(d));
        m.tag(">")
            .text(&when)
            .tag("</time>")
            .text(" — ")
            .select_link(&e.id, e.label.get(lang))
            .tag("</li>");
    });
}

/// Who and what a programme brings together (`crate::members`), in open text near the
/// top of its page: its hub's members, observers and partners, each with its relations
/// to the hub, then its projects by kind in chronological order, with their dates.
fn members_view(m: &mut Markup, data: &Dataset, id: &str, lang: Lang) {
    let Some(prog) = data.programmes.iter().find(|p| p.id == id) else {
        return;
    };
    let t = lang.strings();
    let hub = short_name(data, &prog.hub, lang);
    let groups = crate::members::of(data, id, |o| {
        crate::filter::normalize(&crate::table::display_name(
            &o.name,
            o.acronym.as_ref(),
            lang,
        ))
    });
    for g in &groups {
        use crate::members::GroupKind;
        let (title, count) = match g.kind {
            GroupKind::Members => (t.members_title, g.entries.len()),
            GroupKind::Observers => (t.observers_title, g.entries.len()),
            GroupKind::Partners => (t.details_members, g.entries.len()),
            GroupKind::Projects(kind) => (lang.project_kinds(kind), g.projects.len()),
        };
        m.element(
            "h4",
            "details__members-title",
            &format!("{title} ({})", lang.number(count)),
        );
        // Countries are named when a group spans more than one.
        let countries = {
            let mut codes: Vec<&str> = g
                .entries
                .iter()
                .map(|e| e.organisation.country.as_str())
                .collect();
            crate::sort::sort(&mut codes);
            codes.dedup();
            codes.len()
        };
        if g.entries.is_empty() {
            list(m, "details__list details__members", &g.projects, |m, p| {
                let named = crate::participation::of(data, &p.id, |c| c.to_owned())
                    .map_or(0, |x| x.named_partners());
                let mut about = lang.span(p.span);
                if named > 0 || p.partners.is_some() {
                    about.push_str(" · ");
                    about.push_str(&lang.named_of(named, p.partners));
                }
                m.tag("<li>")
                    .select_link(&p.id, p.acronym.as_ref().unwrap_or(&p.name).get(lang));
                when(m, &about);
                m.tag("</li>");
            });
            continue;
        }
        list(m, "details__list details__members", &g.entries, |m, e| {
            let o = e.organisation;
            m.tag("<li>").select_link(
                &o.id,
                &crate::table::display_name(&o.name, o.acronym.as_ref(), lang),
            );
            if countries > 1 {
                m.text(&format!(", {}", country_name(data, &o.country, lang)));
            }
            m.text(" — ");
            for (i, r) in e.relations.iter().enumerate() {
                if i > 0 {
                    m.text(", ");
                }
                // What the relation says, read from the organisation's side: its role in
                // the hub, or the hub's own link to it ("Unicancer member of").
                let words = if r.to == o.id {
                    format!("{hub} {}", lang.relation_kind(r.kind))
                } else if g.kind == GroupKind::Partners {
                    lang.then_name(lang.relation_kind(r.kind), &hub)
                } else {
                    lang.role(r.kind).to_owned()
                };
                m.select_link(&r.id, &words);
                // Later roles' dates when they differ from the first's (a presidency).
                if i > 0 && r.span != e.relations[0].span && r.span.start.is_some() {
                    m.text(&format!(" ({})", lang.span(r.span)));
                }
            }
            let first = e.relations[0];
            if first.span.start.is_some() || first.span.end.is_some() {
                when(m, &lang.span(first.span));
            } else if data.relation_dates(first).of_project {
                when(m, &relation_dates(data, first, lang));
            }
            // An observer's status is the point of its line: its confidence always, and
            // the sources that give it.
            let status = g.kind == GroupKind::Observers;
            if status || first.provenance.confidence.needs_caution() {
                m.text(" ");
                badge(m, first.provenance.confidence, lang);
            }
            if let Some(n) = &first.provenance.note {
                when(m, n.get(lang));
            }
            if status {
                source_list(m, data, &first.provenance.sources, lang);
            }
            m.tag("</li>");
        });
    }
}

/// A programme's own parts: its sections (principles, priorities...).
fn programme_view(m: &mut Markup, data: &Dataset, id: &str, lang: Lang) {
    let Some(prog) = data.programmes.iter().find(|p| p.id == id) else {
        return;
    };
    for s in &prog.sections {
        m.element("h4", "", s.title.get(lang))
            .tag("<ol class=\"details__list\">");
        for i in &s.items {
            m.element("li", "", i.get(lang));
        }
        m.tag("</ol>");
    }
}

/// The close button at the end of a card (its click is handled by the panel).
const CLOSE: &str = "<button type=\"button\" class=\"button\" data-details-close>";

/// The card of `id` in `lang` as markup (the inside of its `<article>`), or None when no
/// record has that id.
pub fn card_markup(data: &Dataset, id: &str, lang: Lang, view_url: &str) -> Option<String> {
    let t = lang.strings();
    let mut m = Markup::default();
    if let Some(code) = crate::countries::code_of(id) {
        if !country_view(&mut m, data, code, lang) {
            return None;
        }
        m.tag(CLOSE).text(t.details_close).tag("</button>");
        return Some(m.into_string());
    }
    let Card {
        kind,
        title,
        other_name,
        facts,
        summary,
        provenance,
    } = card(data, id, lang)?;
    // "Report a correction" names the record as the card shows it.
    let mut values: Vec<(String, String)> = vec![(t.details_kind.to_owned(), kind.clone())];
    values.extend(facts.iter().map(|(label, value)| {
        let text = match value {
            Value::Text(text) | Value::Url(text) => text.clone(),
            Value::Record(_, name) => name.clone(),
        };
        ((*label).to_owned(), text)
    }));
    values.push((
        t.details_confidence.to_owned(),
        lang.confidence_short(provenance.confidence).to_owned(),
    ));
    values.push((t.details_sources.to_owned(), provenance.sources.join(", ")));
    let report = crate::correction::link(
        crate::correction::DESTINATION,
        &crate::correction::Report {
            id,
            name: &title,
            values,
            url: view_url,
        },
        lang,
    );
    // A programme gathers its hub's and projects' figures, conflicts and events; a
    // relation its ends'.
    let mut ids: Vec<&str> = programme_ids(data, id);
    if ids.is_empty() {
        ids.push(id);
    }
    let ends: Vec<&str> = data
        .relations
        .iter()
        .find(|r| r.id == id)
        .map(|r| vec![r.from.as_str(), r.to.as_str(), r.id.as_str()])
        .unwrap_or_default();
    let about: &[&str] = if ends.is_empty() { &ids } else { &ends };
    let relations_anchor = data
        .programmes
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.hub.as_str());
    let is_relation = !ends.is_empty();
    let is_event = data.events.iter().any(|e| e.id == id);
    m.element("p", "details__kind", &kind)
        .tag("<h3 id=\"details-name\" class=\"details__name\" tabindex=\"-1\">")
        .text(&title)
        .tag("</h3>");
    if let Some(n) = other_name {
        m.tag("<p class=\"details__other-name\"")
            .attr("lang", other(lang).tag())
            .tag(">")
            .text(&n)
            .tag("</p>");
    }
    m.tag("<p class=\"details__confidence\">")
        .text(t.details_confidence)
        .text(lang.colon());
    badge(&mut m, provenance.confidence, lang);
    m.tag("<span class=\"details__confidence-text\">")
        .text(" ")
        .text(lang.confidence(provenance.confidence))
        .tag("</span></p>");
    if let Some(s) = summary {
        m.element("p", "details__summary", &s);
    }
    m.tag("<dl class=\"details__facts\">");
    for (label, value) in &facts {
        m.element("dt", "", label).tag("<dd>");
        value_view(&mut m, value);
        m.tag("</dd>");
    }
    m.tag("</dl>");
    members_view(&mut m, data, id, lang);
    if let Some(n) = &provenance.note {
        m.element("p", "details__note", n.get(lang));
    }
    programme_view(&mut m, data, id, lang);
    participation_view(&mut m, data, id, lang);
    if !is_relation && !is_event {
        relations_view(&mut m, data, relations_anchor, lang);
    }
    figures_view(&mut m, data, about, lang);
    conflicts_view(&mut m, data, about, lang);
    if !is_relation && !is_event {
        events_view(&mut m, data, &ids, lang);
    }
    m.element("h4", "", t.details_sources);
    source_list(&mut m, data, &provenance.sources, lang);
    // In a new tab, as every link that leaves the view (an issue tracker's page; a mail
    // client ignores it).
    m.tag("<p class=\"details__report\">")
        .outside_link(&report, t.report_correction)
        .tag("</p>");
    m.tag(CLOSE).text(t.details_close).tag("</button>");
    Some(m.into_string())
}

#[component]
pub fn DetailsRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let selection = use_selection();
    // Focus follows the selection into the panel, and returns where it was on close.
    let opener: StoredValue<Option<web_sys::HtmlElement>> = StoredValue::new(None);
    let close = move || {
        selection.0.set(None);
        if let Some(el) = opener.get_value().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
        opener.set_value(None);
    };
    Effect::new(move |previous: Option<Option<String>>| {
        let now = selection.0.get();
        if previous.is_some() && now.is_some() && previous.flatten() != now {
            use wasm_bindgen::JsCast;
            let document = web_sys::window().and_then(|w| w.document());
            let active = document
                .as_ref()
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            let in_panel = active
                .as_ref()
                .is_some_and(|a| a.closest(".region--details").ok().flatten().is_some());
            if !in_panel {
                opener.set_value(active);
            }
            request_animation_frame(move || {
                if let Some(h) = document.and_then(|d| d.get_element_by_id("details-name")) {
                    if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
            });
        }
        now
    });
    // The card, drawn whole as markup when the selection or the language changes (the
    // links' addresses are read once, as `SelectLink` reads them).
    let body = move || {
        let lang = locale.0.get();
        let card = selection.0.get().and_then(|id| {
            untrack(|| {
                let url = super::location::share_link(crate::ViewState::get());
                card_markup(&atlas, &id, lang, &url)
            })
        });
        match card {
            Some(html) => view! { <article class="details" inner_html=html></article> }.into_any(),
            None => view! { <p class="region__placeholder">{lang.strings().details_empty}</p> }
                .into_any(),
        }
    };
    view! {
        <aside class="region region--details" aria-labelledby="details-heading"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && selection.0.get_untracked().is_some() {
                    ev.prevent_default();
                    close();
                }
            }
            on:click=move |ev: leptos::ev::MouseEvent| {
                use wasm_bindgen::JsCast;
                let closing = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("[data-details-close]").ok().flatten())
                    .is_some();
                if closing {
                    close();
                }
            }>
            <div class="details__bar">
                <h2 id="details-heading" class="region__title">
                    {move || locale.strings().details_title}
                </h2>
                <Show when=move || selection.0.get().is_some()>
                    <button type="button" class="button map__icon details__dismiss" on:click=move |_| close()
                        aria-label=move || locale.strings().details_close title=move || locale.strings().details_close>
                        // A cross: close.
                        <svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false"><path d="M-6-6L6 6M6-6L-6 6"/></svg>
                    </button>
                </Show>
            </div>
            {body}
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_exist_for_every_kind_of_record() {
        let data = crate::data::embedded().unwrap();
        let crane = card(&data, "crane", Lang::En).unwrap();
        assert!(crane.title.starts_with("CraNE — "));
        assert!(
            crane
                .fact_texts()
                .contains(&"1 October 2022 – 30 September 2024"),
            "{:?}",
            crane.fact_texts()
        );
        assert!(crane.fact_texts().contains(&"NIJZ"));
        assert!(crane.fact_texts().contains(&"Tit Albreht"));
        let hope = card(&data, "rel-024", Lang::Fr).unwrap();
        assert_eq!(hope.title, "Unicancer membre de HOPE");
        assert!(hope.fact_texts().contains(&"depuis 2012"));
        let launch = card(&data, "ev-g7-launch", Lang::En).unwrap();
        assert!(launch.title.starts_with("G7 Cancer launched"));
        assert!(launch.fact_texts().contains(&"9 May 2023"));
        let g7 = card(&data, "prog-g7", Lang::Fr).unwrap();
        assert_eq!(g7.title, "G7 Cancer");
        assert!(card(&data, "institut-curie", Lang::En).is_some());
        // A relation with no dates of its own shows its project's, marked as the project's.
        let sciensano = card(&data, "rel-crane-14", Lang::En).unwrap();
        assert!(
            sciensano
                .fact_texts()
                .contains(&"1 October 2022 – 30 September 2024 (the project’s dates)"),
            "{:?}",
            sciensano.fact_texts()
        );
        let fr = card(&data, "rel-crane-14", Lang::Fr).unwrap();
        assert!(fr
            .fact_texts()
            .contains(&"1er octobre 2022 – 30 septembre 2024 (dates du projet)"));
        // The French legal status for Unicancer's members only; a cancer hospital elsewhere
        // keeps the kind's own label.
        let curie = card(&data, "institut-curie", Lang::Fr).unwrap();
        assert_eq!(curie.kind, "Centre de lutte contre le cancer (CLCC)");
        let karolinska = card(&data, "karolinska-ccc-se", Lang::Fr).unwrap();
        assert_eq!(karolinska.kind, "Hôpital ou centre de cancérologie");
        assert!(!karolinska.kind.contains("lutte"));
        assert!(card(&data, "nowhere", Lang::En).is_none());
    }

    #[test]
    fn relations_are_grouped_by_kind_and_conflicts_found() {
        let data = crate::data::embedded().unwrap();
        let groups = relations_of(&data, "g7-cancer");
        let members = groups
            .iter()
            .find(|(k, _)| *k == RelationKind::MemberOf)
            .unwrap();
        assert!(members.1.len() >= 7, "7 founding members");
        assert!(
            groups.iter().any(|(k, _)| *k == RelationKind::ObserverOf),
            "IARC observes"
        );
        // Every relation touching the id is in exactly one group.
        let n: usize = groups.iter().map(|(_, g)| g.len()).sum();
        assert_eq!(
            n,
            data.relations
                .iter()
                .filter(|r| r.from == "g7-cancer" || r.to == "g7-cancer")
                .count()
        );
        let conflicts = conflicts_about(&data, &["crane"]);
        assert!(conflicts
            .iter()
            .any(|c| c.id == "c-crane-jane-coordination"));
        let seed_and_other = conflicts[0].claims.iter().any(|c| c.from_seed)
            && conflicts[0].claims.iter().any(|c| !c.from_seed);
        assert!(seed_and_other, "the seed's claim and another source's");
        assert!(!figures_about(&data, &["g7-cancer"]).is_empty());
    }

    #[test]
    fn a_programme_page_gathers_its_projects_and_events_in_order() {
        let data = crate::data::embedded().unwrap();
        let ids = programme_ids(&data, "prog-eu");
        assert_eq!(ids[0], "ebcp", "the hub first");
        assert!(ids.contains(&"crane") && ids.contains(&"epaac"));
        let events = events_of(&data, &programme_ids(&data, "prog-g7"));
        assert!(events.iter().any(|e| e.id == "ev-g7-launch"));
        let days: Vec<i32> = events
            .iter()
            .map(|e| e.date.map_or(i32::MAX, |d| d.first_day()))
            .collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(figure_value(90.0, Lang::Fr), "90");
        assert_eq!(figure_value(2.5, Lang::Fr), "2,5");
        assert_eq!(figure_value(1234.05, Lang::En), "1,234.05");
        assert_eq!(figure_value(-0.5, Lang::En), "-0.5");
    }
}
