//! The table view, also the accessible alternative to the map: organisations, relations,
//! projects or events under the current filters and search, sortable by any column.
//! Long tables come a page at a time: building thousands of rows would hold the page for
//! seconds, and nobody reads them all on screen (the exports hold every row).

use super::markup::Markup;
use crate::i18n::Lang;
use crate::table::{self, Key, Row, Sort, Tab};
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
    // The table, drawn whole as markup when what it shows changes (the tabs stay views);
    // its sort buttons and "show more" are handled by one click listener on its box.
    let body = move || {
        let lang = locale.0.get();
        let tab = explore.tab.get();
        let sort = explore.sort.get();
        let query = explore.query.get();
        let selected = selection.0.get();
        let mut rows = explore
            .visible
            .with(|v| table::rows(&atlas, tab, v, &query, lang));
        let sort = sort.unwrap_or_else(|| tab.default_sort());
        table::sort(&mut rows, tab, &sort);
        let limit = limit.get();
        untrack(|| markup(tab, Some(&sort), rows, selected.as_deref(), limit, lang))
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(button) = target.closest("[data-sort]").ok().flatten() {
            let column = button.get_attribute("data-sort").unwrap_or_default();
            let descending = button.has_attribute("data-descending");
            explore.sort.set(Some(Sort {
                column: column.clone(),
                descending,
            }));
            // The table is drawn again: focus goes back to the same column's button.
            focus_after_redraw(format!(".table [data-sort=\"{column}\"]"));
        } else if let Some(button) = target.closest(".table__more").ok().flatten() {
            let shown: usize = button
                .get_attribute("data-shown")
                .and_then(|n| n.parse().ok())
                .unwrap_or(PAGE);
            limit.set(shown + PAGE);
            // Focus goes to the first new row.
            focus_after_redraw(format!(".table tbody tr:nth-child({}) a", shown + 1));
        }
    };
    view! {
        <section class="region region--map region--table" aria-labelledby="table-heading">
            <h2 id="table-heading" class="region__title">{move || locale.strings().table_title}</h2>
            <div class="table__tabs" role="group" aria-label=move || locale.strings().table_tabs_label>{tabs}</div>
            <div class="table__scroll" tabindex="0" role="region" aria-labelledby="table-caption"
                on:click=on_click inner_html=body></div>
        </section>
    }
}

/// Focuses the element `selector` names once the view has been drawn again.
fn focus_after_redraw(selector: String) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(element) = element {
            use wasm_bindgen::JsCast;
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

/// The table of `rows` (the first `limit` of them), its caption, the note when it is empty
/// and the button that shows more, as markup.
fn markup(
    tab: Tab,
    sort: Option<&Sort>,
    rows: Vec<Row<'_>>,
    selected: Option<&str>,
    limit: usize,
    lang: Lang,
) -> String {
    let t = lang.strings();
    let count = rows.len();
    let shown = limit.min(count);
    let mut m = Markup::default();
    m.tag("<table class=\"table\"><caption id=\"table-caption\">")
        .text(&format!("{} — {}", tab.label(lang), lang.results(count)))
        .tag("<span class=\"visually-hidden\">")
        .text(" ")
        .text(t.table_sort_hint)
        .tag("</span></caption><thead><tr>");
    for &(key, en, fr) in tab.columns() {
        let label = if lang == Lang::En { en } else { fr };
        let state = match sort {
            Some(s) if s.column == key => {
                if s.descending {
                    "descending"
                } else {
                    "ascending"
                }
            }
            _ => "none",
        };
        let arrow = match state {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "↕",
        };
        m.tag("<th scope=\"col\"")
            .attr("aria-sort", state)
            .tag("><button type=\"button\" class=\"table__sort\"")
            .attr("data-sort", key);
        // A click sorts descending after ascending, ascending otherwise.
        if state == "ascending" {
            m.tag(" data-descending");
        }
        m.tag(">")
            .text(label)
            .tag("<span class=\"table__arrow\" aria-hidden=\"true\">")
            .text(arrow)
            .tag("</span></button></th>");
    }
    m.tag("</tr></thead><tbody>");
    for row in rows.into_iter().take(shown) {
        let current = selected == Some(row.id);
        m.tag(if current {
            "<tr aria-current=\"true\" class=\"table__row--selected\">"
        } else {
            "<tr>"
        });
        let confidence = row.provenance.confidence;
        let last = row.cells.len() - 1;
        for (i, cell) in row.cells.into_iter().enumerate() {
            let numeric = matches!(cell.key, Key::Number(_)) && i != last;
            m.tag(if numeric {
                "<td class=\"table__number\">"
            } else {
                "<td>"
            });
            match (cell.link, cell.datetime) {
                (Some(id), _) => {
                    m.select_link(&id, &cell.text);
                }
                (None, Some(dt)) => {
                    m.tag("<time")
                        .attr("datetime", &dt)
                        .tag(">")
                        .text(&cell.text)
                        .tag("</time>");
                }
                (None, None) if i == last => {
                    m.element(
                        "span",
                        &format!("confidence confidence--{}", confidence.key()),
                        &cell.text,
                    );
                }
                (None, None) => {
                    m.text(&cell.text);
                }
            }
            m.tag("</td>");
        }
        m.tag("</tr>");
    }
    m.tag("</tbody></table>");
    if count == 0 {
        m.element("p", "table__empty", t.table_empty);
    }
    if shown < count {
        let more = PAGE.min(count - shown);
        m.tag("<button type=\"button\" class=\"button table__more\"")
            .attr("data-shown", &shown.to_string())
            .tag(">")
            .text(&lang.table_more(more, shown, count))
            .tag("</button>");
    }
    m.into_string()
}
