//! Entry point: install the panic banner first and start reading a dataset given by
//! address (`?data=`) in its worker; then, once the prerendered first screen
//! has been painted (src/boot.rs), mount the app on `<body>` in its place (in two tasks,
//! out of sight until it is whole: `App`), replay a click
//! made on it meanwhile, and register the service worker for offline use.

fn main() {
    cancer_atlas::panic_banner::install();
    // A dataset by address starts loading in its worker at once, while the page paints.
    cancer_atlas::ui::custom_data::start_early();
    wasm_bindgen_futures::spawn_local(async {
        cancer_atlas::boot::after_first_paint().await;
        // The built-in data is read in a task of its own, then the app is mounted.
        if !cancer_atlas::ui::location::search().contains("data=") {
            cancer_atlas::preload();
            cancer_atlas::boot::next_task().await;
        }
        leptos::mount::mount_to_body(cancer_atlas::App);
        // A start behind the first screen is built in tasks of their own, then shown.
        cancer_atlas::boot::next_task().await;
        while cancer_atlas::build_rest() {
            cancer_atlas::boot::next_task().await;
        }
        cancer_atlas::show_app();
        cancer_atlas::register_service_worker();
        cancer_atlas::boot::replay_click().await;
    });
}
