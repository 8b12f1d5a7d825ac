//! The details panel: what is known about the current selection (an organisation, a
//! project, a partnership, an event or a whole programme), with its relations, key figures,
//! where sources disagree, its events, how confident the atlas is and its sources.

use super::explore::SelectLink;
use crate::i18n::{Lang, Strings};
use crate::lanes::short_name;
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
        return Some(Card {
            kind: lang.org_kind(o.kind).to_owned(),
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
        let title = format!(
            "{} {} {}",
            short_name(data, &r.from, lang),
            lang.relation_kind(r.kind),
            short_name(data, &r.to, lang)
        );
        let facts = vec![
            (t.details_from, record(data, &r.from, lang)),
            (t.details_to, record(data, &r.to, lang)),
            (t.details_dates, Value::Text(lang.span(r.span))),
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

/// The ids a programme page gathers: its hub and its projects.
pub fn programme_ids<'a>(data: &'a Dataset, prog: &'a str) -> Vec<&'a str> {
    let hub = data
        .programmes
        .iter()
        .find(|p| p.id == prog)
        .map(|p| p.hub.as_str());
    hub.into_iter()
        .chain(
            data.projects
                .iter()
                .filter(|p| p.programmes.iter().any(|x| x == prog))
                .map(|p| p.id.as_str()),
        )
        .collect()
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

fn badge(confidence: crate::model::Confidence, lang: Lang) -> impl IntoView {
    view! {
        <span class=format!("confidence confidence--{}", confidence.key()) title=lang.confidence(confidence)>
            {lang.confidence_short(confidence)}
        </span>
    }
}

fn source_list(data: &Dataset, ids: &[String]) -> impl IntoView {
    ids.iter()
        .filter_map(|id| data.sources.iter().find(|s| &s.id == id))
        .map(|s| {
            let (title, publisher) = (s.title.clone(), s.publisher.clone());
            let seed = s.kind == crate::model::SourceKind::Seed;
            match s.url.clone() {
                Some(url) => view! {
                    <li class:details__source--seed=seed><a href=url rel="noopener noreferrer" target="_blank">{title}</a>" — "{publisher}</li>
                }
                .into_any(),
                None => view! { <li class:details__source--seed=seed>{title}" — "{publisher}</li> }.into_any(),
            }
        })
        .collect_view()
}

fn value_view(value: Value) -> AnyView {
    match value {
        Value::Text(text) => text.into_any(),
        Value::Url(url) => {
            let text = url.clone();
            view! { <a href=url rel="noopener noreferrer" target="_blank">{text}</a> }.into_any()
        }
        Value::Record(id, name) => view! { <SelectLink id>{name}</SelectLink> }.into_any(),
    }
}

fn relations_view(data: &Dataset, id: &str, lang: Lang) -> impl IntoView {
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
    let t = lang.strings();
    (!groups.is_empty()).then(|| {
        let groups = groups
            .into_iter()
            .map(|(kind, rels)| {
                let items = rels
                    .into_iter()
                    .map(|r| {
                        let caution = r.provenance.confidence.needs_caution().then(|| badge(r.provenance.confidence, lang));
                        let (from, to) = (short_name(data, &r.from, lang), short_name(data, &r.to, lang));
                        view! {
                            <li>
                                <SelectLink id=r.from.clone()>{from}</SelectLink>" "
                                <SelectLink id=r.id.clone()>{lang.relation_kind(kind)}</SelectLink>" "
                                <SelectLink id=r.to.clone()>{to}</SelectLink>
                                <span class="details__when">" · "{lang.span(r.span)}</span>" "
                                {caution}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h5 class="details__group">{lang.relation_kind(kind)}</h5>
                    <ul class="details__list">{items}</ul>
                }
            })
            .collect_view();
        view! { <h4>{t.details_relations}</h4>{groups} }
    })
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

/// A project's participants, country by country (in the reader's alphabetical order), with
/// what the sources state beside what the atlas names.
fn participation_view(data: &Dataset, id: &str, lang: Lang) -> impl IntoView {
    let p = crate::participation::of(data, id, |code| {
        crate::filter::normalize(&country_name(data, code, lang))
    })?;
    let project = p.project;
    if p.is_empty() && project.partners.is_none() {
        return None;
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
    let countries = p
        .countries
        .iter()
        .map(|c| {
            let name = country_name(data, c.code, lang);
            let role = c
                .role
                .map_or(t.participation_country_only, |k| lang.role(k));
            let members = c
                .members
                .iter()
                .map(|m| {
                    let o = m.organisation;
                    let r = m.relation;
                    let caution = r
                        .provenance
                        .confidence
                        .needs_caution()
                        .then(|| badge(r.provenance.confidence, lang));
                    let org_name = crate::table::display_name(&o.name, o.acronym.as_ref(), lang);
                    let note = r
                        .provenance
                        .note
                        .as_ref()
                        .map(|n| view! { <span class="details__when">" · "{n.get(lang).to_owned()}</span> });
                    let role = lang.role(r.kind);
                    view! {
                        <li>
                            <SelectLink id=o.id.clone()>{org_name}</SelectLink>" — "
                            <SelectLink id=r.id.clone()>{role}</SelectLink>" "
                            {caution}{note}
                        </li>
                    }
                })
                .collect_view();
            let named_by = (!c.named_by.is_empty()).then(|| {
                let ids: Vec<String> = c.named_by.iter().map(|s| s.to_string()).collect();
                view! {
                    <p class="details__cite">{t.participation_named_by}{lang.colon().trim_end().to_owned()}</p>
                    <ul class="details__sources">{source_list(data, &ids)}</ul>
                }
            });
            let count = (c.members.len() > 1).then(|| format!(" ({})", c.members.len()));
            view! {
                <li class="details__country">
                    <details open=open>
                        <summary><h5 class="details__group">{name}<span class="details__when">" · "{role}{count}</span></h5></summary>
                        {(!c.members.is_empty()).then(|| view! { <ul class="details__list">{members}</ul> })}
                        {named_by}
                    </details>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <h4>{t.participation_title}</h4>
        <p class="details__participation">{summary}</p>
        {project.partners_note.as_ref().map(|n| view! { <p class="details__note">{n.get(lang).to_owned()}</p> })}
        <ul class="details__countries">{countries}</ul>
    })
}

/// A country's card: its organisations in the atlas, its part in G7 Cancer, and the joint
/// actions and projects it takes part in, each with its role, dates and sources.
fn country_view(data: &Dataset, code: &str, lang: Lang) -> Option<AnyView> {
    let t = lang.strings();
    let profile = crate::countries::profile(data, code)?;
    let country = data.countries.iter().find(|c| c.code == code)?;
    let (first, last) = profile.first_and_last();
    let period = match (first, last) {
        (Some(f), Some(l)) => format!("{} – {}", lang.date(f), lang.date(l)),
        (Some(f), None) => format!("{} – ({})", lang.date(f), t.ongoing),
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
    let g7_view = (!g7.is_empty()).then(|| {
        let items = g7
            .iter()
            .map(|r| {
                let name = crate::lanes::short_name(data, &r.from, lang);
                let kind = lang.relation_kind(r.kind);
                view! { <li><SelectLink id=r.from.clone()>{name}</SelectLink>" — "<SelectLink id=r.id.clone()>{kind}</SelectLink></li> }
            })
            .collect_view();
        view! { <h4>{t.country_g7}</h4><ul class="details__list">{items}</ul> }
    });
    let projects = profile
        .projects
        .iter()
        .map(|i| {
            let p = i.project;
            let name = p.acronym.as_ref().unwrap_or(&p.name).get(lang).to_owned();
            let role = i.role.map_or(t.participation_country_only, |k| lang.role(k));
            let dates = crate::ui::timeline::span_text(&p.span, lang);
            let members = i
                .members
                .iter()
                .map(|(o, r)| {
                    let org = crate::table::display_name(&o.name, o.acronym.as_ref(), lang);
                    let role = lang.role(r.kind);
                    view! { <li><SelectLink id=o.id.clone()>{org}</SelectLink>" — "<SelectLink id=r.id.clone()>{role}</SelectLink></li> }
                })
                .collect_view();
            let sources: Vec<String> = i.sources().into_iter().map(str::to_owned).collect();
            view! {
                <li class="details__country">
                    <h5 class="details__group"><SelectLink id=p.id.clone()>{name}</SelectLink>
                        <span class="details__when">" · "{role}{(!dates.is_empty()).then(|| format!(" · {dates}"))}</span></h5>
                    {(!i.members.is_empty()).then(|| view! { <ul class="details__list">{members}</ul> })}
                    <details class="details__cited">
                        <summary>{format!("{} ({})", t.details_sources, sources.len())}</summary>
                        <ul class="details__sources">{source_list(data, &sources)}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    let organisations = profile
        .organisations
        .iter()
        .map(|o| {
            let name = crate::table::display_name(&o.name, o.acronym.as_ref(), lang);
            view! { <li><SelectLink id=o.id.clone()>{name}</SelectLink>" · "{o.city.get(lang).to_owned()}</li> }
        })
        .collect_view();
    let n_orgs = profile.organisations.len();
    let n_projects = profile.projects.len();
    // The programmes it takes part in: through its projects, and G7 Cancer through its
    // members.
    let programmes = data
        .programmes
        .iter()
        .filter(|prog| {
            profile
                .projects
                .iter()
                .any(|i| i.project.programmes.iter().any(|x| x == &prog.id))
                || (!g7.is_empty() && prog.hub == "g7-cancer")
        })
        .map(|prog| {
            let name = prog.name.get(lang).to_owned();
            view! { <li><SelectLink id=prog.id.clone()>{name}</SelectLink></li> }
        })
        .collect_view();
    Some(
        view! {
            <p class="details__kind">{t.country_kind}</p>
            <h3 id="details-name" class="details__name" tabindex="-1">{country.name.get(lang).to_owned()}</h3>
            <p class="details__other-name" lang=other(lang).tag()>{country.name.get(other(lang)).to_owned()}</p>
            <dl class="details__facts">
                <dt>{t.country_organisations}</dt><dd>{lang.number(n_orgs)}</dd>
                <dt>{t.country_projects}</dt><dd>{lang.number(n_projects)}</dd>
                {(!period.is_empty()).then(|| view! { <dt>{t.country_period}</dt><dd>{period}</dd> })}
                <dt>{t.details_programmes}</dt><dd><ul class="details__inline">{programmes}</ul></dd>
            </dl>
            {g7_view}
            <h4>{t.country_projects}</h4>
            {(n_projects == 0).then(|| view! { <p class="details__note">{t.country_none}</p> })}
            <ul class="details__countries">{projects}</ul>
            <h4>{t.country_organisations}</h4>
            <ul class="details__list">{organisations}</ul>
        }
        .into_any(),
    )
}

fn figures_view(data: &Dataset, ids: &[&str], lang: Lang) -> impl IntoView {
    let figures = figures_about(data, ids);
    let t = lang.strings();
    (!figures.is_empty()).then(|| {
        let items = figures
            .into_iter()
            .map(|f| {
                let quote_source = data.sources.iter().find(|s| s.id == f.statement.source).map(|s| s.title.clone());
                view! {
                    <li class="details__figure">
                        <strong>{figure_value(f.value, lang)}" "{f.unit.get(lang).to_owned()}</strong>
                        " — "{f.subject.get(lang).to_owned()}" "{badge(f.provenance.confidence, lang)}
                        <blockquote lang=f.statement.lang.tag()>"« "{f.statement.text.clone()}" »"</blockquote>
                        {quote_source.map(|s| view! { <p class="details__cite">{t.details_quote}" "<cite>{s}</cite></p> })}
                        {f.provenance.note.as_ref().map(|n| view! { <p class="details__note">{n.get(lang).to_owned()}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! { <h4>{t.details_figures}</h4><ul class="details__list">{items}</ul> }
    })
}

fn conflicts_view(data: &Dataset, ids: &[&str], lang: Lang) -> impl IntoView {
    let conflicts = conflicts_about(data, ids);
    let t = lang.strings();
    (!conflicts.is_empty()).then(|| {
        let items = conflicts
            .into_iter()
            .map(|c| {
                let claims = c
                    .claims
                    .iter()
                    .map(|claim| {
                        let who = if claim.from_seed { t.conflict_seed } else { t.conflict_other };
                        view! {
                            <li class:details__claim--seed=claim.from_seed>
                                <strong>{who}{lang.colon()}</strong>{claim.says.get(lang).to_owned()}
                                <ul class="details__sources">{source_list(data, &claim.sources)}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="details__conflict">
                        <h5 class="details__group">{c.topic.get(lang).to_owned()}" "{badge(c.status, lang)}</h5>
                        <ul class="details__claims">{claims}</ul>
                        <p><strong>{t.conflict_resolution}{lang.colon()}</strong>{c.resolution.get(lang).to_owned()}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <h4>{t.details_conflicts}</h4><ul class="details__list">{items}</ul> }
    })
}

fn events_view(data: &Dataset, ids: &[&str], lang: Lang) -> impl IntoView {
    let events = events_of(data, ids);
    let t = lang.strings();
    (!events.is_empty()).then(|| {
        let items = events
            .into_iter()
            .map(|e| {
                let when = e
                    .date
                    .map_or_else(|| t.undated.to_owned(), |d| lang.date(d));
                let datetime = e.date.map(|d| d.iso().trim_end_matches('?').to_owned());
                let label = e.label.get(lang).to_owned();
                view! {
                    <li><time datetime=datetime>{when}</time>" — "
                        <SelectLink id=e.id.clone()>{label}</SelectLink></li>
                }
            })
            .collect_view();
        view! { <h4>{t.details_events}</h4><ul class="details__list details__events">{items}</ul> }
    })
}

/// A programme's own parts: its sections (principles, priorities...) and its projects.
fn programme_view(data: &Dataset, id: &str, lang: Lang) -> impl IntoView {
    let prog = data.programmes.iter().find(|p| p.id == id)?;
    let t = lang.strings();
    let sections = prog
        .sections
        .iter()
        .map(|s| {
            let items = s
                .items
                .iter()
                .map(|i| view! { <li>{i.get(lang).to_owned()}</li> })
                .collect_view();
            view! { <h4>{s.title.get(lang).to_owned()}</h4><ol class="details__list">{items}</ol> }
        })
        .collect_view();
    let projects = data
        .projects
        .iter()
        .filter(|p| p.programmes.contains(&prog.id))
        .map(|p| {
            let name = p.acronym.as_ref().unwrap_or(&p.name).get(lang).to_owned();
            let named = crate::participation::of(data, &p.id, |c| c.to_owned())
                .map_or(0, |x| x.named_partners());
            let coverage = (named > 0 || p.partners.is_some())
                .then(|| format!(" · {}", lang.named_of(named, p.partners)));
            view! {
                <li><SelectLink id=p.id.clone()>{name}</SelectLink>
                    <span class="details__when">" · "{lang.project_kind(p.kind)}" · "{lang.span(p.span)}{coverage}</span></li>
            }
        })
        .collect_view();
    Some(view! {
        {sections}
        <h4>{t.details_projects}</h4>
        <ul class="details__list">{projects}</ul>
    })
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
    let body = move || {
        let lang = locale.0.get();
        let t = lang.strings();
        let Some(id) = selection.0.get() else {
            return view! { <p class="region__placeholder">{t.details_empty}</p> }.into_any();
        };
        if let Some(code) = crate::countries::code_of(&id) {
            return match country_view(&atlas, code, lang) {
                Some(view) => view! {
                    <article class="details">
                        {view}
                        <button type="button" class="button" on:click=move |_| close()>{t.details_close}</button>
                    </article>
                }
                .into_any(),
                None => view! { <p class="region__placeholder">{t.details_empty}</p> }.into_any(),
            };
        }
        let Some(card) = card(&atlas, &id, lang) else {
            return view! { <p class="region__placeholder">{t.details_empty}</p> }.into_any();
        };
        let Card {
            kind,
            title,
            other_name,
            facts,
            summary,
            provenance,
        } = card;
        let facts = facts
            .into_iter()
            .map(|(label, value)| view! { <dt>{label}</dt><dd>{value_view(value)}</dd> })
            .collect_view();
        // A programme gathers its hub's and projects' figures, conflicts and events; a
        // relation its ends'.
        let mut ids: Vec<&str> = programme_ids(&atlas, &id);
        if ids.is_empty() {
            ids.push(&id);
        }
        let ends: Vec<&str> = atlas
            .relations
            .iter()
            .find(|r| r.id == id)
            .map(|r| vec![r.from.as_str(), r.to.as_str(), r.id.as_str()])
            .unwrap_or_default();
        let about: &[&str] = if ends.is_empty() { &ids } else { &ends };
        let relations_anchor = atlas
            .programmes
            .iter()
            .find(|p| p.id == id)
            .map_or(id.as_str(), |p| p.hub.as_str());
        let is_relation = !ends.is_empty();
        let is_event = atlas.events.iter().any(|e| e.id == id);
        view! {
            <article class="details">
                <p class="details__kind">{kind}</p>
                <h3 id="details-name" class="details__name" tabindex="-1">{title}</h3>
                {other_name.map(|n| view! { <p class="details__other-name" lang=other(lang).tag()>{n}</p> })}
                <p class="details__confidence">{t.details_confidence}{lang.colon()}{badge(provenance.confidence, lang)}
                    <span class="details__confidence-text">" "{lang.confidence(provenance.confidence)}</span></p>
                {summary.map(|s| view! { <p class="details__summary">{s}</p> })}
                <dl class="details__facts">{facts}</dl>
                {provenance.note.map(|n| view! { <p class="details__note">{n.get(lang).to_owned()}</p> })}
                {programme_view(&atlas, &id, lang)}
                {participation_view(&atlas, &id, lang)}
                {(!is_relation && !is_event).then(|| relations_view(&atlas, relations_anchor, lang))}
                {figures_view(&atlas, about, lang)}
                {conflicts_view(&atlas, about, lang)}
                {(!is_relation && !is_event).then(|| events_view(&atlas, &ids, lang))}
                <h4>{t.details_sources}</h4>
                <ul class="details__sources">{source_list(&atlas, &provenance.sources)}</ul>
                <button type="button" class="button" on:click=move |_| close()>{t.details_close}</button>
            </article>
        }
        .into_any()
    };
    view! {
        <aside class="region region--details" aria-labelledby="details-heading"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && selection.0.get_untracked().is_some() {
                    ev.prevent_default();
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
        assert!(hope.fact_texts().contains(&"2012 – (en cours)"));
        let launch = card(&data, "ev-g7-launch", Lang::En).unwrap();
        assert!(launch.title.starts_with("G7 Cancer launched"));
        assert!(launch.fact_texts().contains(&"9 May 2023"));
        let g7 = card(&data, "prog-g7", Lang::Fr).unwrap();
        assert_eq!(g7.title, "G7 Cancer");
        assert!(card(&data, "institut-curie", Lang::En).is_some());
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
