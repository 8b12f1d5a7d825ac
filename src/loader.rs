//! Another dataset by address (`?data=<url>`), read off the page: what the dataset worker
//! (`src/worker.rs`, its own wasm, loaded only when a visit asks for `?data=`) and the app
//! (`ui::custom_data`) say to each other, and the checks the worker makes. Pure: no leptos,
//! no I/O, so the protocol and the checks are tested natively.
//!
//! The app sends the dataset's address; the worker fetches it, parses and validates the
//! JSON and sends back one [`Outcome`] in the binary form of `data::binary`: the validated
//! dataset, or why it cannot be used (with every problem as text naming file, record and
//! field). So the app itself carries neither the JSON parser nor the validator and its
//! messages: a first visit never downloads them.

use crate::data::binary::{self, Binary, Reader, Writer};
use crate::data::DataError;
use crate::graph::{self, Layouts};
use crate::model::Dataset;
use std::time::Duration;

/// The largest dataset the atlas will read, in bytes: room for 10 000 organisations with
/// relations and events in the real proportions (8.2 MB, `cargo xtask bench`).
pub const MAX_BYTES: usize = 10_000_000;
/// How long the atlas waits for an answer.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// The worker's script (`public/dataset-worker_loader.js`, which loads the glue and wasm
/// Trunk builds from `src/bin/dataset-worker.rs`), at the site's root: Trunk gives workers
/// fixed names, so they are not under the year-long cache of /assets/.
pub const WORKER_SCRIPT: &str = "/dataset-worker_loader.js";

/// Why a dataset could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Network,
    Timeout,
    Status(u16),
    TooLarge,
    ContentType(String),
    /// Every problem the validation found, as text (file › record › field: problem).
    Invalid(Vec<String>),
    /// The worker that reads datasets could not be started (offline, or a damaged site).
    Reader,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The validated dataset and its network's layouts (`graph::layout`), computed in the
    /// worker so that the page never carries nor runs the layout.
    Loaded(Box<Dataset>, Layouts),
    Failed(Failure),
}

impl Binary for Failure {
    fn write(&self, w: &mut Writer) {
        match self {
            Failure::Network => 0u8.write(w),
            Failure::Timeout => 1u8.write(w),
            Failure::Status(code) => {
                2u8.write(w);
                u32::from(*code).write(w);
            }
            Failure::TooLarge => 3u8.write(w),
            Failure::ContentType(kind) => {
                4u8.write(w);
                kind.write(w);
            }
            Failure::Invalid(problems) => {
                5u8.write(w);
                problems.write(w);
            }
            Failure::Reader => 6u8.write(w),
        }
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        Some(match u8::read(r)? {
            0 => Failure::Network,
            1 => Failure::Timeout,
            2 => Failure::Status(u16::try_from(u32::read(r)?).ok()?),
            3 => Failure::TooLarge,
            4 => Failure::ContentType(String::read(r)?),
            5 => Failure::Invalid(Vec::read(r)?),
            6 => Failure::Reader,
            _ => return None,
        })
    }
}

impl Binary for Outcome {
    fn write(&self, w: &mut Writer) {
        match self {
            Outcome::Loaded(data, layouts) => {
                0u8.write(w);
                data.write(w);
                layouts.write(w);
            }
            Outcome::Failed(failure) => {
                1u8.write(w);
                failure.write(w);
            }
        }
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        match u8::read(r)? {
            0 => Some(Outcome::Loaded(
                Box::new(Dataset::read(r)?),
                Layouts::read(r)?,
            )),
            1 => Failure::read(r).map(Outcome::Failed),
            _ => None,
        }
    }
}

impl Outcome {
    /// The worker's message.
    pub fn encode(&self) -> Vec<u8> {
        binary::encode_value(self)
    }

    /// The app's reading of it: bytes that are not one whole outcome are the worker's
    /// failure, never a panic.
    pub fn decode(bytes: &[u8]) -> Outcome {
        binary::decode_value(bytes).unwrap_or(Outcome::Failed(Failure::Reader))
    }
}

