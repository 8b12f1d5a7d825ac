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
    mount_app_at("")
}

/// Mounts the app as if the page had been opened with this query string.
fn mount_app_at(query: &str) -> web_sys::HtmlElement {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .unwrap();
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
            .query_selector(&format!(".switch__option[lang='{}']", lang.tag()))
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
        .query_selector(".switch__option[lang][aria-pressed='true']")
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
async fn theme_switch_sets_the_colour_scheme_and_remembers_it() {
    let root = mount_app();
    let html = document().document_element().unwrap();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let press = |choice: &str| {
        element::<web_sys::HtmlElement>(&root, &format!("[data-theme-choice='{choice}']")).click();
    };
    // The colours themselves come from the stylesheets, which this test page lacks: the
    // end-to-end suite checks them (tests/e2e/display.test.mjs).

    press("dark");
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(
        storage.get_item("atlas-theme").unwrap().as_deref(),
        Some("dark")
    );
    let pressed: web_sys::Element = element(&root, "[data-theme-choice][aria-pressed='true']");
    assert_eq!(
        pressed.get_attribute("data-theme-choice").as_deref(),
        Some("dark")
    );

    press("light");
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("light"));
    assert_eq!(
        storage.get_item("atlas-theme").unwrap().as_deref(),
        Some("light")
    );

    press("auto");
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("data-theme"), None);
    assert_eq!(storage.get_item("atlas-theme").unwrap(), None);
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

#[wasm_bindgen_test]
async fn footer_counts_the_embedded_dataset() {
    let root = mount_app();
    let counts = text_of(&root, ".site-footer__counts");
    let organisations = cancer_atlas::data::embedded().unwrap().organisations.len();
    assert!(
        counts.contains(&format!("{organisations} organisations")),
        "{counts}"
    );
    root.remove();
}

#[wasm_bindgen_test]
fn data_errors_are_listed_as_text_in_an_alert() {
    use cancer_atlas::data::{DataError, Problem};
    use cancer_atlas::{ui::data_errors::DataErrors, Locale};
    use leptos::prelude::*;
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let errors = vec![DataError {
        file: "data/relations.json".into(),
        record: Some("rel-001".into()),
        field: Some("to".into()),
        problem: Problem::UnknownReference {
            id: "<b>g7</b>".into(),
            expected: "an organisation or project",
        },
    }];
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        view! { <DataErrors errors=errors.clone()/> }
    })
    .forget();
    assert!(container.query_selector("[role=alert]").unwrap().is_some());
    let item = text_of(&container, ".data-errors__list li");
    assert_eq!(
        item,
        "data/relations.json › rel-001 › to: unknown reference `<b>g7</b>` (expected the id of an organisation or project)"
    );
    assert!(container
        .query_selector(".data-errors__list b")
        .unwrap()
        .is_none());
    container.remove();
}

/// Not a pass/fail timing: prints what parsing and validating the dataset costs in the
/// browser, for docs/performance.md (`cargo xtask test` shows it in the browser-test output).
#[wasm_bindgen_test]
fn measure_dataset_parse_time_in_the_browser() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let mut samples = Vec::new();
    for _ in 0..21 {
        let started = performance.now();
        let dataset = cancer_atlas::data::embedded().expect("valid dataset");
        samples.push(performance.now() - started);
        assert!(!dataset.organisations.is_empty());
    }
    samples.sort_by(f64::total_cmp);
    let line = format!(
        "dataset parse+validate in Chromium: median {:.2} ms, max {:.2} ms over {} runs",
        samples[samples.len() / 2],
        samples[samples.len() - 1],
        samples.len()
    );
    web_sys::console::log_1(&line.into());
}

