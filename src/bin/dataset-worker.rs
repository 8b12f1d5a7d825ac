//! The dataset worker's entry point (Trunk builds it as a worker: index.html). Loaded only
//! when an address asks for another dataset (`?data=`): see `src/worker.rs`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    cancer_atlas::worker::start();
}