/// A content type a JSON dataset may be served with: JSON itself, or plain text (raw file
/// hosts serve `.json` files as `text/plain`). Parameters (`; charset=utf-8`) are ignored.
pub fn acceptable_content_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || essence == "text/plain"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// What the worker answers for the document `text` fetched from `address`: the dataset
/// once it validates, with its network laid out, or every problem, as the visitor reads
/// them.
pub fn check(address: &str, text: &str) -> Outcome {
    match crate::data::load_document(address, text) {
        Ok(data) => {
            let layouts = graph::layout(&data, &graph::Graph::new(&data));
            Outcome::Loaded(Box::new(data), layouts)
        }
        Err(errors) => Outcome::Failed(Failure::Invalid(
            errors.iter().map(DataError::to_string).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_plain_text_are_accepted_web_pages_are_not() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
            "text/plain; charset=utf-8",
            "application/geo+json",
            "text/json",
        ] {
            assert!(acceptable_content_type(ok), "{ok}");
        }
        for bad in [
            "text/html",
            "text/html; charset=utf-8",
            "",
            "application/octet-stream",
            "image/png",
            "application/jsonp",
        ] {
            assert!(!acceptable_content_type(bad), "{bad}");
        }
    }

    fn document() -> String {
        let mut doc = String::from("{\"schema\": 1");
        for (section, text) in crate::data::EMBEDDED.sections() {
            doc.push_str(&format!(", \"{section}\": {text}"));
        }
        doc.push('}');
        doc
    }

    #[test]
    fn a_valid_document_comes_back_as_the_same_dataset() {
        let outcome = check("atlas.json", &document());
        let Outcome::Loaded(data, layouts) = &outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(**data, crate::data::embedded().unwrap());
        assert_eq!(Outcome::decode(&outcome.encode()), outcome);
        // The worker lays the network out as the build does for the embedded data.
        assert_eq!(Some(layouts), crate::graph::embedded().as_ref());
    }

    #[test]
    fn problems_reach_the_app_as_the_validator_words_them() {
        let broken = document().replacen("\"from\": \"", "\"from\": \"no-such-org", 1);
        let outcome = check("https://example.org/atlas.json", &broken);
        let Outcome::Failed(Failure::Invalid(problems)) = &outcome else {
            panic!("{outcome:?}")
        };
        assert!(
            problems.iter().any(
                |p| p.starts_with("https://example.org/atlas.json (relations) › ")
                    && p.contains("no-such-org")
            ),
            "{problems:?}"
        );
        assert_eq!(Outcome::decode(&outcome.encode()), outcome);
        let not_json = check("a.json", "{\"schema\": 1,\n oops");
        let Outcome::Failed(Failure::Invalid(problems)) = &not_json else {
            panic!("{not_json:?}")
        };
        assert!(problems[0].contains("line 2"), "{problems:?}");
    }

    #[test]
    fn a_loaded_dataset_and_its_layouts_survive_the_trip_and_damage_is_the_readers_failure() {
        let data = crate::data::embedded().unwrap();
        let layouts = graph::layout(&data, &graph::Graph::new(&data));
        assert!(!layouts.free.pos.is_empty());
        let outcome = Outcome::Loaded(Box::new(data), layouts);
        let bytes = outcome.encode();
        assert_eq!(Outcome::decode(&bytes), outcome);
        for cut in (0..bytes.len()).step_by(97) {
            assert_eq!(
                Outcome::decode(&bytes[..cut]),
                Outcome::Failed(Failure::Reader)
            );
        }
    }

    #[test]
    fn the_app_words_a_damaged_build_as_the_validator_would() {
        let error = DataError {
            file: "data/".into(),
            record: None,
            field: None,
            problem: crate::data::Problem::Unreadable,
        };
        assert_eq!(error.to_string(), crate::UNREADABLE_BUILD);
    }

    #[test]
    fn every_failure_survives_the_trip_and_damaged_messages_are_the_readers_failure() {
        for failure in [
            Failure::Network,
            Failure::Timeout,
            Failure::Status(404),
            Failure::Status(u16::MAX),
            Failure::TooLarge,
            Failure::ContentType("text/html; charset=utf-8".into()),
            Failure::Invalid(vec!["a › b › c: d".into(), "a › b › c: d".into()]),
            Failure::Reader,
        ] {
            let outcome = Outcome::Failed(failure);
            assert_eq!(Outcome::decode(&outcome.encode()), outcome);
        }
        let bytes = Outcome::Failed(Failure::Status(500)).encode();
        for cut in 0..bytes.len() {
            assert_eq!(
                Outcome::decode(&bytes[..cut]),
                Outcome::Failed(Failure::Reader)
            );
        }
        assert_eq!(
            Outcome::decode(&[1, 1, 9]),
            Outcome::Failed(Failure::Reader)
        );
    }
}
