//! Shown instead of the workspace when the dataset does not validate: every problem, with
//! its file, record and field, as text.

use crate::data::DataError;
use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn DataErrors(errors: Vec<DataError>) -> impl IntoView {
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
