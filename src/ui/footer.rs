//! The site footer: where the facts come from, and what the atlas is.

use crate::{use_atlas, use_locale};
use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let locale = use_locale();
    let data = use_atlas().0;
    let counts =
        move || {
            let t = locale.strings();
            [
            (data.organisations.len(), t.count_organisations),
            (data.projects.len() + data.programmes.len(), t.count_projects),
            (data.relations.len(), t.count_relations),
            (data.events.len(), t.count_events),
            (data.sources.len(), t.count_sources),
        ]
        .into_iter()
        .map(|(n, label)| view! { <li><span class="site-footer__count">{n}</span>" "{label}</li> })
        .collect_view()
        };
    view! {
        <footer class="site-footer">
            <section class="site-footer__part" aria-labelledby="footer-sources">
                <h2 id="footer-sources">{move || locale.strings().footer_sources}</h2>
                <p>{move || locale.strings().footer_sources_text}</p>
                <h3 class="site-footer__subtitle">{move || locale.strings().footer_dataset}</h3>
                <ul class="site-footer__counts inline-list">{counts}</ul>
            </section>
            <section class="site-footer__part" aria-labelledby="footer-about">
                <h2 id="footer-about">{move || locale.strings().footer_about}</h2>
                <p>{move || locale.strings().footer_about_text}</p>
            </section>
        </footer>
    }
}
