//! The table view, also the accessible alternative to the map: organisations, relations,
//! projects or events under the current filters and search, sortable by any column.
//! Long tables come a page at a time: building thousands of rows would hold the page for
//! seconds, and nobody reads them all on screen (the exports hold every row).

use crate::table::{self, Key, Sort, Tab};
use crate::{use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;

/// Rows shown at first, and added by each "show more".
pub const PAGE: usize = 200;

#[component]
pub fn TableRegion() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let explore = use_explore();
    let selection = use_selection();
    let limit = RwSignal::new(PAGE);

    let tabs = move || {
        let lang = locale.0.get();
        Tab::ALL
            .into_iter()
            .map(|tab| {
                view! {
                    <button type="button" class="button"
                        aria-pressed=move || (explore.tab.get() == tab).to_string()
                        on:click=move |_| {
                            explore.tab.set(tab);
                            explore.sort.set(None);
                            limit.set(PAGE);
                        }>
                        {tab.label(lang)}
                    </button>
                }
            })
            .collect_view()
    };
    let body = move || {
        let lang = locale.0.get();
        let t = lang.strings();
        let tab = explore.tab.get();
        let sort = explore.sort.get();
        let query = explore.query.get();
        let selected = selection.0.get();
        let mut rows = explore
            .visible
            .with(|v| table::rows(&atlas, tab, v, &query, lang));
        if let Some(sort) = &sort {
            table::sort(&mut rows, tab, sort);
        }
        let headers = tab
            .columns()
            .iter()
            .map(|&(key, en, fr)| {
                let label = if lang == crate::i18n::Lang::En { en } else { fr };
                let state = match &sort {
                    Some(s) if s.column == key => if s.descending { "descending" } else { "ascending" },
                    _ => "none",
                };
                let arrow = match state {
                    "ascending" => "▲",
                    "descending" => "▼",
                    _ => "↕",
                };
                let next = Sort {
                    column: key.to_owned(),
                    descending: state == "ascending",
                };
                view! {
                    <th scope="col" aria-sort=state>
                        <button type="button" class="table__sort" on:click=move |_| explore.sort.set(Some(next.clone()))>
                            {label}<span class="table__arrow" aria-hidden="true">{arrow}</span>
                        </button>
                    </th>
                }
            })
            .collect_view();
        let count = rows.len();
        let shown = limit.get().min(count);
        let lines = rows
            .into_iter()
            .take(shown)
            .map(|row| {
                let current = selected.as_deref() == Some(row.id);
                let confidence = row.provenance.confidence;
                let last = row.cells.len() - 1;
                let cells = row
                    .cells
                    .into_iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        let content = match (cell.link, cell.datetime) {
                            (Some(id), _) => view! { <super::explore::SelectLink id>{cell.text}</super::explore::SelectLink> }.into_any(),
                            (None, Some(dt)) => view! { <time datetime=dt>{cell.text}</time> }.into_any(),
                            (None, None) if i == last => view! {
                                <span class=format!("confidence confidence--{}", confidence.key())>{cell.text}</span>
                            }
                            .into_any(),
                            (None, None) => cell.text.into_any(),
                        };
                        let numeric = matches!(cell.key, Key::Number(_)) && i != last;
                        view! { <td class:table__number=numeric>{content}</td> }
                    })
                    .collect_view();
                view! { <tr aria-current=current.then_some("true") class:table__row--selected=current>{cells}</tr> }
            })
            .collect_view();
        view! {
            <table class="table">
                <caption id="table-caption">
                    {format!("{} — {}", tab.label(lang), lang.results(count))}
                    <span class="visually-hidden">" "{t.table_sort_hint}</span>
                </caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{lines}</tbody>
            </table>
            {(count == 0).then(|| view! { <p class="table__empty">{t.table_empty}</p> })}
            {(shown < count).then(|| {
                let more = PAGE.min(count - shown);
                // The button is rebuilt with the table: focus goes to the first new row.
                let show_more = move |_| {
                    limit.set(shown + more);
                    leptos::task::spawn_local(async move {
                        leptos::task::tick().await;
                        let selector = format!(".table tbody tr:nth-child({}) a", shown + 1);
                        let first_new = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.query_selector(&selector).ok().flatten());
                        if let Some(link) = first_new {
                            use wasm_bindgen::JsCast;
                            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                                let _ = link.focus();
                            }
                        }
                    });
                };
                view! {
                    <button type="button" class="button table__more" on:click=show_more>
                        {lang.table_more(more, shown, count)}
                    </button>
                }
            })}
        }
    };
    view! {
        <section class="region region--map region--table" aria-labelledby="table-heading">
            <h2 id="table-heading" class="region__title">{move || locale.strings().table_title}</h2>
            <div class="table__tabs" role="group" aria-label=move || locale.strings().table_tabs_label>{tabs}</div>
            <div class="table__scroll" tabindex="0" role="region" aria-labelledby="table-caption">{body}</div>
        </section>
    }
}
