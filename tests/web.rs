//! Component tests in a real browser (headless Chromium through wasm-bindgen-test).
//! Run by `cargo xtask test`; alone: `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use cancer_atlas::i18n::{Lang, EN, FR};
use cancer_atlas::{panic_banner, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app into a fresh container, returning the container.
fn mount_app() -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    handle.forget();
    container
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shell_has_every_region_with_a_heading() {
    let root = mount_app();
    for region in ["map", "timeline", "details"] {
        let selector = format!(".region--{region}");
        let el = root.query_selector(&selector).unwrap().expect(&selector);
        let heading_id = el.get_attribute("aria-labelledby").unwrap();
        assert!(
            root.query_selector(&format!("#{heading_id}"))
                .unwrap()
                .is_some(),
            "{region} is labelled by a missing heading"
        );
    }
    assert!(root.query_selector("main#main").unwrap().is_some());
    assert!(root.query_selector("footer.site-footer").unwrap().is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn language_switch_changes_text_and_html_lang() {
    let root = mount_app();
    let switch_to = |lang: Lang| {
        let button: web_sys::HtmlElement = root
            .query_selector(&format!(".lang-switch__option[lang='{}']", lang.tag()))
            .unwrap()
            .unwrap()
            .unchecked_into();
        button.click();
    };

    switch_to(Lang::Fr);
    leptos::task::tick().await;
    assert_eq!(text_of(&root, ".brand__title"), FR.app_title);
    assert_eq!(text_of(&root, "#map-heading").trim(), FR.map_title);
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(document().title(), FR.app_title);
    let pressed = root
        .query_selector(".lang-switch__option[aria-pressed='true']")
        .unwrap()
        .unwrap();
    assert_eq!(pressed.get_attribute("lang").as_deref(), Some("fr"));

    switch_to(Lang::En);
    leptos::task::tick().await;
    assert_eq!(text_of(&root, ".brand__title"), EN.app_title);
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    root.remove();
}

#[wasm_bindgen_test]
fn panic_banner_shows_details_as_inert_text_and_replaces_itself() {
    panic_banner::show("first <b>failure</b>");
    panic_banner::show("second <script>alert(1)</script>");
    let banners = document()
        .query_selector_all(&format!("#{}", panic_banner::BANNER_ID))
        .unwrap();
    assert_eq!(
        banners.length(),
        1,
        "a second panic must replace the banner"
    );
    let banner = document()
        .get_element_by_id(panic_banner::BANNER_ID)
        .unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let details = banner.query_selector("pre").unwrap().unwrap();
    assert_eq!(
        details.text_content().as_deref(),
        Some("second <script>alert(1)</script>")
    );
    assert!(banner.query_selector("script, b").unwrap().is_none());
    assert!(banner.query_selector("a[href]").unwrap().is_some());
    banner.remove();
}
