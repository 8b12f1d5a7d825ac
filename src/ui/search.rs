//! The search box: a combobox over organisations and projects (names, acronyms, cities in
//! both languages, accents and case forgiven). Arrow keys move through the results, Enter
//! selects, Escape closes. The text also narrows the table.

use crate::filter;
use crate::lanes::short_name;
use crate::{use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;

/// At most this many results are listed.
const MAX_RESULTS: usize = 8;

#[component]
pub fn Search() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let explore = use_explore();
    let selection = use_selection();
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);

    let hits = {
        let atlas = atlas.clone();
        Memo::new(move |_| {
            explore.query.with(|q| {
                let mut hits = filter::search(&atlas, q);
                hits.truncate(MAX_RESULTS);
                hits.into_iter().map(|h| h.id).collect::<Vec<String>>()
            })
        })
    };
    let choose = move |id: String| {
        selection.0.set(Some(id));
        open.set(false);
        active.set(None);
    };
    let on_input = move |ev: leptos::ev::Event| {
        explore.query.set(event_target_value(&ev));
        open.set(true);
        active.set(None);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = hits.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                let down = ev.key() == "ArrowDown";
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => n - 1,
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                    })
                });
            }
            "Enter" if open.get_untracked() && n > 0 => {
                ev.prevent_default();
                let i = active.get_untracked().unwrap_or(0);
                if let Some(id) = hits.with_untracked(|h| h.get(i).cloned()) {
                    choose(id);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                open.set(false);
                active.set(None);
            }
            "Escape" => explore.query.set(String::new()),
            _ => {}
        }
    };
    let expanded = move || open.get() && !explore.query.with(|q| filter::normalize(q).is_empty());
    let options = {
        let atlas = atlas.clone();
        move || {
            let lang = locale.0.get();
            hits.get()
                .into_iter()
                .enumerate()
                .map(|(i, id)| {
                    let (name, hint) = match atlas.organisations.iter().find(|o| o.id == id) {
                        Some(o) => (
                            o.name.get(lang).to_owned(),
                            format!("{} · {}", short_name(&atlas, &id, lang), o.city.get(lang)),
                        ),
                        None => match atlas.projects.iter().find(|p| p.id == id) {
                            Some(p) => (
                                p.name.get(lang).to_owned(),
                                lang.project_kind(p.kind).to_owned(),
                            ),
                            None => (id.clone(), String::new()),
                        },
                    };
                    let chosen = id.clone();
                    view! {
                        <li
                            id=format!("search-option-{i}")
                            role="option"
                            class="search__option"
                            aria-selected=move || (active.get() == Some(i)).to_string()
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| choose(chosen.clone())
                        >
                            <span class="search__name">{name}</span>
                            <span class="search__hint">{hint}</span>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let status = move || {
        let lang = locale.0.get();
        if !expanded() {
            String::new()
        } else if hits.with(Vec::is_empty) {
            lang.strings().search_none.to_owned()
        } else {
            lang.results(hits.with(Vec::len))
        }
    };
    view! {
        <div class="search" role="search">
            // For screen readers: the placeholder says the same to sighted visitors.
            <label class="search__label visually-hidden" for="search-input">{move || locale.strings().search_label}</label>
            <input
                id="search-input"
                class="search__input"
                // Text, not search: the Nu HTML Checker allows a combobox on a text field
                // only (as the ARIA practices' combobox does); the phone's keyboard still
                // shows its search key.
                type="text"
                enterkeyhint="search"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-controls="search-results"
                aria-describedby="search-help"
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(|i| format!("search-option-{i}"))
                placeholder=move || locale.strings().search_placeholder
                prop:value=move || explore.query.get()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
            />
            <p id="search-help" class="visually-hidden">{move || locale.strings().search_help}</p>
            <ul id="search-results" role="listbox" class="search__results" hidden=move || !expanded()
                aria-label=move || locale.strings().search_label>
                {options}
            </ul>
            <p class="visually-hidden" role="status">{status}</p>
        </div>
    }
}
