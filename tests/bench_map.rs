//! Map benchmark in headless Chromium: one zoom step (clustering, markup, DOM update) with
//! the real dataset and with synthetic ones; and the network layout in wasm, as the
//! dataset worker runs it. Not part of `cargo xtask test`: run it with
//! `cargo xtask bench`, which prints the `BENCH` lines as a table.
#![cfg(target_arch = "wasm32")]

use cancer_atlas::i18n::Lang;
use cancer_atlas::model::Dataset;
use cancer_atlas::testing::synthetic;
use cancer_atlas::ui::map::MapRegion;
use cancer_atlas::{Atlas, Locale, Selection};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The real dataset plus `extra` synthetic organisations with relations and events in the
/// real proportions (`cancer_atlas::testing::synthetic`), through the dataset loader.
fn dataset_with(extra: usize) -> Dataset {
    let text = synthetic::document(&cancer_atlas::data::EMBEDDED.sections(), extra);
    cancer_atlas::data::load_document("synthetic", &text).expect("a valid synthetic dataset")
}

/// Waits for the next animation frame, so that the map and timeline have measured their
/// boxes (a ResizeObserver reports after layout) before anything is timed.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    leptos::task::tick().await;
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Prints one `BENCH` line (read by `cargo xtask bench`): the case, its fields and the
/// p50/p95/max of the samples in milliseconds.
fn report(bench: &str, case: &str, fields: &str, mut samples: Vec<f64>) {
    samples.sort_by(f64::total_cmp);
    web_sys::console::log_1(
        &format!(
            "BENCH {bench} {case} {fields} steps={} p50_ms={:.2} p95_ms={:.2} max_ms={:.2}",
            samples.len(),
            percentile(&samples, 0.5),
            percentile(&samples, 0.95),
            samples[samples.len() - 1]
        )
        .into(),
    );
}

