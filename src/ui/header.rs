//! The site header: product name, tagline and the language switch.

use crate::i18n::Lang;
use crate::use_locale;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    view! {
        <header class="site-header">
            <div class="brand">
                <h1 class="brand__title">{move || locale.strings().app_title}</h1>
                <p class="brand__tagline">{move || locale.strings().app_tagline}</p>
            </div>
            <LanguageSwitch/>
        </header>
    }
}

/// Two toggle buttons, one per language; each is named in its own language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let buttons = Lang::ALL
        .into_iter()
        .map(|lang| {
            let pressed = move || (locale.0.get() == lang).to_string();
            view! {
                <button
                    type="button"
                    class="lang-switch__option"
                    lang=lang.tag()
                    aria-pressed=pressed
                    on:click=move |_| locale.0.set(lang)
                >
                    {lang.strings().language_name}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class="lang-switch"
            role="group"
            aria-label=move || locale.strings().language_switch_label
        >
            {buttons}
        </div>
    }
}
