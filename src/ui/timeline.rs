//! The timeline region of the workspace.

use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn TimelineRegion() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="region region--timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" class="region__title">
                {move || locale.strings().timeline_title}
            </h2>
            <p class="region__placeholder">{move || locale.strings().timeline_placeholder}</p>
        </section>
    }
}
