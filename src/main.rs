//! Entry point: install the panic banner first, then mount the app on `<body>`, then
//! register the service worker for offline use.

fn main() {
    cancer_atlas::panic_banner::install();
    leptos::mount::mount_to_body(cancer_atlas::App);
    cancer_atlas::register_service_worker();
}