async fn bench(name: &str, data: Dataset) {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let organisations = data.organisations.len();
    let atlas = Arc::new(data);
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        provide_context(Selection(RwSignal::new(None)));
        provide_context(Atlas(atlas.clone()));
        provide_context(cancer_atlas::Explore::new(atlas.clone()));
        provide_context(cancer_atlas::AsOf(RwSignal::new(cancer_atlas::today())));
        view! { <MapRegion/> }
    })
    .forget();
    leptos::task::tick().await;
    next_frame().await;
    let map: web_sys::HtmlElement = container
        .query_selector(".map")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let performance = web_sys::window().unwrap().performance().unwrap();
    let mut samples = Vec::new();
    for round in 0..3 {
        for key in [
            "+", "+", "+", "+", "+", "+", "+", "+", "-", "-", "-", "-", "-", "-", "-", "-",
        ] {
            let init = web_sys::KeyboardEventInit::new();
            init.set_key(key);
            let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                .unwrap();
            let started = performance.now();
            map.dispatch_event(&event).unwrap();
            leptos::task::tick().await;
            let _ = round;
            samples.push(performance.now() - started);
        }
    }
    let markers = container
        .query_selector_all(".map__marker, .map__cluster")
        .unwrap()
        .length();
    assert!(markers > 0);
    report(
        "map-zoom-step",
        name,
        &format!("organisations={organisations}"),
        samples,
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn zoom_step_with_the_real_dataset() {
    bench("real", dataset_with(0)).await;
}

#[wasm_bindgen_test]
async fn zoom_step_with_100_organisations() {
    bench("synthetic-100", dataset_with(100)).await;
}

#[wasm_bindgen_test]
async fn zoom_step_with_1000_organisations() {
    bench("synthetic-1k", dataset_with(1_000)).await;
}

#[wasm_bindgen_test]
async fn zoom_step_with_10000_organisations() {
    bench("synthetic-10k", dataset_with(10_000)).await;
}

/// Moving the as-of date: map (snapshot, clustering, markup) and timeline (as-of line and
/// lanes) redrawn.
async fn bench_date_change(name: &str, data: Dataset) {
    use cancer_atlas::model::PartialDate;
    use cancer_atlas::ui::timeline::TimelineRegion;
    use cancer_atlas::AsOf;
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let (organisations, events) = (data.organisations.len(), data.events.len());
    let atlas = Arc::new(data);
    let as_of = RwSignal::new(PartialDate::day(2026, 1, 1).first_day());
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        provide_context(Selection(RwSignal::new(None)));
        provide_context(Atlas(atlas.clone()));
        provide_context(cancer_atlas::Explore::new(atlas.clone()));
        provide_context(AsOf(as_of));
        view! { <MapRegion/><TimelineRegion/> }
    })
    .forget();
    leptos::task::tick().await;
    next_frame().await;
    let performance = web_sys::window().unwrap().performance().unwrap();
    let mut samples = Vec::new();
    for year in (2000..2027).chain((2000..2027).rev()) {
        let started = performance.now();
        as_of.set(PartialDate::day(year, 6, 1).first_day());
        leptos::task::tick().await;
        samples.push(performance.now() - started);
    }
    report(
        "date-change",
        name,
        &format!("organisations={organisations} events={events}"),
        samples,
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn date_change_with_the_real_dataset() {
    bench_date_change("real", dataset_with(0)).await;
}

#[wasm_bindgen_test]
async fn date_change_with_100_items() {
    bench_date_change("synthetic-100", dataset_with(100)).await;
}

#[wasm_bindgen_test]
async fn date_change_with_1000_items() {
    bench_date_change("synthetic-1k", dataset_with(1_000)).await;
}

#[wasm_bindgen_test]
async fn date_change_with_10000_items() {
    bench_date_change("synthetic-10k", dataset_with(10_000)).await;
}

/// The network layout (`graph::layout`) in wasm, as the dataset worker runs it for a
/// dataset given by `?data=` (the embedded dataset's is computed when the app is built).
fn bench_network_layout(name: &str, data: Dataset) {
    use cancer_atlas::graph;
    let performance = web_sys::window().unwrap().performance().unwrap();
    let graph = graph::Graph::new(&data);
    let mut samples = Vec::new();
    for _ in 0..if data.organisations.len() > 2000 {
        1
    } else {
        3
    } {
        let started = performance.now();
        let layouts = graph::layout(&data, &graph);
        samples.push(performance.now() - started);
        assert_eq!(layouts.free.pos.len(), graph.nodes.len());
    }
    report(
        "network-layout",
        name,
        &format!(
            "organisations={} nodes={}",
            data.organisations.len(),
            graph.nodes.len()
        ),
        samples,
    );
}

#[wasm_bindgen_test]
fn network_layout_of_the_real_dataset() {
    bench_network_layout("real", dataset_with(0));
}

#[wasm_bindgen_test]
fn network_layout_with_10000_organisations() {
    bench_network_layout("synthetic-10k", dataset_with(10_000));
}

/// The network view: its first draw (mount to markup in the page) and a date step (what
/// shows recomputed, the markup redrawn), with layouts computed as the worker would.
async fn bench_network_view(name: &str, data: Dataset) {
    use cancer_atlas::model::PartialDate;
    use cancer_atlas::ui::network::NetworkRegion;
    use cancer_atlas::{graph, AsOf, NetworkData};
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container.set_class_name("bench-network");
    document.body().unwrap().append_child(&container).unwrap();
    let organisations = data.organisations.len();
    let layouts = graph::layout(&data, &graph::Graph::new(&data));
    let network = Arc::new(graph::Network::new(&data, Some(layouts)));
    let atlas = Arc::new(data);
    let as_of = RwSignal::new(PartialDate::day(2026, 1, 1).first_day());
    let performance = web_sys::window().unwrap().performance().unwrap();
    let started = performance.now();
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::En)));
        provide_context(Selection(RwSignal::new(None)));
        provide_context(Atlas(atlas.clone()));
        provide_context(NetworkData(network.clone()));
        provide_context(cancer_atlas::Explore::new(atlas.clone()));
        provide_context(AsOf(as_of));
        view! { <NetworkRegion/> }
    })
    .forget();
    leptos::task::tick().await;
    let first = performance.now() - started;
    next_frame().await;
    let drawn = container
        .query_selector_all(".net__node, .net__mass")
        .unwrap()
        .length();
    assert!(drawn > 0);
    report(
        "network-first-draw",
        name,
        &format!("organisations={organisations}"),
        vec![first],
    );
    let mut samples = Vec::new();
    for year in (2000..2027).chain((2000..2027).rev()) {
        let started = performance.now();
        as_of.set(PartialDate::day(year, 6, 1).first_day());
        leptos::task::tick().await;
        samples.push(performance.now() - started);
    }
    report(
        "network-date-step",
        name,
        &format!("organisations={organisations}"),
        samples,
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn network_view_with_the_real_dataset() {
    bench_network_view("real", dataset_with(0)).await;
}

#[wasm_bindgen_test]
async fn network_view_with_10000_organisations() {
    bench_network_view("synthetic-10k", dataset_with(10_000)).await;
}