#[wasm_bindgen_test]
async fn activating_a_marker_selects_the_organisation_and_draws_its_links() {
    let root = mount_app();
    leptos::task::tick().await;
    // Australia is off-screen in the first (Europe) view: show the whole world.
    let world: web_sys::HtmlElement = root
        .query_selector(".map__controls button:nth-child(3)")
        .unwrap()
        .unwrap()
        .unchecked_into();
    world.click();
    leptos::task::tick().await;
    let marker: web_sys::Element = root
        .query_selector(".map__marker[data-id='cancer-australia']")
        .unwrap()
        .expect("Cancer Australia stands alone in the world view");
    let label = marker.get_attribute("aria-label").unwrap();
    assert!(label.starts_with("Cancer Australia, Sydney"), "{label}");
    assert!(label.contains("Australia"), "{label}");
    // A real click bubbles, and the map listens once for all markers.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    marker.dispatch_event(&click).unwrap();
    leptos::task::tick().await;
    let links = text_of(&root, ".map__links");
    assert!(links.contains("Cancer Australia"), "{links}");
    assert!(links.contains("signatory of G7 Cancer"), "{links}");
    let arcs = root.query_selector_all(".map__arc").unwrap().length();
    assert!(arcs >= 6, "arcs to the other G7 Cancer members: {arcs}");
    let selected = root
        .query_selector(".map__marker--selected")
        .unwrap()
        .unwrap();
    assert_eq!(
        selected.get_attribute("data-id").as_deref(),
        Some("cancer-australia")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn activating_a_cluster_zooms_into_it() {
    let root = mount_app();
    leptos::task::tick().await;
    let scale = |root: &web_sys::HtmlElement| {
        let t = root
            .query_selector(".map__land")
            .unwrap()
            .unwrap()
            .get_attribute("transform")
            .unwrap();
        t.rsplit("scale(")
            .next()
            .unwrap()
            .trim_end_matches(')')
            .parse::<f64>()
            .unwrap()
    };
    let largest = |root: &web_sys::HtmlElement| {
        let all = root.query_selector_all(".map__cluster text").unwrap();
        (0..all.length())
            .filter_map(|i| all.item(i)?.text_content()?.parse::<u32>().ok())
            .max()
            .unwrap_or(1)
    };
    let (scale_before, largest_before) = (scale(&root), largest(&root));
    // Activate the biggest cluster by keyboard.
    let clusters = root.query_selector_all(".map__cluster").unwrap();
    let biggest: web_sys::Element = (0..clusters.length())
        .filter_map(|i| clusters.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .find(|el| el.text_content().as_deref() == Some(&largest_before.to_string()))
        .expect("the Europe view has clusters");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    biggest.dispatch_event(&key).unwrap();
    leptos::task::tick().await;
    assert!(scale(&root) > scale_before, "the map zoomed in");
    assert!(
        largest(&root) < largest_before,
        "the cluster split ({largest_before} → largest now {})",
        largest(&root)
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn moving_the_date_handle_changes_what_the_map_shows() {
    use cancer_atlas::model::PartialDate;
    let root = mount_app();
    leptos::task::tick().await;
    let count = |root: &web_sys::HtmlElement, selector: &str| {
        root.query_selector_all(selector).unwrap().length()
    };
    let shaded = |root: &web_sys::HtmlElement| count(root, ".map__country--member");
    assert!(
        shaded(&root) >= 7,
        "today, the seven G7 Cancer founders' countries are outlined"
    );
    let layer_today = count(&root, ".map__land--layer path");
    assert!(
        layer_today >= 25,
        "today's joint actions: {layer_today} countries"
    );

    let slider: web_sys::HtmlInputElement = root
        .query_selector(".timeline__slider")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let day_2014 = PartialDate::day(2014, 6, 1).first_day();
    slider.set_value(&day_2014.to_string());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    slider
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    leptos::task::tick().await;

    assert_eq!(shaded(&root), 0, "no G7 Cancer in 2014");
    let layer_2014 = count(&root, ".map__land--layer path");
    assert!(
        layer_2014 > 0 && layer_2014 != layer_today,
        "2014's joint actions: {layer_2014} countries"
    );
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("1 June 2014")
    );
    assert!(text_of(&root, ".map__asof").contains("1 June 2014"));
    root.remove();
}

#[wasm_bindgen_test]
async fn choosing_a_timeline_item_selects_it_app_wide() {
    let root = mount_app();
    leptos::task::tick().await;
    let item = root
        .query_selector(".timeline__item[data-id='crane']")
        .unwrap()
        .expect("CraNE is on the timeline");
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    item.dispatch_event(
        &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap(),
    )
    .unwrap();
    leptos::task::tick().await;
    let selected = root
        .query_selector(".timeline__item.is-selected")
        .unwrap()
        .unwrap();
    assert_eq!(selected.get_attribute("data-id").as_deref(), Some("crane"));
    // The details, the map's arcs and its highlighted markers follow.
    assert!(text_of(&root, ".details__name").starts_with("CraNE — "));
    assert!(root.query_selector_all(".map__links li").unwrap().length() >= 3);
    assert!(
        root.query_selector_all(".map__arc").unwrap().length() >= 2,
        "arcs from NIJZ to the partners"
    );
    root.remove();
}

fn element<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn key(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn a_link_with_selection_language_and_filters_opens_that_view() {
    let root = mount_app_at("?lang=fr&sel=crane&kind=cancer-centre&view=table&tab=projects");
    leptos::task::tick().await;
    assert!(text_of(&root, "#details-name").starts_with("CraNE — "));
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fr"));
    assert!(
        root.query_selector("table.table").unwrap().is_some(),
        "table view"
    );
    assert!(text_of(&root, ".table caption").starts_with("Projets — "));
    let checked: web_sys::HtmlInputElement = element(&root, ".facet input:checked");
    assert!(checked.checked());
    root.remove();
    // Back to the defaults for the other tests.
    mount_app_at("?lang=en").remove();
}

#[wasm_bindgen_test]
async fn a_bad_link_shows_a_notice_and_the_app() {
    let root = mount_app_at("?sel=nowhere&zoom=3&date=2023-02-30");
    leptos::task::tick().await;
    let notice = text_of(&root, ".notice");
    for part in ["sel=nowhere", "zoom", "date=2023-02-30"] {
        assert!(notice.contains(part), "{part} in {notice}");
    }
    assert!(root.query_selector(".region--map").unwrap().is_some());
    assert!(root.query_selector("#details-name").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn the_search_combobox_finds_without_accents_and_selects_by_keyboard() {
    let root = mount_app();
    let input: web_sys::HtmlInputElement = element(&root, "#search-input");
    input.focus().unwrap();
    input.set_value("leon berard");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(text_of(&root, "#search-option-0").contains("Centre Léon Bérard"));
    key(&input, "ArrowDown");
    leptos::task::tick().await;
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("search-option-0")
    );
    key(&input, "Enter");
    leptos::task::tick().await;
    assert!(text_of(&root, "#details-name").contains("Centre Léon Bérard"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn ticking_a_facet_narrows_the_count_and_clearing_restores_it() {
    let root = mount_app();
    leptos::task::tick().await;
    let all = text_of(&root, ".toolbar__count");
    let boxes = root
        .query_selector_all(".facet input[type=checkbox]")
        .unwrap();
    assert!(
        boxes.length() > 10,
        "programmes, kinds, countries and relation kinds"
    );
    // The first kind of organisation with a non-zero count.
    let label = text_of(&root, "label[for='facet-kind-0']");
    let n: usize = label
        .rsplit('(')
        .next()
        .unwrap()
        .trim_end_matches(')')
        .parse()
        .unwrap();
    element::<web_sys::HtmlInputElement>(&root, "#facet-kind-0").click();
    leptos::task::tick().await;
    let narrowed = text_of(&root, ".toolbar__count");
    assert!(
        narrowed.starts_with(&format!("{n} of ")),
        "{narrowed} after ticking {label}"
    );
    element::<web_sys::HtmlElement>(&root, ".filters__clear").click();
    leptos::task::tick().await;
    assert_eq!(text_of(&root, ".toolbar__count"), all);
    root.remove();
}
