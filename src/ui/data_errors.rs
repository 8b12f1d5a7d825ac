//! Shown instead of the workspace when the dataset does not validate: every problem, with
//! its file, record and field, as text. Generic over how a problem is held: the app shows
//! text (the built-in dataset was validated when it was built, so the page carries no
//! validator), tests and tools may show `DataError`s.

use crate::use_locale;
use leptos::prelude::*;
use std::fmt::Display;

#[component]
pub fn DataErrors<E: Display + 'static>(errors: Vec<E>) -> impl IntoView {
    let locale = use_locale();
    let items = errors
        .iter()
        .map(|e| view! { <li><code>{e.to_string()}</code></li> })
        .collect_view();
    view! {
        <main id="main" class="data-errors" tabindex="-1">
            <div role="alert">
                <h2>{move || locale.strings().data_error_title}</h2>
                <p>{move || locale.strings().data_error_text}</p>
            </div>
            <ol class="data-errors__list">{items}</ol>
        </main>
    }
}
