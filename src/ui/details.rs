//! The details panel: what is known about the current selection (an organisation, a
//! project, a partnership or an event), with how confident the atlas is and its sources.

use crate::i18n::{Lang, Strings};
use crate::lanes::short_name;
use crate::model::{Dataset, Provenance, Span};
use crate::{use_atlas, use_locale, use_selection};
use leptos::prelude::*;

/// A record made readable: a title, labelled facts and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub title: String,
    /// (label, value, link)
    pub facts: Vec<(&'static str, String, Option<String>)>,
    pub summary: Option<String>,
    pub provenance: Provenance,
}

fn span_text(span: &Span, t: &Strings) -> String {
    match (span.start, span.end) {
        (Some(s), Some(e)) if s == e => s.iso(),
        (Some(s), Some(e)) => format!("{} – {}", s.iso(), e.iso()),
        (Some(s), None) => format!("{} – ({})", s.iso(), t.ongoing),
        (None, Some(e)) => format!("… – {}", e.iso()),
        (None, None) => "—".to_owned(),
    }
}

/// The card for any record id, or None for an unknown id.
pub fn card(data: &Dataset, id: &str, lang: Lang) -> Option<Card> {
    let t = lang.strings();
    if let Some(o) = data.organisations.iter().find(|o| o.id == id) {
        let country = data
            .countries
            .iter()
            .find(|c| c.code == o.country)
            .map_or(o.country.clone(), |c| c.name.get(lang).to_owned());
        let mut facts = vec![
            (t.details_kind, lang.org_kind(o.kind).to_owned(), None),
            (
                t.details_place,
                format!("{}, {country}", o.city.get(lang)),
                None,
            ),
        ];
        if let Some(url) = &o.website {
            facts.push((t.details_website, url.clone(), Some(url.clone())));
        }
        let title = match &o.acronym {
            Some(a) if a.get(lang) != o.name.get(lang) => {
                format!("{} ({})", o.name.get(lang), a.get(lang))
            }
            _ => o.name.get(lang).to_owned(),
        };
        return Some(Card {
            title,
            facts,
            summary: None,
            provenance: o.provenance.clone(),
        });
    }
    if let Some(p) = data.projects.iter().find(|p| p.id == id) {
        let mut facts = vec![(t.details_dates, span_text(&p.span, t), None)];
        if let Some(c) = &p.coordinator {
            let who = match &p.coordinator_person {
                Some(person) => format!("{} ({person})", short_name(data, c, lang)),
                None => short_name(data, c, lang),
            };
            facts.push((t.details_coordinator, who, None));
        }
        if let Some(f) = &p.funding {
            facts.push((t.details_funding, f.get(lang).to_owned(), None));
        }
        if let Some(n) = p.partners {
            let note = p
                .partners_note
                .as_ref()
                .map(|x| format!(" — {}", x.get(lang)))
                .unwrap_or_default();
            facts.push((
                t.details_partners,
                format!("{}{note}", lang.number(n as usize)),
                None,
            ));
        }
        if let Some(b) = &p.budget {
            facts.push((t.details_budget, b.get(lang).to_owned(), None));
        }
        let title = match &p.acronym {
            Some(a) => format!("{} — {}", a.get(lang), p.name.get(lang)),
            None => p.name.get(lang).to_owned(),
        };
        return Some(Card {
            title,
            facts,
            summary: Some(p.summary.get(lang).to_owned()),
            provenance: p.provenance.clone(),
        });
    }
    if let Some(r) = data.relations.iter().find(|r| r.id == id) {
        let title = format!(
            "{} {} {}",
            short_name(data, &r.from, lang),
            lang.relation_kind(r.kind),
            short_name(data, &r.to, lang)
        );
        let facts = vec![(t.details_dates, span_text(&r.span, t), None)];
        return Some(Card {
            title,
            facts,
            summary: None,
            provenance: r.provenance.clone(),
        });
    }
    if let Some(e) = data.events.iter().find(|e| e.id == id) {
        let span = Span::new(e.date, e.until.or(e.date));
        let mut facts = vec![(t.details_dates, span_text(&span, t), None)];
        if let Some(place) = &e.place {
            facts.push((t.details_place, place.get(lang).to_owned(), None));
        }
        return Some(Card {
            title: e.label.get(lang).to_owned(),
            facts,
            summary: None,
            provenance: e.provenance.clone(),
        });
    }
    None
}

#[component]
pub fn DetailsRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let selection = use_selection();
    let body = move || {
        let lang = locale.0.get();
        let t = locale.strings();
        let Some(card) = selection.0.get().and_then(|id| card(&atlas, &id, lang)) else {
            return view! { <p class="region__placeholder">{t.details_empty}</p> }.into_any();
        };
        let Card {
            title,
            facts,
            summary,
            provenance,
        } = card;
        let facts = facts
            .into_iter()
            .map(|(label, value, link)| {
                let value = match link {
                    Some(url) => {
                        view! { <a href=url rel="noopener noreferrer" target="_blank">{value}</a> }
                            .into_any()
                    }
                    None => value.into_any(),
                };
                view! { <dt>{label}</dt><dd>{value}</dd> }
            })
            .collect_view();
        let sources = provenance
            .sources
            .iter()
            .filter_map(|id| atlas.sources.iter().find(|s| &s.id == id))
            .map(|s| {
                let (title, publisher) = (s.title.clone(), s.publisher.clone());
                match s.url.clone() {
                    Some(url) => view! {
                        <li><a href=url rel="noopener noreferrer" target="_blank">{title}</a>" — "{publisher}</li>
                    }
                    .into_any(),
                    None => view! { <li>{title}" — "{publisher}</li> }.into_any(),
                }
            })
            .collect_view();
        let confidence_class = format!("confidence confidence--{}", provenance.confidence.key());
        view! {
            <article class="details">
                <h3 class="details__name">{title}</h3>
                {summary.map(|s| view! { <p class="details__note">{s}</p> })}
                <dl class="details__facts">
                    {facts}
                    <dt>{t.details_confidence}</dt>
                    <dd><span class=confidence_class>{lang.confidence(provenance.confidence)}</span></dd>
                </dl>
                {provenance.note.map(|n| view! { <p class="details__note">{n.get(lang).to_owned()}</p> })}
                <h4>{t.details_sources}</h4>
                <ul class="details__sources">{sources}</ul>
            </article>
        }
        .into_any()
    };
    view! {
        <aside class="region region--details" aria-labelledby="details-heading" aria-live="polite">
            <h2 id="details-heading" class="region__title">
                {move || locale.strings().details_title}
            </h2>
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
        assert!(crane
            .facts
            .iter()
            .any(|(_, v, _)| v == "2022-10-01 – 2024-09-30"));
        assert!(crane
            .facts
            .iter()
            .any(|(_, v, _)| v.contains("NIJZ (Tit Albreht)")));
        let hope = card(&data, "rel-024", Lang::Fr).unwrap();
        assert_eq!(hope.title, "Unicancer membre de HOPE");
        assert!(hope.facts.iter().any(|(_, v, _)| v == "2012 – (en cours)"));
        let launch = card(&data, "ev-g7-launch", Lang::En).unwrap();
        assert!(launch.title.starts_with("G7 Cancer launched"));
        assert!(card(&data, "institut-curie", Lang::En).is_some());
        assert!(card(&data, "nowhere", Lang::En).is_none());
    }
}
