//! The address bar as a mirror of the view: the state is read from the URL at start and on
//! back/forward, and written back whenever it changes. Changes a visitor would step back
//! through (selection, filters, view, language) get a history entry; continuous ones (the
//! date handle, map moves, typing) replace the current entry, at most a few times a second.

use crate::model::Dataset;
use crate::state::{Ignored, UrlState};
use crate::ViewState;
use leptos::prelude::*;
use std::time::Duration;

/// Replacing the entry waits this long for the changes to settle (browsers limit how
/// often `history.replaceState` may be called).
const SETTLE: Duration = Duration::from_millis(300);

/// `location.search` (with its `?`), or empty outside a browser window.
pub fn search() -> String {
    if !crate::IN_BROWSER {
        return String::new();
    }
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The site's origin, e.g. `https://atlas.example`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The path of the embed, the view made for other sites' frames (`public/_headers` lets
/// any site frame it, and no other page).
pub const EMBED_PATH: &str = "/embed";

/// Whether this page is the embed.
pub fn embedded() -> bool {
    crate::IN_BROWSER
        && web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .is_some_and(|p| p == EMBED_PATH || p.starts_with("/embed/"))
}

/// The view's state as a query, with its language and date (tracked: a reactive closure
/// that calls this follows the view).
fn query_of(view: ViewState) -> String {
    let mut state = view.current();
    state.lang = Some(view.locale.0.get());
    state.as_of = Some(view.as_of.0.get());
    state.to_query()
}

/// The atlas's own page showing the current view, tracked.
pub fn atlas_link(view: ViewState) -> String {
    format!("{}/?{}", origin(), query_of(view))
}

/// The query's keys that make a history entry (all but the continuous ones).
fn discrete(query: &str) -> String {
    query
        .split('&')
        .filter(|p| !["date=", "map=", "q="].iter().any(|k| p.starts_with(k)))
        .collect::<Vec<_>>()
        .join("&")
}

fn set_notice(state: ViewState, ignored: &[Ignored]) {
    state
        .explore
        .notice
        .set(ignored.iter().map(Ignored::describe).collect());
}

fn write(query: &str, push: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = if query.is_empty() {
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_else(|| "/".to_owned())
    } else {
        format!("?{query}")
    };
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// Applies the URL's state (keeping what the dataset holds), then keeps the URL in step.
pub fn start(mut initial: UrlState, mut ignored: Vec<Ignored>, data: &Dataset) {
    let view = ViewState::get();
    ignored.extend(initial.restrict_to(data));
    view.apply(initial);
    set_notice(view, &ignored);

    let last_discrete = StoredValue::new(discrete(search().trim_start_matches('?')));
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        let query = view.current().to_query();
        if search().trim_start_matches('?') == query {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let d = discrete(&query);
        if d != last_discrete.get_value() {
            last_discrete.set_value(d);
            write(&query, true);
        } else {
            let handle = set_timeout_with_handle(move || write(&query, false), SETTLE).ok();
            pending.set_value(handle);
        }
    });

    let data = data.clone();
    super::on_window(leptos::ev::popstate, move |_| {
        let query = search();
        let (mut state, mut ignored) = UrlState::from_query(&query);
        ignored.extend(state.restrict_to(&data));
        last_discrete.set_value(discrete(query.trim_start_matches('?')));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        view.apply(state);
        set_notice(view, &ignored);
    });
}

/// A link that reproduces the current view exactly, for sharing: unlike the address bar,
/// it always names the language and the date.
pub fn share_link(view: ViewState) -> String {
    untrack(|| atlas_link(view))
}

/// The address of the embed that shows the current view.
pub fn embed_link(view: ViewState) -> String {
    format!("{}{EMBED_PATH}?{}", origin(), untrack(|| query_of(view)))
}

/// The `href` of a link that selects `id` in the current view (so that opening it in a new
/// tab keeps the filters).
pub fn href_selecting(id: &str) -> String {
    let mut state = untrack(|| ViewState::get().current());
    state.selection = Some(id.to_owned());
    format!("?{}", state.to_query())
}

#[cfg(test)]
mod tests {
    use super::discrete;

    #[test]
    fn continuous_keys_do_not_make_history_entries() {
        assert_eq!(
            discrete("sel=crane&date=2023-01-01&map=1,2,3&q=x&view=table"),
            "sel=crane&view=table"
        );
    }
}
