//! Validates the dataset under `data/` when the app is built, and writes it in the form the
//! app reads at start-up (`src/data/binary.rs`): a visitor's browser never parses or checks
//! the data the site ships with. Invalid data stops the build with every problem listed
//! (file, record, field), as `cargo xtask data` lists them.
//!
//! The pure modules that define, read and check the data are compiled into this script
//! from the crate's own sources (`#[path]`): one schema, one validator, nothing copied.
//! It also lays out the network view (`src/graph/`) and writes its layouts beside it.

// The modules are linted where they belong, in the library; here most of them is unused.
#![allow(dead_code, unused_imports, clippy::all)]

#[path = "src/data/mod.rs"]
mod data;
#[path = "src/filter.rs"]
mod filter;
#[path = "src/geo/mod.rs"]
mod geo;
#[path = "src/graph/mod.rs"]
mod graph;
#[path = "src/i18n.rs"]
mod i18n;
#[path = "src/model/mod.rs"]
mod model;
#[path = "src/participation.rs"]
mod participation;
#[path = "src/sort.rs"]
mod sort;
#[path = "src/typography.rs"]
mod typography;

/// What `graph::embedded` reads in the app: the bytes this script is about to write.
const EMBEDDED_NETWORK: &[u8] = &[];

fn main() {
    println!("cargo::rerun-if-changed=data");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    match data::embedded() {
        Ok(dataset) => {
            let bytes = data::binary::encode(&dataset);
            std::fs::write(out.join("dataset.bin"), bytes).expect("OUT_DIR is writable");
            // The network view's layouts: computed here, so that a visit never runs them.
            let layouts = graph::layout(&dataset, &graph::Graph::new(&dataset));
            std::fs::write(out.join("network.bin"), graph::encode(&layouts))
                .expect("OUT_DIR is writable");
        }
        Err(errors) => {
            for e in &errors {
                println!("cargo::error={e}");
            }
            std::process::exit(1);
        }
    }
}
