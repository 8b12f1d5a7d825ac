//! View components, one file per part of the screen. They read state from context and
//! render it; logic they need lives in the pure modules at the crate root.

pub mod custom_data;
pub mod data_errors;
pub mod details;
pub mod embed;
pub mod explore;
pub mod export;
pub mod filters;
pub mod footer;
pub mod header;
pub mod location;
pub mod map;
pub mod markup;
pub mod network;
pub mod search;
pub mod table;
pub mod timeline;

/// Width the prerendered page draws the map for: a phone's (375 px screen, map 351 px
/// wide). The map's SVG scales its drawing to the real box (`geo::View::europe_screen`).
pub const PRERENDER_WIDTH: f64 = 351.0;
/// The timeline's box on the same phone, which the prerendered page draws it for (besides
/// the wide frame's, `timeline::PRERENDER_WIDE_WIDTH`).
pub const PRERENDER_TIMELINE_WIDTH: f64 = 317.0;

/// Listens to `event` on the window for as long as the current reactive owner lives; does
/// nothing when the build draws the first screen (there is no window then).
pub fn on_window<E>(event: E, listener: impl Fn(E::EventType) + 'static)
where
    E: leptos::tachys::html::event::EventDescriptor + 'static,
    E::EventType: wasm_bindgen::JsCast,
{
    if crate::IN_BROWSER {
        let _ = leptos::prelude::window_event_listener(event, listener);
    }
}

/// Calls `measure` when `el` first gets its size, then whenever that size changes, until
/// the current reactive owner is cleaned up. A ResizeObserver runs after the browser's own
/// layout, so measuring there never forces an extra layout of the page being built.
pub fn on_resize(el: &web_sys::Element, measure: impl FnMut() + 'static) {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(measure);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(el);
        leptos::prelude::on_cleanup(move || observer.disconnect());
    }
    callback.forget();
}
