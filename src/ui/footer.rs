//! The site footer: where the facts come from, and what the atlas is.

use crate::release::{self, LICENCE, LICENCE_URL};
use crate::{use_atlas, use_explore, use_locale};
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
    // The atlas's own data has a version, a date and a licence; a dataset opened with
    // `?data=` has its own, which the atlas cannot know. Drawn as markup.
    let own_data = use_explore().source.with_value(Option::is_none);
    let release_lines = move || {
        let lang = locale.0.get();
        let t = lang.strings();
        let mut m = super::markup::Markup::default();
        if own_data {
            if let Ok(day) = crate::model::PartialDate::parse(release::UPDATED) {
                m.element(
                    "p",
                    "site-footer__release",
                    &lang.data_release(release::VERSION, day),
                );
            }
            m.tag("<p class=\"site-footer__licence\">")
                .text(t.footer_licence)
                .text(" ")
                .tag("<a rel=\"license\"")
                .attr("href", LICENCE_URL)
                .tag(">")
                .text(LICENCE)
                .tag("</a> ")
                .text(t.footer_licence_scope)
                .tag("</p><p class=\"site-footer__download\">")
                .text(t.footer_download)
                .text(" ")
                .tag("<a href=\"/data/datapackage.json\" type=\"application/json\">")
                .text(t.footer_package)
                .tag("</a> · <a href=\"/data/atlas.json\" type=\"application/json\">")
                .text(t.footer_whole)
                .tag("</a></p><p class=\"site-footer__about-data\"><a")
                .attr(
                    "href",
                    match lang {
                        crate::i18n::Lang::En => "/about/",
                        crate::i18n::Lang::Fr => "/fr/about/",
                    },
                )
                .tag(">")
                .text(t.about_data)
                .tag("</a></p>");
        }
        m.into_string()
    };
    view! {
        <footer class="site-footer">
            <section class="site-footer__part" aria-labelledby="footer-sources">
                <h2 id="footer-sources">{move || locale.strings().footer_sources}</h2>
                <p>{move || locale.strings().footer_sources_text}</p>
                <h3 class="site-footer__subtitle">{move || locale.strings().footer_dataset}</h3>
                <ul class="site-footer__counts inline-list">{counts}</ul>
                <div inner_html=release_lines></div>
            </section>
            <section class="site-footer__part" aria-labelledby="footer-about">
                <h2 id="footer-about">{move || locale.strings().footer_about}</h2>
                <p>{move || locale.strings().footer_about_text}</p>
            </section>
        </footer>
    }
}
