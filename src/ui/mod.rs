//! View components, one file per part of the screen. They read state from context and
//! render it; logic they need lives in the pure modules at the crate root.

pub mod custom_data;
pub mod data_errors;
pub mod details;
pub mod explore;
pub mod export;
pub mod filters;
pub mod footer;
pub mod header;
pub mod location;
pub mod map;
pub mod search;
pub mod table;
pub mod timeline;

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
