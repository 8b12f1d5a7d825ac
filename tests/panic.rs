//! A real panic, forced in a test build, shows the banner (issue 9). Its own test binary,
//! so that the panicked instance is not shared with the other browser tests.
#![cfg(target_arch = "wasm32")]

use cancer_atlas::panic_banner;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_forced_panic_shows_the_bilingual_banner_with_its_message() {
    panic_banner::install();
    // The panic happens in its own task (a timer), as a bug in an event handler would.
    let forced = wasm_bindgen::closure::Closure::once_into_js(|| -> () {
        let ids: Vec<&str> = Vec::new();
        panic!("forced for the test: {} <b>not markup</b>", ids.len())
    });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(forced.unchecked_ref(), 0)
        .unwrap();
    sleep(200).await;
    let document = web_sys::window().unwrap().document().unwrap();
    let banner = document
        .get_element_by_id(panic_banner::BANNER_ID)
        .expect("the banner is shown");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap_or_default();
    assert!(
        text.contains("forced for the test: 0 <b>not markup</b>"),
        "{text}"
    );
    assert!(
        text.contains("tests/panic.rs"),
        "the location is given: {text}"
    );
    assert!(banner.query_selector("b").unwrap().is_none(), "inert text");
    assert!(
        banner.query_selector("a[href]").unwrap().is_some(),
        "a reload link"
    );
    assert!(
        banner.get_attribute("lang").is_some()
            || banner.query_selector("[lang]").unwrap().is_some(),
        "both languages are marked"
    );
}
