//! The site footer: where the facts come from, and what the atlas is.

use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let locale = use_locale();
    view! {
        <footer class="site-footer">
            <section class="site-footer__part" aria-labelledby="footer-sources">
                <h2 id="footer-sources">{move || locale.strings().footer_sources}</h2>
                <p>{move || locale.strings().footer_sources_text}</p>
            </section>
            <section class="site-footer__part" aria-labelledby="footer-about">
                <h2 id="footer-about">{move || locale.strings().footer_about}</h2>
                <p>{move || locale.strings().footer_about_text}</p>
            </section>
        </footer>
    }
}
