//! The toolbar above the map: programme pages, search, filters, map or table (export and
//! sharing are in the header), plus a discreet notice when a link held something the
//! atlas could not use.

use crate::filter::Facets;
use crate::state::Mode;
use crate::{use_atlas, use_explore, use_locale, use_selection};
use leptos::prelude::*;

/// Says which parts of the link were ignored; dismissable.
#[component]
pub fn Notice() -> impl IntoView {
    let locale = use_locale();
    let explore = use_explore();
    move || {
        let items = explore.notice.get();
        (!items.is_empty()).then(|| {
            view! {
                <div class="notice" role="status">
                    <p>
                        {locale.strings().notice_ignored}" "
                        {items.into_iter().map(|i| view! { <code>{i}</code>" " }).collect_view()}
                    </p>
                    <button type="button" class="button" on:click=move |_| explore.notice.set(Vec::new())>
                        {locale.strings().dismiss}
                    </button>
                </div>
            }
        })
    }
}

/// A link that selects `id` in place (and opens the same view in a new tab when asked).
#[component]
pub fn SelectLink(id: String, children: Children) -> impl IntoView {
    let href = super::location::href_selecting(&id);
    view! { <a href=href data-sel=id>{children()}</a> }
}

/// Clicks on any `a[data-sel]` select in place instead of loading the page again.
pub fn intercept_select_links() {
    let selection = use_selection();
    super::on_window(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[data-sel]").ok().flatten());
        if let Some(id) = link.and_then(|a| a.get_attribute("data-sel")) {
            ev.prevent_default();
            selection.0.set(Some(id));
        }
    });
}

/// Escape closes a floating panel (the filters, the export menu: `<details>` elements) and
/// gives focus back to its summary. On the panel's own `keydown`, so that Escape does not
/// also reach the details panel's handler and clear the selection.
pub fn close_panel_on_escape(ev: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if ev.key() != "Escape" {
        return;
    }
    let Some(panel) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if panel.has_attribute("open") {
        ev.stop_propagation();
        let _ = panel.remove_attribute("open");
        if let Some(summary) = panel
            .query_selector("summary")
            .ok()
            .flatten()
            .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let locale = use_locale();
    let atlas = use_atlas().0;
    let explore = use_explore();
    let selection = use_selection();
    intercept_select_links();

    let programmes = {
        let atlas = atlas.clone();
        move || {
            let lang = locale.0.get();
            atlas
                .programmes
                .iter()
                .map(|p| {
                    let id = p.id.clone();
                    let current = {
                        let id = id.clone();
                        move || (selection.0.get().as_deref() == Some(id.as_str())).then_some("true")
                    };
                    view! {
                        <li><a href=super::location::href_selecting(&id) data-sel=id.clone() aria-current=current>{p.name.get(lang).to_owned()}</a></li>
                    }
                })
                .collect_view()
        }
    };
    let mode_button = move |mode: Mode| {
        let label = move || match mode {
            Mode::Map => locale.strings().view_map,
            Mode::Network => locale.strings().view_network,
            Mode::Table => locale.strings().view_table,
        };
        view! {
            <button type="button" class="button" aria-pressed=move || (explore.mode.get() == mode).to_string()
                on:click=move |_| explore.mode.set(mode)>{label}</button>
        }
    };
    let shown = move || {
        let lang = locale.0.get();
        let n = explore
            .visible
            .with(|v| v.organisations.iter().filter(|&&x| x).count());
        let total = atlas.organisations.len();
        if n == total {
            lang.organisations(total)
        } else {
            match lang {
                crate::i18n::Lang::En => {
                    format!("{} of {}", lang.number(n), lang.organisations(total))
                }
                crate::i18n::Lang::Fr => {
                    format!("{} sur {}", lang.number(n), lang.organisations(total))
                }
            }
        }
    };
    view! {
        <Notice/>
        <section class="toolbar" aria-label=move || locale.strings().toolbar_label>
            <nav class="toolbar__programmes" aria-label=move || locale.strings().programmes_nav>
                <ul class="inline-list">{programmes}</ul>
            </nav>
            <super::search::Search/>
            <div class="toolbar__filters">
                <super::filters::Filters/>
                <Show when=move || !explore.facets.with(Facets::is_empty)>
                    <button type="button" class="button filters__clear" on:click=move |_| explore.facets.set(Facets::default())>
                        {move || locale.strings().filters_clear}
                    </button>
                </Show>
                <p class="toolbar__count" role="status">{shown}</p>
            </div>
            <div class="toolbar__view" role="group" aria-label=move || locale.strings().view_label>
                {mode_button(Mode::Map)}
                {mode_button(Mode::Network)}
                {mode_button(Mode::Table)}
            </div>
        </section>
    }
}
