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

/// Where reports of a correction go when the build is not told otherwise (docs/guide.md,
/// "Version, licence, citation and corrections").
const DEFAULT_CORRECTIONS: &str = "corrections@cancer-cooperation-atlas.org";

/// What `graph::embedded` reads in the app: the bytes this script is about to write.
const EMBEDDED_NETWORK: &[u8] = &[];

fn main() {
    println!("cargo::rerun-if-changed=data");
    // Where "Report a correction" sends reports: set when the site is built, else the
    // address docs/guide.md states (src/correction.rs).
    println!("cargo::rerun-if-env-changed=ATLAS_CORRECTIONS");
    let corrections = std::env::var("ATLAS_CORRECTIONS")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_CORRECTIONS.to_owned());
    println!("cargo::rustc-env=ATLAS_CORRECTIONS={}", corrections.trim());
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    match releases(include_str!("data/changelog.json")) {
        Ok(code) => std::fs::write(out.join("release.rs"), code).expect("OUT_DIR is writable"),
        Err(errors) => {
            for e in &errors {
                println!("cargo::error=data/changelog.json: {e}");
            }
            std::process::exit(1);
        }
    }
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

/// `data/changelog.json` checked (versions `x.y.z`, newest first, dates `YYYY-MM-DD` not
/// increasing, every change in both languages and in the house typography), as the Rust
/// source of `release::RELEASES`.
fn releases(text: &str) -> Result<String, Vec<String>> {
    use serde_json::Value;
    let list: Vec<Value> = serde_json::from_str(text).map_err(|e| vec![e.to_string()])?;
    let mut errors = Vec::new();
    let mut code = String::from("pub const RELEASES: &[Release] = &[\n");
    let mut previous: Option<(Vec<u32>, String)> = None;
    let lit = |s: &str| format!("{s:?}");
    for (i, r) in list.iter().enumerate() {
        let version = r["version"].as_str().unwrap_or_default();
        let date = r["date"].as_str().unwrap_or_default();
        let parts: Vec<u32> = version.split('.').filter_map(|p| p.parse().ok()).collect();
        if parts.len() != 3 || version.split('.').count() != 3 {
            errors.push(format!("[{i}] version `{version}` is not x.y.z"));
        }
        let day_ok = model::PartialDate::parse(date).is_ok_and(|d| d.day.is_some());
        if !day_ok {
            errors.push(format!("[{i}] date `{date}` is not YYYY-MM-DD"));
        }
        if let Some((v, d)) = &previous {
            if parts >= *v || date > d.as_str() {
                errors.push(format!(
                    "[{i}] {version} ({date}) is not older than the entry before it: newest first"
                ));
            }
        }
        previous = Some((parts, date.to_owned()));
        let changes = r["changes"].as_array().cloned().unwrap_or_default();
        if changes.is_empty() {
            errors.push(format!("[{i}] {version} lists no change"));
        }
        let mut side = |lang: &str| -> String {
            let texts: Vec<String> = changes
                .iter()
                .map(|c| c[lang].as_str().unwrap_or_default().trim().to_owned())
                .collect();
            for (k, t) in texts.iter().enumerate() {
                if t.is_empty() {
                    errors.push(format!(
                        "[{i}] changes[{k}]: missing {} text",
                        lang.to_uppercase()
                    ));
                } else if let Some(f) = typography::fault(t, lang == "fr") {
                    errors.push(format!(
                        "[{i}] changes[{k}] {}: {}",
                        lang.to_uppercase(),
                        f.what
                    ));
                }
            }
            texts.iter().map(|t| lit(t)).collect::<Vec<_>>().join(", ")
        };
        let (en, fr) = (side("en"), side("fr"));
        code.push_str(&format!(
            "    Release {{ version: {}, date: {}, en: &[{en}], fr: &[{fr}] }},\n",
            lit(version),
            lit(date)
        ));
    }
    if list.is_empty() {
        errors.push("no release: the dataset needs a version".to_owned());
    }
    code.push_str("];\n");
    // The newest version and date on their own, so that the app's wasm, which shows only
    // these, does not carry the whole changelog.
    if let Some(r) = list.first() {
        code.push_str(&format!(
            "pub const VERSION: &str = {};\npub const UPDATED: &str = {};\n",
            lit(r["version"].as_str().unwrap_or_default()),
            lit(r["date"].as_str().unwrap_or_default())
        ));
    }
    if errors.is_empty() {
        Ok(code)
    } else {
        Err(errors)
    }
}
