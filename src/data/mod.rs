//! The dataset: read from JSON (the files under `data/`, embedded at build time, or one
//! document in the same schema), then validated into a [`Dataset`]. Pure: no leptos.
//!
//! Raw text → `raw::RawDataset` (serde) → `validate::validate` → `model::Dataset`.
//! Every step returns errors as values that name file, record and field.

pub mod binary;
mod iso3166;
pub mod raw;
pub mod report;
pub mod validate;

use crate::model::Dataset;
use raw::RawDataset;
use serde::de::DeserializeOwned;
pub use validate::{DataError, Problem};

/// The schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The dataset's sections, one JSON array each (one file each under `data/`).
#[derive(Clone, Copy, Debug)]
pub struct Files<'a> {
    pub sources: &'a str,
    pub countries: &'a str,
    pub organisations: &'a str,
    pub programmes: &'a str,
    pub projects: &'a str,
    pub relations: &'a str,
    pub events: &'a str,
    pub figures: &'a str,
    pub conflicts: &'a str,
}

impl<'a> Files<'a> {
    /// `(section, text)` pairs, in the order of a whole-dataset document.
    pub fn sections(&self) -> [(&'static str, &'a str); 9] {
        [
            ("sources", self.sources),
            ("countries", self.countries),
            ("organisations", self.organisations),
            ("programmes", self.programmes),
            ("projects", self.projects),
            ("relations", self.relations),
            ("events", self.events),
            ("figures", self.figures),
            ("conflicts", self.conflicts),
        ]
    }
}

/// The files under `data/`, compiled into the app.
pub const EMBEDDED: Files<'static> = Files {
    sources: include_str!("../../data/sources.json"),
    countries: include_str!("../../data/countries.json"),
    organisations: include_str!("../../data/organisations.json"),
    programmes: include_str!("../../data/programmes.json"),
    projects: include_str!("../../data/projects.json"),
    relations: include_str!("../../data/relations.json"),
    events: include_str!("../../data/events.json"),
    figures: include_str!("../../data/figures.json"),
    conflicts: include_str!("../../data/conflicts.json"),
};

/// Names sections `data/<section>.json`.
struct DataDir;

impl validate::Origin for DataDir {
    fn file(&self, section: &str) -> String {
        format!("data/{section}.json")
    }

    fn house_style(&self) -> bool {
        true
    }
}

/// Names sections by the document they came from (a URL or a file name).
struct Document<'a>(&'a str);

impl validate::Origin for Document<'_> {
    fn file(&self, section: &str) -> String {
        format!("{} ({section})", self.0)
    }
}

fn json_error(file: String, e: &serde_json::Error) -> DataError {
    DataError {
        file,
        record: None,
        field: None,
        problem: Problem::Json {
            line: e.line(),
            column: e.column(),
            message: strip_position(e),
        },
    }
}

/// serde_json's message without its own " at line L column C" suffix.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn section<T: DeserializeOwned>(name: &str, text: &str, errors: &mut Vec<DataError>) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_else(|e| {
        errors.push(json_error(format!("data/{name}.json"), &e));
        Vec::new()
    })
}

/// Reads and validates the dataset from its section files.
pub fn load_files(files: &Files<'_>) -> Result<Dataset, Vec<DataError>> {
    let mut errors = Vec::new();
    let raw = RawDataset {
        schema: Some(SCHEMA_VERSION),
        sources: section("sources", files.sources, &mut errors),
        countries: section("countries", files.countries, &mut errors),
        organisations: section("organisations", files.organisations, &mut errors),
        programmes: section("programmes", files.programmes, &mut errors),
        projects: section("projects", files.projects, &mut errors),
        relations: section("relations", files.relations, &mut errors),
        events: section("events", files.events, &mut errors),
        figures: section("figures", files.figures, &mut errors),
        conflicts: section("conflicts", files.conflicts, &mut errors),
    };
    // References into a file that did not parse would all look broken: stop here.
    if !errors.is_empty() {
        return Err(errors);
    }
    validate::validate(&raw, &DataDir)
}

/// Reads and validates a whole dataset from one JSON document, named `name` in errors.
pub fn load_document(name: &str, text: &str) -> Result<Dataset, Vec<DataError>> {
    let raw: RawDataset =
        serde_json::from_str(text).map_err(|e| vec![json_error(name.to_owned(), &e)])?;
    if let Some(version) = raw.schema {
        if version != SCHEMA_VERSION {
            return Err(vec![DataError {
                file: name.to_owned(),
                record: None,
                field: Some("schema".to_owned()),
                problem: Problem::UnknownValue {
                    value: version.to_string(),
                    allowed: vec!["1"],
                },
            }]);
        }
    }
    validate::validate(&raw, &Document(name))
}

/// The embedded dataset, validated.
pub fn embedded() -> Result<Dataset, Vec<DataError>> {
    load_files(&EMBEDDED)
}
