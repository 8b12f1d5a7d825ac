//! The embed: the atlas's view laid out for another site's frame (`/embed`, with the same
//! view keys as the main page). Map, timeline and the selected record's card fill the
//! frame; under them a bar links to the same view in the atlas (new tab), names the
//! source and switches the language. The embed tells the host page its height
//! ([`HEIGHT_MESSAGE`]), and links that would leave the atlas open in a new tab, never in
//! the frame.

use crate::ui::header::LanguageSwitch;
use crate::{use_atlas, use_locale, ViewState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The `type` of the message the embed posts to its host page: `{ "type":
/// "cancer-atlas:height", "height": 544 }`, the height in CSS pixels the view asks for at
/// the frame's current width ([`preferred_height`]). It is posted when the embed starts
/// and whenever the frame's width changes. The embed always fills its frame, so a host
/// page with no script keeps the size it set; one that wants the frame to follow its
/// width sets the frame's height to the message's (docs/embed.md has the snippet).
pub const HEIGHT_MESSAGE: &str = "cancer-atlas:height";

/// The height the view asks for at `width` (CSS pixels): the map gets about half the
/// width in height, plus the timeline and the bar, within the 400 to 800 px a page's
/// column gives. A function of the width only, so that a host following it never loops.
pub fn preferred_height(width: f64) -> i32 {
    (width * 0.6 + 160.0).clamp(400.0, 800.0).round() as i32
}

/// The bar under the embedded view.
#[component]
pub fn EmbedBar() -> impl IntoView {
    let locale = use_locale();
    let view = ViewState::get();
    let sources = use_atlas().0.sources.len();
    let href = move || super::location::atlas_link(view);
    view! {
        <footer class="embed-bar">
            <div class="embed-bar__about">
                <a class="embed-bar__open" href=href target="_blank" rel="noopener">
                    {move || locale.strings().embed_open}
                    <span class="visually-hidden">" "{move || locale.strings().new_tab}</span>
                    // An arrow out of a box: the usual sign of a link to another page.
                    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                        <path d="M9 2h5v5M14 2L7 9M12 9v4.5H2.5V4H7"/>
                    </svg>
                </a>
                <p class="embed-bar__source">
                    {move || locale.strings().embed_source}" · "{sources}" "
                    {move || locale.strings().embed_sources_cited}
                </p>
            </div>
            <LanguageSwitch/>
        </footer>
    }
}

/// The window this page is framed in, if it is framed.
fn host() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts the height the view asks for to the host page now and whenever it changes.
pub fn report_height() {
    let Some(host) = host() else {
        return;
    };
    let Some(root) = document().document_element() else {
        return;
    };
    let measured = root.clone();
    let last = StoredValue::new(0);
    super::on_resize(&root, move || {
        let height = preferred_height(f64::from(measured.client_width()));
        if height == last.get_value() {
            return;
        }
        last.set_value(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        // The height is no secret: any host page may read it.
        let _ = host.post_message(&message, "*");
    });
}

/// Links that would load another page in the frame open in a new tab instead: the
/// sources, the organisations' sites, any link to the atlas itself. Links that select a
/// record in place (`data-sel`) and links within the page (`#…`) stay as they are.
pub fn open_links_outside() {
    super::on_window(leptos::ev::click, |ev| {
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let href = link.get_attribute("href").unwrap_or_default();
        if link.has_attribute("data-sel") || link.has_attribute("target") || href.starts_with('#') {
            return;
        }
        let _ = link.set_attribute("target", "_blank");
        let _ = link.set_attribute("rel", "noopener");
    });
}

#[cfg(test)]
mod tests {
    use super::preferred_height;

    #[test]
    fn the_asked_height_grows_with_the_width_within_a_columns_bounds() {
        assert_eq!(preferred_height(320.0), 400, "a phone's column: the least");
        assert_eq!(preferred_height(640.0), 544);
        assert_eq!(preferred_height(1000.0), 760);
        assert_eq!(preferred_height(1200.0), 800, "never more than 800");
        assert_eq!(preferred_height(0.0), 400);
        let mut last = 0;
        for width in (320..=1200).step_by(10) {
            let h = preferred_height(f64::from(width));
            assert!(h >= last, "{width}");
            last = h;
        }
    }
}
