//! The map region of the workspace.

use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn MapRegion() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="region region--map" aria-labelledby="map-heading">
            <h2 id="map-heading" class="region__title">
                {move || locale.strings().map_title}
            </h2>
            <p class="region__placeholder">{move || locale.strings().map_placeholder}</p>
        </section>
    }
}
