//! The details panel: what is known about the current selection, with its sources and
//! how confident the atlas is. (Organisations for now; projects and events come with
//! the timeline.)

use crate::model::Organisation;
use crate::{use_atlas, use_locale, use_selection};
use leptos::prelude::*;

#[component]
pub fn DetailsRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let selection = use_selection();
    let body = move || {
        let lang = locale.0.get();
        let t = locale.strings();
        let Some(org) = selection
            .0
            .get()
            .and_then(|id| atlas.organisations.iter().find(|o| o.id == id).cloned())
        else {
            return view! { <p class="region__placeholder">{t.details_empty}</p> }.into_any();
        };
        let Organisation {
            name,
            acronym,
            kind,
            city,
            country,
            website,
            provenance,
            ..
        } = org;
        let country = atlas
            .countries
            .iter()
            .find(|c| c.code == country)
            .map(|c| c.name.get(lang).to_owned())
            .unwrap_or(country);
        let sources = provenance
            .sources
            .iter()
            .filter_map(|id| atlas.sources.iter().find(|s| &s.id == id))
            .map(|s| {
                let title = s.title.clone();
                let publisher = s.publisher.clone();
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
                <h3 class="details__name">
                    {name.get(lang).to_owned()}
                    {acronym.map(|a| format!(" ({})", a.get(lang)))}
                </h3>
                <dl class="details__facts">
                    <dt>{t.details_kind}</dt>
                    <dd>{lang.org_kind(kind)}</dd>
                    <dt>{t.details_place}</dt>
                    <dd>{format!("{}, {}", city.get(lang), country)}</dd>
                    {website.map(|url| view! {
                        <dt>{t.details_website}</dt>
                        <dd><a href=url.clone() rel="noopener noreferrer" target="_blank">{url.clone()}</a></dd>
                    })}
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
