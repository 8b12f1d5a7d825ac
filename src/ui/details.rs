//! The details panel: what is known about the current selection, with its sources.

use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn DetailsRegion() -> impl IntoView {
    let locale = use_locale();
    view! {
        <aside class="region region--details" aria-labelledby="details-heading">
            <h2 id="details-heading" class="region__title">
                {move || locale.strings().details_title}
            </h2>
            <p class="region__placeholder">{move || locale.strings().details_empty}</p>
        </aside>
    }
}
